//! Which character set a feed is in, and turning its bytes into UTF-8 text.
//!
//! Owns: the choice of charset (pure: byte-order mark, then the XML declaration, then the
//! HTTP charset, then UTF-8, with windows-1252 for bytes that are not valid UTF-8) and the
//! decoders that need no tables (UTF-8, UTF-16, windows-1252/ISO-8859-1), which run on every
//! target. Other charsets (GB2312, EUC-KR, KOI8-R …) use encoding_rs natively; in the
//! browser the app decodes them with `TextDecoder` and calls `parse_feed_str`.
//! Must not touch: XML parsing.

use std::borrow::Cow;

use super::ParseError;

/// The character set a document will be read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Charset {
    /// UTF-8; `bom` says whether three BOM bytes lead the document.
    Utf8 {
        bom: bool,
    },
    Utf16Le {
        bom: bool,
    },
    Utf16Be {
        bom: bool,
    },
    /// windows-1252, also used for ISO-8859-1 and US-ASCII labels (as browsers do).
    Windows1252,
    /// Any other charset, by its label as declared (`gb2312`, `euc-kr`).
    Other(String),
}

impl Charset {
    /// The WHATWG label to hand a decoder such as the browser's `TextDecoder`.
    pub fn label(&self) -> &str {
        match self {
            Charset::Utf8 { .. } => "utf-8",
            Charset::Utf16Le { .. } => "utf-16le",
            Charset::Utf16Be { .. } => "utf-16be",
            Charset::Windows1252 => "windows-1252",
            Charset::Other(label) => label,
        }
    }

    /// True when decoding needs a table this crate does not carry on every target.
    pub fn needs_external_decoder(&self) -> bool {
        matches!(self, Charset::Other(_))
    }
}

/// Picks the charset: BOM, then the XML declaration, then `http_charset`, then UTF-8 if the
/// bytes are valid UTF-8, else windows-1252.
pub fn detect_charset(bytes: &[u8], http_charset: Option<&str>) -> Charset {
    detect_and_validate(bytes, http_charset).0
}

/// [`detect_charset`], also handing back the text when the bytes were found to be valid
/// UTF-8 on the way (so the parse does not validate a large document twice).
pub(crate) fn detect_and_validate<'b>(
    bytes: &'b [u8],
    http_charset: Option<&str>,
) -> (Charset, Option<&'b str>) {
    let charset = match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Some(Charset::Utf8 { bom: true }),
        [0xFF, 0xFE, ..] => Some(Charset::Utf16Le { bom: true }),
        [0xFE, 0xFF, ..] => Some(Charset::Utf16Be { bom: true }),
        // UTF-16 without a BOM still shows itself in `<?` or `<r`.
        [b'<', 0, x, 0, ..] if *x != 0 => Some(Charset::Utf16Le { bom: false }),
        [0, b'<', 0, x, ..] if *x != 0 => Some(Charset::Utf16Be { bom: false }),
        _ => None,
    };
    if let Some(c) = charset {
        return (c, None);
    }
    let declared = xml_declared_encoding(bytes).or(http_charset.map(str::trim));
    if let Some(label) = declared.map(str::to_ascii_lowercase) {
        match label.trim_matches(['"', '\'']) {
            "utf-8" | "utf8" | "unicode-1-1-utf-8" => {}
            // A UTF-16 label on a document we could read as ASCII is wrong: ignore it.
            "utf-16" | "utf-16le" | "utf-16be" | "ucs-2" | "unicode" => {}
            "iso-8859-1" | "iso8859-1" | "latin1" | "l1" | "latin-1" | "windows-1252"
            | "cp1252" | "us-ascii" | "ascii" | "ansi_x3.4-1968" | "x-cp1252" | "iso_8859-1"
            | "cp819" => {
                return (Charset::Windows1252, None);
            }
            other if !other.is_empty() => return (Charset::Other(other.to_owned()), None),
            _ => {}
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Charset::Utf8 { bom: false }, Some(text)),
        // Undeclared, not UTF-8: what feedparser (and most of the web) falls back to
        // (rss_uol_latin1_undeclared.xml).
        Err(_) => (Charset::Windows1252, None),
    }
}

/// The `encoding="…"` of an XML declaration at the start of the document, if any.
fn xml_declared_encoding(bytes: &[u8]) -> Option<&str> {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    value.find(quote).map(|e| value[..e].trim())
}

/// Decodes `bytes` in `charset` to UTF-8, borrowing when they already are.
///
/// Invalid sequences become U+FFFD. Errors only for a charset this build cannot decode
/// (in wasm: anything needing tables; the app decodes those with `TextDecoder`).
pub fn decode<'b>(bytes: &'b [u8], charset: &Charset) -> Result<Cow<'b, str>, ParseError> {
    match charset {
        Charset::Utf8 { bom } => {
            let body = if *bom { &bytes[3..] } else { bytes };
            match std::str::from_utf8(body) {
                Ok(s) => Ok(Cow::Borrowed(s)),
                // Declared or assumed UTF-8 but broken: windows-1252 reads every byte, and
                // ASCII markup survives either way.
                Err(_) => Ok(Cow::Owned(decode_windows1252(body))),
            }
        }
        Charset::Utf16Le { bom } => Ok(Cow::Owned(decode_utf16(
            skip(bytes, *bom, 2),
            u16::from_le_bytes,
        ))),
        Charset::Utf16Be { bom } => Ok(Cow::Owned(decode_utf16(
            skip(bytes, *bom, 2),
            u16::from_be_bytes,
        ))),
        Charset::Windows1252 => Ok(match std::str::from_utf8(bytes) {
            // Plain ASCII is the same in both.
            Ok(s) if s.is_ascii() => Cow::Borrowed(s),
            _ => Cow::Owned(decode_windows1252(bytes)),
        }),
        Charset::Other(label) => decode_other(bytes, label),
    }
}

fn skip(bytes: &[u8], bom: bool, n: usize) -> &[u8] {
    if bom {
        &bytes[n.min(bytes.len())..]
    } else {
        bytes
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

fn decode_windows1252(bytes: &[u8]) -> String {
    const C1: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => C1[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
fn decode_other<'b>(bytes: &'b [u8], label: &str) -> Result<Cow<'b, str>, ParseError> {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())
        .ok_or_else(|| ParseError::UnsupportedEncoding(label.to_owned()))?;
    let (text, _, _) = encoding.decode(bytes);
    Ok(text)
}

#[cfg(target_arch = "wasm32")]
fn decode_other<'b>(_bytes: &'b [u8], label: &str) -> Result<Cow<'b, str>, ParseError> {
    Err(ParseError::UnsupportedEncoding(label.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_in_order() {
        let cases: &[(&[u8], Option<&str>, Charset)] = &[
            (b"\xEF\xBB\xBF<rss/>", None, Charset::Utf8 { bom: true }),
            (b"\xFF\xFE<\0", None, Charset::Utf16Le { bom: true }),
            (b"\xFE\xFF\0<", None, Charset::Utf16Be { bom: true }),
            (
                b"<?xml version='1.0' encoding='ISO-8859-1'?><rss/>",
                Some("utf-8"),
                Charset::Windows1252,
            ),
            (
                b"<?xml version=\"1.0\" encoding=\"GB2312\"?>",
                None,
                Charset::Other("gb2312".into()),
            ),
            (b"<rss/>", Some("euc-kr"), Charset::Other("euc-kr".into())),
            (
                b"<rss>caf\xc3\xa9</rss>",
                None,
                Charset::Utf8 { bom: false },
            ),
            (b"<rss>caf\xe9</rss>", None, Charset::Windows1252),
            (
                b"<?xml version=\"1.0\" encoding=\"utf-16\"?><rss/>",
                None,
                Charset::Utf8 { bom: false },
            ),
        ];
        for (bytes, http, want) in cases {
            assert_eq!(
                &detect_charset(bytes, *http),
                want,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn decodes_without_tables() {
        assert_eq!(
            decode(b"caf\xe9 \x93q\x94", &Charset::Windows1252).unwrap(),
            "café “q”"
        );
        assert_eq!(
            decode(b"\xFF\xFEh\0i\0", &Charset::Utf16Le { bom: true }).unwrap(),
            "hi"
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFok", &Charset::Utf8 { bom: true }).unwrap(),
            "ok"
        );
    }
}
