// Offline and installable (issue 23), through nginx with deploy/nginx.conf, with the service
// worker allowed (every other spec blocks it): the site installs (Chromium finds no
// installability error), a programme opened and starred reloads offline with its stars and
// My agenda, a page never opened shows the offline page (not the browser's error), and after
// "Save for offline" the event's session pages open offline. And an update: build A served and
// loaded, then replaced by build B (scripts/build-update builds it into dist-update/: one visible
// change in the code, so its Wasm and JavaScript have new names); the page offers the new
// version, and after it is taken B runs with no console error and no request for A's files.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type ConsoleMessage } from '@playwright/test';
import { expect, open, test } from './support';

// A phone's width: the programme as a list (the starring is the same in the grid).
test.use({ serviceWorkers: 'allow', viewport: { width: 412, height: 823 } });

/** Waits until the service worker controls the page (its first install claims it). */
async function controlled(page: import('@playwright/test').Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, null, { timeout: 20_000 });
}

test('the home page is installable: a manifest with icons, a worker in control, no installability error', async ({ baseURL }, testInfo) => {
  // Installing needs a profile of its own: Playwright's contexts are incognito ones.
  const context = await chromium.launchPersistentContext(testInfo.outputPath('profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
    baseURL,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // The page as served names no manifest, so nothing of it is fetched before the first paint;
  // the app names it once it runs.
  const served = await (await page.request.get('/')).text();
  expect(served).not.toContain('rel="manifest"');
  expect(served).toContain('<meta name="offline-manifest" content="/manifest.webmanifest">');
  await open(page, '/');
  await controlled(page);
  await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ start_url: '/', scope: '/', display: 'standalone', short_name: 'Istio events' });
  for (const icon of manifest.icons.filter((i: { type: string }) => i.type === 'image/png')) {
    const response = await page.request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
  }
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  await context.close();
});

test('offline: the starred programme reloads with its stars and agenda; an unopened page says it is offline until the event is saved', async ({ page, context }) => {
  test.setTimeout(120_000);
  await open(page, '/');
  await controlled(page);
  await open(page, '/istiocon-2022/');
  await open(page, '/istiocon-2022/programme/');
  const stars = page.getByRole('button', { name: /^Star / });
  const titles: string[] = [];
  for (let i = 0; i < 3; i++) {
    const star = stars.nth(i);
    titles.push(((await star.textContent()) ?? '').replace(/^\s*[☆★]\s*Star\s+/, '').trim());
    await star.click();
    await expect(star).toHaveAttribute('aria-pressed', 'true');
  }

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Programme' })).toBeVisible();
  await expect(page.locator('html[data-app="live"]')).toHaveCount(1);
  for (const t of titles) await expect(page.getByRole('button', { name: `Star ${t}`, exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('navigation', { name: 'IstioCon 2022 pages' }).getByRole('link', { name: 'My agenda' }).click();
  await expect(page).toHaveURL(/\/istiocon-2022\/agenda\/$/);
  for (const t of titles) await expect(page.getByRole('main').getByText(t, { exact: true }).first()).toBeVisible();

  // A session page never opened: the worker's offline page, with status 503.
  const response = await page.goto('/istiocon-2022/sessions/a3/');
  expect(response?.status()).toBe(503);
  await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();

  // Online again, save the event, then the same page opens offline.
  await context.setOffline(false);
  await open(page, '/istiocon-2022/');
  await page.getByRole('button', { name: 'Save for offline' }).click();
  const status = page.locator('.save-progress');
  await expect(status).toHaveText(/^Saved: (\d+) of \1 files \(/, { timeout: 60_000 });
  await expect(page.locator('.save-offline')).toContainText('Saved on this device on');
  const saved = Number((await status.textContent())?.match(/of (\d+) files/)?.[1]);
  expect(saved).toBeGreaterThan(100);

  await context.setOffline(true);
  const again = await page.goto('/istiocon-2022/sessions/a3/');
  expect(again?.status()).toBe(200);
  await expect(page.locator('html[data-app="live"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('You are offline');
  await context.setOffline(false);
});

const BUILD_A = resolve(__dirname, process.env.E2E_DIST ?? '../../dist');
const BUILD_B = resolve(__dirname, process.env.E2E_UPDATE_DIST ?? '../../dist-update');
const UPDATE_PORT = Number(process.env.E2E_PORT ?? 4173) + 10;
const UPDATE_ORIGIN = `http://127.0.0.1:${UPDATE_PORT}`;
/** The text build B changed (scripts/build-update: the footer's first line). */
const B_TEXT = 'A community site about IstioCon and Istio Day. Updated.';

/** Serves `dist` with nginx (deploy/nginx.conf) on the update test's port until stopped. */
async function deploy(dist: string): Promise<() => Promise<void>> {
  const server: ChildProcess = spawn(resolve(__dirname, '../../scripts/nginx-serve'), [dist, String(UPDATE_PORT), String(UPDATE_PORT + 1)], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${UPDATE_ORIGIN}/`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return () => new Promise((done) => {
    server.once('exit', () => done());
    server.kill('SIGTERM');
  });
}

/** The hashed files of a build (its JavaScript and Wasm). */
const hashed = (dist: string) => readdirSync(dist).filter((name) => /-[0-9a-f]{8,16}(_bg\.wasm|\.js)$/.test(name));

test('an update: build A replaced by build B is offered, and once taken B runs alone', async ({ browser }) => {
  test.skip(!existsSync(resolve(BUILD_B, 'sw.js')), `${BUILD_B} is not built (scripts/test builds it)`);
  test.setTimeout(120_000);
  const onlyA = hashed(BUILD_A).filter((name) => !hashed(BUILD_B).includes(name));
  expect(onlyA.length, 'build B renames the hashed files').toBeGreaterThan(0);

  let stop = await deploy(BUILD_A);
  const context = await browser.newContext({ baseURL: UPDATE_ORIGIN, serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    await open(page, '/');
    await controlled(page);
    await open(page, '/istiocon-2022/');
    await expect(page.getByText(B_TEXT)).toHaveCount(0);

    // The deploy: B replaces A on the same address.
    await stop();
    stop = await deploy(BUILD_B);
    await page.reload();
    const banner = page.getByRole('complementary', { name: 'New version' });
    await expect(banner).toContainText('A new version of this site is available.', { timeout: 30_000 });
    // Until it is taken, a page opened before is A's page with A's Wasm, never a mix.
    await open(page, '/istiocon-2022/');
    await expect(page.locator('html[data-app="live"]')).toHaveCount(1);
    await expect(page.getByText(B_TEXT)).toHaveCount(0);
    const wasmOf = async () =>
      (await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname))).filter((path) => path.endsWith('_bg.wasm'));
    expect((await wasmOf()).map((path) => path.slice(1))).toEqual(hashed(BUILD_A).filter((name) => name.endsWith('_bg.wasm')));
    await expect(banner).toBeVisible();

    const problems: string[] = [];
    const requested: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    context.on('request', (r) => requested.push(new URL(r.url()).pathname));
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(page.locator('html[data-app="live"]')).toHaveCount(1);
    await expect(page.getByText(B_TEXT).first()).toBeVisible();
    await expect(banner).toHaveCount(0);
    // The page runs B's JavaScript and Wasm, and nothing of A's is asked for.
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
    const ofB = hashed(BUILD_B);
    expect(loaded.filter((path) => ofB.some((name) => path.endsWith(name))).length, 'B\'s JavaScript and Wasm').toBeGreaterThanOrEqual(2);
    expect([...requested, ...loaded].filter((path) => onlyA.some((name) => path.endsWith(name)))).toEqual([]);
    // Another page of B, opened in the app, is B's too.
    await open(page, '/');
    await expect(page.getByText(B_TEXT).first()).toBeVisible();
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    await stop();
  }
});
