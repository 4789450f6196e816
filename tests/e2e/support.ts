// Helpers shared by the specs: waiting for the Wasm app, focus checks and reading the times the
// app formats with the browser's Intl.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

export { expect };

/** A `securitypolicyviolation` a page reported: which directive blocked what, and where. */
export interface CspViolation {
  page: string;
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

/**
 * Records every Content-Security-Policy violation of every page in `context` into `into`:
 * an init script (run before any of the page's own scripts, in every document, after every
 * navigation) listens for `securitypolicyviolation` and reports it through a binding.
 */
export async function recordCspViolations(context: BrowserContext, into: CspViolation[]): Promise<void> {
  await context.exposeBinding('__istioEventsCspViolation', (_source, v: CspViolation) => {
    into.push(v);
  });
  await context.addInitScript(() => {
    const report = (e: SecurityPolicyViolationEvent) =>
      (window as unknown as { __istioEventsCspViolation: (v: unknown) => void }).__istioEventsCspViolation({
        page: location.href,
        directive: e.effectiveDirective || e.violatedDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      });
    document.addEventListener('securitypolicyviolation', report, true);
  });
}

/**
 * Every spec's `test`: Playwright's, with one automatic check. The site's pages carry a strict
 * Content-Security-Policy (crates/build/src/csp.rs); any violation on any page of a test (in its own
 * context, and in every context or page the test opens with `browser.newContext` or
 * `browser.newPage`) fails the test after it ran, listing them.
 */
export const test = base.extend<{ cspViolations: CspViolation[] }>({
  cspViolations: [
    async ({ context, browser }, use) => {
      const violations: CspViolation[] = [];
      await recordCspViolations(context, violations);
      const b = browser as Browser;
      const newContext = b.newContext.bind(b);
      const newPage = b.newPage.bind(b);
      b.newContext = async (...args: Parameters<Browser['newContext']>) => {
        const c = await newContext(...args);
        await recordCspViolations(c, violations);
        return c;
      };
      b.newPage = async (...args: Parameters<Browser['newPage']>) => {
        const c = await b.newContext(...args);
        const p = await c.newPage();
        // A page made by browser.newPage closes its own context, as Playwright's does.
        p.on('close', () => void c.close());
        return p;
      };
      try {
        await use(violations);
      } finally {
        b.newContext = newContext;
        b.newPage = newPage;
      }
      expect(violations, 'Content-Security-Policy violations on the pages of this test').toEqual([]);
    },
    { auto: true },
  ],
});

export const SITE = 'Istio community events';

/** What Playwright itself logs in the page when it blocks the site's service worker (the config
 * blocks it in every spec but offline.spec.ts): the harness's note, not the site's. */
export const harnessNote = (text: string): boolean => text === 'Service Worker registration blocked by Playwright';

/** The title every page but the home page has: "<page> · Istio community events". */
export const title = (page: string) => `${page} · ${SITE}`;

/**
 * Opens `path` and waits until the Wasm app has rendered it: an h1 is visible and no
 * "Loading …" status is left.
 */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await rendered(page);
}

/** Waits until the app shows a page: an h1, the app running (hydrated: `<html data-app="live">`),
 * and nothing still loading. Pages without the app (the static 404 page) only need the h1. */
export async function rendered(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const startsApp = (await page.locator('script[type="module"]').count()) > 0;
  if (startsApp) await expect(page.locator('html[data-app="live"]')).toHaveCount(1);
  await expect(page.locator('.loading')).toHaveCount(0);
}

/** The `<main id="main">` element. */
export const main = (page: Page): Locator => page.locator('main#main');

/**
 * Asserts that after moving to another page inside the app, keyboard focus is on the new
 * page's main heading (`main h1`), as a screen reader user expects, and that the page's title
 * was announced in the app's live region.
 */
export async function expectFocusOnHeading(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => !!document.activeElement?.matches('main h1')), {
      message: 'document.activeElement is the main heading',
    })
    .toBe(true);
  const announced = page.locator('#route-announcer');
  await expect(announced).toHaveText(await page.title());
}

/**
 * Counts the documents the page loads from now on (navigation inside the app loads none), and
 * marks the current document so a test can tell it is still the same one.
 */
export async function watchDocuments(page: Page): Promise<{ loads: () => number; sameDocument: () => Promise<boolean> }> {
  let loads = 0;
  page.on('request', (r) => {
    if (r.resourceType() === 'document' && r.frame() === page.mainFrame()) loads += 1;
  });
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  return {
    loads: () => loads,
    sameDocument: () => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true),
  };
}

/** Asserts that keyboard focus is on `<main id="main">` (as after "Skip to content"). */
export async function expectFocusOnMain(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const e = document.activeElement;
          if (!e) return 'nothing';
          return e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + (e.className ? `.${String(e.className).split(' ').join('.')}` : '');
        }),
      { message: 'document.activeElement is <main id="main">' },
    )
    .toBe('main#main');
}

/**
 * The page's own `<meta name="description">`, the one the app adds (the last one in <head>).
 * That there is exactly one per document is checked once, on every page type, in head.spec.ts.
 */
export async function expectDescription(page: Page, expected: string | RegExp): Promise<void> {
  await expect(page.locator('meta[name="description"]').last()).toHaveAttribute('content', expected);
}

/**
 * A time range as the page shows it, e.g. "Tue, Apr 26, 12:40 – 1:15 AM GMT+8" (en-US,
 * 12-hour: Chromium's Intl formatRange drops the leading zero asked for by hour: '2-digit' and
 * writes AM/PM once when both ends share it) or "16:40 – 17:15" (24-hour locales), read as
 * minutes after midnight of start and end on a 24-hour clock.
 */
export function parseRange(text: string): { start: string; end: string } {
  const m = text.match(/(\d{1,2}):(\d{2})\s*(AM|PM)?\s*[–-]\s*(\d{1,2}):(\d{2})\s*(AM|PM)?/);
  if (!m) throw new Error(`no time range in ${JSON.stringify(text)}`);
  const [, h1, m1, ap1, h2, m2, ap2] = m;
  const to24 = (h: string, ap: string | undefined) => {
    let hour = Number(h);
    if (ap === 'AM' && hour === 12) hour = 0;
    if (ap === 'PM' && hour !== 12) hour += 12;
    return String(hour).padStart(2, '0');
  };
  // "12:40 – 1:15 AM": the start shares the end's marker.
  return { start: `${to24(h1, ap1 ?? ap2)}:${m1}`, end: `${to24(h2, ap2)}:${m2}` };
}

/**
 * Serves another build of the site (a fixture's `dist`, built by scripts/test with `how`) through
 * nginx with deploy/nginx.conf on `port`, for the tests of the calling spec file, which are
 * skipped when that build is not there. Returns the server's address.
 */
export function serveBuild(dist: string, port: number, how: string): string {
  const address = `http://127.0.0.1:${port}`;
  test.skip(!existsSync(resolve(dist, 'csp.nginx.conf')), `${dist} is not built (${how})`);
  let server: ChildProcess | undefined;
  test.beforeAll(async () => {
    server = spawn(resolve(__dirname, '../../scripts/nginx-serve'), [dist, String(port), String(port + 1)], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${address}/`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`nginx did not start on ${address}`);
  });
  test.afterAll(() => {
    server?.kill('SIGTERM');
  });
  return address;
}
