// Chromium for engines.mjs: Debian's chromium through Playwright, launched and made hermetic by
// harness.mjs exactly as for the rest of the suite (every request beyond 127.0.0.1 is routed
// to a local placeholder and recorded).
import { writeFileSync } from 'node:fs';
import { launch as launchChromium, openPage } from '../harness.mjs';

export async function launch() {
  const browser = await launchChromium();
  return {
    version: `Chromium ${browser.context.browser()?.version() ?? ''}`.trim(),
    async newPage() {
      return pageTarget(await openPage(browser.context, null));
    },
    outside: () => browser.context.outsideRequests.slice(),
    close: () => browser.close(),
  };
}

/** What engines.mjs needs of a document: a Playwright page or frame. */
function target(frame) {
  return {
    evaluate: (fn, arg) => frame.evaluate(fn, arg),
    evaluateOn: (handle, fn, arg) => handle.evaluate(fn, arg),
    async evaluateHandle(fn, arg) {
      const handle = await frame.evaluateHandle(fn, arg);
      const element = handle.asElement();
      if (element) return element;
      const value = await handle.jsonValue();
      await handle.dispose();
      return value;
    },
    run: (body) => frame.evaluate(body),
    click: (element) => element.click(),
    fill: (element, text) => element.fill(text),
    frame: async (element) => target(await element.contentFrame()),
  };
}

function pageTarget(page) {
  return {
    ...target(page.mainFrame()),
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    back: () => page.goBack(),
    forward: () => page.goForward(),
    url: async () => page.url(),
    press: (key) => page.keyboard.press(key),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    screenshot: async (path) => writeFileSync(path, await page.screenshot()),
    problems: () => page.problems(),
    close: () => page.close(),
  };
}
