// Getting feeds into the browser: proxies, HTTP errors, timeouts, autodiscovery, size and
// charset limits, revalidation, and the offline copy. Each case asserts what the reader sees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launch, openPage, entryHeadings } from './harness.mjs';
import { serveHost, serveProxy, send, CORS } from './servers.mjs';

/** A small RSS 2.0 feed. */
function rss(title, items = ['First post', 'Second post'], { encoding } = {}) {
  const decl = encoding ? `<?xml version="1.0" encoding="${encoding}"?>` : '<?xml version="1.0"?>';
  return `${decl}
<rss version="2.0"><channel><title>${title}</title><link>http://example.org/</link>
${items
  .map(
    (t, i) => `<item><title>${t}</title><link>http://example.org/${i}</link><guid>http://example.org/${i}</guid>
<pubDate>Mon, 2${i} Nov 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;Body of ${t}&lt;/p&gt;</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

let app, browser, cors, noCors, proxy, slow;

before(async () => {
  app = await serveStatic();
  browser = await launch();
  let etagServed = 0;
  cors = await serveHost({
    '/feed.xml': send(rss('CORS Feed'), CORS),
    '/missing.xml': (req, res) => res.writeHead(404, CORS).end('gone'),
    '/broken.xml': (req, res) => res.writeHead(500, CORS).end('oops'),
    '/page.html': send(
      `<!doctype html><html><head><title>A blog</title>
       <link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">
       </head><body><p>Hello</p></body></html>`,
      { ...CORS, 'content-type': 'text/html; charset=utf-8' },
    ),
    '/two-feeds.html': send(
      `<!doctype html><html><head>
       <link rel="alternate" type="application/rss+xml" title="All posts" href="/feed.xml">
       <link rel="alternate" type="application/atom+xml" title="Comments" href="/comments.xml">
       </head><body></body></html>`,
      { ...CORS, 'content-type': 'text/html' },
    ),
    '/huge.xml': (req, res) => {
      // 25 MB: over the 20 MB default cap.
      res.writeHead(200, { ...CORS, 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 25) {
          sent += 1;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      pump();
    },
    '/latin.xml': send(
      // windows-1252 bytes, declared only in the Content-Type header (no encoding in the XML
      // declaration): "Café – naïve" with an en dash (0x96 in windows-1252).
      Buffer.from(rss('Caf\u00e9 \u0096 na\u00efve', ['Cr\u00e8me br\u00fbl\u00e9e']), 'latin1'),
      { ...CORS, 'content-type': 'application/rss+xml; charset=windows-1252' },
    ),
    '/etag.xml': (req, res) => {
      const tag = '"v1"';
      if (req.headers['if-none-match'] === tag) {
        etagServed += 1;
        res.writeHead(304, { ...CORS, etag: tag, 'access-control-expose-headers': 'etag' }).end();
        return;
      }
      res.writeHead(200, {
        ...CORS,
        etag: tag,
        'cache-control': 'no-cache',
        'content-type': 'application/rss+xml',
      });
      res.end(rss('ETag Feed'));
    },
  });
  cors.notModified = () => etagServed;
  noCors = await serveHost({ '/feed.xml': send(rss('No-CORS Feed', ['Proxied post'])) });
  proxy = await serveProxy();
  // A host with a slow feed, and a page with no feed anywhere on the host.
  slow = await serveHost({
    '/slow.xml': (req, res) => {
      setTimeout(() => send(rss('Too late'), CORS)(req, res), 6000);
    },
    '/no-feed.html': send('<!doctype html><html><head><title>Plain</title></head><body>No feeds</body></html>', {
      ...CORS,
      'content-type': 'text/html',
    }),
  });
});

after(async () => {
  await browser?.close();
  await Promise.all([app, cors, noCors, proxy, slow].map((s) => s?.close().catch(() => {})));
});

const open = (query, options) => openPage(browser.context, `${app.origin}/${query}`, options);
const feedParam = (url) => `?feed=${encodeURIComponent(url)}`;
const alertText = async (page) => {
  const alert = page.getByRole('alert');
  await alert.getByRole('paragraph').first().waitFor();
  return alert.innerText();
};
const title = (page, name) => page.getByRole('heading', { level: 1, name }).waitFor();

test('a feed without CORS loads through a proxy given by ?proxy=, and the route is remembered', async () => {
  const feed = `${noCors.origin}/feed.xml`;
  const page = await open(`${feedParam(feed)}&proxy=${encodeURIComponent(proxy.template)}`);
  await title(page, 'No-CORS Feed');
  assert.deepEqual(await entryHeadings(page).allTextContents(), ['Proxied post']);
  assert.ok(proxy.hits.includes(feed), 'the proxy fetched the feed');
  assert.match(await page.getByText(/via 127\.0\.0\.1/).innerText(), /via 127\.0\.0\.1/);
  // Next time the proxy is tried first: the feed's host sees no second direct request.
  const direct = () => noCors.hits.filter((h) => h.origin).length;
  const before = direct();
  await page.reload();
  await title(page, 'No-CORS Feed');
  assert.equal(direct(), before, 'no direct request on the second load');
  await page.close();
});

test('the proxy from the address is not saved, and Settings offers to save it', async () => {
  const page = await open(`${feedParam(`${noCors.origin}/feed.xml`)}&proxy=${encodeURIComponent(proxy.template)}`);
  await title(page, 'No-CORS Feed');
  assert.equal(await page.evaluate(() => localStorage.getItem('rillet.settings')), null);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByText("This page's address asks for the proxy").waitFor();
  await dialog.getByRole('button', { name: 'Save it to my proxies' }).click();
  await dialog.getByRole('button', { name: /^Test / }).click();
  await dialog.getByText(/^Works: read 1 articles/).waitFor();
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('rillet.settings')));
  assert.deepEqual(saved.data.proxies, [proxy.template]);
  await page.evaluate(() => localStorage.clear());
  await page.close();
});

test('404 and 500 answers say so, with the status', async () => {
  const page = await open(feedParam(`${cors.origin}/missing.xml`));
  assert.match(await alertText(page), /answered with an error \(404\)[\s\S]*no feed at this address/);
  await page.goto(`${app.origin}/${feedParam(`${cors.origin}/broken.xml`)}`);
  assert.match(await alertText(page), /answered with an error \(500\)[\s\S]*had a problem/);
  await page.close();
});

test('a server slower than the timeout is abandoned with a message', async () => {
  const page = await browser.context.newPage();
  // A two-second limit keeps the test short; the default is 15 s.
  await page.addInitScript(() =>
    localStorage.setItem('rillet.settings', JSON.stringify({ version: 1, data: { timeout_secs: 2 } })),
  );
  const started = Date.now();
  await page.goto(`${app.origin}/${feedParam(`${slow.origin}/slow.xml`)}`);
  assert.match(await alertText(page), /took too long to answer[\s\S]*within 2 seconds/);
  assert.ok(Date.now() - started < 5500, 'gave up before the server answered');
  await page.evaluate(() => localStorage.clear());
  await page.close();
});

test('a web page with one alternate link leads to its feed, and the address names the feed', async () => {
  const page = await open(feedParam(`${cors.origin}/page.html`));
  await title(page, 'CORS Feed');
  assert.equal(new URL(page.url()).searchParams.get('feed'), `${cors.origin}/feed.xml`);
  await page.close();
});

test('a web page with several feeds lets the reader pick one', async () => {
  const page = await open(feedParam(`${cors.origin}/two-feeds.html`));
  assert.match(await alertText(page), /offers 2 feeds/);
  await page.getByRole('alert').getByRole('button', { name: 'All posts' }).click();
  await title(page, 'CORS Feed');
  await page.close();
});

test('a web page without feeds says no feed was found', async () => {
  const page = await open(feedParam(`${slow.origin}/no-feed.html`));
  assert.match(await alertText(page), /No feed found on that page/);
  assert.ok(slow.hits.some((h) => h.path === '/rss.xml'), 'the usual paths were tried');
  await page.close();
});

test('a 25 MB feed is refused as too large', async () => {
  const page = await open(feedParam(`${cors.origin}/huge.xml`));
  assert.match(await alertText(page), /too large[\s\S]*more than 20 MB/);
  await page.close();
});

test('a windows-1252 feed whose charset is only in the Content-Type header reads correctly', async () => {
  const page = await open(feedParam(`${cors.origin}/latin.xml`));
  await title(page, 'Café – naïve');
  assert.deepEqual(await entryHeadings(page).allTextContents(), ['Crème brûlée']);
  await page.close();
});

test('an unchanged feed is revalidated with its ETag and answered 304', async () => {
  // Playwright's request routing disables the HTTP cache, so this browser runs without it;
  // the host-resolver rules still keep every request on 127.0.0.1.
  const plain = await launch({ route: false });
  const page = await openPage(plain.context, `${app.origin}/${feedParam(`${cors.origin}/etag.xml`)}`);
  await title(page, 'ETag Feed');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.waitForFunction(() => !document.querySelector('.list-toolbar__refresh[disabled]'));
  assert.equal(cors.notModified(), 1, 'the server answered the refresh with 304');
  assert.equal(await entryHeadings(page).count(), 2, 'the feed is still on screen');
  await plain.close();
});

test('a failed refresh keeps the feed, and a reload with the server down shows the offline copy', async () => {
  const host = await serveHost({ '/feed.xml': send(rss('Soon Offline', ['Cached post']), CORS) });
  const page = await open(feedParam(`${host.origin}/feed.xml`));
  await title(page, 'Soon Offline');
  await host.close();
  await page.getByRole('button', { name: 'Refresh' }).click();
  assert.match(await alertText(page), /Couldn't reach 127\.0\.0\.1/);
  assert.deepEqual(await entryHeadings(page).allTextContents(), ['Cached post'], 'the feed stays');
  await page.getByText(/not refreshed/).waitFor();

  await page.reload();
  await title(page, 'Soon Offline');
  assert.deepEqual(await entryHeadings(page).allTextContents(), ['Cached post']);
  await page.getByText(/not refreshed/).waitFor();
  await page.close();
});
