//! Plain text from HTML: entity decoding, tag stripping, list excerpts and reading time.
//!
//! Owns: turning untrusted markup into *text* (never into markup). Used by the UI for the
//! article list (an excerpt per visible row, so it is allocation-light and stops early) and
//! by the parser for titles that carry markup. Must not touch: rendering HTML (that is the
//! sanitizer's job) or the DOM.
//!
//! The tag rules follow a browser-ish tokenizer (and Python's `html.parser`, which the
//! corpus oracle uses): `<` starts a tag only before a letter, `/`, `!` or `?`; anything
//! else (`I <3 feeds`) is literal text.

mod entities;

use std::borrow::Cow;

/// Words a person reads per minute, for [`reading_minutes`].
const WORDS_PER_MINUTE: u32 = 230;

/// The character a named HTML reference stands for (`"eacute"` -> `é`); `&apos;` included.
pub fn lookup_entity(name: &str) -> Option<char> {
    entities::ENTITIES
        .binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes()))
        .ok()
        .map(|i| entities::ENTITIES[i].1)
}

/// Whether `name` is one of the 252 HTML 4 entities (without `apos`): feedparser's test of
/// whether a title "looks like HTML".
pub(crate) fn is_html4_entity(name: &str) -> bool {
    name != "apos" && lookup_entity(name).is_some()
}

/// Reads one character reference at the start of `s` (which begins with `&`): `&name;`,
/// `&#123;` or `&#x7B;` (the `;` is optional for numeric ones, as in HTML). Returns the
/// character and how many bytes it took, or `None` when this `&` is just an ampersand.
pub(crate) fn parse_reference(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (radix, start) = match b.get(2) {
            Some(b'x' | b'X') => (16, 3),
            _ => (10, 2),
        };
        let digits = b[start..]
            .iter()
            .take_while(|c| (**c as char).is_digit(radix))
            .count();
        if digits == 0 {
            return None;
        }
        let mut value: u32 = 0;
        for &d in &b[start..start + digits] {
            let v = (d as char).to_digit(radix).unwrap_or(0);
            value = value.saturating_mul(radix).saturating_add(v);
        }
        let mut end = start + digits;
        if b.get(end) == Some(&b';') {
            end += 1;
        }
        return Some((numeric_char(value), end));
    }
    let name_len = b[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || b.get(1 + name_len) != Some(&b';') {
        return None;
    }
    let c = lookup_entity(&s[1..1 + name_len])?;
    Some((c, name_len + 2))
}

/// A numeric reference's character, as HTML reads it: the C1 range means windows-1252 (old
/// CMS output writes `&#146;` for a curly quote), and impossible values become U+FFFD.
pub(crate) fn numeric_char(value: u32) -> char {
    const C1: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    match value {
        0 => '\u{FFFD}',
        0x80..=0x9F => char::from_u32(u32::from(C1[(value - 0x80) as usize])).unwrap_or('\u{FFFD}'),
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    }
}

/// Decodes XML, numeric and HTML named references; an `&` that starts none (`Q&A`) stays.
/// Borrows when there is nothing to decode.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find('&') else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        match parse_reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Collapses runs of Unicode whitespace (NBSP included) to one space and trims the ends.
/// Borrows when the text is already tidy.
pub fn collapse_whitespace(s: &str) -> Cow<'_, str> {
    let trimmed = s.trim_matches(char::is_whitespace);
    let mut prev_space = false;
    let tidy = trimmed.chars().all(|c| {
        let ok = if c.is_whitespace() {
            c == ' ' && !prev_space
        } else {
            true
        };
        prev_space = c.is_whitespace();
        ok
    });
    if tidy {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut sink = Collapse::new(&mut out, usize::MAX);
    sink.text(trimmed);
    Cow::Owned(out)
}

/// The text of an HTML fragment: tags removed (block elements leave a space so words do
/// not merge), `script`/`style` contents and comments dropped, references decoded,
/// whitespace collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    walk_html(html, true, &mut Collapse::new(&mut out, usize::MAX));
    out
}

/// Like [`html_to_text`] but a tag leaves nothing in its place, as feedparser reads an HTML
/// title (`<b>Bold</b>er` is `Bolder`).
pub(crate) fn strip_tags_tight(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    walk_html(html, false, &mut Collapse::new(&mut out, usize::MAX));
    out
}

/// A plain-text excerpt of at most `max_chars` characters (ellipsis included), cut at a
/// word boundary and ended with "…" when the text was longer. Stops reading the input as
/// soon as it has enough, so it is cheap on long articles.
pub fn excerpt(html_or_text: &str, is_html: bool, max_chars: usize) -> String {
    if max_chars == 0 {
        return String::new();
    }
    let mut out = String::with_capacity(max_chars.min(html_or_text.len()) + 4);
    // One character past the budget tells us whether anything was cut.
    let mut sink = Collapse::new(&mut out, max_chars + 1);
    if is_html {
        walk_html(html_or_text, true, &mut sink);
    } else {
        sink.text(html_or_text);
    }
    let total = sink.chars;
    if total <= max_chars {
        return out;
    }
    // Keep max_chars - 1 characters, leaving room for the ellipsis.
    let keep = out
        .char_indices()
        .nth(max_chars - 1)
        .map_or(out.len(), |(i, _)| i);
    let next_is_space = out[keep..].starts_with(' ');
    let mut cut = keep;
    if !next_is_space {
        // Back up to the last space, unless that would throw away most of the excerpt
        // (one very long word or URL).
        if let Some(space) = out[..keep].rfind(' ') {
            if space >= keep / 2 {
                cut = space;
            }
        }
    }
    out.truncate(cut);
    let trimmed_len = out
        .trim_end_matches(|c: char| c.is_whitespace() || ",;:-".contains(c))
        .len();
    out.truncate(trimmed_len);
    out.push('…');
    out
}

/// The number of words in a text or an HTML fragment (markup is not counted).
pub fn word_count(html_or_text: &str) -> u32 {
    let mut counter = WordCounter {
        words: 0,
        in_word: false,
    };
    walk_html(html_or_text, true, &mut counter);
    counter.words
}

/// Estimated minutes to read a text or HTML fragment, at about 230 words a minute; at least 1.
pub fn reading_minutes(html_or_text: &str) -> u32 {
    word_count(html_or_text).div_ceil(WORDS_PER_MINUTE).max(1)
}

/// Where [`walk_html`] sends the text it finds.
trait Sink {
    /// A run of text (already decoded).
    fn text(&mut self, s: &str);
    /// A block boundary: words on either side must not merge.
    fn boundary(&mut self);
    /// True once the sink wants no more input.
    fn full(&self) -> bool {
        false
    }
}

/// Writes collapsed, trimmed text into a `String`, up to `limit` characters.
struct Collapse<'a> {
    out: &'a mut String,
    pending_space: bool,
    chars: usize,
    limit: usize,
}

impl<'a> Collapse<'a> {
    fn new(out: &'a mut String, limit: usize) -> Self {
        Collapse {
            out,
            pending_space: false,
            chars: 0,
            limit,
        }
    }
}

impl Sink for Collapse<'_> {
    fn text(&mut self, s: &str) {
        let mut run_start = None;
        for (i, c) in s.char_indices() {
            if self.chars >= self.limit {
                break;
            }
            if c.is_whitespace() {
                if let Some(start) = run_start.take() {
                    self.out.push_str(&s[start..i]);
                }
                self.pending_space = !self.out.is_empty();
            } else {
                if run_start.is_none() {
                    if self.pending_space {
                        self.out.push(' ');
                        self.chars += 1;
                        self.pending_space = false;
                        if self.chars >= self.limit {
                            break;
                        }
                    }
                    run_start = Some(i);
                }
                self.chars += 1;
                if self.chars >= self.limit {
                    self.out
                        .push_str(&s[run_start.take().unwrap_or(i)..i + c.len_utf8()]);
                }
            }
        }
        if let Some(start) = run_start {
            self.out.push_str(&s[start..]);
        }
    }

    fn boundary(&mut self) {
        self.pending_space = !self.out.is_empty();
    }

    fn full(&self) -> bool {
        self.chars >= self.limit
    }
}

/// Counts words without building the text.
struct WordCounter {
    words: u32,
    in_word: bool,
}

impl Sink for WordCounter {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.in_word = false;
            } else if !self.in_word {
                self.in_word = true;
                self.words = self.words.saturating_add(1);
            }
        }
    }

    fn boundary(&mut self) {
        self.in_word = false;
    }
}

/// Elements that separate words when tags are replaced by spaces.
fn is_block(name: &[u8]) -> bool {
    const BLOCKS: &[&[u8]] = &[
        b"address",
        b"article",
        b"aside",
        b"blockquote",
        b"br",
        b"caption",
        b"dd",
        b"details",
        b"div",
        b"dl",
        b"dt",
        b"fieldset",
        b"figcaption",
        b"figure",
        b"footer",
        b"form",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"h5",
        b"h6",
        b"header",
        b"hr",
        b"img",
        b"li",
        b"main",
        b"nav",
        b"ol",
        b"option",
        b"p",
        b"pre",
        b"section",
        b"summary",
        b"table",
        b"tbody",
        b"td",
        b"tfoot",
        b"th",
        b"thead",
        b"tr",
        b"ul",
    ];
    BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name))
}

/// One piece of markup found at a `<`.
enum Markup<'a> {
    /// A start or end tag with its name; `end` is the byte after its `>`.
    Tag {
        name: &'a [u8],
        closing: bool,
        end: usize,
    },
    /// A comment, declaration or processing instruction, skipped whole.
    Skip { end: usize },
}

/// Recognizes the markup starting at `b[i] == b'<'`, or `None` when the `<` is literal text.
fn scan_markup(b: &[u8], i: usize) -> Option<Markup<'_>> {
    let next = *b.get(i + 1)?;
    let close = |from: usize| memchr::memchr(b'>', &b[from..]).map(|p| from + p + 1);
    match next {
        b'!' if b[i..].starts_with(b"<!--") => {
            let end = memchr::memmem::find(&b[i + 4..], b"-->").map_or(b.len(), |p| i + 4 + p + 3);
            Some(Markup::Skip { end })
        }
        b'!' | b'?' => Some(Markup::Skip {
            end: close(i + 2).unwrap_or(b.len()),
        }),
        b'/' if b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) => {
            let name_end = tag_name_end(b, i + 2);
            Some(Markup::Tag {
                name: &b[i + 2..name_end],
                closing: true,
                end: close(name_end)?,
            })
        }
        c if c.is_ascii_alphabetic() => {
            let name_end = tag_name_end(b, i + 1);
            let end = start_tag_end(b, name_end)?;
            Some(Markup::Tag {
                name: &b[i + 1..name_end],
                closing: false,
                end,
            })
        }
        _ => None,
    }
}

fn tag_name_end(b: &[u8], from: usize) -> usize {
    from + b[from..]
        .iter()
        .take_while(|c| !c.is_ascii_whitespace() && **c != b'>' && **c != b'/')
        .count()
}

/// The byte after a start tag's `>`, skipping quoted attribute values (`title="a>b"`).
fn start_tag_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut after_eq = false;
    while i < b.len() {
        match b[i] {
            b'>' => return Some(i + 1),
            b'=' => after_eq = true,
            q @ (b'"' | b'\'') if after_eq => {
                i += memchr::memchr(q, &b[i + 1..])? + 1;
                after_eq = false;
            }
            c if c.is_ascii_whitespace() => {}
            _ => after_eq = false,
        }
        i += 1;
    }
    None
}

/// Walks an HTML fragment, sending its decoded text to `sink`. `block_spaces`: whether
/// block elements separate words.
fn walk_html(html: &str, block_spaces: bool, sink: &mut impl Sink) {
    let b = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while let Some(p) = memchr::memchr2(b'<', b'&', &b[i..]) {
        let at = i + p;
        if sink.full() {
            return;
        }
        if b[at] == b'&' {
            sink.text(&html[text_start..at]);
            match parse_reference(&html[at..]) {
                Some((c, len)) => {
                    sink.text(c.encode_utf8(&mut [0; 4]));
                    i = at + len;
                }
                None => {
                    sink.text("&");
                    i = at + 1;
                }
            }
            text_start = i;
            continue;
        }
        match scan_markup(b, at) {
            None => i = at + 1,
            Some(Markup::Skip { end }) => {
                sink.text(&html[text_start..at]);
                i = end;
                text_start = end;
            }
            Some(Markup::Tag { name, closing, end }) => {
                sink.text(&html[text_start..at]);
                i = end;
                let raw_text =
                    name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style");
                if raw_text && !closing {
                    // Script and style bodies are code, not text: skip to their end tag.
                    i = find_end_tag(b, end, name).unwrap_or(b.len());
                }
                if block_spaces && is_block(name) {
                    sink.boundary();
                }
                text_start = i;
            }
        }
    }
    if !sink.full() {
        sink.text(&html[text_start..]);
    }
}

/// The byte after `</name ...>` (ASCII case-insensitive), searching from `from`.
fn find_end_tag(b: &[u8], mut from: usize, name: &[u8]) -> Option<usize> {
    while let Some(p) = memchr::memmem::find(&b[from..], b"</") {
        let at = from + p + 2;
        if b.len() >= at + name.len() && b[at..at + name.len()].eq_ignore_ascii_case(name) {
            return memchr::memchr(b'>', &b[at..]).map(|q| at + q + 1);
        }
        from = at;
    }
    None
}

#[cfg(test)]
mod tests;
