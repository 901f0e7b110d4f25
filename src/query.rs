//! What the article list shows: search, filters and sort order.
//!
//! Search is over a per-entry text ([`search_text`]) built once per entry and cached by the
//! UI, so that typing re-runs only cheap substring tests. Both sides are *folded* the same
//! way: lowercased (Unicode), combining marks dropped, and Latin letters with diacritics
//! mapped to their base letters by a small table ([`fold_char`]: Latin-1 and Latin
//! Extended-A, so `é`→`e`, `ß`→`ss`, `ł`→`l`, `œ`→`oe`). Other scripts are only lowercased.
//! Owns: the [`Query`] shape, matching, filtering and ordering. Must not touch: the DOM, the
//! library's marks (it only reads them), or the page address (the UI maps `Query` to it).

use std::cmp::Reverse;

use serde::{Deserialize, Serialize};

use crate::date::Timestamp;
use crate::library::Library;
use crate::model::Entry;
use crate::text::html_to_text;

/// What the reader asked the list to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// Search words; `"quoted words"` must appear together. Empty: no search.
    pub text: String,
    /// Only entries with this category (compared without case).
    pub category: Option<String>,
    pub unread_only: bool,
    pub starred_only: bool,
    pub sort: Sort,
}

impl Query {
    /// True when the query narrows the list (the UI says "nothing matches" rather than
    /// "nothing here").
    pub fn narrows(&self) -> bool {
        !terms(&self.text).is_empty()
            || self.category.is_some()
            || self.unread_only
            || self.starred_only
    }
}

/// The list's order.
///
/// Undated entries cannot be placed in time: they sort as older than every dated one, and
/// among themselves their feed's order is taken as newest first (the convention feeds
/// follow). So `Newest` lists them last in document order, and `Oldest` first in reverse
/// document order; toggling the sort of an undated feed does reverse it. Entries with the
/// same date keep document order in both directions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
}

impl Sort {
    /// The value used in the page address (`newest`, `oldest`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    /// Reads [`Sort::as_str`]'s value back (any case); `None` for anything else.
    pub fn parse(s: &str) -> Option<Sort> {
        match s.trim().to_ascii_lowercase().as_str() {
            "newest" => Some(Sort::Newest),
            "oldest" => Some(Sort::Oldest),
            _ => None,
        }
    }
}

/// One row the list may show: the feed it came from, the entry, and its cached
/// [`search_text`]. Implemented for `(&str, &Entry, &str)` tuples; the UI may implement it
/// for its own row type. `search_text` is only asked for when the query has search terms,
/// so a row may build it on first use (a `OnceCell` in the row).
pub trait Listed {
    fn feed_url(&self) -> &str;
    fn entry(&self) -> &Entry;
    fn search_text(&self) -> &str;
}

impl Listed for (&str, &Entry, &str) {
    fn feed_url(&self) -> &str {
        self.0
    }
    fn entry(&self) -> &Entry {
        self.1
    }
    fn search_text(&self) -> &str {
        self.2
    }
}

impl<T: Listed + ?Sized> Listed for &T {
    fn feed_url(&self) -> &str {
        (**self).feed_url()
    }
    fn entry(&self) -> &Entry {
        (**self).entry()
    }
    fn search_text(&self) -> &str {
        (**self).search_text()
    }
}

/// The text an entry is searched in: its title, authors, categories, and the plain text of
/// its summary and content, folded (see the module doc), whitespace collapsed. Fields are
/// separated by a line break so that a quoted phrase never matches across two of them.
pub fn search_text(entry: &Entry) -> String {
    let mut out = String::new();
    let mut field = |text: &str| {
        let start = out.len();
        if start > 0 {
            out.push('\n');
        }
        push_folded(&mut out, text);
        if out.len() == start + usize::from(start > 0) {
            // Nothing but white space: no empty field.
            out.truncate(start);
        }
    };
    if let Some(title) = &entry.title {
        field(title);
    }
    for author in entry.authors.iter().filter_map(|p| p.display()) {
        field(author);
    }
    for category in &entry.categories {
        field(category);
    }
    for body in [&entry.summary, &entry.content].into_iter().flatten() {
        match body.kind {
            crate::model::ContentKind::Html => field(&html_to_text(&body.value)),
            crate::model::ContentKind::Text => field(&body.value),
        }
    }
    out
}

/// Whether every term of `query_text` appears in `search_text` (which must come from
/// [`search_text`]: it is already folded). Terms are separated by white space; `"quoted
/// words"` (straight or curly quotes, as phones type them) form one term; an unclosed quote
/// runs to the end. An empty query matches everything.
pub fn matches_text(search_text: &str, query_text: &str) -> bool {
    matches_terms(search_text, &terms(query_text))
}

fn matches_terms(search_text: &str, terms: &[String]) -> bool {
    terms.iter().all(|t| search_text.contains(t.as_str()))
}

/// The folded terms of a query.
fn terms(query_text: &str) -> Vec<String> {
    let is_quote = |c: char| matches!(c, '"' | '“' | '”' | '„');
    let mut terms = Vec::new();
    let mut rest = query_text;
    loop {
        rest = rest.trim_start();
        let Some(first) = rest.chars().next() else {
            break;
        };
        let (raw, after) = if is_quote(first) {
            let inner = &rest[first.len_utf8()..];
            match inner.find(is_quote) {
                Some(end) => {
                    let close = inner[end..].chars().next().map_or(1, char::len_utf8);
                    (&inner[..end], &inner[end + close..])
                }
                None => (inner, ""),
            }
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || is_quote(c))
                .unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        let mut term = String::with_capacity(raw.len());
        push_folded(&mut term, raw);
        if !term.is_empty() {
            terms.push(term);
        }
        rest = after;
    }
    terms
}

/// Appends `text` folded, with runs of white space collapsed to one space and the ends
/// trimmed.
fn push_folded(out: &mut String, text: &str) {
    let start = out.len();
    let mut pending_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            pending_space = out.len() > start;
            continue;
        }
        if is_combining_mark(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match fold_char(c) {
            Some(base) => out.push_str(base),
            None => out.push(c),
        }
    }
}

/// Combining diacritical marks (U+0300–U+036F): dropped, so text written decomposed
/// (`e` + U+0301) matches like the composed `é`.
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The base letters of a lowercase Latin letter with a diacritic (Latin-1 Supplement and
/// Latin Extended-A), or `None` when it has none.
pub fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The rows the query selects, in its order. Search and the category filter look at the row
/// itself; "unread only" and "starred only" ask the library. The sort is stable (see
/// [`Sort`] for undated entries).
pub fn filter_and_sort<T: Listed>(
    items: impl IntoIterator<Item = T>,
    query: &Query,
    library: &Library,
) -> Vec<T> {
    let terms = terms(&query.text);
    let category = query.category.as_deref().map(|c| c.trim().to_lowercase());
    let mut kept: Vec<T> = items
        .into_iter()
        .filter(|item| {
            let entry = item.entry();
            (terms.is_empty() || matches_terms(item.search_text(), &terms))
                && category.as_deref().is_none_or(|want| {
                    entry
                        .categories
                        .iter()
                        .any(|c| c.trim().to_lowercase() == want)
                })
                && (!query.unread_only || !library.is_read(item.feed_url(), entry))
                && (!query.starred_only || library.is_starred(item.feed_url(), entry))
        })
        .collect();
    sort_rows(&mut kept, query.sort);
    kept
}

/// Sorts rows in place (stable), as [`Sort`] describes.
pub fn sort_rows<T: Listed>(rows: &mut Vec<T>, sort: Sort) {
    // The position each row had: undated rows are ordered by it.
    let mut keyed: Vec<(usize, Option<Timestamp>, T)> = rows
        .drain(..)
        .enumerate()
        .map(|(i, row)| (i, row.entry().date(), row))
        .collect();
    match sort {
        // Dated first, newest first; then undated in document order.
        Sort::Newest => keyed.sort_by_key(|(i, date, _)| (date.is_none(), Reverse(*date), *i)),
        // Undated first, in reverse document order; then dated, oldest first, ties in
        // document order.
        Sort::Oldest => keyed.sort_by_key(|(i, date, _)| match date {
            None => (false, None, Reverse(*i), 0),
            Some(_) => (true, *date, Reverse(0), *i),
        }),
    }
    rows.extend(keyed.into_iter().map(|(_, _, row)| row));
}

/// The categories of `entries` with how many entries carry each, most used first, then by
/// name. Categories differing only in case are one (shown as first met).
pub fn categories<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<(String, usize)> {
    // (lowercased, as shown, count)
    let mut found: Vec<(String, String, usize)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for entry in entries {
        let mut counted: Vec<usize> = Vec::new();
        for category in &entry.categories {
            let shown = category.trim();
            if shown.is_empty() {
                continue;
            }
            let key = shown.to_lowercase();
            let at = *index.entry(key.clone()).or_insert_with(|| {
                found.push((key, shown.to_string(), 0));
                found.len() - 1
            });
            // An entry counts once per category, even if it lists "Rust" and "rust".
            if !counted.contains(&at) {
                counted.push(at);
                found[at].2 += 1;
            }
        }
    }
    found.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then_with(|| a.0.cmp(&b.0))
            .then_with(|| a.1.cmp(&b.1))
    });
    found.into_iter().map(|(_, shown, n)| (shown, n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Content, Person};

    fn entry(title: &str, day: Option<u32>) -> Entry {
        Entry {
            id: Some(title.into()),
            title: Some(title.into()),
            published: day.and_then(|d| Timestamp::from_utc_fields(2026, 3, d, 9, 0, 0)),
            ..Entry::default()
        }
    }

    // Why: the cached text is what every keystroke searches; its exact shape (folded, one
    // field per line, markup gone) is the contract.
    #[test]
    fn search_text_is_folded_and_one_field_per_line() {
        let e = Entry {
            title: Some("  Crème   Brûlée\tRecipes ".into()),
            authors: vec![
                Person {
                    name: Some("Zoë Ørsted".into()),
                    ..Person::default()
                },
                Person {
                    email: Some("CHEF@Example.com".into()),
                    ..Person::default()
                },
            ],
            categories: vec!["Desserts".into(), " ".into(), "ÉCOLE".into()],
            summary: Some(Content::html(
                "<p>Straße &amp; <b>Œuvre</b></p><script>x</script>",
            )),
            content: Some(Content::text("Plain\n\ntext")),
            ..Entry::default()
        };
        assert_eq!(
            search_text(&e),
            "creme brulee recipes\nzoe orsted\nchef@example.com\ndesserts\necole\n\
             strasse & oeuvre\nplain text"
        );
        assert_eq!(search_text(&Entry::default()), "");
    }

    // Why: the search rules, row by row: terms are ANDed, phrases stay together, case and
    // Latin accents do not matter on either side.
    #[test]
    fn matching_table() {
        let text = search_text(&Entry {
            title: Some("Café culture in São Paulo".into()),
            summary: Some(Content::text("Espresso and pão de queijo")),
            ..Entry::default()
        });
        let table: &[(&str, bool, &str)] = &[
            ("", true, "an empty query matches everything"),
            ("   ", true, "so does one of only spaces"),
            ("cafe", true, "é matches e"),
            ("CAFÉ", true, "case and accents on the query side too"),
            ("cafe\u{301}", true, "a decomposed é (e + U+0301)"),
            ("sao paulo", true, "every term, anywhere"),
            ("paulo sao", true, "in any order"),
            ("paulo tokyo", false, "all terms must appear"),
            ("\"sao paulo\"", true, "a phrase"),
            ("\"paulo sao\"", false, "a phrase keeps its order"),
            ("\"culture  in\"", true, "spaces inside a phrase collapse"),
            ("“cafe culture”", true, "curly quotes, as phones type them"),
            ("\"pao de", true, "an unclosed quote runs to the end"),
            (
                "\"paulo espresso\"",
                false,
                "a phrase does not span two fields",
            ),
            ("press", true, "substrings match"),
            ("\"\" cafe", true, "an empty phrase is ignored"),
        ];
        for (query, want, why) in table {
            assert_eq!(matches_text(&text, query), *want, "{query:?}: {why}");
        }
    }

    // Why: the fold table covers the Latin letters of the languages feeds are written in.
    #[test]
    fn fold_table() {
        let table = [
            ("Ærøskøbing", "aeroskobing"),
            ("Łódź", "lodz"),
            ("İstanbul", "istanbul"),
            ("Ångström", "angstrom"),
            ("Ĳsselmeer", "ijsselmeer"),
            ("Žluťoučký kůň", "zlutoucky kun"),
            ("Þingvellir", "thingvellir"),
            ("ΑΘΗΝΑ", "αθηνα"),
            ("東京", "東京"),
        ];
        for (input, want) in table {
            let mut out = String::new();
            push_folded(&mut out, input);
            assert_eq!(out, want, "{input}");
        }
    }

    fn titles<'a>(rows: &[(&str, &'a Entry, &str)]) -> Vec<&'a str> {
        rows.iter().map(|r| r.1.title.as_deref().unwrap()).collect()
    }

    // Why: both sort orders, with undated entries and equal dates, as the `Sort` doc says.
    #[test]
    fn sort_orders() {
        let entries = [
            entry("u1", None),
            entry("d3", Some(3)),
            entry("d1", Some(1)),
            entry("u2", None),
            entry("d3b", Some(3)),
            entry("d2", Some(2)),
        ];
        let rows: Vec<(&str, &Entry, &str)> = entries.iter().map(|e| ("f", e, "")).collect();
        let lib = Library::default();
        let newest = filter_and_sort(rows.clone(), &Query::default(), &lib);
        assert_eq!(titles(&newest), ["d3", "d3b", "d2", "d1", "u1", "u2"]);
        let oldest = Query {
            sort: Sort::Oldest,
            ..Query::default()
        };
        let oldest = filter_and_sort(rows, &oldest, &lib);
        assert_eq!(titles(&oldest), ["u2", "u1", "d1", "d2", "d3", "d3b"]);
    }

    // Why: the filters combine, and unread/starred come from the library's marks.
    #[test]
    fn filters_combine() {
        let tagged = |title: &str, day: u32, tags: &[&str]| Entry {
            categories: tags.iter().map(|t| t.to_string()).collect(),
            ..entry(title, Some(day))
        };
        let entries = [
            tagged("rust one", 1, &["Rust"]),
            tagged("rust two", 2, &["rust", "Web"]),
            tagged("web", 3, &["Web"]),
        ];
        let texts: Vec<String> = entries.iter().map(search_text).collect();
        let rows: Vec<(&str, &Entry, &str)> = entries
            .iter()
            .zip(&texts)
            .map(|(e, t)| ("f", e, t.as_str()))
            .collect();
        let mut lib = Library::default();
        lib.set_read("f", &entries[1], true);
        lib.set_starred("f", &entries[0], true);
        let run = |q: Query| titles(&filter_and_sort(rows.iter().copied(), &q, &lib));
        let all = Query::default();
        assert_eq!(run(all.clone()), ["web", "rust two", "rust one"]);
        assert_eq!(
            run(Query {
                text: "rust".into(),
                ..all.clone()
            }),
            ["rust two", "rust one"]
        );
        let rust = Some(" RUST ".to_string());
        assert_eq!(
            run(Query {
                category: rust.clone(),
                ..all.clone()
            }),
            ["rust two", "rust one"]
        );
        assert_eq!(
            run(Query {
                category: rust,
                unread_only: true,
                ..all.clone()
            }),
            ["rust one"]
        );
        assert_eq!(
            run(Query {
                starred_only: true,
                ..all.clone()
            }),
            ["rust one"]
        );
        assert_eq!(
            run(Query {
                unread_only: true,
                starred_only: true,
                text: "web".into(),
                ..all
            }),
            [] as [&str; 0]
        );
    }

    // Why: the category menu lists the most used first; case variants are one category,
    // counted once per entry.
    #[test]
    fn categories_by_count_then_name() {
        let mk = |tags: &[&str]| Entry {
            categories: tags.iter().map(|t| t.to_string()).collect(),
            ..Entry::default()
        };
        let entries = [
            mk(&["Rust", "rust", "Web"]),
            mk(&["web", "Go"]),
            mk(&["Apple", "  "]),
            mk(&["go"]),
        ];
        assert_eq!(
            categories(&entries),
            [
                ("Go".to_string(), 2),
                ("Web".to_string(), 2),
                ("Apple".to_string(), 1),
                ("Rust".to_string(), 1)
            ]
        );
    }

    // Why: the query will live in the page address; its sort has a stable spelling.
    #[test]
    fn sort_and_query_spellings() {
        assert_eq!(Sort::parse(Sort::Oldest.as_str()), Some(Sort::Oldest));
        assert_eq!(Sort::parse(" NEWEST "), Some(Sort::Newest));
        assert_eq!(Sort::parse("random"), None);
        assert_eq!(serde_json::to_string(&Sort::Oldest).unwrap(), "\"oldest\"");
        let q: Query = serde_json::from_str(r#"{"text":"x","sort":"oldest"}"#).unwrap();
        assert_eq!(
            q,
            Query {
                text: "x".into(),
                sort: Sort::Oldest,
                ..Query::default()
            }
        );
        assert!(q.narrows());
        assert!(!Query {
            text: " \"\" ".into(),
            ..Query::default()
        }
        .narrows());
    }

    // Why: the UI builds search texts lazily; with no search terms none may be asked for.
    #[test]
    fn search_text_is_only_read_when_searching() {
        struct Row(Entry);
        impl Listed for Row {
            fn feed_url(&self) -> &str {
                "f"
            }
            fn entry(&self) -> &Entry {
                &self.0
            }
            fn search_text(&self) -> &str {
                panic!("search text read without a search")
            }
        }
        let rows = vec![Row(entry("b", Some(1))), Row(entry("a", Some(2)))];
        let q = Query {
            text: " \"\" ".into(),
            unread_only: true,
            ..Query::default()
        };
        let shown = filter_and_sort(rows, &q, &Library::default());
        assert_eq!(shown.len(), 2);
        assert_eq!(shown[0].0.title.as_deref(), Some("a"));
    }
}
