// Builds the service worker into a built site: `node tools/sw/build.mjs DIST` (run by
// `site-build pages` in release builds, after every page is written). esbuild bundles
// tools/sw/sw.js with the Workbox modules it imports, minified; Workbox's injectManifest then
// writes DIST/sw.js with the precache list of the files DIST holds (name and revision of each).
// Prints the worker's size and the precache list's length.
import { build } from 'esbuild';
import { injectManifest } from 'workbox-build';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node tools/sw/build.mjs DIST');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'sw-'));
try {
  const bundled = join(tmp, 'sw.js');
  await build({
    entryPoints: [join(here, 'sw.js')],
    outfile: bundled,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    // Workbox's development logging is left out of a production bundle.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const { count, size, warnings } = await injectManifest({
    swSrc: bundled,
    swDest: join(dist, 'sw.js'),
    globDirectory: dist,
    // The app shell: the Wasm and its JavaScript (hashed names), the offline page, the events'
    // index, the icons and the manifest. Pages and other data are cached as opened. Not
    // 404.html: nginx serves it only as the answer to unknown addresses (`internal`), so asking
    // for it is itself a 404 and would fail the worker's install; offline.html stands in.
    globPatterns: [
      '*-*.js',
      '*_bg.wasm',
      'offline.html',
      'data/events.json',
      'favicon.svg',
      'icons/*.png',
      'manifest.webmanifest',
    ],
    globIgnores: ['sw.js'],
    // Hashed names change with their content: they need no revision of their own.
    dontCacheBustURLsMatching: /-[0-9a-f]{8,16}(_bg\.wasm|\.js)$/,
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  });
  for (const warning of warnings) console.error(`warning: ${warning}`);
  const bytes = statSync(join(dist, 'sw.js')).size;
  console.error(`service worker: ${bytes} bytes, ${count} files precached (${(size / 1024).toFixed(1)} KB)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
