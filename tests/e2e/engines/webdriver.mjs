// A W3C WebDriver client with only what the smoke specs use: a session, navigation, script,
// element clicks and typing, key actions, window size, frames, screenshots. Plain fetch to a
// driver on 127.0.0.1; no dependency, nothing downloaded.

/** The key that names an element reference in the W3C protocol. */
export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** Key names as the specs write them (as Playwright and Puppeteer do), to WebDriver's code points. */
const KEYS = {
  Enter: '\uE007',
  Escape: '\uE00C',
  Tab: '\uE004',
  Backspace: '\uE003',
  Space: ' ',
  ArrowDown: '\uE015',
  ArrowUp: '\uE013',
  ArrowLeft: '\uE012',
  ArrowRight: '\uE014',
  Home: '\uE011',
  End: '\uE010',
  PageDown: '\uE00F',
  PageUp: '\uE00E',
  Shift: '\uE008',
};

export class WebDriverError extends Error {
  constructor(path, { error, message }) {
    super(`${path}: ${error}${message ? `: ${message}` : ''}`);
    this.code = error;
  }
}

export class Session {
  /** Opens a session on the driver at `base` (http://127.0.0.1:PORT). */
  static async create(base, capabilities) {
    const value = await call(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, value.sessionId, value.capabilities);
  }

  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  goto(url) {
    return this.cmd('POST', '/url', { url });
  }

  url() {
    return this.cmd('GET', '/url');
  }

  back() {
    return this.cmd('POST', '/back', {});
  }

  forward() {
    return this.cmd('POST', '/forward', {});
  }

  reload() {
    return this.cmd('POST', '/refresh', {});
  }

  /**
   * Runs `fn(...args)` in the current browsing context and resolves with its (awaited) result.
   * Element references pass both ways.
   */
  async evaluate(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
const args = Array.prototype.slice.call(arguments, 0, -1);
Promise.resolve().then(() => (${fn}).apply(null, args)).then(
  (value) => done({ value: value === undefined ? null : value }),
  (error) => done({ error: String(error && error.stack || error) }));`;
    const result = await this.cmd('POST', '/execute/async', { script, args });
    if (result.error) throw new Error(`in the page: ${result.error}`);
    return result.value;
  }

  /** Runs a script body as it is (a bundle defining globals). */
  run(body) {
    return this.cmd('POST', '/execute/sync', { script: body, args: [] });
  }

  click(element) {
    return this.cmd('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  clear(element) {
    return this.cmd('POST', `/element/${element[ELEMENT]}/clear`, {});
  }

  type(element, text) {
    return this.cmd('POST', `/element/${element[ELEMENT]}/value`, { text });
  }

  /** Presses and releases one key, on whatever has the focus. */
  press(key) {
    const value = KEYS[key] ?? key;
    return this.cmd('POST', '/actions', {
      actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }],
    });
  }

  setWindowSize(width, height) {
    return this.cmd('POST', '/window/rect', { width, height });
  }

  /** Switches to the frame of `element`, or back to the top document with null. */
  frame(element) {
    return this.cmd('POST', '/frame', { id: element });
  }

  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }

  async newWindow() {
    const { handle } = await this.cmd('POST', '/window/new', { type: 'tab' });
    await this.cmd('POST', '/window', { handle });
    return handle;
  }

  windows() {
    return this.cmd('GET', '/window/handles');
  }

  switchTo(handle) {
    return this.cmd('POST', '/window', { handle });
  }

  closeWindow() {
    return this.cmd('DELETE', '/window');
  }

  end() {
    return this.cmd('DELETE', '');
  }
}

/** How long one command may take: page loads and scripts end well before (a hang fails fast). */
const COMMAND_TIMEOUT = 60_000;

async function call(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json; charset=utf-8' } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(COMMAND_TIMEOUT),
  }).catch((error) => {
    throw new Error(`${method} ${path.replace(/^\/session\/[^/]+/, '')}: ${error.name === 'TimeoutError' ? `no answer in ${COMMAND_TIMEOUT / 1000} s` : error.message}`);
  });
  const json = await response.json();
  if (!response.ok) throw new WebDriverError(path.replace(/^\/session\/[^/]+/, ''), json.value);
  return json.value;
}

/** Resolves once the driver at `base` answers /status; rejects after `ms`. */
export async function ready(base, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const status = await call(base, 'GET', '/status');
      if (status.ready !== false) return;
    } catch (error) {
      if (Date.now() > until) throw new Error(`no WebDriver at ${base}: ${error.message}`);
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
