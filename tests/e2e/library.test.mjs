// The reader's library: subscriptions, OPML out and back in, read and star state across
// reloads, a keyboard-only walk, search, and start-up with corrupted storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serveStatic, launch, openPage, articleList, entryHeadings } from './harness.mjs';
import { serveHost, send, CORS } from './servers.mjs';

/** An RSS feed whose items are dated a day apart, newest first. */
function rss(title, items) {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>
<link>http://example.org/${encodeURIComponent(title)}</link>
${items
  .map(
    ([t, category], i) => `<item><title>${t}</title><link>http://example.org/${encodeURIComponent(title)}/${i}</link>
<guid>${title}-${i}</guid><pubDate>${new Date(Date.UTC(2026, 10, 20 - i, 8)).toUTCString()}</pubDate>
<category>${category}</category><description>&lt;p&gt;About ${t.toLowerCase()}.&lt;/p&gt;</description></item>`,
  )
  .join('\n')}</channel></rss>`;
}

const FEEDS = {
  '/garden.xml': rss('Garden Notes', [
    ['Tomatoes in November', 'garden'],
    ['Compost basics', 'garden'],
    ['Pruning roses', 'flowers'],
  ]),
  '/kitchen.xml': rss('Kitchen Log', [
    ['Sourdough starter', 'baking'],
    ['Tomato soup', 'soup'],
  ]),
  '/sky.xml': rss('Sky Watch', [
    ['Leonids tonight', 'meteors'],
    ['Jupiter at opposition', 'planets'],
  ]),
};

let app, host, browser;
before(async () => {
  app = await serveStatic();
  host = await serveHost(Object.fromEntries(Object.entries(FEEDS).map(([p, body]) => [p, send(body, CORS)])));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await Promise.all([app, host].map((s) => s?.close()));
});

const sidebar = (page) => page.getByRole('navigation', { name: 'Subscriptions' });
const feedNames = async (page) =>
  (await sidebar(page).getByRole('list', { name: 'Feeds' }).getByRole('link').allInnerTexts()).map((t) =>
    t.replace(/\s*\d+$/, '').trim(),
  );

async function subscribe(page, path) {
  await sidebar(page).getByRole('button', { name: '+ Add a feed' }).click();
  await sidebar(page).getByLabel('Feed or site address').fill(`${host.origin}${path}`);
  await sidebar(page).getByRole('button', { name: 'Subscribe' }).click();
}

async function clearStorage(page) {
  await page.evaluate(async () => {
    localStorage.clear();
    await new Promise((done) => {
      const req = indexedDB.deleteDatabase('rillet');
      req.onsuccess = req.onerror = req.onblocked = () => done();
    });
  });
}

test('subscribe to three feeds, export OPML, clear storage, import it back', async () => {
  const page = await openPage(browser.context, `${app.origin}/`);
  await entryHeadings(page).first().waitFor();
  for (const path of ['/garden.xml', '/kitchen.xml', '/sky.xml']) {
    await subscribe(page, path);
    const title = path === '/garden.xml' ? 'Garden Notes' : path === '/kitchen.xml' ? 'Kitchen Log' : 'Sky Watch';
    await sidebar(page).getByRole('link', { name: new RegExp(title) }).waitFor();
  }
  assert.deepEqual(await feedNames(page), ['Garden Notes', 'Kitchen Log', 'Sky Watch']);

  // The All view merges the three by date.
  await sidebar(page).getByRole('link', { name: /^All articles/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('.article-list > li').length === 7);
  assert.equal((await entryHeadings(page).allTextContents())[0], 'Tomatoes in November');

  // File one feed in a folder, so the export has one.
  await sidebar(page).getByRole('button', { name: 'Edit Sky Watch' }).click();
  await sidebar(page).getByLabel('Folder').fill('Space');
  await sidebar(page).getByRole('button', { name: 'Save' }).click();
  await sidebar(page).getByRole('group').or(sidebar(page).getByText('Space')).first().waitFor();

  const downloading = page.waitForEvent('download');
  await sidebar(page).getByRole('button', { name: 'Export OPML' }).click();
  const download = await downloading;
  const dir = mkdtempSync(join(tmpdir(), 'rillet-opml-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const opml = readFileSync(file, 'utf8');
  assert.match(opml, /<opml version="2.0">/);
  assert.match(opml, /<outline text="Space"/);

  await clearStorage(page);
  await page.goto(`${app.origin}/`);
  await sidebar(page).getByText('No subscriptions yet.').waitFor();

  const choosing = page.waitForEvent('filechooser');
  await sidebar(page).getByRole('button', { name: 'Import OPML' }).click();
  await (await choosing).setFiles(file);
  await page.getByText(/Added 3 feeds/).waitFor();
  await sidebar(page).getByRole('link', { name: /Sky Watch/ }).waitFor();
  assert.deepEqual(await feedNames(page), ['Garden Notes', 'Kitchen Log']);
  assert.equal(await sidebar(page).getByText('Space').count(), 1, 'the folder came back');
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('read and star state survive a reload', async () => {
  const page = await openPage(browser.context, `${app.origin}/?feed=${encodeURIComponent(`${host.origin}/kitchen.xml`)}`);
  await articleList(page).getByRole('link', { name: 'Tomato soup' }).click();
  const article = page.getByRole('article', { name: 'Tomato soup' });
  await article.getByRole('button', { name: 'Star' }).click();
  assert.equal(await article.getByRole('button', { name: 'Star' }).getAttribute('aria-pressed'), 'true');
  await page.waitForTimeout(200); // let the write land
  await page.reload();
  const soup = articleList(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Tomato soup' }) });
  await soup.waitFor();
  assert.equal(await soup.getByText('Unread').count(), 0, 'opened, so read');
  assert.equal(await soup.getByText('Starred').count(), 1);
  const bread = articleList(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Sourdough starter' }) });
  assert.equal(await bread.getByText('Unread').count(), 1, 'never opened, so unread');

  await page.goto(`${app.origin}/?view=starred`);
  await articleList(page).getByRole('link', { name: 'Tomato soup' }).waitFor();
  assert.deepEqual(await entryHeadings(page).allTextContents(), ['Tomato soup']);
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('a keyboard-only walk through five articles', async () => {
  const page = await openPage(browser.context, `${app.origin}/?view=all`);
  await page.waitForFunction(() => document.querySelectorAll('.article-list > li').length === 7);
  const titles = await entryHeadings(page).allTextContents();
  await page.locator('body').focus();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('j');
    const heading = page.getByRole('article').getByRole('heading', { level: 2, name: titles[i], exact: true });
    await heading.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'article-title');
  }
  await page.keyboard.press('k');
  await page.getByRole('article', { name: titles[3] }).waitFor();
  await page.keyboard.press('s');
  await page.getByRole('article', { name: titles[3] }).getByRole('button', { name: 'Star', pressed: true }).waitFor();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  assert.ok((await help.getByRole('row').count()) >= 10);
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });
  // Typing in a field fires no shortcut.
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search');
  await page.keyboard.type('jk');
  await page.getByRole('article', { name: titles[3] }).waitFor();
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('search narrows the list as you type', async () => {
  const page = await openPage(browser.context, `${app.origin}/?view=all`);
  await page.waitForFunction(() => document.querySelectorAll('.article-list > li').length === 7);
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('tomato');
  await page.waitForFunction(() => document.querySelectorAll('.article-list > li').length === 2);
  assert.deepEqual(await entryHeadings(page).allTextContents(), ['Tomatoes in November', 'Tomato soup']);
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('"jupiter at"');
  await page.waitForFunction(() => document.querySelectorAll('.article-list > li').length === 1);
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('');
  await page.getByLabel('Category').selectOption({ label: 'garden (2)' });
  await page.waitForFunction(() => document.querySelectorAll('.article-list > li').length === 2);
  assert.deepEqual(await entryHeadings(page).allTextContents(), ['Tomatoes in November', 'Compost basics']);
  await page.getByLabel('Sort').selectOption('oldest');
  assert.deepEqual(await entryHeadings(page).allTextContents(), ['Compost basics', 'Tomatoes in November']);
  await page.close();
});

test('start-up with corrupted storage shows a notice and a working app', async () => {
  const page = await openPage(browser.context, `${app.origin}/`);
  await entryHeadings(page).first().waitFor();
  await page.evaluate(async () => {
    localStorage.setItem('rillet.settings', '{"version": 1, "data": {"theme": 42');
    await new Promise((done, fail) => {
      const open = indexedDB.open('rillet');
      open.onsuccess = () => {
        const tx = open.result.transaction('library', 'readwrite');
        tx.objectStore('library').put('\u0000not json at all', 'library');
        tx.oncomplete = () => { open.result.close(); done(); };
        tx.onerror = () => fail(tx.error);
      };
      open.onerror = () => fail(open.error);
    });
  });
  await page.reload();
  await page.getByText(/Your saved settings couldn't be read/).waitFor();
  await page.getByText(/Your saved subscriptions and reading marks couldn't be read/).waitFor();
  await entryHeadings(page).first().waitFor();
  assert.equal(await entryHeadings(page).count(), 12, 'the built-in feed shows');
  // And the app works: settings save again, a feed can be followed.
  await subscribe(page, '/garden.xml');
  await sidebar(page).getByRole('link', { name: /Garden Notes/ }).waitFor();
  assert.deepEqual(page.problems(), []);
  await clearStorage(page);
  await page.close();
});

test('a backup of everything comes back after storage is cleared', async () => {
  const page = await openPage(browser.context, `${app.origin}/`);
  await entryHeadings(page).first().waitFor();
  await subscribe(page, '/sky.xml');
  await sidebar(page).getByRole('link', { name: /Sky Watch/ }).waitFor();
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('radio', { name: /Compact/ }).check();
  const downloading = page.waitForEvent('download');
  await settings.getByRole('button', { name: 'Export everything' }).click();
  const file = join(mkdtempSync(join(tmpdir(), 'rillet-backup-')), 'backup.json');
  await (await downloading).saveAs(file);
  const backup = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(backup.app, 'rillet');
  assert.equal(backup.settings.density, 'compact');

  await clearStorage(page);
  await page.goto(`${app.origin}/`);
  await sidebar(page).getByText('No subscriptions yet.').waitFor();
  await page.getByRole('button', { name: 'Settings' }).click();
  const choosing = page.waitForEvent('filechooser');
  await settings.getByRole('button', { name: 'Import a backup' }).click();
  await (await choosing).setFiles(file);
  await settings.getByRole('button', { name: 'Replace' }).click();
  await settings.getByRole('button', { name: 'Close settings' }).click();
  await sidebar(page).getByRole('link', { name: /Sky Watch/ }).waitFor();
  // Compact density came back: the list shows titles without excerpts.
  assert.equal(await page.locator('.app--compact').count(), 1);
  assert.deepEqual(page.problems(), []);
  await clearStorage(page);
  await page.close();
});

test('two open tabs stay consistent', async () => {
  const first = await openPage(browser.context, `${app.origin}/`);
  const second = await openPage(browser.context, `${app.origin}/`);
  await entryHeadings(first).first().waitFor();
  await entryHeadings(second).first().waitFor();
  await subscribe(first, '/garden.xml');
  await sidebar(first).getByRole('link', { name: /Garden Notes/ }).waitFor();
  // The other tab learns of it without a reload…
  await sidebar(second).getByRole('link', { name: /Garden Notes/ }).waitFor();
  // …and its own change keeps the first tab's.
  await subscribe(second, '/kitchen.xml');
  await sidebar(first).getByRole('link', { name: /Kitchen Log/ }).waitFor();
  assert.deepEqual(await feedNames(first), ['Garden Notes', 'Kitchen Log']);
  assert.deepEqual(await feedNames(second), ['Garden Notes', 'Kitchen Log']);
  assert.deepEqual([...first.problems(), ...second.problems()], []);
  await clearStorage(first);
  await first.close();
  await second.close();
});
