//! Exact readings of a handful of corpus feeds, one per hard case: Atom with nested
//! xml:base, RSS 1.0, JSON Feed, malformed XML, non-UTF-8 encodings, Media RSS, podcasts.

use rillet::model::{ContentKind, Feed, FeedFormat};
use rillet::parse::{parse_feed, ParseError, ParseOptions};

macro_rules! corpus {
    ($name:literal) => {
        include_bytes!(concat!("../../shared/corpus/feeds/", $name))
    };
}

fn parse(bytes: &[u8]) -> Feed {
    parse_feed(bytes, &ParseOptions::default()).expect("parses")
}

fn date(t: Option<rillet::date::Timestamp>) -> Option<String> {
    t.map(|t| t.to_rfc3339())
}

// Why: nested xml:base must combine (relative on relative) for links and enclosures.
#[test]
fn atom10_xml_base_nested() {
    let f = parse(corpus!("atom10_xml_base_nested.xml"));
    assert_eq!(f.format, FeedFormat::Atom10);
    assert_eq!(f.link.as_deref(), Some("http://nest.example.com/a/home"));
    let e = &f.entries[0];
    assert_eq!(
        e.link.as_deref(),
        Some("http://nest.example.com/a/b/c/d.html")
    );
    assert_eq!(
        e.enclosures[0].url,
        "http://nest.example.com/a/b/c/img/e.png"
    );
    assert_eq!(e.enclosures[0].mime_type.as_deref(), Some("image/png"));
    assert_eq!(
        e.image.as_deref(),
        Some("http://nest.example.com/a/b/c/img/e.png")
    );
    assert_eq!(
        f.entries[1].link.as_deref(),
        Some("http://elsewhere.example.org/root/sub/f.html")
    );
}

// Why: without a document URL, a root-relative link stays relative (NOTES.md).
#[test]
fn atom10_relative_links() {
    let f = parse(corpus!("atom10_relative_links.xml"));
    assert!(
        f.entries
            .iter()
            .any(|e| e.link.as_deref() == Some("/blog/"))
            || f.link.as_deref() == Some("/blog/")
    );
}

// Why: with a document URL, relative links resolve against it.
#[test]
fn atom10_relative_links_with_base_url() {
    let opts = ParseOptions {
        base_url: Some("https://example.net/feeds/atom.xml"),
        http_charset: None,
    };
    let f = parse_feed(corpus!("atom10_relative_links.xml"), &opts).unwrap();
    let links: Vec<_> = f
        .link
        .iter()
        .chain(f.entries.iter().filter_map(|e| e.link.as_ref()))
        .collect();
    assert!(links.iter().all(|l| l.starts_with("http")), "{links:?}");
}

// Why: RSS 1.0 items sit beside the channel and take their id from rdf:about; dc:date is
// the updated date.
#[test]
fn rss10_craigslist() {
    let f = parse(corpus!("rss10_craigslist.xml"));
    assert_eq!(f.format, FeedFormat::Rss10);
    assert_eq!(f.entries.len(), 25);
    let e = &f.entries[0];
    assert_eq!(
        e.id.as_deref(),
        Some("http://sfbay.craigslist.org/eby/apa/6186664607.html")
    );
    assert_eq!(e.link, e.id);
    assert_eq!(date(e.published).as_deref(), Some("2017-06-21T17:33:10Z"));
}

// Why: JSON Feed ids may be numbers, links relative, authors mailto: addresses.
#[test]
fn json11_edge_cases() {
    let f = parse(corpus!("json11_edge_cases.json"));
    assert_eq!(f.format, FeedFormat::Json11);
    assert_eq!(f.title.as_deref(), Some("Edge cases in JSON Feed"));
    assert_eq!(
        f.self_link.as_deref(),
        Some("https://jf.example.org/feed.json")
    );
    assert_eq!(f.entries[0].id.as_deref(), Some("42"));
    assert_eq!(
        date(f.entries[0].published).as_deref(),
        Some("2021-07-08T16:10:11Z")
    );
    assert_eq!(f.entries[1].link.as_deref(), Some("/relative/path"));
    assert_eq!(
        f.entries[1].content.as_ref().map(|c| c.kind),
        Some(ContentKind::Html)
    );
    let authors: Vec<_> = f.entries[2]
        .authors
        .iter()
        .filter_map(|p| p.display())
        .collect();
    // The third author has only a URL: kept as a URI, shown by it.
    assert_eq!(
        authors,
        ["Ann", "bob@jf.example.org", "https://carol.example"]
    );
    assert_eq!(
        f.entries[2].authors[1].email.as_deref(),
        Some("bob@jf.example.org")
    );
}

// Why: a truncated JSON document is not a feed, and says so.
#[test]
fn malformed_json_truncated() {
    let r = parse_feed(
        corpus!("malformed_json_truncated.json"),
        &ParseOptions::default(),
    );
    assert!(matches!(r, Err(ParseError::NotAFeed(_))), "{r:?}");
}

// Why: unclosed <item>s are siblings, every readable entry is read, and the feed says it
// was malformed.
#[test]
fn malformed_rss20_unclosed_tags() {
    let f = parse(corpus!("malformed_rss20_unclosed_tags.xml"));
    let titles: Vec<_> = f
        .entries
        .iter()
        .filter_map(|e| e.title.as_deref())
        .collect();
    assert_eq!(titles, ["First", "Second", "Third"]);
    assert_eq!(
        date(f.entries[1].published).as_deref(),
        Some("2012-02-02T09:00:00Z")
    );
    assert!(f.malformed.is_some());
}

// Why: garbage after the root (a PHP warning) must not lose the feed.
#[test]
fn malformed_rss20_garbage_after_root() {
    let f = parse(corpus!("malformed_rss20_garbage_after_root.xml"));
    assert_eq!(f.entries.len(), 1);
    assert_eq!(f.entries[0].title.as_deref(), Some("Only item"));
    assert!(f.malformed.is_some());
}

// Why: a bare `&` in a link stays literal (feedparser's loose parser makes `&lang` into 〈).
#[test]
fn malformed_rss20_bare_ampersands_link() {
    let f = parse(corpus!("malformed_rss20_bare_ampersands_link.xml"));
    let link = f.entries[0].link.as_deref().unwrap();
    assert!(link.contains('&') && !link.contains('〈'), "{link}");
}

// Why: windows-1252 declared, and the same text as UTF-16LE with a BOM, read the same.
#[test]
fn rss20_windows1252_declared_and_utf16le_bom() {
    for bytes in [
        &corpus!("rss20_windows1252_declared.xml")[..],
        &corpus!("rss20_utf16le_bom.xml")[..],
    ] {
        let f = parse(bytes);
        assert_eq!(
            f.title.as_deref(),
            Some("Café Olé – Nachrichten für Bücherwürmer")
        );
        assert_eq!(
            f.entries[1].title.as_deref(),
            Some("“Quoted” — dash ‘single’ … ellipsis €5")
        );
        assert_eq!(f.entries[0].byline().as_deref(), Some("Zoë Ångström"));
    }
}

// Why: EUC-KR is decoded by encoding_rs natively.
#[test]
fn enc_euc_kr() {
    let f = parse(corpus!("enc_euc_kr.xml"));
    assert_eq!(f.title.as_deref(), Some("년"));
}

// Why: HTML named entities without a DTD (&eacute;, &nbsp;) are decoded in titles.
#[test]
fn rss091n_netscape_entities() {
    let f = parse(corpus!("rss091n_netscape_entities.xml"));
    assert_eq!(f.format, FeedFormat::Rss091Netscape);
    assert_eq!(f.entries[0].title.as_deref(), Some("Résumé & café ©"));
}

// Why: YouTube's media:group carries the only picture of the entry.
#[test]
fn atom10_youtube_media_group() {
    let f = parse(corpus!("atom10_youtube_media_group.xml"));
    let e = &f.entries[0];
    assert_eq!(
        e.link.as_deref(),
        Some("https://www.youtube.com/watch?v=0A1ouV7iD8o")
    );
    assert!(
        e.image.as_deref().is_some_and(|i| i.contains("ytimg.com")),
        "{:?}",
        e.image
    );
}

// Why: podcasts need enclosure type and length, itunes duration and episode.
#[test]
fn rss20_podcast_itunes_enclosures() {
    let f = parse(corpus!("rss20_podcast_itunes_enclosures.xml"));
    let e = &f.entries[0];
    assert_eq!(
        e.enclosures[0].url,
        "https://cdn.example.fm/tinker/0012.mp3?ref=feed&v=2"
    );
    assert!(e.enclosures[0].is_audio());
    assert!(e.enclosures[0].length.is_some());
    assert!(e.duration_secs.is_some());
}

// Why: an HTML page is told apart from a feed, for autodiscovery.
#[test]
fn html_page_is_html() {
    let page = b"<!DOCTYPE html>\n<html><head><link rel=alternate type=application/rss+xml href=/feed></head></html>";
    assert_eq!(
        parse_feed(page, &ParseOptions::default()),
        Err(ParseError::Html)
    );
    let r = parse_feed(corpus!("unrecognized_root.xml"), &ParseOptions::default());
    assert!(r.is_err());
}

// Why: links with script schemes never reach the UI.
#[test]
fn javascript_links_are_dropped() {
    let doc = br#"<rss version="2.0"><channel><title>x</title><link>javascript:alert(1)</link>
        <item><title>a</title><link>java&#9;script:alert(1)</link></item>
        <item><title>b</title><link>data:text/html,hi</link></item></channel></rss>"#;
    let f = parse(doc);
    assert_eq!(f.link, None);
    assert!(f.entries.iter().all(|e| e.link.is_none()));
}

// Why: entity expansion beyond the predefined and HTML ones never happens (billion laughs).
#[test]
fn billion_laughs_is_inert() {
    let doc = br#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
        <rss version="2.0"><channel><title>&c;</title></channel></rss>"#;
    let f = parse(doc);
    assert_eq!(f.title.as_deref(), Some("&c;"));
    assert!(f.malformed.is_some());
}
