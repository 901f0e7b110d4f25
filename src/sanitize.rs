//! The one door for untrusted HTML: the [`SanitizedHtml`] newtype and the one policy that makes it.
//!
//! Every feed is untrusted input rendered into our page, and into the pages of bloggers who embed
//! us. The only value the UI may put into `inner_html` is a [`SanitizedHtml`], and the only ways
//! to get one are [`sanitize_html`], [`sanitize_html_with`] and [`sanitize_text_to_html`].
//!
//! Owns: the ammonia policy of issue 4 (one [`Builder`], built once), relative URLs resolved
//! against the entry's base, `srcset` rewriting, the image pass (tracking pixels, lazy loading,
//! no referrer, the "load remote images" switch) and plain text to HTML.
//! Must not touch: the DOM, leptos, web-sys or gloo (this module is pure, so `cargo test` proves
//! it natively), the network, the feed model. It never fetches anything and never decides which
//! field of an entry is HTML: the caller does.
//!
//! How a call runs:
//! 1. ammonia parses the fragment as a browser would (html5ever, in a `<div>` context), drops
//!    everything the policy does not name, checks URL schemes and resolves relative URLs;
//! 2. `finish` walks ammonia's serialized output once to drop tracking pixels, add
//!    `loading`/`decoding`/`referrerpolicy` to images, put the attributes ammonia adds in a fixed
//!    place and, when remote images are off, move every image and media URL to `data-*`.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};
use url::Url;

/// HTML that went through this module: the only thing the UI may put into `inner_html`.
///
/// The field is private and there is no `From`, `Default` or `Deserialize`: a value can only come
/// out of this module's functions, so holding one is proof that the policy ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SanitizedHtml(String);

impl SanitizedHtml {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for SanitizedHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a reader chose about the article being sanitized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SanitizeOptions {
    /// Load remote images as soon as the article is shown (the default, with no referrer).
    ///
    /// When `false`, every `img`, `source`, `video` and `audio` keeps its place but its `src`,
    /// `srcset` and `poster` become `data-src`, `data-srcset` and `data-poster`, so nothing is
    /// fetched. The UI restores them (rename the attribute back) when the reader clicks "load
    /// images". That is safe because those values already passed this policy: input attributes
    /// with those names never survive (no `data-*` attribute is allowed). The output of this mode
    /// is for rendering only; feeding it back into the sanitizer drops the moved URLs.
    pub remote_images: bool,
}

impl Default for SanitizeOptions {
    fn default() -> Self {
        Self {
            remote_images: true,
        }
    }
}

/// Sanitizes an HTML fragment with remote images on; see [`sanitize_html_with`].
pub fn sanitize_html(html: &str, base_url: Option<&str>) -> SanitizedHtml {
    sanitize_html_with(html, base_url, &SanitizeOptions::default())
}

/// Sanitizes an HTML fragment (an entry's content or summary) for the article view.
///
/// `base_url` is the entry's `xml:base` or link. Relative URLs are resolved against it; a base
/// that is not an absolute http(s) URL counts as none. Without a base, relative URLs are
/// dropped rather than kept: in our page they would point at the reader's own origin (and a
/// `?feed=` link could drive the app), which is never what the feed meant.
pub fn sanitize_html_with(
    html: &str,
    base_url: Option<&str>,
    options: &SanitizeOptions,
) -> SanitizedHtml {
    let base = base_url.and_then(parse_base);
    let cleaned = with_base(base, || POLICY.clean(html).to_string());
    SanitizedHtml(finish(&cleaned, options))
}

/// Turns a plain-text body into HTML: everything escaped, blank-line-separated paragraphs
/// become `<p>`, single newlines `<br>`.
pub fn sanitize_text_to_html(text: &str) -> SanitizedHtml {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 8);
    let mut in_paragraph = false;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if in_paragraph {
                out.push_str("</p>");
                in_paragraph = false;
            }
            continue;
        }
        out.push_str(if in_paragraph { "<br>" } else { "<p>" });
        in_paragraph = true;
        escape_text_into(&mut out, line);
    }
    if in_paragraph {
        out.push_str("</p>");
    }
    SanitizedHtml(out)
}

// ---------------------------------------------------------------------------------------------
// The policy (issue 4).

/// Schemes for `href`, `src`, `poster` and `cite`; `srcset` is narrower ([`IMAGE_SCHEMES`]).
const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];
const IMAGE_SCHEMES: &[&str] = &["http", "https"];

/// `nofollow ugc`: links in a feed are third-party content, not our endorsement.
const LINK_REL: &str = "noopener noreferrer nofollow ugc";

/// Elements kept. Beyond issue 4's list: `div` and `span` (Forem wraps code in
/// `<div class="highlight">`, Rouge colours tokens with `<span class="k">`), `del`/`ins`, `dfn`,
/// `var`, `samp` and `wbr`: text-level semantics with no behaviour, no URL and no styling hook.
#[rustfmt::skip]
const TAGS: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "div", "span",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "picture", "source", "figure", "figcaption", "video", "audio",
    "pre", "code", "kbd", "samp", "var", "blockquote", "q", "cite",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
    "abbr", "dfn", "time", "wbr", "details", "summary",
];

/// Elements removed together with everything inside them. Most hold script, style, raw text or a
/// second document; the rest hold nothing a reader should see once the element is gone.
///
/// `svg` and `math` are here, not merely left out of [`TAGS`]: ammonia keeps the children of a
/// dropped element, and foreign (SVG/MathML) content is parsed by different rules, which is
/// where ammonia's mutation-XSS bypasses came from (RUSTSEC-2021-0074; RUSTSEC-2025-0071, fixed in
/// 4.1.2; and the MathML/SVG fixes of 4.1.3, 4.1.4 and 4.2.5). With their whole subtrees gone, no
/// element outside the HTML namespace ever reaches the output, whatever the next such bug is.
#[rustfmt::skip]
const CLEAN_CONTENT_TAGS: &[&str] = &[
    "script", "style", "template", "noscript", "title",
    "svg", "math", "iframe", "frame", "frameset", "object", "embed", "applet",
    "noembed", "noframes", "xmp", "plaintext", "textarea", "select", "datalist",
];

/// Attributes per element. `lang` and `dir` are allowed everywhere (readable right-to-left
/// and CJK text); nothing else is, so no `style`, `id`, `name` (no DOM clobbering) or `on*`.
/// `class` is allowed where code highlighting needs it and then filtered by [`filter_class`].
#[rustfmt::skip]
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "title"]),
    ("img", &["src", "srcset", "sizes", "alt", "title", "width", "height"]),
    ("source", &["src", "srcset", "type", "media", "sizes"]),
    // `controls` is forced by `set_tag_attribute_value`; `autoplay` is never allowed.
    ("video", &["src", "poster", "preload", "loop", "muted", "width", "height"]),
    ("audio", &["src", "preload", "loop", "muted"]),
    ("td", &["colspan", "rowspan", "scope"]),
    ("th", &["colspan", "rowspan", "scope"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed"]),
    ("time", &["datetime"]),
    ("abbr", &["title"]),
    ("dfn", &["title"]),
    ("q", &["cite"]),
    ("blockquote", &["cite"]),
    ("details", &["open"]),
    ("pre", &["class"]),
    ("code", &["class"]),
    ("div", &["class"]),
    ("span", &["class"]),
];

/// The short token classes Pygments and Rouge put on `<span>`s inside highlighted code (Forem's
/// articles carry them). A fixed vocabulary, so it cannot reach the app's own class names,
/// which are all prefixed by component (STYLE.md). Sorted for `binary_search`.
#[rustfmt::skip]
const TOKEN_CLASSES: &[&str] = &[
    "bp", "c", "c1", "ch", "cm", "cp", "cpf", "cs", "dl", "err", "esc", "fm", "g", "gd", "ge",
    "ges", "gh", "gi", "go", "gp", "gr", "gs", "gt", "gu", "il", "k", "kc", "kd", "kn", "kp",
    "kr", "kt", "l", "ld", "m", "mb", "mf", "mh", "mi", "mo", "n", "na", "nb", "nc", "nd", "ne",
    "nf", "ni", "nl", "nn", "no", "nt", "nv", "nx", "o", "ow", "p", "pm", "py", "s", "s1", "s2",
    "sa", "sb", "sc", "sd", "se", "sh", "si", "sr", "ss", "sx", "vc", "vg", "vi", "vm", "w", "x",
];

static POLICY: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut policy = Builder::empty();
    policy
        .tags(TAGS.iter().copied().collect())
        .clean_content_tags(CLEAN_CONTENT_TAGS.iter().copied().collect())
        .generic_attributes(["lang", "dir"].into_iter().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|&(tag, attributes)| (tag, attributes.iter().copied().collect()))
                .collect(),
        )
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(UrlRelative::Custom(Box::new(resolve_relative)))
        .attribute_filter(filter_attribute)
        .link_rel(Some(LINK_REL))
        // One forced attribute per element: ammonia appends forced attributes in hash-map
        // order, which changes from run to run. The image attributes are added by `finish`.
        .set_tag_attribute_value("a", "target", "_blank")
        .set_tag_attribute_value("video", "controls", "")
        .set_tag_attribute_value("audio", "controls", "")
        .strip_comments(true);
    policy
});

// ---------------------------------------------------------------------------------------------
// URLs.

thread_local! {
    /// The base URL of the sanitizing call in progress on this thread.
    ///
    /// The policy is built once but the base changes with every entry, and ammonia's
    /// `UrlRelative::Custom` and `attribute_filter` callbacks get no context, so the call sets
    /// the base here for its duration ([`with_base`]). That is sound because ammonia runs the
    /// callbacks synchronously, on the calling thread, inside `clean`; another thread (or the
    /// single wasm thread's next call) sees only its own value, and the guard restores the
    /// previous one even on unwind. The alternatives cost more per call: a `Builder` per entry
    /// rebuilds every set of the policy, and a cache of builders per base grows without bound.
    static BASE: RefCell<Option<Url>> = const { RefCell::new(None) };
}

fn with_base<T>(base: Option<Url>, run: impl FnOnce() -> T) -> T {
    struct Restore(Option<Url>);
    impl Drop for Restore {
        fn drop(&mut self) {
            BASE.set(self.0.take());
        }
    }
    let _restore = Restore(BASE.replace(base));
    run()
}

fn parse_base(base: &str) -> Option<Url> {
    Url::parse(base)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
}

/// `value` resolved against the call's base (absolute URLs stay absolute), if its scheme is one
/// of `schemes`. Parsing and serializing with `url` (a WHATWG URL parser, like the browser's)
/// also removes the tabs, newlines and padding that `java\tscript:` tricks rely on.
fn resolve(value: &str, schemes: &[&str]) -> Option<String> {
    let url = BASE
        .with_borrow(|base| Url::options().base_url(base.as_ref()).parse(value))
        .ok()?;
    schemes.contains(&url.scheme()).then(|| url.into())
}

/// ammonia's hook for relative `href`, `src` and `poster` values (absolute ones it checks
/// against [`URL_SCHEMES`] itself). Without a base, `resolve` fails and the attribute goes.
fn resolve_relative(value: &str) -> Option<Cow<'_, str>> {
    resolve(value, URL_SCHEMES).map(Cow::Owned)
}

/// ammonia's hook for every kept attribute: the ones whose value needs more than a name check.
fn filter_attribute<'v>(element: &str, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    match attribute {
        "class" => filter_class(element, value),
        // ammonia treats neither as a URL: no scheme check, no resolution. We do both.
        "srcset" => rewrite_srcset(value).map(Cow::Owned),
        "cite" => resolve(value, URL_SCHEMES).map(Cow::Owned),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Rewrites a `srcset`: every candidate URL resolved and http(s), descriptors checked, the
/// whole attribute dropped (`None`) if any candidate is off. Splitting follows the HTML
/// standard's "parse a srcset attribute" (URLs may contain commas, as Cloudinary's do).
fn rewrite_srcset(value: &str) -> Option<String> {
    let is_space = |c: char| c.is_ascii_whitespace();
    let mut out = String::with_capacity(value.len() + 16);
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| is_space(c) || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest.find(is_space).unwrap_or(rest.len());
        let (raw_url, after) = rest.split_at(url_end);
        let (raw_url, descriptor) = if raw_url.ends_with(',') {
            // "a.jpg, b.jpg 2x": a URL ending in commas ends its candidate, with no descriptor.
            rest = after;
            (raw_url.trim_end_matches(','), "")
        } else {
            let descriptor_end = descriptor_end(after);
            rest = &after[descriptor_end..];
            (raw_url, after[..descriptor_end].trim_matches(is_space))
        };
        if !is_srcset_descriptor(descriptor) {
            return None;
        }
        let url = resolve(raw_url, IMAGE_SCHEMES)?;
        // A serialized URL never holds whitespace; one ending in a comma would be re-split.
        if url.ends_with(',') || url.contains(is_space) {
            return None;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&url);
        if !descriptor.is_empty() {
            out.push(' ');
            out.push_str(descriptor);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Where a candidate's descriptors end: at the first comma outside parentheses.
fn descriptor_end(after_url: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in after_url.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => return i,
            _ => {}
        }
    }
    after_url.len()
}

/// No descriptor, a width (`480w`) or a density (`2x`, `1.5x`): the forms browsers use.
fn is_srcset_descriptor(descriptor: &str) -> bool {
    if descriptor.is_empty() {
        return true;
    }
    if let Some(width) = descriptor.strip_suffix('w') {
        return !width.is_empty() && width.bytes().all(|b| b.is_ascii_digit());
    }
    descriptor.strip_suffix('x').is_some_and(|density| {
        density.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && density.parse::<f64>().is_ok_and(|d| d > 0.0)
    })
}

// ---------------------------------------------------------------------------------------------
// Classes: only what code highlighting needs.

/// Keeps, on `pre`, `code` and `div`: `language-*` (Prism, highlight.js, CommonMark renderers),
/// `highlight`, and next to `highlight` the one-word language Forem and Rouge add
/// (`<pre class="highlight rust">`); on `span`: the Pygments/Rouge token classes. Everything
/// else goes (`js-code-highlight`, `highlighter-rouge` are script or site hooks, not styling).
/// A one-word language has no `-` or `_`, so it cannot name one of the app's component-prefixed
/// classes (`article-view__body`).
fn filter_class<'v>(element: &str, value: &'v str) -> Option<Cow<'v, str>> {
    let highlighted = value.split_ascii_whitespace().any(|c| c == "highlight");
    let keep = |class: &str| match element {
        "span" => TOKEN_CLASSES.binary_search(&class).is_ok(),
        "pre" | "code" | "div" => {
            class == "highlight"
                || is_language_class(class)
                || (highlighted && is_language_word(class))
        }
        _ => false,
    };
    // The common case, one kept token (`<span class="k">`), allocates nothing.
    let canonical_and_kept =
        |c: &str| !c.is_empty() && !c.contains(|ch: char| ch.is_ascii_whitespace()) && keep(c);
    if value.split(' ').all(canonical_and_kept) {
        return Some(Cow::Borrowed(value));
    }
    let kept: Vec<&str> = value.split_ascii_whitespace().filter(|c| keep(c)).collect();
    (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
}

fn is_language_class(class: &str) -> bool {
    class.strip_prefix("language-").is_some_and(|language| {
        (1..=40).contains(&language.len())
            && language
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+#._-".contains(&b))
    })
}

fn is_language_word(class: &str) -> bool {
    let mut bytes = class.bytes();
    class.len() <= 24
        && bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'+' || b == b'#')
}

// ---------------------------------------------------------------------------------------------
// The finishing walk.

/// Added to every kept image: fetch it only when it scrolls near, decode off the main thread,
/// and tell its server nothing about where it is shown.
const IMAGE_HINTS: &str = r#" loading="lazy" decoding="async" referrerpolicy="no-referrer""#;

/// The attributes ammonia adds, per element, in the order the walk writes them: last.
fn added_attributes(element: &str) -> &'static [&'static str] {
    match element {
        "a" => &["target", "rel"],
        "video" | "audio" => &["controls"],
        _ => &[],
    }
}

/// The attributes that make an image or media element fetch something.
fn is_fetching_attribute(name: &str) -> bool {
    matches!(name, "src" | "srcset" | "poster")
}

/// Walks ammonia's serialized output once, tag by tag:
/// - drops tracking pixels ([`StartTag::is_tracking_pixel`]);
/// - adds [`IMAGE_HINTS`] to every `img`;
/// - with remote images off, renames `src`/`srcset`/`poster` of `img`, `source`, `video` and
///   `audio` to `data-*`;
/// - writes the attributes ammonia adds (`target`, `rel`, `controls`) last, in a fixed order.
///   ammonia appends them and then removes rejected attributes with `swap_remove`, which moves
///   the last attribute into the hole: `<a href="rel/ative">` without a base came out as
///   `<a rel target>` but `<a target rel>` when sanitized again. A fixed order keeps sanitizing
///   idempotent (checked over the whole XSS corpus) and the output reproducible.
///
/// Why a walk over the serialized string rather than a DOM: ammonia exposes its DOM only under
/// an unstable cfg, and a second html5ever tree builder over another DOM type would compile the
/// parser twice into the wasm. The string is html5ever's serialization of a tree that holds no
/// comment and no raw-text element, which is a regular language: text escapes `<` as `&lt;`,
/// so every `<` outside an attribute value starts a tag; a start tag is `<name`, then
/// ` attr="value"` per attribute (values escape `"` as `&quot;`), then `>`. The walk only ever
/// deletes a whole `<img ...>` (a void element), renames or reorders attributes and appends
/// fixed ones. If the string ever broke that grammar, the walk fails closed: the article
/// renders empty (and debug builds panic).
fn finish(html: &str, options: &SanitizeOptions) -> String {
    let finished = walk_tags(html, options);
    debug_assert!(finished.is_some(), "not html5ever's serialization: {html}");
    finished.unwrap_or_default()
}

fn walk_tags(html: &str, options: &SanitizeOptions) -> Option<String> {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("</") {
            let end = rest.find('>')? + 1;
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let (tag, len) = StartTag::parse(rest)?;
        if !(tag.name == "img" && tag.is_tracking_pixel()) {
            tag.write(&mut out, options);
        }
        rest = &rest[len..];
    }
    out.push_str(rest);
    Some(out)
}

/// A start tag as html5ever serializes it; attribute values are still escaped.
struct StartTag<'h> {
    name: &'h str,
    attributes: Vec<(&'h str, &'h str)>,
}

impl<'h> StartTag<'h> {
    /// Parses the start tag at the beginning of `html`; returns it and its length.
    fn parse(html: &'h str) -> Option<(Self, usize)> {
        let name_end = html.find([' ', '>'])?;
        let mut tag = StartTag {
            name: html.get(1..name_end)?,
            attributes: Vec::new(),
        };
        let mut at = name_end;
        loop {
            match html.as_bytes().get(at)? {
                b'>' => return Some((tag, at + 1)),
                b' ' => {
                    let name_start = at + 1;
                    let equals = name_start + html[name_start..].find("=\"")?;
                    let value_start = equals + 2;
                    let value_end = value_start + html[value_start..].find('"')?;
                    tag.attributes
                        .push((&html[name_start..equals], &html[value_start..value_end]));
                    at = value_end + 1;
                }
                _ => return None,
            }
        }
    }

    fn attribute(&self, name: &str) -> Option<&'h str> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, value)| value)
    }

    /// The rule for "1×1 tracking image": an `img` whose `width` or `height` attribute is at
    /// most one pixel (`1`, `0`, `1px`, `0.5`) shows nothing a reader can see, and that is the
    /// shape of every counting pixel and spacer GIF; plus the few well-known counters that
    /// sometimes come without dimensions.
    fn is_tracking_pixel(&self) -> bool {
        let src = self.attribute("src").map(|src| src.replace("&amp;", "&"));
        crate::pixels::is_tracking_pixel(
            self.attribute("width"),
            self.attribute("height"),
            src.as_deref(),
        )
    }

    fn write(&self, out: &mut String, options: &SanitizeOptions) {
        let move_urls =
            !options.remote_images && matches!(self.name, "img" | "source" | "video" | "audio");
        let added = added_attributes(self.name);
        let write_attribute = |out: &mut String, name: &str, value: &str| {
            out.push(' ');
            if move_urls && is_fetching_attribute(name) {
                out.push_str("data-");
            }
            out.push_str(name);
            out.push_str("=\"");
            out.push_str(value);
            out.push('"');
        };
        out.push('<');
        out.push_str(self.name);
        for &(name, value) in self.attributes.iter().filter(|(n, _)| !added.contains(n)) {
            write_attribute(out, name, value);
        }
        for &name in added {
            if let Some(value) = self.attribute(name) {
                write_attribute(out, name, value);
            }
        }
        if self.name == "img" {
            out.push_str(IMAGE_HINTS);
        }
        out.push('>');
    }
}

// ---------------------------------------------------------------------------------------------
// Plain text.

/// Escapes text for an HTML text node, the way html5ever's serializer does (so sanitizing the
/// result again changes nothing). NUL is dropped: the HTML parser drops it in text anyway.
fn escape_text_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '\0' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_classes_are_sorted_for_binary_search() {
        assert!(TOKEN_CLASSES.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn clean_content_tags_are_never_kept_tags() {
        // ammonia panics on the first article if a tag is in both lists; fail here instead.
        assert!(CLEAN_CONTENT_TAGS.iter().all(|tag| !TAGS.contains(tag)));
    }

    #[test]
    fn srcset_descriptors() {
        for ok in ["", "1x", "1.5x", "480w"] {
            assert!(is_srcset_descriptor(ok), "{ok}");
        }
        for bad in ["0x", "x", "w", "-1w", "1q", "1x 2x", "calc(1)x", "1e3x"] {
            assert!(!is_srcset_descriptor(bad), "{bad}");
        }
    }

    #[test]
    fn the_base_is_restored_after_a_call() {
        let _ = sanitize_html("<a href=x>x</a>", Some("https://a.example/"));
        assert!(BASE.with_borrow(Option::is_none));
    }
}
