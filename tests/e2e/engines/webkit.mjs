// WebKitGTK for engines.mjs: Debian's WebKitWebDriver (webkit2gtk-driver) through the W3C
// client in webdriver.mjs, starting webkit-shell.py (WebKitGTK in a bare window; why not
// MiniBrowser is said there) on an X display: Xvfb, started here when DISPLAY is unset, since
// WebKitGTK 2.50 has no headless mode. Every request beyond 127.0.0.1 goes to the placeholder
// proxy (outside.mjs). The page's console reaches us as the browser's output, one line each:
//   http://127.0.0.1:PORT/app.js:12:7: CONSOLE ERROR message
//   CONSOLE SECURITY ERROR message
// RILLET_WEBKIT_LOG=1 shows that output as it comes.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Session, ready } from './webdriver.mjs';
import { serveOutside } from './outside.mjs';

const SHELL = fileURLToPath(new URL('./webkit-shell.py', import.meta.url));

let xvfb;
/** An X display for the browser: $DISPLAY, or an Xvfb of our own (one per process). */
async function display() {
  if (process.env.DISPLAY) return process.env.DISPLAY;
  xvfb ??= new Promise((resolve, reject) => {
    // -displayfd: Xvfb picks a free display and writes its number to fd 3 once ready.
    const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let number = '';
    let errors = '';
    child.stderr.on('data', (d) => (errors += d));
    child.stdio[3].on('data', (d) => {
      number += d;
      if (!number.includes('\n')) return;
      // It lives as long as this process, without keeping it alive.
      for (const stream of [child, child.stderr, child.stdio[3]]) stream.unref?.();
      resolve({ child, name: `:${number.trim()}` });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${errors.slice(-400)}`)));
    process.on('exit', () => child.kill());
  });
  return (await xvfb).name;
}

async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

export async function launch() {
  const outside = await serveOutside();
  const port = await freePort();
  const driver = spawn(process.env.WEBKIT_WEBDRIVER || 'WebKitWebDriver', [`--port=${port}`], {
    env: { ...process.env, DISPLAY: await display() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The browser's console, as lines; each page reads those written while it was open.
  const lines = [];
  let partial = '';
  const collect = (chunk) => {
    const text = partial + chunk;
    const parts = text.split('\n');
    partial = parts.pop();
    lines.push(...parts);
  };
  if (process.env.RILLET_WEBKIT_LOG) driver.stdout.pipe(process.stderr), driver.stderr.pipe(process.stderr);
  driver.stdout.on('data', collect);
  driver.stderr.on('data', collect);
  const exited = new Promise((ok) => driver.on('exit', ok));
  const killDriver = () => driver.kill('SIGKILL');
  process.on('exit', killDriver);

  const base = `http://127.0.0.1:${port}`;
  let session;
  try {
    await ready(base);
    session = await Session.create(base, {
      'webkitgtk:browserOptions': {
        binary: SHELL,
        args: ['--automation', `--proxy=${outside.origin}`, '--ignore-tls-errors'],
      },
    });
  } catch (error) {
    driver.kill();
    await outside.close();
    throw new Error(`${error.message}\n${lines.slice(-20).join('\n')}`);
  }
  const home = (await session.windows())[0];
  let open = null;

  return {
    version: `WebKitGTK ${session.capabilities.browserVersion}`,
    async newPage() {
      // One window at a time, as the specs use them: a page's window closes with it.
      if (open) await open.close();
      await session.switchTo(home);
      const handle = await session.newWindow();
      // The size the other engines start with (the shell's window is the viewport).
      await session.setWindowSize(1440, 900);
      open = pageTarget(session, handle, lines, async () => {
        open = null;
        await session.switchTo(handle);
        await session.closeWindow();
        await session.switchTo(home);
      });
      return open;
    },
    outside: () => outside.requests.slice(),
    close: async () => {
      // Ending the session ends the browser; the shell also leaves when the driver does.
      await session.end().catch(() => {});
      driver.kill();
      const timer = setTimeout(killDriver, 5000);
      await exited;
      clearTimeout(timer);
      process.off('exit', killDriver);
      await outside.close();
    },
  };
}

/** A document in the session: the window's top document, or a frame in it. */
function target(session, enter) {
  return {
    async evaluate(fn, arg) {
      await enter();
      return session.evaluate(fn, arg);
    },
    async evaluateOn(element, fn, arg) {
      await enter();
      return session.evaluate(fn, element, arg);
    },
    async evaluateHandle(fn, arg) {
      await enter();
      return session.evaluate(fn, arg);
    },
    async run(body) {
      await enter();
      return session.run(body);
    },
    async click(element) {
      await enter();
      return session.click(element);
    },
    async fill(element, text) {
      await enter();
      await session.clear(element);
      if (text) await session.type(element, text);
    },
    async frame(element) {
      // A frame is entered from the top each time: references stay valid in their document.
      return target(session, async () => {
        await enter();
        await session.frame(element);
      });
    },
  };
}

function pageTarget(session, handle, lines, close) {
  const from = lines.length;
  const top = async () => {
    await session.frame(null);
  };
  return {
    ...target(session, top),
    goto: (url) => session.goto(url),
    reload: () => session.reload(),
    back: () => session.back(),
    forward: () => session.forward(),
    url: () => session.url(),
    async press(key) {
      await top();
      return session.press(key);
    },
    async setViewport(width, height) {
      // The shell's window has no frame or toolbar: its size is the viewport's.
      await session.setWindowSize(width, height);
    },
    screenshot: async (path) => writeFileSync(path, await session.screenshot()),
    problems: () =>
      lines
        .slice(from)
        .filter((line) => /(^|\s)CONSOLE( \w+)* ERROR /.test(line))
        .map((line) => `console: ${line.replace(/^(.*?\s)?CONSOLE( \w+)* ERROR /, '')}`),
    close,
  };
}
