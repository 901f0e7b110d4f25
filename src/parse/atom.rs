//! Atom 1.0, Atom 0.3 and Atom elements written without a namespace.
//!
//! Owns: mapping Atom elements (text constructs, links, people, categories) onto the
//! model. Must not touch: tokenizing (xml.rs) or the rules shared with RSS (fields.rs).

use crate::date::parse_date;
use crate::model::{Content, ContentKind, Enclosure, Entry, Feed, FeedFormat, Person};

use super::fields::{html_title, image_from_body, plain, plain_owned, push_category, push_person};
use super::media::{read_itunes, read_media, Pictures};
use super::rss::is_html_type;
use super::url::clean_link;
use super::xml::{Doc, Ns};

/// The format of a `<feed>` (or standalone `<entry>`) root.
pub(crate) fn format(doc: &Doc<'_>, root: usize) -> FeedFormat {
    let n = doc.node(root);
    if n.ns == Ns::Atom10 {
        return FeedFormat::Atom10;
    }
    match n.attr("version").map(str::trim) {
        Some("0.3") => FeedFormat::Atom03,
        _ if n.ns == Ns::Atom03 => FeedFormat::Atom03,
        _ => FeedFormat::Atom,
    }
}

/// How an Atom text construct's value is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextType {
    Text,
    Html,
    Xhtml,
}

/// Reads an Atom document whose root is `root` (a feed, or a lone entry).
pub(crate) fn read(doc: &mut Doc<'_>, root: usize, format: FeedFormat) -> Feed {
    let mut feed = Feed::new(format);
    let core = doc.node(root).ns;
    if doc.node(root).name == "entry" {
        feed.entries.push(read_entry(doc, root, core));
        return feed;
    }
    feed.language = doc.node(root).attr("lang").and_then(plain);
    let mut children = doc.child_ids(root);
    while let Some(id) = children.next(doc) {
        let n = doc.node(id);
        if n.ns != core {
            if n.is(Ns::Itunes, "image") && feed.logo.is_none() {
                feed.logo = n
                    .attr("href")
                    .and_then(|h| clean_link(n.base.as_deref(), h));
            }
            continue;
        }
        match &*n.name {
            "entry" => {
                let entry = read_entry(doc, id, core);
                feed.entries.push(entry);
            }
            "title" => feed.title = text_construct(doc, id).and_then(|(t, v)| plain_text(t, &v)),
            "subtitle" | "tagline" => {
                feed.description = text_construct(doc, id).and_then(|(t, v)| plain_text(t, &v))
            }
            "link" => read_link(doc, id, &mut feed.link, Some(&mut feed.self_link), None),
            "updated" | "modified" => feed.updated = parse_date(&n.text),
            "icon" => feed.icon = clean_link(n.base.as_deref(), &n.text),
            "logo" => feed.logo = clean_link(n.base.as_deref(), &n.text),
            "author" => {
                if let Some(p) = person(doc, id, core) {
                    push_person(&mut feed.authors, p);
                }
            }
            _ => {}
        }
    }
    feed
}

fn read_entry(doc: &mut Doc<'_>, entry: usize, core: Ns) -> Entry {
    let mut e = Entry::default();
    let mut pics = Pictures::default();
    let mut children = doc.child_ids(entry);
    while let Some(id) = children.next(doc) {
        let n = doc.node(id);
        match (n.ns, &*n.name) {
            (ns, "id") if ns == core => e.id = plain(&n.text),
            (ns, "title") if ns == core => {
                e.title = text_construct(doc, id).and_then(|(t, v)| plain_text(t, &v))
            }
            (ns, "link") if ns == core => {
                read_link(doc, id, &mut e.link, None, Some(&mut e.enclosures))
            }
            (ns, "published" | "issued") if ns == core => e.published = parse_date(&n.text),
            (ns, "updated" | "modified") if ns == core => e.updated = parse_date(&n.text),
            (ns, "author") if ns == core => {
                if let Some(p) = person(doc, id, core) {
                    push_person(&mut e.authors, p);
                }
            }
            (ns, "category") if ns == core => {
                // term, else label, else the text some feeds write (atom10_example_blog4.xml).
                let term = n.attr("term").filter(|t| !t.trim().is_empty());
                let label = n.attr("label").filter(|t| !t.trim().is_empty());
                push_category(&mut e.categories, term.or(label).unwrap_or(&n.text));
            }
            (Ns::Dc, "subject") => push_category(&mut e.categories, &n.text),
            (Ns::Dc, "creator") => {
                if let Some(p) = plain(&n.text) {
                    push_person(
                        &mut e.authors,
                        Person {
                            name: Some(p),
                            ..Person::default()
                        },
                    );
                }
            }
            (Ns::Dc, "date") => e.updated = parse_date(&n.text),
            (Ns::Dcterms, "issued") => e.published = parse_date(&n.text),
            (Ns::Dcterms, "modified") => e.updated = parse_date(&n.text),
            (ns, "summary") if ns == core => e.summary = content(doc, id),
            (ns, "content") if ns == core => e.content = content(doc, id),
            (Ns::Media, _) => read_media(doc, id, &mut pics),
            (Ns::Itunes, _) => read_itunes(doc, id, &mut e, &mut pics),
            _ => {}
        }
    }
    e.title = e.title.and_then(plain_owned);
    pics.apply(&mut e);
    image_from_body(&mut e);
    e
}

/// An Atom `<link>`: the last HTML alternate is the link (no `rel` means alternate),
/// `rel="enclosure"` an enclosure, `rel="self"` the feed's own address.
fn read_link(
    doc: &Doc<'_>,
    id: usize,
    link: &mut Option<String>,
    self_link: Option<&mut Option<String>>,
    enclosures: Option<&mut Vec<Enclosure>>,
) {
    let n = doc.node(id);
    let href = n
        .attr("href")
        .or_else(|| (!n.text.trim().is_empty()).then_some(&*n.text));
    // An empty href is a reference to the base itself (atom10_onefoottsunami.xml).
    let href = match href.map(str::trim) {
        Some("") => n.base.as_deref().and_then(|b| clean_link(None, b)),
        h => h.and_then(|h| clean_link(n.base.as_deref(), h)),
    };
    let Some(href) = href else { return };
    let rel = n
        .attr("rel")
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .unwrap_or("alternate");
    match rel {
        "alternate" if is_html_type(n.attr("type")) => *link = Some(href),
        "self" => {
            if let Some(s) = self_link {
                *s = Some(href);
            }
        }
        "enclosure" => {
            if let Some(list) = enclosures {
                let mime_type = n.attr("type").and_then(plain);
                let length = n
                    .attr("length")
                    .and_then(|l| l.trim().parse().ok())
                    .filter(|&l| l > 0);
                list.push(Enclosure {
                    url: href,
                    mime_type,
                    length,
                });
            }
        }
        _ => {}
    }
}

/// An author: `name`, `email` and `uri` (Atom 0.3: `url`) children.
fn person(doc: &Doc<'_>, id: usize, core: Ns) -> Option<Person> {
    let field = |name: &str| {
        doc.child(id, core, name)
            .and_then(|c| plain(&doc.node(c).text))
    };
    let uri = doc
        .child(id, core, "uri")
        .or_else(|| doc.child(id, core, "url"))
        .and_then(|c| clean_link(doc.node(c).base.as_deref(), &doc.node(c).text));
    let p = Person {
        name: field("name"),
        email: field("email"),
        uri,
    };
    if p.name.is_none() && p.email.is_none() && p.uri.is_none() {
        // Some feeds put the name straight in <author>.
        return plain(&doc.node(id).text).map(|name| Person {
            name: Some(name),
            ..Person::default()
        });
    }
    Some(p)
}

/// A text construct's type and raw value (markup for HTML/XHTML).
fn text_construct(doc: &Doc<'_>, id: usize) -> Option<(TextType, String)> {
    let n = doc.node(id);
    let ty = n.attr("type").map(|t| t.trim().to_ascii_lowercase());
    let mode = n.attr("mode").map(|m| m.trim().to_ascii_lowercase());
    let mut kind = match ty.as_deref() {
        Some("html" | "text/html") => TextType::Html,
        Some("xhtml" | "application/xhtml+xml") => TextType::Xhtml,
        _ => TextType::Text,
    };
    let value = match mode.as_deref() {
        Some("base64") => decode_base64(&n.text)?,
        // Atom 0.3 escaped mode: the text is HTML whatever the type says.
        Some("escaped") if kind == TextType::Text && ty.is_none() => {
            kind = TextType::Html;
            n.text.to_string()
        }
        _ if n.has_children() => {
            // Markup written inline: read it as XHTML, whatever the declared type.
            kind = TextType::Xhtml;
            xhtml_inner(doc, id).to_owned()
        }
        _ => n.text.to_string(),
    };
    Some((kind, value))
}

/// The content of an `xhtml` construct without its wrapping `<div>`.
fn xhtml_inner<'a>(doc: &Doc<'a>, id: usize) -> &'a str {
    let n = doc.node(id);
    if let Some(only) = doc.only_child(id) {
        let c = doc.node(only);
        if c.name == "div" && n.text.trim().is_empty() {
            return doc.inner_source(only);
        }
    }
    doc.inner_source(id)
}

/// A title or subtitle as plain text.
fn plain_text(kind: TextType, value: &str) -> Option<String> {
    match kind {
        TextType::Text => plain(value),
        TextType::Html | TextType::Xhtml => html_title(value),
    }
}

/// A summary or content element as model content (`src`-only content has no body here).
fn content(doc: &mut Doc<'_>, id: usize) -> Option<Content> {
    let (kind, value) = text_construct(doc, id)?;
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let kind = match kind {
        TextType::Text => ContentKind::Text,
        TextType::Html | TextType::Xhtml => ContentKind::Html,
    };
    let base = doc.node(id).base.as_deref().map(str::to_owned);
    Some(Content {
        kind,
        value: value.to_owned(),
        base,
    })
}

/// Standard base64 (Atom 0.3 `mode="base64"`), whitespace ignored; `None` if malformed.
fn decode_base64(s: &str) -> Option<String> {
    let mut bits: u32 = 0;
    let mut nbits = 0;
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            c if c.is_ascii_whitespace() => continue,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(v);
        nbits += 6;
        if nbits >= 8 {
            nbits -= 8;
            out.push((bits >> nbits) as u8);
        }
    }
    String::from_utf8(out).ok()
}
