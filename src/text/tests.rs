//! Table tests for the text helpers: input -> exact output.

use super::*;

#[test]
fn decodes_references() {
    let cases = [
        ("plain", "plain"),
        ("AT&amp;T", "AT&T"),
        ("&lt;b&gt;", "<b>"),
        ("caf&eacute; &euro;5 &hellip;", "café €5 …"),
        ("&#8217;&#x2019;&#X2019;", "’’’"),
        ("&#146;", "’"),
        ("&#39", "'"),
        ("Q&A", "Q&A"),
        ("?id=1&lang=en", "?id=1&lang=en"),
        ("&bogus; &", "&bogus; &"),
        ("&#0; &#xD800; &#99999999999;", "\u{FFFD} \u{FFFD} \u{FFFD}"),
        ("&apos;&nbsp;", "'\u{A0}"),
    ];
    for (input, want) in cases {
        assert_eq!(decode_entities(input), want, "{input}");
    }
    assert!(matches!(decode_entities("no refs"), Cow::Borrowed(_)));
}

#[test]
fn html_to_text_strips_and_collapses() {
    let cases = [
        ("<p>Hello <b>world</b></p><p>Next</p>", "Hello world Next"),
        ("one<br>two<br/>three", "one two three"),
        ("<script>alert(1)</script>safe<style>p{}</style>", "safe"),
        ("a <!-- hidden --> b", "a b"),
        ("I <3 feeds", "I <3 feeds"),
        ("<a href=\"x?a=1&amp;b=2\" title='a>b'>link</a>", "link"),
        ("  lots \n\t of   space&nbsp; ", "lots of space"),
        ("Str<em>ong</em>", "Strong"),
        ("<li>one</li><li>two</li>", "one two"),
        ("unclosed <b", "unclosed <b"),
        ("<SCRIPT>x</SCRIPT>y", "y"),
    ];
    for (input, want) in cases {
        assert_eq!(html_to_text(input), want, "{input}");
    }
}

#[test]
fn tight_stripping_leaves_no_space() {
    assert_eq!(strip_tags_tight("<b>Bold</b>er"), "Bolder");
    assert_eq!(
        strip_tags_tight("Line one<br/>line two"),
        "Line oneline two"
    );
}

#[test]
fn excerpts_cut_at_words() {
    assert_eq!(excerpt("<p>Short one</p>", true, 200), "Short one");
    assert_eq!(excerpt("alpha beta gamma delta", false, 12), "alpha beta…");
    assert_eq!(excerpt("alpha beta gamma", false, 16), "alpha beta gamma");
    assert_eq!(excerpt("alpha beta gamma", false, 15), "alpha beta…");
    assert_eq!(excerpt("supercalifragilistic", false, 10), "supercali…");
    assert_eq!(excerpt("one, two three", false, 9), "one, two…");
    assert_eq!(excerpt("one, twothree", false, 9), "one…");
    let long = "<p>word </p>".repeat(10_000);
    let e = excerpt(&long, true, 200);
    assert!(e.chars().count() <= 200 && e.ends_with('…'), "{e}");
    assert_eq!(excerpt("anything", true, 0), "");
}

#[test]
fn counts_words_and_minutes() {
    assert_eq!(word_count("<p>Hello <b>wor</b>ld</p><p>again</p>"), 3);
    assert_eq!(word_count(""), 0);
    assert_eq!(reading_minutes(""), 1);
    assert_eq!(reading_minutes(&"word ".repeat(230)), 1);
    assert_eq!(reading_minutes(&"word ".repeat(231)), 2);
}

#[test]
fn collapses_whitespace() {
    assert_eq!(collapse_whitespace("  a \u{a0} b\n"), "a b");
    assert!(matches!(collapse_whitespace("a b"), Cow::Borrowed(_)));
    // Every kind of white space Rust knows is collapsed; look-alikes are not.
    let cases = [
        ("a  b", "a b"),
        ("a\tb", "a b"),
        ("a\u{0B}b\u{0C}c", "a b c"),
        ("a\u{85}b", "a b"),
        (
            "a\u{1680}b\u{2003}c\u{2028}d\u{202F}e\u{205F}f\u{3000}g",
            "a b c d e f g",
        ),
        (
            "caf\u{e9} \u{2014} \u{201C}q\u{201D}",
            "caf\u{e9} \u{2014} \u{201C}q\u{201D}",
        ),
        ("\u{200B}zero-width\u{200B}", "\u{200B}zero-width\u{200B}"),
    ];
    for (input, want) in cases {
        assert_eq!(collapse_whitespace(input), want, "{input:?}");
    }
    let tidy = "Über — café “quoted” ok";
    assert!(matches!(collapse_whitespace(tidy), Cow::Borrowed(s) if s == tidy));
}

#[test]
fn looks_up_entities() {
    assert_eq!(lookup_entity("eacute"), Some('é'));
    assert_eq!(lookup_entity("AElig"), Some('Æ'));
    assert_eq!(lookup_entity("nope"), None);
    assert!(is_html4_entity("amp") && !is_html4_entity("apos"));
}
