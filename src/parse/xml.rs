//! A forgiving XML reader: quick-xml events in, a small element tree out.
//!
//! Owns: tokenizing (quick-xml 0.42), entity handling, namespace resolution to the few
//! namespaces feeds use, `xml:base`, and recovery from broken markup (unclosed or stray end
//! tags, bare `&`, undefined entities, garbage after the root). Must not touch: feed
//! semantics; the format readers walk the tree this builds.
//!
//! Speed: quick-xml reads the markup, and character data is read here a whole run at a time
//! (see [`build`]); the tree borrows from the source wherever it can and links children
//! rather than listing them, so a feed costs few allocations.
//!
//! Safety: only the XML predefined, numeric and HTML named references are ever expanded
//! (a DTD's entity declarations are ignored, so "billion laughs" is inert and nothing
//! external is fetched); nesting is capped at [`MAX_DEPTH`].

use std::borrow::Cow;
use std::rc::Rc;

use quick_xml::events::attributes::Attributes;
use quick_xml::events::Event;
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

/// One element of the tree. Names, attributes and text borrow from the source whenever
/// they need no unescaping or case folding (most do), so building allocates little.
#[derive(Debug)]
pub(crate) struct Node<'a> {
    pub ns: Ns,
    /// Local name, ASCII-lowercased (feeds are inconsistent about case: `itunes:Author`).
    pub name: Cow<'a, str>,
    /// `(qualified name, value)`, values unescaped.
    pub attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// The element's own text (text and CDATA children, references resolved).
    pub text: Cow<'a, str>,
    /// The `xml:base` in effect here, resolved against the enclosing bases.
    pub base: Option<Rc<str>>,
    /// Byte span of the element's content in the source (for markup carried inside).
    pub inner: (usize, usize),
    /// Child elements as links ([`NO_NODE`] for none): no list to allocate per element.
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
}

/// The "no node" link. Node indices fit in `u32`: a document within `MAX_BYTES` holds at
/// most ~13 million elements (`<a/>` is 4 bytes).
const NO_NODE: u32 = u32::MAX;

fn link(id: u32) -> Option<usize> {
    (id != NO_NODE).then_some(id as usize)
}

impl Node<'_> {
    /// The value of the attribute with this local name (any prefix), first match.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| {
                k.eq_ignore_ascii_case(local)
                    || k.rsplit_once(':')
                        .is_some_and(|(_, l)| l.eq_ignore_ascii_case(local))
            })
            .map(|(_, v)| &**v)
    }

    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// Whether the element holds child elements (markup, not just text).
    pub fn has_children(&self) -> bool {
        self.first_child != NO_NODE
    }
}

/// A walk over the children of one element that holds no borrow of the document between
/// steps, so a reader can change the tree (move text out) as it goes.
pub(crate) struct ChildIds(u32);

impl ChildIds {
    pub fn next(&mut self, doc: &Doc<'_>) -> Option<usize> {
        let id = link(self.0)?;
        self.0 = doc.nodes[id].next_sibling;
        Some(id)
    }
}

/// A parsed document: the element arena plus what went wrong on the way.
#[derive(Debug, Default)]
pub(crate) struct Doc<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node<'a>>,
    pub root: Option<usize>,
    /// The DOCTYPE's text, if any (RSS 0.91 Netscape is told apart by it).
    pub doctype: Option<String>,
    /// The first problem met, in words.
    pub malformed: Option<String>,
}

impl<'a> Doc<'a> {
    pub fn node(&self, id: usize) -> &Node<'a> {
        &self.nodes[id]
    }

    /// Child elements of `id`.
    pub fn children(&self, id: usize) -> impl Iterator<Item = (usize, &Node<'a>)> + '_ {
        let mut ids = self.child_ids(id);
        std::iter::from_fn(move || ids.next(self).map(|c| (c, &self.nodes[c])))
    }

    /// Child elements of `id` by index, for walks that change the tree on the way.
    pub fn child_ids(&self, id: usize) -> ChildIds {
        ChildIds(self.nodes[id].first_child)
    }

    /// The one child element of `id`, if it has exactly one.
    pub fn only_child(&self, id: usize) -> Option<usize> {
        let n = &self.nodes[id];
        (n.first_child == n.last_child).then(|| link(n.first_child))?
    }

    /// The first child of `id` with this namespace and name.
    pub fn child(&self, id: usize, ns: Ns, name: &str) -> Option<usize> {
        self.children(id)
            .find(|(_, n)| n.is(ns, name))
            .map(|(c, _)| c)
    }

    /// Appends `child` to `parent`'s children.
    fn adopt(&mut self, parent: usize, child: usize) {
        let child_link = child as u32;
        match link(self.nodes[parent].last_child) {
            Some(last) => self.nodes[last].next_sibling = child_link,
            None => self.nodes[parent].first_child = child_link,
        }
        self.nodes[parent].last_child = child_link;
    }

    /// The raw markup inside an element, as written in the source.
    pub fn inner_source(&self, id: usize) -> &'a str {
        let (start, end) = self.nodes[id].inner;
        self.src.get(start..end.max(start)).unwrap_or("")
    }

    /// Moves the text out of a node (each field is read once, so this avoids a copy).
    pub fn take_text(&mut self, id: usize) -> String {
        std::mem::take(&mut self.nodes[id].text).into_owned()
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
    build(src, base_url, true)
}

/// The tree builder. quick-xml reads the markup; character data inside an element is read
/// here, a whole run (up to the next `<`) at once, when `whole_runs` is set. quick-xml gives
/// one event per reference, and escaped HTML carries ~40 000 of them per MB, so reading runs
/// here is most of the parser's speed. With `whole_runs` off, quick-xml's own Text and
/// GeneralRef events are used (the tests check that both readings build the same tree).
fn build<'a>(src: &'a str, base_url: Option<&str>, whole_runs: bool) -> Doc<'a> {
    let mut doc = Doc {
        src,
        ..Doc::default()
    };
    let mut reader = Reader::from_str(src);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    // Where the reader is in `src`: what it has not consumed yet is the rest of the slice.
    let offset = |r: &Reader<&'a [u8]>| src.len() - r.get_ref().len();

    let doc_base: Option<Rc<str>> = base_url.map(Rc::from);
    let mut stack: Vec<usize> = Vec::new();
    let mut bindings: Vec<Binding> = Vec::new();
    // Elements past MAX_DEPTH are counted, not stored.
    let mut skipped = 0usize;
    let mut last_pos = usize::MAX;
    // True when the reader stands between markup, where it would read text next: after any
    // event but Text (which may leave it inside a reference) or an error.
    let mut between_markup = false;

    loop {
        if whole_runs && between_markup && !stack.is_empty() {
            let rest: &'a [u8] = reader.get_ref();
            let start = src.len() - rest.len();
            let len = memchr::memchr(b'<', rest).unwrap_or(rest.len());
            if let Some(run) = src.get(start..start + len).filter(|r| !r.is_empty()) {
                if skipped == 0 {
                    let top = stack[stack.len() - 1];
                    push_text(&mut doc.nodes[top].text, run, &mut doc.malformed);
                }
                // The reader goes on at the `<` (or the end), as if it had read the text.
                *reader.get_mut() = &rest[len..];
            }
        }
        let pos = offset(&reader);
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(err) => {
                between_markup = false;
                doc.note(|| format!("not well-formed XML: {err}"));
                let now = offset(&reader);
                if now == last_pos || now >= src.len() {
                    break;
                }
                last_pos = now;
                continue;
            }
        };
        between_markup = !matches!(event, Event::Text(_));
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
                let end_of_tag = offset(&reader);
                let raw: &str = e;
                let name_len = e.name().as_ref().len();
                // The tag as a slice of `src` (the reader borrows from it), so that names and
                // values can too; checked by address, with a copying fallback.
                let in_src = src
                    .get(pos + 1..pos + 1 + raw.len())
                    .filter(|t| std::ptr::eq(t.as_ptr(), raw.as_ptr()));
                let mut ctx = Open {
                    doc: &mut doc,
                    stack: &stack,
                    bindings: &mut bindings,
                    doc_base: &doc_base,
                };
                let id = match in_src {
                    Some(tag) => ctx.element(tag, name_len, Cow::Borrowed),
                    None => ctx.element(raw, name_len, |s: &str| Cow::Owned(s.to_owned())),
                };
                doc.nodes[id].inner = (end_of_tag, end_of_tag);
                if !empty {
                    close_implied(&mut doc, &mut stack, id, pos);
                }
                match stack.last() {
                    Some(&parent) => doc.adopt(parent, id),
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
                        push_normalized(doc.nodes[top].text.to_mut(), &t);
                    }
                } else if doc.root.is_some() && !t.trim().is_empty() {
                    doc.note(|| "text after the root element".into());
                }
            }
            Event::CData(t) => {
                if let (Some(&top), 0) = (stack.last(), skipped) {
                    push_normalized(doc.nodes[top].text.to_mut(), &t);
                }
            }
            Event::GeneralRef(r) => {
                if let (Some(&top), 0) = (stack.last(), skipped) {
                    push_ref(doc.nodes[top].text.to_mut(), &r, &mut doc.malformed);
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

/// Appends a run of character data (text with no `<` in it) the way quick-xml's Text and
/// GeneralRef events read it with `allow_dangling_amp`: line ends normalized, a reference
/// runs from `&` to the first `;` (a `&` met first makes the earlier one literal).
fn push_text<'a>(text: &mut Cow<'a, str>, run: &'a str, malformed: &mut Option<String>) {
    let b = run.as_bytes();
    let Some(first) = memchr::memchr2(b'&', b'\r', b) else {
        // Nothing to unescape: the common case for every field but the HTML bodies.
        if text.is_empty() {
            *text = Cow::Borrowed(run);
        } else {
            text.to_mut().push_str(run);
        }
        return;
    };
    let out = text.to_mut();
    // No reference expands to more bytes than it is written with, so this is enough.
    out.reserve(run.len());
    let mut from = 0;
    let mut next = Some(first);
    while let Some(p) = next {
        let at = from + p;
        out.push_str(&run[from..at]);
        if b[at] == b'\r' {
            out.push('\n');
            from = at + 1;
            if b.get(from) == Some(&b'\n') {
                from += 1;
            }
            next = memchr::memchr2(b'&', b'\r', &b[from..]);
            continue;
        }
        let end = b[at + 1..]
            .iter()
            .position(|&c| c == b';' || c == b'&')
            .map(|e| at + 1 + e);
        match end {
            Some(semi) if b[semi] == b';' => {
                push_ref(out, &run[at + 1..semi], malformed);
                from = semi + 1;
            }
            _ => {
                out.push('&');
                from = at + 1;
            }
        }
        next = memchr::memchr2(b'&', b'\r', &b[from..]);
    }
    out.push_str(&run[from..]);
}

/// Appends what `&name;` stands for, or the reference itself (noted) when it names nothing.
fn push_ref(out: &mut String, name: &str, malformed: &mut Option<String>) {
    match resolve_ref(name) {
        Some(c) => out.push(c),
        None => {
            if malformed.is_none() {
                *malformed = Some(format!("undefined entity &{name};"));
            }
            out.push('&');
            out.push_str(name);
            out.push(';');
        }
    }
}

/// What creating an element needs besides the tag.
struct Open<'d, 'a> {
    doc: &'d mut Doc<'a>,
    stack: &'d [usize],
    bindings: &'d mut Vec<Binding>,
    doc_base: &'d Option<Rc<str>>,
}

impl<'a> Open<'_, 'a> {
    /// Creates the node for a start tag (`tag`: the text between `<` and `>`, its name
    /// `name_len` bytes long): name, namespace, attributes, base. `keep` turns a piece of
    /// `tag` into what the node stores (a borrow when `tag` lives in the source).
    fn element<'t>(
        &mut self,
        tag: &'t str,
        name_len: usize,
        keep: impl Fn(&'t str) -> Cow<'a, str>,
    ) -> usize {
        let depth = self.stack.len();
        let mut attrs = Vec::new();
        let mut xml_base = None;
        for attr in Attributes::new(tag, name_len).with_checks(false).flatten() {
            let key = attr.key.0;
            let value = match attr.value {
                Cow::Borrowed(v) => match unescape_attr(v) {
                    Cow::Borrowed(v) => keep(v),
                    Cow::Owned(v) => Cow::Owned(v),
                },
                Cow::Owned(v) => Cow::Owned(unescape_attr(&v).into_owned()),
            };
            if key == "xmlns" {
                self.bindings
                    .push((String::new(), Ns::from_uri(&value), depth + 1));
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                self.bindings
                    .push((prefix.to_owned(), Ns::from_uri(&value), depth + 1));
            } else if key == "xml:base" {
                xml_base = Some(value.clone());
            }
            attrs.push((keep(key), value));
        }
        let qname = &tag[..name_len.min(tag.len())];
        let (prefix, local) = qname.split_once(':').unwrap_or(("", qname));
        let ns = self
            .bindings
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
        let parent_base = match self.stack.last() {
            Some(&p) => self.doc.nodes[p].base.clone(),
            None => self.doc_base.clone(),
        };
        let base = match xml_base {
            Some(b) => {
                Some(resolve(parent_base.as_deref(), &b).map_or_else(|| Rc::from(&*b), Rc::from))
            }
            None => parent_base,
        };
        let name = if local.bytes().any(|c| c.is_ascii_uppercase()) {
            Cow::Owned(local.to_ascii_lowercase())
        } else {
            keep(local)
        };
        self.doc.nodes.push(Node {
            ns,
            name,
            attrs,
            text: Cow::Borrowed(""),
            base,
            inner: (0, 0),
            first_child: NO_NODE,
            last_child: NO_NODE,
            next_sibling: NO_NODE,
        });
        self.doc.nodes.len() - 1
    }
}

/// An `<item>` or `<entry>` inside an unclosed one of the same name is its sibling, not its
/// child: close the open one (malformed_rss20_unclosed_tags.xml).
fn close_implied(doc: &mut Doc<'_>, stack: &mut Vec<usize>, id: usize, pos: usize) {
    if !matches!(&*doc.nodes[id].name, "item" | "entry") {
        return;
    }
    let name = doc.nodes[id].name.to_string();
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
    // Byte patterns, not string compares: this runs once per reference (escaped HTML is
    // mostly `&lt;` and `&gt;`), and at opt-level "z" a `str` compare is a `memcmp` call.
    match *name.as_bytes() {
        [b'l', b't'] => Some('<'),
        [b'g', b't'] => Some('>'),
        [b'a', b'm', b'p'] => Some('&'),
        [b'q', b'u', b'o', b't'] => Some('"'),
        [b'a', b'p', b'o', b's'] => Some('\''),
        [b'#', b'x' | b'X', ..] => numeric_ref(&name[2..], 16),
        [b'#', ..] => numeric_ref(&name[1..], 10),
        _ => lookup_entity(name),
    }
}

/// `&#…;` and `&#x…;`: as HTML reads them (see [`numeric_char`]); absurdly long numbers
/// are U+FFFD, and anything that is not a number names nothing.
fn numeric_ref(digits: &str, radix: u32) -> Option<char> {
    let significant = digits.trim_start_matches('0');
    if digits.is_empty() || significant.len() > 8 {
        return (!digits.is_empty()).then_some('\u{FFFD}');
    }
    let value = if significant.is_empty() {
        0
    } else {
        u32::from_str_radix(significant, radix).ok()?
    };
    Some(numeric_char(value))
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
pub(crate) fn unescape_attr(raw: &str) -> Cow<'_, str> {
    if !raw.contains(['&', '\t', '\n', '\r']) {
        return Cow::Borrowed(raw);
    }
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
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds `src` both ways and checks that the trees agree, node by node.
    fn assert_same_tree(src: &str) {
        let fast = build(src, Some("http://example.org/"), true);
        let events = build(src, Some("http://example.org/"), false);
        assert_eq!(fast.root, events.root, "{src:?}");
        assert_eq!(fast.doctype, events.doctype, "{src:?}");
        assert_eq!(fast.malformed, events.malformed, "{src:?}");
        assert_eq!(fast.nodes.len(), events.nodes.len(), "{src:?}");
        for (a, b) in fast.nodes.iter().zip(&events.nodes) {
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{src:?}");
        }
    }

    // Why: references resolve to exactly one character or to nothing (then they stay
    // as written); the common ones are matched byte by byte, the rest by table.
    #[test]
    fn resolves_references() {
        let cases = [
            ("lt", Some('<')),
            ("gt", Some('>')),
            ("amp", Some('&')),
            ("quot", Some('"')),
            ("apos", Some('\'')),
            ("eacute", Some('é')),
            ("LT", None),
            ("l", None),
            ("ltx", None),
            ("", None),
            ("#65", Some('A')),
            ("#x41", Some('A')),
            ("#X41", Some('A')),
            ("#0065", Some('A')),
            ("#146", Some('’')),
            ("#0", Some('\u{FFFD}')),
            ("#xD800", Some('\u{FFFD}')),
            ("#123456789", Some('\u{FFFD}')),
            ("#", None),
            ("#x", None),
            ("#xZ", None),
            ("#12a", None),
        ];
        for (name, want) in cases {
            assert_eq!(resolve_ref(name), want, "&{name};");
        }
    }

    // Why: text runs are read here rather than as quick-xml events; every odd corner of
    // references, line ends and broken markup must read the same both ways.
    #[test]
    fn whole_runs_read_like_quick_xml_events() {
        let cases = [
            "<a>plain</a>",
            "<a>A &amp; B &lt;p&gt; &#233;&#xE9;&eacute;</a>",
            "<a>bare & amp, &&amp;, & ; &;, &#; &#x; &#xZZ; &nosuch;</a>",
            "<a>dangling &amp</a>",
            "<a>at the end &",
            "<a>cut &amp",
            "<a>line\r\nends\rhere\r</a><b>\r</b>",
            "<a>\r&amp;\n&#13;\r\n</a>",
            "<a>ref with &am\rp; and &x\r\n;</a>",
            "<a>&#0;&#99999999999;&#x110000;&#128;&#146;</a>",
            "<a>one<b>two &amp; <c>three</c> four</b> five &lt;</a>",
            "<a><![CDATA[x &amp; <y>]]> after &amp; ]]> <![CDATA[z]]></a>",
            "<a>text <!-- c &amp; --> more <?pi x?> end</a>",
            "<a>unclosed <b>bold &amp; <i>it</a> tail &amp; text",
            "<a>x</a> after &amp; root <b>second &amp;</b> &amp;",
            "<a attr='&amp;&x;'>t</a>",
            "<a>é—“quotes”&nbsp;😀&hellip;</a>",
            "\u{FEFF}<a>bom &amp;</a>",
            "<a>trailing <",
            "<a>broken <b attr=\"x></a>",
            "<a>x</a",
            "<a><b></a>&amp;</b>",
        ];
        for src in cases {
            assert_same_tree(src);
        }
        let deep = format!(
            "<a>{}&amp;{}</a>",
            "<x>t&amp;".repeat(300),
            "</x>".repeat(300)
        );
        assert_same_tree(&deep);
    }

    // Why: the same check over every corpus feed, each also cut at many points (a cut can
    // land inside a reference, a tag or a CDATA section).
    #[test]
    fn whole_runs_read_like_quick_xml_events_on_the_corpus() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/feeds");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).expect("feed");
            let charset = super::super::detect_charset(&bytes, None);
            let Ok(text) = super::super::decode(&bytes, &charset) else {
                continue;
            };
            assert_same_tree(&text);
            let step = (text.len() / 7).max(1);
            for cut in (step..text.len()).step_by(step) {
                let mut at = cut;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                assert_same_tree(&text[..at]);
            }
        }
    }
}
