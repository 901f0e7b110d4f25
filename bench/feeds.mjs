// The feeds `make bench` serves, generated deterministically from the built-in feed's 12 items
// (assets/forem_hadil_rss20.xml), in memory; nothing large is committed.
//
//   node bench/feeds.mjs [DIR]   writes them to DIR (default target/bench-feeds) and prints sizes
//
// The generator is examples/bench_native.rs's `generate`, ported byte for byte (the
// `rss-5mb-short` shape of ../shared/PERF-ANCHORS.md): the seed's items repeated in turn, each
// with a unique `[#n] ` title prefix, a `-n<i>` link and guid suffix and its own pubDate (one
// hour apart, going back from the seed's newest item), each description cut to at most
// `maxDesc` bytes, never inside a character or a reference.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('..', import.meta.url).pathname);
export const SEED_PATH = join(ROOT, 'assets/forem_hadil_rss20.xml');

/** The feeds of the bench: name, entries, description cap (bytes), what it stands for. */
export const FEEDS = {
  // 1,000 entries in ~5 MB: bench_native's rss-5mb-1000.xml, byte for byte.
  '5mb': { file: 'rss-5mb-1000.xml', items: 1000, maxDesc: 4300 },
  // 10,000 short entries in ~15 MB (~1.5 KB each: ~680 bytes of item markup, ~820 of text).
  '15mb': { file: 'rss-15mb-10000.xml', items: 10000, maxDesc: 820 },
  // The empty app's baseline for memory: one short entry.
  tiny: { file: 'rss-tiny-1.xml', items: 1, maxDesc: 300 },
};

const B = (s) => Buffer.from(s, 'utf8');

/** RFC 2822 as chrono's `%a, %d %b %Y %H:%M:%S +0000` writes it. */
function rfc2822(unix) {
  const d = new Date(unix * 1000);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n) => String(n).padStart(2, '0');
  return `${day}, ${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** `items` entries cycling through the seed's items, descriptions cut to `maxDesc` bytes. */
export function generate(items, maxDesc, seed = readFileSync(SEED_PATH)) {
  const headEnd = seed.indexOf(B('<item>'));
  const parts = [seed.subarray(0, headEnd)];
  // Bodies between <item> and </item>, as `split("<item>").skip(1)` then up to "</item>".
  const bodies = [];
  for (let at = seed.indexOf(B('<item>')); at >= 0; at = seed.indexOf(B('<item>'), at + 6)) {
    const start = at + 6;
    const next = seed.indexOf(B('<item>'), start);
    const chunk = seed.subarray(start, next < 0 ? seed.length : next);
    const end = chunk.indexOf(B('</item>'));
    bodies.push(end < 0 ? chunk : chunk.subarray(0, end));
  }
  const newest = 1_776_171_643; // Tue, 14 Apr 2026 13:00:43 +0000, the seed's newest item
  for (let i = 0; i < items; i++) {
    const body = bodies[i % bodies.length];
    const d0 = body.indexOf(B('<description>')) + '<description>'.length;
    const d1 = body.indexOf(B('</description>'));
    let cut = Math.min(d1, d0 + maxDesc);
    while (cut < body.length && (body[cut] & 0xc0) === 0x80) cut--; // a UTF-8 boundary
    // Never cut inside a reference.
    const amp = body.subarray(d0, cut).lastIndexOf(0x26); // '&'
    if (amp >= 0 && !body.subarray(d0 + amp, cut).includes(0x3b)) cut = d0 + amp; // no ';'
    let head = body.subarray(0, d0).toString('utf8');
    const p0 = head.indexOf('<pubDate>') + '<pubDate>'.length;
    const p1 = head.indexOf('</pubDate>');
    head = head.slice(0, p0) + rfc2822(newest - 3600 * i) + head.slice(p1);
    head = head
      .replace('<title>', () => `<title>[#${i}] `)
      .replace('</link>', () => `-n${i}</link>`)
      .replace('</guid>', () => `-n${i}</guid>`);
    parts.push(B('<item>'), B(head), body.subarray(d0, cut), body.subarray(d1), B('</item>'));
  }
  parts.push(B('\n  </channel>\n</rss>\n'));
  return Buffer.concat(parts);
}

/** Every bench feed by key: `{ file, items, bytes: Buffer }`. */
export function makeFeeds() {
  const seed = readFileSync(SEED_PATH);
  const out = { default: { file: 'forem_hadil_rss20.xml', items: 12, bytes: seed } };
  for (const [key, f] of Object.entries(FEEDS)) {
    out[key] = { file: f.file, items: f.items, bytes: generate(f.items, f.maxDesc, seed) };
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(process.argv[2] || join(ROOT, 'target/bench-feeds'));
  mkdirSync(dir, { recursive: true });
  for (const f of Object.values(makeFeeds())) {
    writeFileSync(join(dir, f.file), f.bytes);
    const per = (f.bytes.length / f.items).toFixed(0);
    console.log(`${f.file}: ${f.bytes.length} bytes, ${f.items} entries (${per} bytes each)`);
  }
}
