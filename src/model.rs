//! The one shape every feed is read into.
//!
//! RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed all fill these plain, serde-able structs; nothing
//! downstream (the UI, storage, the native commands) knows which format a feed came in.
//! Owns: the data types and small pure accessors on them. Must not touch: parsing, HTML
//! sanitizing, the DOM.
//!
//! Conventions, shared by every format reader:
//! - text fields are plain text (markup in titles is reduced to text by the reader), trimmed,
//!   and `None` rather than empty;
//! - URLs are absolute when a base was known, otherwise kept as the feed wrote them; links
//!   whose scheme is not http(s) (or relative) are dropped by the reader;
//! - instants are UTC.

use serde::{Deserialize, Serialize};

use crate::date::Timestamp;

/// The source format and version, named as Python feedparser names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedFormat {
    /// RSS 0.90 (RDF-based, Netscape).
    Rss090,
    /// RSS 0.91 with the Netscape DOCTYPE.
    Rss091Netscape,
    /// RSS 0.91 without it (UserLand).
    Rss091Userland,
    Rss092,
    Rss093,
    Rss094,
    /// RSS 2.0 (also declared as 2.01 or 2.1).
    Rss20,
    /// An `<rss>` root with no (or an unknown) version attribute.
    Rss,
    /// RSS 1.0 (RDF Site Summary).
    Rss10,
    Atom03,
    Atom10,
    /// Atom elements without the Atom namespace.
    Atom,
    /// JSON Feed 1.0.
    Json10,
    /// JSON Feed 1.1.
    Json11,
}

impl FeedFormat {
    /// feedparser's version string (`rss20`, `atom10`, `json11`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            FeedFormat::Rss090 => "rss090",
            FeedFormat::Rss091Netscape => "rss091n",
            FeedFormat::Rss091Userland => "rss091u",
            FeedFormat::Rss092 => "rss092",
            FeedFormat::Rss093 => "rss093",
            FeedFormat::Rss094 => "rss094",
            FeedFormat::Rss20 => "rss20",
            FeedFormat::Rss => "rss",
            FeedFormat::Rss10 => "rss10",
            FeedFormat::Atom03 => "atom03",
            FeedFormat::Atom10 => "atom10",
            FeedFormat::Atom => "atom",
            FeedFormat::Json10 => "json1",
            FeedFormat::Json11 => "json11",
        }
    }

    /// A short name for people: "RSS 2.0", "Atom 1.0", "JSON Feed 1.1".
    pub fn label(self) -> &'static str {
        match self {
            FeedFormat::Rss090 => "RSS 0.90",
            FeedFormat::Rss091Netscape | FeedFormat::Rss091Userland => "RSS 0.91",
            FeedFormat::Rss092 => "RSS 0.92",
            FeedFormat::Rss093 => "RSS 0.93",
            FeedFormat::Rss094 => "RSS 0.94",
            FeedFormat::Rss20 => "RSS 2.0",
            FeedFormat::Rss => "RSS",
            FeedFormat::Rss10 => "RSS 1.0",
            FeedFormat::Atom03 => "Atom 0.3",
            FeedFormat::Atom10 => "Atom 1.0",
            FeedFormat::Atom => "Atom",
            FeedFormat::Json10 => "JSON Feed 1.0",
            FeedFormat::Json11 => "JSON Feed 1.1",
        }
    }
}

/// A parsed feed: channel-level metadata plus its entries in document order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub format: FeedFormat,
    /// Plain-text title.
    pub title: Option<String>,
    /// The site the feed belongs to (RSS `<link>`, Atom `rel="alternate"`, JSON `home_page_url`).
    pub link: Option<String>,
    /// The feed's own address when it states one (Atom/RSS `rel="self"`, JSON `feed_url`).
    pub self_link: Option<String>,
    /// Plain-text description or subtitle.
    pub description: Option<String>,
    /// Language tag as given (`en`, `pt-BR`).
    pub language: Option<String>,
    /// Small square icon (Atom `icon`, JSON `favicon`).
    pub icon: Option<String>,
    /// Larger image (RSS `<image><url>`, Atom `logo`, `itunes:image`, JSON `icon`).
    pub logo: Option<String>,
    pub authors: Vec<Person>,
    pub updated: Option<Timestamp>,
    /// RSS `<ttl>`: minutes the publisher asks readers to cache the feed.
    pub ttl_minutes: Option<u32>,
    pub entries: Vec<Entry>,
    /// Set when the document was not well-formed but could still be read: what went wrong
    /// first, in words. (feedparser calls this flag "bozo".)
    pub malformed: Option<String>,
}

impl Feed {
    /// An empty feed of the given format: the starting point for every reader.
    pub fn new(format: FeedFormat) -> Self {
        Feed {
            format,
            title: None,
            link: None,
            self_link: None,
            description: None,
            language: None,
            icon: None,
            logo: None,
            authors: Vec::new(),
            updated: None,
            ttl_minutes: None,
            entries: Vec::new(),
            malformed: None,
        }
    }

    /// The index of the entry addressed by `key`: its [`Entry::key`], else its id or link
    /// (a shared link may name either).
    pub fn position_of(&self, key: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.key() == key)
            .or_else(|| {
                self.entries
                    .iter()
                    .position(|e| e.id.as_deref() == Some(key) || e.link.as_deref() == Some(key))
            })
    }

    /// The entry addressed by `key` (see [`Feed::position_of`]).
    pub fn find_entry(&self, key: &str) -> Option<&Entry> {
        self.position_of(key).map(|i| &self.entries[i])
    }
}

/// A person: an author or contributor. At least one field is set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
    pub uri: Option<String>,
}

impl Person {
    /// What to show for this person: the name, else the e-mail, else the URI.
    pub fn display(&self) -> Option<&str> {
        self.name
            .as_deref()
            .or(self.email.as_deref())
            .or(self.uri.as_deref())
    }
}

/// Whether a [`Content`] value is markup or plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentKind {
    /// HTML (also Atom `xhtml`, serialized back to markup). Untrusted: it must go through the
    /// sanitizer before it is shown.
    Html,
    /// Plain text; shown as text, never as markup.
    Text,
}

/// A body of text from the feed: an entry's content or summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub kind: ContentKind,
    pub value: String,
    /// The base URL in effect where the content appeared (`xml:base`, else the document URL),
    /// against which its relative URLs resolve.
    pub base: Option<String>,
}

impl Content {
    pub fn html(value: impl Into<String>) -> Self {
        Content {
            kind: ContentKind::Html,
            value: value.into(),
            base: None,
        }
    }

    pub fn text(value: impl Into<String>) -> Self {
        Content {
            kind: ContentKind::Text,
            value: value.into(),
            base: None,
        }
    }
}

/// A media file attached to an entry (RSS `<enclosure>`, Atom `rel="enclosure"`, JSON
/// `attachments`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enclosure {
    pub url: String,
    /// MIME type as given (`audio/mpeg`).
    pub mime_type: Option<String>,
    /// Size in bytes, when the feed states a plausible one.
    pub length: Option<u64>,
}

impl Enclosure {
    pub fn is_audio(&self) -> bool {
        self.mime_type
            .as_deref()
            .is_some_and(|t| t.starts_with("audio/"))
    }

    pub fn is_video(&self) -> bool {
        self.mime_type
            .as_deref()
            .is_some_and(|t| t.starts_with("video/"))
    }

    pub fn is_image(&self) -> bool {
        self.mime_type
            .as_deref()
            .is_some_and(|t| t.starts_with("image/"))
    }
}

/// One item of a feed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Entry {
    /// RSS `guid`, Atom `id`, RSS 1.0 `rdf:about`, JSON `id`.
    pub id: Option<String>,
    /// Plain-text title.
    pub title: Option<String>,
    /// The original article (absolute http(s) when a base was known).
    pub link: Option<String>,
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    pub authors: Vec<Person>,
    /// Tags, de-duplicated, in document order.
    pub categories: Vec<String>,
    /// A short description (RSS `description`, Atom `summary`, JSON `summary`).
    pub summary: Option<Content>,
    /// The full body (`content:encoded`, Atom `content`, JSON `content_html`/`content_text`).
    pub content: Option<Content>,
    pub enclosures: Vec<Enclosure>,
    /// A picture for the entry: media thumbnail or content, `itunes:image`, an image enclosure,
    /// else the first `<img>` in its HTML.
    pub image: Option<String>,
    /// Comments page (RSS `<comments>`).
    pub comments: Option<String>,
    /// `itunes:duration` in seconds.
    pub duration_secs: Option<u32>,
    /// `itunes:episode`.
    pub episode: Option<u32>,
    /// Minutes to read, when the publisher states it (Forem's API does).
    pub reading_minutes: Option<u32>,
    /// The entry's id in the API it was read from (Forem's numeric article id), for fetching
    /// what that API's list left out: the body (`forem::article_url`). `None` for feeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_id: Option<String>,
}

impl Entry {
    /// A stable identity for addressing this entry (`?entry=` in the page address): its id,
    /// else its link, else its title (a feed with none of these has nothing stable to offer).
    pub fn key(&self) -> &str {
        self.id
            .as_deref()
            .or(self.link.as_deref())
            .or(self.title.as_deref())
            .unwrap_or("")
    }

    /// The body to read: content preferred over summary.
    pub fn body(&self) -> Option<&Content> {
        self.content.as_ref().or(self.summary.as_ref())
    }

    /// The date to show and sort by: published, else updated.
    pub fn date(&self) -> Option<Timestamp> {
        self.published.or(self.updated)
    }

    /// The authors' display names joined for a byline.
    pub fn byline(&self) -> Option<String> {
        let names: Vec<&str> = self.authors.iter().filter_map(Person::display).collect();
        (!names.is_empty()).then(|| names.join(", "))
    }
}
