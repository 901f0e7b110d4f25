// The bench's local servers (127.0.0.1 only): a static site served as a real host would serve
// it (compressed, with the Cache-Control of the build's `_headers`), and a feed host with CORS.
//
// Every answer is prepared before the first request (read, compressed), so the server does
// almost no work while the browser is timed: the machine has two cores, shared.
// Compression follows a CDN or a web server with compression on (README, "Hosting"): brotli
// (quality 11, what a build step would precompress) or gzip for text, JS, CSS, SVG, XML and
// wasm, chosen by the request's Accept-Encoding; the generated feeds get gzip level 6 (a web
// server compressing on the fly; brotli 11 on 15 MB would take a minute here), and no brotli.
// `BENCH_COMPRESS=0` serves everything uncompressed.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants as Z } from 'node:zlib';
import { listen, MIME } from '../tests/e2e/harness.mjs';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.webmanifest', '.xml', '.txt']);
const COMPRESS = process.env.BENCH_COMPRESS !== '0';

/**
 * One prepared answer: `{ type, headers, raw, br?, gzip? }`. `kind` is 'static' (brotli 11 and
 * gzip 9) or 'feed' (gzip 6).
 */
export function prepare(body, name, { kind = 'static', headers = {} } = {}) {
  const ext = extname(name);
  const answer = { type: MIME[ext] || 'application/octet-stream', headers, raw: body };
  if (COMPRESS && COMPRESSIBLE.has(ext) && body.length > 256) {
    if (kind === 'static') {
      answer.br = brotliCompressSync(body, {
        params: { [Z.BROTLI_PARAM_QUALITY]: 11, [Z.BROTLI_PARAM_SIZE_HINT]: body.length },
      });
      answer.gzip = gzipSync(body, { level: 9 });
    } else {
      answer.gzip = gzipSync(body, { level: 6 });
    }
  }
  return answer;
}

/** Cache-Control per path from a Netlify-style `_headers` file (exact paths only). */
function readHeadersFile(file) {
  const out = {};
  if (!existsSync(file)) return out;
  let path = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      path = line.trim();
      continue;
    }
    const m = line.match(/^\s+([^:]+):\s*(.*)$/);
    if (m && path) (out[path] ??= {})[m[1].toLowerCase()] = m[2];
  }
  return out;
}

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

/** Every file under `dir` as `/relative/path` → prepared answer, with `_headers` applied. */
export function prepareDir(dir) {
  const rules = readHeadersFile(join(dir, '_headers'));
  const routes = {};
  for (const file of walk(dir)) {
    const path = `/${relative(dir, file).split('\\').join('/')}`;
    if (path === '/_headers') continue; // read by hosts, never served
    const headers = { ...(rules['/*'] || {}), ...(rules[path] || {}) };
    if (path === '/index.html' && rules['/']) Object.assign(headers, rules['/']);
    routes[path] = prepare(readFileSync(file), file, { headers });
  }
  return routes;
}

/**
 * Serves `routes` (path → prepared answer) on 127.0.0.1; `/` and paths ending in `/` answer
 * their `index.html`. `cors` adds `Access-Control-Allow-Origin: *` and `Timing-Allow-Origin: *`.
 * Every request is recorded in `hits` as `{ path, encoding }`.
 */
export async function serveRoutes(routes, { cors = false } = {}) {
  const hits = [];
  const server = await listen((req, res) => {
    const url = new URL(req.url, 'http://x');
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    const answer = routes[path];
    const common = cors ? { 'access-control-allow-origin': '*', 'timing-allow-origin': '*' } : {};
    if (!answer) {
      hits.push({ path, status: 404 });
      res.writeHead(404, { ...common, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const accept = String(req.headers['accept-encoding'] || '');
    const [encoding, body] =
      answer.br && /\bbr\b/.test(accept) ? ['br', answer.br]
        : answer.gzip && /\bgzip\b/.test(accept) ? ['gzip', answer.gzip]
          : [null, answer.raw];
    hits.push({ path, status: 200, encoding });
    res.writeHead(200, {
      ...common,
      ...answer.headers,
      'content-type': answer.type,
      'content-length': body.length,
      ...(encoding ? { 'content-encoding': encoding, vary: 'Accept-Encoding' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return { ...server, hits };
}
