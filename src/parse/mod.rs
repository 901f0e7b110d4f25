//! Parsing: bytes in, one [`Feed`] out, whatever the format.
//!
//! `parse_feed(bytes, options)` sniffs the document (RSS, RDF, Atom or JSON Feed), picks the
//! character set, and dispatches to one reader per format; each reader only fills the model.
//! Owns: format detection, charset choice, the format readers. Must not touch: the DOM, the
//! network, HTML sanitizing.

mod atom;
mod charset;
mod fields;
mod json;
mod media;
mod rss;
mod url;
mod xml;

use thiserror::Error;

use crate::model::{Feed, FeedFormat};

pub use charset::{decode, detect_charset, Charset};

/// Documents larger than this are refused (a feed is a few MB at most; this bounds memory).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// What the caller knows about the document besides its bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions<'a> {
    /// The address the document was fetched from: the base for relative URLs.
    pub base_url: Option<&'a str>,
    /// The charset named by the HTTP `Content-Type` header, if any.
    pub http_charset: Option<&'a str>,
}

/// Why a document could not be read as a feed at all. A feed with broken parts is not an
/// error: it parses, with `Feed::malformed` set.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("the document is empty")]
    Empty,
    /// An HTML page (the fetch layer looks in it for `<link rel="alternate">`).
    #[error("this is a web page, not a feed")]
    Html,
    #[error("this document is not a feed (its root element is <{0}>)")]
    NotAFeed(String),
    #[error("the document is larger than the {limit} byte limit")]
    TooLarge { limit: usize },
    #[error("the character encoding {0:?} is not supported")]
    UnsupportedEncoding(String),
}

/// Parses a feed document from its bytes: picks the charset (see [`detect_charset`]),
/// decodes, and reads whatever format it is in.
///
/// In the browser, a document in a charset that needs tables (GB2312, EUC-KR …) gives
/// [`ParseError::UnsupportedEncoding`]: decode it with `TextDecoder` under
/// [`Charset::label`] and call [`parse_feed_str`].
pub fn parse_feed(bytes: &[u8], options: &ParseOptions<'_>) -> Result<Feed, ParseError> {
    if bytes.len() > MAX_BYTES {
        return Err(ParseError::TooLarge { limit: MAX_BYTES });
    }
    let (charset, validated) = charset::detect_and_validate(bytes, options.http_charset);
    match validated {
        Some(text) => parse_feed_str(text, options),
        None => parse_feed_str(&decode(bytes, &charset)?, options),
    }
}

/// Parses a feed document that is already text (its XML declaration's encoding is ignored).
pub fn parse_feed_str(text: &str, options: &ParseOptions<'_>) -> Result<Feed, ParseError> {
    if text.len() > MAX_BYTES {
        return Err(ParseError::TooLarge { limit: MAX_BYTES });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if start.is_empty() {
        return Err(ParseError::Empty);
    }
    if start.starts_with('{') {
        return json::read(start, options.base_url);
    }
    if looks_like_html_page(start) {
        return Err(ParseError::Html);
    }
    let mut doc = xml::read_document(text, options.base_url);
    let Some(root) = doc.root else {
        return Err(ParseError::NotAFeed(String::new()));
    };
    let root_node = doc.node(root);
    let mut feed = match &*root_node.name {
        "rss" => {
            let format = rss::rss_format(&doc, root);
            rss::read(&mut doc, root, format)
        }
        "rdf" => match rss::rdf_format(&doc, root) {
            Some(format) => rss::read(&mut doc, root, format),
            None => return Err(ParseError::NotAFeed("rdf:RDF".into())),
        },
        "feed" => {
            let format = atom::format(&doc, root);
            atom::read(&mut doc, root, format)
        }
        "entry" if root_node.ns == xml::Ns::Atom10 => {
            atom::read(&mut doc, root, FeedFormat::Atom10)
        }
        "html" | "head" | "body" => return Err(ParseError::Html),
        other => return Err(ParseError::NotAFeed(other.to_owned())),
    };
    feed.malformed = doc.malformed.take();
    Ok(feed)
}

/// An HTML page rather than a feed: its first element (after declarations, comments and
/// white space) is `<html`. Pages that are not well-formed enough to say so are caught by
/// their root element later.
fn looks_like_html_page(text: &str) -> bool {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        let lower: String = rest
            .chars()
            .take(6)
            .collect::<String>()
            .to_ascii_lowercase();
        // A DOCTYPE is not enough: feeds carry odd ones (malformed_always_strip_doctype.xml).
        if lower.starts_with("<html") {
            return true;
        }
        if rest.starts_with("<!--") {
            match rest.find("-->") {
                Some(e) => rest = &rest[e + 3..],
                None => return false,
            }
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            match rest.find('>') {
                Some(e) => rest = &rest[e + 1..],
                None => return false,
            }
        } else {
            return false;
        }
    }
}
