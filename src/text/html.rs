//! The HTML walker behind the text helpers: finds the text in an HTML fragment and sends
//! it, references decoded, to a [`Sink`] (collapsed text with a length budget, or a word
//! count), stopping as soon as the sink is full.
//!
//! Owns: recognizing tags, comments and `script`/`style` bodies the way a browser-ish
//! tokenizer (and Python's `html.parser`) does. Must not touch: building or rendering markup;
//! what reaches a sink is only ever text.
//!
//! The tag rules follow a browser-ish tokenizer (and Python's `html.parser`, which the
//! corpus oracle uses): `<` starts a tag only before a letter, `/`, `!` or `?`; anything
//! else (`I <3 feeds`) is literal text.

use super::parse_reference;

/// Where [`walk_html`] sends the text it finds.
pub(super) trait Sink {
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
pub(super) struct Collapse<'a> {
    out: &'a mut String,
    pending_space: bool,
    /// Characters written so far.
    pub(super) chars: usize,
    limit: usize,
}

impl<'a> Collapse<'a> {
    pub(super) fn new(out: &'a mut String, limit: usize) -> Self {
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
pub(super) struct WordCounter {
    pub(super) words: u32,
    pub(super) in_word: bool,
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
pub(super) fn walk_html(html: &str, block_spaces: bool, sink: &mut impl Sink) {
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
