//! The default feed the app shows with no `?feed=` (Forem, RSS 2.0, entity-escaped HTML in
//! `<description>`): the UI is built against exactly this reading of it.

use rillet::model::{ContentKind, FeedFormat};
use rillet::parse::{parse_feed, ParseOptions};

const FEED: &[u8] = include_bytes!("../assets/forem_hadil_rss20.xml");

fn feed() -> rillet::model::Feed {
    parse_feed(FEED, &ParseOptions::default()).expect("the default feed parses")
}

// Why: the list must show all twelve articles, in document order.
#[test]
fn forem_hadil_has_twelve_entries() {
    let f = feed();
    assert_eq!(f.format, FeedFormat::Rss20);
    assert_eq!(f.title.as_deref(), Some("Forem: Hadil Ben Abdallah"));
    assert_eq!(f.link.as_deref(), Some("https://forem.com/hadil"));
    assert_eq!(f.self_link.as_deref(), Some("https://forem.com/feed/hadil"));
    assert_eq!(f.language.as_deref(), Some("en"));
    assert!(f
        .logo
        .as_deref()
        .is_some_and(|l| l.starts_with("https://media2.dev.to/")));
    assert_eq!(f.entries.len(), 12);
    assert_eq!(f.malformed, None);
}

// Why: the first row's title, link, date, byline and tags are what a person sees first.
#[test]
fn forem_hadil_first_entry_fields() {
    let f = feed();
    let e = &f.entries[0];
    assert_eq!(
        e.title.as_deref(),
        Some("30 Web Development Tips from a Mid-Level Developer")
    );
    let link = "https://forem.com/hadil/30-web-development-tips-from-a-mid-level-developer-3l01";
    assert_eq!(e.link.as_deref(), Some(link));
    assert_eq!(e.id.as_deref(), Some(link));
    assert_eq!(
        e.published.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-04-14T13:00:43Z")
    );
    assert_eq!(e.byline().as_deref(), Some("Hadil Ben Abdallah"));
    assert_eq!(
        e.categories,
        ["webdev", "programming", "nextjs", "typescript"]
    );
}

// Why: Forem puts the article HTML, entity-escaped, in <description>; it must come out as
// HTML with its first image found for the list thumbnail.
#[test]
fn forem_hadil_description_is_html_with_image() {
    let f = feed();
    let e = &f.entries[0];
    let body = e.body().expect("a body");
    assert_eq!(body.kind, ContentKind::Html);
    assert!(body
        .value
        .starts_with("<p>For a long time, I thought becoming a “better developer”"));
    let img = e.image.as_deref().expect("an image");
    assert!(
        img.starts_with("https://media2.dev.to/dynamic/image/width=800"),
        "{img}"
    );
    let excerpt = rillet::text::excerpt(&body.value, true, 200);
    assert!(
        excerpt.starts_with("For a long time, I thought") && excerpt.ends_with('…'),
        "{excerpt}"
    );
}

// Why: the end-to-end test opens the 8th entry ("Spektrum: …"), which has code blocks.
#[test]
fn forem_hadil_eighth_entry_is_spektrum() {
    let f = feed();
    let e = &f.entries[7];
    assert!(
        e.title
            .as_deref()
            .is_some_and(|t| t.starts_with("Spektrum:")),
        "{:?}",
        e.title
    );
    let body = e.body().expect("a body");
    assert!(
        body.value.contains("<code"),
        "the Spektrum article carries code"
    );
    assert!(e.image.is_some());
}
