// Issue 4, end to end: every attack vector of the shared corpus, carried by feeds served from
// 127.0.0.1, opened in the built app one by one as a reader opens them, and nothing runs; and
// the page's Content-Security-Policy, checked as served and as enforced.
//
// What is watched, from before the app's first script to the end of each page:
// - alert, confirm, prompt and print are canaries (non-writable, set by an init script);
// - page 'dialog' events, popups, frames attached, navigations of the page away from the app;
// - every request: none to javascript:, vbscript:, data: or blob:, and nothing but images and
//   media from anywhere but the app and the fixture server;
// - the DOM as the browser built it, through a MutationObserver (everything the page gains) and
//   a walk of the open article after each opening: nowhere a script, frame, object, embed,
//   base, meta, link or style element, an on* attribute, or a URL attribute whose scheme is not
//   http(s)/mailto; inside a sanitized body also no svg/math/foreign content, no form controls,
//   template, noscript and the like, no style/id/name/… attribute, no target without noopener;
// - securitypolicyviolation events: the sanitized output must cause none;
// - console errors and failed responses: only 404s for pictures and media the vectors name.
// A control test shows that these watchers catch what they watch for and that the CSP is
// enforced (inline script, eval, inline handler, javascript: URL, data: module all refused).
//
// How the vectors travel (vectors.txt: records separated by a line that is exactly `----`):
// - RSS 2.0 entries with the vector as escaped text in <description> (and a <link>, so
//   relative URLs resolve; opened with the mouse), entries with it as CDATA in
//   <content:encoded> (no link, so no base; opened with the keyboard), and entries with it in
//   <title>, <dc:creator> and <category>, which must show as text;
// - XML 1.0 cannot hold U+0001–U+0008, U+000B, U+000C or U+000E–U+001F, not even as character
//   references. In the two HTML fields such a character is written as an HTML character
//   reference (`&amp;#x1;` in the XML, `&#x1;` in the HTML), which the HTML tokenizer turns back
//   into the same character in text and attribute values (for vector 352 it sits in a bogus
//   comment, where it stays a reference; the comment is dropped either way). Those vectors are
//   left out of the text fields. A JSON Feed (JSON escapes any character) carries each of them
//   byte for byte as well, in content_html and in title, authors and tags.
// The entries are spread over feeds of 150, loaded one after another through the feed form in
// one page: finding a title among 1 300 rows made each click almost three times slower.
//
// RILLET_XSS_DUMP=DIR writes the generated feeds there, to look at them with the native tools
// (`cargo run --release --example feed2json -- DIR/fields.rss`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, OUTPUT, serveStatic, serveFixtures, launch, openPage, articleList, entryHeadings,
} from './harness.mjs';

const VECTORS_PATH = process.env.RILLET_XSS_VECTORS || join(ROOT, '../shared/corpus/xss/vectors.txt');
const VECTORS = readFileSync(VECTORS_PATH, 'utf8').split('\n----\n');

// ---------------------------------------------------------------------------------------------
// The feeds.

// Characters XML 1.0 cannot hold in any form (plus the two non-characters).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const hasNotXml = (s) => s.search(NOT_XML) !== -1;

const num = (i) => String(i + 1).padStart(3, '0');
const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** The vector as HTML that XML can hold: characters XML forbids become HTML references. */
const htmlForXml = (s) => s.replace(NOT_XML, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
/** A CDATA section holding `s`; a `]]>` inside is split across two sections. */
const cdata = (s) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

const IN_DESCRIPTION = (i) => `Vector ${num(i)} in description`;
const IN_ENCODED = (i) => `Vector ${num(i)} in content:encoded`;
const IN_JSON = (i) => `Vector ${num(i)} byte for byte`;
/** A title that must show as these very characters, in the list and as the heading. */
const IMG_TITLE = '<img src=x onerror=alert(1)>';

function rss(title, items) {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${escapeXml(title)}</title>
<link>https://blog.example/</link>
<description>Attack vectors from vectors.txt</description>
${items.join('\n')}
</channel>
</rss>
`;
}

const descriptionItem = (v, i) => `<item>
  <title>${IN_DESCRIPTION(i)}</title>
  <link>https://blog.example/posts/${num(i)}/</link>
  <guid isPermaLink="false">urn:rillet:xss:description:${num(i)}</guid>
  <description>${escapeXml(htmlForXml(v))}</description>
</item>`;

const encodedItem = (v, i) => `<item>
  <title>${IN_ENCODED(i)}</title>
  <guid isPermaLink="false">urn:rillet:xss:encoded:${num(i)}</guid>
  <content:encoded>${cdata(htmlForXml(v))}</content:encoded>
</item>`;

const fieldsItem = (v, id) => `<item>
  <title>${escapeXml(v)}</title>
  <guid isPermaLink="false">urn:rillet:xss:fields:${id}</guid>
  <dc:creator>${escapeXml(v)}</dc:creator>
  <category>${escapeXml(v)}</category>
  <description>An attack vector in the title, author and category.</description>
</item>`;

/** The vectors that XML can carry as text, with their index. */
const TEXT_VECTORS = VECTORS.map((v, i) => ({ v, i })).filter(({ v }) => !hasNotXml(v));
const BYTE_VECTORS = VECTORS.map((v, i) => ({ v, i })).filter(({ v }) => hasNotXml(v));

const PART = 150;
/** The feeds whose every vector entry is opened: `{ path, title, rows, entries: [titles] }`. */
const OPENED_FEEDS = [];
const ROUTES = {};
// The description entries are opened with the mouse, the content:encoded ones with the keyboard.
for (const [kind, item, entryTitle, keyboard] of [
  ['description', descriptionItem, IN_DESCRIPTION, false],
  ['content:encoded', encodedItem, IN_ENCODED, true],
]) {
  const parts = Math.ceil(VECTORS.length / PART);
  for (let p = 0; p < parts; p++) {
    const title = `XSS corpus in ${kind}, part ${p + 1} of ${parts}`;
    const path = `/xss/${kind.replace(':', '-')}-${p + 1}.rss`;
    const slice = VECTORS.map((v, i) => ({ v, i })).slice(p * PART, (p + 1) * PART);
    ROUTES[path] = { body: rss(title, slice.map(({ v, i }) => item(v, i))), type: 'application/rss+xml' };
    OPENED_FEEDS.push({ path, title, keyboard, rows: slice.length, entries: slice.map(({ i }) => entryTitle(i)) });
  }
}
const FIELDS_TITLE = 'XSS corpus in titles, authors and categories';
ROUTES['/xss/fields.rss'] = {
  body: rss(FIELDS_TITLE, [
    fieldsItem(IMG_TITLE, 'img'),
    ...TEXT_VECTORS.map(({ v, i }) => fieldsItem(v, num(i))),
  ]),
  type: 'application/rss+xml',
};
const BYTES_TITLE = 'XSS corpus, byte for byte';
ROUTES['/xss/bytes.json'] = {
  body: JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: BYTES_TITLE,
    items: BYTE_VECTORS.flatMap(({ v, i }) => [
      { id: `urn:rillet:xss:json:${num(i)}`, url: `https://blog.example/posts/${num(i)}/`, title: IN_JSON(i), content_html: v },
      { id: `urn:rillet:xss:json-fields:${num(i)}`, title: v, authors: [{ name: v }], tags: [v], content_text: 'An attack vector in the title, author and tags.' },
    ]),
  }),
  type: 'application/feed+json',
};
OPENED_FEEDS.push({ path: '/xss/bytes.json', title: BYTES_TITLE, rows: 2 * BYTE_VECTORS.length, entries: BYTE_VECTORS.map(({ i }) => IN_JSON(i)) });

if (process.env.RILLET_XSS_DUMP) {
  for (const [path, { body }] of Object.entries(ROUTES)) {
    writeFileSync(join(process.env.RILLET_XSS_DUMP, path.split('/').pop()), body);
  }
}

/** Whitespace collapsed as the parser does for text fields (Rust's `char::is_whitespace`). */
const RUST_SPACE = /[\t\n\u000B\u000C\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;
const collapse = (s) => s.replace(RUST_SPACE, ' ').trim();
/**
 * Whether an RSS title is taken literally. feedparser's rule (corpus NOTES.md) reads a title as
 * HTML, and strips its tags, only when it holds an end tag or a character reference; without
 * either it is plain text. (With one, the title is still text: only which text is checked.)
 */
const literalTitle = (s) => !/<\/[\w\u0080-\uFFFF]+>/.test(s) && !/&#?[\w\u0080-\uFFFF]+;/.test(s);

// ---------------------------------------------------------------------------------------------
// Watching the page.

/** The init script: canaries and the DOM watcher, set before any script of the page runs. */
function watchers() {
  const report = (kind, detail) => window.__rilletXss(kind, String(detail).slice(0, 400));
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const canary = (...args) => {
      report('call', `${name}(${args.map(String).join(', ')})`);
      return name === 'confirm' ? false : name === 'prompt' ? null : undefined;
    };
    Object.defineProperty(window, name, { value: canary, writable: false, configurable: false });
  }
  document.addEventListener('securitypolicyviolation', (e) =>
    report('csp', `${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`),
  );

  // Never anywhere in what the page gains once it is parsed.
  const NEVER = new Set([
    'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link',
    'style', 'portal', 'fencedframe',
  ]);
  // Never inside an article's sanitized body (the app's own markup has forms, buttons and icons).
  const NEVER_IN_BODY = new Set([
    'svg', 'math', 'form', 'input', 'button', 'textarea', 'select', 'option', 'optgroup',
    'datalist', 'output', 'template', 'noscript', 'xmp', 'plaintext', 'listing', 'noembed',
    'noframes', 'isindex', 'keygen', 'bgsound', 'marquee', 'blink', 'layer', 'ilayer', 'title',
    'slot', 'dialog',
  ]);
  const BODY_ATTRIBUTES = new Set([
    'style', 'id', 'name', 'form', 'formaction', 'autofocus', 'is', 'slot', 'popover', 'xmlns',
    'contenteditable', 'draggable', 'tabindex', 'accesskey',
  ]);
  const URL_ATTRIBUTES = new Set([
    'href', 'src', 'srcset', 'poster', 'action', 'formaction', 'data', 'cite', 'background',
    'xlink:href', 'ping', 'codebase', 'dynsrc', 'lowsrc', 'longdesc', 'manifest', 'icon', 'itemtype',
  ]);
  // The element SafeHtml fills with sanitized markup: everything inside it came from a feed.
  const BODY = '.article__body';
  const describe = (el) =>
    `<${el.localName}${[...el.attributes].map((a) => ` ${a.name}="${a.value}"`).join('')}>`;
  const badScheme = (value) => {
    for (const candidate of value.split(',')) {
      const raw = candidate.trim().split(/\s+/)[0];
      if (!raw) continue;
      let url;
      try { url = new URL(raw, document.baseURI); } catch { continue; }
      if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) return url.protocol;
    }
    return null;
  };
  const inspect = (el) => {
    const name = el.localName;
    const inBody = el.parentElement?.closest(BODY) != null;
    if (NEVER.has(name)) report('dom', `a ${name}: ${describe(el)}`);
    for (const a of el.attributes) {
      const attr = a.name.toLowerCase();
      if (attr.startsWith('on')) report('dom', `an event handler: ${describe(el)}`);
      if (URL_ATTRIBUTES.has(attr) && badScheme(a.value)) report('dom', `a ${badScheme(a.value)} URL: ${describe(el)}`);
    }
    if (!inBody) return;
    if (NEVER_IN_BODY.has(name)) report('dom', `a ${name} in a body: ${describe(el)}`);
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') report('dom', `foreign content in a body: ${describe(el)}`);
    for (const a of el.attributes) {
      if (BODY_ATTRIBUTES.has(a.name.toLowerCase())) report('dom', `${a.name} in a body: ${describe(el)}`);
    }
    if (el.hasAttribute('target') && !/\bnoopener\b/.test(el.getAttribute('rel') ?? '')) {
      report('dom', `a target without noopener in a body: ${describe(el)}`);
    }
  };
  window.__rilletObserved = 0;
  // The open article as it stands: run after each opening (the observer sees only changes).
  // Returns how many elements its body holds, or -1 when there is no body to look at.
  window.__rilletInspectArticle = () => {
    const article = document.querySelector('article');
    const body = article?.querySelector(BODY);
    if (!body) return -1;
    [article, ...article.querySelectorAll('*')].forEach(inspect);
    return body.querySelectorAll('*').length;
  };
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') {
          inspect(r.target);
          continue;
        }
        for (const node of r.addedNodes) {
          if (node.nodeType !== Node.ELEMENT_NODE) continue;
          window.__rilletObserved += 1;
          inspect(node);
          for (const el of node.querySelectorAll('*')) inspect(el);
        }
      }
    }).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
  });
}

/** Opens a page with every watcher on; `page.seen` records what happened. */
async function watchedPage(context, url, viewport) {
  const page = await openPage(context, undefined, { viewport });
  const seen = { call: [], csp: [], dom: [], dialogs: [], frames: [], navigations: [], requests: [], failed: [] };
  await page.exposeFunction('__rilletXss', (kind, detail) => seen[kind].push(detail));
  await page.addInitScript(watchers);
  page.on('dialog', (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('frameattached', (f) => seen.frames.push(`frame ${f.url()}`));
  page.on('popup', (p) => seen.frames.push(`popup ${p.url()}`));
  page.on('framenavigated', (f) => f === page.mainFrame() && seen.navigations.push(f.url()));
  page.on('request', (r) => seen.requests.push({ url: r.url(), type: r.resourceType() }));
  page.on('response', (r) => r.status() >= 400 && seen.failed.push(`${r.status()} ${r.request().resourceType()} ${r.url()}`));
  page.seen = seen;
  if (url) await page.goto(url);
  return page;
}

/** Everything the page did that it must not have. `origins[0]` is the app's. */
function incidents(page, origins) {
  const { call, dom, dialogs, navigations, frames, requests } = page.seen;
  const out = [
    ...call.map((c) => `executed ${c}`),
    ...dialogs.map((d) => `dialog ${d}`),
    ...frames,
    ...dom.map((d) => `DOM: ${d}`),
  ];
  for (const n of navigations) {
    const u = new URL(n);
    if (u.origin !== origins[0] || u.pathname !== '/') out.push(`navigated to ${n}`);
  }
  for (const { url, type } of requests) {
    const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
    if (['javascript:', 'vbscript:', 'data:', 'blob:'].includes(scheme)) {
      out.push(`a ${scheme} request (${type}): ${url.slice(0, 120)}`);
    } else if (!['image', 'media'].includes(type) && !origins.includes(new URL(url).origin)) {
      out.push(`a ${type} request to ${url}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

let app, feeds, browser;
const feedUrl = (path) => `${feeds.origin}${path}`;
const appWith = (path) => `${app.origin}/?feed=${encodeURIComponent(feedUrl(path))}`;
const totals = { opened: 0, phone: 0, csp: 0, dialogs: 0, executions: 0 };

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  app = await serveStatic();
  feeds = await serveFixtures(
    { ...ROUTES, '/atom.xml': { body: readFileSync(join(ROOT, 'tests/fixtures/local_atom.xml')) } },
    { cors: true },
  );
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([app, feeds].map((s) => s?.close()));
  console.log(
    `xss: ${VECTORS.length} vectors; opened ${totals.opened} vector articles ` +
      `(+${totals.phone} at phone width); ${totals.executions} executions, ${totals.dialogs} dialogs, ` +
      `${totals.csp} CSP violations`,
  );
});

/** Loads a feed through the feed form, as a reader does, and waits for its title. */
async function loadFeed(page, path, title) {
  await page.getByLabel('Feed URL').fill(feedUrl(path));
  await page.getByRole('button', { name: 'Load' }).click();
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
}

/**
 * Opens an entry from the list by clicking its title link (a locator, or the exact title), or
 * with the keyboard (focus the link, Enter),
 * waits for its article's heading, lets what the body could have scheduled (an image's error
 * event …) happen, and inspects the article as it stands.
 */
async function openEntry(page, link, title, { keyboard = false } = {}) {
  if (typeof link === 'string') link = articleList(page).getByRole('link', { name: link, exact: true });
  if (keyboard) await link.press('Enter');
  else await link.click();
  await page.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
  return page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(() => {
    ok(window.__rilletInspectArticle());
  }, 0))));
}

const LOAD_404 = 'console: Failed to load resource: the server responded with a status of 404 (Not Found)';

/** Counts what the page saw, then asserts that nothing ran and nothing else went wrong. */
function assertNothingRan(page) {
  totals.csp += page.seen.csp.length;
  totals.dialogs += page.seen.dialogs.length;
  totals.executions += page.seen.call.length;
  assert.deepEqual(incidents(page, [app.origin, feeds.origin]), []);
  assert.deepEqual(page.seen.csp, [], 'the sanitized output causes no CSP violation');
  // Pictures the vectors name do not exist: relative ones 404 at the fixture server (list
  // thumbnails resolve against the feed's address), remote media 404 at the harness. The
  // browser logs each; nothing else may fail or log an error.
  assert.deepEqual(page.seen.failed.filter((f) => !/^404 (image|media) /.test(f)), []);
  const problems = page.problems();
  const logged404 = problems.filter((p) => p === LOAD_404).length;
  assert.ok(logged404 <= page.seen.failed.length, `${logged404} logged 404s, ${page.seen.failed.length} seen`);
  assert.deepEqual(problems.filter((p) => p !== LOAD_404), []);
}

test('the feeds carry every vector', () => {
  assert.equal(VECTORS.length, 435);
  const opened = OPENED_FEEDS.flatMap((f) => f.entries);
  assert.equal(opened.filter((t) => t.endsWith(' in description')).length, VECTORS.length);
  assert.equal(opened.filter((t) => t.endsWith(' in content:encoded')).length, VECTORS.length);
  assert.equal(TEXT_VECTORS.length + BYTE_VECTORS.length, VECTORS.length);
  for (const [path, { body }] of Object.entries(ROUTES)) {
    if (path.endsWith('.rss')) assert.ok(!hasNotXml(body), `${path} is XML 1.0`);
  }
  console.log(
    `xss: RSS carries ${VECTORS.length} in <description> and ${VECTORS.length} in <content:encoded> ` +
      `(${BYTE_VECTORS.length} of them [${BYTE_VECTORS.map(({ i }) => i + 1).join(', ')}] hold characters ` +
      `XML forbids, written as HTML references) and ${TEXT_VECTORS.length} in title/author/category; ` +
      `a JSON Feed carries those ${BYTE_VECTORS.length} byte for byte`,
  );
});

test('every vector, opened from the list, runs nothing', async () => {
  const [first] = OPENED_FEEDS;
  const page = await watchedPage(browser.context, appWith(first.path));
  await page.getByRole('heading', { level: 1, name: first.title, exact: true }).waitFor();
  const started = Date.now();
  let inspected = 0;
  for (const feed of OPENED_FEEDS) {
    if (feed !== first) await loadFeed(page, feed.path, feed.title);
    // The list adds its rows in steps, busy until all are in (and the previous feed's list
    // may still be on screen for a moment after the title changed).
    await page.waitForFunction(
      (n) => document.querySelector('ol.article-list[aria-busy="false"]')?.children.length === n,
      feed.rows,
    );
    assert.equal(await entryHeadings(page).count(), feed.rows, `${feed.title}: every entry listed`);
    for (const title of feed.entries) {
      const elements = await openEntry(page, title, title, { keyboard: feed.keyboard });
      assert.ok(elements >= 0, `${title}: the article has a sanitized body`);
      inspected += elements;
      totals.opened += 1;
    }
  }
  await page.waitForLoadState('networkidle');
  const observed = await page.evaluate(() => window.__rilletObserved);
  console.log(
    `xss: opened ${totals.opened} entries from ${OPENED_FEEDS.length} feeds in ${Date.now() - started} ms; ` +
      `${inspected} elements in their bodies inspected, ${observed} added subtrees observed`,
  );
  assert.ok(inspected > 0 && observed > 0, 'the DOM watchers ran');
  assertNothingRan(page);
  await page.close();
});

/** What the list row of each entry shows, read from the title headings. */
async function rowsShown(page) {
  // The list adds its rows in steps; it says it is busy until all are in.
  await page.locator('ol[aria-busy="false"]').waitFor({ state: 'attached' });
  return entryHeadings(page).evaluateAll((headings) => headings.map((h) => {
    const row = h.closest('li');
    const link = h.querySelector('a');
    return {
      title: h.textContent,
      titleElements: h.querySelectorAll('*').length,
      linkElements: link ? link.querySelectorAll('*').length : -1,
      // The line under the title: the byline among other marks (unread, feed, date).
      meta: [...(h.nextElementSibling?.children ?? [])].map((el) => el.textContent),
      metaElements: [...(h.nextElementSibling?.children ?? [])].map((el) => el.children.length),
      tags: [...row.querySelectorAll('[aria-label="Categories"] > li')].map((li) => li.textContent),
      tagElements: [...row.querySelectorAll('[aria-label="Categories"] > li')].map((li) => li.children.length),
      elements: [...new Set([...row.querySelectorAll('*')].map((el) => el.localName))],
    };
  }));
}

/** Checks the rows of entries whose title, author and category are `vectors`. */
function checkFieldRows(rows, vectors, { literal }) {
  const problems = [];
  let exactTitles = 0;
  rows.forEach((row, k) => {
    const v = vectors[k];
    const where = `row ${k + 1} (${JSON.stringify(v).slice(0, 80)})`;
    if (row.titleElements !== 1 || row.linkElements !== 0) problems.push(`${where}: markup in the title`);
    if (row.tagElements.some((n) => n !== 0)) problems.push(`${where}: markup in a tag`);
    if (row.metaElements.some((n) => n !== 0)) problems.push(`${where}: markup in the byline`);
    const extra = row.elements.filter((n) => !['h3', 'a', 'p', 'span', 'time', 'div', 'ul', 'li'].includes(n));
    if (extra.length) problems.push(`${where}: unexpected elements ${extra}`);
    if (literal(v)) {
      exactTitles += 1;
      if (row.title !== collapse(v)) problems.push(`${where}: title shows ${JSON.stringify(row.title)}`);
    }
    // An author with an @ may be read as `Name <email>` or `email (Name)`: only the plain ones
    // are compared.
    if (!v.includes('@') && !row.meta.includes(collapse(v))) problems.push(`${where}: byline shows ${JSON.stringify(row.meta)}`);
    if (JSON.stringify(row.tags) !== JSON.stringify([collapse(v)])) problems.push(`${where}: tags show ${JSON.stringify(row.tags)}`);
  });
  return { problems, exactTitles };
}

test('vectors in titles, authors and categories show as text', async () => {
  const page = await watchedPage(browser.context, appWith('/xss/fields.rss'));
  await page.getByRole('heading', { level: 1, name: FIELDS_TITLE, exact: true }).waitFor();
  const rss = [IMG_TITLE, ...TEXT_VECTORS.map(({ v }) => v)];
  const rssRows = await rowsShown(page);
  assert.equal(rssRows.length, rss.length);
  const fromRss = checkFieldRows(rssRows, rss, { literal: literalTitle });
  assert.deepEqual(fromRss.problems, []);

  // The title the brief names shows its own characters, in the list and as the article's heading.
  const img = articleList(page).getByRole('link', { name: IMG_TITLE, exact: true });
  await openEntry(page, img, IMG_TITLE);
  const heading = page.getByRole('heading', { level: 2, name: IMG_TITLE, exact: true });
  assert.equal(await heading.textContent(), IMG_TITLE);
  assert.equal(await heading.evaluate((h) => h.children.length), 0);
  await page.screenshot({ path: join(OUTPUT, 'xss-titles.png') });
  // A few more, opened: the heading shows what the row shows.
  for (const k of [1, 2, 5, 30, 100, 250, 400]) {
    const title = rssRows[k].title;
    await openEntry(page, entryHeadings(page).nth(k).getByRole('link'), title);
    assert.equal(await page.getByRole('heading', { level: 2, name: title, exact: true }).evaluate((h) => h.children.length), 0);
  }

  await loadFeed(page, '/xss/bytes.json', BYTES_TITLE);
  const jsonRows = (await rowsShown(page)).filter((_, k) => k % 2 === 1);
  const fromJson = checkFieldRows(jsonRows, BYTE_VECTORS.map(({ v }) => v), { literal: () => true });
  assert.deepEqual(fromJson.problems, []);
  console.log(
    `xss: ${rssRows.length + jsonRows.length} entries with a vector in title, author and category show ` +
      `them as text only; ${fromRss.exactTitles + fromJson.exactTitles} titles checked character for ` +
      `character (the rest hold an end tag or a reference, so the RSS title rule may read them as HTML)`,
  );
  await page.waitForLoadState('networkidle');
  assertNothingRan(page);
  await page.close();
});

test('at phone width, vector articles open in place and Back returns to the list', async () => {
  const feed = OPENED_FEEDS[0];
  const page = await watchedPage(browser.context, appWith(feed.path), { width: 390, height: 844 });
  // A remote script, a polyglot with svg onload, a javascript: link, an img onerror, svg
  // onload, a style with a control character (60, carried as a reference), a remote img, a
  // relative link, and two inline scripts.
  const picks = [1, 2, 6, 11, 35, 60, 72, 93, 120, 148].map((n) => feed.entries[n - 1]);
  for (const title of picks) {
    const link = articleList(page).getByRole('link', { name: title, exact: true });
    await openEntry(page, link, title);
    assert.ok(!(await link.isVisible()), 'the article replaces the list at phone width');
    totals.phone += 1;
    await page.goBack();
    await link.waitFor();
  }
  await page.waitForLoadState('networkidle');
  assertNothingRan(page);
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// The Content-Security-Policy.

/** The directives of a policy string, by name. */
const directives = (policy) => new Map(policy.split(';').map((d) => d.trim()).filter(Boolean)
  .map((d) => { const [name, ...values] = d.split(/\s+/); return [name.toLowerCase(), values]; }));

test('the served index.html has a strict CSP first in its head and no inline script', async () => {
  const html = await (await fetch(`${app.origin}/`)).text();
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    assert.match(attrs, /\bsrc=/, 'every script is a file');
    assert.equal(body.trim(), '', 'no inline script');
  }
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
  assert.doesNotMatch(html, /<style\b|\sstyle\s*=/i, 'no inline style');

  const head = html.slice(html.search(/<head\b/i), html.search(/<\/head>/i));
  const tags = [...head.matchAll(/<(?!!--)[a-z][^>]*>/gi)].map((m) => m[0]).slice(1);
  const at = tags.findIndex((t) => /http-equiv\s*=\s*"content-security-policy"/i.test(t));
  assert.ok(at >= 0, 'a CSP meta');
  assert.equal(tags.filter((t) => /content-security-policy/i.test(t)).length, 1, 'one CSP meta');
  // Only what cannot load or run anything comes before it: the charset and the viewport.
  assert.deepEqual(
    tags.slice(0, at).filter((t) => !/^<meta\s+(charset=|name="viewport")/i.test(t)),
    [],
    'the CSP meta comes before anything that loads',
  );
  assert.ok(
    tags.slice(at + 1).some((t) => /^<meta\s+name="referrer"\s+content="no-referrer"/i.test(t)),
    'the referrer policy',
  );

  const policy = tags[at].match(/content\s*=\s*"([^"]*)"/i)[1];
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|'nonce-|'sha(256|384|512)-|\*/);
  const d = directives(policy);
  assert.deepEqual(d.get('default-src'), ["'self'"]);
  assert.deepEqual(d.get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(d.get('object-src'), ["'none'"]);
  assert.deepEqual(d.get('base-uri'), ["'none'"]);
  assert.deepEqual(d.get('form-action'), ["'none'"]);
  for (const name of ['img-src', 'media-src']) {
    for (const source of ['http:', 'https:', 'data:']) assert.ok(d.get(name)?.includes(source), `${name} ${source}`);
  }
  assert.ok(d.get('connect-src'), 'connect-src is named');
  // A <meta> policy ignores these, and Chromium says so on the console.
  for (const name of ['frame-ancestors', 'report-uri', 'report-to', 'sandbox']) assert.ok(!d.has(name), name);
  // Nothing falls back to default-src that would be looser than it.
  for (const [name, values] of d) {
    if (name.endsWith('-src') && name !== 'img-src' && name !== 'media-src' && name !== 'connect-src') {
      assert.ok(values.every((v) => v === "'self'" || v === "'none'" || v === "'wasm-unsafe-eval'"), `${name}: ${values}`);
    }
  }
});

test('the page enforces its CSP, and the watchers catch what they watch for', async () => {
  const page = await watchedPage(browser.context, `${app.origin}/`);
  const first = articleList(page).getByRole('link').first();
  const title = await first.textContent();
  assert.ok((await openEntry(page, first, title)) > 0);
  assert.deepEqual(page.seen.dom, [], 'an article of the built-in feed is clean');
  // From a task of the page's own: code that DevTools evaluates directly may eval freely.
  const results = await page.evaluate(() => new Promise((done) => setTimeout(async () => {
    const out = {};
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    out.inlineScript = window.__inlineRan === true;
    try { out.eval = eval('"ran"'); } catch (e) { out.eval = e.name; }
    try { out.fn = new Function('return "ran"')(); } catch (e) { out.fn = e.name; }
    const handler = document.createElement('div');
    handler.setAttribute('onclick', 'alert("handler")');
    document.body.append(handler);
    handler.click();
    const link = document.createElement('a');
    link.href = 'javascript:alert("link")';
    document.body.append(link);
    link.click();
    try { await import('data:text/javascript,alert("import")'); out.import = 'ran'; } catch (e) { out.import = e.name; }
    document.querySelector('.article__body').insertAdjacentHTML('beforeend', '<svg></svg><b id="clobber">b</b>');
    alert('the canary itself');
    await new Promise((ok) => setTimeout(ok, 100));
    done(out);
  })));
  assert.deepEqual(results, { inlineScript: false, eval: 'EvalError', fn: 'EvalError', import: 'TypeError' });
  assert.deepEqual(page.seen.call, ['alert(the canary itself)'], 'only the direct call ran');
  assert.deepEqual(page.seen.dialogs, []);
  assert.ok(page.seen.dom.some((d) => d.startsWith('a script')), page.seen.dom.join('\n'));
  assert.ok(page.seen.dom.some((d) => d.startsWith('an event handler')));
  assert.ok(page.seen.dom.some((d) => d.startsWith('a javascript: URL')));
  assert.ok(page.seen.dom.some((d) => d.startsWith('a svg in a body')));
  assert.ok(page.seen.dom.some((d) => d.startsWith('id in a body')));
  // Each attempt was refused by the policy, and reported: the inline script, eval, Function,
  // the inline handler, the javascript: link and the data: module.
  assert.deepEqual(page.seen.csp.map((c) => c.split(' (')[0]), [
    'script-src-elem blocked inline',
    'script-src blocked eval',
    'script-src blocked eval',
    'script-src-attr blocked inline',
    'script-src-elem blocked inline',
    'script-src-elem blocked data',
  ]);
  await page.close();
});

test('normal use causes no CSP violation', async () => {
  const page = await watchedPage(browser.context, `${app.origin}/`);
  await entryHeadings(page).nth(11).waitFor();
  for (const name of [/^Spektrum:/, /^30 Web Development Tips/]) {
    const link = articleList(page).getByRole('link', { name });
    await link.click();
    await page.getByRole('article', { name }).waitFor();
  }
  await page.goBack();
  await page.goBack();
  await loadFeed(page, '/atom.xml', 'Local Fixture Journal');
  await articleList(page).getByRole('link', { name: 'Streams, not floods' }).click();
  await page.getByRole('article', { name: 'Streams, not floods' }).waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goBack();
  await entryHeadings(page).first().waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(page.seen.csp, []);
  assert.deepEqual(incidents(page, [app.origin, feeds.origin]), []);
  assert.deepEqual(page.problems(), []);
  await page.close();
});
