//! The normalized JSON view of a parse result that the corpus oracle prints
//! (../shared/corpus/NOTES.md, "Normalization rules").
//!
//! Owns: that one schema, used by `examples/feed2json.rs` and the corpus test. Must not
//! touch: parsing decisions; this only projects the model.

use serde_json::{json, Value};

use crate::model::{Entry, Feed};
use crate::parse::ParseError;

/// `{"format", "title", "link", "items": [{id, title, link, published, updated, authors,
/// categories, enclosures: [{url, type}]}]}`; an error gives the empty form with nulls.
pub fn normalized_json(result: &Result<Feed, ParseError>) -> Value {
    match result {
        Ok(feed) => json!({
            "format": feed.format.as_str(),
            "title": feed.title,
            "link": feed.link,
            "items": feed.entries.iter().map(item).collect::<Vec<_>>(),
        }),
        Err(_) => json!({"format": null, "title": null, "link": null, "items": []}),
    }
}

fn item(e: &Entry) -> Value {
    // An author is shown by name, else e-mail (a URI alone is not a name).
    let mut authors: Vec<&str> = Vec::new();
    for p in &e.authors {
        if let Some(a) = p.name.as_deref().or(p.email.as_deref()) {
            if !authors.contains(&a) {
                authors.push(a);
            }
        }
    }
    json!({
        "id": e.id,
        "title": e.title,
        "link": e.link,
        "published": e.published.map(|t| t.to_rfc3339()),
        "updated": e.updated.map(|t| t.to_rfc3339()),
        "authors": authors,
        "categories": e.categories,
        "enclosures": e.enclosures.iter().map(|x| json!({"url": x.url, "type": x.mime_type})).collect::<Vec<_>>(),
    })
}
