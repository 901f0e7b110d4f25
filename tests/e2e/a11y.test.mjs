// Accessibility audit with axe-core on the list, an open article and the settings dialog, in
// the light and the dark theme: no serious or critical violation. The full findings (any
// impact) are printed for the record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveStatic, launch, openPage, articleList, entryHeadings } from './harness.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
let app, browser;

before(async () => {
  app = await serveStatic();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

/** Runs axe on the page as it is; returns its violations. */
async function audit(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
}

for (const scheme of ['light', 'dark']) {
  test(`${scheme} theme: list, article and settings have no serious or critical violation`, async () => {
    const page = await openPage(browser.context, null, { viewport: { width: 1440, height: 900 } });
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(`${app.origin}/`);
    await entryHeadings(page).nth(11).waitFor();
    const views = {};
    views.list = await audit(page);

    await articleList(page).getByRole('link', { name: /^Spektrum:/ }).click();
    await page.getByRole('article', { name: /^Spektrum:/ }).waitFor();
    views.article = await audit(page);

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    views.settings = await audit(page);

    for (const [name, violations] of Object.entries(views)) {
      const summary = violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.join(', ')})`);
      console.log(`axe ${scheme} ${name}: ${violations.length} violation(s)${summary.length ? '\n  ' + summary.join('\n  ') : ''}`);
      const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(grave, [], `${scheme} ${name}`);
    }
    await page.close();
  });
}
