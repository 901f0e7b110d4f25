//! RSS 0.90, 0.91, 0.92, 0.93, 0.94, 1.0 (RDF) and 2.0, with the namespaces they carry
//! (content, Dublin Core, iTunes, Media RSS, atom:link).
//!
//! Owns: mapping RSS/RDF elements onto the model. Must not touch: tokenizing (xml.rs) or
//! the per-field rules shared with Atom (fields.rs).

use crate::date::parse_date;
use crate::model::{Content, ContentKind, Enclosure, Entry, Feed, FeedFormat, Person};

use super::fields::{
    guessed_title, image_from_body, person_from_rss, plain, push_category, push_person,
};
use super::media::{read_itunes, read_media, Pictures};
use super::url::clean_link;
use super::xml::{Doc, Ns};

/// The RSS core namespaces: none (0.9x/2.0), RSS 1.0 and Netscape's RSS 0.90.
fn is_core(ns: Ns) -> bool {
    matches!(ns, Ns::None | Ns::Rss10 | Ns::Rss090)
}

/// The format of an `<rss>` root, from its `version` and the DOCTYPE.
pub(crate) fn rss_format(doc: &Doc<'_>, root: usize) -> FeedFormat {
    let version = doc.node(root).attr("version").map(str::trim).unwrap_or("");
    match version {
        "0.91" => {
            let netscape = doc
                .doctype
                .as_deref()
                .is_some_and(|d| d.to_ascii_lowercase().contains("netscape"));
            if netscape {
                FeedFormat::Rss091Netscape
            } else {
                FeedFormat::Rss091Userland
            }
        }
        "0.92" => FeedFormat::Rss092,
        "0.93" => FeedFormat::Rss093,
        "0.94" => FeedFormat::Rss094,
        v if v.starts_with("2.") => FeedFormat::Rss20,
        _ => FeedFormat::Rss,
    }
}

/// The format of an `<rdf:RDF>` root: RSS 1.0, or RSS 0.90 when it uses Netscape's namespace.
pub(crate) fn rdf_format(doc: &Doc<'_>, root: usize) -> Option<FeedFormat> {
    let mut saw_rss10 = false;
    for (k, v) in &doc.node(root).attrs {
        if k.starts_with("xmlns") {
            if v.contains("my.netscape.com/rdf/simple/0.9") {
                return Some(FeedFormat::Rss090);
            }
            saw_rss10 |= v.contains("purl.org/rss/1.0");
        }
    }
    for (_, n) in doc.children(root) {
        match n.ns {
            Ns::Rss090 => return Some(FeedFormat::Rss090),
            Ns::Rss10 => saw_rss10 = true,
            Ns::None if matches!(&*n.name, "channel" | "item") => saw_rss10 = true,
            _ => {}
        }
    }
    saw_rss10.then_some(FeedFormat::Rss10)
}

/// Reads an `<rss>` or `<rdf:RDF>` document.
pub(crate) fn read(doc: &mut Doc<'_>, root: usize, format: FeedFormat) -> Feed {
    let mut feed = Feed::new(format);
    let channel = doc
        .children(root)
        .find(|(_, n)| is_core(n.ns) && n.name == "channel")
        .map(|(id, _)| id);
    let mut items = Vec::new();
    if let Some(ch) = channel {
        read_channel(doc, ch, &mut feed);
        collect_items(doc, ch, &mut items);
    }
    // RSS 1.0 and 0.90 put items (and image) beside the channel.
    collect_items(doc, root, &mut items);
    feed.entries = items.into_iter().map(|id| read_item(doc, id)).collect();
    feed
}

fn collect_items(doc: &Doc<'_>, parent: usize, out: &mut Vec<usize>) {
    out.extend(
        doc.children(parent)
            .filter(|(_, n)| is_core(n.ns) && n.name == "item")
            .map(|(id, _)| id),
    );
}

fn read_channel(doc: &mut Doc<'_>, ch: usize, feed: &mut Feed) {
    let mut children = doc.child_ids(ch);
    while let Some(id) = children.next(doc) {
        let n = doc.node(id);
        match (n.ns, &*n.name) {
            (ns, "title") if is_core(ns) && feed.title.is_none() => {
                feed.title = guessed_title(text_or_markup(doc, id));
            }
            (ns, "link") if is_core(ns) => {
                let href = clean_link(n.base.as_deref(), &n.text);
                if href.is_some() {
                    feed.link = href;
                }
            }
            (Ns::Atom10, "link") => read_atom_link(doc, id, &mut feed.link, &mut feed.self_link),
            (ns, "description") if is_core(ns) => {
                feed.description = guessed_title(text_or_markup(doc, id))
            }
            (ns, "language") if is_core(ns) => feed.language = plain(&n.text),
            (Ns::Dc, "language") if feed.language.is_none() => feed.language = plain(&n.text),
            (ns, "ttl") if is_core(ns) => feed.ttl_minutes = n.text.trim().parse().ok(),
            (ns, "lastbuilddate") if is_core(ns) => feed.updated = parse_date(&n.text),
            (Ns::Dc, "date") if feed.updated.is_none() => feed.updated = parse_date(&n.text),
            (ns, "image") if is_core(ns) => {
                if let Some(url) = doc.child(id, ns, "url") {
                    let u = doc.node(url);
                    feed.logo = clean_link(u.base.as_deref(), &u.text);
                }
            }
            (Ns::Itunes, "image") if feed.logo.is_none() => {
                feed.logo = n
                    .attr("href")
                    .and_then(|h| clean_link(n.base.as_deref(), h));
            }
            (ns, "managingeditor") if is_core(ns) => {
                if let Some(p) = person_from_rss(&n.text) {
                    push_person(&mut feed.authors, p);
                }
            }
            (Ns::Dc, "creator") | (Ns::Itunes, "author") => {
                if let Some(p) = person_from_rss(&n.text) {
                    push_person(&mut feed.authors, p);
                }
            }
            _ => {}
        }
    }
    // RSS 1.0 keeps the image beside the channel.
    if feed.logo.is_none() {
        if let Some((_, img)) = doc.children(ch).find(|(_, n)| n.name == "image") {
            if let Some(url) = img.attr("resource") {
                feed.logo = clean_link(img.base.as_deref(), url);
            }
        }
    }
}

/// An `atom:link` inside RSS: `rel="self"` is the feed's address, an HTML alternate its site.
fn read_atom_link(
    doc: &Doc<'_>,
    id: usize,
    link: &mut Option<String>,
    self_link: &mut Option<String>,
) {
    let n = doc.node(id);
    let Some(href) = n
        .attr("href")
        .and_then(|h| clean_link(n.base.as_deref(), h))
    else {
        return;
    };
    let rel = n.attr("rel").map(str::trim).unwrap_or("alternate");
    if rel == "self" {
        *self_link = Some(href);
    } else if rel == "alternate" && is_html_type(n.attr("type")) && link.is_none() {
        *link = Some(href);
    }
}

/// feedparser's test for an alternate link's type: none given means HTML.
pub(crate) fn is_html_type(t: Option<&str>) -> bool {
    match t.map(str::trim) {
        None | Some("") => true,
        Some(t) => {
            t.eq_ignore_ascii_case("text/html") || t.eq_ignore_ascii_case("application/xhtml+xml")
        }
    }
}

/// An element's text, or its markup when it holds child elements (HTML written without
/// escaping: `<description><p>hi</p></description>`).
pub(crate) fn text_or_markup<'d>(doc: &'d Doc<'_>, id: usize) -> &'d str {
    let n = doc.node(id);
    if !n.has_children() {
        &n.text
    } else {
        doc.inner_source(id)
    }
}

/// An element's body as HTML content, moved out of the tree (descriptions are most of a
/// feed's bytes: they are not copied).
fn html_content(doc: &mut Doc<'_>, id: usize) -> Option<Content> {
    let mut value = if !doc.node(id).has_children() {
        doc.take_text(id)
    } else {
        doc.inner_source(id).to_owned()
    };
    let end = value.trim_end().len();
    value.truncate(end);
    let start = value.len() - value.trim_start().len();
    if start > 0 {
        value.drain(..start);
    }
    if value.is_empty() {
        return None;
    }
    let base = doc.node(id).base.as_deref().map(str::to_owned);
    Some(Content {
        kind: ContentKind::Html,
        value,
        base,
    })
}

fn read_item(doc: &mut Doc<'_>, item: usize) -> Entry {
    let mut e = Entry::default();
    let mut st = ItemState::default();
    if let Some(a) = doc.node(item).attr("about") {
        e.id = plain(a);
    }
    let mut children = doc.child_ids(item);
    while let Some(id) = children.next(doc) {
        read_item_element(doc, id, &mut e, &mut st);
    }
    if e.link.is_none() {
        e.link = st.guid_link;
    }
    st.pics.apply(&mut e);
    image_from_body(&mut e);
    e
}

/// What an item's reading carries between its elements.
#[derive(Default)]
struct ItemState {
    guid_link: Option<String>,
    pics: Pictures,
}

/// One element inside an item. Unknown wrappers are looked into, as feedparser reads
/// elements wherever they sit in the item (`<categories><category>` in rss20_macworld.xml,
/// `<author><name>` in large_rss20_cloudblog.xml).
fn read_item_element(doc: &mut Doc<'_>, id: usize, e: &mut Entry, st: &mut ItemState) {
    let n = doc.node(id);
    let base = n.base.clone();
    match (n.ns, &*n.name) {
        (ns, "title") if is_core(ns) => {
            if e.title.is_none() {
                e.title = guessed_title(text_or_markup(doc, id));
            }
        }
        (ns, "link") if is_core(ns) => {
            if e.link.is_none() {
                e.link = clean_link(base.as_deref(), &n.text);
            }
        }
        (ns, "guid") if is_core(ns) => {
            let permalink = !n
                .attr("ispermalink")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("false"));
            e.id = plain(&n.text);
            st.guid_link = if permalink {
                e.id.as_deref().and_then(|g| clean_link(base.as_deref(), g))
            } else {
                None
            };
        }
        (ns, "description") if is_core(ns) => {
            if e.summary.is_none() {
                e.summary = html_content(doc, id);
            }
        }
        (Ns::Content, "encoded") => e.content = html_content(doc, id),
        (ns, "pubdate") if is_core(ns) => e.published = parse_date(&n.text),
        (Ns::Dcterms, "issued") | (Ns::Atom10, "published") => e.published = parse_date(&n.text),
        (Ns::Dc, "date") | (Ns::Dcterms, "modified") | (Ns::Atom10, "updated") => {
            e.updated = parse_date(&n.text)
        }
        (ns, "author") if is_core(ns) || ns == Ns::Atom10 => {
            let named = doc
                .children(id)
                .find(|(_, c)| c.name == "name")
                .map(|(_, c)| &*c.text);
            let email = doc
                .children(id)
                .find(|(_, c)| c.name == "email")
                .and_then(|(_, c)| plain(&c.text));
            let person = match named.and_then(plain) {
                Some(name) => Some(Person {
                    name: Some(name),
                    email,
                    uri: None,
                }),
                None => person_from_rss(&n.text),
            };
            if let Some(p) = person {
                push_person(&mut e.authors, p);
            }
        }
        (Ns::Dc, "creator") | (Ns::Itunes, "author") => {
            if let Some(p) = person_from_rss(&n.text) {
                push_person(&mut e.authors, p);
            }
        }
        (ns, "category") if is_core(ns) || ns == Ns::Media => {
            let term = n.attr("term").filter(|t| !t.trim().is_empty());
            push_category(&mut e.categories, term.unwrap_or(&n.text));
        }
        (Ns::Dc, "subject") => push_category(&mut e.categories, &n.text),
        // Comma-separated keyword lists (`<tags>` is feedparser's made-up element from its
        // bug 392, rss20_item_madeup_tags.xml).
        (Ns::Media | Ns::Itunes, "keywords") | (Ns::None, "tags") => {
            for k in n.text.split(',') {
                push_category(&mut e.categories, k);
            }
        }
        (Ns::Itunes, "category") => {
            if let Some(t) = n.attr("text") {
                push_category(&mut e.categories, t);
            }
            let mut children = doc.child_ids(id);
            while let Some(c) = children.next(doc) {
                read_item_element(doc, c, e, st);
            }
        }
        (ns, "enclosure") if is_core(ns) => {
            let url = n
                .attr("url")
                .or_else(|| n.attr("resource"))
                .and_then(|u| clean_link(base.as_deref(), u));
            if let Some(url) = url {
                let mime_type = n.attr("type").and_then(plain);
                let length = n
                    .attr("length")
                    .and_then(|l| l.trim().parse().ok())
                    .filter(|&l| l > 0);
                e.enclosures.push(Enclosure {
                    url,
                    mime_type,
                    length,
                });
            }
        }
        (ns, "comments") if is_core(ns) => e.comments = clean_link(base.as_deref(), &n.text),
        (Ns::Atom10, "link") => {
            let mut self_link = None;
            read_atom_link(doc, id, &mut e.link, &mut self_link);
        }
        (Ns::Media, _) => read_media(doc, id, &mut st.pics),
        (Ns::Itunes, _) => read_itunes(doc, id, e, &mut st.pics),
        // A <source> names another feed: its title and link are not the item's.
        (ns, "source") if is_core(ns) => {}
        _ => {
            let mut children = doc.child_ids(id);
            while let Some(c) = children.next(doc) {
                read_item_element(doc, c, e, st);
            }
        }
    }
}
