// The programme's schedule grid (issue 22) at 1440 x 900: IstioCon 2022's days as grids, every
// timed session once in its track's column, overlapping sessions side by side, the ruler in the
// visitor's zone, filters and search hiding boxes, keyboard order by time, the list/grid switch
// remembered, the grid prerendered (no JavaScript needed), a "now" line during the event, and
// phones keeping the list. Positions are read from the laid-out page (getBoundingClientRect).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Locator, type Page } from '@playwright/test';
import { expect, open, test } from './support';

interface Session {
  id: string;
  title: string;
  time?: { start: number; end: number };
  day?: number;
  track?: string;
}
interface Event {
  tracks: { slug: string; name: string }[];
  sessions: Session[];
}

const DIST = resolve(__dirname, process.env.E2E_DIST ?? '../../dist');
const EVENT: Event = JSON.parse(readFileSync(resolve(DIST, 'data/events/istiocon-2022.json'), 'utf8'));
const PROGRAMME = '/istiocon-2022/programme/';

test.use({ viewport: { width: 1440, height: 900 } });

type Box = { x: number; y: number; width: number; height: number };

/** The day's section (`day` from 0). */
const daySection = (page: Page, day: number): Locator => page.locator(`section.day:has(#day-${day + 1}-heading)`);

/** Each rendered box of a day: its session's address (id), track tag, and place on screen. */
async function boxes(page: Page, day: number): Promise<{ id: string; track: string | null; box: Box }[]> {
  return daySection(page, day)
    .locator('.schedule .session-list > li')
    .evaluateAll((items) =>
      items
        .filter((li) => (li as HTMLElement).offsetParent !== null)
        .map((li) => {
          const href = li.querySelector('.session-title a')?.getAttribute('href') ?? '';
          const r = li.getBoundingClientRect();
          return {
            id: href.replace(/\/$/, '').split('/').pop() ?? '',
            track: li.querySelector('.tag-track a')?.textContent ?? null,
            box: { x: r.x, y: r.y, width: r.width, height: r.height },
          };
        }),
    );
}

/** The column headings of a day and where they are across. */
async function heads(page: Page, day: number): Promise<{ name: string; x: number; width: number }[]> {
  return daySection(page, day)
    .locator('.grid-heads > span')
    .evaluateAll((spans) =>
      spans.map((s) => {
        const r = s.getBoundingClientRect();
        return { name: s.textContent ?? '', x: r.x, width: r.width };
      }),
    );
}

const intersect = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

const timedDays = [...new Set(EVENT.sessions.filter((s) => s.time).map((s) => s.day!))].sort();

/** Waits for the app, then for every session of the programme to be rendered. */
async function openGrid(page: Page, path = PROGRAMME): Promise<void> {
  await open(page, path);
  await expect(page.locator('.schedule .session-list > li')).toHaveCount(EVENT.sessions.filter((s) => s.time).length);
}

test('each day is a grid: every timed session once, in its track\'s column, overlapping ones side by side', async ({ page }) => {
  await openGrid(page);
  await expect(page.getByRole('button', { name: 'Grid' })).toHaveAttribute('aria-pressed', 'true');
  const trackName = new Map(EVENT.tracks.map((t) => [t.slug, t.name]));
  for (const day of timedDays) {
    const expected = EVENT.sessions.filter((s) => s.time && s.day === day);
    const shown = await boxes(page, day);
    expect(shown.map((b) => b.id).sort(), `day ${day + 1}: every timed session exactly once`).toEqual(expected.map((s) => s.id).sort());
    const columns = await heads(page, day);
    expect(columns.length, `day ${day + 1} has columns`).toBeGreaterThan(1);
    const grid = { left: Math.min(...columns.map((c) => c.x)), right: Math.max(...columns.map((c) => c.x + c.width)) };
    for (const s of expected) {
      const { box } = shown.find((b) => b.id === s.id)!;
      const column = s.track ? columns.find((c) => c.name === trackName.get(s.track!)) : undefined;
      if (column) {
        expect(box.x, `${s.id} starts in ${column.name}`).toBeGreaterThanOrEqual(column.x - 1);
        expect(box.x + box.width, `${s.id} ends in ${column.name}`).toBeLessThanOrEqual(column.x + column.width + 1);
      } else if (!columns.some((c) => c.name === 'All tracks')) {
        // A session for everyone spans every column.
        expect(box.x, `${s.id} spans the grid`).toBeLessThanOrEqual(grid.left + 1);
        expect(box.x + box.width, `${s.id} spans the grid`).toBeGreaterThanOrEqual(grid.right - 1);
      }
      // Its height is its length: the same pixels per minute everywhere.
      const minutes = (s.time!.end - s.time!.start) / 60;
      const first = expected[0];
      const perMinute = shown.find((b) => b.id === first.id)!.box.height / ((first.time!.end - first.time!.start) / 60);
      expect(Math.abs(box.height - minutes * perMinute), `${s.id} is ${minutes} minutes tall`).toBeLessThan(2);
    }
    // No two boxes of the day intersect on screen, overlapping in time or not.
    for (let i = 0; i < shown.length; i++) {
      for (let j = i + 1; j < shown.length; j++) {
        expect(intersect(shown[i].box, shown[j].box), `${shown[i].id} and ${shown[j].id} do not overlap on screen`).toBe(false);
      }
    }
  }
  // IstioCon 2022 has sessions that run at once in one track (a workshop beside lightning talks).
  const workshop = EVENT.sessions.find((s) => s.time && (s.time.end - s.time.start) >= 150 * 60 && s.day === 1)!;
  const beside = EVENT.sessions.filter(
    (s) => s.day === 1 && s.track === workshop.track && s !== workshop && s.time!.start < workshop.time!.end && workshop.time!.start < s.time!.end,
  );
  expect(beside.length, 'the fixture has overlapping sessions in one track').toBeGreaterThan(0);
  const day2 = await boxes(page, 1);
  const w = day2.find((b) => b.id === workshop.id)!.box;
  for (const s of beside) {
    const b = day2.find((x) => x.id === s.id)!.box;
    expect(Math.abs(b.y - w.y) < w.height && !intersect(b, w), `${s.id} sits beside the workshop`).toBe(true);
  }
});

test('the ruler is in the visitor\'s zone, and a zone half an hour off moves the boxes', async ({ page }) => {
  await openGrid(page);
  const day = daySection(page, 0);
  const ruler = day.locator('.ruler .tick');
  // The first line names the zone; the next ones are times alone.
  await expect(ruler.first()).toHaveText(/^3:00\sPM\sUTC$/);
  await expect(ruler.nth(1)).toHaveText(/^3:30\sPM$/);
  const first = day.locator('.schedule .session-list > li').first();
  const top = async () =>
    first.evaluate((li) => li.getBoundingClientRect().y - li.closest('.grid-body')!.getBoundingClientRect().y);
  const before = await top();
  const zone = page.getByLabel('Show your times in');
  await zone.fill('Asia/Kathmandu');
  await zone.press('Enter');
  // 15:00 UTC is 20:45 in Kathmandu: the ruler starts at 8:30 PM there, 15 minutes above the box.
  await expect(ruler.first()).toHaveText(/^8:30\sPM\sGMT\+5:45$/);
  const perMinute = (await first.evaluate((li) => li.getBoundingClientRect().height)) / 25;
  await expect.poll(top).toBeCloseTo(before + 15 * perMinute, 0);
  // India is half an hour off too: 15:00 UTC is 20:30 there, on a line of the ruler.
  await zone.fill('Asia/Kolkata');
  await zone.press('Enter');
  await expect(ruler.first()).toHaveText(/^8:30\sPM\sGMT\+5:30$/);
  await expect.poll(top).toBeCloseTo(before, 0);
});

test('search and a track filter hide boxes and keep the address', async ({ page }) => {
  await openGrid(page);
  await page.getByLabel('Search titles and speakers').fill('ebpf');
  await expect(page).toHaveURL(/[?&]q=ebpf/);
  const matching = EVENT.sessions.filter((s) => s.time && /ebpf/i.test(s.title));
  await expect(page.locator('.schedule .session-list > li')).toHaveCount(matching.length);
  await page.getByLabel('Search titles and speakers').fill('');
  await page.getByLabel('Track').selectOption('use-case');
  await expect(page).toHaveURL(/[?&]track=use-case/);
  const inTrack = EVENT.sessions.filter((s) => s.time && s.track === 'use-case');
  await expect(page.locator('.schedule .session-list > li')).toHaveCount(inTrack.length);
  // The boxes that stay keep their places: the grid's columns do not change with the filter.
  const day = EVENT.sessions.find((s) => s.track === 'use-case')!.day!;
  expect((await heads(page, day)).length).toBeGreaterThan(1);
  // The filtered address opens the same grid.
  await page.reload();
  await expect(page.locator('.schedule .session-list > li')).toHaveCount(inTrack.length);
});

test('the keyboard goes through a day in time order', async ({ page }) => {
  await openGrid(page);
  const expected = EVENT.sessions
    .filter((s) => s.time && s.day === 1)
    .sort((a, b) => a.time!.start - b.time!.start || a.time!.end - b.time!.end)
    .map((s) => s.id);
  const links = daySection(page, 1).locator('.session-title a');
  await links.first().focus();
  const order: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const id = await page.evaluate(() => document.activeElement?.getAttribute('href')?.replace(/\/$/, '').split('/').pop());
    order.push(id ?? '');
    // Past the star, the tags' links and the speakers' links to the next title.
    for (let n = 0; n < 12 && i < expected.length - 1; n++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => !!document.activeElement?.closest('.session-title'))) break;
    }
  }
  expect(order).toEqual(expected);
  // A focused box shows all it holds, above its neighbours.
  const focused = daySection(page, 1).locator('.schedule .session-list > li:focus-within');
  await expect(focused).toHaveCount(1);
  expect(await focused.evaluate((li) => getComputedStyle(li.querySelector('.session')!).overflow)).toBe('visible');
});

test('the list/grid switch is remembered, and phones keep the list', async ({ page, browser }) => {
  await openGrid(page);
  await expect(page.locator('.grid-heads').first()).toBeVisible();
  await page.getByRole('button', { name: 'List' }).click();
  await expect(page.getByRole('button', { name: 'List' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.grid-heads').first()).toBeHidden();
  await expect(page.locator('.ruler').first()).toBeHidden();
  await page.reload();
  await openGrid(page);
  await expect(page.locator('.grid-heads').first()).toBeHidden();
  await page.getByRole('button', { name: 'Grid' }).click();
  await expect(page.locator('.grid-heads').first()).toBeVisible();

  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const phone = await context.newPage();
  await open(phone, PROGRAMME);
  await expect(phone.locator('.grid-heads').first()).toBeHidden();
  await expect(phone.getByRole('button', { name: 'Grid' })).toBeHidden();
  await context.close();
});

test('the grid is prerendered: without JavaScript it is laid out the same', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PROGRAMME);
  await expect(page.locator('.grid-heads').first()).toBeVisible();
  const shown = await boxes(page, 0);
  expect(shown.length).toBe(EVENT.sessions.filter((s) => s.time && s.day === 0).length);
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) expect(intersect(shown[i].box, shown[j].box)).toBe(false);
  }
  await expect(daySection(page, 0).locator('.ruler .tick').first()).toHaveText(/^3:00\sPM\sUTC$/);
  await context.close();
});

test('during the event a line marks now and the running session is marked', async ({ page }) => {
  // 15:40 UTC on the second day: "Istio: The Foundation for Zero Trust" (15:35-15:45) runs.
  const running = EVENT.sessions.find((s) => s.time && s.time.start === Date.UTC(2022, 3, 26, 15, 35) / 1000)!;
  await openGrid(page, `${PROGRAMME}?preview-at=2022-04-26T15:40:00Z`);
  const day = daySection(page, 1);
  const line = day.locator('.now-line');
  await expect(line).toBeVisible();
  const live = day.locator('.schedule .session-list > li.live');
  await expect(live).toHaveCount(1);
  await expect(live.locator('.session-title')).toHaveText(running.title);
  // The line is inside the running session's rows.
  const y = await line.evaluate((l) => l.getBoundingClientRect().y);
  const box = await live.evaluate((li) => li.getBoundingClientRect());
  expect(y).toBeGreaterThan(box.y);
  expect(y).toBeLessThan(box.y + box.height);
  await expect(daySection(page, 0).locator('.now-line')).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the grid at 1440 px has no axe findings (${scheme})`, async ({ browser }) => {
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    for (const path of [PROGRAMME, `${PROGRAMME}?track=getting-started`, `${PROGRAMME}?preview-at=2022-04-26T15:40:00Z`]) {
      await open(page, path);
      await expect(page.locator('.grid-heads').first()).toBeVisible();
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.passes.length).toBeGreaterThan(0);
      expect(results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} on ${path}: ${n.target.join(' ')}: ${n.failureSummary}`))).toEqual([]);
    }
    await context.close();
  });
}
