// The smoke specs, once per engine: what a reader does first, in Chromium, Firefox ESR and
// WebKitGTK alike (engines.mjs). Against the release build in dist/, every server on
// 127.0.0.1; each engine sends everything else to a local placeholder, and the last case
// checks that nothing else was asked for.
//
//   node --test tests/e2e/smoke.mjs                          all three engines
//   RILLET_ENGINES=webkit node --test tests/e2e/smoke.mjs    one (chromium, firefox, webkit)
//
// Not named *.test.mjs: `node --test tests/e2e/` (the Chromium suite) leaves it out, and
// scripts/test.sh runs it once per engine, so each engine's time shows on its own line.
//
// A fault of one engine is never hidden: it is an entry of KNOWN_FAULTS (engine, case, what
// goes wrong, why), and that case runs as a TODO in that engine only, reported in the output
// as "# TODO <reason>", so fixing the fault means deleting its entry. A console error of a
// known fault is named by one case, and left out of the others' checks (KNOWN_CONSOLE).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, OUTPUT, serveStatic } from './harness.mjs';
import { serveHost, send, CORS } from './servers.mjs';
import { snippet, blogPage } from './host-pages.mjs';
import { ENGINES, selectedEngines, launchEngine } from './engines.mjs';

/** Engine-specific faults: engine → case title → the reason, as the TODO says it. */
const KNOWN_FAULTS = {
  chromium: {},
  firefox: {},
  webkit: {
    'the app and the widget start with an empty console':
      "WebKitGTK logs \"Unrecognized Content-Security-Policy directive 'manifest-src'\" as a console error on every load of index.html and embed.html (issue 16)",
    'phone width: Back returns to the same place in the list':
      'now and then (2 runs in 9 here) the row the reader opened comes back ~250 px away from where it was (381 px from the top before, 640 after; window.scrollY 1194 before, 1443 after): WebKit has no CSS scroll anchoring, so rows above the restored position, drawn late from their content-visibility placeholder height (9rem), move everything below them',
  },
};

/** Console errors of a known fault: engine → [what the message says, the case that names it]. */
const KNOWN_CONSOLE = {
  chromium: [],
  firefox: [],
  webkit: [[/Unrecognized Content-Security-Policy directive 'manifest-src'/, 'the app and the widget start with an empty console']],
};

const atom = readFileSync(join(ROOT, 'tests/fixtures/local_atom.xml'));
const DEFAULT_FEED = readFileSync(join(ROOT, 'assets/forem_hadil_rss20.xml'), 'utf8');

/** A small RSS 2.0 feed, its items a day apart, newest first. */
function rss(title, items) {
  return `<?xml version="1.0"?>
<rss version="2.0"><channel><title>${title}</title><link>http://example.org/</link>
${items
  .map(
    (t, i) => `<item><title>${t}</title><link>http://example.org/${i}</link><guid>http://example.org/${encodeURIComponent(title)}/${i}</guid>
<pubDate>${new Date(Date.UTC(2026, 10, 20 - i, 8)).toUTCString()}</pubDate><description>&lt;p&gt;About ${t}.&lt;/p&gt;</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

const jsonFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON Notes',
  home_page_url: 'http://example.org/',
  items: [
    { id: 'j1', title: 'Parsed from JSON', url: 'http://example.org/j1', content_html: '<p>One.</p>', date_published: '2026-11-20T08:00:00Z' },
    { id: 'j2', title: 'A second JSON item', url: 'http://example.org/j2', content_text: 'Two.', date_published: '2026-11-19T08:00:00Z' },
  ],
});

const RSS_TITLES = ['Tomatoes in November', 'Compost basics', 'Pruning roses'];

let app, feeds, noCors, blog;
// The pages the blog serves, by path; the widget case writes its own.
const pages = {};

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  app = await serveStatic();
  feeds = await serveHost({
    '/rss.xml': send(rss('Garden Notes', RSS_TITLES), CORS),
    '/atom.xml': send(atom, CORS),
    '/feed.json': send(jsonFeed, { ...CORS, 'content-type': 'application/feed+json' }),
    '/latin.xml': send(
      // windows-1252 bytes, the charset only in the Content-Type header: "Café – naïve", with
      // an en dash (0x96).
      Buffer.from(rss('Caf\u00e9 \u0096 na\u00efve', ['Cr\u00e8me br\u00fbl\u00e9e']), 'latin1'),
      { ...CORS, 'content-type': 'application/rss+xml; charset=windows-1252' },
    ),
  });
  noCors = await serveHost({ '/atom.xml': send(atom) });
  blog = await serveHost({
    '/blog.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages['/blog.html']),
  });
});

after(async () => {
  await Promise.all([app, feeds, noCors, blog].map((s) => s?.close()));
});

// A CORS refusal is reported by the browser itself, in its own words; the app adds nothing.
const BROWSER_NETWORK_REPORTS =
  /CORS policy|Failed to load resource|net::ERR_FAILED|Cross-Origin Request Blocked|Access-Control-Allow-Origin|Fetch API cannot load|due to access control checks/;

for (const engine of selectedEngines()) {
  describe(ENGINES[engine].label, () => {
    let browser;
    before(async () => {
      browser = await launchEngine(engine);
    });
    after(async () => {
      await browser?.close();
    });

    /**
     * A case, a TODO in this engine when KNOWN_FAULTS names it. When it fails, the pages it
     * left open are saved as tests/e2e/output/<engine>-failed-<case>.png and closed, and the
     * app's storage is emptied, so that the cases after it start as they would have.
     */
    const check = (title, fn) =>
      test(title, { todo: KNOWN_FAULTS[engine][title] }, async () => {
        try {
          await fn();
        } catch (error) {
          const slug = title.replace(/[^a-z0-9]+/gi, '-').slice(0, 40).toLowerCase();
          for (const [i, page] of browser.pages().entries()) {
            await page.screenshot(`failed-${slug}${i ? `-${i}` : ''}`).catch(() => {});
            await page.close().catch(() => {});
          }
          await forget().catch(() => {});
          throw error;
        }
      });
    const open = (query, options) => browser.open(`${app.origin}/${query}`, options);
    /** Empties the app's storage, from a page of its origin that does not run it. */
    async function forget() {
      const page = await browser.open(`${app.origin}/no-app-here`);
      await page.evaluate(async () => {
        localStorage.clear();
        await new Promise((done) => {
          const request = indexedDB.deleteDatabase('rillet');
          request.onsuccess = request.onerror = request.onblocked = () => done();
        });
      });
      await page.close();
    }
    const feedParam = (url) => `?feed=${encodeURIComponent(url)}`;
    const articles = (page) => page.getByRole('region', { name: 'Articles' });
    const entryTitles = (page) => articles(page).getByRole('heading', { level: 3 });
    const feedTitle = (page, name) => page.getByRole('heading', { level: 1, name }).waitFor();
    const sidebar = (page) => page.getByRole('navigation', { name: 'Subscriptions' });
    /** The page's console errors, less those of a known fault (named by its own case). */
    const problems = (page) => page.problems().filter((p) => !KNOWN_CONSOLE[engine].some(([known]) => known.test(p)));

    check('the app and the widget start with an empty console', async () => {
      for (const path of ['', 'embed.html']) {
        const page = await open(path);
        await page.getByRole('heading', { level: 1, name: 'Forem: Hadil Ben Abdallah' }).waitFor();
        assert.deepEqual(page.problems(), [], `the console of /${path}`);
        await page.close();
      }
    });

    check('load: the built-in feed shows its 12 articles, dated', async () => {
      const page = await open('');
      await entryTitles(page).nth(11).waitFor();
      assert.equal(await entryTitles(page).count(), 12);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Forem: Hadil Ben Abdallah');
      await articles(page).getByRole('link', { name: '30 Web Development Tips from a Mid-Level Developer' }).waitFor();
      const time = articles(page).locator('time').first();
      assert.equal(await time.getAttribute('datetime'), '2026-04-14T13:00:43Z');
      assert.match(await time.innerText(), /ago|last|yesterday/);
      await page.screenshot('list');
      assert.deepEqual(problems(page), []);
      await page.close();
    });

    check('open an article: its title, a picture and a code block; Back returns to the list', async () => {
      const page = await open('');
      const link = articles(page).getByRole('link', { name: /^Spektrum:/ });
      const before = await page.url();
      await link.click();
      const article = page.getByRole('article', { name: /^Spektrum: Turn Natural Language into Live Web Apps/ });
      await article.getByRole('heading', { level: 2 }).first().waitFor();
      assert.ok((await article.getByRole('img').count()) > 0, 'a picture in the article');
      assert.ok(await article.locator('pre code').first().isVisible(), 'a code block in the article');
      assert.match(await page.url(), /[?&]entry=/, 'the address names the open entry');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'article-title');
      await page.waitForFunction(() => document.fonts.status === 'loaded');
      await page.screenshot('article');
      await page.goBack();
      await link.waitFor();
      await page.waitForFunction((url) => location.href === url, before);
      assert.deepEqual(problems(page), []);
      await page.close();
    });

    for (const [format, path, title, titles] of [
      ['RSS 2.0', '/rss.xml', 'Garden Notes', RSS_TITLES],
      ['Atom', '/atom.xml', 'Local Fixture Journal', ['Streams, not floods', 'Offline first', 'Markup in titles']],
      ['JSON Feed', '/feed.json', 'JSON Notes', ['Parsed from JSON', 'A second JSON item']],
      ['windows-1252 RSS', '/latin.xml', 'Café – naïve', ['Crème brûlée']],
    ]) {
      check(`?feed= reads ${format}`, async () => {
        const url = `${feeds.origin}${path}`;
        const page = await open(feedParam(url));
        await feedTitle(page, title);
        assert.deepEqual(await entryTitles(page).allTextContents(), titles);
        assert.equal(await page.getByLabel('Feed URL').inputValue(), url);
        assert.deepEqual(problems(page), []);
        await page.close();
      });
    }

    check('a feed without CORS headers: an alert naming CORS, and the articles stay', async () => {
      const page = await open('');
      await entryTitles(page).nth(11).waitFor();
      await page.getByLabel('Feed URL').fill(`${noCors.origin}/atom.xml`);
      await page.getByRole('button', { name: 'Load' }).click();
      const alert = page.getByRole('alert');
      await alert.getByText(/CORS/).first().waitFor();
      assert.match(await alert.innerText(), /127\.0\.0\.1/);
      assert.equal(await entryTitles(page).count(), 12, 'the articles on screen stay');
      assert.ok(noCors.hits.some((h) => h.path === '/atom.xml'), 'the request did reach the server');
      assert.deepEqual(problems(page).filter((p) => !BROWSER_NETWORK_REPORTS.test(p)), []);
      await page.close();
    });

    check('a deep link opens a feed at one of its articles', async () => {
      const entry = 'urn:uuid:1a2b3c4d-0002-4000-8000-000000000002';
      const page = await open(`${feedParam(`${feeds.origin}/atom.xml`)}&entry=${encodeURIComponent(entry)}`);
      const article = page.getByRole('article', { name: 'Offline first' });
      await article.waitFor();
      assert.equal(await article.getByRole('heading', { level: 2 }).first().innerText(), 'Offline first');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Local Fixture Journal');
      assert.equal(await entryTitles(page).count(), 3);
      assert.equal(await articles(page).getByRole('link', { name: 'Offline first' }).getAttribute('aria-current'), 'true');
      assert.deepEqual(problems(page), []);
      await page.close();
    });

    check('subscribe to a feed, and it is still there after a reload', async () => {
      const page = await open('');
      await entryTitles(page).first().waitFor();
      await sidebar(page).getByRole('button', { name: '+ Add a feed' }).click();
      await sidebar(page).getByLabel('Feed or site address').fill(`${feeds.origin}/rss.xml`);
      await sidebar(page).getByRole('button', { name: 'Subscribe' }).click();
      const feed = sidebar(page).getByRole('list', { name: 'Feeds' }).getByRole('link', { name: /Garden Notes/ });
      await feed.waitFor();
      await page.reload();
      await feed.waitFor();
      await feed.click();
      await feedTitle(page, 'Garden Notes');
      assert.deepEqual(await entryTitles(page).allTextContents(), RSS_TITLES);
      // And unsubscribing takes it away again, for good (the cases after this one start with none).
      await sidebar(page).getByRole('button', { name: 'Edit Garden Notes' }).click();
      await sidebar(page).getByRole('button', { name: 'Unsubscribe' }).click();
      await feed.waitFor({ state: 'hidden' });
      // Reloaded once the page has settled, as a person would: a reload that aborts a feed
      // request the service worker is answering makes Firefox report the worker's error.
      await sidebar(page).getByText('No subscriptions yet.').waitFor();
      await page.waitForFunction(() => new Promise((done) => setTimeout(() => done(true), 500)));
      await page.reload();
      await sidebar(page).getByText('No subscriptions yet.').waitFor();
      assert.equal(await feed.count(), 0, 'still unsubscribed after a reload');
      assert.deepEqual(problems(page), []);
      await page.close();
    });

    check('keys: j and k walk the articles, ? shows the shortcuts, Escape closes them', async () => {
      const page = await open(feedParam(`${feeds.origin}/rss.xml`));
      await feedTitle(page, 'Garden Notes');
      await page.evaluate(() => document.activeElement?.blur());
      const opened = (title) => page.getByRole('article').getByRole('heading', { level: 2, name: title }).waitFor();
      await page.press('j');
      await opened(RSS_TITLES[0]);
      await page.press('j');
      await opened(RSS_TITLES[1]);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'article-title');
      await page.press('k');
      await opened(RSS_TITLES[0]);
      await page.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      assert.ok((await help.getByRole('row').count()) >= 10);
      await page.press('Escape');
      await help.waitFor({ state: 'hidden' });
      assert.deepEqual(problems(page), []);
      await page.close();
    });

    check('the widget by script tag on another site: 3 entries, its height follows them', async () => {
      pages['/blog.html'] = blogPage(snippet('script-tag', { app: app.origin, feed: `${feeds.origin}/atom.xml`, limit: 3 }));
      const page = await browser.open(`${blog.origin}/blog.html`);
      const frameElement = page.getByTitle('Latest articles');
      assert.equal(await frameElement.getAttribute('loading'), 'lazy');
      const widget = await frameElement.contentFrame();
      const entries = widget.getByRole('list', { name: 'Latest articles' }).getByRole('listitem');
      await entries.first().waitFor();
      assert.equal(await entries.count(), 3, 'limit=3 shows 3 entries');
      assert.equal(await widget.getByRole('heading', { level: 1 }).innerText(), 'Local Fixture Journal');
      const link = widget.getByRole('link', { name: 'Streams, not floods' });
      assert.equal(await link.getAttribute('target'), '_blank');
      assert.deepEqual((await link.getAttribute('rel')).split(' ').sort(), ['noopener', 'noreferrer']);
      // The frame grows to its content (the widget posts its height to embed.js).
      const inner = await widget.waitForFunction(() => {
        const h = document.body.getBoundingClientRect().height;
        return h > 50 && h;
      });
      await page.waitForFunction(
        (h) => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - h) <= 10,
        inner,
        { message: `the frame follows its content (${inner}px)` },
      );
      await page.screenshot('widget');
      assert.deepEqual(problems(page), []);
      await page.close();
    });

    check('settings: dark theme and compact list, kept across a reload', async () => {
      const page = await open('');
      await entryTitles(page).first().waitFor();
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: 'Dark' }).click();
      await dialog.getByRole('radio', { name: /^Compact/ }).click();
      await page.screenshot('settings');
      await dialog.getByRole('button', { name: 'Close settings' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const dark = () => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
      assert.equal(await dark(), 'dark');
      await page.reload();
      await entryTitles(page).first().waitFor();
      assert.equal(await dark(), 'dark', 'the theme is kept');
      await page.getByRole('button', { name: 'Settings' }).click();
      assert.equal(await dialog.getByRole('radio', { name: /^Compact/ }).evaluate((el) => el.checked), true, 'the density is kept');
      await page.screenshot('dark');
      // Back to the defaults for the cases after this one.
      await dialog.getByRole('radio', { name: 'Follow the system' }).click();
      await dialog.getByRole('radio', { name: /^Comfortable/ }).click();
      await dialog.getByRole('button', { name: 'Close settings' }).click();
      assert.deepEqual(problems(page), []);
      await page.close();
    });

    const PHONE = { width: 390, height: 844 };
    // Sideways scrolling: content wider than the viewport (less any classic scrollbar).
    const overflow = (page) =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    check('phone width: the list and an article fit the screen', async () => {
      const page = await open('', { viewport: PHONE });
      await entryTitles(page).nth(11).waitFor();
      assert.equal(await overflow(page), 0, 'nothing wider than the screen');
      await page.screenshot('phone-list');
      const link = articles(page).getByRole('link', { name: /^Spektrum:/ });
      await link.scrollIntoView();
      assert.ok((await page.evaluate(() => window.scrollY)) > 0, 'the 8th entry is below the fold at phone width');
      await link.click();
      const article = page.getByRole('article', { name: /^Spektrum:/ });
      await article.getByRole('heading', { level: 2 }).first().waitFor();
      assert.equal(await overflow(page), 0, 'the article fits the screen');
      await page.screenshot('phone-article');
      assert.deepEqual(problems(page), []);
      await page.close();
    });

    check('phone width: Back returns to the same place in the list', async () => {
      const page = await open('', { viewport: PHONE });
      const link = articles(page).getByRole('link', { name: /^Spektrum:/ });
      await link.scrollIntoView();
      // Where the row is on the screen, once the rows above it are drawn.
      const onScreen = () => link.evaluate((el) => Math.round(el.getBoundingClientRect().top));
      await page.waitForFunction(() => new Promise((done) => setTimeout(() => done(true), 300)));
      const before = await onScreen();
      await link.click();
      await page.getByRole('article', { name: /^Spektrum:/ }).waitFor();
      await page.goBack();
      await link.waitFor();
      let after;
      for (const until = Date.now() + 3000; Date.now() < until; ) {
        after = await onScreen();
        if (Math.abs(after - before) <= 2) break;
      }
      assert.ok(Math.abs(after - before) <= 2, `the article's row is back ${before} px from the top, not ${after} px`);
      await page.screenshot('phone-back');
      assert.deepEqual(problems(page), []);
      await page.close();
    });

    check('nothing beyond 127.0.0.1 was reached: the feeds\' pictures came from the placeholder', () => {
      const outside = browser.outside();
      assert.ok(outside.some((u) => u.includes('dev-to-uploads')), 'the built-in feed\'s pictures were asked for');
      // Every address asked for is one the feeds link to: nothing from the browser itself.
      const linked = (u) => DEFAULT_FEED.includes(new URL(u).host) || new URL(u).host === 'example.org';
      assert.deepEqual(outside.filter((u) => !linked(u)), []);
    });
  });
}
