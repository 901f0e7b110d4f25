// The browser half of `make bench-parse`: serves bench/ and the built bench directory on
// 127.0.0.1 (cross-origin isolated, for 5 µs timers), opens parse.html in Debian's headless
// Chromium (fresh profile, nothing but 127.0.0.1 reachable) and prints each peer's times and
// the ratios issue 3 sets as goals.
//
//   node bench/parse.mjs OUT_DIR
//
// OUT_DIR (written by bench/run.sh) holds data/*.xml, feedsmith.js and pkg-*/ (wasm-bindgen
// output, one per build: pkg-release always, pkg-opt3 when asked for).
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { launch, listen } from '../tests/e2e/harness.mjs';

const BENCH = resolve(new URL('.', import.meta.url).pathname);
const OUT = resolve(process.argv[2] || 'target/bench-parse');
const FILES = ['forem_hadil_rss20.xml', 'rss-5mb-1000.xml'];
const GOALS = { domparser: 5, feedsmith: 3 };

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
};

/** `/out/…` from OUT_DIR, anything else from bench/; COOP/COEP on every answer. */
async function serve(req, res) {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const [root, rel] = path.startsWith('/out/') ? [OUT, path.slice(5)] : [BENCH, path.slice(1)];
  const file = normalize(join(root, rel || 'parse.html'));
  const headers = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cache-control': 'no-store',
  };
  try {
    if (!file.startsWith(root) || !(await stat(file)).isFile()) throw new Error('no file');
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'content-type': MIME[extname(file)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
  }
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const ms = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));

function report(out) {
  console.log(`browser: ${out.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? out.userAgent}` +
    `, cross-origin isolated: ${out.crossOriginIsolated}`);
  let allMet = true;
  for (const r of out.results) {
    const name = r.url.split('/').pop();
    console.log(`\n${name} (${r.bytes} bytes)`);
    console.log(`${pad('peer', 14)} ${lpad('median ms', 10)} ${lpad('min–max ms', 16)} ${lpad('reps', 5)} ` +
      `${lpad('MB/s', 7)}  items/dated/body chars`);
    for (const p of r.peers) {
      console.log(`${pad(p.name, 14)} ${lpad(ms(p.median), 10)} ${lpad(`${ms(p.min)}–${ms(p.max)}`, 16)} ` +
        `${lpad(p.reps, 5)} ${lpad((r.bytes / 1e6 / (p.median / 1e3)).toFixed(0), 7)}  ${p.summary.join(' / ')}`);
    }
    const byName = Object.fromEntries(r.peers.map((p) => [p.name, p]));
    for (const wasm of r.peers.filter((p) => p.name.startsWith('wasm-'))) {
      for (const [peer, goal] of Object.entries(GOALS)) {
        const ratio = byName[peer].median / wasm.median;
        // The goals are about the build that ships (release); other builds are for reference.
        const counts = wasm.name === 'wasm-release';
        if (counts) allMet &&= ratio >= goal;
        console.log(`  ${wasm.name} is ${ratio.toFixed(2)}× faster than ${peer}` +
          ` (goal ≥ ${goal}×: ${ratio >= goal ? 'met' : 'MISSED'}${counts ? '' : ', reference only'})`);
      }
    }
  }
  const mem = Object.entries(out.wasmMemory).map(([k, v]) => `${k} ${(v / 2 ** 20).toFixed(0)} MiB`);
  console.log(`\nwasm linear memory after the runs: ${mem.join(', ')}`);
  console.log(`goals (wasm-release ≥ ${GOALS.domparser}× DOMParser and ≥ ${GOALS.feedsmith}× feedsmith on both files): ` +
    `${allMet ? 'met' : 'MISSED'}`);
}

const wasm = (await readdir(OUT)).filter((d) => d.startsWith('pkg-')).sort();
if (!wasm.includes('pkg-release')) {
  console.error(`bench/parse.mjs: no ${OUT}/pkg-release; run bench/run.sh (make bench-parse)`);
  process.exit(2);
}
const server = await listen(serve);
const browser = await launch();
try {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${server.origin}/parse.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const files = FILES.map((f) => `/out/data/${f}`);
  const out = await page.evaluate(([f, w]) => window.runBench(f, w), [files, wasm]);
  report(out);
  if (browser.context.outsideRequests?.length) {
    console.error(`requests that left 127.0.0.1 (blocked): ${browser.context.outsideRequests.join(', ')}`);
  }
} finally {
  await browser.close();
  await server.close();
}
