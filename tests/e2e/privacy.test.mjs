// The "load pictures" privacy switch: off, an article's pictures keep their place but nothing
// is fetched until the reader asks, per article; the choice persists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launch, openPage, articleList } from './harness.mjs';

let app, browser;
before(async () => {
  app = await serveStatic();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

test('with pictures off, an article loads none until asked, and the setting survives a reload', async () => {
  const page = await openPage(browser.context, `${app.origin}/`);
  await articleList(page).getByRole('heading', { level: 3 }).first().waitFor();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('checkbox', { name: 'Load pictures in articles' }).uncheck();
  await dialog.getByRole('button', { name: 'Close settings' }).click();
  await page.reload();

  const requested = () => browser.context.outsideRequests.filter((u) => u.includes('dev-to-uploads')).length;
  await articleList(page).getByRole('link', { name: /^Spektrum:/ }).click();
  const article = page.getByRole('article', { name: /^Spektrum:/ });
  await article.waitFor();
  const before = requested();
  const images = article.getByRole('img');
  assert.ok((await images.count()) > 0, 'the pictures keep their place');
  assert.equal(await images.first().getAttribute('src'), null, 'but have no address to load');
  assert.match(await images.first().getAttribute('data-src'), /^https:\/\//);
  await page.waitForTimeout(300);
  assert.equal(requested(), before, 'no picture was fetched');

  await article.getByRole('button', { name: 'Load pictures' }).click();
  assert.match(await images.first().getAttribute('src'), /^https:\/\//);
  await page.waitForFunction(
    (n) => document.querySelectorAll('#article-body img[src]').length >= n,
    1,
  );
  assert.deepEqual(page.problems(), []);
  await page.evaluate(() => localStorage.clear());
  await page.close();
});
