// The outside world, as Firefox and WebKit see it during the tests: a proxy on 127.0.0.1 that
// every request beyond 127.0.0.1 is sent to, and that never forwards anything. It records each
// request and answers it itself: pictures with the same placeholder Chromium's routing serves
// (harness.mjs), everything else with 404. HTTPS is answered too, with a throwaway certificate
// made at start (the browsers are told to accept it for these placeholder hosts only through
// `acceptInsecureCerts`; the app under test is served over plain http from 127.0.0.1), so the
// log holds full https addresses, not just host names.
import { createServer } from 'node:http';
import { TLSSocket, createSecureContext } from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLACEHOLDER } from '../harness.mjs';

/** A self-signed certificate for any host name, valid for two days. */
function throwawayCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'rillet-outside-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
      '-subj', '/CN=placeholder.invalid',
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts the proxy. `requests` lists every address asked for, in order; `origin` is the proxy's
 * own address (http://127.0.0.1:PORT).
 */
export async function serveOutside() {
  const requests = [];
  const tls = createSecureContext(throwawayCertificate());
  // The host each decrypted connection was opened for (CONNECT host:port).
  const hostOf = new WeakMap();
  const server = createServer((req, res) => {
    const url = hostOf.has(req.socket) ? `https://${hostOf.get(req.socket)}${req.url}` : req.url;
    requests.push(url);
    const picture = /image\//.test(req.headers.accept || '') || /\.(png|jpe?g|gif|webp|avif|svg)(\?|$)/i.test(url);
    if (picture) {
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'access-control-allow-origin': '*' }).end(PLACEHOLDER);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('blocked by the test');
    }
  });
  server.on('connect', (req, socket, head) => {
    socket.on('error', () => {});
    if (head?.length) socket.unshift(head);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n', () => {
      const secure = new TLSSocket(socket, { isServer: true, secureContext: tls });
      secure.on('error', () => {});
      hostOf.set(secure, req.url.replace(/:443$/, ''));
      server.emit('connection', secure);
    });
  });
  server.on('clientError', (error, socket) => socket.destroy());
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    requests,
    port,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
