// The widget, end to end against the release build: a third-party page on another port embeds
// it with the README's own snippets (the script tag, and a plain iframe with the documented
// listener), its height follows its content, links leave the frame; the custom element,
// ?embed=1 on the app's address, failures, and the app's Embed panel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, OUTPUT, serveStatic, serveFixtures, launch, openPage } from './harness.mjs';
import { serveHost } from './servers.mjs';
import { snippet as readmeSnippet, blogPage } from './host-pages.mjs';

const atom = readFileSync(join(ROOT, 'tests/fixtures/local_atom.xml'));
let app, feeds, noCors, host, browser;
const snippet = (name, options) => readmeSnippet(name, { app: app.origin, ...options });
// The pages the third-party host serves, by path; each test writes its own.
const pages = {};

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  app = await serveStatic();
  feeds = await serveFixtures({ '/atom.xml': { body: atom } }, { cors: true });
  noCors = await serveFixtures({ '/atom.xml': { body: atom } }, { cors: false });
  const page = (path) => (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[path]);
  };
  host = await serveHost(Object.fromEntries(['/script.html', '/iframe.html', '/element.html', '/top.html'].map((p) => [p, page(p)])));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([app, feeds, noCors, host].map((s) => s?.close()));
});

/** Resolves once `check()` is true; rejects after about 5 s. */
async function until(check) {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('still not true after 5 s');
}

/** Waits until the frame's height matches its content's (within 10 px); returns both. */
async function settledHeights(page, frameTitle) {
  const frameElement = await page.getByTitle(frameTitle).elementHandle();
  const frame = await frameElement.contentFrame();
  let last;
  for (let i = 0; i < 50; i++) {
    const outer = (await frameElement.boundingBox()).height;
    const inner = await frame.evaluate(() => document.body.getBoundingClientRect().height);
    last = { outer, inner };
    if (inner > 50 && Math.abs(outer - inner) <= 10) return last;
    await page.waitForTimeout(100);
  }
  return last;
}

/** Checks a widget frame on a host page: 3 entries, its height, and a click opening a new tab. */
async function checkEmbedded(page, frameTitle) {
  const widget = page.getByTitle(frameTitle).contentFrame();
  const entries = widget.getByRole('list', { name: 'Latest articles' }).getByRole('listitem');
  await assert.doesNotReject(entries.first().waitFor());
  assert.equal(await entries.count(), 3, 'limit=3 shows 3 entries');
  assert.equal(await widget.getByRole('heading', { level: 1 }).innerText(), 'Local Fixture Journal');

  const { outer, inner } = await settledHeights(page, frameTitle);
  assert.ok(Math.abs(outer - inner) <= 10, `the frame (${outer}px) follows its content (${inner}px)`);

  const link = widget.getByRole('link', { name: 'Streams, not floods' });
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.deepEqual((await link.getAttribute('rel')).split(' ').sort(), ['noopener', 'noreferrer']);
  const hostUrl = page.url();
  const frameUrl = page.frames().find((f) => f.url().includes('/embed.html')).url();
  const [opened] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  assert.equal(opened.url(), 'http://example.org/posts/streams', 'the original article, in a new tab');
  await opened.close();
  assert.equal(page.url(), hostUrl, 'the host page stays');
  assert.ok(page.frames().some((f) => f.url() === frameUrl), 'the frame stays on the widget');
}

test('a page on another port embeds the widget with the script tag: 3 entries, its height, a new tab', async () => {
  pages['/script.html'] = blogPage(snippet('script-tag', { feed: `${feeds.origin}/atom.xml`, limit: 3 }));
  const page = await openPage(browser.context, `${host.origin}/script.html`);
  const frame = page.getByTitle('Latest articles');
  assert.equal(await frame.getAttribute('loading'), 'lazy');
  await checkEmbedded(page, 'Latest articles');
  await page.screenshot({ path: join(OUTPUT, 'widget-script-tag.png'), fullPage: true });
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('a plain iframe with the README listener follows its content; limit=3 shows 3 entries', async () => {
  pages['/iframe.html'] = blogPage(snippet('iframe', { feed: `${feeds.origin}/atom.xml`, limit: 3 }));
  const page = await openPage(browser.context, `${host.origin}/iframe.html`);
  await checkEmbedded(page, 'Latest articles');
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('the custom element shows the built-in feed as cards, in the dark theme', async () => {
  pages['/element.html'] = blogPage(
    `<rillet-feed feed="" limit="4" layout="cards" theme="dark" label="Hadil's latest"></rillet-feed>
<script src="${app.origin}/embed.js" async></script>`,
  );
  const page = await openPage(browser.context, `${host.origin}/element.html`);
  const widget = page.getByTitle("Hadil's latest").contentFrame();
  const entries = widget.getByRole('list', { name: 'Latest articles' }).getByRole('listitem');
  await assert.doesNotReject(entries.nth(3).waitFor());
  assert.equal(await entries.count(), 4);
  assert.equal(await widget.getByRole('heading', { level: 1 }).innerText(), 'Forem: Hadil Ben Abdallah');
  const frame = await (await page.getByTitle("Hadil's latest").elementHandle()).contentFrame();
  assert.equal(await frame.evaluate(() => getComputedStyle(document.documentElement).colorScheme), 'dark');
  const { outer, inner } = await settledHeights(page, "Hadil's latest");
  assert.ok(Math.abs(outer - inner) <= 10, `the frame (${outer}px) follows its content (${inner}px)`);
  await page.screenshot({ path: join(OUTPUT, 'widget-cards-dark.png'), fullPage: true });
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('with target=_top a click opens the article in the host page, not in the frame', async () => {
  pages['/top.html'] = blogPage(
    `<div data-rillet-feed="${feeds.origin}/atom.xml" data-limit="2" data-target="_top" data-excerpt="0"></div>
<script src="${app.origin}/embed.js" async></script>`,
  );
  const page = await openPage(browser.context, `${host.origin}/top.html`);
  const widget = page.getByTitle('Latest articles').contentFrame();
  const entries = widget.getByRole('list', { name: 'Latest articles' }).getByRole('listitem');
  await assert.doesNotReject(entries.first().waitFor());
  assert.equal(await entries.count(), 2);
  const link = widget.getByRole('link', { name: 'Offline first' });
  assert.equal(await link.getAttribute('target'), '_top');
  await link.click();
  await page.waitForURL('http://example.org/posts/offline');
  await page.close();
});

test('?embed=1 on the app\'s address shows the widget without ever starting the app', async () => {
  const page = await openPage(browser.context, null);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${app.origin}/?embed=1&limit=2&title=0`);
  await page.waitForURL(/\/embed\.html\?embed=1&limit=2&title=0$/);
  const entries = page.getByRole('list', { name: 'Latest articles' }).getByRole('listitem');
  await assert.doesNotReject(entries.nth(1).waitFor());
  assert.equal(await entries.count(), 2);
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 0, 'title=0: no feed title');
  assert.equal(await page.getByRole('textbox', { name: 'Feed URL' }).count(), 0, 'no app chrome');
  assert.deepEqual(requested.filter((p) => /\/rillet-[0-9a-f]+(_bg\.wasm|\.js)$/.test(p)), [], 'the app\'s code is never fetched');
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('a feed without CORS headers: one line in an alert, with a link to the feed', async () => {
  const feed = `${noCors.origin}/atom.xml`;
  const page = await openPage(browser.context, `${app.origin}/embed.html?feed=${encodeURIComponent(feed)}`);
  const alert = page.getByRole('alert');
  await assert.doesNotReject(alert.getByText(/CORS/).waitFor());
  assert.match(await alert.innerText(), /127\.0\.0\.1/);
  assert.equal(await alert.getByRole('link', { name: 'Open the feed' }).getAttribute('href'), feed);
  const height = await page.evaluate(() => document.body.getBoundingClientRect().height);
  assert.ok(height < 150, `compact (${height}px)`);
  const fromApp = page.problems().filter((p) => !/CORS policy|Failed to load resource|net::ERR_FAILED/.test(p));
  assert.deepEqual(fromApp, []);
  await page.close();
});

test('the Embed panel writes the snippet for the feed on screen, with options and a live preview', async () => {
  const feed = `${feeds.origin}/atom.xml`;
  const page = await openPage(browser.context, `${app.origin}/?feed=${encodeURIComponent(feed)}`);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Local Fixture Journal' }).waitFor());
  await page.getByRole('button', { name: 'Embed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this feed' });
  await assert.doesNotReject(dialog.waitFor());
  const code = dialog.getByRole('textbox', { name: 'Embed code' });
  assert.equal(
    await code.inputValue(),
    `<div data-rillet-feed="${feed}" data-limit="5"></div>\n<script src="${app.origin}/embed.js" async></script>`,
  );
  const preview = dialog.getByTitle('Widget preview').contentFrame();
  const entries = preview.getByRole('list', { name: 'Latest articles' }).getByRole('listitem');
  await assert.doesNotReject(entries.nth(2).waitFor());

  await dialog.getByRole('spinbutton', { name: 'Articles' }).fill('2');
  await dialog.getByRole('combobox', { name: 'Layout' }).selectOption('cards');
  await dialog.getByRole('checkbox', { name: 'Show excerpts' }).uncheck();
  assert.match(await code.inputValue(), /data-limit="2" data-layout="cards" data-excerpt="0"/);
  await assert.doesNotReject(until(async () => (await entries.count()) === 2), 'the preview follows the options');

  await dialog.getByRole('radio', { name: 'Plain iframe' }).check();
  const iframe = await code.inputValue();
  assert.ok(iframe.startsWith(`<iframe src="${app.origin}/embed.html?feed=${feed}&amp;limit=2&amp;layout=cards&amp;excerpt=0"`), iframe);
  assert.match(iframe, new RegExp(`e\\.origin !== '${app.origin}'`));
  const { outer, inner } = await settledHeights(page, 'Widget preview');
  assert.ok(Math.abs(outer - inner) <= 10, `the preview (${outer}px) follows its content (${inner}px)`);
  await page.screenshot({ path: join(OUTPUT, 'embed-panel.png') });
  assert.deepEqual(page.problems(), []);
  await page.close();
});
