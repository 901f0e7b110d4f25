//! Field helpers shared by the format readers: titles, people, categories, images.
//!
//! Owns: the per-field rules of NOTES.md that are the same in every format (when a title is
//! HTML, how `email (Name)` splits, de-duplication). Must not touch: the XML tree walk or the
//! format detection.

use std::borrow::Cow;

use crate::model::{Entry, Person};
use crate::text::{collapse_whitespace, decode_entities, is_html4_entity, strip_tags_tight};

/// Elements feedparser's sanitizer accepts: a title whose tags are all among these (and
/// which has an end tag or a reference) is read as HTML.
const SAFE_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "big",
    "blockquote",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "command",
    "datagrid",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "event-source",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "keygen",
    "label",
    "legend",
    "li",
    "m",
    "map",
    "menu",
    "meter",
    "multicol",
    "nav",
    "nextid",
    "noscript",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "pre",
    "progress",
    "q",
    "s",
    "samp",
    "section",
    "select",
    "small",
    "sound",
    "source",
    "spacer",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "video",
];

/// Collapsed text, `None` when empty.
pub(crate) fn plain(s: &str) -> Option<String> {
    let c = collapse_whitespace(s);
    (!c.is_empty()).then(|| c.into_owned())
}

/// The same, consuming an owned string (no copy when it is already tidy).
pub(crate) fn plain_owned(s: String) -> Option<String> {
    match collapse_whitespace(&s) {
        Cow::Borrowed(b) if b.len() == s.len() => (!s.is_empty()).then_some(s),
        c => (!c.is_empty()).then(|| c.into_owned()),
    }
}

/// Plain text of an HTML fragment the way feedparser reads an HTML title: tags vanish (no
/// space), references decode.
pub(crate) fn html_title(s: &str) -> Option<String> {
    plain_owned(strip_tags_tight(s))
}

/// An RSS/RDF title (or any "text by convention" field): HTML only if it looks like HTML.
pub(crate) fn guessed_title(s: &str) -> Option<String> {
    if looks_like_html(s) {
        html_title(s)
    } else {
        plain(s)
    }
}

/// feedparser's `looks_like_html`: an end tag or a reference, every tag name a safe HTML
/// element, every named reference an HTML 4 entity.
pub(crate) fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    let word = |i: usize| b[i..].iter().take_while(|c| is_word(**c)).count();
    let mut has_marker = false;
    for (i, &c) in b.iter().enumerate() {
        if c == b'<' {
            let start = if b.get(i + 1) == Some(&b'/') {
                i + 2
            } else {
                i + 1
            };
            if start > b.len() {
                continue;
            }
            let n = word(start);
            if n == 0 {
                continue;
            }
            let name = &s[start..start + n];
            if !SAFE_ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(name)) {
                return false;
            }
            if start == i + 2 && b.get(start + n) == Some(&b'>') {
                has_marker = true;
            }
        } else if c == b'&' {
            let hash = b.get(i + 1) == Some(&b'#');
            let start = if hash { i + 2 } else { i + 1 };
            let n = if start <= b.len() { word(start) } else { 0 };
            if n > 0 && b.get(start + n) == Some(&b';') {
                has_marker = true;
                if !hash && !is_html4_entity(&s[start..start + n]) {
                    return false;
                }
            }
        }
    }
    has_marker
}

/// Python's `\w` for the ASCII range, and every non-ASCII byte (letters in other scripts).
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// Reads an RSS author string: `email (Name)`, `Name <email>`, a bare address or a name.
pub(crate) fn person_from_rss(raw: &str) -> Option<Person> {
    let s = collapse_whitespace(raw);
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // `Name <email>`
    if let (Some(lt), true) = (s.rfind('<'), s.ends_with('>')) {
        let email = s[lt + 1..s.len() - 1].trim().trim_start_matches("mailto:");
        let name = s[..lt].trim().trim_matches('"');
        if email.contains('@') {
            return Some(Person {
                name: plain(name),
                email: plain(email),
                uri: None,
            });
        }
    }
    // `email (Name)`
    if let (Some(open), true) = (s.find('('), s.ends_with(')')) {
        let before = s[..open].trim().trim_start_matches("mailto:");
        let name = s[open + 1..s.len() - 1].trim();
        if before.contains('@') && !before.contains(' ') {
            return Some(Person {
                name: plain(name),
                email: plain(before),
                uri: None,
            });
        }
        // `Name (email)`.
        if name.contains('@') && !name.contains(' ') {
            return Some(Person {
                name: plain(before),
                email: plain(name.trim_start_matches("mailto:")),
                uri: None,
            });
        }
        // `Name (mailto:addr)` (NOTES.md: Simon St.Laurent).
        if let Some(addr) = name.strip_prefix("mailto:") {
            return Some(Person {
                name: plain(before),
                email: plain(addr),
                uri: None,
            });
        }
    }
    if !s.contains(' ') && s.contains('@') {
        return Some(Person {
            name: None,
            email: Some(s.trim_start_matches("mailto:").to_owned()),
            uri: None,
        });
    }
    Some(Person {
        name: Some(s.to_owned()),
        email: None,
        uri: None,
    })
}

/// Adds a person unless one with the same display text is already there.
pub(crate) fn push_person(list: &mut Vec<Person>, p: Person) {
    let Some(key) = p.display() else { return };
    if !list.iter().any(|q| q.display() == Some(key)) {
        list.push(p);
    }
}

/// Adds a category (collapsed) unless empty or already there.
pub(crate) fn push_category(list: &mut Vec<String>, raw: &str) {
    if let Some(c) = plain(raw) {
        if !list.contains(&c) {
            list.push(c);
        }
    }
}

/// The `src` of the first `<img>` in an HTML fragment, references decoded.
pub(crate) fn first_img_src(html: &str) -> Option<String> {
    let b = html.as_bytes();
    // Only `<i` and `<I` can start an `<img`: two fast searches skip the other tags (an
    // entry body has hundreds; this runs on every body without a feed-named picture).
    let mut lower = memchr::memmem::find_iter(b, b"<i").peekable();
    let mut upper = memchr::memmem::find_iter(b, b"<I").peekable();
    loop {
        let at = match (lower.peek(), upper.peek()) {
            (Some(&l), Some(&u)) if u < l => upper.next(),
            (Some(_), _) => lower.next(),
            (None, _) => upper.next(),
        }?;
        if !b[at + 2..]
            .get(..2)
            .is_some_and(|n| n.eq_ignore_ascii_case(b"mg"))
        {
            continue;
        }
        if !b
            .get(at + 4)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            continue;
        }
        let end = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e);
        let tag = &html[at..end];
        if let Some(v) = attr_value(tag, "src") {
            let v = decode_entities(v.trim());
            // A counting pixel is no picture: as a thumbnail it would be fetched by the list.
            let pixel = crate::pixels::is_tracking_pixel(
                attr_value(tag, "width"),
                attr_value(tag, "height"),
                Some(&v),
            );
            if !v.is_empty() && !pixel {
                return Some(v.into_owned());
            }
        }
    }
}

/// The value of attribute `name` inside one start tag's text (`<img src="…" …`).
fn attr_value<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - rest.len() + 1;
        let value = tag[value_start..].trim_start();
        return match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next(),
            _ => value
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next(),
        };
    }
    None
}

/// Fills `entry.image` from its HTML body when no feed field named a picture.
pub(crate) fn image_from_body(entry: &mut Entry) {
    if entry.image.is_some() {
        return;
    }
    for body in [&entry.content, &entry.summary].into_iter().flatten() {
        if body.kind != crate::model::ContentKind::Html {
            continue;
        }
        if let Some(src) = first_img_src(&body.value) {
            entry.image = super::url::clean_link(body.base.as_deref(), &src);
            if entry.image.is_some() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tracking_pixel_is_never_the_thumbnail() {
        let html = r#"<p><img src="https://pixel.wp.com/g.gif?x=1&amp;y=2" width="1" height="1">
            <img width=1 height=1 src="https://ads.example/p.gif"><img src="https://cdn.example/pic.jpg"></p>"#;
        assert_eq!(
            first_img_src(html).as_deref(),
            Some("https://cdn.example/pic.jpg")
        );
    }

    #[test]
    fn guesses_html_titles() {
        let cases = [
            ("<b>Bold</b>", "Bold"),
            ("AT&amp;T", "AT&T"),
            ("I <3 feeds", "I <3 feeds"),
            ("Before <inside> after", "Before <inside> after"),
            ("<em>x</em>", "x"),
            (
                "testing &doesnotexist; entity",
                "testing &doesnotexist; entity",
            ),
            (
                "Tom &amp; Jerry <unknown>x</unknown>",
                "Tom &amp; Jerry <unknown>x</unknown>",
            ),
            ("Q&A", "Q&A"),
            ("caf&eacute;", "café"),
        ];
        for (input, want) in cases {
            assert_eq!(guessed_title(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn splits_rss_authors() {
        let p = |s| person_from_rss(s).map(|p| (p.name, p.email));
        let s = |x: &str| Some(x.to_owned());
        assert_eq!(
            p("jonas@insanity.industries (Jonas Große Sundrup)"),
            Some((s("Jonas Große Sundrup"), s("jonas@insanity.industries")))
        );
        assert_eq!(
            p("Jane Doe <jane@example.com>"),
            Some((s("Jane Doe"), s("jane@example.com")))
        );
        assert_eq!(
            p("Simon St.Laurent (mailto:simonstl@simonstl.com)"),
            Some((s("Simon St.Laurent"), s("simonstl@simonstl.com")))
        );
        assert_eq!(p("me@example.com"), Some((None, s("me@example.com"))));
        assert_eq!(p("Just A Name"), Some((s("Just A Name"), None)));
        assert_eq!(p("   "), None);
    }

    #[test]
    fn finds_first_image() {
        assert_eq!(
            first_img_src("<p>x</p><IMG alt='a' SRC=\"/a.png?x=1&amp;y=2\">").as_deref(),
            Some("/a.png?x=1&y=2")
        );
        assert_eq!(
            first_img_src("<image src=x><img data-src=y src=z>").as_deref(),
            Some("z")
        );
        assert_eq!(first_img_src("no images"), None);
        // Any case, after other `<i…` tags; `<img/` counts, `<imgx` does not.
        let cases = [
            ("<i>x</i><iframe src=f></iframe><iMg src=a>", Some("a")),
            ("<IMG SRC=b><img src=c>", Some("b")),
            ("<Img\nsrc='d'>", Some("d")),
            ("<img/ src=e>", Some("e")),
            ("<imgx src=f><img src=g>", Some("g")),
            ("<INPUT src=h><IMG src=i>", Some("i")),
            ("<img alt=nothing>", None),
            ("trailing <i", None),
        ];
        for (html, want) in cases {
            assert_eq!(first_img_src(html).as_deref(), want, "{html}");
        }
    }
}
