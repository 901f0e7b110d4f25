// A Forem site's feed with no proxy: its RSS sends no CORS headers (as dev.to's does), its API
// does, and the reader finds the API, shows the posts, opens full articles, remembers the
// route, and says in its own words when the API refuses. The fixture host is 127.0.0.1, not a
// known Forem: the first case finds its API through the probe of /api/articles?per_page=1, and
// later ones go there first. One case maps dev.to itself to 127.0.0.1, for the known-host route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, CHROMIUM_ARGS, serveStatic, launch, openPage, entryHeadings } from './harness.mjs';
import { serveHost, serveProxy, send, CORS } from './servers.mjs';

const fixture = (name) => readFileSync(join(ROOT, 'tests/fixtures/forem', name), 'utf8');
// The fixture's posts, newest first (the cross-post keeps its blog's older date).
const TITLES = [
  'Reading feeds without a server',
  'Sanitizing untrusted HTML with ammonia',
  'Why CORS blocks your RSS reader',
];

/** Forem's RSS for a user: what a page may not read (no CORS header). */
function rss(origin, user) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>DEV Community: ${user}</title><link>${origin}/${user}</link>
${TITLES.map((t, i) => `<item><title>${t}</title><link>${origin}/${user}/${i}</link><guid>${origin}/${user}/${i}</guid></item>`).join('\n')}
</channel></rss>`;
}

let app, browser, forem;
// When true, the busy user's API answers 429.
let busy = true;

before(async () => {
  app = await serveStatic();
  browser = await launch();
  // The fixtures are dev.to's answers; here the site is this server.
  const local = (name) => fixture(name).replaceAll('https://dev.to', forem.origin);
  const json = (body, status = 200) => (req, res) => {
    res.writeHead(status, { ...CORS, 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  };
  forem = await serveHost({
    '/feed/linokafor': (req, res) => send(rss(forem.origin, 'linokafor'))(req, res),
    '/feed/busyuser': (req, res) => send(rss(forem.origin, 'busyuser'))(req, res),
    '/feed/ghost': (req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'),
    '/api/articles': (req, res) => {
      const params = new URL(req.url, 'http://x').searchParams;
      const list = local('list_user.json');
      switch (params.get('username')) {
        case null:
          // The probe (per_page=1), or the site's whole feed.
          return json(params.get('per_page') === '1' ? JSON.stringify(JSON.parse(list).slice(0, 1)) : list)(req, res);
        case 'linokafor':
          return json(list)(req, res);
        case 'busyuser':
          return busy ? json(fixture('error_rate_limited.json'), 429)(req, res) : json(list)(req, res);
        default:
          // Forem answers an unknown username with an empty list.
          return json('[]')(req, res);
      }
    },
    '/api/articles/2048311': (req, res) => json(local('article.json'))(req, res),
    // An article gone since the list was fetched: Forem's 404, readable across origins.
    '/api/articles/2039904': (req, res) => json(fixture('error_not_found.json'), 404)(req, res),
  });
});

after(async () => {
  await browser?.close();
  await Promise.all([app, forem].map((s) => s?.close().catch(() => {})));
});

const feedUrl = (user) => `${forem.origin}/feed/${user}`;
const open = (query, context = browser.context) => openPage(context, `${app.origin}/${query}`);
const feedParam = (user) => `?feed=${encodeURIComponent(feedUrl(user))}`;
const hits = (path) => forem.hits.filter((h) => h.path === path).length;
const alertText = async (page) => {
  const alert = page.getByRole('alert');
  await alert.getByRole('paragraph').first().waitFor();
  return alert.innerText();
};
// The direct request fails as CORS by design: the browser logs that, the app does not.
const appProblems = (page) =>
  page.problems().filter((p) => !/CORS policy|Failed to load resource|net::ERR_FAILED/.test(p));

/** Whether the offline copy of `feed` (IndexedDB) holds `text`. */
async function cachedCopyHolds(page, feed, text) {
  return page.evaluate(
    ([key, needle]) =>
      new Promise((resolve) => {
        const open = indexedDB.open('rillet');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const get = db.transaction('feeds').objectStore('feeds').get(key);
            get.onsuccess = () => {
              db.close();
              resolve(typeof get.result === 'string' && get.result.includes(needle));
            };
            get.onerror = () => resolve(false);
          } catch {
            db.close();
            resolve(false); // no store yet
          }
        };
      }),
    [feed, text],
  );
}

test('a Forem feed without CORS shows its posts through the API, opens full articles, and remembers the route', async () => {
  const page = await open(feedParam('linokafor'));
  await page.getByRole('heading', { level: 1, name: 'Lin Okafor on 127.0.0.1' }).waitFor();
  assert.deepEqual(await entryHeadings(page).allTextContents(), TITLES);
  await page.getByText('via the 127.0.0.1 API').waitFor();
  assert.equal(hits('/feed/linokafor'), 1, 'the feed itself was tried first, once');
  assert.equal(hits('/api/articles'), 2, 'the probe, then the list');

  // The list has no bodies: opening a post fetches its body from the API.
  await page.getByRole('link', { name: TITLES[0] }).click();
  const article = page.getByRole('article', { name: TITLES[0] });
  const code = article.locator('pre code');
  await code.waitFor();
  assert.match(await code.innerText(), /fetch_feed\(address\)\.await\?;/);
  await article.getByText("The site's own API answers pages, and it has the same posts.").waitFor();
  assert.equal(
    await article.getByRole('link', { name: 'the post on CORS' }).getAttribute('href'),
    `${forem.origin}/linokafor/why-cors-blocks-your-rss-reader-1m9d`,
    'relative links resolve against the article',
  );
  assert.equal(hits('/api/articles/2048311'), 1);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'article-title', 'focus stays on the heading');
  assert.equal(await article.locator('script').count(), 0, 'the body went through the sanitizer');

  // The body is kept in the offline copy, and the route per feed.
  const feed = feedUrl('linokafor');
  for (let i = 0; i < 50 && !(await cachedCopyHolds(page, feed, 'fetch_feed')); i += 1) {
    await page.waitForTimeout(100);
  }
  assert.ok(await cachedCopyHolds(page, feed, 'fetch_feed'), 'the body is in the offline copy');
  const routes = JSON.parse(await page.evaluate(() => localStorage.getItem('rillet.routes')));
  assert.deepEqual(routes.data[feed], { via: 'forem_api' });
  const hosts = JSON.parse(await page.evaluate(() => localStorage.getItem('rillet.forem_hosts')));
  assert.deepEqual(hosts.data, { [forem.origin]: { via: 'forem_api' } }, 'the site is kept as a Forem');

  // A reload goes straight to the API: no second request for the RSS, no second probe, and the
  // open article's body comes from the offline copy.
  await page.reload();
  await code.waitFor();
  await page.getByText('via the 127.0.0.1 API').waitFor();
  assert.deepEqual(await entryHeadings(page).allTextContents(), TITLES);
  assert.equal(hits('/feed/linokafor'), 1, 'no second direct request');
  assert.equal(hits('/api/articles'), 3, 'only the list again');
  assert.equal(hits('/api/articles/2048311'), 1, 'the body was not fetched again');
  assert.ok(
    forem.hits.every((h) => h.origin === app.origin),
    'every request to the Forem host came from the page (no proxy)',
  );
  assert.deepEqual(
    browser.context.outsideRequests.filter((u) => !u.startsWith('https://media2.dev.to/')),
    [],
    'nothing beyond 127.0.0.1 but the posts\' pictures',
  );
  assert.deepEqual(appProblems(page), []);
  await page.close();
});

test('an article whose body cannot be fetched says so above its summary', async () => {
  const page = await open(feedParam('linokafor'));
  await page.getByRole('link', { name: 'Why CORS blocks your RSS reader' }).click();
  const article = page.getByRole('article', { name: 'Why CORS blocks your RSS reader' });
  await article
    .getByText("The full article couldn't be loaded: 127.0.0.1 answered with an error (404).")
    .waitFor();
  await article.getByText('Most feed servers send no Access-Control-Allow-Origin header.', { exact: false }).waitFor();
  assert.equal(await article.getByRole('button', { name: 'Try again' }).count(), 1);
  await page.close();
});

test('a rate-limited API says so, and a feed already on screen stays', async () => {
  busy = true;
  const page = await open(feedParam('busyuser'));
  assert.match(await alertText(page), /127\.0\.0\.1 is limiting requests; try again in a minute/);

  busy = false;
  await page.getByRole('alert').getByRole('button', { name: 'Try again' }).click();
  await page.getByText('via the 127.0.0.1 API').waitFor();
  assert.deepEqual(await entryHeadings(page).allTextContents(), TITLES);

  busy = true;
  await page.getByRole('button', { name: 'Refresh' }).click();
  assert.match(await alertText(page), /limiting requests; try again in a minute/);
  assert.deepEqual(await entryHeadings(page).allTextContents(), TITLES, 'the posts stay');
  await page.getByText(/not refreshed/).waitFor();
  await page.close();
});

test('an unknown user is named as such', async () => {
  const page = await open(feedParam('ghost'));
  assert.match(await alertText(page), /127\.0\.0\.1 has no user ghost/);
  await page.close();
});

/**
 * A Chromium in which dev.to is this machine (127.0.0.1): a known Forem host, reached on the
 * fixture server's port. Still nothing beyond 127.0.0.1 resolves.
 */
async function launchWithDevTo() {
  const profile = mkdtempSync(join(tmpdir(), 'rillet-e2e-'));
  const args = CHROMIUM_ARGS.map((a) =>
    a.startsWith('--host-resolver-rules=')
      ? '--host-resolver-rules=MAP dev.to 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'
      : a,
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

test('for dev.to, the API is the only route: no RSS request, no probe, no proxy even when one is set', async () => {
  const proxy = await serveProxy();
  const devto = await launchWithDevTo();
  try {
    const before = { rss: hits('/feed/linokafor'), api: hits('/api/articles') };
    const feed = `http://dev.to:${forem.port}/feed/linokafor`;
    const page = await open(`?feed=${encodeURIComponent(feed)}&proxy=${encodeURIComponent(proxy.template)}`, devto.context);
    await page.getByRole('heading', { level: 1, name: 'Lin Okafor on dev.to' }).waitFor();
    assert.deepEqual(await entryHeadings(page).allTextContents(), TITLES);
    await page.getByText('via the dev.to API').waitFor();
    assert.equal(hits('/feed/linokafor'), before.rss, 'the RSS was never requested');
    assert.equal(hits('/api/articles'), before.api + 1, 'the list only: no probe');
    assert.deepEqual(proxy.hits, [], 'the proxy was never contacted');
    assert.deepEqual(appProblems(page), []);
  } finally {
    await devto.close();
    await proxy.close();
  }
});

test('the widget shows the same feed with no proxy', async () => {
  // A fresh browser: the widget finds the API by itself, through the probe.
  const fresh = await launch();
  try {
    const page = await open(`?embed=1&feed=${encodeURIComponent(feedUrl('linokafor'))}`, fresh.context);
    const titles = page.getByRole('heading', { level: 2 });
    await titles.nth(2).waitFor();
    assert.deepEqual(await titles.allInnerTexts(), TITLES);
    assert.equal(await page.getByRole('link', { name: TITLES[0] }).getAttribute('href'),
      `${forem.origin}/linokafor/reading-feeds-without-a-server-4k2p`);
    assert.deepEqual(appProblems(page), []);
  } finally {
    await fresh.close();
  }
});
