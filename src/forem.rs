//! Forem sites (dev.to, forem.com and every other Forem) read through their API, which lets
//! pages read it across origins, where their RSS feeds do not.
//!
//! Forem's `config/initializers/cors.rb` allows cross-origin reads of `/api/articles/*` (and a
//! few other public API paths), never of `/feed/...`. So a browser cannot read
//! `https://dev.to/feed/USER`, but it can read the same posts from
//! `https://dev.to/api/articles?username=USER`. This module knows which feed addresses have an
//! API twin ([`api_route`]), which hosts are Forems ([`is_known_forem_host`], or a probe of
//! [`probe_url`] judged by [`looks_like_forem_answer`]), and maps the API's article objects into
//! the one model ([`map_list`], [`map_article`]).
//!
//! Owns: Forem URL shapes, the host verdict's rules, the API-to-model mapping, and the
//! [`ForemError`]s an API answer can carry. Must not touch: fetching (`load.rs` does it),
//! storage, the DOM. Pure, so `cargo test` covers it (`tests/forem.rs`).
//!
//! Mapping rules (the API's shapes: `app/views/api/v1/articles/*.jbuilder` in forem/forem):
//! - `url` is the entry's link *and* its id, because Forem's RSS `guid` is the article's URL:
//!   read and star marks carry over between the RSS route and this one. The numeric `id` is
//!   kept in [`Entry::api_id`] for fetching the body later ([`article_url`]).
//! - `published_at` (the date Forem's RSS gives; for a post cross-posted from a blog, the
//!   blog's date), else `published_timestamp`, is the published date; `edited_at` the updated.
//! - the user's `name` (else `username`) is the author;
//! - tags: the list answer gives `tag_list` as an array and `tags` as a string, the single
//!   answer the other way round (forem/forem#4206); whichever is an array wins, else the string
//!   is split at commas;
//! - `description` is the summary (plain text), `cover_image` (else `social_image`) the
//!   picture, `reading_time_minutes` the reading time;
//! - `body_html` (single answer only) is the content, as HTML, to go through the sanitizer.
//!
//! A missing or mistyped optional field is `None`; an article without a title, a link and an id
//! has nothing to show and is skipped. The feed's format is recorded as RSS 2.0: the address
//! still names Forem's RSS feed, and the route that served it is kept apart (`Via::ForemApi`),
//! just as a proxy does not change what a feed is.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};
use thiserror::Error;
use url::Url;

use crate::date::parse_date;
use crate::model::{Content, Entry, Feed, FeedFormat, Person};
use crate::net::{Failure, ForemRoute};
use crate::text::collapse_whitespace;

/// How many posts one list request asks for. Forem's own default (and its RSS feed's length);
/// later pages (`page=2` …) are not fetched yet.
pub const PER_PAGE: u32 = 30;

/// Hosts known to run Forem: the API is used for them without a probe, and no proxy is ever
/// contacted for their feeds.
///
/// Only the exact names (and `www.`): other subdomains (Forem's sub-communities on
/// `*.forem.com`, anything on `*.dev.to`) are not assumed, because a subdomain that is not a
/// Forem would then have no route at all. They go through the probe instead, which finds the
/// API after one extra request and remembers it.
const KNOWN_HOSTS: &[&str] = &["dev.to", "forem.com"];

/// Which posts a Forem feed address lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForemFeed {
    /// `/feed`: the site's home feed.
    Home,
    /// `/feed/USERNAME` (a user or an organization).
    User(String),
    /// `/feed/tag/TAG`.
    Tag(String),
}

/// A Forem feed address read as an API query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForemQuery {
    /// `https://dev.to`: scheme, host and port of the feed address.
    pub origin: String,
    pub feed: ForemFeed,
}

/// Why an API answer gives no feed (or no article).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ForemError {
    /// The API lists nothing for this username: Forem answers an unknown user (or
    /// organization) with an empty list, or 404 on some versions.
    #[error("the API lists no posts by {0:?}")]
    NoUser(String),
    /// HTTP 429.
    #[error("the API is limiting requests")]
    RateLimited,
    /// HTTP 5xx.
    #[error("the API answered HTTP {0}")]
    Down(u16),
    /// Not the JSON the API answers (what it is instead: static words keep the widget small).
    #[error("the API's answer could not be read ({0})")]
    Unreadable(&'static str),
}

/// Query values: everything but letters, digits and `-._~` is percent-encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn encode(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// The API query behind a Forem feed address: `https://HOST/feed/USERNAME` (a user or an
/// organization), `https://HOST/feed/tag/TAG` and `https://HOST/feed` (with or without a
/// trailing slash). Any http(s) host: whether it runs Forem is decided elsewhere, since
/// WordPress and others use the same paths.
pub fn api_route(feed_url: &str) -> Option<ForemQuery> {
    let url = Url::parse(feed_url.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    let mut segments: Vec<&str> = url.path_segments()?.collect();
    if segments.last() == Some(&"") {
        segments.pop();
    }
    let decoded = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .ok()
            .map(|c| c.into_owned())
            .filter(|c| !c.is_empty())
    };
    let feed = match segments.as_slice() {
        ["feed"] => ForemFeed::Home,
        ["feed", "tag", tag] => ForemFeed::Tag(decoded(tag)?),
        // `/feed/tag` alone names no tag (and Forem reserves "tag" as a username).
        ["feed", "tag"] => return None,
        // Forem's newest-first feed, not a user. Its API twin (`/api/articles/latest`) is not
        // served by every API version, so it keeps the usual routes.
        ["feed", "latest"] => return None,
        ["feed", user] => ForemFeed::User(decoded(user)?),
        _ => return None,
    };
    Some(ForemQuery {
        origin: origin_of(&url),
        feed,
    })
}

/// The API address of one page of the posts a query lists.
pub fn list_url(query: &ForemQuery, per_page: u32, page: u32) -> String {
    let filter = match &query.feed {
        ForemFeed::Home => String::new(),
        ForemFeed::User(name) => format!("username={}&", encode(name)),
        ForemFeed::Tag(tag) => format!("tag={}&", encode(tag)),
    };
    format!(
        "{}/api/articles?{filter}per_page={per_page}&page={page}",
        query.origin
    )
}

/// The API address of one article, with its body.
pub fn article_url(origin: &str, id: &str) -> String {
    format!(
        "{}/api/articles/{}",
        origin.trim_end_matches('/'),
        encode(id)
    )
}

/// The address that tells whether a host runs Forem: its newest article, as the API lists it.
pub fn probe_url(origin: &str) -> String {
    format!("{}/api/articles?per_page=1", origin.trim_end_matches('/'))
}

/// Whether `host` is one of the [`KNOWN_HOSTS`] (or its `www.`), case and a final dot aside.
pub fn is_known_forem_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    KNOWN_HOSTS.contains(&host)
}

/// Whether an answer is the API's list of articles: a JSON array of objects, at least one,
/// each with `"type_of": "article"`.
pub fn looks_like_forem_answer(bytes: &[u8]) -> bool {
    read_json(bytes).is_ok_and(|v| is_article_list(&v))
}

fn is_article_list(value: &Value) -> bool {
    value.as_array().is_some_and(|items| {
        !items.is_empty()
            && items
                .iter()
                .all(|item| item.get("type_of").and_then(Value::as_str) == Some("article"))
    })
}

/// How the API may serve the feed at `address`: `forem_site` says whether its site is known to
/// run Forem (its API served a feed before).
pub fn route_for(address: &str, forem_site: bool) -> ForemRoute {
    let Some(query) = api_route(address) else {
        return ForemRoute::None;
    };
    let known = Url::parse(&query.origin)
        .ok()
        .and_then(|u| u.host_str().map(is_known_forem_host))
        .unwrap_or(false);
    match (known, forem_site) {
        (true, _) => ForemRoute::Only,
        (false, true) => ForemRoute::First,
        (false, false) => ForemRoute::AfterProbe,
    }
}

/// The error an HTTP failure of a list request means, when it means something particular
/// for an API: an unknown user, a rate limit, the API down.
pub fn list_failure(query: &ForemQuery, failure: &Failure) -> Option<ForemError> {
    match (failure, &query.feed) {
        (Failure::Http(404), ForemFeed::User(name)) => Some(ForemError::NoUser(name.clone())),
        _ => article_failure(failure),
    }
}

/// The same for a single-article request.
pub fn article_failure(failure: &Failure) -> Option<ForemError> {
    match failure {
        Failure::Http(429) => Some(ForemError::RateLimited),
        Failure::Http(status @ 500..=599) => Some(ForemError::Down(*status)),
        _ => None,
    }
}

/// Maps the API's list answer for the feed at `base` (the feed address the reader asked for)
/// into a feed. An empty list for a username means no such user (see [`ForemError::NoUser`]);
/// an empty list for a tag or the whole site is an empty feed.
pub fn map_list(bytes: &[u8], base: &str) -> Result<Feed, ForemError> {
    let query = api_route(base);
    let origin = query
        .as_ref()
        .map(|q| q.origin.clone())
        .or_else(|| Url::parse(base).ok().map(|u| origin_of(&u)));
    let items = match read_json(bytes)? {
        Value::Array(items) => items,
        Value::Object(obj) => return Err(error_object(&obj, query.as_ref())),
        _ => return Err(ForemError::Unreadable("not a list of articles")),
    };
    let mut feed = Feed::new(FeedFormat::Rss20);
    feed.self_link = Some(base.to_string());
    feed.entries = items
        .iter()
        .filter_map(Value::as_object)
        .filter(|obj| is_article(obj))
        .filter_map(|obj| article(obj, origin.as_deref()))
        .collect();
    let host = origin.as_deref().map(host_of).unwrap_or_default();
    match query.as_ref().map(|q| &q.feed) {
        Some(ForemFeed::User(name)) => {
            if feed.entries.is_empty() {
                return Err(ForemError::NoUser(name.clone()));
            }
            let (display, logo) = owner(&items, name);
            feed.title = Some(format!("{} on {host}", display.as_deref().unwrap_or(name)));
            feed.link = origin.as_ref().map(|o| format!("{o}/{}", encode(name)));
            feed.logo = logo;
        }
        Some(ForemFeed::Tag(tag)) => {
            feed.title = Some(format!("#{tag} on {host}"));
            feed.link = origin.as_ref().map(|o| format!("{o}/t/{}", encode(tag)));
        }
        Some(ForemFeed::Home) | None => {
            feed.title = (!host.is_empty()).then(|| host.clone());
            feed.link = origin.as_ref().map(|o| format!("{o}/"));
        }
    }
    Ok(feed)
}

/// Maps the API's single-article answer (`/api/articles/{id}`) into an entry, its body (the
/// answer's `body_html`) as content. `origin` resolves relative links.
pub fn map_article(bytes: &[u8], origin: Option<&str>) -> Result<Entry, ForemError> {
    match read_json(bytes)? {
        Value::Object(obj) if obj.contains_key("error") && !obj.contains_key("id") => {
            Err(error_object(&obj, None))
        }
        Value::Object(obj) if is_article(&obj) => {
            article(&obj, origin).ok_or(ForemError::Unreadable("an empty article"))
        }
        _ => Err(ForemError::Unreadable("not an article")),
    }
}

/// Keeps the bodies already fetched for the `old` entries (the copy on screen) in the
/// refreshed `fresh` feed, whose list answer has none, unless the article was edited since.
pub fn carry_bodies<'a>(fresh: &mut Feed, old: impl IntoIterator<Item = &'a Entry>) {
    let with_body: Vec<&Entry> = old
        .into_iter()
        .filter(|o| o.api_id.is_some() && o.content.is_some())
        .collect();
    if with_body.is_empty() {
        return;
    }
    for entry in fresh.entries.iter_mut().filter(|e| e.content.is_none()) {
        let before = with_body
            .iter()
            .find(|o| o.api_id.is_some() && o.api_id == entry.api_id && o.updated == entry.updated);
        if let Some(before) = before {
            entry.content = before.content.clone();
        }
    }
}

/// Stores a fetched body into the entry with this API id; whether there was one.
pub fn fill_body(feed: &mut Feed, api_id: &str, content: Content) -> bool {
    match feed
        .entries
        .iter_mut()
        .find(|e| e.api_id.as_deref() == Some(api_id))
    {
        Some(entry) => {
            entry.content = Some(content);
            true
        }
        None => false,
    }
}

/// The answer as JSON. Through `from_str`, as the JSON Feed reader and storage read theirs, so
/// the widget's build carries one JSON parser, not two.
fn read_json(bytes: &[u8]) -> Result<Value, ForemError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ForemError::Unreadable("not UTF-8 text"))?;
    serde_json::from_str(text).map_err(|_| ForemError::Unreadable("not JSON"))
}

/// `{"error": "not found", "status": 404}`: the API's error body, by its status.
fn error_object(obj: &Map<String, Value>, query: Option<&ForemQuery>) -> ForemError {
    let status = obj
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok());
    let failure = Failure::Http(status.unwrap_or(0));
    let meaning = match query {
        Some(q) => list_failure(q, &failure),
        None => article_failure(&failure),
    };
    meaning.unwrap_or(ForemError::Unreadable("an error answer"))
}

/// An article object: `type_of` is "article", or absent (tolerated).
fn is_article(obj: &Map<String, Value>) -> bool {
    obj.get("type_of")
        .and_then(Value::as_str)
        .is_none_or(|t| t == "article")
}

fn article(obj: &Map<String, Value>, origin: Option<&str>) -> Option<Entry> {
    let api_id = text(obj, "id");
    let link = text(obj, "url")
        .or_else(|| text(obj, "path"))
        .and_then(|u| web_link(origin, &u));
    let title = text(obj, "title");
    if api_id.is_none() && link.is_none() && title.is_none() {
        return None;
    }
    let date = |key: &str| text(obj, key).as_deref().and_then(parse_date);
    let mut entry = Entry {
        id: link.clone().or_else(|| api_id.clone()),
        title,
        link,
        published: date("published_at").or_else(|| date("published_timestamp")),
        updated: date("edited_at"),
        categories: tags(obj),
        summary: text(obj, "description").map(Content::text),
        image: ["cover_image", "social_image"]
            .iter()
            .find_map(|k| text(obj, k).and_then(|u| web_link(origin, &u))),
        reading_minutes: obj
            .get("reading_time_minutes")
            .and_then(Value::as_u64)
            .and_then(|m| u32::try_from(m).ok())
            .filter(|m| *m > 0),
        api_id,
        ..Entry::default()
    };
    if let Some(user) = obj.get("user").and_then(Value::as_object) {
        let name = text(user, "name").or_else(|| text(user, "username"));
        let uri =
            text(user, "username").and_then(|u| web_link(origin, &format!("/{}", encode(&u))));
        if name.is_some() {
            entry.authors.push(Person {
                name,
                email: None,
                uri,
            });
        }
    }
    if let Some(html) = obj.get("body_html").and_then(Value::as_str) {
        if !html.trim().is_empty() {
            entry.content = Some(Content {
                base: entry.link.clone(),
                ..Content::html(html)
            });
        }
    }
    Some(entry)
}

/// Tags from whichever of `tag_list` and `tags` is an array, else from the string one.
fn tags(obj: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |raw: &str| {
        let tag = collapse_whitespace(raw);
        if !tag.is_empty() && !out.iter().any(|t| *t == tag) {
            out.push(tag.into_owned());
        }
    };
    let array = ["tag_list", "tags"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_array));
    match array {
        Some(list) => list.iter().filter_map(Value::as_str).for_each(&mut push),
        None => {
            if let Some(s) = ["tag_list", "tags"]
                .iter()
                .find_map(|k| obj.get(*k).and_then(Value::as_str))
            {
                s.split(',').for_each(&mut push);
            }
        }
    }
    out
}

/// The display name and picture of the user or organization a user feed belongs to.
fn owner(items: &[Value], name: &str) -> (Option<String>, Option<String>) {
    let same = |o: &Map<String, Value>, key: &str| {
        text(o, key).is_some_and(|v| v.eq_ignore_ascii_case(name))
    };
    for item in items {
        for key in ["organization", "user"] {
            let Some(o) = item.get(key).and_then(Value::as_object) else {
                continue;
            };
            if same(o, "username") || same(o, "slug") {
                let picture = ["profile_image_90", "profile_image"]
                    .iter()
                    .find_map(|k| text(o, k))
                    .filter(|u| crate::present::is_http_url(u));
                return (text(o, "name"), picture);
            }
        }
    }
    (None, None)
}

/// A member as collapsed text; numbers as JSON writes them (ids are numbers).
fn text(obj: &Map<String, Value>, key: &str) -> Option<String> {
    let raw = match obj.get(key)? {
        Value::String(s) => collapse_whitespace(s).into_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!raw.is_empty()).then_some(raw)
}

/// A link resolved against the site, kept only when it is http(s). An absolute link is kept
/// exactly as written: it is the entry's id, which must equal the RSS `guid`.
fn web_link(origin: Option<&str>, href: &str) -> Option<String> {
    let is_http = |u: &Url| matches!(u.scheme(), "http" | "https");
    match (Url::parse(href), origin.and_then(|o| Url::parse(o).ok())) {
        (Ok(u), _) => is_http(&u).then(|| href.to_string()),
        (Err(url::ParseError::RelativeUrlWithoutBase), Some(base)) => {
            let joined = base.join(href).ok()?;
            is_http(&joined).then(|| joined.to_string())
        }
        _ => None,
    }
}

/// `https://dev.to`, `http://127.0.0.1:8081`: scheme, host and port, as written in the URL
/// (already lower-cased and without a default port). Sliced rather than serialized through
/// `Url::origin`, which would bring IP address formatting into the widget's build.
fn origin_of(url: &Url) -> String {
    format!(
        "{}://{}",
        url.scheme(),
        &url[url::Position::BeforeHost..url::Position::AfterPort]
    )
}

fn host_of(origin: &str) -> String {
    Url::parse(origin)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default()
}
