// One small browser API over three engines, for the specs that must hold in every browser
// (smoke.mjs): Chromium through Playwright (as the rest of the suite), Firefox ESR through
// Puppeteer over WebDriver BiDi, WebKitGTK through WebKitWebDriver. All from Debian packages;
// nothing is downloaded. Each engine's adapter is a file in engines/; this file holds what the
// specs see: pages, frames and locators that find elements as a person does, by role and
// name, label, text or title. Those queries run inside the page (engines/in-page.mjs, Testing
// Library), the same code in every engine, so a difference in a result is the engine's.
//
//   const browser = await launchEngine('firefox');
//   const page = await browser.open(url, { viewport: { width: 390, height: 844 } });
//   await page.getByRole('link', { name: /^Spektrum/ }).click();
//   await page.getByRole('article').getByRole('heading', { level: 2 }).waitFor();
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { ROOT, OUTPUT } from './harness.mjs';

/** The engines, by the name RILLET_ENGINES and the specs use. */
export const ENGINES = {
  chromium: { label: 'Chromium', adapter: './engines/chromium.mjs' },
  firefox: { label: 'Firefox ESR', adapter: './engines/firefox.mjs' },
  webkit: { label: 'WebKitGTK', adapter: './engines/webkit.mjs' },
};

/** The engines to run: RILLET_ENGINES=firefox,webkit, or all three. */
export function selectedEngines() {
  const names = (process.env.RILLET_ENGINES || Object.keys(ENGINES).join(',')).split(',').map((n) => n.trim());
  for (const name of names) if (!ENGINES[name]) throw new Error(`unknown engine ${name} (${Object.keys(ENGINES)})`);
  return names;
}

/** How long a locator waits for what it looks for, unless told otherwise. */
const TIMEOUT = 10_000;

let bundle;
/** The in-page query code, built once per process (about a second). */
function inPageBundle() {
  bundle ??= buildSync({
    entryPoints: [join(ROOT, 'tests/e2e/engines/in-page.mjs')],
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    target: 'es2020',
    logLevel: 'error',
  }).outputFiles[0].text;
  return bundle;
}

/**
 * Starts an engine. The result opens pages (`open`), lists every request that was sent beyond
 * 127.0.0.1 and answered by a local placeholder (`outside`), and closes (`close`).
 */
export async function launchEngine(name) {
  const { launch } = await import(ENGINES[name].adapter);
  const driver = await launch();
  const pages = new Set();
  return {
    name,
    label: ENGINES[name].label,
    version: driver.version,
    outside: () => driver.outside(),
    async open(url, { viewport } = {}) {
      const target = await driver.newPage();
      const page = new Page(target, name, () => pages.delete(page));
      pages.add(page);
      if (viewport) await page.setViewport(viewport);
      if (url) await page.goto(url);
      return page;
    },
    /** The pages still open (a failed case leaves its own). */
    pages: () => [...pages],
    close: () => driver.close(),
  };
}

/** A regular expression or string, in a form that crosses into the page. */
const portable = (m) => (m instanceof RegExp ? { source: m.source, flags: m.flags } : m);
const describe = (m) => (m instanceof RegExp ? String(m) : JSON.stringify(m));

/** A document to look in: a page's, or a frame's (`Locator.contentFrame`). */
class Scope {
  constructor(target) {
    this.target = target;
  }

  getByRole(role, options = {}) {
    return new Locator(this, [{ by: 'role', arg: role, options: { ...options, name: portable(options.name) }, what: `role ${role}${options.name ? ` named ${describe(options.name)}` : ''}` }]);
  }

  getByLabel(text, options = {}) {
    return new Locator(this, [{ by: 'label', arg: portable(text), options, what: `label ${describe(text)}` }]);
  }

  getByText(text, options = {}) {
    return new Locator(this, [{ by: 'text', arg: portable(text), options, what: `text ${describe(text)}` }]);
  }

  getByTitle(text, options = {}) {
    return new Locator(this, [{ by: 'title', arg: portable(text), options, what: `title ${describe(text)}` }]);
  }

  /** CSS, for what a person cannot name (a frame's document, say); prefer the others. */
  locator(css) {
    return new Locator(this, [{ by: 'css', arg: css, what: `css ${css}` }]);
  }

  /** Runs `fn(arg)` in the page (or frame) and returns its JSON result. */
  async evaluate(fn, arg) {
    return this.target.evaluate(fn, arg ?? null);
  }

  /**
   * Runs a query over the chain in the page: `element` (the first match, as a handle), `count`
   * or `texts`. The query code is added to the page when it is missing (a page loses it at
   * each navigation).
   */
  async query(kind, chain) {
    const steps = chain.map(({ what, ...step }) => step);
    const ask = kind === 'element'
      ? () => this.target.evaluateHandle((c) => (window.__rilletDom ? window.__rilletDom.first(c) : 'missing'), steps)
      : () => this.target.evaluate(([k, c]) => (window.__rilletDom ? window.__rilletDom[k](c) : 'missing'), [kind, steps]);
    let answer = await ask();
    if (answer === 'missing') {
      await this.target.run(inPageBundle());
      answer = await ask();
    }
    return answer;
  }

  /** Polls `fn(arg)` in the page until it returns something truthy; returns that. */
  waitForFunction(fn, arg, { timeout = TIMEOUT, message } = {}) {
    const what = message || `waitForFunction ${String(fn).slice(0, 80)}`;
    return poll(timeout, what, () => this.target.evaluate(fn, arg ?? null));
  }
}

/** A page in one engine: navigation, keys, viewport, screenshots, and what went wrong in it. */
export class Page extends Scope {
  constructor(target, engine, closed) {
    super(target);
    this.engine = engine;
    this.closed = closed;
  }

  goto(url) {
    return this.target.goto(url);
  }

  reload() {
    return this.target.reload();
  }

  goBack() {
    return this.target.back();
  }

  goForward() {
    return this.target.forward();
  }

  url() {
    return this.target.url();
  }

  /** Presses a key (a character, or a name: Enter, Escape, Tab, ArrowDown…) where the focus is. */
  press(key) {
    return this.target.press(key);
  }

  async setViewport({ width, height }) {
    await this.target.setViewport(width, height);
    const size = await this.evaluate(() => [window.innerWidth, window.innerHeight]);
    if (size[0] !== width || size[1] !== height) {
      throw new Error(`asked for a ${width}x${height} viewport, got ${size.join('x')}`);
    }
  }

  /** Saves a screenshot of the viewport as tests/e2e/output/<engine>-<name>.png. */
  async screenshot(name) {
    const path = join(OUTPUT, `${this.engine}-${name}.png`);
    await this.target.screenshot(path);
    return path;
  }

  /** Console errors, uncaught exceptions and CSP violations seen since the page opened. */
  problems() {
    return this.target.problems();
  }

  close() {
    this.closed();
    return this.target.close();
  }
}

/** A lazy description of elements, resolved in the page each time it is used. */
export class Locator {
  constructor(scope, chain) {
    this.scope = scope;
    this.chain = chain;
  }

  toString() {
    return this.chain.map((s) => s.what + (s.nth === undefined ? '' : ` #${s.nth}`)).join(' > ');
  }

  #then(step) {
    return new Locator(this.scope, [...this.chain, step]);
  }

  getByRole(role, options) {
    return this.#then(this.scope.getByRole(role, options).chain[0]);
  }

  getByLabel(text, options) {
    return this.#then(this.scope.getByLabel(text, options).chain[0]);
  }

  getByText(text, options) {
    return this.#then(this.scope.getByText(text, options).chain[0]);
  }

  getByTitle(text, options) {
    return this.#then(this.scope.getByTitle(text, options).chain[0]);
  }

  locator(css) {
    return this.#then(this.scope.locator(css).chain[0]);
  }

  nth(index) {
    const last = this.chain.at(-1);
    return new Locator(this.scope, [...this.chain.slice(0, -1), { ...last, nth: index }]);
  }

  first() {
    return this.nth(0);
  }

  last() {
    return this.nth(-1);
  }

  /** How many elements match now (no waiting). */
  count() {
    return this.scope.query('count', this.chain);
  }

  /** The text of every match now (no waiting): textContent, whitespace collapsed. */
  allTextContents() {
    return this.scope.query('texts', this.chain);
  }

  /**
   * Waits until something matches (`visible`: the queries leave out what is hidden from people,
   * by display: none, visibility: hidden or aria-hidden), or until nothing does (`hidden`).
   */
  async waitFor({ state = 'visible', timeout = TIMEOUT } = {}) {
    await poll(timeout, `${this}: not ${state}`, async () => {
      const n = await this.count();
      return state === 'hidden' ? n === 0 : n > 0;
    });
  }

  /** The first match, waiting for it; an engine's element handle. */
  element(timeout = TIMEOUT) {
    return poll(timeout, `${this}: nothing matches`, () => this.scope.query('element', this.chain));
  }

  /** Runs `fn(element, arg)` on the first match (waiting for it) and returns its JSON result. */
  async evaluate(fn, arg) {
    return this.scope.target.evaluateOn(await this.element(), fn, arg ?? null);
  }

  innerText() {
    return this.evaluate((el) => (el.innerText ?? el.textContent ?? '').trim());
  }

  getAttribute(name) {
    return this.evaluate((el, n) => el.getAttribute(n), name);
  }

  inputValue() {
    return this.evaluate((el) => el.value);
  }

  async isVisible() {
    return (await this.count()) > 0 && this.evaluate((el) => el.getClientRects().length > 0);
  }

  scrollIntoView() {
    return this.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  }

  /**
   * A real click (the engine's pointer input) in the middle of the first match, once it is in
   * view and has stopped moving, as a person clicks what they see. (Rows scrolled into view
   * first draw at their content-visibility placeholder height, so what is below them moves for
   * a frame or two; Playwright waits for that itself, Puppeteer and WebDriver do not.)
   */
  async click() {
    const element = await this.element();
    await this.scope.target.evaluateOn(element, settle);
    return this.scope.target.click(element);
  }

  /** Empties the field and types `text` into it, key by key. */
  async fill(text) {
    return this.scope.target.fill(await this.element(), text);
  }

  /** The document of the frame this locator finds (an iframe), to look inside it. */
  async contentFrame() {
    return new Scope(await this.scope.target.frame(await this.element()));
  }
}

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** In the page: scrolls `el` into view if it is not, and resolves once its box is the same for two frames. */
function settle(el) {
  return new Promise((done) => {
    const box = el.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight || box.left < 0 || box.right > window.innerWidth) {
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
    }
    let last = '';
    let same = 0;
    let frames = 0;
    const tick = () => {
      const { x, y, width, height } = el.getBoundingClientRect();
      const now = `${x},${y},${width},${height}`;
      same = now === last ? same + 1 : 0;
      last = now;
      if (same >= 2 || ++frames > 60) done();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * Calls `ask` every 100 ms until it returns something truthy, and returns that. An error (a
 * navigation under way, say) counts as not yet; after `timeout` ms the last one is reported.
 */
async function poll(timeout, what, ask) {
  const until = Date.now() + timeout;
  for (;;) {
    let failure;
    try {
      const value = await ask();
      if (value) return value;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > until) {
      throw new Error(`${what} after ${timeout} ms${failure ? ` (last error: ${failure.message})` : ''}`);
    }
    await sleep(100);
  }
}
