// Shared pieces for the end-to-end specs: local servers, a hermetic Chromium, and watchers for
// console errors and CSP violations. Nothing here talks to anything but 127.0.0.1.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const DIST = process.env.RILLET_DIST || join(ROOT, 'dist');
export const OUTPUT = join(ROOT, 'tests/e2e/output');
/** The single-file build (scripts/single-file.mjs). */
export const SINGLE = process.env.RILLET_SINGLE || join(ROOT, 'dist-single/rillet.html');

/** Content types by file extension, as a static host sends them (the bench serves with it too). */
export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Starts an HTTP server on 127.0.0.1 at a free port. `handler(req, res)` answers. */
export async function listen(handler) {
  const server = createServer(handler);
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

/**
 * Serves a directory (the built app) under `basePath` (default `/`). Every request is recorded
 * as `{ path, status }` in `hits`.
 */
export async function serveStatic(dir = DIST, basePath = '/') {
  const hits = [];
  const server = await listen(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const hit = { path: url.pathname, status: 200 };
    hits.push(hit);
    res.on('finish', () => { hit.status = res.statusCode; });
    if (!url.pathname.startsWith(basePath)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(basePath.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(dir, rel));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return { ...server, hits };
}

/**
 * Serves fixed documents: `routes` maps a path to `{ body, type, status, headers }`.
 * With `cors: true` every answer carries `Access-Control-Allow-Origin: *`.
 */
export async function serveFixtures(routes, { cors }) {
  const hits = [];
  const server = await listen((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    hits.push(path);
    const route = routes[path];
    const headers = { ...(cors ? { 'access-control-allow-origin': '*' } : {}) };
    if (!route) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('no such fixture');
      return;
    }
    res.writeHead(route.status || 200, {
      ...headers,
      'content-type': route.type || 'application/xml; charset=utf-8',
      ...(route.headers || {}),
    });
    res.end(route.body);
  });
  return { ...server, hits };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Nothing but 127.0.0.1 resolves, whatever a feed links to.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/**
 * Launches Debian's Chromium headless with a fresh profile. Requests beyond 127.0.0.1 are
 * routed to a placeholder; `{ route: false }` leaves routing off (Playwright's routing turns
 * off the HTTP cache), relying on the host-resolver rules alone to keep traffic local.
 */
export async function launch({ route = true } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'rillet-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  if (route) await hermetic(context);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// A neutral picture in place of every remote image the feeds link to.
export const PLACEHOLDER = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450" viewBox="0 0 800 450">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#cfe7e3"/><stop offset="1" stop-color="#e9e4d8"/></linearGradient></defs>
<rect width="800" height="450" fill="url(#g)"/><circle cx="330" cy="190" r="42" fill="#ffffff" opacity=".7"/>
<path d="M160 380 L330 230 L450 330 L540 260 L660 380 Z" fill="#ffffff" opacity=".75"/></svg>`;

/** Routes every request that is not for 127.0.0.1 to a local placeholder, and records it. */
export async function hermetic(context) {
  context.outsideRequests = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1' && (url.protocol === 'http:' || url.protocol === 'https:'),
    (route) => {
      const request = route.request();
      context.outsideRequests.push(request.url());
      if (request.resourceType() === 'image') {
        return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: PLACEHOLDER });
      }
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'blocked by the test' });
    },
  );
}

/**
 * Opens a page that records console errors, uncaught exceptions and CSP violations.
 * `page.problems()` returns them.
 */
export async function openPage(context, url, { viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`exception: ${err.message}`));
  await page.exposeFunction('__rilletCspViolation', (d) => problems.push(`csp: ${d}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__rilletCspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`),
    );
  });
  page.problems = () => problems.slice();
  if (url) await page.goto(url);
  return page;
}

/** The list of articles, found by its label. */
export function articleList(page) {
  return page.getByRole('region', { name: 'Articles' });
}

/** The entry titles shown in the list. */
export function entryHeadings(page) {
  return articleList(page).getByRole('heading', { level: 3 });
}
