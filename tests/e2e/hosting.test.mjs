// Hosting, end to end against the release build: served under a sub-path with deep links
// opened directly, the single file opened from file://, and the app opening offline after one
// visit (service worker), installable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ROOT, DIST, OUTPUT, SINGLE, serveStatic, serveFixtures, launch, openPage, articleList, entryHeadings,
} from './harness.mjs';

const atom = readFileSync(join(ROOT, 'tests/fixtures/local_atom.xml'));
const BASE = '/sub/path/';
let app, feeds, browser;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  app = await serveStatic(DIST, BASE);
  feeds = await serveFixtures({ '/atom.xml': { body: atom } }, { cors: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([app, feeds].map((s) => s?.close()));
});

test(`under ${BASE} the app shows the built-in feed and asks for nothing outside its folder`, async () => {
  const page = await openPage(browser.context, `${app.origin}${BASE}`);
  await assert.doesNotReject(entryHeadings(page).nth(11).waitFor());
  assert.equal(await entryHeadings(page).count(), 12);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Forem: Hadil Ben Abdallah');
  const outside = app.hits.filter((h) => !h.path.startsWith(BASE) || h.status !== 200);
  assert.deepEqual(outside, [], 'every request stays in the folder and finds its file');
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test(`deep links open directly under ${BASE}: a feed with an open entry, and ?view=all`, async () => {
  const feedUrl = `${feeds.origin}/atom.xml`;
  const entryId = 'urn:uuid:1a2b3c4d-0002-4000-8000-000000000002';
  const deep = `${app.origin}${BASE}?feed=${encodeURIComponent(feedUrl)}&entry=${encodeURIComponent(entryId)}`;
  const page = await openPage(browser.context, deep);
  const article = page.getByRole('article', { name: 'Offline first' });
  await assert.doesNotReject(article.waitFor());
  assert.equal(await article.getByRole('heading', { level: 2 }).first().innerText(), 'Offline first');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Local Fixture Journal');
  assert.ok(new URL(page.url()).pathname.startsWith(BASE), 'the address stays in the folder');
  // The feed's list beside it, its entry marked as the open one.
  assert.equal(await entryHeadings(page).count(), 3);
  const current = articleList(page).getByRole('link', { name: 'Offline first' });
  assert.equal(await current.getAttribute('aria-current'), 'true');

  // The same page by its file name, with a view across feeds.
  const all = await openPage(browser.context, `${app.origin}${BASE}index.html?view=all`);
  await assert.doesNotReject(all.getByRole('heading', { level: 1, name: 'All articles' }).waitFor());
  assert.equal(new URL(all.url()).pathname, `${BASE}index.html`);
  assert.equal(new URL(all.url()).searchParams.get('view'), 'all');
  // A reload of a deep link shows the same thing.
  await all.reload();
  await assert.doesNotReject(all.getByRole('heading', { level: 1, name: 'All articles' }).waitFor());
  assert.deepEqual(page.problems(), []);
  assert.deepEqual(all.problems(), []);
  await Promise.all([page.close(), all.close()]);
});

test('the single file opened from file:// shows the built-in feed, opens an article, reads a CORS feed, with no CSP violation', async () => {
  const html = readFileSync(SINGLE, 'utf8');
  const policy = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)[1];
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(policy, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/);
  assert.match(policy, /style-src 'sha256-[^']+'/);

  const address = pathToFileURL(SINGLE).href;
  const page = await openPage(browser.context, address);
  await assert.doesNotReject(entryHeadings(page).nth(11).waitFor());
  assert.equal(await entryHeadings(page).count(), 12);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Forem: Hadil Ben Abdallah');
  // The sanitizer and the article view work from the one file too.
  const first = articleList(page).getByRole('link').first();
  const title = (await first.innerText()).trim();
  await first.click();
  await assert.doesNotReject(page.getByRole('article', { name: title }).waitFor());
  await page.screenshot({ path: join(OUTPUT, 'single-file.png') });
  assert.deepEqual(page.problems(), []);
  await page.close();

  const feedUrl = `${feeds.origin}/atom.xml`;
  const other = await openPage(browser.context, `${address}?feed=${encodeURIComponent(feedUrl)}`);
  await assert.doesNotReject(other.getByRole('heading', { level: 1, name: 'Local Fixture Journal' }).waitFor());
  assert.equal(await entryHeadings(other).count(), 3);
  assert.deepEqual(other.problems(), []);
  await other.close();
});

test('after one visit the app opens with the static server stopped, and it is installable', async () => {
  // Playwright's request routing would sit between the page and its service worker: this
  // browser relies on the host-resolver rules alone to stay on 127.0.0.1.
  const offline = await launch({ route: false });
  const server = await serveStatic(DIST, '/app/');
  const address = `${server.origin}/app/`;
  try {
    const page = await openPage(offline.context, address);
    await assert.doesNotReject(entryHeadings(page).nth(11).waitFor());
    // Installed and active: everything in the precache list has been stored.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, address);
    const cdp = await offline.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'Chromium can install the app');
    const { url: manifest } = await cdp.send('Page.getAppManifest');
    assert.equal(manifest, `${address}manifest.webmanifest`);
    // Without Playwright's routing, the pictures of the feed (on other hosts) do not resolve.
    const unresolved = (p) => /ERR_NAME_NOT_RESOLVED/.test(p);
    assert.deepEqual(page.problems().filter((p) => !unresolved(p)), []);
    await page.close();

    await server.close();
    const hitsBefore = server.hits.length;
    const again = await openPage(offline.context, `${address}?view=starred`);
    await assert.doesNotReject(again.getByRole('heading', { level: 1, name: 'Starred' }).waitFor());
    await again.goto(address);
    await assert.doesNotReject(entryHeadings(again).nth(11).waitFor());
    assert.equal(await entryHeadings(again).count(), 12, 'the built-in feed, from the cache');
    assert.equal(server.hits.length, hitsBefore, 'the server is gone');
    await again.screenshot({ path: join(OUTPUT, 'offline.png') });
    // Only the browser's own reports of the refused connections, nothing from the app.
    assert.deepEqual(again.problems().filter((p) => !unresolved(p)), []);
    await again.close();
  } finally {
    await offline.close();
    await server.close();
  }
});
