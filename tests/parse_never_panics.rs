//! Property test: whatever the bytes, the parser returns (never panics, never hangs).
//! Deterministic pseudo-random inputs (no extra dependency): random bytes, random
//! XML-ish token soup, and corpus feeds with random byte edits, cuts and splices.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use rillet::normalize::normalized_json;
use rillet::parse::{parse_feed, ParseOptions};
use rillet::text::{excerpt, html_to_text, reading_minutes};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/feeds");

/// xorshift64*: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Parses and exercises everything a caller would touch; a slow input fails the test.
fn check(bytes: &[u8]) {
    let start = Instant::now();
    let result = parse_feed(
        bytes,
        &ParseOptions {
            base_url: Some("https://example.org/feed"),
            http_charset: None,
        },
    );
    let _ = normalized_json(&result);
    if let Ok(feed) = &result {
        for e in &feed.entries {
            if let Some(body) = e.body() {
                let _ = excerpt(&body.value, true, 200);
                let _ = reading_minutes(&body.value);
            }
        }
    }
    let text = String::from_utf8_lossy(bytes);
    let _ = html_to_text(&text);
    let _ = excerpt(&text, false, 50);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?} on {} bytes",
        start.elapsed(),
        bytes.len()
    );
}

const TOKENS: &[&str] = &[
    "<rss version=\"2.0\">",
    "<channel>",
    "<item>",
    "</item>",
    "<title>",
    "</title>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    "<entry>",
    "</entry>",
    "<link href=\"",
    "\"/>",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&",
    "&#x",
    "&#99999999;",
    "&nbsp;",
    "<",
    ">",
    "</",
    "<!--",
    "-->",
    "<?xml version=\"1.0\" encoding=\"utf-16\"?>",
    "<!DOCTYPE x [<!ENTITY a \"b\">]>",
    "xml:base=\"",
    "javascript:",
    "<pubDate>",
    "Mon, 32 Foo 99 25:61:60 +9999",
    "</pubDate>",
    "<content type=\"xhtml\"><div>",
    "</div></content>",
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[",
    "\u{FEFF}",
    "\0",
    "é",
    "\u{1F600}",
    "<rdf:RDF>",
    "<img src=",
];

// Why: arbitrary bytes must never panic the parser (issue 3, safety).
#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = rng.below(600);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        check(&bytes);
    }
}

// Why: token soup reaches the deep paths (nesting, CDATA, references, xml:base) that random
// bytes rarely do.
#[test]
fn token_soup_never_panics() {
    let mut rng = Rng(42);
    for _ in 0..3000 {
        let mut doc = String::new();
        for _ in 0..rng.below(80) {
            doc.push_str(TOKENS[rng.below(TOKENS.len())]);
            if rng.below(3) == 0 {
                doc.push_str("text ");
            }
        }
        check(doc.as_bytes());
    }
}

// Why: mutated real feeds (byte flips, cuts, duplicated spans) are the malformed input
// feeds actually produce.
#[test]
fn mutated_corpus_feeds_never_panic() {
    let mut names: Vec<_> = fs::read_dir(CORPUS)
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut rng = Rng(7);
    for path in names
        .iter()
        .filter(|p| fs::metadata(p).map(|m| m.len() < 150_000).unwrap_or(false))
    {
        let original = fs::read(Path::new(path)).expect("feed");
        for _ in 0..12 {
            let mut bytes = original.clone();
            for _ in 0..1 + rng.below(8) {
                if bytes.is_empty() {
                    break;
                }
                let at = rng.below(bytes.len());
                match rng.below(4) {
                    0 => bytes[at] = rng.next() as u8,
                    1 => bytes.truncate(at),
                    2 => {
                        let end = (at + rng.below(64)).min(bytes.len());
                        let span = bytes[at..end].to_vec();
                        let to = rng.below(bytes.len());
                        bytes.splice(to..to, span);
                    }
                    _ => {
                        let tok = TOKENS[rng.below(TOKENS.len())].as_bytes();
                        bytes.splice(at..at, tok.iter().copied());
                    }
                }
            }
            check(&bytes);
        }
    }
}

// Why: deep nesting is capped rather than recursing or allocating without bound.
#[test]
fn deep_nesting_is_capped() {
    let mut doc = String::from("<rss version=\"2.0\"><channel><item><title>deep</title>");
    doc.push_str(&"<x>".repeat(100_000));
    doc.push_str(&"</x>".repeat(100_000));
    doc.push_str("</item></channel></rss>");
    let feed = parse_feed(doc.as_bytes(), &ParseOptions::default()).expect("parses");
    assert_eq!(feed.entries[0].title.as_deref(), Some("deep"));
    assert!(feed.malformed.is_some());
}

// Why: oversized input is refused up front.
#[test]
fn too_large_is_refused() {
    let big = vec![b' '; rillet::parse::MAX_BYTES + 1];
    assert!(matches!(
        parse_feed(&big, &ParseOptions::default()),
        Err(rillet::parse::ParseError::TooLarge { .. })
    ));
}
