// A site under a sub-path: built with SITE_URL=https://example.github.io/istio-events/ (scripts/test:
// SITE_URL=... DIST_DIR=dist-subpath scripts/build) and served by nginx with deploy/nginx.conf
// changed as its comments say for a sub-path (SITE_PATH=/istio-events scripts/nginx-serve).
// A short journey (home -> event -> programme -> session -> speaker -> Back) in one document, a
// deep link, the 404 page and the event's files: every request the browser makes stays under
// /istio-events/, every address a page writes is under it, and canonical addresses, the sitemap,
// calendars and schedules name the published address with its path. Skipped when dist-subpath/
// is not built.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { expect, expectFocusOnHeading, harnessNote, rendered, test, watchDocuments } from './support';

const DIST = resolve(__dirname, process.env.E2E_SUBPATH_DIST ?? '../../dist-subpath');
const PATH = '/istio-events';
const PUBLISHED = `https://example.github.io${PATH}`;
const PORT = Number(process.env.E2E_PORT ?? 4173) + 5;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const built = existsSync(resolve(DIST, 'csp.nginx.conf'));

test.skip(!built, `${DIST} is not built (SITE_URL=${PUBLISHED}/ DIST_DIR=dist-subpath scripts/build)`);

let server: ChildProcess | undefined;
test.beforeAll(async () => {
  server = spawn(resolve(__dirname, '../../scripts/nginx-serve'), [DIST, String(PORT), String(PORT + 1)], {
    stdio: 'ignore',
    env: { ...process.env, SITE_PATH: PATH },
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${ORIGIN}${PATH}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not start on ${ORIGIN}${PATH}/`);
});
test.afterAll(() => {
  server?.kill('SIGTERM');
});

/** Records every request of `page` that leaves the site's path (or its origin). */
function requestsOutsideThePath(page: Page): string[] {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== ORIGIN || !url.pathname.startsWith(`${PATH}/`)) outside.push(`${r.resourceType()} ${r.url()}`);
  });
  return outside;
}

/** Every address the live page names (links, scripts, styles, icons, forms) that is on this
 * site but not under its path. Outside links (other sites) are fine. */
async function addressesOutsideThePath(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ path }) => {
      const found: string[] = [];
      for (const el of Array.from(document.querySelectorAll('[href], [src], [action]'))) {
        for (const name of ['href', 'src', 'action']) {
          const value = el.getAttribute(name);
          if (value === null || value.startsWith('#')) continue;
          const url = new URL(value, location.href);
          if (url.origin === location.origin && !url.pathname.startsWith(`${path}/`)) found.push(`<${el.tagName.toLowerCase()} ${name}="${value}">`);
        }
      }
      return found;
    },
    { path: PATH },
  );
}

test('a journey under the sub-path stays under it, in one document', async ({ page }) => {
  const outside = requestsOutsideThePath(page);
  const errors: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !harnessNote(m.text())) errors.push(m.text());
  });
  await page.goto(`${ORIGIN}${PATH}/`);
  await rendered(page);
  const documents = await watchDocuments(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Istio community events');
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${PUBLISHED}/`);
  expect(await addressesOutsideThePath(page)).toEqual([]);

  const card = page.locator('article.event-card').filter({ has: page.getByRole('heading', { name: 'IstioCon 2022', exact: true }) });
  const cardLink = card.getByRole('link', { name: 'IstioCon 2022', exact: true });
  await expect(cardLink).toHaveAttribute('href', `${PATH}/istiocon-2022/`);
  await cardLink.click();
  await expect(page).toHaveURL(`${ORIGIN}${PATH}/istiocon-2022/`);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IstioCon 2022');
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${PUBLISHED}/istiocon-2022/`);
  await expectFocusOnHeading(page);
  expect(await addressesOutsideThePath(page)).toEqual([]);

  await page.getByRole('navigation', { name: 'IstioCon 2022 pages' }).getByRole('link', { name: 'Programme' }).click();
  await expect(page).toHaveURL(`${ORIGIN}${PATH}/istiocon-2022/programme/`);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme');
  expect(await addressesOutsideThePath(page)).toEqual([]);
  // The event's files, as the programme links them, are there under the path.
  for (const name of ['Schedule for EventFahrplan and Giggity (frab XML)', 'Schedule as frab/c3voc JSON', /^Calendar file of the whole programme/]) {
    const href = await page.getByRole('link', { name }).getAttribute('href');
    expect(href).toMatch(new RegExp(`^${PATH}/istiocon-2022/`));
    const answer = await page.request.get(`${ORIGIN}${href}`);
    expect(answer.status(), `${href}`).toBe(200);
    // What the files link to is the published site under its path.
    const text = await answer.text();
    expect(text).toContain(`${PUBLISHED}/istiocon-2022/sessions/`);
    expect(text).not.toContain('https://example.github.io/istiocon-2022/');
  }

  const sessionTitle = 'External CA integration with Istio explained';
  await page.locator('main').getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(page).toHaveURL(`${ORIGIN}${PATH}/istiocon-2022/sessions/a3/`);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sessionTitle);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${PUBLISHED}/istiocon-2022/sessions/a3/`);
  expect(await addressesOutsideThePath(page)).toEqual([]);

  await page.getByRole('region', { name: 'Speakers' }).getByRole('link', { name: 'Lin Sun' }).click();
  await expect(page).toHaveURL(`${ORIGIN}${PATH}/speakers/lin-sun/`);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lin Sun');
  expect(await addressesOutsideThePath(page)).toEqual([]);

  await page.goBack();
  await expect(page).toHaveURL(`${ORIGIN}${PATH}/istiocon-2022/sessions/a3/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sessionTitle);
  // Header link home, inside the app.
  await page.getByRole('link', { name: 'Events', exact: true }).click();
  await expect(page).toHaveURL(`${ORIGIN}${PATH}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Istio community events');

  expect(documents.loads()).toBe(0);
  expect(await documents.sameDocument()).toBe(true);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});

test('deep links under the sub-path hydrate; an unknown address gets the 404 page with links under the path', async ({ page }) => {
  const outside = requestsOutsideThePath(page);
  for (const path of ['/istiocon-2022/sessions/a3/', '/istiocon-2022/tracks/', '/speakers/lin-sun/', '/istio-day-north-america-2025/']) {
    const answer = await page.goto(`${ORIGIN}${PATH}${path}`);
    expect(answer?.status()).toBe(200);
    await rendered(page);
    expect(await addressesOutsideThePath(page), path).toEqual([]);
  }
  const missing = await page.goto(`${ORIGIN}${PATH}/no-such-page/`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  expect(await addressesOutsideThePath(page)).toEqual([]);
  await page.getByRole('link', { name: 'See all events' }).click();
  await expect(page).toHaveURL(`${ORIGIN}${PATH}/`);
  await rendered(page);
  expect(outside).toEqual([]);
});

test('the sitemap, canonical addresses and calendars name the published address with its path', async () => {
  const sitemap = readFileSync(resolve(DIST, 'sitemap.xml'), 'utf8');
  const locations = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
  expect(locations.length).toBeGreaterThan(50);
  expect(locations.filter((l) => !l.startsWith(`${PUBLISHED}/`))).toEqual([]);
  expect(locations).toContain(`${PUBLISHED}/istiocon-2022/programme/`);
  const session = readFileSync(resolve(DIST, 'istiocon-2022/sessions/a3.ics'), 'utf8');
  expect(session).toContain(`URL:${PUBLISHED}/istiocon-2022/sessions/a3/`);
  const page = readFileSync(resolve(DIST, 'istiocon-2022/index.html'), 'utf8');
  expect(page).toContain(`<link href="${PUBLISHED}/istiocon-2022/" rel="canonical">`);
  expect(page).toContain(`<meta property="og:url" content="${PUBLISHED}/istiocon-2022/">`);
  // Trunk's files are named under the path, as the loader asks for them.
  expect(page).toMatch(new RegExp(`import\\('${PATH}/istio-events-site-[0-9a-f]+\\.js'\\)`));
});

test('under the sub-path the site is installable: its manifest and worker are scoped to the path, and Chromium finds no installability error', async ({}, testInfo) => {
  // Installing needs a profile of its own (Playwright's contexts are incognito ones), and the
  // worker allowed (the other journeys block it).
  const context = await chromium.launchPersistentContext(testInfo.outputPath('profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
    serviceWorkers: 'allow',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const outside = requestsOutsideThePath(page);
    await page.goto(`${ORIGIN}${PATH}/`);
    await rendered(page);
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 20_000 });
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${ORIGIN}${PATH}/`);
    await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute('href', `${PATH}/manifest.webmanifest`);
    const manifest = await (await page.request.get(`${ORIGIN}${PATH}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ start_url: `${PATH}/`, scope: `${PATH}/`, display: 'standalone' });
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      expect(icon.src.startsWith(`${PATH}/`), icon.src).toBe(true);
      expect((await page.request.get(`${ORIGIN}${icon.src}`)).status(), icon.src).toBe(200);
    }
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    // With the worker in control, the page's requests still stay under the path.
    expect(outside).toEqual([]);
  } finally {
    await context.close();
  }
});
