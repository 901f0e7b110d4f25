// Prints the sizes of the build, raw, gzip -9 and brotli -q11: every code and style file, then
// what each page loads (the app: index.html; the widget: embed.html), the whole folder, and
// any extra file named (the single-file build). Fails when the widget is over its budget, or
// when the app grows past its ceiling.
//   node scripts/sizes.mjs [DIST_DIR] [EXTRA_FILE…]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const [dir = 'dist', ...extra] = process.argv.slice(2);
const kinds = { '.wasm': 'wasm', '.js': 'js', '.css': 'css', '.html': 'html' };
// Brotli bytes of everything a page loads (wasm + js + css), issue 9. The widget's budget is
// enforced. The app is over its 350 KB budget (README, "Size"): until it is within, a ceiling
// a little above today's size fails the step on any growth, so it can only shrink.
const BUDGETS = { 'app (index.html)': 350 * 1024, 'widget (embed.html)': 150 * 1024 };
const ENFORCED = new Set(['widget (embed.html)']);
const CEILINGS = { 'app (index.html)': 495 * 1024 };

function* walk(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

export function measure(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
const line = (label, m) => console.log(`${label.padEnd(44)} ${kb(m.raw)} ${kb(m.gzip)} ${kb(m.brotli)}`);
const sum = (rows) =>
  rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

const rows = new Map();
const everything = [];
for (const p of walk(dir)) {
  const m = measure(readFileSync(p));
  const file = p.slice(dir.length + 1);
  everything.push(m);
  if (kinds[extname(p)]) rows.set(file, { file, kind: kinds[extname(p)], ...m });
}
console.log(`${'file'.padEnd(44)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)} ${'br KB'.padStart(8)}`);
for (const r of [...rows.values()].sort((a, b) => b.brotli - a.brotli)) line(r.file, r);

// What a page loads: the code and styles its HTML names (scripts, stylesheets, preloads).
function loadedBy(page) {
  const html = readFileSync(join(dir, page), 'utf8');
  const names = new Set();
  for (const [, name] of html.matchAll(/(?:src|href)="\.\/([^"?#]+)"/g)) {
    const row = rows.get(name);
    if (row && row.kind !== 'html') names.add(name);
  }
  return [...names].map((n) => rows.get(n));
}

console.log('');
let over = false;
for (const [label, page] of [['app (index.html)', 'index.html'], ['widget (embed.html)', 'embed.html']]) {
  if (!existsSync(join(dir, page))) continue;
  const total = sum(loadedBy(page));
  line(`${label}: wasm + js + css`, total);
  const budget = BUDGETS[label];
  const verdict = total.brotli <= budget ? 'within' : ENFORCED.has(label) ? 'OVER' : 'over';
  console.log(`${''.padEnd(44)} ${verdict} its budget of ${budget / 1024} KB brotli`);
  if (verdict === 'OVER') over = true;
  const ceiling = CEILINGS[label];
  if (ceiling && verdict !== 'within') {
    const grown = total.brotli > ceiling;
    console.log(`${''.padEnd(44)} ${grown ? 'OVER' : 'under'} its ceiling of ${ceiling / 1024} KB brotli (no growth while over budget)`);
    if (grown) over = true;
  }
}
line('dist: every file', sum(everything));
for (const file of extra) {
  if (existsSync(file)) line(file, measure(readFileSync(file)));
}
if (over) {
  console.error('sizes: a page grew past its budget or ceiling (issue 9)');
  process.exit(1);
}
