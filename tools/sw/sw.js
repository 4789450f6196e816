// The site's service worker (release builds only): bundled by esbuild and given its precache
// list by Workbox's injectManifest (tools/sw/build.mjs), from the built dist/ at build time.
//
// - The app shell is precached: the one Wasm, its JavaScript, the offline page,
//   data/events.json and the icons (their list is `self.__WB_MANIFEST`).
// - Pages and data files the visitor opens: stale-while-revalidate, in this version's cache.
//   A page that names another build's JavaScript or Wasm (a new deploy) is shown but not kept: the
//   worker looks for its own update instead, so one version's cache never holds another's pages.
// - Photos (content-hashed names): cache-first.
// - A page never opened and not saved, asked for offline: the offline page (503).
// - Registrations (a POST with an Idempotency-Key, wherever the site's settings send it) go to
//   the network as they are and are never cached. Only when the network fails is the request
//   kept (IndexedDB, Workbox's background-sync Queue) and sent again by Background Sync once the
//   browser is online; a browser without Background Sync sends it when the worker next starts.
//   The page's outbox keeps its own copy and retries too: both send the same key, and the
//   registration service stores a key once, so the registration arrives exactly once.
// - Nothing else is touched: no other POST, nothing under api/, no other origin.
// - "Save for offline" (the event page): the page sends the list of an event's files through a
//   MessageChannel; the worker fetches each into this version's cache and reports progress.
// - Updates: a new worker waits until the page asks it to take over ("skip-waiting"); on
//   activation it deletes every other version's caches, so the switch is all at once.
import { precacheAndRoute, cleanupOutdatedCaches, matchPrecache } from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { StaleWhileRevalidate, CacheFirst, NetworkOnly } from 'workbox-strategies';
import { BackgroundSyncPlugin } from 'workbox-background-sync';

const MANIFEST = self.__WB_MANIFEST;
// This build's version: a hash of its precache list (every file's name and revision).
const VERSION = (() => {
  let h = 0x811c9dc5;
  for (const c of JSON.stringify(MANIFEST)) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16);
})();
const PAGES = `pages-${VERSION}`;
const PHOTOS = 'photos';
// The site's base (`/` or `/istio-events/`): the worker's own folder, which is its scope.
const BASE = new URL('./', self.location).pathname;
const OFFLINE = 'offline.html';
const SHELL = new Set(MANIFEST.map((entry) => new URL(entry.url, self.location).pathname));

cleanupOutdatedCaches();
precacheAndRoute(MANIFEST);

const own = (url) => url.origin === self.location.origin && url.pathname.startsWith(BASE)
  && !url.pathname.startsWith(`${BASE}api/`);

// A page from another build (it names JavaScript or Wasm this version does not have) is not kept.
const sameBuild = {
  cacheWillUpdate: async ({ response }) => {
    if (!response || response.status !== 200) return null;
    if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
    // Its hashed files: the JavaScript and the Wasm (a release may rename only one of them).
    const scripts = (await response.clone().text()).match(/[\w.-]+-[0-9a-f]{8,16}(?:_bg\.wasm|\.js)/g) ?? [];
    if (scripts.every((name) => SHELL.has(`${BASE}${name}`))) return response;
    self.registration.update();
    return null;
  },
};
const pages = new StaleWhileRevalidate({ cacheName: PAGES, plugins: [sameBuild] });

registerRoute(({ request, url }) => own(url) && request.mode === 'navigate', pages);
registerRoute(({ url }) => own(url) && url.pathname.startsWith(`${BASE}data/`), pages);
registerRoute(({ url }) => own(url) && url.pathname.startsWith(`${BASE}photos/`), new CacheFirst({ cacheName: PHOTOS }));
// Calendars and schedules an event saved for offline (saved in this version's cache).
registerRoute(({ url }) => own(url) && /\.(ics|json|xml)$/.test(url.pathname), new StaleWhileRevalidate({ cacheName: PAGES }));

// A registration the network did not take: kept for a week (in minutes), sent when online.
const outbox = new BackgroundSyncPlugin('registrations', { maxRetentionTime: 7 * 24 * 60 });
registerRoute(({ request }) => request.headers.has('idempotency-key'), new NetworkOnly({ plugins: [outbox] }), 'POST');

setCatchHandler(async ({ request }) => {
  if (request.mode === 'navigate') {
    const page = await matchPrecache(OFFLINE);
    if (page) return new Response(page.body, { status: 503, headers: page.headers });
  }
  return Response.error();
});

// "Save for offline": fetch every file of an event into this version's cache, one after the
// other, telling the page how far it is ({done, total, bytes}) and what failed.
async function save(paths, port) {
  const pagesCache = await caches.open(PAGES);
  const photosCache = await caches.open(PHOTOS);
  let done = 0;
  let bytes = 0;
  const failed = [];
  for (const path of paths) {
    const url = new URL(path, self.location);
    try {
      const response = await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`${response.status}`);
      bytes += (await response.clone().arrayBuffer()).byteLength;
      await (url.pathname.startsWith(`${BASE}photos/`) ? photosCache : pagesCache).put(url, response);
    } catch {
      failed.push(path);
    }
    done += 1;
    port.postMessage({ type: 'progress', done, total: paths.length, bytes });
  }
  port.postMessage({ type: 'saved', done, total: paths.length, bytes, failed });
}

self.addEventListener('message', (event) => {
  const message = event.data ?? {};
  if (message.type === 'skip-waiting') {
    self.skipWaiting();
  } else if (message.type === 'save' && Array.isArray(message.paths) && event.ports[0]) {
    event.waitUntil(save(message.paths, event.ports[0]));
  }
});

// A new version takes over: the pages the visitor had (opened or saved) are fetched again as
// this version has them, before the other versions' caches go.
self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const older = (await caches.keys()).filter((name) => name.startsWith('pages-') && name !== PAGES);
    const fresh = await caches.open(PAGES);
    for (const name of older) {
      for (const request of await (await caches.open(name)).keys()) {
        try {
          const response = await fetch(request.url, { cache: 'no-cache' });
          if (response.ok) await fresh.put(request.url, response);
        } catch {
          // Offline while installing: the page is fetched again when next opened.
        }
      }
    }
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('pages-') && name !== PAGES) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});
