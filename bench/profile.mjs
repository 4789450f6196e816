// Where the main thread's time goes (run by bench/bench.py; a script that prints numbers, not a
// test). In Debian's Chromium at 4x CPU slowdown, records one in-app navigation (an event's
// overview → its programme, until the first task after the new page's frame) and one page load
// (the programme opened from scratch, until the app is live and a second has passed), each with
// a trace (Chromium's timeline events) and a CPU profile, and prints for each:
//   - the trace events on the page's main thread by self time (their duration less that of the
//     events nested in them), summed by name;
//   - the CPU profile's functions by self time, summed by name.
// The site it profiles should keep the Wasm's names (the name section): `scripts/bench` builds
// such a copy (dist-profile/, `WASM_NAMES=1 scripts/build`), else the Wasm's functions show as
// `wasm-function[N]`.
// Usage: node bench/profile.mjs BASE_URL   (a server of that copy); PROFILE_DUMP=/tmp/p also writes
// each recording raw, as /tmp/p-N.cpuprofile and /tmp/p-N.trace.json.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const BASE = process.argv[2] ?? 'http://127.0.0.1:4303';
const TOP = Number(process.env.TOP ?? 15);
// A phone's viewport unless BENCH_VIEWPORT says otherwise (e.g. 1440x900, where the programme is a grid).
const [WIDTH, HEIGHT] = (process.env.BENCH_VIEWPORT ?? '412x823').split('x').map(Number);
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'];

/** The span between the page's `bench:start` and `bench:end` marks (performance.mark), in the
 * trace's clock (µs), which the CPU profile shares. */
function window(events) {
  const mark = (name) => events.find((e) => e.name === name && e.cat?.includes('blink.user_timing'));
  const [start, end] = [mark('bench:start'), mark('bench:end')];
  if (!start || !end) throw new Error('the trace has no bench:start/bench:end marks');
  return [start.ts, end.ts];
}

/** Trace events of the page's main thread within `[from, to]`, by self time: name → [ms, count]. */
function traceBySelfTime(events, [from, to]) {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!mains.length) throw new Error('the trace has no renderer main thread');
  const marked = events.find((e) => e.name === 'bench:start');
  const main = mains.find((m) => m.pid === marked?.pid) ?? mains[0];
  const complete = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number')
    .filter((e) => e.ts >= from && e.ts + e.dur <= to)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const totals = new Map();
  const open = [];
  const close = (e) => {
    const t = totals.get(e.name) ?? [0, 0];
    t[0] += Math.max(0, e.dur - e.children) / 1000;
    t[1] += 1;
    totals.set(e.name, t);
  };
  for (const e of complete) {
    while (open.length && open[open.length - 1].ts + open[open.length - 1].dur <= e.ts) close(open.pop());
    const event = { name: e.name, ts: e.ts, dur: e.dur, children: 0 };
    if (open.length) open[open.length - 1].children += e.dur;
    open.push(event);
  }
  while (open.length) close(open.pop());
  const wall = complete.length ? (Math.max(...complete.map((e) => e.ts + e.dur)) - complete[0].ts) / 1000 : 0;
  return { totals, wall };
}

/** A function's name without its hash, cut to 140 characters (a monomorphized tachys
 * type can run to 10,000). */
const short = (name) => { const n = name.replace(/::h[0-9a-f]{16}$/, ''); return n.length > 140 ? `${n.slice(0, 137)}...` : n; };

/** The CPU profile's functions by self time within `[from, to]`: name → ms. */
function profileBySelfTime(profile, [from, to]) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    const node = nodes.get(id);
    const f = node.callFrame;
    const where = f.url.endsWith('.wasm') || f.url.startsWith('wasm://') ? 'wasm' : f.url ? 'js' : '';
    const name = `${short(f.functionName || '(anonymous)')}${where ? ` [${where}]` : ''}`;
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return totals;
}

/** The site's own functions (the app crate and the model, named in a build that keeps the
 * Wasm's names) by total time within `[from, to]`: a sample counts for every one of them on its
 * stack (once each), so the rows overlap; they say which of our components and helpers the
 * self time above is spent under. */
function ownByTotalTime(profile, [from, to]) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const own = (name) => /^(istio_events_site|events_model)::/.test(name) || /<(istio_events_site|events_model)::/.test(name);
  // Without the hash, and without the long generic arguments of a closure's type.
  const totals = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const name = nodes.get(n).callFrame.functionName;
      if (name && own(name)) seen.add(short(name));
    }
    for (const name of seen) totals.set(name, (totals.get(name) ?? 0) + ms);
  });
  return totals;
}

/** Records `load` then `action` on a new page with a trace and a CPU profile, both started
 * before the page loads (so the profiler knows the Wasm's functions), and keeps what falls
 * between the page's `bench:start` and `bench:end` marks, which `action` sets. */
async function recorded(browser, load, action) {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await browser.startTracing(page, { categories: CATEGORIES });
  await cdp.send('Profiler.start');
  await load(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const ms = await action(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const { profile } = await cdp.send('Profiler.stop');
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  const events = trace.traceEvents ?? trace;
  const span = window(events);
  await page.close();
  if (process.env.PROFILE_DUMP) {
    // The raw CPU profile and the trace, for a closer look (e.g. in DevTools' Performance panel).
    const { writeFileSync } = await import('node:fs');
    const n = (recorded.count = (recorded.count ?? 0) + 1);
    writeFileSync(`${process.env.PROFILE_DUMP}-${n}.cpuprofile`, JSON.stringify(profile));
    writeFileSync(`${process.env.PROFILE_DUMP}-${n}.trace.json`, JSON.stringify(events));
  }
  return { ms, trace: traceBySelfTime(events, span), profile: profileBySelfTime(profile, span), own: ownByTotalTime(profile, span) };
}

function table(title, totals, withCount, column = 'self ms', whole = null) {
  const rows = [...totals.entries()].map(([name, v]) => (Array.isArray(v) ? [name, v[0], v[1]] : [name, v, null]));
  rows.sort((a, b) => b[1] - a[1]);
  const sum = whole ?? rows.reduce((s, r) => s + r[1], 0);
  const out = [`| ${title} | ${column} | share |${withCount ? ' events |' : ''}`, `|---|---|---|${withCount ? '---|' : ''}`];
  for (const [name, ms, n] of rows.slice(0, TOP)) {
    out.push(`| ${name.replaceAll('|', '\\|')} | ${ms.toFixed(1)} | ${((100 * ms) / Math.max(sum, 1e-9)).toFixed(1)}% |${withCount ? ` ${n} |` : ''}`);
  }
  if (whole === null) out.push(`| (all) | ${sum.toFixed(1)} | 100% |${withCount ? ' |' : ''}`);
  return out.join('\n');
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const sections = [];
try {
  // One in-app navigation: overview → programme (its data at hand), from the click to the
  // first task after the new page's frame (as bench/navigate.mjs times it).
  {
    const r = await recorded(browser, async (page) => {
      await page.goto(`${BASE}/istiocon-2022/`);
      await page.waitForSelector('html[data-app="live"]');
      await page.waitForTimeout(500);
    }, async (page) => {
      const ms = await page.evaluate(() => new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const h1 = document.querySelector('main h1');
          if (h1 && h1.textContent === 'Programme') {
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => {
              performance.mark('bench:end');
              resolve(performance.now() - t0);
            }, 0));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        performance.mark('bench:start');
        const t0 = performance.now();
        document.querySelector('a[href$="/istiocon-2022/programme/"]').click();
      }));
      await page.waitForTimeout(300);
      return ms;
    });
    sections.push([`In-app navigation, overview → programme (4x CPU): click → painted ${r.ms.toFixed(1)} ms (profiled span)`, r]);
  }
  // One page load: the programme from scratch, until the app is live (hydrated) and 1 s more.
  {
    const r = await recorded(browser, async (page) => {
      await page.goto(`${BASE}/`);
      await page.waitForSelector('html[data-app="live"]');
    }, async (page) => {
      await page.evaluate(() => performance.mark('bench:start'));
      const t0 = Date.now();
      await page.goto(`${BASE}/istiocon-2022/programme/`);
      await page.waitForSelector('html[data-app="live"]', { timeout: 30000 });
      const live = Date.now() - t0;
      await page.waitForTimeout(1000);
      await page.evaluate(() => performance.mark('bench:end'));
      return live;
    });
    sections.push([`Page load, the programme (4x CPU): navigation → app live ${r.ms.toFixed(0)} ms; profiled: until 1 s after`, r]);
  }
} finally {
  await browser.close();
}

for (const [title, r] of sections) {
  console.log(`### ${title}\n`);
  console.log(`Main thread, trace events by self time (recorded span ${r.trace.wall.toFixed(0)} ms):\n`);
  console.log(table('trace event', r.trace.totals, true));
  console.log('\nCPU profile, functions by self time:\n');
  console.log(table('function', r.profile, false));
  console.log("\nThe site's own functions by total time (a sample counts for each one on its stack; share of the profiled span):\n");
  console.log(table('function', r.own, false, 'total ms', [...r.profile.values()].reduce((a, b) => a + b, 0)));
  console.log('');
}
