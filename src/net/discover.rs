//! Finding a site's feeds from one of its web pages (autodiscovery).
//!
//! First the page's own `<link rel="alternate">` declarations of RSS, Atom or JSON Feed type;
//! failing those, the paths where feeds usually live. A small tolerant tag scanner reads only
//! `<link>` and `<base>` tags: a web page is not XML, and a full HTML parser is not needed to
//! find a handful of tags.
//! Owns: candidate feed addresses for a page. Must not touch: the network.

use crate::text::decode_entities;

/// A feed a page declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    /// Absolute address.
    pub url: String,
    pub title: Option<String>,
    /// "RSS", "Atom" or "JSON Feed", for people choosing between several.
    pub kind: &'static str,
}

/// Where feeds usually live, tried in order when a page declares none.
pub const COMMON_PATHS: &[&str] = &[
    "/feed",
    "/rss.xml",
    "/atom.xml",
    "/index.xml",
    "/feed.json",
    "/feed.xml",
    "/rss",
];

/// The feeds `html` (found at `page_url`) declares, in document order, without duplicates.
pub fn alternates(html: &str, page_url: &str) -> Vec<Alternate> {
    let mut base = url::Url::parse(page_url).ok();
    let mut found: Vec<Alternate> = Vec::new();
    for tag in tags(html) {
        match tag.name.as_str() {
            // <base href> changes how every later relative address resolves.
            "base" => {
                if let Some(href) = tag.attr("href") {
                    base = match &base {
                        Some(b) => b.join(href).ok().or_else(|| Some(b.clone())),
                        None => url::Url::parse(href).ok(),
                    };
                }
            }
            "link" => {
                let rel = tag.attr("rel").unwrap_or_default().to_ascii_lowercase();
                if !rel
                    .split_ascii_whitespace()
                    .any(|r| r == "alternate" || r == "feed")
                {
                    continue;
                }
                let Some(kind) = tag.attr("type").and_then(feed_kind) else {
                    continue;
                };
                let Some(href) = tag.attr("href").filter(|h| !h.trim().is_empty()) else {
                    continue;
                };
                let resolved = match &base {
                    Some(b) => b.join(href.trim()).ok(),
                    None => url::Url::parse(href.trim()).ok(),
                };
                let Some(resolved) = resolved.filter(|u| matches!(u.scheme(), "http" | "https"))
                else {
                    continue;
                };
                let url = resolved.to_string();
                if found.iter().any(|a| a.url == url) {
                    continue;
                }
                let title = tag
                    .attr("title")
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty());
                found.push(Alternate { url, title, kind });
            }
            _ => {}
        }
    }
    found
}

/// The common feed paths of the site `page_url` belongs to, as absolute addresses: under the
/// page's own folder first (a blog at `/user/` often has `/user/feed`), then at the site root.
pub fn common_candidates(page_url: &str) -> Vec<String> {
    let Ok(page) = url::Url::parse(page_url) else {
        return Vec::new();
    };
    let folder = page
        .path()
        .rsplit_once('/')
        .map(|(dir, _)| dir)
        .unwrap_or("");
    let mut out: Vec<String> = Vec::new();
    for prefix in [folder, ""] {
        for path in COMMON_PATHS {
            if let Ok(u) = page.join(&format!("{prefix}{path}")) {
                let u = u.to_string();
                if u != page.as_str() && !out.contains(&u) {
                    out.push(u);
                }
            }
        }
    }
    out
}

fn feed_kind(mime: &str) -> Option<&'static str> {
    let mime = mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "application/rss+xml" | "application/rdf+xml" | "text/xml" | "application/xml" => {
            Some("RSS")
        }
        "application/atom+xml" | "application/x-atom+xml" | "application/x.atom+xml" => {
            Some("Atom")
        }
        "application/feed+json" | "application/json" => Some("JSON Feed"),
        _ => None,
    }
}

/// A start tag: its lower-cased name and its attributes (names lower-cased, values decoded).
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The `<link>` and `<base>` start tags of an HTML document, skipping comments and the
/// contents of `<script>` and `<style>`.
fn tags(html: &str) -> impl Iterator<Item = Tag> + '_ {
    let bytes = html.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
            let start = i + offset;
            i = start + 1;
            let rest = &html[start..];
            if rest.starts_with("<!--") {
                i = rest.find("-->").map_or(bytes.len(), |end| start + end + 3);
                continue;
            }
            let name_len = rest[1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len() - 1);
            let name = rest[1..1 + name_len].to_ascii_lowercase();
            let (attrs, end) = attributes(&rest[1 + name_len..]);
            i = start + 1 + name_len + end;
            match name.as_str() {
                "script" | "style" => {
                    let close = format!("</{name}");
                    let lower = html[i..].to_ascii_lowercase();
                    i = lower.find(&close).map_or(bytes.len(), |p| i + p);
                }
                "link" | "base" => return Some(Tag { name, attrs }),
                _ => {}
            }
        }
        None
    })
}

/// Reads attributes up to the end of a tag; returns them and the length consumed.
fn attributes(s: &str) -> (Vec<(String, String)>, usize) {
    let b = s.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (attrs, (i + 1).min(b.len()));
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = s[name_start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let (raw, next) = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = s[i + 1..].find(q as char).map_or(b.len(), |p| i + 1 + p);
                    (&s[(i + 1).min(b.len())..end], (end + 1).min(b.len()))
                }
                _ => {
                    let end = s[i..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(b.len(), |p| i + p);
                    (&s[i..end], end)
                }
            };
            value = decode_entities(raw).into_owned();
            i = next;
        }
        if !name.is_empty() {
            attrs.push((name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A WordPress head: the posts feed, the comments feed, and oEmbed links that are not feeds.
    const WORDPRESS: &str = r#"<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/style.css" type="text/css">
<link rel="alternate" type="application/rss+xml" title="Example Blog &raquo; Feed" href="https://blog.example/feed/" />
<link rel="alternate" type="application/rss+xml" title="Example Blog &raquo; Comments Feed" href="https://blog.example/comments/feed/" />
<link rel="alternate" type="application/json+oembed" href="https://blog.example/wp-json/oembed/1.0/embed?url=x" />
<!-- <link rel="alternate" type="application/atom+xml" href="/commented-out.xml"> -->
<script>var s = '<link rel="alternate" type="application/atom+xml" href="/in-script.xml">';</script>
</head><body></body></html>"#;

    #[test]
    fn finds_declared_feeds_in_document_order() {
        let found = alternates(WORDPRESS, "https://blog.example/2024/05/post/");
        assert_eq!(
            found,
            vec![
                Alternate {
                    url: "https://blog.example/feed/".into(),
                    title: Some("Example Blog » Feed".into()),
                    kind: "RSS"
                },
                Alternate {
                    url: "https://blog.example/comments/feed/".into(),
                    title: Some("Example Blog » Comments Feed".into()),
                    kind: "RSS"
                },
            ]
        );
    }

    #[test]
    fn resolves_relative_links_against_base_and_page() {
        let html = r#"<head><base href="/blog/"><LINK REL=alternate TYPE="application/atom+xml" HREF=atom.xml>
            <link rel="alternate feed" type="application/feed+json" href='../feed.json'></head>"#;
        let found = alternates(html, "https://site.example/about/me.html");
        let urls: Vec<&str> = found.iter().map(|a| a.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://site.example/blog/atom.xml",
                "https://site.example/feed.json"
            ]
        );
        assert_eq!(found[1].kind, "JSON Feed");
    }

    #[test]
    fn ignores_non_http_and_empty_links() {
        let html = r#"<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            <link rel="alternate" type="application/rss+xml" href="">"#;
        assert!(alternates(html, "https://x.example/").is_empty());
    }

    #[test]
    fn common_paths_cover_the_folder_then_the_root() {
        let c = common_candidates("https://site.example/user/");
        assert_eq!(c[0], "https://site.example/user/feed");
        assert!(c.contains(&"https://site.example/rss.xml".to_string()));
        assert_eq!(
            common_candidates("https://site.example/").len(),
            COMMON_PATHS.len()
        );
    }
}
