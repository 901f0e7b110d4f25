//! OPML: the subscription lists feed readers exchange.
//!
//! Reading is as forgiving as the feed parser: whatever outlines can be read from a damaged
//! file are kept, attribute names are matched without case (`xmlurl`, `xmlURL` are in the
//! wild), and the only errors are "there is nothing here" and "this is not OPML". Writing is
//! strict OPML 2.0 that every reader we know imports.
//!
//! Folders: the library has one level of folders, OPML has a tree. A feed outline's folder is
//! the path of named outlines above it, joined with " / " ("Tech / Rust"); an outline with no
//! name adds nothing to the path.
//!
//! Owns: OPML parsing, the import into a [`Library`], and the export. Must not touch: the
//! DOM, files, storage (the UI reads and saves the text), or the wording of messages
//! (`messages::opml_error`, `messages::opml_imported`).
//!
//! Safety: a DOCTYPE is skipped, never read, so a file's entity declarations (external ones
//! included) are never expanded; only XML's, numeric and HTML's named references are.

use std::collections::HashSet;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::library::{Library, Subscription};
use crate::text::{collapse_whitespace, decode_entities};

/// One feed listed in an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlFeed {
    /// An absolute http(s) address, as the file wrote it (trimmed).
    pub url: String,
    /// The name the exporting reader showed (`title`, else `text`); `None` when missing or
    /// when it is just the address again.
    pub title: Option<String>,
    /// The site (`htmlUrl`), when it is an absolute http(s) address.
    pub site: Option<String>,
    /// The folder path ("Parent / Child"); `None` at the top level.
    pub folder: Option<String>,
}

/// Everything read from an OPML file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpmlDocument {
    /// `<head><title>`.
    pub title: Option<String>,
    /// Valid feeds, without duplicates, in document order.
    pub feeds: Vec<OpmlFeed>,
    /// Folder paths in document order: those holding feeds directly, and empty ones (a folder
    /// that only holds folders is not listed: its name lives on in their paths).
    pub folders: Vec<String>,
    /// Feed outlines whose address was listed earlier in the file (the first one is kept:
    /// Feedly lists a feed once per category it is in).
    pub skipped_duplicates: usize,
    /// Feed outlines whose address is missing, relative, or not http(s).
    pub skipped_invalid: usize,
    /// Set when the file was damaged but could still be read: the first problem, in words.
    pub malformed: Option<String>,
}

/// Why a file is not a subscription list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpmlError {
    #[error("the file is empty")]
    Empty,
    /// JSON (a Rillet backup picked by mistake, a Feedly API dump …).
    #[error("the file is JSON, not OPML")]
    Json,
    #[error("the file is not XML")]
    NotXml,
    /// XML with another root: a feed, a web page …
    #[error("the file is XML but not OPML (its root element is <{root}>)")]
    NotOpml { root: String },
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    /// Already followed, or listed twice.
    pub skipped_duplicates: usize,
    /// Not an absolute http(s) address.
    pub skipped_invalid: usize,
}

/// Outlines nested deeper than this are read as if they were at this depth's folder: the
/// names of deeper folders are dropped (a hostile file cannot make paths grow without end).
const MAX_FOLDER_DEPTH: usize = 32;

/// The feeds of an OPML file (see [`read_opml`] for the counts of what was skipped).
pub fn parse_opml(text: &str) -> Result<Vec<OpmlFeed>, OpmlError> {
    read_opml(text).map(|doc| doc.feeds)
}

/// Reads an OPML file: its feeds, its folders, and what was skipped.
pub fn read_opml(text: &str) -> Result<OpmlDocument, OpmlError> {
    let src = text.trim_start_matches('\u{feff}');
    let start = src.trim_start();
    if start.is_empty() {
        return Err(OpmlError::Empty);
    }
    if start.starts_with(['{', '[']) {
        return Err(OpmlError::Json);
    }
    let mut walk = Walk::default();
    let mut reader = Reader::from_str(src);
    let config = reader.config_mut();
    // Damaged files are read as far as possible: end tags need not match, a bare `&` is text.
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    let mut last_error_at = None;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                walk.note(|| format!("not well-formed XML: {err}"));
                // Go on past the error when the reader moved (it resumes after the bad
                // markup), stop when it is stuck or at the end.
                let at = reader.buffer_position();
                if last_error_at == Some(at) || at as usize >= src.len() {
                    break;
                }
                last_error_at = Some(at);
                continue;
            }
        };
        match event {
            Event::Start(e) => walk.open(&e, false)?,
            Event::Empty(e) => walk.open(&e, true)?,
            Event::End(e) => walk.close(&local_name(e.name().0)),
            Event::Text(t) => walk.text(&t),
            Event::CData(t) => walk.text(&t),
            Event::GeneralRef(r) => walk.text(&decode_entities(&format!("&{};", &*r))),
            Event::Eof => break,
            // The DOCTYPE is skipped on purpose (see the module's safety note).
            Event::DocType(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if walk.root.is_none() {
        return Err(OpmlError::NotXml);
    }
    if !walk.stack.is_empty() {
        walk.note(|| "the file ended inside an element".into());
    }
    Ok(walk.finish())
}

/// Adds the feeds to the library, skipping addresses already followed (or listed twice) and
/// addresses that are not absolute http(s). A feed's OPML title becomes the subscription's
/// `title` (the feed's own name, refreshed on the next fetch), not a rename.
pub fn import(library: &mut Library, feeds: Vec<OpmlFeed>) -> ImportReport {
    let mut report = ImportReport::default();
    for feed in feeds {
        let Some(url) = feed_url(&feed.url) else {
            report.skipped_invalid += 1;
            continue;
        };
        let folder = feed
            .folder
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty());
        let sub = Subscription {
            title: feed.title,
            site: feed.site,
            folder,
            ..Subscription::new(url)
        };
        if library.subscribe(sub) {
            report.added += 1;
        } else {
            report.skipped_duplicates += 1;
        }
    }
    report
}

impl OpmlDocument {
    /// Imports the whole document: its folders first (so the library keeps the file's folder
    /// order, empty folders included), then its feeds. The report counts what the file itself
    /// skipped too.
    pub fn import_into(self, library: &mut Library) -> ImportReport {
        for folder in &self.folders {
            if !library.folders.contains(folder) {
                library.folders.push(folder.clone());
            }
        }
        let mut report = import(library, self.feeds);
        report.skipped_duplicates += self.skipped_duplicates;
        report.skipped_invalid += self.skipped_invalid;
        report
    }
}

/// The library as OPML 2.0: folders in the library's order as parent outlines, each with its
/// subscriptions in library order, then the top-level subscriptions. A subscription is named
/// by the reader's name for it, else its feed title, else its address (OPML requires `text`).
/// `exported_at` goes into `<dateCreated>` as given (OPML asks for RFC 822:
/// `Tue, 03 Mar 2026 10:00:00 GMT`).
pub fn export_opml(library: &Library, exported_at: Option<&str>) -> String {
    let mut out = String::with_capacity(256 + library.subscriptions.len() * 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str("  <head>\n    <title>Rillet subscriptions</title>\n");
    if let Some(date) = exported_at {
        out.push_str("    <dateCreated>");
        escape_into(&mut out, date);
        out.push_str("</dateCreated>\n");
    }
    out.push_str("  </head>\n  <body>\n");

    // The library's folders, then any folder a subscription names that the list lacks (data
    // written by hand or by an older version), so no subscription is left out.
    let mut folders: Vec<&str> = Vec::new();
    let listed = library.folders.iter().map(|f| f.trim());
    for folder in listed.chain(library.subscriptions.iter().filter_map(folder_of)) {
        if !folder.is_empty() && !folders.contains(&folder) {
            folders.push(folder);
        }
    }
    for folder in folders {
        out.push_str("    <outline text=\"");
        escape_into(&mut out, folder);
        out.push_str("\" title=\"");
        escape_into(&mut out, folder);
        let mut inside = library
            .subscriptions
            .iter()
            .filter(|s| folder_of(s) == Some(folder));
        match inside.next() {
            None => out.push_str("\"/>\n"),
            Some(first) => {
                out.push_str("\">\n");
                for sub in std::iter::once(first).chain(inside) {
                    write_feed(&mut out, sub, "      ");
                }
                out.push_str("    </outline>\n");
            }
        }
    }
    for sub in library
        .subscriptions
        .iter()
        .filter(|s| folder_of(s).is_none())
    {
        write_feed(&mut out, sub, "    ");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// The folder a subscription is filed in, `None` at the top level (or for a blank name).
fn folder_of(sub: &Subscription) -> Option<&str> {
    sub.folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
}

fn write_feed(out: &mut String, sub: &Subscription, indent: &str) {
    let name = sub
        .name
        .as_deref()
        .or(sub.title.as_deref())
        .unwrap_or(&sub.url);
    out.push_str(indent);
    out.push_str("<outline type=\"rss\" text=\"");
    escape_into(out, name);
    out.push_str("\" title=\"");
    escape_into(out, name);
    out.push_str("\" xmlUrl=\"");
    escape_into(out, &sub.url);
    if let Some(site) = &sub.site {
        out.push_str("\" htmlUrl=\"");
        escape_into(out, site);
    }
    out.push_str("\"/>\n");
}

/// Escapes text for an attribute value or element content. Line breaks and tabs become
/// spaces (a reader would normalize them to spaces anyway); other control characters and
/// the non-characters XML forbids are dropped, since they would make the file unreadable.
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// A feed address as the library keeps it: tabs and line breaks removed (browsers ignore
/// them in URLs), trimmed, and only when it is an absolute http(s) address with a host.
fn feed_url(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let url = cleaned.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    let parsed = url::Url::parse(url).ok()?;
    let web = matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some();
    web.then(|| url.to_string())
}

/// An element's local name, ASCII-lowercased (`OPML`, `opml:outline` are in the wild).
fn local_name(qname: &str) -> String {
    qname
        .rsplit_once(':')
        .map_or(qname, |(_, local)| local)
        .to_ascii_lowercase()
}

/// What an open element is to the walk.
enum Frame {
    /// `<head>`: outlines inside it are not subscriptions.
    Head,
    /// `<head><title>`, collecting text.
    Title,
    /// A named outline without a feed address: a folder.
    Folder(Folder),
    /// Any other element (a feed outline, `<body>`, unknown markup).
    Other,
}

struct Folder {
    path: String,
    /// Its position among folder outlines, for listing folders in document order.
    seq: usize,
    depth: usize,
    has_children: bool,
    has_feeds: bool,
    /// Whether it may be listed when empty: no `type`, or `type="folder"` (Liferea's); an
    /// empty `type="link"` outline is a bookmark, not a folder.
    may_be_empty: bool,
}

#[derive(Default)]
struct Walk {
    root: Option<String>,
    stack: Vec<(String, Frame)>,
    seen: HashSet<String>,
    folders: Vec<(usize, String)>,
    folder_count: usize,
    title: Option<String>,
    doc: OpmlDocument,
}

impl Walk {
    fn note(&mut self, what: impl FnOnce() -> String) {
        if self.doc.malformed.is_none() {
            self.doc.malformed = Some(what());
        }
    }

    /// Handles a start tag (`empty`: a self-closing one). The first one decides whether this
    /// is OPML at all.
    fn open(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), OpmlError> {
        let name = local_name(e.name().0);
        if self.root.is_none() {
            if name != "opml" {
                return Err(OpmlError::NotOpml { root: name });
            }
            self.root = Some(name.clone());
        } else if self.stack.is_empty() {
            self.note(|| "content after the root element".into());
        }
        let in_head = self.stack.iter().any(|(_, f)| matches!(f, Frame::Head));
        let frame = match name.as_str() {
            "head" if self.stack.len() == 1 => Frame::Head,
            "title" if matches!(self.stack.last(), Some((_, Frame::Head))) => {
                self.title = Some(String::new());
                Frame::Title
            }
            "outline" if !in_head => self.outline(e),
            _ => Frame::Other,
        };
        if empty {
            self.finish_frame(frame);
        } else {
            self.stack.push((name, frame));
        }
        Ok(())
    }

    /// Reads one outline: a feed (recorded now), or a folder (recorded when it closes).
    fn outline(&mut self, e: &BytesStart<'_>) -> Frame {
        let attrs = OutlineAttrs::of(e);
        if let Some(parent) = self.current_folder_mut() {
            parent.has_children = true;
        }
        let kind = attrs.kind.as_deref().map(str::to_ascii_lowercase);
        let says_feed = matches!(kind.as_deref(), Some("rss" | "atom"));
        if let Some(raw) = attrs.xml_url.as_deref() {
            if let Some(parent) = self.current_folder_mut() {
                parent.has_feeds = true;
            }
            self.feed(raw, &attrs);
            return Frame::Other;
        }
        if says_feed {
            // `type="rss"` with no address: a feed that cannot be followed.
            self.doc.skipped_invalid += 1;
            return Frame::Other;
        }
        let Some(name) = attrs.name() else {
            // A nameless outline is transparent: its outlines belong to the folder around it.
            return Frame::Other;
        };
        let (path, depth) = match self.current_folder() {
            Some(p) if p.depth >= MAX_FOLDER_DEPTH => (p.path.clone(), p.depth),
            Some(p) => (format!("{} / {name}", p.path), p.depth + 1),
            None => (name, 1),
        };
        let seq = self.folder_count;
        self.folder_count += 1;
        Frame::Folder(Folder {
            path,
            seq,
            depth,
            has_children: false,
            has_feeds: false,
            may_be_empty: matches!(kind.as_deref(), None | Some("folder")),
        })
    }

    fn feed(&mut self, raw: &str, attrs: &OutlineAttrs) {
        let Some(url) = feed_url(raw) else {
            self.doc.skipped_invalid += 1;
            return;
        };
        if !self.seen.insert(url.clone()) {
            self.doc.skipped_duplicates += 1;
            return;
        }
        let title = attrs.name().filter(|t| *t != url);
        let site = attrs.html_url.as_deref().and_then(feed_url);
        let folder = self.current_folder().map(|f| f.path.clone());
        self.doc.feeds.push(OpmlFeed {
            url,
            title,
            site,
            folder,
        });
    }

    fn current_folder(&self) -> Option<&Folder> {
        self.stack.iter().rev().find_map(|(_, f)| match f {
            Frame::Folder(folder) => Some(folder),
            _ => None,
        })
    }

    fn current_folder_mut(&mut self) -> Option<&mut Folder> {
        self.stack.iter_mut().rev().find_map(|(_, f)| match f {
            Frame::Folder(folder) => Some(folder),
            _ => None,
        })
    }

    /// Closes the innermost open element of this name, and any left open inside it.
    fn close(&mut self, name: &str) {
        let Some(at) = self.stack.iter().rposition(|(n, _)| n == name) else {
            self.note(|| format!("</{name}> closes nothing"));
            return;
        };
        if at + 1 != self.stack.len() {
            self.note(|| "an element was not closed".into());
        }
        let closed: Vec<_> = self.stack.drain(at..).collect();
        for (_, frame) in closed.into_iter().rev() {
            self.finish_frame(frame);
        }
    }

    fn finish_frame(&mut self, frame: Frame) {
        match frame {
            Frame::Folder(f)
                if (f.has_feeds || (!f.has_children && f.may_be_empty))
                    && !self.folders.iter().any(|(_, p)| *p == f.path) =>
            {
                self.folders.push((f.seq, f.path));
            }
            Frame::Title => {
                let title = self.title.take().unwrap_or_default();
                let title = collapse_whitespace(&title);
                if self.doc.title.is_none() && !title.is_empty() {
                    self.doc.title = Some(title.into_owned());
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if let (Some(title), Some((_, Frame::Title))) = (&mut self.title, self.stack.last()) {
            title.push_str(s);
        }
    }

    fn finish(mut self) -> OpmlDocument {
        let open: Vec<_> = self.stack.drain(..).collect();
        for (_, frame) in open.into_iter().rev() {
            self.finish_frame(frame);
        }
        self.folders.sort_by_key(|(seq, _)| *seq);
        self.doc.folders = self.folders.into_iter().map(|(_, p)| p).collect();
        self.doc
    }
}

/// The attributes of an `<outline>` that matter, names matched without case.
#[derive(Default)]
struct OutlineAttrs {
    xml_url: Option<String>,
    html_url: Option<String>,
    title: Option<String>,
    text: Option<String>,
    kind: Option<String>,
}

impl OutlineAttrs {
    fn of(e: &BytesStart<'_>) -> Self {
        let mut attrs = OutlineAttrs::default();
        // HTML's attribute syntax: sloppy generators write unquoted values.
        let mut iter = e.html_attributes();
        iter.with_checks(false);
        // A broken attribute ends the list; the ones before it are kept.
        for attr in iter.map_while(Result::ok) {
            let slot = match attr.key.0 {
                k if k.eq_ignore_ascii_case("xmlurl") => &mut attrs.xml_url,
                k if k.eq_ignore_ascii_case("htmlurl") => &mut attrs.html_url,
                k if k.eq_ignore_ascii_case("title") => &mut attrs.title,
                k if k.eq_ignore_ascii_case("text") => &mut attrs.text,
                k if k.eq_ignore_ascii_case("type") => &mut attrs.kind,
                _ => continue,
            };
            if slot.is_none() {
                let value = decode_entities(&attr.value).replace(['\t', '\n', '\r'], " ");
                // An empty value is as good as none (`xmlUrl=""` on folders, `title=""`).
                *slot = Some(value).filter(|v| !v.trim().is_empty());
            }
        }
        attrs
    }

    /// `title`, else `text`, whitespace collapsed.
    fn name(&self) -> Option<String> {
        let name = self.title.as_deref().or(self.text.as_deref())?;
        Some(collapse_whitespace(name).into_owned()).filter(|n| !n.is_empty())
    }
}
