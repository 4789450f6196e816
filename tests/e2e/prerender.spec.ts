// Prerendering: every page is static HTML with its content, so it reads without JavaScript and
// deep links work on a plain static server with no fallback; the Wasm then hydrates the same
// HTML without errors or warnings, and brings the visitor's zone in.
import { spawn, ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { main, rendered } from './support';

const PAGES = [
  ['home', '/', 'Istio community events'],
  ['event', '/istiocon-2022/', 'IstioCon 2022'],
  ['programme', '/istiocon-2022/programme/', 'Programme'],
  ['tracks', '/istiocon-2021/tracks/', 'Sessions by type'],
  ['session', '/istiocon-2022/sessions/a3/', 'External CA integration with Istio explained'],
  ['speaker', '/speakers/lin-sun/', 'Lin Sun'],
  ['istio day', '/istio-day-north-america-2025/programme/', 'Programme'],
] as const;

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const [kind, url, h1] of PAGES) {
    test(`${kind} page ${url} shows its content`, async ({ page }) => {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1);
      await expect(page).toHaveTitle(/Istio community events/);
      expect(await page.locator('meta[name="description"]').count()).toBe(1);
    });
  }

  test('links work: home → event → programme → session → speaker', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'IstioCon 2022', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('IstioCon 2022');
    await page.getByRole('navigation', { name: 'IstioCon 2022 pages' }).getByRole('link', { name: 'Programme' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme');
    await expect(main(page).locator('article.session')).toHaveCount(65);
    await page.getByRole('link', { name: 'External CA integration with Istio explained' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('External CA integration with Istio explained');
    // The event's time is there; the visitor's needs the browser, and says so.
    await expect(main(page).locator('.clock-event dd')).toContainText('4:40');
    // (a <noscript> note; browsers with scripting switched off by a test driver may not show it)
    expect(await page.content()).toContain('shown in your time zone when JavaScript is on');
    await main(page).getByRole('link', { name: 'Lin Sun' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lin Sun');
  });
});

test.describe('hydration', () => {
  for (const [kind, url, h1] of PAGES) {
    test(`${kind} page ${url} hydrates without errors or warnings`, async ({ page }) => {
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') {
          // Chromium's own note about preload integrity is not ours to fix.
          if (!m.text().includes('integrity')) problems.push(`${m.type()}: ${m.text()}`);
        }
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      const data: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/data/')) data.push(r.url());
      });
      await page.goto(url);
      await rendered(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1);
      // The app is live: the visitor's zone is filled in where the page shows times.
      if (await main(page).locator('.clock-local').count()) {
        await expect(main(page).locator('.clock-local dd').first()).not.toBeEmpty();
      }
      await page.waitForTimeout(300);
      expect(problems).toEqual([]);
      // The page's data came with the page.
      expect(data).toEqual([]);
    });
  }

  test('moving to another page inside the app fetches only that page\'s data', async ({ page }) => {
    await page.goto('/');
    await rendered(page);
    const data: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/data/')) data.push(new URL(r.url()).pathname);
    });
    await page.getByRole('link', { name: 'IstioCon 2021', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('IstioCon 2021');
    await page.getByRole('navigation', { name: 'IstioCon 2021 pages' }).getByRole('link', { name: 'Programme' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme');
    expect(data).toEqual(['/data/events/istiocon-2021.json']);
  });
});

test.describe('a plain static server (python3 -m http.server, no fallback)', () => {
  let server: ChildProcess;
  const port = 4174;
  test.beforeAll(async () => {
    const dist = path.resolve(__dirname, '../../dist');
    server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dist], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      try {
        await fetch(`http://127.0.0.1:${port}/`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  test.afterAll(() => server?.kill());

  test('deep links open their page', async ({ page }) => {
    for (const [, url, h1] of PAGES) {
      const response = await page.goto(`http://127.0.0.1:${port}${url}`);
      expect(response?.status(), url).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1);
    }
    // Without the trailing slash the server redirects to the folder.
    await page.goto(`http://127.0.0.1:${port}/istiocon-2022/programme`);
    await expect(page).toHaveURL(/\/istiocon-2022\/programme\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme');
  });
});
