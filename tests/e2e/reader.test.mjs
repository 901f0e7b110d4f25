// The first slice, end to end against the release build: the default feed, an article, a
// feed from a server with CORS headers, one without, and screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, OUTPUT, serveStatic, serveFixtures, launch, openPage, articleList, entryHeadings,
} from './harness.mjs';

const atom = readFileSync(join(ROOT, 'tests/fixtures/local_atom.xml'));
let app, withCors, withoutCors, browser;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  app = await serveStatic();
  withCors = await serveFixtures({ '/atom.xml': { body: atom } }, { cors: true });
  withoutCors = await serveFixtures({ '/atom.xml': { body: atom } }, { cors: false });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([app, withCors, withoutCors].map((s) => s?.close()));
});

test('the default feed shows its 12 articles with no network beyond the page', async () => {
  const page = await openPage(browser.context, `${app.origin}/`);
  await assert.doesNotReject(entryHeadings(page).nth(11).waitFor());
  assert.equal(await entryHeadings(page).count(), 12);
  assert.equal(
    await page.getByRole('heading', { level: 1 }).innerText(),
    'Forem: Hadil Ben Abdallah',
  );
  const first = articleList(page).getByRole('link', {
    name: '30 Web Development Tips from a Mid-Level Developer',
  });
  await assert.doesNotReject(first.waitFor());
  // Dates are <time> elements, relative on screen, absolute in datetime.
  const time = articleList(page).locator('time').first();
  assert.equal(await time.getAttribute('datetime'), '2026-04-14T13:00:43Z');
  assert.match(await time.innerText(), /ago|last|yesterday/);
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('opening the 8th entry shows the article with an image and a code block; Back returns', async () => {
  const page = await openPage(browser.context, `${app.origin}/`, {
    viewport: { width: 390, height: 844 },
  });
  const link = articleList(page).getByRole('link', { name: /^Spektrum:/ });
  await link.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 0, 'the 8th entry is below the fold at phone width');
  const urlBefore = page.url();
  await link.click();

  // The open article is an <article> named by (and headed by) the entry's title.
  const article = page.getByRole('article', { name: /^Spektrum: Turn Natural Language into Live Web Apps/ });
  const heading = article.getByRole('heading', { level: 2 }).first();
  await assert.doesNotReject(heading.waitFor());
  assert.match(await heading.innerText(), /^Spektrum: Turn Natural Language into Live Web Apps/);
  assert.ok((await article.getByRole('img').count()) > 0, 'an image in the article');
  assert.ok((await article.getByRole('code').count()) > 0, 'a code block in the article');
  assert.ok(await article.locator('pre code').first().isVisible());
  assert.match(page.url(), /[?&]entry=/, 'the address names the open entry');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'article-title');
  await page.screenshot({ path: join(OUTPUT, 'phone-article.png') });

  await page.goBack();
  await assert.doesNotReject(link.waitFor());
  assert.equal(page.url(), urlBefore);
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, scrolled);
  await page.screenshot({ path: join(OUTPUT, 'phone-list.png') });

  // The article's own address opens it directly.
  await page.goForward();
  await assert.doesNotReject(heading.waitFor());
  const shared = page.url();
  const fresh = await openPage(browser.context, shared);
  await assert.doesNotReject(fresh.getByRole('article', { name: /^Spektrum:/ }).waitFor());
  assert.deepEqual(page.problems(), []);
  assert.deepEqual(fresh.problems(), []);
  await fresh.close();
  await page.close();
});

test('a feed from a server that sends CORS headers loads through ?feed=', async () => {
  const feedUrl = `${withCors.origin}/atom.xml`;
  const page = await openPage(browser.context, `${app.origin}/?feed=${encodeURIComponent(feedUrl)}`);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Local Fixture Journal' }).waitFor());
  assert.equal(await entryHeadings(page).count(), 3);
  assert.deepEqual(await entryHeadings(page).allTextContents(), [
    'Streams, not floods',
    'Offline first',
    'Markup in titles',
  ]);
  assert.equal(await page.getByLabel('Feed URL').inputValue(), feedUrl);
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('a feed from a server without CORS headers shows an alert naming CORS, and keeps the articles', async () => {
  const page = await openPage(browser.context, `${app.origin}/`);
  await assert.doesNotReject(entryHeadings(page).nth(11).waitFor());
  const feedUrl = `${withoutCors.origin}/atom.xml`;
  await page.getByLabel('Feed URL').fill(feedUrl);
  await page.getByRole('button', { name: 'Load' }).click();
  const alert = page.getByRole('alert');
  await assert.doesNotReject(alert.getByText(/CORS/).first().waitFor());
  assert.match(await alert.innerText(), /127\.0\.0\.1/);
  assert.equal(await entryHeadings(page).count(), 12, 'the articles on screen stay');
  assert.ok(withoutCors.hits.includes('/atom.xml'), 'the request did reach the server');
  // Only the browser's own report of the refused response, nothing from the app.
  const fromApp = page.problems().filter((p) => !/CORS policy|Failed to load resource|net::ERR_FAILED/.test(p));
  assert.deepEqual(fromApp, []);
  await page.close();
});

test('desktop screenshot: the list beside an open article', async () => {
  const page = await openPage(browser.context, `${app.origin}/`, { viewport: { width: 1440, height: 900 } });
  await articleList(page).getByRole('link', { name: /^Spektrum:/ }).click();
  await assert.doesNotReject(page.getByRole('article', { name: /^Spektrum:/ }).waitFor());
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(OUTPUT, 'desktop.png') });
  assert.deepEqual(page.problems(), []);
  await page.close();
});

test('remote images were requested and answered by the local placeholder', () => {
  // The default feed links dozens of remote images; routing kept every one of them local.
  assert.ok(browser.context.outsideRequests.length > 0);
  assert.ok(browser.context.outsideRequests.some((u) => u.includes('dev-to-uploads')));
});
