//! URL helpers for the readers: joining against `xml:base` or the document URL, and
//! keeping only links a browser can safely open.
//!
//! Owns: link resolution and the scheme allow-list. Must not touch: fetching, or URLs inside
//! HTML content (the sanitizer rewrites those).

use url::Url;

/// Joins `href` onto `base` (which may itself be relative when no document URL is known:
/// then a plain path join is done, as Python's `urljoin` would). No scheme filtering.
pub(crate) fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    let Some(base) = base.map(str::trim).filter(|b| !b.is_empty()) else {
        return Some(href.to_owned());
    };
    if has_scheme(href) {
        return Some(href.to_owned());
    }
    if let Ok(b) = Url::parse(base) {
        return b.join(href).ok().map(String::from);
    }
    // A relative base (xml:base="/blog/" in a document fetched from nowhere).
    if href.is_empty() {
        return Some(base.to_owned());
    }
    if href.starts_with('/') {
        return Some(href.to_owned());
    }
    let dir = base.rfind('/').map_or("", |i| &base[..=i]);
    Some(format!("{dir}{href}"))
}

/// A link as the model keeps it: resolved against `base`, and `None` when empty or when its
/// scheme is not http(s) (`javascript:`, `data:`, `mailto:` …). Relative links stay
/// relative when there is no base to resolve them against.
pub(crate) fn clean_link(base: Option<&str>, href: &str) -> Option<String> {
    // Browsers drop tabs and line breaks anywhere in a URL and control characters at its
    // ends, so `java\tscript:` is still `javascript:`: do the same before judging it.
    let stripped;
    let mut href = href.trim_matches(|c: char| c <= ' ' || c.is_whitespace());
    if memchr::memchr3(b'\t', b'\n', b'\r', href.as_bytes()).is_some() {
        stripped = href.replace(['\t', '\n', '\r'], "");
        href = &stripped;
    }
    if href.is_empty() {
        return None;
    }
    let resolved = resolve(base, href)?;
    match scheme(&resolved) {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            Some(resolved)
        }
        Some(_) => None,
        None => Some(resolved),
    }
}

/// The scheme of an absolute URL (`"https"`), or `None` for a relative one.
fn scheme(s: &str) -> Option<&str> {
    let colon = s.find(':')?;
    let candidate = &s[..colon];
    let mut chars = candidate.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // Browsers ignore leading control characters and tabs; a trimmed string has none left
    // at the front, and anything else before ':' means it is not a scheme.
    (first_ok && rest_ok).then_some(candidate)
}

fn has_scheme(s: &str) -> bool {
    scheme(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_and_filters() {
        let cases: &[(Option<&str>, &str, Option<&str>)] = &[
            (None, "/blog/", Some("/blog/")),
            (
                Some("http://example.org/a/"),
                "b.html",
                Some("http://example.org/a/b.html"),
            ),
            (
                Some("http://example.org/a/"),
                "/c",
                Some("http://example.org/c"),
            ),
            (Some("/base/"), "x", Some("/base/x")),
            (None, "javascript:alert(1)", None),
            (None, "JaVaScRiPt:alert(1)", None),
            (Some("http://e.org/"), "data:text/html,x", None),
            (None, "mailto:a@b.c", None),
            (None, "  https://ok.example/  ", Some("https://ok.example/")),
            (None, "", None),
            (None, "java\tscript:alert(1)", None),
            (None, "\u{1}javascript:alert(1)", None),
        ];
        for (base, href, want) in cases {
            assert_eq!(clean_link(*base, href).as_deref(), *want, "{base:?} {href}");
        }
    }
}
