// The in-page half of the browser bench: every peer parses the same feed in the same page,
// rep by rep in turn, and the medians are compared. Loaded by parse.html; driven by parse.mjs.
//
// Peers (each extracts title, link, date parsed to a Date, and the body string per RSS item
// or Atom entry):
//   wasm-*     our parse_feed compiled to wasm, fed the Uint8Array (copied into linear
//              memory as &[u8], timed); the feed stays in Rust memory, a count comes back
//   domparser  DOMParser('text/xml'), then each item's child elements by local name
//   feedsmith  feedsmith's parseFeed (esbuild bundle of the npm package) + new Date()
//
// Timing, as in shared/PERF-ANCHORS.md: the file is in memory first (bytes for wasm, a
// string for the JS peers); 3 warm-up rounds (1 for files over 20 MB); then timed rounds
// until every peer has at least 10 parses and 2 s per peer have passed, or 30 rounds are
// done; median, min and max. A round runs every peer once, so a slow spell of the machine
// hits all of them. Each peer's previous result is dropped before its timer starts.

import { parseFeed } from '/out/feedsmith.js';

/** DOMParser, reading each item's children by local name (no querySelector per field). */
function domparserPeer(text) {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  const items = [];
  for (const el of doc.querySelectorAll('item, entry')) {
    let title = null;
    let link = null;
    let date = null;
    let body = null;
    for (const c of el.children) {
      switch (c.localName) {
        case 'title':
          title = c.textContent;
          break;
        case 'link': {
          const rel = c.getAttribute('rel');
          if (link === null && (rel === null || rel === 'alternate')) {
            link = c.getAttribute('href') ?? c.textContent;
          }
          break;
        }
        case 'pubDate':
        case 'published':
        case 'updated':
        case 'date':
          if (date === null) date = new Date(c.textContent);
          break;
        case 'description':
        case 'summary':
          if (body === null) body = c.textContent;
          break;
        case 'encoded':
        case 'content':
          body = c.textContent;
          break;
        default:
      }
    }
    items.push({ title, link, date, body });
  }
  return items;
}

/** feedsmith: its parse, then the fields the other peers read. */
function feedsmithPeer(text) {
  const { format, feed } = parseFeed(text);
  const atom = format === 'atom';
  const source = (atom ? feed.entries : feed.items) ?? [];
  return source.map((it) => {
    const when = it.pubDate ?? it.published ?? it.updated ?? it.dc?.date;
    const link = atom
      ? (it.links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href
      : it.link;
    const body = atom
      ? (it.content?.value ?? it.summary?.value ?? it.summary)
      : (it.content?.encoded ?? it.description);
    return { title: it.title, link, date: when ? new Date(when) : null, body };
  });
}

/** [items, items with a valid date, UTF-16 length of the bodies] of a JS peer's result. */
function jsSummary(items) {
  let dated = 0;
  let chars = 0;
  for (const it of items) {
    if (it.date && !Number.isNaN(it.date.getTime())) dated += 1;
    if (typeof it.body === 'string') chars += it.body.trim().length;
  }
  return [items.length, dated, chars];
}

function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], reps: s.length };
}

/**
 * Times every peer on one file. `wasmModules`: [{ name, module }] of loaded wasm-bindgen
 * modules. Returns { bytes, peers: [{ name, median, min, max, reps, summary }] }.
 */
async function benchFile(url, wasmModules) {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const peers = [];
  for (const { name, module } of wasmModules) {
    peers.push({
      name,
      before: () => module.release(),
      run: () => module.parse(bytes),
      summary: () => Array.from(module.summary()),
    });
  }
  for (const [name, fn] of [['domparser', domparserPeer], ['feedsmith', feedsmithPeer]]) {
    let kept = null;
    peers.push({
      name,
      before: () => { kept = null; },
      run: () => { kept = fn(text); return kept.length; },
      summary: () => jsSummary(kept),
    });
  }
  const warmups = bytes.length > 20e6 ? 1 : 3;
  for (let i = 0; i < warmups; i += 1) for (const p of peers) { p.before(); p.run(); }
  const times = peers.map(() => []);
  const start = performance.now();
  let rounds = 0;
  while (rounds < 10 || (performance.now() - start < 2000 * peers.length && rounds < 30)) {
    peers.forEach((p, i) => {
      p.before();
      const t0 = performance.now();
      p.run();
      times[i].push(performance.now() - t0);
    });
    rounds += 1;
  }
  return {
    bytes: bytes.length,
    peers: peers.map((p, i) => ({ name: p.name, ...stats(times[i]), summary: p.summary() })),
  };
}

/** Called by parse.mjs: `files` are URLs, `wasm` the names of the wasm builds to load. */
window.runBench = async (files, wasm) => {
  const wasmModules = [];
  for (const name of wasm) {
    const module = await import(`/out/${name}/bench_wasm.js`);
    await module.default();
    wasmModules.push({ name: `wasm-${name.replace(/^pkg-/, '')}`, module });
  }
  const results = [];
  for (const url of files) {
    results.push({ url, ...(await benchFile(url, wasmModules)) });
  }
  return {
    userAgent: navigator.userAgent,
    crossOriginIsolated: window.crossOriginIsolated,
    wasmMemory: Object.fromEntries(wasmModules.map((m) => [m.name, m.module.memory_bytes()])),
    results,
  };
};
window.benchReady = true;
