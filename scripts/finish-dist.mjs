// The last build step (scripts/build.sh), once both pages are in DIST:
// - sw.js: the service worker (assets/sw.js) with the list of files to precache (every file of
//   the build but the worker itself and host configuration) and a version that changes
//   whenever any of those files does;
// - _headers: cache headers in the format Netlify and Cloudflare Pages read, one exact path per
//   file, so no two rules overlap: hashed files immutable, everything else revalidated.
//   node scripts/finish-dist.mjs DIST_DIR
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node scripts/finish-dist.mjs DIST_DIR');
  process.exit(2);
}
const ROOT = new URL('..', import.meta.url).pathname;

// Not precached: the worker itself, and files only hosts read.
const HOST_FILES = new Set(['sw.js', '_headers', '_redirects', '.nojekyll']);
// Trunk's content hashes (name-<hex>.ext, name-<hex>_bg.wasm) and the loaders' (loader-<hex>.js).
// The same rule as HASHED in assets/sw.js.
const HASHED = /-[0-9a-f]{8,}(_bg)?\.[a-z]+$/;

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

const files = [...walk(dist)]
  .map((path) => relative(dist, path).split(sep).join('/'))
  .filter((path) => !HOST_FILES.has(path));
if (!files.includes('index.html') || !files.includes('embed.html')) {
  console.error(`finish-dist: ${dist} lacks index.html or embed.html; build both pages first`);
  process.exit(1);
}

// The service worker.
const version = createHash('sha256');
for (const path of files) version.update(path).update(readFileSync(join(dist, path)));
// './' is the folder's own address: the page most visits start from.
const precache = ['./', ...files];
const template = readFileSync(join(ROOT, 'assets/sw.js'), 'utf8');
const worker = template
  .replace(/^const VERSION = .*$/m, `const VERSION = '${version.digest('hex').slice(0, 16)}';`)
  .replace(/^const PRECACHE = .*$/m, `const PRECACHE = ${JSON.stringify(precache, null, 2)};`);
if (worker === template) {
  console.error('finish-dist: assets/sw.js no longer has the VERSION and PRECACHE lines to fill');
  process.exit(1);
}
writeFileSync(join(dist, 'sw.js'), worker);

// The cache headers.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const rules = [
  '# Cache headers for Netlify and Cloudflare Pages, written by scripts/finish-dist.mjs.',
  '# Paths assume the build is served at the root of the site (README.md, "Hosting").',
  '/*',
  '  X-Content-Type-Options: nosniff',
  '/',
  `  Cache-Control: ${REVALIDATE}`,
];
for (const path of [...files, 'sw.js']) {
  rules.push(`/${path}`, `  Cache-Control: ${HASHED.test(path) ? IMMUTABLE : REVALIDATE}`);
}
writeFileSync(join(dist, '_headers'), `${rules.join('\n')}\n`);

const hashed = files.filter((path) => HASHED.test(path)).length;
console.log(`finish-dist: sw.js precaches ${precache.length} addresses; _headers: ${hashed} immutable, ${files.length + 1 - hashed} revalidated`);
