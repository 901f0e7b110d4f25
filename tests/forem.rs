//! Forem's API read into the one model (`src/forem.rs`), on answers shaped like Forem's own
//! (`app/views/api/v1/articles/*.jbuilder` in forem/forem): which addresses have an API twin,
//! which hosts count as Forem, and the mapping of list and single-article answers.

use rillet::date::parse_date;
use rillet::forem::{
    api_route, article_failure, article_url, carry_bodies, fill_body, is_known_forem_host,
    list_failure, list_url, looks_like_forem_answer, map_article, map_list, probe_url, route_for,
    ForemError, ForemFeed, ForemQuery, PER_PAGE,
};
use rillet::model::{Content, ContentKind, Person};
use rillet::net::{Failure, ForemRoute};
use rillet::parse::{parse_feed, ParseOptions};
use rillet::sanitize::sanitize_html;

/// The list answer for a user with three posts (one under an organization, one cross-posted).
const LIST: &[u8] = include_bytes!("fixtures/forem/list_user.json");
/// The single-article answer for the first of them, with `body_html`.
const ARTICLE: &[u8] = include_bytes!("fixtures/forem/article.json");
/// A single answer with its optional fields null, empty or missing.
const ARTICLE_SPARSE: &[u8] = include_bytes!("fixtures/forem/article_sparse.json");
/// A list answer with optional fields missing or mistyped, and items that are no articles.
const LIST_SPARSE: &[u8] = include_bytes!("fixtures/forem/list_sparse.json");
/// The API's error bodies.
const NOT_FOUND: &[u8] = include_bytes!("fixtures/forem/error_not_found.json");
const RATE_LIMITED: &[u8] = include_bytes!("fixtures/forem/error_rate_limited.json");

const USER_FEED: &str = "https://dev.to/feed/linokafor";

fn when(s: &str) -> Option<rillet::date::Timestamp> {
    Some(parse_date(s).expect("a test date"))
}

fn query(origin: &str, feed: ForemFeed) -> Option<ForemQuery> {
    Some(ForemQuery {
        origin: origin.into(),
        feed,
    })
}

#[test]
fn feed_addresses_with_an_api_twin() {
    let user = |n: &str| ForemFeed::User(n.into());
    let tag = |t: &str| ForemFeed::Tag(t.into());
    let table = [
        (
            "https://dev.to/feed/ben",
            query("https://dev.to", user("ben")),
        ),
        (
            "https://dev.to/feed/ben/",
            query("https://dev.to", user("ben")),
        ),
        (
            "https://dev.to/feed/tag/rust",
            query("https://dev.to", tag("rust")),
        ),
        (
            "https://dev.to/feed/tag/rust/",
            query("https://dev.to", tag("rust")),
        ),
        (
            "https://dev.to/feed",
            query("https://dev.to", ForemFeed::Home),
        ),
        (
            "https://dev.to/feed/",
            query("https://dev.to", ForemFeed::Home),
        ),
        // Any host: whether it runs Forem is decided by `route_for`.
        (
            "http://127.0.0.1:8081/feed/lin?utm=x#top",
            query("http://127.0.0.1:8081", user("lin")),
        ),
        (
            "HTTPS://Forem.COM/feed/hadil",
            query("https://forem.com", user("hadil")),
        ),
        (
            "https://dev.to/feed/tag/c%2B%2B",
            query("https://dev.to", tag("c++")),
        ),
        // Not Forem feed shapes.
        ("https://dev.to/feed/tag", None),
        ("https://dev.to/feed/tag/", None),
        ("https://dev.to/feed/latest", None),
        ("https://dev.to/feed/ben/extra", None),
        ("https://dev.to/ben", None),
        ("https://blog.example/blog/feed", None),
        ("https://dev.to/", None),
        ("ftp://dev.to/feed/ben", None),
        ("/feed/ben", None),
        ("not a url", None),
    ];
    for (address, expected) in table {
        assert_eq!(api_route(address), expected, "{address}");
    }
}

#[test]
fn api_addresses() {
    let q = api_route("https://dev.to/feed/ben").unwrap();
    assert_eq!(
        list_url(&q, PER_PAGE, 1),
        "https://dev.to/api/articles?username=ben&per_page=30&page=1"
    );
    let q = api_route("https://dev.to/feed/tag/c%2B%2B").unwrap();
    assert_eq!(
        list_url(&q, 10, 2),
        "https://dev.to/api/articles?tag=c%2B%2B&per_page=10&page=2"
    );
    let q = api_route("https://dev.to/feed").unwrap();
    assert_eq!(
        list_url(&q, PER_PAGE, 1),
        "https://dev.to/api/articles?per_page=30&page=1"
    );
    assert_eq!(
        article_url("https://dev.to", "2048311"),
        "https://dev.to/api/articles/2048311"
    );
    assert_eq!(
        probe_url("http://127.0.0.1:8081"),
        "http://127.0.0.1:8081/api/articles?per_page=1"
    );
}

#[test]
fn known_forem_hosts_are_the_exact_names() {
    for host in [
        "dev.to",
        "forem.com",
        "www.dev.to",
        "WWW.Forem.com",
        "dev.to.",
    ] {
        assert!(is_known_forem_host(host), "{host}");
    }
    // Subdomains go through the probe: one that is not a Forem keeps its other routes.
    for host in [
        "future.forem.com",
        "media2.dev.to",
        "notdev.to",
        "dev.to.example",
        "",
    ] {
        assert!(!is_known_forem_host(host), "{host}");
    }
}

#[test]
fn the_api_route_follows_the_host() {
    assert_eq!(route_for(USER_FEED, false), ForemRoute::Only);
    assert_eq!(route_for("https://forem.com/feed", true), ForemRoute::Only);
    let other = "https://community.example/feed/tag/rust";
    assert_eq!(route_for(other, false), ForemRoute::AfterProbe);
    assert_eq!(route_for(other, true), ForemRoute::First);
    // A known host, but not a feed shape (a profile page): the usual routes.
    assert_eq!(route_for("https://dev.to/ben", false), ForemRoute::None);
}

#[test]
fn a_probe_answer_is_judged_by_its_articles() {
    assert!(looks_like_forem_answer(LIST));
    assert!(
        !looks_like_forem_answer(LIST_SPARSE),
        "it holds a podcast episode"
    );
    assert!(
        !looks_like_forem_answer(ARTICLE),
        "one article is not a list"
    );
    assert!(
        !looks_like_forem_answer(b"[]"),
        "an empty list proves nothing"
    );
    assert!(!looks_like_forem_answer(br#"{"posts":[]}"#));
    assert!(!looks_like_forem_answer(
        b"<!doctype html><title>Blog</title>"
    ));
}

#[test]
fn a_list_answer_maps_every_field() {
    let feed = map_list(LIST, USER_FEED).unwrap();
    assert_eq!(feed.title.as_deref(), Some("Lin Okafor on dev.to"));
    assert_eq!(feed.link.as_deref(), Some("https://dev.to/linokafor"));
    assert_eq!(feed.self_link.as_deref(), Some(USER_FEED));
    assert!(feed.logo.as_deref().unwrap().contains("width=90"));
    assert_eq!(feed.entries.len(), 3);

    let e = &feed.entries[0];
    let url = "https://dev.to/linokafor/reading-feeds-without-a-server-4k2p";
    assert_eq!(
        e.id.as_deref(),
        Some(url),
        "the id is the URL, as Forem's RSS guid"
    );
    assert_eq!(e.link.as_deref(), Some(url));
    assert_eq!(e.api_id.as_deref(), Some("2048311"));
    assert_eq!(e.title.as_deref(), Some("Reading feeds without a server"));
    assert_eq!(e.published, when("2025-03-12T08:30:00Z"));
    assert_eq!(e.updated, when("2025-03-13T10:15:07Z"));
    assert_eq!(
        e.authors,
        vec![Person {
            name: Some("Lin Okafor".into()),
            email: None,
            uri: Some("https://dev.to/linokafor".into()),
        }]
    );
    assert_eq!(e.categories, ["rust", "webassembly", "rss"]);
    assert_eq!(
        e.summary,
        Some(Content::text(
            "A feed reader that runs in the browser, and what the browser will not let it read."
        ))
    );
    assert!(e.image.as_deref().unwrap().contains("cover-feeds.png"));
    assert_eq!(e.reading_minutes, Some(6));
    assert_eq!(e.content, None, "the list has no body");

    // No cover: the social image. Cross-posted: the blog's date, as the RSS gives it.
    let e = &feed.entries[1];
    assert!(e.image.as_deref().unwrap().contains("social-cors.png"));
    assert_eq!(e.published, when("2024-02-01T09:00:00Z"));
    assert_eq!(e.updated, None);
    assert_eq!(e.categories, ["cors", "webdev"]);
}

#[test]
fn feed_titles_name_the_user_the_organization_or_the_tag() {
    let org = map_list(LIST, "https://dev.to/feed/rillet").unwrap();
    assert_eq!(org.title.as_deref(), Some("Rillet Collective on dev.to"));
    assert_eq!(org.link.as_deref(), Some("https://dev.to/rillet"));
    let tag = map_list(LIST, "https://dev.to/feed/tag/rust").unwrap();
    assert_eq!(tag.title.as_deref(), Some("#rust on dev.to"));
    assert_eq!(tag.link.as_deref(), Some("https://dev.to/t/rust"));
    let all = map_list(LIST, "https://dev.to/feed").unwrap();
    assert_eq!(all.title.as_deref(), Some("dev.to"));
    assert_eq!(all.link.as_deref(), Some("https://dev.to/"));
    // A username the answer does not show (another spelling): the name as asked.
    let other = map_list(LIST, "http://127.0.0.1:9/feed/someone").unwrap();
    assert_eq!(other.title.as_deref(), Some("someone on 127.0.0.1"));
}

#[test]
fn missing_and_mistyped_optional_fields_are_none() {
    let feed = map_list(LIST_SPARSE, "https://dev.to/feed/quietdev").unwrap();
    assert_eq!(
        feed.entries.len(),
        2,
        "the podcast episode and the string are skipped"
    );

    let e = &feed.entries[0];
    let url = "https://dev.to/quietdev/notes-to-self-5j1a";
    assert_eq!(
        e.link.as_deref(),
        Some(url),
        "from `path` when `url` is missing"
    );
    assert_eq!(e.id.as_deref(), Some(url));
    assert_eq!(e.summary, None, "an empty description");
    assert_eq!(
        e.published,
        when("2024-11-30T23:59:59Z"),
        "published_at is null"
    );
    assert_eq!(e.updated, None);
    assert_eq!(
        e.image.as_deref(),
        Some("https://dev.to/social_previews/article/1990042.png")
    );
    assert_eq!(e.reading_minutes, None, "0 minutes says nothing");
    assert!(e.categories.is_empty());
    assert_eq!(
        e.byline().as_deref(),
        Some("quietdev"),
        "no name: the username"
    );

    let e = &feed.entries[1];
    assert_eq!(e.title.as_deref(), Some("Draft titles stay plain"));
    assert_eq!(e.published, None, "not a date");
    assert_eq!(
        e.reading_minutes, None,
        "a string is not a number of minutes"
    );
    assert_eq!(
        e.categories,
        ["notes", "til"],
        "the string form, de-duplicated"
    );
    assert!(e.authors.is_empty(), "`user` is not an object");
    assert_eq!(e.image, None);
}

#[test]
fn an_unknown_user_and_error_bodies_keep_their_meaning() {
    assert_eq!(
        map_list(b"[]", "https://dev.to/feed/nobody"),
        Err(ForemError::NoUser("nobody".into())),
        "Forem answers an unknown username with an empty list"
    );
    let empty_tag = map_list(b"[]", "https://dev.to/feed/tag/nothing").unwrap();
    assert!(
        empty_tag.entries.is_empty(),
        "a tag without posts is an empty feed"
    );
    assert_eq!(
        map_list(NOT_FOUND, "https://dev.to/feed/nobody"),
        Err(ForemError::NoUser("nobody".into()))
    );
    assert_eq!(
        map_list(RATE_LIMITED, USER_FEED),
        Err(ForemError::RateLimited)
    );
    assert!(matches!(
        map_list(b"<html>", USER_FEED),
        Err(ForemError::Unreadable(_))
    ));
    assert!(matches!(
        map_article(NOT_FOUND, None),
        Err(ForemError::Unreadable("an error answer"))
    ));
}

#[test]
fn http_failures_of_the_api_have_their_own_meaning() {
    let user = api_route("https://dev.to/feed/nobody").unwrap();
    let tag = api_route("https://dev.to/feed/tag/rust").unwrap();
    assert_eq!(
        list_failure(&user, &Failure::Http(404)),
        Some(ForemError::NoUser("nobody".into()))
    );
    assert_eq!(list_failure(&tag, &Failure::Http(404)), None);
    assert_eq!(
        list_failure(&tag, &Failure::Http(429)),
        Some(ForemError::RateLimited)
    );
    assert_eq!(
        article_failure(&Failure::Http(503)),
        Some(ForemError::Down(503))
    );
    assert_eq!(article_failure(&Failure::Network), None);
    assert_eq!(article_failure(&Failure::Http(404)), None);
}

#[test]
fn a_single_answer_maps_its_body_and_its_tags_the_other_way_round() {
    let e = map_article(ARTICLE, Some("https://dev.to")).unwrap();
    assert_eq!(e.api_id.as_deref(), Some("2048311"));
    let url = "https://dev.to/linokafor/reading-feeds-without-a-server-4k2p";
    assert_eq!(e.id.as_deref(), Some(url));
    assert_eq!(
        e.categories,
        ["rust", "webassembly", "rss"],
        "`tags` is the array here"
    );
    let body = e.content.expect("body_html");
    assert_eq!(body.kind, ContentKind::Html);
    assert_eq!(body.base.as_deref(), Some(url));
    assert!(body
        .value
        .starts_with("<p>A feed reader can live entirely in a page."));

    let e = map_article(ARTICLE_SPARSE, None).unwrap();
    assert_eq!(e.byline().as_deref(), Some("quietdev"));
    assert!(e.categories.is_empty());
    assert_eq!(e.summary, None);
    assert_eq!(e.published, when("2024-11-30T23:59:59Z"));
    assert_eq!(
        e.content.map(|c| c.value).as_deref(),
        Some("<p>Short.</p>\n")
    );
}

#[test]
fn a_fetched_body_goes_through_the_one_door_against_the_article() {
    let e = map_article(ARTICLE, Some("https://dev.to")).unwrap();
    let body = e.content.unwrap();
    let html = sanitize_html(&body.value, body.base.as_deref());
    let html = html.as_str();
    assert!(html.contains("<pre") && html.contains("<code>"), "{html}");
    assert!(
        html.contains(r#"href="https://dev.to/linokafor/why-cors-blocks-your-rss-reader-1m9d""#),
        "relative links resolve against the article: {html}"
    );
    assert!(
        !html.contains("<script") && !html.contains("alert("),
        "{html}"
    );
}

#[test]
fn ids_match_forems_rss_so_marks_carry_over() {
    // Forem's RSS gives each item a guid equal to its link; the API route keys by `url`.
    let rss = include_bytes!("../assets/forem_hadil_rss20.xml");
    let feed = parse_feed(rss, &ParseOptions::default()).unwrap();
    assert!(!feed.entries.is_empty());
    for e in &feed.entries {
        assert_eq!(e.id, e.link, "{:?}", e.title);
    }
    let api = map_list(LIST, USER_FEED).unwrap();
    assert!(api.entries.iter().all(|e| e.id == e.link));
}

#[test]
fn bodies_are_kept_across_refreshes_unless_the_post_was_edited() {
    let mut old = map_list(LIST, USER_FEED).unwrap();
    assert!(fill_body(&mut old, "2048311", Content::html("<p>one</p>")));
    assert!(fill_body(
        &mut old,
        "2021177",
        Content::html("<p>three</p>")
    ));
    assert!(!fill_body(&mut old, "404", Content::html("<p>none</p>")));

    let mut fresh = map_list(LIST, USER_FEED).unwrap();
    fresh.entries[2].updated = when("2025-06-01T00:00:00Z"); // edited since
    carry_bodies(&mut fresh, &old.entries);
    let bodies: Vec<Option<&str>> = fresh
        .entries
        .iter()
        .map(|e| e.content.as_ref().map(|c| c.value.as_str()))
        .collect();
    assert_eq!(bodies, [Some("<p>one</p>"), None, None]);
}

#[test]
fn entries_with_an_api_id_round_trip_and_others_serialize_as_before() {
    let feed = map_list(LIST, USER_FEED).unwrap();
    let json = serde_json::to_string(&feed.entries[0]).unwrap();
    assert!(json.contains(r#""api_id":"2048311""#));
    let back: rillet::model::Entry = serde_json::from_str(&json).unwrap();
    assert_eq!(back, feed.entries[0]);
    let plain = serde_json::to_string(&rillet::model::Entry::default()).unwrap();
    assert!(!plain.contains("api_id"), "{plain}");
}
