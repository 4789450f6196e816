// Prerendering: every page is static HTML with its content, so it reads without JavaScript and
// deep links work on a plain static server with no fallback; the Wasm then hydrates the same
// HTML without errors or warnings, and brings the visitor's zone in.
import { spawn, ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { expect, harnessNote, main, rendered, test } from './support';

const PAGES = [
  ['home', '/', 'Istio community events'],
  ['event', '/istiocon-2022/', 'IstioCon 2022'],
  ['programme', '/istiocon-2022/programme/', 'Programme'],
  ['tracks', '/istiocon-2021/tracks/', 'Sessions by type'],
  ['session', '/istiocon-2022/sessions/a3/', 'External CA integration with Istio explained'],
  ['speaker', '/speakers/lin-sun/', 'Lin Sun'],
  ['istio day', '/istio-day-north-america-2025/programme/', 'Programme'],
  ['register', '/istiocon-2022/register/', 'Register for IstioCon 2022'],
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
    await page.getByRole('link', { name: 'External CA integration with Istio explained', exact: true }).click();
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
          if (!m.text().includes('integrity') && !harnessNote(m.text())) problems.push(`${m.type()}: ${m.text()}`);
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

  test('moving to another page renders it in the same document', async ({ page }) => {
    await page.goto('/');
    await rendered(page);
    const requests: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.resourceType() === 'document' || path.startsWith('/data/')) requests.push(`${r.resourceType()} ${path}`);
    });
    await page.getByRole('link', { name: 'IstioCon 2021', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('IstioCon 2021');
    await rendered(page);
    await page.getByRole('navigation', { name: 'IstioCon 2021 pages' }).getByRole('link', { name: 'Programme' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme');
    await rendered(page);
    // One data file (the event's, which serves its programme too), no document.
    expect(requests).toEqual(['fetch /data/events/istiocon-2021.json']);
  });

  test('a page a host serves at an address it does not name renders that address instead', async ({ page }) => {
    // As hosts that answer unknown paths with index.html do: the home page's HTML at this address.
    const problems: string[] = [];
    page.on('console', (m) => {
      if ((m.type() === 'error' || m.type() === 'warning') && !harnessNote(m.text())) problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.route('**/no-such-page/', async (route) => {
      const home = await route.fetch({ url: new URL('/', route.request().url()).toString() });
      await route.fulfill({ response: home, status: 200 });
    });
    await page.goto('/no-such-page/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.locator('html[data-app="live"]')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await page.waitForTimeout(300);
    // The route asks for its data, and the host's 404 is how the app knows there is no such
    // event; Chromium logs that answer itself. Nothing else is said.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^error: Failed to load resource: the server responded with a status of 404/);
  });
});

test.describe('a plain static server (python3 -m http.server, no fallback)', () => {
  let server: ChildProcess;
  const port = 4174;
  test.beforeAll(async () => {
    // The built site the suite serves (playwright.config.ts: E2E_DIST, else dist/).
    const dist = path.resolve(__dirname, process.env.E2E_DIST ?? '../../dist');
    server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dist], { stdio: 'ignore' });
    // Up to 30 s: on a loaded 2-core machine Python can take seconds to start.
    for (let i = 0; i < 300; i++) {
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

test.describe('search and sharing', () => {
  test('each page has a canonical address and sharing tags from its own title and description', async ({ request }) => {
    const html = await (await request.get('/istiocon-2022/sessions/a3/')).text();
    expect(html).toContain('<link href="https://events.istio.io/istiocon-2022/sessions/a3/" rel="canonical">');
    expect(html).toContain('<meta property="og:title" content="External CA integration with Istio explained · IstioCon 2022 · Istio community events">');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
    expect(html).toContain('<meta property="og:description" content="Presentation by Lin Sun, Josh van Leeuwen at IstioCon 2022.">');
  });

  test('event overviews describe the event as schema.org JSON-LD with zone offsets', async ({ request }) => {
    const html = await (await request.get('/istio-day-north-america-2025/')).text();
    const ld = html.match(/<script type="application\/ld\+json">(.*?)<\/script>/);
    expect(ld).not.toBeNull();
    const event = JSON.parse(ld![1]);
    expect(event['@type']).toBe('Event');
    expect(event.name).toBe('Istio Day North America 2025');
    expect(event.startDate).toBe('2025-11-10T00:00:00-05:00');
    expect(event.location['@type']).toBe('Place');
    const virtual = JSON.parse((await (await request.get('/istiocon-2021/')).text()).match(/<script type="application\/ld\+json">(.*?)<\/script>/)![1]);
    expect(virtual.eventAttendanceMode).toBe('https://schema.org/OnlineEventAttendanceMode');
    expect(virtual.startDate).toBe('2021-02-22T00:00:00+00:00');
  });

  test('sitemap.xml lists every page and robots.txt points to it', async ({ request }) => {
    const sitemap = await (await request.get('/sitemap.xml')).text();
    const locs = sitemap.match(/<loc>/g) ?? [];
    // home + 8 events × 3 pages + 139 sessions + every speaker page
    expect(locs.length).toBeGreaterThan(1 + 24 + 139);
    expect(sitemap).toContain('<loc>https://events.istio.io/speakers/lin-sun/</loc>');
    expect(sitemap).not.toContain('404');
    const robots = await (await request.get('/robots.txt')).text();
    expect(robots).toContain('Sitemap: https://events.istio.io/sitemap.xml');
  });

  test('text assets are also there precompressed', async ({ request }) => {
    for (const file of ['/index.html.br', '/index.html.gz', '/sitemap.xml.br', '/data/events.json.gz']) {
      expect((await request.get(file)).status(), file).toBe(200);
    }
  });
});
