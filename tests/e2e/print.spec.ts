// Printing, as people do it for a venue with bad Wi-Fi: "My agenda" and the programme printed to
// PDF by Chromium (print media, the stylesheet's `@media print`), then read back with poppler's
// pdfinfo and pdftotext (Debian's poppler-utils): the page count, the sessions' text and
// addresses, one day per page, and none of the app's chrome.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { expect, main, open, test } from './support';

/** What Chromium prints of `page`, as pdftotext reads it: one string per printed page. */
async function printed(page: Page): Promise<{ pages: number; text: string[] }> {
  const file = join(mkdtempSync(join(tmpdir(), 'print-')), 'page.pdf');
  writeFileSync(file, await page.pdf({ format: 'A4' }));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
  // pdftotext ends the last page with a form feed too.
  if (text.at(-1)?.trim() === '') text.pop();
  return { pages, text };
}

/** Letters and digits only: pdftotext breaks long lines (and addresses) where the page wrapped
 * them and drops some full-width punctuation (the "（" of a Chinese title). */
const letters = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '');

/** The words of the site's chrome that paper must not have. */
const CHROME = ['Skip to content', 'Istio community events', 'Star ', 'Print', 'Calendar file', 'Link to share', 'Show your times in', 'Search titles'];

/** Replaces `window.print` with a counter, so that the button's click can be checked. */
async function countPrints(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { prints: number; print: () => void };
    w.prints = 0;
    w.print = () => {
      w.prints += 1;
    };
  });
}

const prints = (page: Page) => page.evaluate(() => (window as unknown as { prints: number }).prints);

test('My agenda prints to a clean PDF: one day per page, every starred session, no app chrome', async ({ page }) => {
  // Three sessions on three days (UTC): Apr 25, Apr 27 and Apr 28, added from a shared link.
  await open(page, '/istiocon-2022/agenda/?s=a3,d2,f2');
  await main(page).getByRole('button', { name: 'Add these to my agenda' }).click();
  await open(page, '/istiocon-2022/agenda/');
  const mine = main(page).locator('section[aria-labelledby="mine-heading"]');
  await expect(mine.locator('p.result-count')).toHaveText('3 sessions, none at the same time.');
  await expect(mine.locator('.day h3.day-heading')).toHaveText([/^Day 1: /, /^Day 3: /, /^Day 4: /]);
  const titles = await mine.locator('.session-title').allInnerTexts();
  expect(titles).toHaveLength(3);

  await countPrints(page);
  await main(page).getByRole('button', { name: 'Print my agenda' }).click();
  await expect.poll(() => prints(page)).toBe(1);

  const { pages, text } = await printed(page);
  expect(pages).toBe(3);
  expect(text).toHaveLength(3);
  const all = text.join('\n');
  for (const title of titles) expect(letters(all)).toContain(letters(title));
  // Each day begins a page, with its sessions on it; the page's heading only on the first.
  expect(text[0]).toContain('My agenda');
  expect(text[0]).toMatch(/Day 1: /);
  expect(text[0]).toContain('External CA integration with Istio explained');
  expect(text[1].trim()).toMatch(/^Day 3: /);
  expect(text[1]).toContain('Understanding the new Istio Telemetry API');
  expect(text[2].trim()).toMatch(/^Day 4: /);
  expect(text[2]).toContain('Scaling to 1M RPS with multi cluster Istio');
  // The session's address after its title, and its times with their zones named.
  expect(all.replace(/\s+/g, '')).toContain('https://events.istio.io/istiocon-2022/sessions/a3/');
  expect(text[0]).toMatch(/Event time:.*UTC/);
  for (const word of CHROME) expect(all, `no "${word}" on paper`).not.toContain(word);
});

test('the programme prints every session, each day from a new page, from the button and from the browser menu', async ({ page }) => {
  await open(page, '/istiocon-2022/programme/');
  const days = await main(page).locator('section.day h2').allInnerTexts();
  expect(days.length).toBe(5);

  // The browser's own menu: the list, still growing after the paint, is whole before printing.
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await expect(main(page).locator('article.session')).toHaveCount(65);
  await countPrints(page);
  await main(page).getByRole('button', { name: 'Print the programme' }).click();
  await expect.poll(() => prints(page)).toBe(1);

  const { pages, text } = await printed(page);
  expect(pages).toBe(text.length);
  expect(pages).toBeGreaterThanOrEqual(days.length);
  const all = text.join('\n');
  const printedLetters = letters(all);
  for (const title of await main(page).locator('.session-title').allInnerTexts()) {
    expect(printedLetters).toContain(letters(title));
  }
  expect(all.replace(/\s+/g, '')).toContain('https://events.istio.io/istiocon-2022/sessions/b1b/');
  // Every day after the first opens a page.
  for (const day of days.slice(1)) {
    expect(text.some((p) => p.trim().startsWith(day.trim())), `a page begins with "${day}"`).toBe(true);
  }
  for (const word of CHROME) expect(all, `no "${word}" on paper`).not.toContain(word);
});

test('the Print button waits, unseen, until the app runs', async ({ page }) => {
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto('/istiocon-2022/programme/');
  const button = page.getByRole('button', { name: 'Print the programme', includeHidden: true });
  await expect(button).toHaveCount(1);
  await expect(button).toBeHidden();
});
