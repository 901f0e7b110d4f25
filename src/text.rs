//! Plain text from HTML: entity decoding, tag stripping, list excerpts and reading time.
//!
//! Owns: turning untrusted markup into *text* (never into markup). Used by the UI for the
//! article list (an excerpt per visible row, so it is allocation-light and stops early) and
//! by the parser for titles that carry markup. Must not touch: rendering HTML (that is the
//! sanitizer's job) or the DOM. The walk over the markup itself lives in `text/html.rs`;
//! the named-entity table in `text/entities.rs`.

mod entities;
mod html;

use std::borrow::Cow;

use html::{walk_html, Collapse, Sink, WordCounter};

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
    if is_tidy(trimmed) {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut sink = Collapse::new(&mut out, usize::MAX);
    sink.text(trimmed);
    Cow::Owned(out)
}

/// True when `s` has no white space but single spaces. A byte loop: every field of every
/// entry goes through here, and char iteration is slow in the size-optimised wasm build.
fn is_tidy(s: &str) -> bool {
    let b = s.as_bytes();
    let space_at = |i: usize| s[i..].chars().next().is_some_and(char::is_whitespace);
    let mut prev_space = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b' ' if prev_space => return false,
            b' ' => {
                prev_space = true;
                continue;
            }
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            // The lead bytes of the non-ASCII white space (U+0085, U+00A0, U+1680,
            // U+2000–U+205F, U+3000): look at the whole character.
            0xC2 | 0xE1 | 0xE2 | 0xE3 if space_at(i) => return false,
            _ => {}
        }
        prev_space = false;
    }
    true
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

#[cfg(test)]
mod tests;
