// Accessibility: axe-core (WCAG 2.0 and 2.1, levels A and AA) finds no violation on any page
// type — home, event overview, programme (timed and untimed, with filters on and with no
// match), my agenda (empty and shared), tracks (by track and by type), session, speaker,
// registration and 404 — in the light colour scheme, and on home and programme in the dark
// one (prefers-color-scheme: dark), which is where colour contrast most often breaks. A failure
// lists each violation as "rule-id (impact) on <page>: help / selector: what to fix".
import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import { expect, open, test } from './support';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const pages: [string, string][] = [
  ['home', '/'],
  ['event overview', '/istiocon-2022/'],
  ['event overview (in-person, co-located)', '/istio-day-north-america-2025/'],
  ['programme', '/istiocon-2022/programme'],
  ['programme without times', '/istio-day-north-america-2025/programme'],
  ['programme with filters on', '/istiocon-2022/programme/?day=1&track=getting-started&q=istio'],
  ['programme with no match', '/istiocon-2022/programme/?q=no-such-words-anywhere'],
  ['my agenda (empty)', '/istiocon-2022/agenda/'],
  ['a shared agenda, with a clash', '/istiocon-2022/agenda/?s=aw,a5,a3'],
  ['tracks', '/istiocon-2022/tracks'],
  ['sessions by type', '/istiocon-2021/tracks'],
  ['session', '/istiocon-2022/sessions/a3'],
  ['speaker', '/speakers/lin-sun'],
  ['registration (closed; the form is in registration.spec.ts)', '/istiocon-2022/register/'],
  ['404', '/no-such-page'],
];

async function violations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.passes.length, 'axe checked something').toBeGreaterThan(0);
  return results.violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? 'n/a'}) on ${where}: ${v.help}\n` +
        `    selector: ${n.target.join(' ')}\n` +
        `    html: ${n.html.slice(0, 200)}\n` +
        `    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`,
    ),
  );
}

async function ready(page: Page, path: string): Promise<void> {
  await open(page, path);
  // The home page's h1 is there before its data: wait for the event list too.
  if (path === '/') await expect(page.getByRole('heading', { level: 2, name: 'Past events' })).toBeVisible();
  // Let web fonts and CSS settle before colours are measured.
  await page.evaluate(() => document.fonts.ready);
}

for (const scheme of ['light', 'dark'] as const) {
  const which = scheme === 'light' ? pages : pages.filter(([name]) => name === 'home' || name === 'programme');
  test.describe(`${scheme} colour scheme`, () => {
    test.use({ colorScheme: scheme });
    for (const [name, path] of which) {
      test(`${name} (${path}) has no WCAG 2.1 AA violations`, async ({ page }) => {
        await ready(page, path);
        const found = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
        expect(found, 'colour scheme emulated').toBe(scheme === 'dark');
        expect(await violations(page, `${path} (${scheme})`)).toEqual([]);
      });
    }
  });
}

test('dark mode via page.emulateMedia: home and programme keep enough contrast', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const path of ['/', '/istiocon-2022/programme']) {
    await ready(page, path);
    const results = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
    expect(results.passes.length + results.incomplete.length, 'color-contrast ran').toBeGreaterThan(0);
    expect(
      results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} on ${path} (dark): ${n.target.join(' ')}: ${n.failureSummary}`)),
    ).toEqual([]);
  }
});
