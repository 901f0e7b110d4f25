// Trunk post-build hook: move the inline wasm loader that Trunk writes into each HTML page (the
// app's index.html, the widget's embed.html) into a file of its own, so the
// Content-Security-Policy can say `script-src 'self'` with no 'unsafe-inline' and no hash to keep
// in step (Trunk issue #288).
//
// Runs with TRUNK_STAGING_DIR set (Trunk's hook environment); also usable by hand:
//   node scripts/externalize-loader.mjs DIST_DIR
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('usage: node scripts/externalize-loader.mjs DIST_DIR');
  process.exit(2);
}

// An inline script: a <script> with no src attribute and a body.
const inline = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;

for (const page of readdirSync(dir).filter((name) => name.endsWith('.html'))) {
  const htmlPath = join(dir, page);
  let html = readFileSync(htmlPath, 'utf8');
  let moved = 0;
  html = html.replace(inline, (whole, attrs, body) => {
    if (!body.trim()) return whole;
    if (!/type="module"/.test(attrs)) {
      console.error(`externalize-loader: an inline classic script is in ${page}; the CSP would block it:\n${whole.slice(0, 200)}`);
      process.exit(1);
    }
    const name = `loader-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
    writeFileSync(join(dir, name), body.trim() + '\n');
    moved += 1;
    return `<script type="module" src="./${name}"></script>`;
  });
  // Nonce attributes fixed at build time protect nothing; drop any that remain.
  html = html.replace(/\snonce="[^"]*"/g, '');
  writeFileSync(htmlPath, html);
  console.log(`externalize-loader: moved ${moved} inline module script(s) out of ${page}`);
}
