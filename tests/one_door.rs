//! One door for HTML (issue 4), checked over the source itself.
//!
//! The type system already keeps a `SanitizedHtml` from being forged outside `src/sanitize.rs`
//! (its field is private). What it cannot see is a second door: another component writing a
//! `String` into `inner_html`, or a constructor added to the newtype. So this reads every `.rs`
//! file under `src/`, with comments blanked out (strings kept: `"innerHTML"` through
//! `Reflect::set` is a door too), and checks:
//! 1. no HTML sink is named anywhere but `src/components/safe_html.rs`, which names only
//!    `inner_html`, once, and takes nothing but a `SanitizedHtml`;
//! 2. `SanitizedHtml` has a private field, no `From`/`FromStr`/`Default`/`Deserialize`/…
//!    and no inherent function that returns one or mutates one; inside `src/sanitize.rs` only
//!    the sanitizing functions build one.

use std::fs;
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
const DOOR: &str = "components/safe_html.rs";
const SANITIZER: &str = "sanitize.rs";

/// Names through which a string becomes markup, matched case-insensitively (so `innerHTML` in
/// a string matches `innerhtml`). The brief's five, then the other DOM APIs that parse HTML.
const SINKS: &[&str] = &[
    "inner_html",
    "innerhtml",
    "outer_html",
    "outerhtml",
    "insert_adjacent_html",
    "insertadjacenthtml",
    "dangerously",
    "srcdoc",
    "src_doc",
    "html_unsafe", // Element::setHTMLUnsafe, Document::parseHTMLUnsafe
    "htmlunsafe",
    "contextual_fragment", // Range::createContextualFragment
    "contextualfragment",
    "parse_from_string", // DOMParser
    "parsefromstring",
];

/// The functions of `src/sanitize.rs` that may build a `SanitizedHtml`.
const CONSTRUCTORS: &[&str] = &["sanitize_html_with", "sanitize_text_to_html"];

#[test]
fn no_html_sink_outside_the_door() {
    let mut found = Vec::new();
    for (path, code) in sources() {
        let allowed: &[&str] = if path == DOOR { &["inner_html"] } else { &[] };
        for (line, sink) in sinks_in(&code) {
            if !allowed.contains(&sink) {
                found.push(format!("src/{path}:{line}: {sink}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "HTML sinks outside the door:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_door_takes_only_sanitized_html() {
    let door = code_of(DOOR);
    let sinks: Vec<_> = sinks_in(&door).into_iter().map(|(_, s)| s).collect();
    assert_eq!(
        sinks,
        ["inner_html"],
        "the door sets inner_html exactly once"
    );
    let squashed: String = door.split_whitespace().collect();
    assert!(
        squashed.contains("html:SanitizedHtml,") || squashed.contains("html:SanitizedHtml)"),
        "SafeHtml's `html` is a SanitizedHtml"
    );
    assert!(
        squashed.contains("inner_html=html.into_string()")
            || squashed.contains("inner_html=html.as_str()"),
        "what reaches inner_html is that SanitizedHtml"
    );
}

#[test]
fn sanitized_html_has_no_constructor_but_the_sanitizer() {
    let all = sources();
    let sanitizer = code_of(SANITIZER);
    let squashed: String = sanitizer.split_whitespace().collect();

    // A tuple struct with one private field; its derives make nothing from outside.
    let def = sanitizer
        .find("pub struct SanitizedHtml")
        .expect("SanitizedHtml is defined in src/sanitize.rs");
    assert!(
        squashed.contains("pubstructSanitizedHtml(String);"),
        "the field is private"
    );
    let attributes: Vec<&str> = sanitizer[..def]
        .lines()
        .rev()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take_while(|l| l.starts_with("#["))
        .collect();
    for forbidden in ["Default", "Deserialize"] {
        assert!(
            !attributes.iter().any(|a| a.contains(forbidden)),
            "SanitizedHtml derives {forbidden}: {attributes:?}"
        );
    }

    // No trait that makes one or reaches into one, in any file.
    let forbidden = [
        "From",
        "TryFrom",
        "FromStr",
        "Default",
        "Deserialize",
        "FromIterator",
        "Extend",
        "DerefMut",
        "AsMut",
        "BorrowMut",
        "FromWasmAbi",
        "RefFromWasmAbi",
        "TryFromJsValue",
        "JsCast",
    ];
    for (path, code) in &all {
        for (tr, ty) in trait_impls(code) {
            if ty == "SanitizedHtml" {
                let name = &tr[..tr.find('<').unwrap_or(tr.len())];
                let name = name.rsplit("::").next().unwrap_or_default();
                assert!(
                    !forbidden.contains(&name),
                    "src/{path}: impl {tr} for SanitizedHtml makes or changes one"
                );
            }
        }
        if path != SANITIZER {
            assert!(
                !code.contains("SanitizedHtml("),
                "src/{path} builds a SanitizedHtml"
            );
        }
    }
    assert!(
        !all.iter().any(|(p, _)| p.starts_with("sanitize/")),
        "src/sanitize/ would hold child modules that can see the private field"
    );

    // Inherent methods: none returns a SanitizedHtml or takes `&mut self`.
    for block in impl_blocks(&sanitizer, "impl SanitizedHtml") {
        assert!(
            !block.contains("&mut self"),
            "a method mutates a SanitizedHtml"
        );
        for sig in block.split("fn ").skip(1) {
            let sig = &sig[..sig.find('{').unwrap_or(sig.len())];
            let ret = sig.split_once("->").map_or("", |(_, r)| r);
            assert!(
                !ret.contains("Self") && !ret.contains("SanitizedHtml"),
                "an inherent constructor: fn {sig}"
            );
        }
    }

    // Inside the sanitizer, only the sanitizing functions build one.
    let mut builders = Vec::new();
    for (at, _) in sanitizer.match_indices("SanitizedHtml(") {
        if at == def + "pub struct ".len() {
            continue;
        }
        builders.push(
            enclosing_fn(&sanitizer[..at])
                .unwrap_or("(no fn)")
                .to_owned(),
        );
    }
    assert!(
        !builders.is_empty(),
        "the sanitizer builds SanitizedHtml values"
    );
    for b in &builders {
        assert!(
            CONSTRUCTORS.contains(&b.as_str()),
            "src/sanitize.rs: `{b}` builds a SanitizedHtml; only {CONSTRUCTORS:?} may"
        );
    }
}

#[test]
fn trait_impls_are_found() {
    let code = "impl fmt::Display for SanitizedHtml {}\nimpl<T: Into<String>> From<T> for crate::sanitize::SanitizedHtml where T: Clone {}\nimpl SanitizedHtml { fn x() {} }";
    assert_eq!(
        trait_impls(code),
        [
            ("fmt::Display".to_owned(), "SanitizedHtml".to_owned()),
            ("From<T>".to_owned(), "SanitizedHtml".to_owned()),
        ]
    );
}

#[test]
fn comments_are_blanked_and_strings_kept() {
    let code = "let a = \"// not a comment: innerHTML\"; // inner_html\n/* outer_html /* nested */ x */ 'x' '\\'' b'/'; fn f<'a>() {} r#\"dangerously\"#";
    let blank = blank_comments(code);
    assert!(blank.contains("innerHTML"));
    assert!(!blank.contains("inner_html"));
    assert!(!blank.contains("outer_html"));
    assert!(!blank.contains("nested"));
    assert!(blank.contains("fn f<'a>() {}"));
    assert!(blank.contains("dangerously"));
    assert_eq!(blank.lines().count(), code.lines().count());
}

// ---------------------------------------------------------------------------------------------

/// Every `.rs` file under `src/`, by path relative to it, with comments blanked out.
fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    collect(Path::new(SRC), &mut files);
    assert!(files.len() > 10, "found the sources under {SRC}");
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(SRC)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let code = blank_comments(&fs::read_to_string(&p).unwrap());
            (rel, code)
        })
        .collect()
}

fn code_of(rel: &str) -> String {
    let path = Path::new(SRC).join(rel);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    blank_comments(&text)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The sinks named in `code`, with their line numbers.
fn sinks_in(code: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        for sink in SINKS {
            // `set_inner_html` and `inner_html` are one finding, not two.
            found.extend(lower.match_indices(sink).map(|_| (n + 1, *sink)));
        }
    }
    found
}

/// Every `impl Trait for Type` in `code`, as (trait, type) with paths and generics as written
/// for the trait and the type reduced to its last path segment without generics.
fn trait_impls(code: &str) -> Vec<(String, String)> {
    let mut impls = Vec::new();
    for (at, _) in code.match_indices("impl") {
        let before_ok = code[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let rest = &code[at + 4..];
        if !before_ok || !rest.starts_with(|c: char| c.is_whitespace() || c == '<') {
            continue;
        }
        let header: String = rest[..rest.find(['{', ';']).unwrap_or(rest.len())]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let header = header.split(" where ").next().unwrap_or_default();
        let Some((tr, ty)) = header.rsplit_once(" for ") else {
            continue;
        };
        // `impl<T: Bound> Trait`: drop the impl's own generics.
        let tr = match tr.trim().strip_prefix('<') {
            Some(generic) => skip_generics(generic).trim(),
            None => tr.trim(),
        };
        let ty = ty.trim().rsplit("::").next().unwrap_or_default();
        let ty = &ty[..ty.find('<').unwrap_or(ty.len())];
        impls.push((tr.to_owned(), ty.trim().to_owned()));
    }
    impls
}

/// `s` after the `>` that closes an already-open `<`.
fn skip_generics(s: &str) -> &str {
    let mut depth = 1;
    for (i, c) in s.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => {
                depth -= 1;
                if depth == 0 {
                    return &s[i + 1..];
                }
            }
            _ => {}
        }
    }
    ""
}

/// The bodies of the `impl` blocks that start with `header` (brace-matched; comments are
/// already blank, and no brace in this crate's strings confuses the count).
fn impl_blocks<'c>(code: &'c str, header: &str) -> Vec<&'c str> {
    let mut blocks = Vec::new();
    for (at, _) in code.match_indices(header) {
        let rest = &code[at + header.len()..];
        if !rest.trim_start().starts_with('{') {
            continue;
        }
        let open = rest.find('{').unwrap();
        let mut depth = 0;
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        blocks.push(&rest[open..open + i + 1]);
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    blocks
}

/// The name of the last `fn` declared before the end of `before`.
fn enclosing_fn(before: &str) -> Option<&str> {
    let at = before.rfind("fn ")?;
    let name = &before[at + 3..];
    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    Some(&name[..end])
}

/// `code` with every comment replaced by spaces (newlines kept, so line numbers hold).
/// String, raw-string, byte and char literals are kept as they are; lifetimes are not chars.
fn blank_comments(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('"') | Some('#')) && !ident_before(&chars, i) {
            // r"…", r#"…"#: ends at a quote followed by as many #.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < chars.len()
                && !(chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')))
            {
                j += 1;
            }
            let end = (j + 1 + hashes).min(chars.len());
            out.extend(&chars[i..end]);
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(chars.len());
            out.extend(&chars[i..end]);
            i = end;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{1F600}') or a lifetime ('a): only a literal closes.
            let end = if next == Some('\\') {
                (i + 2..chars.len())
                    .find(|&j| chars[j] == '\'')
                    .map(|j| j + 1)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            let end = end.unwrap_or(i + 1);
            out.extend(&chars[i..end]);
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether the character before `i` continues an identifier (`for` in `for"` is not `r"`).
fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}
