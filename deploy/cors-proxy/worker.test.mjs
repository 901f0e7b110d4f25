// Tests for the CORS proxy Worker, run by plain Node 20 (node:test): no Cloudflare runtime, no
// dependencies. The Worker's fetch handler is called directly; `caches.default` is an in-memory
// stand-in; every upstream request is seen by a spy on globalThis.fetch. The only network traffic
// is to local servers on 127.0.0.1 that the tests start and stop.
//
//   node --test deploy/cors-proxy/
import { describe, it, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFile } from "node:fs/promises";
import worker from "./worker.js";

const ORIGIN = "https://rillet.example.com";
const OTHER = "https://reader.example.org";
const PROXY = "https://proxy.example.com/";
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title></channel></rss>';
const ETAG = '"v1"';
const LAST_MODIFIED = "Wed, 01 Jan 2025 00:00:00 GMT";

// ---- stand-ins for the Worker runtime --------------------------------------------------------

/** caches.default as Cloudflare's Cache API behaves for what this Worker stores. */
class MemoryCache {
  entries = new Map();
  offset = 0; // milliseconds added to the clock, to step past a TTL
  async match(request) {
    const entry = this.entries.get(typeof request === "string" ? request : request.url);
    if (!entry || Date.now() + this.offset >= entry.expires) return undefined;
    return new Response(entry.body, { status: entry.status, headers: entry.headers });
  }
  async put(request, response) {
    if (request.method !== "GET") throw new TypeError("Cache.put: only GET requests");
    if (response.status === 206 || /\*/.test(response.headers.get("Vary") || "")) throw new TypeError("Cache.put: refused");
    const cc = response.headers.get("Cache-Control") || "";
    // Cloudflare never stores these; the Worker should not even try.
    if (/no-store|private/.test(cc) || response.headers.has("Set-Cookie")) throw new Error("stand-in: uncacheable put");
    const maxAge = /max-age=(\d+)/.exec(cc);
    if (!maxAge) throw new Error("stand-in: the Worker must always give the stored copy a max-age");
    const body = await response.arrayBuffer();
    this.entries.set(request.url, {
      status: response.status, headers: new Headers(response.headers), body,
      maxAge: Number(maxAge[1]), expires: Date.now() + this.offset + Number(maxAge[1]) * 1000,
    });
  }
}

function makeCtx() {
  const pending = [];
  return { pending, waitUntil: (p) => pending.push(p), passThroughOnException() {} };
}

// Every fetch the Worker makes passes through here. `fake` answers instead of the network.
const realFetch = globalThis.fetch;
const upstream = { calls: [], fake: null };
globalThis.fetch = async (input, init) => {
  upstream.calls.push({ url: String(input), method: init?.method ?? "GET" });
  return upstream.fake ? upstream.fake(String(input), init) : realFetch(input, init);
};

let cache;
beforeEach(() => {
  cache = new MemoryCache();
  globalThis.caches = { default: cache };
  upstream.calls = [];
  upstream.fake = null;
});

/** Call the Worker as Cloudflare would. `origin: null` sends no Origin header. */
async function call(target, { env, method = "GET", origin = ORIGIN, headers = {}, raw, cf } = {}) {
  const h = new Headers(headers);
  if (origin !== null) h.set("Origin", origin);
  const request = new Request(raw ?? `${PROXY}?url=${encodeURIComponent(target)}`, { method, headers: h });
  if (cf) Object.defineProperty(request, "cf", { value: cf });
  const ctx = makeCtx();
  const res = await worker.fetch(request, env, ctx);
  await Promise.all(ctx.pending);
  res.ctx = ctx;
  return res;
}

const feedResponse = () => new Response(FEED, { headers: { "Content-Type": "application/rss+xml" } });

// ---- (a) destinations refused before any request is made -----------------------------------

describe("refused destinations (no test setting)", () => {
  const env = { ALLOWED_ORIGINS: ORIGIN };
  const REFUSED = [
    // IPv4 loopback in every spelling the URL parser accepts
    ["http://127.0.0.1/", "loopback"],
    ["http://127.1/", "loopback, short form"],
    ["http://2130706433/", "loopback, one decimal number"],
    ["http://0x7f.1/", "loopback, hex and short"],
    ["http://0x7f000001/", "loopback, one hex number"],
    ["http://0177.0.0.1/", "loopback, octal part"],
    ["http://017700000001/", "loopback, one octal number"],
    ["http://127.0.0.1./", "loopback, trailing dot"],
    ["http://１２７.０.０.１/", "loopback, full-width digits"],
    ["https://127.255.255.254:443/feed", "loopback, end of 127/8, explicit default port"],
    ["http://0.0.0.0/", "unspecified"],
    ["http://0/", "unspecified, short form"],
    ["http://10.0.0.1/", "private 10/8"],
    ["http://172.16.0.1/", "private 172.16/12"],
    ["http://172.31.255.255/", "private 172.16/12, last address"],
    ["http://192.168.1.1/", "private 192.168/16"],
    ["http://169.254.169.254/latest/meta-data/", "link-local, cloud metadata"],
    ["http://100.64.0.1/", "carrier-grade NAT"],
    ["http://100.100.100.200/", "CGNAT, Alibaba Cloud metadata"],
    ["http://192.0.0.192/", "IETF assignments, Oracle Cloud metadata"],
    ["http://224.0.0.1/", "multicast"],
    ["http://239.255.255.250/", "multicast (SSDP)"],
    ["http://255.255.255.255/", "broadcast"],
    ["http://240.0.0.1/", "reserved"],
    ["http://198.18.0.1/", "benchmarking"],
    // IPv6
    ["http://[::1]/", "IPv6 loopback"],
    ["http://[0:0:0:0:0:0:0:1]/", "IPv6 loopback, long form"],
    ["http://[::]/", "IPv6 unspecified"],
    ["http://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"],
    ["http://[::ffff:169.254.169.254]/", "IPv4-mapped metadata"],
    ["http://[::127.0.0.1]/", "IPv4-compatible loopback"],
    ["http://[64:ff9b::7f00:1]/", "NAT64 of 127.0.0.1"],
    ["http://[2002:7f00:1::]/", "6to4 of 127.0.0.1"],
    ["http://[fc00::1]/", "unique local fc00::/7"],
    ["http://[fdff:ffff::1]/", "unique local, fd half"],
    ["http://[fd00:ec2::254]/", "unique local, AWS IPv6 metadata"],
    ["http://[fe80::1]/", "link-local fe80::/10"],
    ["http://[febf::1]/", "link-local, end of fe80::/10"],
    ["http://[fec0::1]/", "site-local (deprecated)"],
    ["http://[ff02::1]/", "IPv6 multicast"],
    // names
    ["http://localhost/", "localhost"],
    ["http://LOCALHOST./", "localhost, upper case and trailing dot"],
    ["http://%6c%6fcalhost/", "localhost, percent-encoded"],
    ["http://feeds.localhost/", "*.localhost"],
    ["http://printer.local/", "*.local (mDNS)"],
    ["http://metadata.google.internal/computeMetadata/v1/", "*.internal, GCP metadata"],
    ["http://intranet/", "*.intranet"],
    ["http://instance-data/", "single-label name (AWS metadata alias)"],
    ["http://router.lan/", "*.lan"],
    ["http://nas.home.arpa/", "*.home.arpa"],
    ["http://127.0.0.1.nip.io/", "wildcard DNS spelling 127.0.0.1"],
    ["http://app-10-0-0-1.sslip.io/", "wildcard DNS spelling 10.0.0.1 with dashes"],
    // ports other than the scheme's default
    ["http://example.com:8080/feed.xml", "non-default port"],
    ["https://example.com:6379/", "non-default port (Redis)"],
    ["http://example.com:443/", "https port on http"],
  ];

  for (const [url, why] of REFUSED) {
    it(`403 ${url} (${why})`, async () => {
      upstream.fake = () => assert.fail(`no request may be made for ${url}`);
      const res = await call(url, { env });
      assert.equal(res.status, 403);
      assert.match((await res.json()).error, /refused|private|reserved/);
      assert.equal(res.headers.get("Access-Control-Allow-Origin"), ORIGIN, "the page can read why");
      assert.equal(upstream.calls.length, 0);
    });
  }

  it("refuses at least 30 forms", () => assert.ok(REFUSED.length >= 30));

  const BAD = [
    ["", "missing"],
    ["not a url", "not a URL"],
    ["/relative/feed.xml", "relative"],
    ["file:///etc/passwd", "file:"],
    ["ftp://example.com/feed.xml", "ftp:"],
    ["gopher://example.com/", "gopher:"],
    ["javascript:alert(1)", "javascript:"],
    ["data:application/rss+xml,<rss/>", "data:"],
    ["http://user:secret@example.com/feed.xml", "credentials"],
    ["http://user@example.com/feed.xml", "user name"],
    ["http://[fe80::1%25eth0]/", "IPv6 zone id"],
    [`https://example.com/${"a".repeat(5000)}`, "too long"],
  ];
  for (const [url, why] of BAD) {
    it(`400 ${why}`, async () => {
      upstream.fake = () => assert.fail("no request may be made");
      const res = await call(url, { env });
      assert.equal(res.status, 400);
      assert.equal(res.headers.get("Content-Type"), "application/json; charset=utf-8");
      assert.ok((await res.json()).error);
      assert.equal(upstream.calls.length, 0);
    });
  }

  it("400 when ?url= is absent", async () => {
    const res = await call(null, { env, raw: PROXY });
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /missing/);
  });

  it("403 for the proxy's own host (no loops)", async () => {
    upstream.fake = () => assert.fail("no request");
    const res = await call(`${PROXY}?url=https://example.com/`, { env });
    assert.equal(res.status, 403);
  });

  // Public addresses close to the refused ranges must still pass.
  const ALLOWED = [
    "https://example.com/feed.xml",
    "http://8.8.8.8/feed",
    "http://172.32.0.1/feed", // just past 172.16/12
    "http://100.128.0.1/feed", // just past 100.64/10
    "http://11.0.0.1/",
    "http://[2606:4700:4700::1111]/feed",
    "http://[fe00::1]/", // not fe80::/10
    "https://localhost.example.com/feed", // only a prefix
    "https://feeds.example.com:443/rss", // the default port spelled out
    "http://1.2.3.4.example.com/", // spells a public address
  ];
  for (const url of ALLOWED) {
    it(`passes ${url}`, async () => {
      upstream.fake = () => feedResponse();
      const res = await call(url, { env });
      assert.equal(res.status, 200);
      assert.equal(upstream.calls.length, 1);
      assert.equal(upstream.calls[0].url, new URL(url).href);
    });
  }

  // Each redirect hop is checked like the first URL; here the first host is public and answers
  // (through the fake) with a redirect to a refused place.
  const HOPS = [
    ["http://169.254.169.254/latest/meta-data/", 403],
    ["http://[::1]/", 403],
    ["http://2130706433/", 403],
    ["http://metadata.google.internal/", 403],
    ["https://example.net:8443/", 403],
    ["file:///etc/passwd", 502],
    ["http://user:pw@example.net/", 502],
  ];
  for (const [location, status] of HOPS) {
    it(`${status} for a redirect to ${location}`, async () => {
      upstream.fake = () => new Response(null, { status: 302, headers: { Location: location } });
      const res = await call("https://example.com/feed.xml", { env });
      assert.equal(res.status, status);
      assert.match((await res.json()).error, /redirect to .* refused/);
      assert.equal(upstream.calls.length, 1, "the refused hop is never requested");
    });
  }

  it("413 from Content-Length alone, without reading the body", async () => {
    let pulled = false;
    upstream.fake = () => new Response(new ReadableStream({
      pull(c) { pulled = true; c.enqueue(new TextEncoder().encode(FEED)); c.close(); },
    }, { highWaterMark: 0 }), {
      headers: { "Content-Type": "application/rss+xml", "Content-Length": String(30 * 1024 * 1024) },
    });
    const res = await call("https://example.com/huge.xml", { env });
    assert.equal(res.status, 413);
    assert.equal(pulled, false);
  });

  it("ignores the test-only setting on Cloudflare's network (request.cf present)", async () => {
    upstream.fake = () => assert.fail("no request");
    const res = await call("http://127.0.0.1/", {
      env: { ...env, ALLOW_PRIVATE_ADDRESSES_FOR_TESTS: "true" }, cf: { colo: "TEST" },
    });
    assert.equal(res.status, 403);
  });

  it("wrangler.toml never sets the test-only setting", async () => {
    const toml = await readFile(new URL("./wrangler.toml", import.meta.url), "utf8");
    assert.doesNotMatch(toml, /ALLOW_PRIVATE_ADDRESSES_FOR_TESTS/);
    assert.match(toml, /^main = "worker\.js"$/m);
  });
});

// ---- (b) proxying a local upstream, private addresses allowed by the test-only setting -------

describe("proxying a local upstream", () => {
  let server, other, port, otherPort, closedPort, env;
  const seen = [];
  const stalled = new Set();
  let otherHits = 0;
  let endlessClosed = false;

  function route(req, res) {
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    const send = (status, type, body, extra = {}) => {
      res.writeHead(status, { ...(type && { "Content-Type": type }), ...extra });
      res.end(body);
    };
    const redirect = (location, status = 302) => send(status, null, "", { Location: location });
    const path = req.url;
    let m;
    if (path === "/feed.xml") {
      const headers = { ETag: ETAG, "Last-Modified": LAST_MODIFIED, "Cache-Control": "max-age=60", "Set-Cookie": "session=abc; HttpOnly" };
      const fresh = req.headers["if-none-match"] === ETAG ||
        (req.headers["if-modified-since"] && Date.parse(req.headers["if-modified-since"]) >= Date.parse(LAST_MODIFIED));
      if (fresh) return send(304, null, undefined, headers);
      return send(200, "application/rss+xml; charset=utf-8", FEED, headers);
    }
    if (path === "/feed.json") return send(200, "application/feed+json", '{"version":"https://jsonfeed.org/version/1.1","items":[]}');
    if (path === "/page.html") return send(200, "text/html; charset=utf-8", '<link rel="alternate" type="application/rss+xml" href="/feed.xml">');
    if (path === "/notes.txt") return send(200, "text/plain", "plain");
    if (path === "/image.png") return send(200, "image/png", Buffer.alloc(64));
    if (path === "/image.svg") return send(200, "image/svg+xml", "<svg/>");
    if (path === "/binary") return send(200, "application/octet-stream", Buffer.alloc(64));
    if (path === "/untyped") return send(200, null, FEED);
    if (path === "/missing") return send(404, "text/html", "<h1>Not here</h1>");
    if (path === "/missing.png") return send(404, "image/png", Buffer.alloc(64));
    if (path === "/big") return send(200, "application/xml", "x".repeat(5000));
    if (path === "/endless") {
      // No Content-Length, never ends: only counting while streaming can stop it.
      res.writeHead(200, { "Content-Type": "application/xml" });
      const timer = setInterval(() => res.write("x".repeat(1000)), 2);
      res.on("close", () => { clearInterval(timer); endlessClosed = true; });
      return;
    }
    if (path === "/stall-headers") return stalled.add(res);
    if (path === "/stall-body") {
      res.writeHead(200, { "Content-Type": "application/rss+xml" });
      res.write("<rss>");
      return stalled.add(res);
    }
    if ((m = /^\/redirect\/(\d+)$/.exec(path))) {
      const n = Number(m[1]);
      return n === 0 ? send(200, "application/atom+xml", "<feed/>") : redirect(`/redirect/${n - 1}`, [301, 302, 303, 307, 308][n % 5]);
    }
    if (path === "/relative") return redirect("redirect/0", 301);
    if (path === "/loop") return redirect("/loop");
    if (path === "/to-file") return redirect("file:///etc/passwd");
    if (path === "/to-ftp") return redirect("ftp://127.0.0.1/feed.xml");
    if (path === "/to-javascript") return redirect("javascript:alert(1)");
    if (path === "/to-credentials") return redirect(`http://user:pw@127.0.0.1:${port}/feed.xml`);
    if (path === "/to-other-port") return redirect(`http://127.0.0.1:${otherPort}/feed.xml`);
    if (path === "/no-location") return send(302, null, "");
    if ((m = /^\/cache\/([\w-]+)/.exec(path))) {
      const cc = { "max-age": "max-age=60", "s-maxage": "s-maxage=120, max-age=5", none: null, "no-store": "no-store",
        private: "private, max-age=60", "no-cache": "no-cache", year: "public, max-age=31536000" }[m[1]];
      return send(200, "application/rss+xml", `${FEED}<!-- ${path} -->`, {
        ETag: `"${m[1]}"`, "Last-Modified": LAST_MODIFIED, ...(cc && { "Cache-Control": cc }),
      });
    }
    return send(500, "text/plain", "unknown fixture");
  }

  const listen = (s) => new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s.address().port)));
  const hits = (path) => seen.filter((r) => r.url === path).length;
  const local = (path) => `http://127.0.0.1:${port}${path}`;

  before(async () => {
    server = http.createServer(route);
    port = await listen(server);
    other = http.createServer((req, res) => { otherHits++; res.end(); });
    otherPort = await listen(other);
    const closed = http.createServer();
    closedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    env = {
      ALLOWED_ORIGINS: `${ORIGIN}, ${OTHER}/`,
      ALLOW_PRIVATE_ADDRESSES_FOR_TESTS: "true",
      ALLOWED_PORTS: `${port}, ${closedPort}`,
      MAX_BYTES: "4096",
      TIMEOUT_MS: "300",
      CACHE_TTL: "300",
    };
  });
  beforeEach(() => { seen.length = 0; });
  after(async () => {
    for (const res of stalled) res.destroy();
    server.closeAllConnections();
    other.closeAllConnections();
    await Promise.all([server, other].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it("passes the body and content type, with CORS for an allowed origin", async () => {
    const res = await call(local("/feed.xml"), { env });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), FEED);
    assert.equal(res.headers.get("Content-Type"), "application/rss+xml; charset=utf-8");
    assert.equal(res.headers.get("Access-Control-Allow-Origin"), ORIGIN);
    assert.equal(res.headers.get("Vary"), "Origin");
    assert.equal(res.headers.get("X-Final-Url"), local("/feed.xml"));
    assert.equal(res.headers.get("X-Content-Type-Options"), "nosniff");
    assert.match(res.headers.get("Content-Security-Policy"), /sandbox/);
  });

  it("passes ETag, Last-Modified and Cache-Control back, and exposes them", async () => {
    const res = await call(local("/feed.xml"), { env });
    assert.equal(res.headers.get("ETag"), ETAG);
    assert.equal(res.headers.get("Last-Modified"), LAST_MODIFIED);
    assert.equal(res.headers.get("Cache-Control"), "max-age=60");
    const exposed = res.headers.get("Access-Control-Expose-Headers").split(/,\s*/);
    for (const name of ["ETag", "Last-Modified", "Content-Type"]) assert.ok(exposed.includes(name), name);
  });

  it("answers each allowed origin with its own ACAO", async () => {
    const res = await call(local("/feed.xml"), { env, origin: OTHER });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("Access-Control-Allow-Origin"), OTHER);
  });

  it("403 for a disallowed origin, before any upstream request", async () => {
    const res = await call(local("/feed.xml"), { env, origin: "https://evil.example.net" });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get("Access-Control-Allow-Origin"), null);
    assert.equal(upstream.calls.length, 0);
  });

  it("403 without an Origin header unless * is configured", async () => {
    assert.equal((await call(local("/feed.xml"), { env, origin: null })).status, 403);
    const star = await call(local("/feed.xml"), { env: { ...env, ALLOWED_ORIGINS: "*" }, origin: null });
    assert.equal(star.status, 200);
    const starred = await call(local("/feed.xml"), { env: { ...env, ALLOWED_ORIGINS: "*" }, origin: OTHER });
    assert.equal(starred.headers.get("Access-Control-Allow-Origin"), "*");
  });

  it("403 for everyone when ALLOWED_ORIGINS is not set", async () => {
    const res = await call(local("/feed.xml"), { env: { ...env, ALLOWED_ORIGINS: "" } });
    assert.equal(res.status, 403);
  });

  it("strips cookies both ways and sends no client IP, Origin or Referer upstream", async () => {
    const res = await call(local("/feed.xml"), {
      env,
      headers: {
        Cookie: "reader=secret", Authorization: "Bearer secret", Referer: `${ORIGIN}/?feed=x`,
        "X-Forwarded-For": "203.0.113.7", "X-Real-IP": "203.0.113.7", "CF-Connecting-IP": "203.0.113.7",
        Forwarded: "for=203.0.113.7", "True-Client-IP": "203.0.113.7",
      },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("Set-Cookie"), null);
    assert.deepEqual(res.headers.getSetCookie(), []);
    const sent = seen.at(-1).headers;
    for (const name of ["cookie", "authorization", "referer", "origin", "x-forwarded-for", "x-real-ip",
      "cf-connecting-ip", "forwarded", "true-client-ip"]) {
      assert.equal(sent[name], undefined, name);
    }
    assert.match(sent["user-agent"], /^RilletCorsProxy\/1 \(\+https:\/\/example\.com\//);
    assert.match(sent.accept, /application\/rss\+xml/);
  });

  it("uses CONTACT_URL in the User-Agent when set", async () => {
    await call(local("/feed.xml"), { env: { ...env, CONTACT_URL: "https://example.com/my-proxy" } });
    assert.equal(seen.at(-1).headers["user-agent"], "RilletCorsProxy/1 (+https://example.com/my-proxy)");
  });

  it("passes If-None-Match upstream and a 304 back", async () => {
    const res = await call(local("/feed.xml"), { env, headers: { "If-None-Match": ETAG } });
    assert.equal(res.status, 304);
    assert.equal(await res.text(), "");
    assert.equal(res.headers.get("ETag"), ETAG);
    assert.equal(res.headers.get("Access-Control-Allow-Origin"), ORIGIN);
    assert.equal(seen.at(-1).headers["if-none-match"], ETAG);
    assert.equal(cache.entries.size, 0, "a 304 is not cached");
  });

  it("passes If-Modified-Since upstream and a 304 back", async () => {
    const res = await call(local("/feed.xml"), { env, headers: { "If-Modified-Since": LAST_MODIFIED } });
    assert.equal(res.status, 304);
    assert.equal(seen.at(-1).headers["if-modified-since"], LAST_MODIFIED);
  });

  for (const [path, type] of [["/feed.json", "application/feed+json"], ["/page.html", "text/html; charset=utf-8"], ["/notes.txt", "text/plain"]]) {
    it(`passes ${type} (${path})`, async () => {
      const res = await call(local(path), { env });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("Content-Type"), type);
    });
  }

  for (const path of ["/image.png", "/image.svg", "/binary", "/untyped"]) {
    it(`415 for a non-feed content type (${path})`, async () => {
      const res = await call(local(path), { env });
      assert.equal(res.status, 415);
      assert.equal(res.headers.get("Access-Control-Allow-Origin"), ORIGIN);
      assert.match((await res.json()).error, /not a feed/);
    });
  }

  it("passes an upstream 404 with its page, and drops a non-feed error body", async () => {
    const page = await call(local("/missing"), { env });
    assert.equal(page.status, 404);
    assert.equal(await page.text(), "<h1>Not here</h1>");
    const png = await call(local("/missing.png"), { env });
    assert.equal(png.status, 404);
    assert.equal(await png.text(), "");
  });

  it("413 for a body over MAX_BYTES announced by Content-Length", async () => {
    const res = await call(local("/big"), { env });
    assert.equal(res.status, 413);
    assert.match((await res.json()).error, /larger than 4096 bytes/);
  });

  it("413 for an endless body, stopping the download", async () => {
    endlessClosed = false;
    const res = await call(local("/endless"), { env });
    assert.equal(res.status, 413);
    for (let i = 0; i < 100 && !endlessClosed; i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(endlessClosed, "the upstream connection was closed");
  });

  it("follows a redirect chain of 5 hops with every redirect status", async () => {
    const res = await call(local("/redirect/5"), { env });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "<feed/>");
    assert.equal(res.headers.get("X-Final-Url"), local("/redirect/0"));
    assert.equal(seen.length, 6);
  });

  it("follows a relative Location", async () => {
    const res = await call(local("/relative"), { env });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("X-Final-Url"), local("/redirect/0"));
  });

  it("502 after more than 5 redirects", async () => {
    const res = await call(local("/redirect/6"), { env });
    assert.equal(res.status, 502);
    assert.match((await res.json()).error, /more than 5 times/);
    assert.equal(seen.length, 6, "the 7th URL is never requested");
    assert.equal((await call(local("/loop"), { env })).status, 502);
  });

  for (const path of ["/to-file", "/to-ftp", "/to-javascript", "/to-credentials", "/no-location"]) {
    it(`502 for a redirect to an unusable URL (${path})`, async () => {
      const res = await call(local(path), { env });
      assert.equal(res.status, 502);
      assert.equal(seen.length, 1);
    });
  }

  it("403 for a redirect to a port that is not allowed, even with private addresses on", async () => {
    otherHits = 0;
    const res = await call(local("/to-other-port"), { env });
    assert.equal(res.status, 403);
    assert.match((await res.json()).error, new RegExp(`port ${otherPort} is refused`));
    assert.equal(otherHits, 0);
  });

  it("504 when the server sends no headers within TIMEOUT_MS", { timeout: 5000 }, async () => {
    const started = Date.now();
    const res = await call(local("/stall-headers"), { env });
    assert.equal(res.status, 504);
    assert.match((await res.json()).error, /within 300 ms/);
    assert.ok(Date.now() - started < 3000);
  });

  it("504 when the body stalls", { timeout: 5000 }, async () => {
    const res = await call(local("/stall-body"), { env });
    assert.equal(res.status, 504);
  });

  it("502 when the server cannot be reached", async () => {
    const res = await call(`http://127.0.0.1:${closedPort}/feed.xml`, { env });
    assert.equal(res.status, 502);
    assert.equal(res.headers.get("Access-Control-Allow-Origin"), ORIGIN);
  });

  for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
    it(`405 for ${method}`, async () => {
      const res = await call(local("/feed.xml"), { env, method });
      assert.equal(res.status, 405);
      assert.equal(res.headers.get("Allow"), "GET, HEAD, OPTIONS");
      assert.equal(upstream.calls.length, 0);
    });
  }

  it("HEAD asks upstream with HEAD and answers headers only", async () => {
    const res = await call(local("/feed.xml"), { env, method: "HEAD" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("Content-Type"), "application/rss+xml; charset=utf-8");
    assert.equal(await res.text(), "");
    assert.equal(seen.at(-1).method, "HEAD");
    assert.equal(cache.entries.size, 0);
  });

  it("answers an OPTIONS preflight from an allowed origin", async () => {
    const res = await call(local("/feed.xml"), {
      env, method: "OPTIONS",
      headers: { "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match" },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("Access-Control-Allow-Origin"), ORIGIN);
    assert.equal(res.headers.get("Access-Control-Allow-Methods"), "GET, HEAD, OPTIONS");
    assert.match(res.headers.get("Access-Control-Allow-Headers"), /If-None-Match/i);
    assert.ok(Number(res.headers.get("Access-Control-Max-Age")) > 0);
    assert.equal(res.headers.get("Vary"), "Origin");
    assert.equal(upstream.calls.length, 0);
  });

  it("403 for a preflight from a disallowed origin", async () => {
    const res = await call(local("/feed.xml"), {
      env, method: "OPTIONS", origin: "https://evil.example.net", headers: { "Access-Control-Request-Method": "GET" },
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get("Access-Control-Allow-Origin"), null);
  });

  // ---- (c) the edge cache --------------------------------------------------------------------

  it("serves the second request from the edge cache, for any allowed origin", async () => {
    const first = await call(local("/cache/max-age"), { env });
    assert.equal(first.headers.get("X-Cache"), "MISS");
    assert.equal(first.ctx.pending.length, 1, "cache.put went through ctx.waitUntil");
    const body = await first.text();
    const second = await call(local("/cache/max-age"), { env, origin: OTHER });
    assert.equal(second.status, 200);
    assert.equal(second.headers.get("X-Cache"), "HIT");
    assert.equal(await second.text(), body);
    assert.equal(second.headers.get("Access-Control-Allow-Origin"), OTHER, "the key is the target, not the origin");
    assert.equal(second.headers.get("Content-Type"), "application/rss+xml");
    assert.equal(second.headers.get("Cache-Control"), "max-age=60", "the feed's own Cache-Control");
    assert.equal(second.headers.get("ETag"), '"max-age"');
    assert.equal(second.headers.get("X-Final-Url"), local("/cache/max-age"));
    assert.equal(hits("/cache/max-age"), 1);
  });

  it("answers conditional requests from the cache", async () => {
    await call(local("/cache/max-age"), { env });
    const etag = await call(local("/cache/max-age"), { env, headers: { "If-None-Match": 'W/"max-age"' } });
    assert.equal(etag.status, 304);
    assert.equal(etag.headers.get("ETag"), '"max-age"');
    const date = await call(local("/cache/max-age"), { env, headers: { "If-Modified-Since": LAST_MODIFIED } });
    assert.equal(date.status, 304);
    const stale = await call(local("/cache/max-age"), { env, headers: { "If-None-Match": '"old"' } });
    assert.equal(stale.status, 200);
    const head = await call(local("/cache/max-age"), { env, method: "HEAD" });
    assert.equal(head.headers.get("X-Cache"), "HIT");
    assert.equal(await head.text(), "");
    assert.equal(hits("/cache/max-age"), 1);
  });

  it("keeps a copy for the feed's max-age, then asks again", async () => {
    await call(local("/cache/max-age"), { env });
    cache.offset = 59_000;
    assert.equal((await call(local("/cache/max-age"), { env })).headers.get("X-Cache"), "HIT");
    cache.offset = 61_000;
    assert.equal((await call(local("/cache/max-age"), { env })).headers.get("X-Cache"), "MISS");
    assert.equal(hits("/cache/max-age"), 2);
  });

  it("uses s-maxage over max-age, CACHE_TTL when the feed says nothing, and caps at a day", async () => {
    await call(local("/cache/s-maxage"), { env });
    await call(local("/cache/none"), { env });
    await call(local("/cache/year"), { env });
    const ttl = (path) => [...cache.entries.entries()].find(([key]) => key.includes(encodeURIComponent(path)))[1].maxAge;
    assert.equal(ttl("/cache/s-maxage"), 120);
    assert.equal(ttl("/cache/none"), 300);
    assert.equal(ttl("/cache/year"), 86400);
    const none = await call(local("/cache/none"), { env });
    assert.equal(none.headers.get("X-Cache"), "HIT");
    assert.equal(none.headers.get("Cache-Control"), null, "no Cache-Control is invented for the reader");
  });

  for (const kind of ["no-store", "private", "no-cache"]) {
    it(`does not cache a ${kind} answer`, async () => {
      await call(local(`/cache/${kind}`), { env });
      const again = await call(local(`/cache/${kind}`), { env });
      assert.equal(again.headers.get("X-Cache"), "MISS");
      assert.equal(hits(`/cache/${kind}`), 2);
    });
  }

  it("does not cache errors, and CACHE_TTL=0 turns caching off", async () => {
    await call(local("/missing"), { env });
    await call(local("/image.png"), { env });
    assert.equal(cache.entries.size, 0);
    await call(local("/cache/none"), { env: { ...env, CACHE_TTL: "0" } });
    assert.equal(cache.entries.size, 0);
  });

  it("keys by the target URL without its fragment", async () => {
    await call(local("/cache/max-age#one"), { env });
    const same = await call(local("/cache/max-age#two"), { env });
    assert.equal(same.headers.get("X-Cache"), "HIT");
    const different = await call(local("/cache/max-age?page=2"), { env });
    assert.equal(different.headers.get("X-Cache"), "MISS");
    assert.equal(cache.entries.size, 2);
  });

  it("checks origins before answering from the cache", async () => {
    await call(local("/cache/max-age"), { env });
    const res = await call(local("/cache/max-age"), { env, origin: "https://evil.example.net" });
    assert.equal(res.status, 403);
  });
});
