// `make bench` (README, "Benchmarks"): the whole app in headless Chromium against issue 9's
// budgets, beside a plain-JS reference reader (bench/reference/) measured the same way in the
// same run. Prints one table at the end; budgets are reported, not enforced: the exit status is
// non-zero only when the harness itself fails.
//
//   node bench/app.mjs
//
// Environment:
//   RILLET_DIST    the release build to measure (default dist/, from scripts/build.sh)
//   CHROMIUM       the browser (default /usr/bin/chromium; Lighthouse: CHROME_PATH, same default)
//   BENCH_RUNS     first-paint runs per feed and page (default 5)
//   BENCH_MEM_RUNS memory runs per feed and page (default 3)
//   BENCH_ONLY     comma-separated parts: paint, breakdown, trace, longtasks, memory, lighthouse
//   BENCH_OUT      where the JSON results and traces go (default target/bench)
//   BENCH_COMPRESS 0 serves everything uncompressed (bench/serve.mjs)
//   LH_RUNS        Lighthouse runs per preset (default 1; the median performance score stands)
//
// Everything is served on 127.0.0.1: the app (RILLET_DIST), the reference (bench/reference/,
// DOMPurify's dist file, the built-in feed), and the generated feeds (bench/feeds.mjs) with
// CORS. Chromium resolves no other host (harness.mjs's flags); pictures and media for other
// hosts are answered with a local placeholder through the DevTools protocol (only those
// resource types are intercepted, so the timed requests never wait on the harness).
// Each measurement gets a new browser context: empty HTTP cache, no IndexedDB, no service
// worker (`serviceWorkers: 'block'`), so every run is a cold network load.
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { ROOT, makeFeeds } from './feeds.mjs';
import { prepare, prepareDir, serveRoutes } from './serve.mjs';
import { runLighthouse, failingReport, CATEGORIES, GOAL as LH_GOAL } from './lighthouse.mjs';

const DIST = process.env.RILLET_DIST || join(ROOT, 'dist');
const RUNS = Number(process.env.BENCH_RUNS) || 5;
const MEM_RUNS = Number(process.env.BENCH_MEM_RUNS) || 3;
const OUT = process.env.BENCH_OUT || join(ROOT, 'target/bench');
const ONLY = new Set((process.env.BENCH_ONLY || 'paint,breakdown,trace,longtasks,memory,lighthouse').split(','));
const VIEWPORT = { width: 1440, height: 900 };
const FIRST_ENTRY_TIMEOUT = 90_000;
const SCROLL_LIMIT = 150_000;
const BUDGET = { paint: { default: 1.2, '5mb': 0.5 }, renderTask: 200, scrollTask: 50, memory: 4, appBrotliKB: 350, widgetBrotliKB: 150 };

const log = (...a) => console.error(...a);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, all: xs });
const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)}` : '–');
const mb = (x) => (x / 1e6).toFixed(1);

// --- what runs in the page ------------------------------------------------------------------

/** Always: Element Timing of the first entry, long tasks, paint entries. */
const OBSERVE = `(() => {
  const B = (window.__bench = { longtasks: [], element: null, marks: [] });
  B.firstEntry = new Promise((resolve) => {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.identifier === 'first-entry' && !B.element) {
          B.element = { renderTime: e.renderTime, loadTime: e.loadTime, tag: e.element ? e.element.localName : null,
            text: e.element ? e.element.textContent.trim().slice(0, 80) : null, promoted: B.promoted || null };
          resolve(B.element);
        }
      }
    }).observe({ type: 'element', buffered: true });
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Chromium reports text under its nearest block-level ancestor: a mark on an inline element
  // (a link) never produces an entry. Such a mark is copied to its block (before the paint:
  // mutation observers run before the next rendering step); a block-level mark is left alone.
  new MutationObserver((_, observer) => {
    const el = document.querySelector('[elementtiming="first-entry"]');
    if (!el) return;
    observer.disconnect();
    const block = el.closest('h1, h2, h3, h4, h5, h6, p, li, div, td, dd');
    if (block && block !== el && !block.hasAttribute('elementtiming')) {
      block.setAttribute('elementtiming', 'first-entry');
      B.promoted = el.localName + ' → ' + block.localName;
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

/**
 * Breakdown runs only: timestamps (performance.now, navigation start = 0) of what the page
 * does on its way to the first entry: wasm compile/instantiate, fetches and body reads,
 * IndexedDB opens/reads/writes, and the first entry's insertion into the DOM.
 */
const INSTRUMENT = `(() => {
  const B = window.__bench;
  const note = (name, extra) => B.marks.push({ name, t: performance.now(), ...extra });
  const short = (u) => { try { const x = new URL(String(u), location.href); return x.pathname.split('/').pop() || x.pathname; } catch { return String(u).slice(0, 60); } };
  for (const fn of ['instantiateStreaming', 'instantiate', 'compileStreaming', 'compile']) {
    const orig = WebAssembly[fn];
    if (!orig) continue;
    WebAssembly[fn] = function (...args) {
      note('wasm.' + fn + '.start');
      return orig.apply(this, args).then((r) => { note('wasm.' + fn + '.end'); return r; });
    };
  }
  const origFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = short(input && input.url ? input.url : input);
    note('fetch.start', { url });
    const p = origFetch.apply(this, arguments);
    p.then(() => note('fetch.headers', { url }), () => note('fetch.failed', { url }));
    return p;
  };
  for (const m of ['arrayBuffer', 'text']) {
    const orig = Response.prototype[m];
    Response.prototype[m] = function () {
      const url = short(this.url);
      note('body.' + m + '.start', { url });
      return orig.call(this).then((v) => { note('body.' + m + '.end', { url }); return v; });
    };
  }
  const origRead = ReadableStreamDefaultReader.prototype.read;
  let reads = 0;
  ReadableStreamDefaultReader.prototype.read = function () {
    const first = reads++ === 0;
    return origRead.call(this).then((r) => {
      if (first) note('stream.read.first');
      if (r.done) note('stream.read.done', { reads });
      return r;
    });
  };
  const origOpen = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name) {
    note('idb.open.start', { store: name });
    const req = origOpen.apply(this, arguments);
    req.addEventListener('upgradeneeded', () => note('idb.open.upgradeneeded', { store: name }));
    req.addEventListener('success', () => note('idb.open.success', { store: name }));
    return req;
  };
  for (const m of ['get', 'put', 'add', 'delete', 'getAllKeys']) {
    const orig = IDBObjectStore.prototype[m];
    IDBObjectStore.prototype[m] = function (...args) {
      const store = this.name;
      const size = m === 'put' && typeof args[0] === 'string' ? args[0].length : undefined;
      note('idb.' + m + '.start', { store, size });
      const req = orig.apply(this, args);
      req.addEventListener('success', () => note('idb.' + m + '.success', { store }));
      if (m === 'put') this.transaction.addEventListener('complete', () => note('idb.put.committed', { store }));
      return req;
    };
  }
  new MutationObserver((_, observer) => {
    if (document.querySelector('[elementtiming="first-entry"]')) {
      note('dom.first-entry-inserted');
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

// --- the browser ----------------------------------------------------------------------------

const PLACEHOLDER = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450"><rect width="800" height="450" fill="#cfe7e3"/></svg>',
).toString('base64');

let browser;
const outside = { placeholders: 0, refused: new Set() };
const problems = [];

/** A new context and page: cold cache, no storage, no service worker, pictures kept local. */
async function openPage(url, { instrument = false, before } = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Fetch.enable', {
    patterns: ['Image', 'Media', 'Font'].map((resourceType) => ({ urlPattern: '*', resourceType, requestStage: 'Request' })),
  });
  cdp.on('Fetch.requestPaused', ({ requestId, request }) => {
    const u = new URL(request.url);
    if (u.hostname === '127.0.0.1' || !/^https?:$/.test(u.protocol)) {
      cdp.send('Fetch.continueRequest', { requestId }).catch(() => {});
    } else {
      outside.placeholders++;
      cdp.send('Fetch.fulfillRequest', {
        requestId,
        responseCode: 200,
        responseHeaders: [{ name: 'content-type', value: 'image/svg+xml' }, { name: 'access-control-allow-origin', value: '*' }],
        body: PLACEHOLDER,
      }).catch(() => {});
    }
  });
  page.on('requestfailed', (r) => {
    const u = new URL(r.url());
    if (/^https?:$/.test(u.protocol) && u.hostname !== '127.0.0.1') outside.refused.add(r.url());
  });
  page.on('pageerror', (e) => problems.push(`${url}: exception: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ERR_NAME_NOT_RESOLVED/.test(m.text())) problems.push(`${url}: console: ${m.text().slice(0, 200)}`);
  });
  await page.addInitScript(OBSERVE + (instrument ? INSTRUMENT : ''));
  if (before) await before(page, cdp);
  await page.goto(url, { waitUntil: 'commit' });
  return { context, page, cdp };
}

/** Waits for the first entry's Element Timing entry; its renderTime (navigation start = 0). */
async function firstEntry(page) {
  return Promise.race([
    page.evaluate(() => window.__bench.firstEntry),
    new Promise((_, fail) => setTimeout(() => fail(new Error('no first entry painted in time')), FIRST_ENTRY_TIMEOUT)),
  ]);
}

/** Navigation, paint and resource timings of the page (for the breakdown). */
function pageTimings(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
    const resources = performance.getEntriesByType('resource').map((r) => ({
      name: r.name.split('/').pop().split('?')[0], type: r.initiatorType,
      start: r.startTime, responseStart: r.responseStart, end: r.responseEnd,
      transfer: r.transferSize, decoded: r.decodedBodySize,
    }));
    return {
      htmlEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
      fcp: paint['first-contentful-paint'], resources, marks: window.__bench.marks,
    };
  });
}

// --- the pages and feeds --------------------------------------------------------------------

let sites;
const feeds = makeFeeds();
const FEED_KEYS = ['default', '5mb', '15mb'];
const FEED_LABEL = { default: 'default feed (238 KB, 12 entries)', '5mb': '5 MB feed (1,000 entries)', '15mb': '15 MB feed (10,000 entries)', tiny: 'tiny feed (1 entry)' };

function urlFor(pageKind, feedKey) {
  const origin = pageKind === 'app' ? sites.app.origin : sites.ref.origin;
  if (feedKey === 'default') return `${origin}/`;
  return `${origin}/?feed=${encodeURIComponent(`${sites.feeds.origin}/${feeds[feedKey].file}`)}`;
}

/** Where each page lists its rows, for counting them. */
const LIST = { app: '#articles ol.article-list:not(.article-list--skeleton)', ref: '#list' };

async function startServers() {
  const appRoutes = prepareDir(DIST);
  if (!appRoutes['/index.html']) throw new Error(`no ${DIST}/index.html: build first (bash scripts/build.sh)`);
  const refRoutes = prepareDir(join(ROOT, 'bench/reference'));
  refRoutes['/vendor/purify.es.mjs'] = prepare(readFileSync(join(ROOT, 'node_modules/dompurify/dist/purify.es.mjs')), 'purify.es.mjs');
  refRoutes['/assets/forem_hadil_rss20.xml'] = appRoutes['/assets/forem_hadil_rss20.xml'];
  const feedRoutes = {};
  for (const f of Object.values(feeds)) feedRoutes[`/${f.file}`] = prepare(f.bytes, f.file, { kind: 'feed' });
  return {
    app: await serveRoutes(appRoutes),
    ref: await serveRoutes(refRoutes),
    feeds: await serveRoutes(feedRoutes, { cors: true }),
    appRoutes,
  };
}

// --- 1. first entry painted -----------------------------------------------------------------

async function measurePaint(pageKind, feedKey) {
  const { context, page } = await openPage(urlFor(pageKind, feedKey));
  try {
    const element = await firstEntry(page);
    return { ...element, ...(await pageTimings(page)) };
  } finally {
    await context.close();
  }
}

async function partPaint(results) {
  const paint = {};
  for (const feedKey of FEED_KEYS) {
    paint[feedKey] = { app: [], ref: [] };
    for (let run = 0; run < RUNS; run++) {
      // Alternate which page goes first, so a slow spell of the machine hits both.
      for (const kind of run % 2 ? ['ref', 'app'] : ['app', 'ref']) {
        const r = await measurePaint(kind, feedKey);
        paint[feedKey][kind].push(r);
      }
      const last = (k) => paint[feedKey][k].at(-1).renderTime;
      log(`paint ${feedKey} run ${run + 1}/${RUNS}: app ${ms(last('app'))} ms, reference ${ms(last('ref'))} ms`);
    }
  }
  results.paint = paint;
}

// --- 2. where the time goes (instrumented runs, then traces) --------------------------------

async function partBreakdown(results) {
  const out = {};
  for (const feedKey of FEED_KEYS) {
    for (const kind of ['app', 'ref']) {
      const runs = [];
      for (let i = 0; i < 3; i++) {
        const { context, page } = await openPage(urlFor(kind, feedKey), { instrument: true });
        try {
          const element = await firstEntry(page);
          runs.push({ ...element, ...(await pageTimings(page)) });
        } finally {
          await context.close();
        }
      }
      out[`${kind}/${feedKey}`] = runs;
      log(`breakdown ${kind} ${feedKey}: ${runs.map((r) => ms(r.renderTime)).join(', ')} ms`);
    }
  }
  results.breakdown = out;
}

/** Self time per trace event name on the page's main thread, from navigation to `until`. */
function summarizeTrace(trace, until) {
  const events = trace.traceEvents || trace;
  const mainThreads = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mainThreads.set(`${e.pid}:${e.tid}`, 0);
  }
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (mainThreads.has(k)) mainThreads.set(k, mainThreads.get(k) + 1);
  }
  const [main] = [...mainThreads.entries()].sort((a, b) => b[1] - a[1])[0] || [];
  if (!main) return null;
  const nav = events.find((e) => `${e.pid}:${e.tid}` === main && e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args?.data?.documentLoaderURL?.startsWith('http'))
    || events.find((e) => e.name === 'navigationStart' && `${e.pid}` === main.split(':')[0]);
  if (!nav) return null;
  const t0 = nav.ts;
  // Complete events (X) and begin/end pairs (B/E) on the main thread, as intervals.
  const spans = [];
  const open = [];
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main) continue;
    if (e.ph === 'X' && e.dur) spans.push({ name: e.name, s: e.ts, e: e.ts + e.dur });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) spans.push({ name: b.name, s: b.ts, e: e.ts });
    }
  }
  spans.sort((a, b) => a.s - b.s || b.e - a.e);
  const end = t0 + until * 1000;
  // Walk the nesting: a span's self time is its length minus its children's; top-level spans
  // are the thread's tasks.
  const self = new Map();
  const tasks = [];
  const all = [];
  const stack = [];
  for (const sp of spans) {
    if (sp.e <= t0 || sp.s >= end) continue;
    const node = { name: sp.name, s: Math.max(sp.s, t0), e: Math.min(sp.e, end), child: 0 };
    while (stack.length && stack.at(-1).e <= node.s) stack.pop();
    if (stack.length) stack.at(-1).child += node.e - node.s;
    else tasks.push({ start: (node.s - t0) / 1000, dur: (node.e - node.s) / 1000 });
    stack.push(node);
    all.push(node);
  }
  for (const n of all) self.set(n.name, (self.get(n.name) || 0) + (n.e - n.s - n.child));
  const busy = tasks.reduce((t, x) => t + x.dur * 1000, 0);
  const top = [...self.entries()].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, 12)
    .map(([name, v]) => ({ name, ms: v / 1000 }));
  const bigTasks = tasks.filter((t) => t.dur >= 10).map((t) => ({ start: t.start, dur: t.dur }));
  return { until, busyMs: busy / 1000, idleMs: until - busy / 1000, top, bigTasks };
}

async function partTrace(results) {
  mkdirSync(join(OUT, 'traces'), { recursive: true });
  const out = {};
  const categories = [
    'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8',
    'blink.user_timing', 'loading', 'toplevel', 'disabled-by-default-v8.compile', 'v8.wasm',
  ];
  for (const feedKey of ['default', '5mb', '15mb']) {
    for (const kind of ['app', 'ref']) {
      let traceBuffer;
      const { context, page } = await openPage(urlFor(kind, feedKey), {
        before: async (p) => { await browser.startTracing(p, { categories, screenshots: false }); },
      });
      try {
        const element = await firstEntry(page);
        await page.waitForTimeout(200);
        traceBuffer = await browser.stopTracing();
        const file = join(OUT, 'traces', `${kind}-${feedKey}.json`);
        writeFileSync(file, traceBuffer);
        const summary = summarizeTrace(JSON.parse(traceBuffer.toString('utf8')), element.renderTime);
        out[`${kind}/${feedKey}`] = { renderTime: element.renderTime, file, summary };
        log(`trace ${kind} ${feedKey}: first entry at ${ms(element.renderTime)} ms (traced), main thread busy ${ms(summary?.busyMs)} ms`);
      } finally {
        await context.close();
      }
    }
  }
  results.trace = out;
}

// --- 3. long tasks: rendering and scrolling 10,000 entries ----------------------------------

async function partLongTasks(results) {
  const out = {};
  const total = feeds['15mb'].items;
  for (const kind of ['app', 'ref']) {
    const { context, page } = await openPage(urlFor(kind, '15mb'));
    try {
      const element = await firstEntry(page);
      const renderEnd = element.renderTime + 3000;
      await page.evaluate((t) => new Promise((ok) => setTimeout(ok, Math.max(0, t - performance.now()))), renderEnd);
      const scroll = await page.evaluate(async ({ listSel, total, limit }) => {
        const el = document.getElementById('articles');
        const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
        const rows = () => document.querySelector(listSel)?.children.length || 0;
        const t0 = performance.now();
        let steps = 0;
        const scrollsList = el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'visible';
        while (performance.now() - t0 < limit) {
          const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
          if (rows() >= total && atEnd) break;
          el.scrollTop += el.clientHeight;
          steps++;
          await frame();
          await frame();
        }
        return { t0, t1: performance.now(), steps, rows: rows(), scrollHeight: el.scrollHeight, scrollsList, domNodes: document.getElementsByTagName('*').length };
      }, { listSel: LIST[kind], total, limit: SCROLL_LIMIT });
      await page.waitForTimeout(300);
      const tasks = await page.evaluate(() => window.__bench.longtasks);
      const within = (a, b) => tasks.filter((t) => t.start >= a && t.start < b);
      const summarize = (list) => ({
        longest: list.reduce((m, t) => Math.max(m, t.duration), 0),
        over50: list.filter((t) => t.duration > 50).length,
        over200: list.filter((t) => t.duration > 200).length,
        count: list.length,
        top: [...list].sort((a, b) => b.duration - a.duration).slice(0, 5),
      });
      out[kind] = {
        firstEntry: element.renderTime,
        render: { window: [0, renderEnd], ...summarize(within(0, renderEnd)) },
        scroll: { window: [scroll.t0, scroll.t1], seconds: (scroll.t1 - scroll.t0) / 1000, steps: scroll.steps, rows: scroll.rows, total, scrollHeight: scroll.scrollHeight, scrollsList: scroll.scrollsList, domNodes: scroll.domNodes, ...summarize(within(scroll.t0, scroll.t1 + 1)) },
      };
      log(`long tasks ${kind}: rendering longest ${ms(out[kind].render.longest)} ms; scrolling ${out[kind].scroll.rows}/${total} rows in ` +
        `${out[kind].scroll.seconds.toFixed(1)} s, longest ${ms(out[kind].scroll.longest)} ms, ${out[kind].scroll.over50} over 50 ms`);
    } finally {
      await context.close();
    }
  }
  results.longtasks = out;
}

// --- 4. memory after load -------------------------------------------------------------------

async function memoryOnce(kind, feedKey) {
  const { context, page, cdp } = await openPage(urlFor(kind, feedKey));
  try {
    await firstEntry(page);
    // Settled: the background fill is done (the app's list is no longer busy), then a second.
    await page.waitForFunction(({ kind, sel }) => {
      const list = document.querySelector(sel);
      if (!list) return false;
      if (kind === 'app') return list.getAttribute('aria-busy') === 'false';
      return window.referenceTotal !== undefined && list.children.length >= Math.min(500, window.referenceTotal);
    }, { kind, sel: LIST[kind] }, { timeout: 60_000, polling: 100 });
    await page.waitForTimeout(1000);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const proto = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
    const wasm = await cdp.send('Runtime.callFunctionOn', {
      objectId: found.objects.objectId,
      functionDeclaration: 'function () { return this.reduce((sum, m) => sum + m.buffer.byteLength, 0); }',
      returnByValue: true,
    });
    const rows = await page.evaluate((sel) => document.querySelector(sel)?.children.length || 0, LIST[kind]);
    return { js: heap.usedSize, dom: heap.embedderHeapUsedSize ?? null, wasm: wasm.result.value, rows };
  } finally {
    await context.close();
  }
}

async function partMemory(results) {
  const out = {};
  for (const kind of ['app', 'ref']) {
    out[kind] = {};
    for (const feedKey of ['tiny', ...FEED_KEYS]) {
      const runs = [];
      for (let i = 0; i < MEM_RUNS; i++) runs.push(await memoryOnce(kind, feedKey));
      const pick = (k) => median(runs.map((r) => r[k] ?? NaN));
      out[kind][feedKey] = { js: pick('js'), dom: pick('dom'), wasm: pick('wasm'), rows: runs[0].rows, runs };
      log(`memory ${kind} ${feedKey}: JS ${mb(out[kind][feedKey].js)} MB, wasm ${mb(out[kind][feedKey].wasm)} MB, ` +
        `DOM (Blink) ${mb(out[kind][feedKey].dom)} MB, ${out[kind][feedKey].rows} rows`);
    }
  }
  results.memory = out;
}

// --- 5. Lighthouse --------------------------------------------------------------------------

async function partLighthouse(results) {
  results.lighthouse = await runLighthouse(`${sites.app.origin}/`, { runs: Number(process.env.LH_RUNS) || 1, log });
}

// --- sizes (reported only; the test command enforces them) ----------------------------------

function sizes() {
  const html = sites.appRoutes['/index.html'].raw.toString('utf8');
  const page = (h) => [...h.matchAll(/(?:src|href)="\.\/([^"?#]+)"/g)].map((m) => `/${m[1]}`)
    .filter((p, i, all) => all.indexOf(p) === i && /\.(wasm|js|css)$/.test(p) && sites.appRoutes[p]);
  const sum = (paths) => paths.reduce((t, p) => t + (sites.appRoutes[p].br?.length ?? sites.appRoutes[p].raw.length), 0);
  const out = { app: sum(page(html)) };
  // The loader module names the wasm only indirectly: add every hashed file the loader imports.
  const embed = sites.appRoutes['/embed.html'];
  if (embed) out.widget = sum(page(embed.raw.toString('utf8')));
  return out;
}

// --- the table ------------------------------------------------------------------------------

function table(results) {
  const rows = [];
  const add = (section, what, app, ref, ratio, budget, verdict) => rows.push([section, what, app, ref, ratio, budget, verdict]);
  const range = (s) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
  if (results.paint) {
    for (const feedKey of FEED_KEYS) {
      const p = results.paint[feedKey];
      const a = stats(p.app.map((r) => r.renderTime));
      const r = stats(p.ref.map((x) => x.renderTime));
      const ratio = a.median / r.median;
      const pairs = p.app.map((x, i) => x.renderTime / p.ref[i].renderTime);
      const budget = BUDGET.paint[feedKey];
      add('first entry painted, ms: median (min–max)', FEED_LABEL[feedKey], range(a), range(r),
        `${ratio.toFixed(2)}× (runs ${Math.min(...pairs).toFixed(2)}–${Math.max(...pairs).toFixed(2)})`,
        budget ? `≤ ${budget}×` : '–', budget ? (ratio <= budget ? 'met' : 'MISSED') : 'report only');
    }
  }
  if (results.longtasks) {
    const lt = results.longtasks;
    const fmt = (x) => `longest ${ms(x.longest)} ms; >50 ms: ${x.over50}; >200 ms: ${x.over200}`;
    add('long tasks, 10,000 entries', 'rendering (navigation → first entry + 3 s)', fmt(lt.app.render), lt.ref ? fmt(lt.ref.render) : '–', '–',
      `none > ${BUDGET.renderTask} ms`, lt.app.render.over200 === 0 ? 'met' : 'MISSED');
    const rowsNote = (x) => `${x.rows}/${x.total} rows, ${x.seconds.toFixed(0)} s`;
    add('long tasks, 10,000 entries', 'scrolling top to bottom', `${fmt(lt.app.scroll)} (${rowsNote(lt.app.scroll)})`,
      lt.ref ? `${fmt(lt.ref.scroll)} (${rowsNote(lt.ref.scroll)})` : '–', '–',
      `none > ${BUDGET.scrollTask} ms`, lt.app.scroll.over50 === 0 && lt.app.scroll.rows >= lt.app.scroll.total ? 'met'
        : lt.app.scroll.over50 === 0 ? 'met (not every row reached)' : 'MISSED');
  }
  if (results.memory) {
    const m = results.memory;
    const base = (k) => m[k].tiny.js + m[k].tiny.wasm;
    add('memory: JS heap + wasm, empty-app baseline', FEED_LABEL.tiny,
      `${mb(base('app'))} MB (JS ${mb(m.app.tiny.js)} + wasm ${mb(m.app.tiny.wasm)})`,
      `${mb(base('ref'))} MB (JS ${mb(m.ref.tiny.js)})`, '–', '–', 'baseline');
    for (const feedKey of FEED_KEYS) {
      const size = feeds[feedKey].bytes.length;
      const growth = (k) => m[k][feedKey].js + m[k][feedKey].wasm - base(k);
      const g = growth('app');
      const detail = (k) => `JS ${mb(m[k][feedKey].js - m[k].tiny.js)}` + (k === 'app' ? `, wasm ${mb(m[k][feedKey].wasm - m[k].tiny.wasm)}` : '') +
        `; DOM ${mb(m[k][feedKey].dom - m[k].tiny.dom)}`;
      add('memory growth after load, MB (× feed size)', FEED_LABEL[feedKey],
        `${mb(g)} (${(g / size).toFixed(1)}×; ${detail('app')})`,
        `${mb(growth('ref'))} (${(growth('ref') / size).toFixed(1)}×; ${detail('ref')})`,
        (g / growth('ref')).toFixed(2) + '×', `≤ ${BUDGET.memory}× (${mb(BUDGET.memory * size)} MB)`, g <= BUDGET.memory * size ? 'met' : 'MISSED');
    }
  }
  if (results.lighthouse) {
    for (const [preset, r] of Object.entries(results.lighthouse)) {
      for (const c of CATEGORIES) {
        add(`Lighthouse 12.2.3, ${preset}`, c + (c === 'performance' && r.allPerformance.length > 1 ? ` (runs ${r.allPerformance.join(', ')})` : ''),
          String(r.scores[c]), '–', '–', preset === 'desktop' ? `≥ ${LH_GOAL}` : `(goal is desktop's)`,
          preset === 'desktop' ? (r.scores[c] >= LH_GOAL ? 'met' : 'MISSED') : 'report only');
      }
    }
  }
  if (results.sizes) {
    add('size, brotli 11 (reported; enforced by the tests)', 'app: wasm + js + css that index.html loads', `${(results.sizes.app / 1024).toFixed(1)} KB`, '–', '–',
      `≤ ${BUDGET.appBrotliKB} KB`, results.sizes.app <= BUDGET.appBrotliKB * 1024 ? 'met' : 'MISSED');
    if (results.sizes.widget) {
      add('size, brotli 11 (reported; enforced by the tests)', 'widget: what embed.html loads', `${(results.sizes.widget / 1024).toFixed(1)} KB`, '–', '–',
        `≤ ${BUDGET.widgetBrotliKB} KB`, results.sizes.widget <= BUDGET.widgetBrotliKB * 1024 ? 'met' : 'MISSED');
    }
  }
  const head = ['section', 'measurement', 'app', 'reference (plain JS)', 'app/ref', 'budget', 'verdict'];
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** The breakdown: median timestamps of what happened before the first entry was painted. */
function breakdownReport(results) {
  const lines = [];
  const b = results.breakdown || {};
  for (const [key, runs] of Object.entries(b)) {
    const [kind, feedKey] = key.split('/');
    const med = (f) => median(runs.map(f).filter((x) => Number.isFinite(x)));
    const res = (pred, field) => med((r) => r.resources.find(pred)?.[field]);
    const mark = (name, pred = () => true, which = 'first') => med((r) => {
      const list = r.marks.filter((m) => m.name === name && pred(m));
      return (which === 'first' ? list[0] : list.at(-1))?.t;
    });
    const feedFile = feedKey === 'default' ? 'forem_hadil_rss20.xml' : feeds[feedKey].file;
    const parts = [
      ['HTML received', med((r) => r.htmlEnd)],
      ['first contentful paint', med((r) => r.fcp)],
    ];
    if (kind === 'app') {
      parts.push(
        ['JS glue received', res((x) => /^rillet-.*\.js$/.test(x.name), 'end')],
        ['wasm received', res((x) => x.name.endsWith('_bg.wasm'), 'end')],
        ['wasm instantiated', mark('wasm.instantiateStreaming.end')],
        ['IndexedDB open called', mark('idb.open.start')],
        ['IndexedDB opened', mark('idb.open.success')],
        ['library read', mark('idb.get.success', (m) => m.store !== 'feeds')],
      );
    }
    parts.push(
      ['feed request sent', res((x) => x.name === feedFile, 'start')],
      ['feed received', res((x) => x.name === feedFile, 'end')],
    );
    if (kind === 'app') {
      parts.push(
        ['feed body read', mark('stream.read.done') ?? mark('body.arrayBuffer.end')],
        ['offline copy: put called (after parse + encode)', mark('idb.put.start', (m) => m.store === 'feeds')],
        ['offline copy: committed', mark('idb.put.committed', (m) => m.store === 'feeds')],
      );
    } else {
      parts.push(['feed text read', mark('body.text.end')]);
    }
    parts.push(
      ['first entry in the DOM', mark('dom.first-entry-inserted')],
      ['first entry painted', med((r) => r.renderTime)],
    );
    lines.push(`${kind === 'app' ? 'app' : 'reference'}, ${FEED_LABEL[feedKey]} (medians of ${runs.length} instrumented runs, ms from navigation):`);
    lines.push('  ' + parts.filter(([, t]) => Number.isFinite(t)).sort((x, y) => x[1] - y[1]).map(([n, t]) => `${n} ${ms(t)}`).join(' → '));
    const putSize = runs[0]?.marks.find((m) => m.name === 'idb.put.start' && m.store === 'feeds')?.size;
    if (putSize) lines.push(`  offline copy written before the list shows: ${mb(putSize * 2)} MB of JSON string (UTF-16)`);
  }
  for (const [key, t] of Object.entries(results.trace || {})) {
    if (!t.summary) continue;
    const s = t.summary;
    lines.push(`trace ${key} (${t.file}): first entry ${ms(t.renderTime)} ms; main thread busy ${ms(s.busyMs)} ms, idle ${ms(s.idleMs)} ms before it; ` +
      `self time: ${s.top.slice(0, 8).map((x) => `${x.name} ${ms(x.ms)}`).join(', ')}; tasks ≥ 10 ms: ` +
      `${s.bigTasks.map((x) => `${ms(x.start)}+${ms(x.dur)}`).join(', ') || 'none'}`);
  }
  return lines;
}

// --- main -----------------------------------------------------------------------------------

async function main() {
  mkdirSync(OUT, { recursive: true });
  const results = { startedAt: new Date().toISOString(), dist: DIST, runs: RUNS, load: readFileSync('/proc/loadavg', 'utf8').trim() };
  log(`bench: ${DIST}; ${RUNS} first-paint runs per feed and page; load average ${results.load}`);
  log(`feeds: ${Object.entries(feeds).map(([k, f]) => `${k} ${f.bytes.length} bytes/${f.items} entries`).join(', ')}`);
  sites = await startServers();
  results.sizes = sizes();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  results.browser = browser.version();
  try {
    if (ONLY.has('paint')) await partPaint(results);
    if (ONLY.has('breakdown')) await partBreakdown(results);
    if (ONLY.has('trace')) await partTrace(results);
    if (ONLY.has('longtasks')) await partLongTasks(results);
    if (ONLY.has('memory')) await partMemory(results);
  } finally {
    await browser.close();
  }
  if (ONLY.has('lighthouse')) await partLighthouse(results);
  for (const s of [sites.app, sites.ref, sites.feeds]) await s.close();

  const encodings = [...new Set([...sites.app.hits, ...sites.feeds.hits].map((h) => h.encoding || 'identity'))];
  results.outside = { placeholders: outside.placeholders, refused: [...outside.refused] };
  results.problems = problems;
  writeFileSync(join(OUT, 'bench.json'), JSON.stringify(results, null, 1));

  console.log(`\nRillet bench — ${results.startedAt}; ${results.browser}; build ${DIST}; load average at start ${results.load}`);
  console.log(`served from 127.0.0.1 with Content-Encoding: ${encodings.join(', ')}; requests for other hosts: ` +
    `${outside.placeholders} pictures answered locally, ${outside.refused.size} refused by the resolver`);
  if (problems.length) console.log(`page problems (${problems.length}): ${[...new Set(problems)].slice(0, 8).join(' | ')}`);
  const lines = breakdownReport(results);
  if (lines.length) console.log(`\nWhere the time to the first entry goes:\n${lines.join('\n')}`);
  if (results.lighthouse) {
    console.log('\nLighthouse:');
    for (const [preset, r] of Object.entries(results.lighthouse)) {
      console.log(`${preset}: ${CATEGORIES.map((c) => `${c} ${r.scores[c]}`).join(', ')}; requests not for 127.0.0.1: ${r.outside.length}, all blocked in the browser`);
      for (const line of failingReport(r, preset)) console.log(line);
    }
  }
  console.log(`\n${table(results)}`);
  console.log(`\n(full results: ${join(OUT, 'bench.json')})`);
}

main().catch((err) => {
  console.error(`bench: ${err.stack || err}`);
  process.exit(2);
});
