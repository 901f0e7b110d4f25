// Local servers the fetching specs need beyond harness.mjs: programmable feed hosts and a CORS
// proxy. All on 127.0.0.1.
import { listen } from './harness.mjs';

/**
 * A host whose paths are answered by handlers `(req, res, hit) => void`. Every request is
 * recorded as `{ path, origin, ifNoneMatch }` in `hits`.
 */
export async function serveHost(handlers) {
  const hits = [];
  const server = await listen((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const hit = { path, origin: req.headers.origin || null, ifNoneMatch: req.headers['if-none-match'] || null };
    hits.push(hit);
    const handler = handlers[path];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    handler(req, res, hit);
  });
  return { ...server, hits };
}

/** A CORS proxy in the shape Rillet expects: `GET /?url=<feed>` answers the feed with ACAO. */
export async function serveProxy() {
  const hits = [];
  const server = await listen(async (req, res) => {
    const target = new URL(req.url, 'http://x').searchParams.get('url');
    hits.push(target);
    const cors = { 'access-control-allow-origin': '*' };
    if (!target || !target.startsWith('http://127.0.0.1:')) {
      res.writeHead(400, cors).end('bad url');
      return;
    }
    try {
      const upstream = await fetch(target, { headers: { 'x-proxied': '1' } });
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, {
        ...cors,
        'content-type': upstream.headers.get('content-type') || 'application/octet-stream',
      });
      res.end(body);
    } catch {
      res.writeHead(502, cors).end('upstream failed');
    }
  });
  return { ...server, hits, template: `${server.origin}/?url={url}` };
}

/** Sends `body` with status 200 and the given headers. */
export function send(body, headers = {}) {
  return (req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8', ...headers });
    res.end(body);
  };
}

export const CORS = { 'access-control-allow-origin': '*' };
