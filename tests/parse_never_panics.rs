//! Property test: whatever the bytes, the parser returns (never panics, never hangs), and its
//! limits hold (nesting depth, input size, entity expansion).
//!
//! Deterministic pseudo-random inputs, no extra dependency: random bytes, XML-ish token soup,
//! generated feed-shaped trees (nested elements, attributes, namespaces, references, CDATA)
//! with random damage, and corpus feeds with random byte edits, cuts and splices. A failure
//! prints the input that caused it. Coverage-guided search over the same code is the fuzz
//! target in fuzz/ (README.md, "Fuzzing"); this is the quick net `cargo test` runs.

use std::fs;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use rillet::normalize::normalized_json;
use rillet::parse::{parse_feed, parse_feed_str, ParseError, ParseOptions, MAX_BYTES};
use rillet::text::{excerpt, html_to_text, reading_minutes};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/feeds");

/// The parser's nesting cap (src/parse/xml.rs `MAX_DEPTH`).
const MAX_DEPTH: usize = 256;

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
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// Parses and exercises everything a caller would touch; a panic or a slow input fails the
/// test, and the input is printed so the failure can be replayed.
fn check(what: &str, bytes: &[u8]) {
    let run = catch_unwind(AssertUnwindSafe(|| {
        let start = Instant::now();
        exercise(bytes);
        start.elapsed()
    }));
    let failure = match run {
        Ok(took) if took < Duration::from_secs(5) => return,
        Ok(took) => format!("took {took:?}"),
        Err(panic) => {
            eprintln!("{what}: panicked on {}", shown(bytes));
            resume_unwind(panic);
        }
    };
    panic!("{what}: {failure} on {}", shown(bytes));
}

/// The input, escaped, cut to a readable length.
fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(2000)]);
    format!("{} bytes: {text:?}", bytes.len())
}

fn exercise(bytes: &[u8]) {
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
    for case in 0..3000 {
        let len = rng.below(600);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        check(&format!("random bytes, case {case}"), &bytes);
    }
}

// Why: token soup reaches the deep paths (nesting, CDATA, references, xml:base) that random
// bytes rarely do.
#[test]
fn token_soup_never_panics() {
    let mut rng = Rng(42);
    for case in 0..3000 {
        let mut doc = String::new();
        for _ in 0..rng.below(80) {
            doc.push_str(TOKENS[rng.below(TOKENS.len())]);
            if rng.below(3) == 0 {
                doc.push_str("text ");
            }
        }
        check(&format!("token soup, case {case}"), doc.as_bytes());
    }
}

/// Element names the readers look for, and some they do not.
const NAMES: &[&str] = &[
    "title",
    "link",
    "description",
    "content:encoded",
    "pubDate",
    "dc:date",
    "updated",
    "published",
    "guid",
    "id",
    "author",
    "name",
    "email",
    "category",
    "enclosure",
    "media:group",
    "media:content",
    "media:thumbnail",
    "itunes:image",
    "itunes:duration",
    "atom:link",
    "summary",
    "content",
    "div",
    "p",
    "ITEM",
    "Entry",
    "x:unknown",
];
const ATTRS: &[&str] = &[
    " href=\"/a?b=1&amp;c=2\"",
    " url=\"http://e.org/p.jpg\"",
    " rel=\"alternate\"",
    " rel=\"enclosure\" length=\"12\"",
    " type=\"html\"",
    " type=\"xhtml\"",
    " mode=\"base64\"",
    " xml:base=\"sub/\"",
    " xml:base=\"http://other.example/x/\"",
    " xmlns=\"http://www.w3.org/2005/Atom\"",
    " xmlns:media=\"http://search.yahoo.com/mrss/\"",
    " xmlns:x=\"urn:x\"",
    " isPermaLink=\"false\"",
    " term=\"t\" label=\"L\"",
    " medium=\"image\"",
    " broken=\"unclosed",
    " a='&#x1F600;&bogus;'",
];
const TEXTS: &[&str] = &[
    "plain text",
    "A &amp; B &lt;p&gt;escaped&lt;/p&gt;",
    "&#8217;&#x2019;&eacute;&nbsp;&#0;&#xD800;",
    "bare & ampersand &",
    "Tue, 10 Jun 2003 04:00:00 GMT",
    "2003-12-31T10:14:55Z",
    "https://example.org/post?id=1",
    "javascript:alert(1)",
    "email@example.org (Name)",
    "<![CDATA[<p>cdata &amp; </p>]]>",
    "<!-- comment -->",
    "line\r\nends\r",
    "&lt;img src=&quot;/i.png&quot;&gt;",
    "SGVsbG8=",
    "12:34",
    "",
];

/// A random element tree, `depth` levels at most, written as XML.
fn element(rng: &mut Rng, depth: usize, out: &mut String) {
    let name = rng.pick(NAMES);
    out.push('<');
    out.push_str(name);
    for _ in 0..rng.below(3) {
        out.push_str(rng.pick(ATTRS));
    }
    if rng.below(6) == 0 {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for _ in 0..rng.below(4) {
        if depth > 0 && rng.below(2) == 0 {
            element(rng, depth - 1, out);
        } else {
            out.push_str(rng.pick(TEXTS));
        }
    }
    // Sometimes unclosed, or closed with another name.
    match rng.below(12) {
        0 => {}
        1 => out.push_str("</other>"),
        _ => {
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

// Why: feed-shaped documents reach every reader (RSS items, Atom entries, media, xml:base,
// text constructs), and cutting them makes the recovery paths run.
#[test]
fn generated_feed_trees_never_panic() {
    let mut rng = Rng(0x5EED);
    let roots = [
        ("<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>", "item", "</channel></rss>"),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.org/\">", "entry", "</feed>"),
        ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel/>", "item", "</rdf:RDF>"),
        ("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">", "entry", "</feed>"),
    ];
    for case in 0..1500 {
        let (open, item, close) = roots[rng.below(roots.len())];
        let mut doc = String::from(open);
        for _ in 0..1 + rng.below(4) {
            doc.push('<');
            doc.push_str(item);
            doc.push('>');
            for _ in 0..rng.below(6) {
                element(&mut rng, 4, &mut doc);
            }
            doc.push_str("</");
            doc.push_str(item);
            doc.push('>');
        }
        doc.push_str(close);
        check(&format!("generated tree, case {case}"), doc.as_bytes());
        let mut cut = rng.below(doc.len());
        while !doc.is_char_boundary(cut) {
            cut -= 1;
        }
        check(
            &format!("generated tree cut, case {case}"),
            &doc.as_bytes()[..cut],
        );
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
        for case in 0..12 {
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
            check(&format!("{} mutation {case}", path.display()), &bytes);
        }
    }
}

fn rss_with(item_body: &str) -> String {
    format!("<rss version=\"2.0\"><channel><item><title>first</title>{item_body}</item><item><title>after</title></item></channel></rss>")
}

// Why: deep nesting is capped rather than recursing or allocating without bound: what lies
// past the cap is dropped, the parse goes on, and the feed says it was malformed.
#[test]
fn deep_nesting_is_capped() {
    let deep = format!("{}{}", "<x>".repeat(100_000), "</x>".repeat(100_000));
    let feed = parse_feed(rss_with(&deep).as_bytes(), &ParseOptions::default()).expect("parses");
    let titles: Vec<_> = feed.entries.iter().map(|e| e.title.as_deref()).collect();
    assert_eq!(titles, [Some("first"), Some("after")]);
    assert_eq!(
        feed.malformed.as_deref(),
        Some("elements nested too deeply")
    );

    // Unclosed all the way down: the same, with the document ending inside.
    let open = rss_with(&"<x>".repeat(100_000));
    let feed = parse_feed(open.as_bytes(), &ParseOptions::default()).expect("parses");
    assert_eq!(feed.entries[0].title.as_deref(), Some("first"));
}

// Why: the cap sits exactly at MAX_DEPTH: an element at that depth is read, one level deeper
// is not (and its text with it). Items are read through unknown wrappers, so a category deep
// inside them shows where the cap is.
#[test]
fn nesting_cap_is_exact() {
    // rss > channel > item > wrappers… > category: the category opens at depth 3 + wrappers.
    let nest = |wrappers: usize| {
        rss_with(&format!(
            "{}<category>deep</category>{}",
            "<w>".repeat(wrappers),
            "</w>".repeat(wrappers)
        ))
    };
    let read = |doc: String| parse_feed(doc.as_bytes(), &ParseOptions::default()).expect("parses");
    let at_cap = read(nest(MAX_DEPTH - 4));
    assert!(at_cap.malformed.is_none(), "{:?}", at_cap.malformed);
    assert_eq!(at_cap.entries[0].categories, ["deep"]);
    let past_cap = read(nest(MAX_DEPTH - 3));
    assert_eq!(
        past_cap.malformed.as_deref(),
        Some("elements nested too deeply")
    );
    assert!(past_cap.entries[0].categories.is_empty());
    assert_eq!(past_cap.entries[1].title.as_deref(), Some("after"));
}

// Why: a JSON Feed nested past serde_json's recursion limit is an error, not a stack
// overflow.
#[test]
fn deep_json_is_refused_not_overflowed() {
    let doc = format!(
        "{{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(parse_feed(doc.as_bytes(), &ParseOptions::default()).is_err());
}

// Why: oversized input is refused up front, as bytes and as text; the limit itself is
// allowed.
#[test]
fn size_limit_holds() {
    let mut big = vec![b' '; MAX_BYTES + 1];
    assert_eq!(
        parse_feed(&big, &ParseOptions::default()).unwrap_err(),
        ParseError::TooLarge { limit: MAX_BYTES }
    );
    let text = String::from_utf8(big.clone()).expect("ASCII");
    assert_eq!(
        parse_feed_str(&text, &ParseOptions::default()).unwrap_err(),
        ParseError::TooLarge { limit: MAX_BYTES }
    );
    big.pop();
    assert_eq!(
        parse_feed(&big, &ParseOptions::default()).unwrap_err(),
        ParseError::Empty
    );
}

// Why: a document that declares entities in a DTD never has them expanded, however they
// nest (billion laughs), and a reference to an undeclared one stays as written.
#[test]
fn declared_entities_never_expand() {
    let mut dtd = String::from("<!ENTITY e0 \"lol\">");
    for i in 1..10 {
        dtd.push_str(&format!(
            "<!ENTITY e{i} \"{}\">",
            format!("&e{};", i - 1).repeat(10)
        ));
    }
    let doc = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rss [{dtd}]><rss version=\"2.0\"><channel><item><title>&e9;</title><description>&e9;&e9;</description></item></channel></rss>"
    );
    let start = Instant::now();
    let feed = parse_feed(doc.as_bytes(), &ParseOptions::default()).expect("parses");
    assert!(start.elapsed() < Duration::from_secs(1));
    assert_eq!(feed.entries[0].title.as_deref(), Some("&e9;"));
    assert_eq!(
        feed.entries[0].summary.as_ref().map(|c| c.value.as_str()),
        Some("&e9;&e9;")
    );
}
