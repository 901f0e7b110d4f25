// Rillet's CORS proxy: a Cloudflare Worker that fetches one feed for a Rillet page and adds the
// CORS headers the feed's own server did not send. Plain ES module, no build step, no dependencies.
//
//   GET /?url=<percent-encoded absolute http(s) URL>     (Rillet's template: https://…/?url={url})
//
// What it guards, and why (README.md gives the operator's view):
// - Only the origins in ALLOWED_ORIGINS may use it, so other sites cannot spend your quota.
// - Only public http(s) destinations on default ports; every redirect hop is checked again.
//   A Worker cannot resolve DNS, so a public name that resolves to a private address is not caught
//   here: Cloudflare's egress has no route into private networks, and these checks on the literal
//   URL are defence in depth.
// - Only feed-like content types, at most MAX_BYTES, within TIMEOUT_MS.
// - Nothing about the reader travels upstream: no cookies, no IP headers, no Origin or Referer.
//   Because of that, the upstream answer does not depend on who asked, so the edge cache is keyed
//   by the target URL alone and one cached copy serves every allowed origin.

const MAX_REDIRECTS = 5;
const MAX_URL_LENGTH = 4096;
const MAX_EDGE_TTL = 86400; // a feed that says max-age=1y is still looked at again within a day
const DEFAULTS = { MAX_BYTES: 20 * 1024 * 1024, CACHE_TTL: 300, TIMEOUT_MS: 15000 };
const DEFAULT_CONTACT = "https://example.com/rillet#why-some-feeds-need-a-proxy-cors";
const METHODS = "GET, HEAD, OPTIONS";
const EXPOSED = "ETag, Last-Modified, Content-Type, Cache-Control, X-Final-Url, X-Cache";
const ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, " +
  "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.1";
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);
// The only upstream headers passed back; everything else (Set-Cookie first of all) is dropped.
const PASS_BACK = ["content-type", "etag", "last-modified", "cache-control"];
// XML, RSS, Atom, RDF, JSON (Feed), HTML (for autodiscovery), plain text. Not image/svg+xml.
const FEED_TYPE = /^(?:text\/(?:xml|html|plain|[\w.+-]+\+xml)|application\/(?:xml|json|[\w.+-]+\+(?:xml|json)|(?:x-)?(?:rss|atom|rdf)))$/;

// Each entry: CIDR ranges, then why. Metadata services: 169.254.169.254 (AWS, GCP, Azure),
// 100.100.100.200 (Alibaba, in CGNAT), 192.0.0.192 (Oracle), fd00:ec2::254 (AWS, in fc00::/7).
const V4_REFUSED = [
  "0.0.0.0/8", "127.0.0.0/8", // unspecified ("this network"), loopback
  "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", // private, carrier-grade NAT
  "169.254.0.0/16", "192.0.0.0/24", // link-local, IETF protocol assignments
  "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "198.18.0.0/15", // documentation, benchmarks
  "192.88.99.0/24", "224.0.0.0/4", "240.0.0.0/4", // 6to4 relays, multicast, reserved + broadcast
].map((cidr) => { const [a, bits] = cidr.split("/"); return [parseIPv4(a), Number(bits)]; });

// No feed lives on an IPv6 form that embeds IPv4 (mapped, translated, NAT64, 6to4, Teredo), so
// those are refused whole instead of decoded: nothing can slip through a decoder we got wrong.
const V6_REFUSED = [
  "::/96", "::ffff:0:0/96", "::ffff:0:0:0/96", // ::, ::1, IPv4-compatible, -mapped, -translated
  "64:ff9b::/96", "64:ff9b:1::/48", "2001::/32", "2002::/16", // NAT64, Teredo, 6to4
  "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", // unique local, link-local, site-local, multicast
  "100::/64", "2001:db8::/32", // discard-only, documentation
].map((cidr) => { const [a, bits] = cidr.split("/"); return [parseIPv6(a), BigInt(bits)]; });

// Names that only mean something inside a network: mDNS, split-horizon DNS, RFC 6761/8375 names.
const INTERNAL_SUFFIXES = ["localhost", "localdomain", "local", "internal", "intranet", "lan",
  "home", "corp", "private", "home.arpa", "test", "invalid"];

// A refusal carries the status and words the caller gets; anything else thrown is a bug (500).
class Refusal extends Error {
  constructor(status, message, headers = {}) {
    super(message);
    Object.assign(this, { status, headers });
  }
}

export default {
  async fetch(request, env, ctx) {
    const allow = allowedOrigin(request.headers.get("Origin"), env);
    try {
      return await handle(request, env, ctx, allow);
    } catch (caught) {
      const err = caught instanceof Refusal ? caught : new Refusal(500, "the proxy failed unexpectedly");
      if (err.status === 500) console.error(caught);
      const headers = new Headers({ ...err.headers, "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
      return respond(err.status, JSON.stringify({ error: err.message, status: err.status }), headers, allow);
    }
  },
};

async function handle(request, env, ctx, allow) {
  const { method } = request;
  if (method === "OPTIONS") return preflight(allow);
  if (method !== "GET" && method !== "HEAD") {
    throw new Refusal(405, `method ${method} is not allowed; use GET`, { Allow: METHODS });
  }
  if (!allow) throw new Refusal(403, "this origin may not use the proxy (see ALLOWED_ORIGINS)");

  const self = new URL(request.url);
  const target = parseTarget(self.searchParams.get("url"));
  // Cloudflare's runtime (and wrangler dev, which imitates it) sets `request.cf`; there the
  // test-only switch is ignored, so a stray variable can never open private addresses.
  const policy = {
    selfHost: self.host,
    ports: String(env.ALLOWED_PORTS || "").split(",").map((p) => p.trim()).filter(Boolean),
    allowPrivate: env.ALLOW_PRIVATE_ADDRESSES_FOR_TESTS === "true" && !request.cf,
  };
  checkTarget(target, policy);

  // The key lives on our own host (the Cache API is per zone) and names only the target.
  const cache = globalThis.caches?.default;
  const key = new Request(`${self.origin}/__cache?url=${encodeURIComponent(target.href)}`);
  const hit = cache && (await cache.match(key));
  if (hit) return fromCache(hit, request, allow);

  const { res, url, body } = await fetchUpstream(target, request, env, policy);
  const headers = new Headers();
  for (const name of PASS_BACK) if (res.headers.has(name)) headers.set(name, res.headers.get(name));
  headers.set("X-Final-Url", url.href);

  const ttl = edgeTtl(res.headers.get("Cache-Control"), number(env.CACHE_TTL, DEFAULTS.CACHE_TTL));
  if (cache && method === "GET" && res.status === 200 && body && ttl > 0) {
    // The stored copy tells the Cache API how long to keep it; the feed's own Cache-Control is
    // kept aside and given back to readers unchanged.
    const stored = new Headers(headers);
    stored.set("Cache-Control", `public, max-age=${ttl}`);
    if (headers.has("Cache-Control")) stored.set("X-Upstream-Cache-Control", headers.get("Cache-Control"));
    // Its own copy of the bytes: no runtime may detach the buffer the reader's answer uses.
    ctx.waitUntil(cache.put(key, new Response(body.slice(0), { status: 200, headers: stored })));
  }
  headers.set("X-Cache", "MISS");
  return respond(res.status, body, headers, allow);
}

function preflight(allow) {
  if (!allow) throw new Refusal(403, "this origin may not use the proxy (see ALLOWED_ORIGINS)");
  return respond(204, null, new Headers({
    "Access-Control-Allow-Methods": METHODS,
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
  }), allow);
}

// Every answer, errors included, goes through here: CORS headers for an allowed origin (so the
// page can read even an error), and no way for a proxied HTML page to run as our origin.
function respond(status, body, headers, allow) {
  headers.set("Vary", "Origin");
  if (allow) {
    headers.set("Access-Control-Allow-Origin", allow);
    headers.set("Access-Control-Expose-Headers", EXPOSED);
  }
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
  return new Response(NULL_BODY.has(status) ? null : body, { status, headers });
}

function allowedOrigin(origin, env) {
  const list = String(env.ALLOWED_ORIGINS || "").split(",").map((o) => o.trim().replace(/\/+$/, "")).filter(Boolean);
  if (list.includes("*")) return "*";
  // A browser always sends Origin on a cross-origin fetch; a request without one (an address
  // typed into the URL bar, a script) is refused unless the operator chose "*".
  return origin && list.includes(origin) ? origin : null;
}

function resolve(location, base) {
  try {
    const url = location ? new URL(location, base) : null;
    if (url) url.hash = ""; // never sent to a server; kept out of the cache key
    return url;
  } catch {
    return null;
  }
}

function parseTarget(raw) {
  if (!raw) throw new Refusal(400, "missing ?url= (the percent-encoded feed address)");
  if (raw.length > MAX_URL_LENGTH) throw new Refusal(400, `the url is longer than ${MAX_URL_LENGTH} characters`);
  const url = resolve(raw);
  if (!url) throw new Refusal(400, "?url= is not an absolute URL");
  return url;
}

// The same rules for the first URL and for every redirect target.
function checkTarget(url, policy) {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Refusal(400, "only http: and https: URLs are proxied");
  if (url.username || url.password) throw new Refusal(400, "URLs with credentials are refused");
  // WHATWG URL leaves `port` empty for the scheme's default, so :80 on http and :443 on https pass.
  if (url.port && !policy.ports.includes(url.port)) throw new Refusal(403, `port ${url.port} is refused (see ALLOWED_PORTS)`);
  if (url.host === policy.selfHost) throw new Refusal(403, "the proxy does not fetch through itself");
  if (!policy.allowPrivate && isPrivateHost(url.hostname)) {
    throw new Refusal(403, `${url.hostname} is a private, local or reserved address`);
  }
}

// The WHATWG URL parser (the same in Node and workerd) already turns 2130706433, 0x7f.1, 127.1
// and ::ffff:127.0.0.1 into canonical form; the parsers here accept the odd forms too so the check
// does not depend on that.
function isPrivateHost(hostname) {
  const name = hostname.toLowerCase().replace(/\.+$/, "");
  if (name.startsWith("[")) {
    const ip = parseIPv6(name.slice(1, -1));
    return ip === null || V6_REFUSED.some(([base, bits]) => ip >> (128n - bits) === base >> (128n - bits));
  }
  const v4 = parseIPv4(name);
  if (v4 !== null) return isPrivateV4(v4);
  if (!name.includes(".")) return true; // a single label is resolved through a search domain
  if (INTERNAL_SUFFIXES.some((s) => name === s || name.endsWith(`.${s}`))) return true;
  // Wildcard DNS services spell the address in the name: 127.0.0.1.nip.io, 10-0-0-1.sslip.io.
  const tokens = name.split(/[.-]/);
  for (let i = 0; i + 4 <= tokens.length; i++) {
    const quad = tokens.slice(i, i + 4);
    if (quad.every((t) => /^\d{1,3}$/.test(t) && Number(t) < 256) &&
      isPrivateV4(quad.reduce((acc, t) => acc * 256 + Number(t), 0))) return true;
  }
  return false;
}

function isPrivateV4(ip) {
  return V4_REFUSED.some(([base, bits]) => Math.floor(ip / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

// inet_aton's forms: 1 to 4 parts, each decimal, 0-octal or 0x-hex; the last part fills the rest.
function parseIPv4(host) {
  const parts = host.split(".");
  if (parts.length > 4 || !parts.every((p) => /^(?:0x[0-9a-f]*|0[0-7]*|[1-9]\d*)$/i.test(p))) return null;
  const nums = parts.map((p) => (/^0x/i.test(p) ? parseInt(p.slice(2) || "0", 16) : /^0\d/.test(p) ? parseInt(p, 8) : Number(p)));
  const last = nums.pop();
  if (nums.some((n) => n > 255) || last >= 256 ** (4 - nums.length)) return null;
  return nums.reduce((acc, n, i) => acc + n * 256 ** (3 - i), 0) + last;
}

function parseIPv6(text) {
  let s = text.toLowerCase();
  const dotted = /(?:^|:)([\d.]+)$/.exec(s); // a trailing IPv4 part: ::ffff:127.0.0.1
  if (dotted && dotted[1].includes(".")) {
    const v4 = parseIPv4(dotted[1]);
    if (v4 === null) return null;
    s = s.slice(0, -dotted[1].length) + `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const gap = 8 - head.length - tail.length;
  if (halves.length === 1 ? gap !== 0 : gap < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? gap : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

// Redirects are followed by hand so every hop meets checkTarget; one timer covers every hop and
// the body, so a feed that trickles forever still ends in a 504.
async function fetchUpstream(target, request, env, policy) {
  const ms = number(env.TIMEOUT_MS, DEFAULTS.TIMEOUT_MS);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    let url = target;
    for (let hop = 0; ; hop++) {
      const res = await fetch(url.href, {
        method: request.method,
        headers: upstreamHeaders(request, env),
        redirect: "manual",
        signal: controller.signal,
      });
      if (!REDIRECTS.has(res.status)) {
        return { res, url, body: await readBody(res, request.method, number(env.MAX_BYTES, DEFAULTS.MAX_BYTES)) };
      }
      await res.body?.cancel();
      if (hop === MAX_REDIRECTS) throw new Refusal(502, `the feed redirects more than ${MAX_REDIRECTS} times`);
      const next = resolve(res.headers.get("Location"), url);
      if (!next) throw new Refusal(502, "the feed's server redirects without a usable Location");
      try {
        checkTarget(next, policy);
      } catch (err) {
        // A bad scheme or credentials in a redirect is the upstream's fault, not the caller's.
        throw new Refusal(err.status === 400 ? 502 : err.status, `redirect to ${next.href} refused: ${err.message}`);
      }
      url = next;
    }
  } catch (err) {
    if (err instanceof Refusal) throw err;
    if (controller.signal.aborted) throw new Refusal(504, `the feed's server did not answer within ${ms} ms`);
    throw new Refusal(502, "could not fetch the feed from its server");
  } finally {
    clearTimeout(timer);
  }
}

// Built from nothing: the reader's cookies, IP headers (X-Forwarded-For, CF-Connecting-IP …),
// Origin and Referer never reach the feed's server. Only revalidation headers pass through.
function upstreamHeaders(request, env) {
  const headers = new Headers({ "User-Agent": `RilletCorsProxy/1 (+${env.CONTACT_URL || DEFAULT_CONTACT})`, Accept: ACCEPT });
  for (const name of ["If-None-Match", "If-Modified-Since"]) {
    if (request.headers.has(name)) headers.set(name, request.headers.get(name));
  }
  return headers;
}

// The body is read as a stream and counted; past the cap the stream is cancelled and the reader
// gets a clean 413 (a response already started could only be cut off mid-way). Buffering up to
// MAX_BYTES is also what lets one copy go to the reader and one to the cache.
async function readBody(res, method, max) {
  const type = (res.headers.get("Content-Type") || "").split(";")[0].trim().toLowerCase();
  if (!FEED_TYPE.test(type)) {
    await res.body?.cancel();
    if (res.ok) throw new Refusal(415, `${type || "a missing content type"} is not a feed, HTML or text`);
    return null; // an error page we will not relay; its status still reaches the reader
  }
  if (method === "HEAD" || NULL_BODY.has(res.status) || !res.body) return null;
  // Content-Length counts encoded bytes, the cap decoded ones: it only lets us refuse early.
  if (Number(res.headers.get("Content-Length")) > max) {
    await res.body.cancel();
    throw new Refusal(413, `the feed is larger than ${max} bytes`);
  }
  const reader = res.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new Refusal(413, `the feed is larger than ${max} bytes`);
    }
    chunks.push(value);
  }
  return new Blob(chunks).arrayBuffer();
}

function fromCache(hit, request, allow) {
  const headers = new Headers();
  for (const name of ["content-type", "etag", "last-modified", "x-final-url"]) {
    if (hit.headers.has(name)) headers.set(name, hit.headers.get(name));
  }
  if (hit.headers.has("X-Upstream-Cache-Control")) headers.set("Cache-Control", hit.headers.get("X-Upstream-Cache-Control"));
  headers.set("X-Cache", "HIT");
  const status = notModified(request, headers) ? 304 : 200;
  if (status === 304 || request.method === "HEAD") void hit.body?.cancel();
  return respond(status, request.method === "HEAD" ? null : hit.body, headers, allow);
}

// RFC 9110 §13.1: If-None-Match (weak comparison) wins over If-Modified-Since.
function notModified(request, headers) {
  const inm = request.headers.get("If-None-Match");
  const etag = headers.get("ETag");
  if (inm) {
    const strip = (t) => t.trim().replace(/^W\//, "");
    return inm.split(",").some((t) => t.trim() === "*" || (etag && strip(t) === strip(etag)));
  }
  const since = Date.parse(request.headers.get("If-Modified-Since") || "");
  const modified = Date.parse(headers.get("Last-Modified") || "");
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

// How long the edge keeps a 200: the feed's s-maxage or max-age (capped at a day), none when it
// says no-store, private or no-cache, and CACHE_TTL when it says nothing.
function edgeTtl(cacheControl, fallback) {
  const cc = (cacheControl || "").toLowerCase();
  if (/(?:^|[\s,])(?:no-store|private|no-cache)\b/.test(cc)) return 0;
  const age = /(?:^|[\s,])s-maxage\s*=\s*"?(\d+)/.exec(cc) || /(?:^|[\s,])max-age\s*=\s*"?(\d+)/.exec(cc);
  return Math.min(age ? Number(age[1]) : fallback, MAX_EDGE_TTL);
}

function number(value, fallback) {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
}
