// Rillet's service worker: the app opens offline after one visit.
//
// - Precaches the app shell at install: the hashed code and styles, index.html, embed.html and
//   the built-in feed. The list (and VERSION, a hash of it) is written at build time by
//   scripts/precache.mjs; a new build is a new sw.js, which the browser installs in the
//   background.
// - Serves hashed files cache-first (their names change when their bytes do), and the pages and
//   other files of ours network-first, falling back to the cached copy when offline.
// - Never touches requests to other sites: feeds and pictures go straight to the network, and
//   the app keeps its own offline copies of feeds in IndexedDB.
// - On activate, deletes the caches of older builds.

// Written by scripts/precache.mjs:
const VERSION = 'dev';
const PRECACHE = [];

const CACHE = `rillet-${VERSION}`;
const SCOPE = new URL('./', self.location.href).href;
// Trunk's content hashes: name-<hex>.ext and name-<hex>_bg.wasm.
const HASHED = /-[0-9a-f]{8,}(_bg)?\.[a-z]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Hashed files may come from the HTTP cache (their bytes never change); the rest is
      // revalidated so the shell matches this build.
      await cache.addAll(
        PRECACHE.map((path) => new Request(new URL(path, SCOPE), { cache: HASHED.test(path) ? 'default' : 'no-cache' })),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('rillet-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Other sites (feeds, proxies, pictures): not ours to cache.
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, true));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (isPrecached(url)) {
    event.respondWith(networkFirst(request, false));
  }
  // Anything else on this host (a feed served beside the app): straight to the network.
});

function isPrecached(url) {
  const path = url.href.slice(SCOPE.length).split(/[?#]/)[0];
  return PRECACHE.includes(path);
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

// Pages are cached under their address without the query: every view of the reader
// (?feed=…&entry=…) is the same page.
async function networkFirst(request, isPage) {
  const key = new URL(request.url);
  key.search = '';
  key.hash = '';
  try {
    const response = await fetch(request);
    if (response.ok && isPage) {
      const cache = await caches.open(CACHE);
      await cache.put(key.href, response.clone());
    }
    return response;
  } catch (offline) {
    const cached = (await caches.match(key.href)) || (isPage && (await caches.match(new URL('index.html', SCOPE).href)));
    if (cached) return cached;
    throw offline;
  }
}
