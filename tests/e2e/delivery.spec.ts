// Delivery through the documented nginx configuration (deploy/nginx.conf, run by
// scripts/nginx-serve as Playwright's web server): for every kind of file the site has, its
// Content-Type, the precompressed file sent as it is (brotli, gzip, or none, as the request
// asks) and byte for byte the built file once decoded, its caching (a year and immutable for
// Trunk's hashed files, no-cache for the rest), the security headers and the
// Content-Security-Policy the build wrote (the same as in _headers and each page's <meta>);
// the 404 page with status 404; folders redirected to their slash; the /api/ proxy to the
// registration service with X-Forwarded-For; and every page type loading hydrated in the
// browser through it with no console error and no policy violation (support.ts fails any test on a
// violation). Also the files for other hosts in dist/: _headers and .nojekyll.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type APIRequestContext } from '@playwright/test';
import { expect, rendered, test } from './support';

const DIST = resolve(__dirname, process.env.E2E_DIST ?? '../../dist');
const API_PORT = Number(process.env.E2E_API_PORT);
const IMMUTABLE = 'public, max-age=31536000, immutable';

test.skip(process.env.E2E_SERVER !== 'nginx', 'delivery is checked through nginx (E2E_SERVER=serve.py serves with serve.py)');

/** The policy the build wrote for nginx (csp.nginx.conf), as nginx sends it. */
function builtPolicy(): string {
  const conf = readFileSync(resolve(DIST, 'csp.nginx.conf'), 'utf8');
  const m = conf.match(/^add_header Content-Security-Policy "(.*)" always;$/m);
  if (!m) throw new Error(`no Content-Security-Policy line in ${DIST}/csp.nginx.conf`);
  return m[1].replace(/\\"/g, '"').replace(/\\\\/g, '\\');
}

/** Trunk's hashed file names in dist/ (the Wasm and its JavaScript). */
function hashedFiles(): string[] {
  return readdirSync(DIST).filter((f) => /-[0-9a-f]{8,16}(_bg\.wasm|\.js)$/.test(f));
}

/** One file of each kind, with the Content-Type nginx must send for it. */
function kinds(): { kind: string; path: string; file: string; type: string }[] {
  const js = hashedFiles().find((f) => f.endsWith('.js'));
  const wasm = hashedFiles().find((f) => f.endsWith('_bg.wasm'));
  if (!js || !wasm) throw new Error(`no hashed .js and _bg.wasm in ${DIST}`);
  return [
    { kind: 'page (html)', path: '/istiocon-2022/programme/', file: 'istiocon-2022/programme/index.html', type: 'text/html; charset=utf-8' },
    { kind: 'home page', path: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
    { kind: 'javascript', path: `/${js}`, file: js, type: 'application/javascript; charset=utf-8' },
    { kind: 'wasm', path: `/${wasm}`, file: wasm, type: 'application/wasm' },
    { kind: 'json', path: '/data/events.json', file: 'data/events.json', type: 'application/json; charset=utf-8' },
    { kind: 'calendar', path: '/istiocon-2022/programme.ics', file: 'istiocon-2022/programme.ics', type: 'text/calendar; charset=utf-8' },
    { kind: 'schedule xml', path: '/istiocon-2022/schedule.xml', file: 'istiocon-2022/schedule.xml', type: 'text/xml; charset=utf-8' },
    { kind: 'sitemap xml', path: '/sitemap.xml', file: 'sitemap.xml', type: 'text/xml; charset=utf-8' },
    { kind: 'schedule json', path: '/istiocon-2022/schedule.json', file: 'istiocon-2022/schedule.json', type: 'application/json; charset=utf-8' },
    { kind: 'svg', path: '/favicon.svg', file: 'favicon.svg', type: 'image/svg+xml; charset=utf-8' },
    { kind: 'text', path: '/robots.txt', file: 'robots.txt', type: 'text/plain; charset=utf-8' },
    // The service worker is checked again on every visit (no-cache), so a new deploy is found.
    { kind: 'service worker', path: '/sw.js', file: 'sw.js', type: 'application/javascript; charset=utf-8' },
    { kind: 'web app manifest', path: '/manifest.webmanifest', file: 'manifest.webmanifest', type: 'application/manifest+json; charset=utf-8' },
  ];
}

/** GET with this Accept-Encoding, undecoded (Playwright would otherwise decode it). */
async function get(request: APIRequestContext, path: string, encoding: string) {
  const response = await request.get(path, { headers: { 'Accept-Encoding': encoding }, maxRedirects: 0 });
  return response;
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'gzip') return gunzipSync(body);
  return body;
}

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  expect(headers['content-security-policy'], `${where}: the build's policy`).toBe(builtPolicy());
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], where).toMatch(/^accelerometer=\(\), .*camera=\(\), .*geolocation=\(\), .*microphone=\(\)/);
}

test.describe('every kind of file through nginx', () => {
  for (const { kind, path, file, type } of kinds()) {
    test(`${kind}: ${path}`, async ({ request }) => {
      const built = readFileSync(resolve(DIST, file));
      const hashed = hashedFiles().includes(file);
      for (const [asked, sent] of [
        ['br, gzip', 'br'],
        ['gzip', 'gzip'],
        ['identity', undefined],
      ] as const) {
        const response = await get(request, path, asked);
        const headers = response.headers();
        const where = `${path} (Accept-Encoding: ${asked})`;
        expect(response.status(), where).toBe(200);
        expect(headers['content-type'], where).toBe(type);
        // Playwright's request context decodes br and gzip itself; the raw header says what was sent.
        expect(headers['content-encoding'], `${where}: the precompressed file`).toBe(sent);
        if (sent) expect(headers['vary'], where).toBe('Accept-Encoding');
        const body = await response.body();
        const decoded = body.equals(built) ? body : decode(body, sent);
        expect(decoded.equals(built), `${where}: the built file, byte for byte`).toBe(true);
        expect(headers['cache-control'], where).toBe(hashed ? IMMUTABLE : 'no-cache');
        if (!hashed) expect(headers['etag'] ?? headers['last-modified'], `${where}: revalidated cheaply`).toBeTruthy();
        expectSecurityHeaders(headers, where);
      }
    });
  }

  test('an unknown address is the site\'s 404 page with status 404, also under /data/ and for hashed names', async ({ request }) => {
    const page404 = readFileSync(resolve(DIST, '404.html'));
    for (const path of ['/no-such-page/', '/istiocon-2022/no-such-thing', '/data/events/no-such-event.json', '/istio-events-site-0123456789abcdef_bg.wasm', '/404.html']) {
      const response = await get(request, path, 'br');
      const headers = response.headers();
      expect(response.status(), path).toBe(404);
      expect(headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(headers['content-encoding'], path).toBe('br');
      expect(headers['cache-control'], path).toBe('no-cache');
      const body = await response.body();
      expect((body.equals(page404) ? body : brotliDecompressSync(body)).equals(page404), `${path}: 404.html`).toBe(true);
      expectSecurityHeaders(headers, path);
    }
  });

  test('a folder without its slash is redirected to it, by path only', async ({ request }) => {
    const response = await get(request, '/istiocon-2022/programme', 'br');
    expect(response.status()).toBe(301);
    expect(response.headers()['location']).toBe('/istiocon-2022/programme/');
  });

  test('conditional requests answer 304 for pages and data', async ({ request }) => {
    const first = await get(request, '/istiocon-2022/', 'br');
    const etag = first.headers()['etag'];
    expect(etag).toBeTruthy();
    const again = await request.get('/istiocon-2022/', { headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag } });
    expect(again.status()).toBe(304);
  });
});

test.describe('the /api/ proxy to the registration service', () => {
  let server: Server;
  const seen: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  test.beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end('{"reference":"PROXY-1"}');
      });
    });
    await new Promise<void>((ok) => server.listen(API_PORT, '127.0.0.1', ok));
  });
  test.afterAll(async () => {
    await new Promise((ok) => server.close(ok));
  });

  test('POST /api/events/<event>/registrations reaches the service with X-Forwarded-For', async ({ request }) => {
    const response = await request.post('/api/events/istiocon-2022/registrations', {
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1', 'X-Forwarded-For': '203.0.113.9' },
      data: '{"event":"istiocon-2022"}',
    });
    expect(response.status()).toBe(201);
    expect(await response.json()).toEqual({ reference: 'PROXY-1' });
    expect(response.headers()['cache-control']).toBe('no-store');
    expectSecurityHeaders(response.headers(), '/api/');
    const got = seen.at(-1)!;
    expect(got.method).toBe('POST');
    expect(got.url, 'the /api prefix is taken off').toBe('/events/istiocon-2022/registrations');
    expect(got.body).toBe('{"event":"istiocon-2022"}');
    expect(got.headers['idempotency-key']).toBe('k-1');
    expect(got.headers['x-forwarded-for'], 'the client address appended to what came in').toBe('203.0.113.9, 127.0.0.1');
    expect(got.headers['x-real-ip']).toBe('127.0.0.1');
    expect(got.headers['x-forwarded-proto']).toBe('http');
  });
});

test.describe('files for other hosts', () => {
  test('_headers carries the same policy, the security headers and the caching', () => {
    const headers = readFileSync(resolve(DIST, '_headers'), 'utf8');
    expect(headers).toContain(`/*\n  Content-Security-Policy: ${builtPolicy()}\n`);
    expect(headers).toContain('  X-Content-Type-Options: nosniff\n');
    expect(headers).toContain('  Referrer-Policy: strict-origin-when-cross-origin\n');
    expect(headers).toMatch(/\n {2}Permissions-Policy: accelerometer=\(\), /);
    for (const file of hashedFiles()) {
      expect(headers, file).toContain(`/${file}\n  Cache-Control: ${IMMUTABLE}\n`);
    }
    // Speakers' photos are named by their content too.
    expect(headers).toContain(`/photos/*\n  Cache-Control: ${IMMUTABLE}\n`);
    // Everything else keeps the hosts' default (max-age=0, must-revalidate).
    expect(headers).toContain('/sw.js\n  Cache-Control: no-cache\n');
    expect(headers.match(/Cache-Control/g)?.length).toBe(hashedFiles().length + 2);
  });

  test('.nojekyll and 404.html are at the root (GitHub Pages; Netlify and Cloudflare use 404.html)', () => {
    expect(existsSync(resolve(DIST, '.nojekyll'))).toBe(true);
    expect(existsSync(resolve(DIST, '404.html'))).toBe(true);
  });

  test('every page carries the policy as <meta>, without frame-ancestors, ahead of its scripts and styles', () => {
    const meta = builtPolicy()
      .split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    for (const file of ['index.html', '404.html', 'istiocon-2022/index.html', 'istiocon-2022/programme/index.html', 'istiocon-2022/register/index.html']) {
      const html = readFileSync(resolve(DIST, file), 'utf8');
      const tag = `<meta http-equiv="Content-Security-Policy" content="${meta.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
      const at = html.indexOf(tag);
      expect(at, `${file}: the policy's <meta>`).toBeGreaterThan(0);
      for (const inline of ['<script', '<style']) {
        const first = html.indexOf(inline);
        if (first >= 0) expect(at, `${file}: before the first ${inline}`).toBeLessThan(first);
      }
    }
  });
});

test.describe('every page type in the browser through nginx', () => {
  const pages: [string, string][] = [
    ['home', '/'],
    ['event overview', '/istiocon-2022/'],
    ['event without times', '/istio-day-north-america-2025/'],
    ['programme', '/istiocon-2022/programme/'],
    ['my agenda', '/istiocon-2022/agenda/?s=aw,a5,a3'],
    ['tracks', '/istiocon-2022/tracks/'],
    ['session', '/istiocon-2022/sessions/a3/'],
    ['speaker', '/speakers/lin-sun/'],
    ['registration (open, in a preview)', '/istiocon-2022/register/?preview-at=2022-04-01T12:00:00Z'],
    ['404', '/no-such-page/'],
  ];
  for (const [name, path] of pages) {
    test(`${name}: hydrated, no console error, no failed request`, async ({ page }) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        // The 404 page's own status is reported as a failed load: that one is expected.
        const itself = name === '404' && m.location().url.endsWith(path);
        if (m.type() === 'error' && !itself) errors.push(`${m.type()}: ${m.text()} (${m.location().url})`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400 && !(name === '404' && r.url().endsWith(path))) failed.push(`${r.status()} ${r.url()}`);
      });
      const response = await page.goto(path);
      expect(response?.status()).toBe(name === '404' ? 404 : 200);
      await rendered(page);
      // The Wasm arrived compressed and compiled under 'wasm-unsafe-eval'.
      if (name !== '404') {
        const wasm = await page.evaluate(() =>
          performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).map((e) => (e as PerformanceResourceTiming).encodedBodySize < (e as PerformanceResourceTiming).decodedBodySize),
        );
        expect(wasm, 'the Wasm was sent compressed').toEqual([true]);
      }
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
    });
  }
});
