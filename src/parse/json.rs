//! JSON Feed 1.0 and 1.1 (serde_json).
//!
//! Owns: mapping JSON Feed members onto the model. Titles are plain text by the spec and are
//! taken literally, even when a publisher HTML-escaped them (json11_elastic.json).
//! Must not touch: XML.

use serde_json::{Map, Value};

use crate::date::parse_date;
use crate::model::{Content, ContentKind, Enclosure, Entry, Feed, FeedFormat, Person};

use super::fields::{image_from_body, plain, push_category, push_person};
use super::url::clean_link;
use super::ParseError;

/// Reads a JSON document; `Err` when it is not JSON Feed.
pub(crate) fn read(text: &str, base_url: Option<&str>) -> Result<Feed, ParseError> {
    let value: Value =
        serde_json::from_str(text).map_err(|_| ParseError::NotAFeed("json".into()))?;
    let obj = value
        .as_object()
        .ok_or_else(|| ParseError::NotAFeed("json".into()))?;
    let format = obj
        .get("version")
        .and_then(Value::as_str)
        .and_then(version)
        .ok_or_else(|| ParseError::NotAFeed("json".into()))?;
    let mut feed = Feed::new(format);
    feed.title = string(obj, "title");
    feed.link = string(obj, "home_page_url").and_then(|u| clean_link(base_url, &u));
    feed.self_link = string(obj, "feed_url").and_then(|u| clean_link(base_url, &u));
    feed.description = string(obj, "description");
    feed.language = string(obj, "language");
    feed.icon = string(obj, "favicon").and_then(|u| clean_link(base_url, &u));
    feed.logo = string(obj, "icon").and_then(|u| clean_link(base_url, &u));
    feed.authors = authors(obj, base_url);
    if let Some(items) = obj.get("items").and_then(Value::as_array) {
        feed.entries = items
            .iter()
            .filter_map(Value::as_object)
            .map(|it| item(it, base_url))
            .collect();
    }
    Ok(feed)
}

/// `https://jsonfeed.org/version/1` or `/1.1` (http too, json1_pxlnv_http_version_url.json).
fn version(v: &str) -> Option<FeedFormat> {
    let v = v.trim().to_ascii_lowercase();
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))?;
    match rest.trim_end_matches('/') {
        "jsonfeed.org/version/1" => Some(FeedFormat::Json10),
        "jsonfeed.org/version/1.1" => Some(FeedFormat::Json11),
        _ => None,
    }
}

/// A member as collapsed text; numbers are written as JSON writes them (ids are often numbers).
fn string(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) => plain(s),
        Value::Number(n) => plain(&n.to_string()),
        _ => None,
    }
}

fn authors(obj: &Map<String, Value>, base_url: Option<&str>) -> Vec<Person> {
    let list: Vec<&Value> = match obj.get("authors") {
        Some(Value::Array(a)) => a.iter().collect(),
        _ => obj
            .get("author")
            .filter(|a| a.is_object())
            .into_iter()
            .collect(),
    };
    let mut out = Vec::new();
    for a in list.into_iter().filter_map(Value::as_object) {
        let url = a.get("url").and_then(Value::as_str).map(str::trim);
        let email = url
            .and_then(|u| {
                u.strip_prefix("mailto:")
                    .or_else(|| u.strip_prefix("MAILTO:"))
            })
            .and_then(plain);
        let uri = url
            .filter(|_| email.is_none())
            .and_then(|u| clean_link(base_url, u));
        let p = Person {
            name: string(a, "name"),
            email,
            uri,
        };
        if p.name.is_some() || p.email.is_some() || p.uri.is_some() {
            push_person(&mut out, p);
        }
    }
    out
}

fn item(it: &Map<String, Value>, base_url: Option<&str>) -> Entry {
    let mut e = Entry {
        id: string(it, "id"),
        title: string(it, "title"),
        link: string(it, "url").and_then(|u| clean_link(base_url, &u)),
        published: string(it, "date_published").and_then(|d| parse_date(&d)),
        updated: string(it, "date_modified").and_then(|d| parse_date(&d)),
        authors: authors(it, base_url),
        ..Entry::default()
    };
    if let Some(tags) = it.get("tags").and_then(Value::as_array) {
        for t in tags.iter().filter_map(Value::as_str) {
            push_category(&mut e.categories, t);
        }
    }
    if let Some(atts) = it.get("attachments").and_then(Value::as_array) {
        for a in atts.iter().filter_map(Value::as_object) {
            let Some(url) = string(a, "url").and_then(|u| clean_link(base_url, &u)) else {
                continue;
            };
            let length = a
                .get("size_in_bytes")
                .and_then(Value::as_u64)
                .filter(|&l| l > 0);
            e.enclosures.push(Enclosure {
                url,
                mime_type: string(a, "mime_type"),
                length,
            });
        }
    }
    let body = |key: &str, kind: ContentKind| {
        it.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(|s| Content {
                kind,
                value: s.to_owned(),
                base: base_url.map(str::to_owned),
            })
    };
    e.content =
        body("content_html", ContentKind::Html).or_else(|| body("content_text", ContentKind::Text));
    e.summary = body("summary", ContentKind::Text);
    e.image = string(it, "image")
        .or_else(|| string(it, "banner_image"))
        .and_then(|u| clean_link(base_url, &u))
        .or_else(|| {
            e.enclosures
                .iter()
                .find(|x| x.is_image())
                .map(|x| x.url.clone())
        });
    image_from_body(&mut e);
    e
}
