// The programme as visitors use it: filters and search that live in the URL (shareable, undone
// by Back), an announced result count, an empty state with a way out, a zone picker that is
// remembered, stars kept in the browser, "My agenda" with clashes, a share link and import, and
// calendar files (prebuilt per session, made in the browser for a filtered view and an agenda).
import { readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { expect, main, open, parseRange, test } from './support';

const PROGRAMME = '/istiocon-2022/programme/';
const sessions = (page: Page) => main(page).locator('ul.session-list > li:visible');
const count = (page: Page) => main(page).locator('p.result-count[role="status"]');

test('a filter changes the list and the URL; Back undoes it; the shared URL opens filtered', async ({ page }) => {
  await open(page, PROGRAMME);
  await expect(count(page)).toHaveText('65 sessions');
  await expect(sessions(page)).toHaveCount(65);

  await page.getByLabel('Day', { exact: true }).selectOption('2');
  await expect(page).toHaveURL(/\/istiocon-2022\/programme\/\?day=2$/);
  await expect(count(page)).toHaveText('20 sessions of 65 match these filters');
  await expect(sessions(page)).toHaveCount(20);
  // Only day 2 is shown, and its heading with it.
  await expect(main(page).locator('section.day:visible h2')).toHaveText([/^Day 2: /]);

  await page.getByLabel('Track').selectOption({ label: 'Use case' });
  await expect(page).toHaveURL(/\?day=2&track=use-case$/);
  const both = await sessions(page).count();
  expect(both).toBeGreaterThan(0);
  expect(both).toBeLessThan(20);

  await page.goBack();
  await expect(page).toHaveURL(/\?day=2$/);
  await expect(sessions(page)).toHaveCount(20);
  await expect(page.getByLabel('Track')).toHaveValue('');
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`${PROGRAMME}$`));
  await expect(sessions(page)).toHaveCount(65);

  // Someone opens a shared, filtered link.
  await open(page, `${PROGRAMME}?lang=Chinese&type=Presentation`);
  await expect(page.getByLabel('Language')).toHaveValue('Chinese');
  await expect(page.getByLabel('Type')).toHaveValue('Presentation');
  // textContent: sessions far down the page are not laid out (content-visibility), so have no innerText.
  const chinese = await sessions(page).allTextContents();
  expect(chinese.length).toBeGreaterThan(0);
  for (const text of chinese) {
    expect(text).toContain('Chinese');
    expect(text).toContain('Presentation');
  }
  await expect(count(page)).toHaveText(`${chinese.length} sessions of 65 match these filters`);
});

test('search ignores case and accents, keeps focus while typing, and is one history entry', async ({ page }) => {
  await open(page, '/istiocon-2021/programme/');
  const search = page.getByLabel('Search titles and speakers');
  await search.click();
  await search.pressSequentially('NUNEZ cacho');
  await expect(search).toBeFocused();
  await expect(sessions(page)).toHaveCount(1);
  await expect(sessions(page).first()).toContainText('Santiago Núñez-Cacho');
  await expect(page).toHaveURL(/\?q=NUNEZ(\+|%20)cacho$/);
  // Eleven keystrokes, one history entry: Back returns to the unfiltered programme.
  await page.goBack();
  await expect(page).toHaveURL(/\/istiocon-2021\/programme\/$/);
  await expect(sessions(page)).toHaveCount(65);
  await expect(search).toHaveValue('');

  // Designations are searched too (IstioCon 2022: speakers from Google).
  await open(page, `${PROGRAMME}?q=google`);
  expect(await sessions(page).count()).toBeGreaterThan(3);
});

test('no match: the page says so, announces it, and clears the filters', async ({ page }) => {
  await open(page, `${PROGRAMME}?q=no-such-words-anywhere&day=1`);
  await expect(sessions(page)).toHaveCount(0);
  await expect(count(page)).toHaveText('No session of 65 matches these filters');
  await expect(count(page)).toHaveAttribute('aria-live', 'polite');
  const empty = main(page).locator('.no-results');
  await expect(empty).toBeVisible();
  await empty.getByRole('button', { name: 'Clear all filters' }).click();
  await expect(page).toHaveURL(new RegExp(`${PROGRAMME}$`));
  await expect(sessions(page)).toHaveCount(65);
  await expect(empty).toBeHidden();
  await expect(page.getByLabel('Search titles and speakers')).toHaveValue('');
});

test('the chosen zone overrides the browser’s, is remembered, and unknown zones are refused', async ({ page }) => {
  // The browser says UTC (playwright.config.ts); the visitor wants Shanghai.
  await open(page, '/istiocon-2022/sessions/a3/');
  await expect(main(page).locator('.clock-local dd')).toHaveText('same as the event time');

  await open(page, PROGRAMME);
  const zone = page.getByLabel('Show your times in');
  await expect(zone).toHaveValue('UTC');
  await zone.fill('Mars/Olympus_Mons');
  await zone.press('Enter');
  await expect(page.getByRole('alert')).toContainText('“Mars/Olympus_Mons” is not a time zone this browser knows');
  await expect(zone).toHaveAttribute('aria-invalid', 'true');
  await expect(zone).toHaveValue('Mars/Olympus_Mons');

  await zone.fill('asia/shanghai');
  await zone.press('Enter');
  await expect(zone).toHaveValue('Asia/Shanghai');
  await expect(zone).toHaveAttribute('aria-invalid', 'false');
  const a3 = main(page).locator('li', { has: page.getByRole('link', { name: 'External CA integration with Istio explained' }) });
  const local = a3.locator('.clock-local dd');
  await expect(local).toContainText('Tue, Apr 26');
  await expect(local.locator('.day-shift')).toHaveText('(+1 day)');
  expect(parseRange(await local.innerText())).toEqual({ start: '00:40', end: '01:15' });

  // Remembered on the next page load, on every page.
  await open(page, '/istiocon-2022/sessions/a3/');
  await expect(main(page).locator('.clock-local dd')).toContainText('GMT+8');

  await open(page, PROGRAMME);
  await page.getByRole('button', { name: 'Use this device’s zone' }).click();
  await expect(page.getByLabel('Show your times in')).toHaveValue('UTC');
  await open(page, '/istiocon-2022/sessions/a3/');
  await expect(main(page).locator('.clock-local dd')).toHaveText('same as the event time');
});

test('stars survive a reload and make My agenda, with clashes, a share link and import', async ({ page, browser }) => {
  await open(page, PROGRAMME);
  const star = (title: string) => page.getByRole('button', { name: `Star ${title}`, exact: true });
  // aw (workshop 18:00–20:30 UTC) overlaps a5; a3 is earlier that day.
  const titles = ['External CA integration with Istio explained', 'Istio 0 to 60 Workshop'];
  for (const t of titles) {
    await expect(star(t)).toHaveAttribute('aria-pressed', 'false');
    await star(t).click();
    await expect(star(t)).toHaveAttribute('aria-pressed', 'true');
  }
  await page.reload();
  await expect(page.locator('html[data-app="live"]')).toHaveCount(1);
  for (const t of titles) await expect(star(t)).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('navigation', { name: 'IstioCon 2022 pages' }).getByRole('link', { name: 'My agenda' }).click();
  await expect(page).toHaveURL(/\/istiocon-2022\/agenda\/$/);
  const mine = main(page).locator('section[aria-labelledby="mine-heading"]');
  await expect(mine.locator('p.result-count')).toHaveText('2 sessions, none at the same time.');
  await expect(mine.locator('ul.session-list > li')).toHaveCount(2);

  // A third, clashing one, starred from its own page.
  await open(page, '/istiocon-2022/sessions/a5/');
  const a5title = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  await page.getByRole('button', { name: `Star ${a5title}` }).click();
  await open(page, '/istiocon-2022/agenda/');
  await expect(mine.locator('p.result-count')).toHaveText('3 sessions; 2 of them overlap another.');
  await expect(mine.locator('li.has-clash')).toHaveCount(2);
  await expect(mine.locator('li.has-clash .clash').first()).toContainText('Clashes with:');

  // Unstarring from the list keeps the row (and keyboard focus on its button) until the next visit.
  const unstar = mine.getByRole('button', { name: `Star ${a5title}` });
  await unstar.focus();
  await page.keyboard.press('Enter');
  await expect(unstar).toHaveAttribute('aria-pressed', 'false');
  await expect(unstar).toBeFocused();
  await expect(mine.locator('ul.session-list > li')).toHaveCount(3);
  await expect(mine.locator('p.result-count')).toHaveText('2 sessions, none at the same time.');
  await unstar.click();
  await expect(mine.locator('p.result-count')).toHaveText('3 sessions; 2 of them overlap another.');

  const link = await page.getByLabel('Link to share this agenda').inputValue();
  // In programme order: a3, then the workshop aw (18:00), then a5 (18:30).
  expect(link).toMatch(/\/istiocon-2022\/agenda\/\?s=a3,aw,a5$/);

  // A friend, in another browser profile, opens the link and imports it.
  const friend = await browser.newContext();
  const other = await friend.newPage();
  await open(other, new URL(link).pathname + new URL(link).search);
  const shared = main(other).locator('section.shared-agenda');
  await expect(shared.getByRole('heading', { level: 2 })).toHaveText('An agenda shared with you: 3 sessions');
  await expect(main(other).locator('section[aria-labelledby="mine-heading"] p.result-count')).toHaveText(
    'You have not starred any session of this event yet.',
  );
  await shared.getByRole('button', { name: 'Add these to my agenda' }).click();
  await expect(shared.getByRole('status')).toHaveText('Added. Your agenda has 3 sessions.');
  await expect(main(other).locator('section[aria-labelledby="mine-heading"] ul.session-list > li')).toHaveCount(3);
  await friend.close();
});

test('calendar files: a prebuilt one per session, and made in the browser for a filtered view and an agenda', async ({ page, request }) => {
  await open(page, '/istiocon-2022/sessions/a3/');
  const link = page.getByRole('link', { name: 'Add to your calendar (.ics, for Google Calendar, Apple Calendar, Outlook)' });
  await expect(link).toHaveAttribute('href', '/istiocon-2022/sessions/a3.ics');
  const file = await request.get('/istiocon-2022/sessions/a3.ics');
  expect(file.status()).toBe(200);
  const body = await file.text();
  expect(body).toContain('DTSTART:20220425T164000Z');
  expect(body).toContain('UID:a3.istiocon-2022@events.istio.io');

  await open(page, `${PROGRAMME}?lang=Chinese`);
  const shown = await sessions(page).count();
  const calendar = page.getByRole('link', { name: `Calendar file of the ${shown} sessions shown (.ics, for Google Calendar, Apple Calendar, Outlook)` });
  const [download] = await Promise.all([page.waitForEvent('download'), calendar.click()]);
  expect(download.suggestedFilename()).toBe('istiocon-2022-selection.ics');
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.match(/BEGIN:VEVENT/g)?.length).toBe(shown);

  // Without filters the link is the prebuilt whole programme.
  await open(page, PROGRAMME);
  await expect(page.getByRole('link', { name: 'Calendar file of the whole programme (.ics, for Google Calendar, Apple Calendar, Outlook)' })).toHaveAttribute(
    'href',
    '/istiocon-2022/programme.ics',
  );
  await expect(page.getByRole('link', { name: 'Schedule as frab/c3voc JSON' })).toHaveAttribute('href', '/istiocon-2022/schedule.json');
  await expect(page.getByRole('link', { name: 'Schedule for EventFahrplan and Giggity (frab XML)' })).toHaveAttribute('href', '/istiocon-2022/schedule.xml');

  await open(page, '/istiocon-2022/agenda/?s=a3,aw');
  const [shared] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Calendar file of these sessions (.ics, for Google Calendar, Apple Calendar, Outlook)' }).click(),
  ]);
  const agenda = readFileSync(await shared.path(), 'utf8');
  expect(agenda.match(/BEGIN:VEVENT/g)?.length).toBe(2);
  expect(agenda).toContain('UID:aw.istiocon-2022@events.istio.io');
});

test('before the app runs, the controls say they need it; without JavaScript every session is listed', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${PROGRAMME}?day=2`);
  // A <noscript> note (a test driver's "scripts off" may still parse it as text, so read the HTML).
  expect(await page.content()).toContain('Filters, search, stars and choosing your time zone need JavaScript.');
  await expect(page.getByLabel('Day', { exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: /^Star / }).first()).toBeDisabled();
  await expect(main(page).locator('ul.session-list > li')).toHaveCount(65);
  await expect(page.getByRole('link', { name: 'Calendar file of the whole programme (.ics, for Google Calendar, Apple Calendar, Outlook)' })).toBeVisible();
  await context.close();
});

test('during the event (previewed) the session on now and the next ones are marked; filters keep the preview', async ({ page }) => {
  // 16:50 UTC on Mon 25 Apr 2022: a3 (16:40–17:15) is on, a4 (17:20) is next.
  await open(page, `${PROGRAMME}?preview-at=2022-04-25T16:50:00Z`);
  const item = (id: string) => main(page).locator('ul.session-list > li', { has: page.locator(`a[href="/istiocon-2022/sessions/${id}/"]`) });
  await expect(item('a3').locator('.tag-now')).toHaveText('Live now');
  await expect(item('a4').locator('.tag-now')).toHaveText('Up next');
  await expect(main(page).locator('.tag-now')).toHaveCount(2);
  await page.getByLabel('Day', { exact: true }).selectOption('1');
  await expect(page).toHaveURL(/\?preview-at=2022-04-25T16(%3A|:)50(%3A|:)00Z&day=1$/);
  await expect(item('a3').locator('.tag-now')).toHaveText('Live now');
});
