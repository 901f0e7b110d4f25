//! A forgiving XML reader: quick-xml events in, a small element tree out.
//!
//! Owns: tokenizing (quick-xml 0.42), entity handling, namespace resolution to the few
//! namespaces feeds use, `xml:base`, and recovery from broken markup (unclosed or stray end
//! tags, bare `&`, undefined entities, garbage after the root). Must not touch: feed
//! semantics; the format readers walk the tree this builds.
//!
//! Safety: only the XML predefined, numeric and HTML named references are ever expanded
//! (a DTD's entity declarations are ignored, so "billion laughs" is inert and nothing
//! external is fetched); nesting is capped at [`MAX_DEPTH`].

use std::rc::Rc;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::url::resolve;
use crate::text::{lookup_entity, numeric_char};

/// Elements nested deeper than this are skipped (their text is lost, the parse goes on).
pub(crate) const MAX_DEPTH: usize = 256;

/// The namespaces feed readers care about; everything else is [`Ns::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// No namespace (RSS 0.9x/2.0 core elements, HTML in naked markup).
    None,
    Atom10,
    Atom03,
    Rss10,
    Rss090,
    Rdf,
    Content,
    Dc,
    Dcterms,
    Media,
    Itunes,
    Xhtml,
    Other,
}

impl Ns {
    /// Maps a namespace URI (compared without case or a trailing slash, as feedparser does).
    fn from_uri(uri: &str) -> Ns {
        let u = uri.trim().trim_end_matches('/').to_ascii_lowercase();
        match u.as_str() {
            "http://www.w3.org/2005/atom" => Ns::Atom10,
            "http://purl.org/atom/ns#" => Ns::Atom03,
            "http://purl.org/rss/1.0" => Ns::Rss10,
            "http://my.netscape.com/rdf/simple/0.9" => Ns::Rss090,
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#" => Ns::Rdf,
            "http://purl.org/rss/1.0/modules/content" => Ns::Content,
            "http://purl.org/dc/elements/1.1" => Ns::Dc,
            "http://purl.org/dc/terms" => Ns::Dcterms,
            "http://search.yahoo.com/mrss" | "http://video.search.yahoo.com/mrss" => Ns::Media,
            "http://www.itunes.com/dtds/podcast-1.0.dtd"
            | "http://example.com/dtds/podcast-1.0.dtd" => Ns::Itunes,
            "http://www.w3.org/1999/xhtml" => Ns::Xhtml,
            // RSS 2.0 written with a namespace of its own: still plain RSS.
            "http://backend.userland.com/rss2" | "http://blogs.law.harvard.edu/tech/rss" => {
                Ns::None
            }
            "" => Ns::None,
            _ => Ns::Other,
        }
    }

    /// The namespace a prefix usually means, for documents that use it without declaring it.
    fn from_conventional_prefix(prefix: &str) -> Ns {
        match prefix {
            "atom" => Ns::Atom10,
            "rdf" => Ns::Rdf,
            "content" => Ns::Content,
            "dc" => Ns::Dc,
            "dcterms" => Ns::Dcterms,
            "media" => Ns::Media,
            "itunes" => Ns::Itunes,
            "xhtml" => Ns::Xhtml,
            _ => Ns::Other,
        }
    }
}

/// One element of the tree.
#[derive(Debug)]
pub(crate) struct Node {
    pub ns: Ns,
    /// Local name, ASCII-lowercased (feeds are inconsistent about case: `itunes:Author`).
    pub name: String,
    /// `(qualified name, value)`, values unescaped.
    pub attrs: Vec<(String, String)>,
    /// The element's own text (text and CDATA children, references resolved).
    pub text: String,
    pub children: Vec<usize>,
    /// The `xml:base` in effect here, resolved against the enclosing bases.
    pub base: Option<Rc<str>>,
    /// Byte span of the element's content in the source (for markup carried inside).
    pub inner: (usize, usize),
}

impl Node {
    /// The value of the attribute with this local name (any prefix), first match.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| {
                k.eq_ignore_ascii_case(local)
                    || k.rsplit_once(':')
                        .is_some_and(|(_, l)| l.eq_ignore_ascii_case(local))
            })
            .map(|(_, v)| v.as_str())
    }

    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }
}

/// A parsed document: the element arena plus what went wrong on the way.
#[derive(Debug, Default)]
pub(crate) struct Doc<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
    pub root: Option<usize>,
    /// The DOCTYPE's text, if any (RSS 0.91 Netscape is told apart by it).
    pub doctype: Option<String>,
    /// The first problem met, in words.
    pub malformed: Option<String>,
}

impl<'a> Doc<'a> {
    pub fn node(&self, id: usize) -> &Node {
        &self.nodes[id]
    }

    /// Child elements of `id`.
    pub fn children(&self, id: usize) -> impl Iterator<Item = (usize, &Node)> + '_ {
        self.nodes[id]
            .children
            .iter()
            .map(move |&c| (c, &self.nodes[c]))
    }

    /// The first child of `id` with this namespace and name.
    pub fn child(&self, id: usize, ns: Ns, name: &str) -> Option<usize> {
        self.nodes[id]
            .children
            .iter()
            .copied()
            .find(|&c| self.nodes[c].is(ns, name))
    }

    /// The raw markup inside an element, as written in the source.
    pub fn inner_source(&self, id: usize) -> &'a str {
        let (start, end) = self.nodes[id].inner;
        self.src.get(start..end.max(start)).unwrap_or("")
    }

    /// Moves the text out of a node (each field is read once, so this avoids a copy).
    pub fn take_text(&mut self, id: usize) -> String {
        std::mem::take(&mut self.nodes[id].text)
    }

    fn note(&mut self, what: impl FnOnce() -> String) {
        if self.malformed.is_none() {
            self.malformed = Some(what());
        }
    }
}

/// A namespace declaration in scope: `(prefix, namespace, depth it was declared at)`.
type Binding = (String, Ns, usize);

/// Builds the tree for `src`. Never fails: whatever could be read is there, and
/// `Doc::malformed` says what could not.
pub(crate) fn read_document<'a>(src: &'a str, base_url: Option<&str>) -> Doc<'a> {
    let mut doc = Doc {
        src,
        ..Doc::default()
    };
    let mut reader = Reader::from_str(src);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;

    let doc_base: Option<Rc<str>> = base_url.map(Rc::from);
    let mut stack: Vec<usize> = Vec::new();
    let mut bindings: Vec<Binding> = Vec::new();
    // Elements past MAX_DEPTH are counted, not stored.
    let mut skipped = 0usize;
    let mut last_pos = usize::MAX;

    loop {
        let pos = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(err) => {
                doc.note(|| format!("not well-formed XML: {err}"));
                let now = reader.buffer_position() as usize;
                if now == last_pos || now >= src.len() {
                    break;
                }
                last_pos = now;
                continue;
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if doc.root.is_some() && stack.is_empty() {
                    // A second root: the loose reading keeps going, as feedparser's does.
                    doc.note(|| "content after the root element".into());
                }
                if skipped > 0 || stack.len() >= MAX_DEPTH {
                    doc.note(|| "elements nested too deeply".into());
                    if !empty {
                        skipped += 1;
                    }
                    continue;
                }
                let id = open_element(&mut doc, e, &stack, &mut bindings, &doc_base);
                let end_of_tag = reader.buffer_position() as usize;
                doc.nodes[id].inner = (end_of_tag, end_of_tag);
                if !empty {
                    close_implied(&mut doc, &mut stack, id, pos);
                }
                match stack.last() {
                    Some(&parent) => doc.nodes[parent].children.push(id),
                    None if doc.root.is_none() => doc.root = Some(id),
                    None => {}
                }
                if !empty {
                    stack.push(id);
                }
            }
            Event::End(ref e) => {
                if skipped > 0 {
                    skipped -= 1;
                    continue;
                }
                let qname = e.name();
                let local = local_name(qname.as_ref());
                match stack
                    .iter()
                    .rposition(|&n| doc.nodes[n].name.eq_ignore_ascii_case(local))
                {
                    Some(at) => {
                        if at + 1 != stack.len() {
                            doc.note(|| "an element was not closed".into());
                        }
                        for &open in &stack[at..] {
                            doc.nodes[open].inner.1 = pos;
                        }
                        stack.truncate(at);
                        bindings.retain(|b| b.2 <= stack.len());
                    }
                    None => doc.note(|| "an end tag matches no open element".into()),
                }
            }
            Event::Text(t) => {
                if let Some(&top) = stack.last() {
                    if skipped == 0 {
                        push_normalized(&mut doc.nodes[top].text, &t);
                    }
                } else if doc.root.is_some() && !t.trim().is_empty() {
                    doc.note(|| "text after the root element".into());
                }
            }
            Event::CData(t) => {
                if let (Some(&top), 0) = (stack.last(), skipped) {
                    push_normalized(&mut doc.nodes[top].text, &t);
                }
            }
            Event::GeneralRef(r) => {
                let Some(&top) = stack.last() else { continue };
                if skipped > 0 {
                    continue;
                }
                let name: &str = &r;
                match resolve_ref(name) {
                    Some(c) => doc.nodes[top].text.push(c),
                    None => {
                        doc.note(|| format!("undefined entity &{name};"));
                        let text = &mut doc.nodes[top].text;
                        text.push('&');
                        text.push_str(name);
                        text.push(';');
                    }
                }
            }
            Event::DocType(t) => doc.doctype = Some(t.to_string()),
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if !stack.is_empty() {
        doc.note(|| "the document ended inside an element".into());
        for &open in &stack {
            doc.nodes[open].inner.1 = src.len();
        }
    }
    doc
}

/// Creates the node for a start tag: name, namespace, attributes, base.
fn open_element(
    doc: &mut Doc<'_>,
    e: &BytesStart<'_>,
    stack: &[usize],
    bindings: &mut Vec<Binding>,
    doc_base: &Option<Rc<str>>,
) -> usize {
    let depth = stack.len();
    let mut attrs = Vec::new();
    let mut xml_base = None;
    for attr in e.attributes().with_checks(false).flatten() {
        let key = attr.key.as_ref().to_owned();
        let value = unescape_attr(&attr.value);
        if key == "xmlns" {
            bindings.push((String::new(), Ns::from_uri(&value), depth + 1));
        } else if let Some(prefix) = key.strip_prefix("xmlns:") {
            bindings.push((prefix.to_owned(), Ns::from_uri(&value), depth + 1));
        } else if key == "xml:base" {
            xml_base = Some(value.clone());
        }
        attrs.push((key, value));
    }
    let qname = e.name();
    let qname = qname.as_ref();
    let (prefix, local) = qname.split_once(':').unwrap_or(("", qname));
    let ns = bindings
        .iter()
        .rev()
        .find(|b| b.0 == prefix)
        .map(|b| b.1)
        .unwrap_or_else(|| {
            if prefix.is_empty() {
                Ns::None
            } else {
                Ns::from_conventional_prefix(prefix)
            }
        });
    let parent_base = match stack.last() {
        Some(&p) => doc.nodes[p].base.clone(),
        None => doc_base.clone(),
    };
    let base = match xml_base {
        Some(b) => {
            Some(resolve(parent_base.as_deref(), &b).map_or_else(|| Rc::from(b.as_str()), Rc::from))
        }
        None => parent_base,
    };
    doc.nodes.push(Node {
        ns,
        name: local.to_ascii_lowercase(),
        attrs,
        text: String::new(),
        children: Vec::new(),
        base,
        inner: (0, 0),
    });
    doc.nodes.len() - 1
}

/// An `<item>` or `<entry>` inside an unclosed one of the same name is its sibling, not its
/// child: close the open one (malformed_rss20_unclosed_tags.xml).
fn close_implied(doc: &mut Doc<'_>, stack: &mut Vec<usize>, id: usize, pos: usize) {
    if !matches!(doc.nodes[id].name.as_str(), "item" | "entry") {
        return;
    }
    let name = doc.nodes[id].name.clone();
    let Some(at) = stack.iter().rposition(|&n| doc.nodes[n].name == name) else {
        return;
    };
    for &open in &stack[at..] {
        doc.nodes[open].inner.1 = pos;
    }
    stack.truncate(at);
    doc.note(|| format!("an <{name}> was not closed"));
}

fn local_name(qname: &str) -> &str {
    qname.rsplit_once(':').map_or(qname, |(_, l)| l)
}

/// The character a reference names: XML's five, numeric, or an HTML entity (feeds use
/// `&eacute;` and `&nbsp;` without declaring them).
fn resolve_ref(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        let significant = digits.trim_start_matches('0');
        if digits.is_empty() || significant.len() > 8 {
            return (!digits.is_empty()).then_some('\u{FFFD}');
        }
        let value = if significant.is_empty() {
            0
        } else {
            u32::from_str_radix(significant, radix).ok()?
        };
        return Some(numeric_char(value));
    }
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => lookup_entity(name),
    }
}

/// Appends text with XML line-end normalization (`\r\n` and `\r` become `\n`).
fn push_normalized(out: &mut String, s: &str) {
    if !s.contains('\r') {
        out.push_str(s);
        return;
    }
    let mut rest = s;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if rest.starts_with('\n') {
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
}

/// An attribute value with references resolved (a bare `&` stays, as in `?a=1&b=2`) and
/// tabs and line ends turned into spaces, as XML attribute normalization asks.
pub(crate) fn unescape_attr(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\t', '\n', '\r']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('&') {
            let end = rest.find(';').filter(|&e| e > 1 && e < 40);
            match end.and_then(|e| resolve_ref(&rest[1..e]).map(|c| (c, e))) {
                Some((c, e)) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        } else {
            if rest.starts_with("\r\n") {
                rest = &rest[1..];
            }
            out.push(' ');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}
