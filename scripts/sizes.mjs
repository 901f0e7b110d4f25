// Prints the sizes of the built app's code and styles: raw, gzip -9 and brotli -q11.
//   node scripts/sizes.mjs [DIST_DIR]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] || 'dist';
const kinds = { '.wasm': 'wasm', '.js': 'js', '.css': 'css', '.html': 'html' };

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

const rows = [];
for (const p of walk(dir)) {
  const kind = kinds[extname(p)];
  if (!kind) continue;
  rows.push({ file: p.slice(dir.length + 1), kind, ...measure(readFileSync(p)) });
}
rows.sort((a, b) => b.brotli - a.brotli);
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
console.log(`${'file'.padEnd(44)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)} ${'br KB'.padStart(8)}`);
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const r of rows) {
  console.log(`${r.file.padEnd(44)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
  if (r.kind !== 'html') for (const k of Object.keys(total)) total[k] += r[k];
}
console.log(`${'total (wasm + js + css)'.padEnd(44)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
