// End-to-end tests of the built site: dist/ (made by scripts/build) is served by real nginx with
// the documented deploy/nginx.conf (scripts/nginx-serve: a loopback port, its own temporary
// prefix) and driven in Debian's Chromium (/usr/bin/chromium, from apt). E2E_SERVER=serve.py
// serves it with the simpler tests/e2e/serve.py instead (no nginx needed; delivery.spec.ts,
// which checks what only nginx does, is then skipped).
//
// Browsers are NEVER downloaded: install the test dependencies with
//   PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci        (`npm run install-deps` does this)
// and never run `playwright install`. Run the tests with
//   PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test   (`npm test` does this)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

// E2E_PORT lets two checkouts run their end-to-end tests at once.
const PORT = Number(process.env.E2E_PORT ?? 4173);
// The built site; E2E_DIST (relative to this folder) can point elsewhere.
const DIST_ARG = process.env.E2E_DIST ?? '../../dist';
const DIST = resolve(__dirname, DIST_ARG);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Which server: nginx with deploy/nginx.conf (the default), or serve.py.
export const SERVER = process.env.E2E_SERVER === 'serve.py' ? 'serve.py' : 'nginx';
// Where nginx's /api/ location sends requests (delivery.spec.ts listens there).
export const API_PORT = Number(process.env.E2E_API_PORT ?? PORT + 7);
process.env.E2E_API_PORT = String(API_PORT);
process.env.E2E_SERVER = SERVER;

if (!existsSync(resolve(DIST, 'index.html'))) {
  throw new Error(
    `${DIST}/index.html does not exist: build the site first (trunk build --release at the repository root), ` +
      'then run the end-to-end tests again.',
  );
}
if (!existsSync(CHROMIUM)) {
  throw new Error(`${CHROMIUM} does not exist: install Debian's chromium package (apt-get install chromium).`);
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // A Wasm app compiles and fetches its data before it shows anything: be generous.
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  outputDir: 'test-results',
  webServer: {
    // Relative to this folder (Playwright runs it here).
    command:
      SERVER === 'nginx' ? `../../scripts/nginx-serve ${DIST_ARG} ${PORT} ${API_PORT}` : `python3 serve.py ${DIST_ARG} ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 20_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    // Every journey runs without the service worker (the site must work without it, and a
    // worker's cache would carry pages from one test into the next); offline.spec.ts allows it.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } },
    },
  ],
});
