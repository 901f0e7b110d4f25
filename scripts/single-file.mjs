// The single-file build: the whole app in ONE HTML file that opens from file:// (double-click
// it, mail it, put it on a USB stick) and still reads feeds from servers that send CORS headers,
// or through a proxy.
//   node scripts/single-file.mjs [OUT]        default dist-single/rillet.html
//
// Trunk's output cannot run from file:// (module scripts from origin null are refused, and the
// page cannot fetch the files beside it), so this build:
// - compiles the app (cargo, release profile), and binds it with wasm-bindgen --target
//   no-modules: a classic script that defines a global `wasm_bindgen(…)`;
// - shrinks the wasm with wasm-opt -Oz, as Trunk does, and carries it as base64 in a data block
//   (<script type="application/wasm-base64">: a data block never runs and no policy applies to
//   it) that the start-up script decodes and passes to wasm_bindgen as bytes;
// - inlines every stylesheet of index.html into one <style>, the icon as a data: URL, and the
//   built-in feed as a data block that the app reads instead of fetching it
//   (browser::BUILTIN_FEED_BLOCK);
// - keeps a strict Content-Security-Policy: the one inline script and the one inline style are
//   allowed by their sha256 hashes, computed here; nothing else inline runs or applies.
// No service worker, manifest or widget: those need a web server.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const out = resolve(process.argv[2] || join(ROOT, 'dist-single/rillet.html'));
const target = resolve(ROOT, process.env.CARGO_TARGET_DIR || 'target');
const work = join(target, 'single-file');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });

// 1. The app's wasm, bound for a classic script, then optimized as Trunk would.
run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--bin', 'rillet']);
mkdirSync(work, { recursive: true });
run('wasm-bindgen', [
  '--target', 'no-modules', '--no-typescript', '--out-dir', work, '--out-name', 'rillet',
  join(target, 'wasm32-unknown-unknown/release/rillet.wasm'),
]);
run('wasm-opt', ['-Oz', '--output', join(work, 'rillet_bg.opt.wasm'), join(work, 'rillet_bg.wasm')]);
const wasm = readFileSync(join(work, 'rillet_bg.opt.wasm'));
const glue = readFileSync(join(work, 'rillet.js'), 'utf8');

// 2. The page: index.html, with every Trunk link resolved in place.
let html = readFileSync(join(ROOT, 'index.html'), 'utf8');
const styles = [];
let icon = '';
html = html.replace(/[ \t]*<link data-trunk ([^>]*?)\/?>\n?/g, (whole, attrs) => {
  const rel = attrs.match(/rel="([^"]+)"/)?.[1];
  const href = attrs.match(/href="([^"]+)"/)?.[1];
  if (rel === 'css') styles.push(readFileSync(join(ROOT, href), 'utf8'));
  if (rel === 'icon') icon = `data:image/svg+xml;base64,${readFileSync(join(ROOT, href)).toString('base64')}`;
  return ''; // rust and copy-file links: the code and the feed are inlined below
});
// What only a hosted copy has: the start script (service worker, widget redirect), the manifest;
// and the comments about files that are not there.
html = html
  .replace(/[ \t]*<!--(?! Every directive)[\s\S]*?-->\n/g, '')
  .replace(/[ \t]*<script src="\.\/start\.js"><\/script>\n/, '')
  .replace(/[ \t]*<link rel="(manifest|apple-touch-icon)"[^>]*>\n/g, '');
if (/start\.js|rel="manifest"|data-trunk/.test(html)) {
  throw new Error('single-file: index.html changed shape; update scripts/single-file.mjs');
}

const feed = readFileSync(join(ROOT, 'assets/forem_hadil_rss20.xml'), 'utf8');
// A data block ends at the first "</script"; "<!--" would change how the parser reads it.
if (/<\/script|<!--/i.test(feed)) throw new Error('single-file: the built-in feed cannot sit in a data block');

const css = `\n${styles.join('\n')}`;
const script = `
${glue}
// Start: the wasm is the data block below, as base64.
(() => {
  const text = document.getElementById('rillet-wasm').textContent.trim();
  const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(text) : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  wasm_bindgen({ module_or_path: bytes });
})();
`;
const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const policy = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval'`,
  `style-src ${hash(css)}`,
  'img-src http: https: data:',
  'media-src http: https: data:',
  'connect-src http: https:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');
// Function replacers: the inlined text may contain `$&` and the like.
html = html.replace(/(http-equiv="Content-Security-Policy"\s+content=")[^"]*"/, (_, start) => `${start}${policy}"`);
html = html.replace('</head>', () => `    <link rel="icon" href="${icon}" />\n    <style>${css}</style>\n  </head>`);
html = html.replace(
  '</body>',
  () =>
    `    <script type="application/xml" id="rillet-builtin-feed">${feed}</script>\n` +
    `    <script type="application/wasm-base64" id="rillet-wasm">${wasm.toString('base64')}</script>\n` +
    `    <script>${script}</script>\n  </body>`,
);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`single-file: ${out} (${(html.length / 1024).toFixed(0)} KB)`);
