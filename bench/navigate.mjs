// Navigation benchmark (run by scripts/bench-navigate; a script that prints numbers, not a
// test). In Debian's Chromium at 4x CPU slowdown, times a click on an internal link until the
// next route is painted: from the click to the first task after the frame in which the new
// page's heading is in the document (so the frame's style, layout and paint are counted). Each
// case is repeated on fresh page loads:
//   - cached: the next route's data is at hand (an event's overview → its programme, whose
//     outline the full event serves), target under 100 ms;
//   - fetched: the next route's data file is fetched first (home → an event's overview).
// Beside each, in the same run, the baseline: the same click on a script-free copy of the same
// pages (BASELINE_URL), which loads the next page as a document; timed from the click to the
// new document's first paint once it is whole (the later of its first contentful paint and
// the end of its DOMContentLoaded). A single-page app's click must beat that: the target is at
// most 0.5 x the baseline.
// Usage: node bench/navigate.mjs BASE_URL BASELINE_URL   (dist/ and its script-free copy)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const BASE = process.argv[2] ?? 'http://127.0.0.1:4474';
const BASELINE = process.argv[3];
const RUNS = Number(process.env.RUNS ?? 7);
// A phone's viewport unless BENCH_VIEWPORT says otherwise (e.g. 1440x900, where the programme is a grid).
const [WIDTH, HEIGHT] = (process.env.BENCH_VIEWPORT ?? '412x823').split('x').map(Number);
const CASES = [
  { name: 'cached: overview → programme', start: '/istiocon-2022/', link: 'a[href="/istiocon-2022/programme/"]', heading: 'Programme', target: 100 },
  { name: 'cached: programme → tracks', start: '/istiocon-2022/programme/', link: 'a[href="/istiocon-2022/tracks/"]', heading: 'Tracks', target: 100 },
  { name: 'fetched: home → IstioCon 2022', start: '/', link: 'a[href="/istiocon-2022/"]', heading: 'IstioCon 2022', target: null },
];

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, median: at(0.5), max: s[s.length - 1] };
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const rows = [];
try {
  for (const c of CASES) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
      const cdp = await page.context().newCDPSession(page);
      await page.goto(`${BASE}${c.start}`);
      await page.waitForSelector('html[data-app="live"]');
      await page.waitForTimeout(200);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const ms = await page.evaluate(({ link, heading }) => new Promise((resolve) => {
        const a = document.querySelector(link);
        const t0 = performance.now();
        const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        const observer = new MutationObserver(() => {
          const h1 = document.querySelector('main h1');
          if (h1 && h1.textContent === heading) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        a.click();
      }), { link: c.link, heading: c.heading });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const documents = await page.evaluate(() => performance.getEntriesByType('navigation').length);
      if (documents !== 1) throw new Error(`${c.name}: the click loaded a document`);
      times.push(ms);
      await page.close();
    }
    const base = [];
    for (let i = 0; BASELINE && i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
      const cdp = await page.context().newCDPSession(page);
      await page.goto(`${BASELINE}${c.start}`);
      await page.waitForTimeout(200);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const clicked = await page.evaluate((link) => {
        const at = performance.timeOrigin + performance.now();
        document.querySelector(link).click();
        return at;
      }, c.link);
      await page.waitForURL((url) => url.pathname !== c.start);
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0
        && performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd > 0);
      const whole = await page.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0].startTime;
        const dcl = performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd;
        return performance.timeOrigin + Math.max(fcp, dcl);
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      base.push(whole - clicked);
      await page.close();
    }
    rows.push([c.name, c.target, stats(times), base.length ? stats(base) : null]);
  }
} finally {
  await browser.close();
}

const fmt = (x) => `${x.toFixed(1)} ms`;
console.log(`| click → next route painted (4x CPU slowdown, ${WIDTH}x${HEIGHT}) | runs | median | max | script-free page load, median | app / page load | target |`);
console.log('|---|---|---|---|---|---|---|');
for (const [name, target, s, b] of rows) {
  const ratio = b ? s.median / b.median : null;
  const goals = [];
  if (target) goals.push(`< ${target} ms (${s.median < target ? 'met' : 'not met'})`);
  if (ratio !== null) goals.push(`≤ 0.5 x (${ratio <= 0.5 ? 'met' : 'not met'})`);
  console.log(`| ${name} | ${s.n} | ${fmt(s.median)} | ${fmt(s.max)} | ${b ? fmt(b.median) : '-'} | ${ratio !== null ? ratio.toFixed(2) + ' x' : '-'} | ${goals.join(', ') || '-'} |`);
}
