// Firefox for engines.mjs: Debian's firefox-esr through puppeteer-core over WebDriver BiDi
// (Firefox speaks BiDi itself: no geckodriver, no browser download). A fresh profile per
// launch; every request beyond 127.0.0.1 goes to the local placeholder proxy (outside.mjs),
// which answers it and records it. 127.0.0.1 itself is never proxied (Firefox's default,
// network.proxy.allow_hijacking_localhost = false).
import puppeteer from 'puppeteer-core';
import { serveOutside } from './outside.mjs';

/** Preferences beyond Puppeteer's own test profile (which already silences updates, telemetry…). */
function preferences(proxyPort) {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    // Names never resolved beside the proxy: no prefetch, no DNS over HTTPS.
    'network.dns.disablePrefetch': true,
    'network.trr.mode': 5,
    'network.predictor.enabled': false,
    'network.prefetch-next': false,
    // Background services that would otherwise knock on the proxy.
    'network.captive-portal-service.enabled': false,
    // Remote settings: honoured by a release build only with MOZ_REMOTE_SETTINGS_DEVTOOLS set.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'network.connectivity-service.enabled': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.server': '',
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'browser.ping-centre.telemetry': false,
    'privacy.query_stripping.enabled': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.contentblocking.report.endpoint_url': '',
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
  };
}

export async function launch() {
  const outside = await serveOutside();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    headless: true,
    // Only the placeholder proxy's throwaway certificate is ever presented (outside.mjs).
    acceptInsecureCerts: true,
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    defaultViewport: { width: 1440, height: 900 },
    extraPrefsFirefox: preferences(outside.port),
  });
  return {
    version: `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`,
    async newPage() {
      return pageTarget(await browser.newPage());
    },
    outside: () => outside.requests.slice(),
    close: async () => {
      await browser.close();
      await outside.close();
    },
  };
}

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
    async fill(element, text) {
      // Select what is there, so the typing replaces it, as a person would.
      await element.evaluate((el) => {
        el.focus();
        el.select?.();
      });
      if (text) await element.type(text);
      else await element.press('Backspace');
    },
    frame: async (element) => target(await element.contentFrame()),
  };
}

async function pageTarget(page) {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  // Firefox reports CSP violations to its own console, not to the page's: the page tells us.
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`csp: ${e.violatedDirective} blocked ${e.blockedURI}`),
    );
  });
  return {
    ...target(page.mainFrame()),
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    back: () => page.goBack(),
    forward: () => page.goForward(),
    url: async () => page.url(),
    press: (key) => page.keyboard.press(key),
    setViewport: (width, height) => page.setViewport({ width, height }),
    screenshot: (path) => page.screenshot({ path }),
    problems: () => problems.slice(),
    close: () => page.close(),
  };
}
