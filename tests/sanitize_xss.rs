//! Every attack payload of the shared corpus (`../shared/corpus/xss/vectors.txt`: OWASP's
//! filter-evasion cheat sheet, html5sec.org, DOMPurify's fixtures) through the sanitizer.
//!
//! Why not string matching: what runs is what a browser builds from the output. So the output
//! is parsed again as the app's `inner_html` parses it (html5ever, a fragment in a `<div>`),
//! and the tree is walked: no event handler, no script URL, no forbidden or foreign element,
//! no comment. Each payload goes through without a base, with a base, and with remote images
//! off; and sanitizing the output again must change nothing (a mutation-XSS canary).

use std::collections::BTreeSet;

use html5ever::tendril::TendrilSink;
use html5ever::{local_name, ns, parse_fragment, ParseOpts, QualName};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use rillet::sanitize::{sanitize_html, sanitize_html_with, SanitizeOptions};

const BASE: &str = "https://blog.example/posts/2024/hello.html";

/// The corpus, split as SOURCES.md says: records are separated by a line that is exactly `----`
/// (some payloads hold raw control characters, so no universal-newline splitting).
fn vectors() -> Vec<String> {
    let path = std::env::var("RILLET_XSS_VECTORS").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/xss/vectors.txt"
        )
        .to_owned()
    });
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!("the XSS corpus {path} is missing ({e}); set RILLET_XSS_VECTORS")
    });
    let text = String::from_utf8(bytes).expect("the corpus is UTF-8");
    text.split("\n----\n").map(str::to_owned).collect()
}

#[test]
fn the_corpus_has_every_vector() {
    assert_eq!(vectors().len(), 435);
}

#[test]
fn no_vector_survives_without_a_base() {
    assert_all_safe("no base", |v| sanitize_html(v, None).into_string());
}

#[test]
fn no_vector_survives_with_a_base() {
    assert_all_safe("base", |v| sanitize_html(v, Some(BASE)).into_string());
}

#[test]
fn no_vector_survives_with_remote_images_off() {
    let options = SanitizeOptions {
        remote_images: false,
    };
    assert_all_safe("remote images off", |v| {
        sanitize_html_with(v, Some(BASE), &options).into_string()
    });
}

#[test]
fn sanitizing_the_output_again_changes_nothing() {
    let mut failures = Vec::new();
    for (i, vector) in vectors().iter().enumerate() {
        for base in [None, Some(BASE)] {
            let once = sanitize_html(vector, base).into_string();
            let twice = sanitize_html(&once, base).into_string();
            if once != twice {
                failures.push(format!(
                    "vector {} (base {base:?}):\n  once:  {once:?}\n  twice: {twice:?}",
                    i + 1
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "not idempotent:\n{}",
        failures.join("\n")
    );
}

/// The walk itself must not be vacuous: raw payloads, unsanitized, are caught.
#[test]
fn the_walk_catches_what_it_looks_for() {
    for raw in [
        "<img src=x onerror=alert(1)>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"  JaVaScRiPt:alert(1)\">x</a>",
        "<img srcset=\"https://a.example/x.png 1x, javascript:alert(1) 2x\">",
        "<blockquote cite=\"vbscript:msgbox(1)\">q</blockquote>",
        "<svg><a xlink:href=\"https://a.example/\">x</a></svg>",
        "<math><mi>x</mi></math>",
        "<form action=\"https://a.example/\"></form>",
        "<p style=\"color:red\">x</p>",
        "<p id=\"x\">x</p>",
        "<p>x<!-- y --></p>",
        "<a href=\"https://a.example/\">no rel</a>",
        "<video src=\"https://a.example/v.mp4\" autoplay controls></video>",
        "<div data-x=\"data:text/html;base64,PHNjcmlwdD4=\"></div>",
    ] {
        assert!(!problems(raw).is_empty(), "the walk missed {raw}");
    }
}

fn assert_all_safe(mode: &str, sanitize: impl Fn(&str) -> String) {
    let vectors = vectors();
    let mut failures = Vec::new();
    for (i, vector) in vectors.iter().enumerate() {
        let output = sanitize(vector);
        for problem in problems(&output) {
            let shown: String = output.chars().take(400).collect();
            failures.push(format!(
                "vector {} ({mode}): {problem}\n  output: {shown:?}",
                i + 1
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems over {} vectors:\n{}",
        failures.len(),
        vectors.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The walk. The policy is restated here rather than imported, so that a change to the module
// that widens it has to change this file too.

#[rustfmt::skip]
const ALLOWED_ELEMENTS: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "div", "span",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "picture", "source", "figure", "figcaption", "video", "audio",
    "pre", "code", "kbd", "samp", "var", "blockquote", "q", "cite",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
    "abbr", "dfn", "time", "wbr", "details", "summary",
];

/// Issue 4's "never" list, checked on its own so a failure names the real problem.
#[rustfmt::skip]
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "svg", "math", "iframe", "object", "embed", "form", "input", "button", "select", "textarea",
    "option", "style", "script", "template", "noscript", "base", "meta", "link", "frame",
    "frameset", "applet", "xmp", "plaintext", "noembed", "noframes", "title", "image",
];

/// Attributes that hold a URL in some browser, past or present. Their values must be absolute
/// http(s) or mailto URLs; `srcset`-like ones are checked candidate by candidate.
#[rustfmt::skip]
const URL_ATTRIBUTES: &[&str] = &[
    "href", "src", "poster", "cite", "action", "formaction", "background", "data", "dynsrc",
    "lowsrc", "codebase", "longdesc", "usemap", "ping", "profile", "manifest", "icon", "archive",
    "classid", "xlink:href", "data-src", "data-poster",
];
const SRCSET_ATTRIBUTES: &[&str] = &["srcset", "data-srcset"];

/// Free text shown to the reader, never parsed as a URL: exempt from the scheme scan.
const TEXT_ATTRIBUTES: &[&str] = &["alt", "title"];

const DANGEROUS_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:text/html", "livescript:"];

fn problems(html: &str) -> Vec<String> {
    let dom = parse_fragment(
        RcDom::default(),
        ParseOpts::default(),
        QualName::new(None, ns!(html), local_name!("div")),
        vec![],
        false,
    )
    .one(html);
    let root = dom.document.children.borrow()[0].clone();
    let mut found = Vec::new();
    let mut stack: Vec<Handle> = root.children.borrow().clone();
    while let Some(node) = stack.pop() {
        stack.extend(node.children.borrow().iter().cloned());
        match &node.data {
            NodeData::Text { .. } => {}
            NodeData::Element {
                name,
                attrs,
                template_contents,
                ..
            } => {
                if let Some(contents) = template_contents.borrow().as_ref() {
                    stack.push(contents.clone());
                }
                let element = &*name.local;
                if name.ns != ns!(html) {
                    found.push(format!(
                        "<{element}> outside the HTML namespace ({})",
                        name.ns
                    ));
                }
                if FORBIDDEN_ELEMENTS.contains(&element) {
                    found.push(format!("forbidden element <{element}>"));
                } else if !ALLOWED_ELEMENTS.contains(&element) {
                    found.push(format!("element <{element}> is not in the policy"));
                }
                let attrs = attrs.borrow();
                let names: BTreeSet<String> =
                    attrs.iter().map(|a| a.name.local.to_string()).collect();
                for attr in attrs.iter() {
                    let attr_name = qualified(&attr.name);
                    check_attribute(element, &attr_name, &attr.value, &mut found);
                }
                check_required(element, &attrs, &names, &mut found);
            }
            NodeData::Comment { contents } => found.push(format!("comment <!--{contents}-->")),
            other => found.push(format!("unexpected node {other:?}")),
        }
    }
    found
}

fn qualified(name: &QualName) -> String {
    match &name.prefix {
        Some(prefix) => format!("{prefix}:{}", name.local),
        None if name.ns != ns!() => format!("{{{}}}{}", name.ns, name.local),
        None => name.local.to_string(),
    }
}

fn check_attribute(element: &str, name: &str, value: &str, found: &mut Vec<String>) {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("on") {
        found.push(format!("event handler {name} on <{element}>"));
    }
    if matches!(lower.as_str(), "style" | "id" | "name") || lower.contains(':') {
        found.push(format!("attribute {name} on <{element}>"));
    }
    if lower == "class" {
        check_class(element, value, found);
    }
    if lower == "autoplay" {
        found.push(format!("autoplay on <{element}>"));
    }
    if SRCSET_ATTRIBUTES.contains(&lower.as_str()) {
        for candidate in value.split(", ") {
            let url = candidate.split(' ').next().unwrap_or_default();
            check_url(element, name, url, &["http:", "https:"], found);
        }
    } else if URL_ATTRIBUTES.contains(&lower.as_str()) {
        check_url(element, name, value, &["http:", "https:", "mailto:"], found);
    } else if !TEXT_ATTRIBUTES.contains(&lower.as_str()) {
        let squeezed = squeeze(value);
        if let Some(scheme) = DANGEROUS_SCHEMES.iter().find(|s| squeezed.contains(*s)) {
            found.push(format!("{scheme} in {name}={value:?} on <{element}>"));
        }
    }
}

/// The value as a URL parser sees it for the scheme: ASCII whitespace and control characters
/// gone, lower case (html5ever has already decoded the entities).
fn squeeze(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn check_url(element: &str, name: &str, value: &str, allowed: &[&str], found: &mut Vec<String>) {
    // The scheme is what runs: `https://site/path/javascript:x` is a harmless path (vectors
    // 251-253 turn into such paths once Unicode spaces stop the scheme from parsing).
    let squeezed = squeeze(value);
    if !allowed.iter().any(|scheme| squeezed.starts_with(scheme)) {
        found.push(format!(
            "URL {name}={value:?} on <{element}> is not {allowed:?}"
        ));
    }
}

fn check_class(element: &str, value: &str, found: &mut Vec<String>) {
    for class in value.split_ascii_whitespace() {
        let highlighting = class == "highlight"
            || class.starts_with("language-")
            || (element == "span" && class.len() <= 3)
            || class
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if !highlighting {
            found.push(format!("class {class:?} on <{element}>"));
        }
    }
}

/// What the policy adds: link and image hardening, media controls.
fn check_required(
    element: &str,
    attrs: &[html5ever::Attribute],
    names: &BTreeSet<String>,
    found: &mut Vec<String>,
) {
    let value = |n: &str| {
        attrs
            .iter()
            .find(|a| &*a.name.local == n)
            .map(|a| a.value.to_string())
    };
    let mut require = |attr: &str, expected: &str| {
        if value(attr).as_deref() != Some(expected) {
            found.push(format!("<{element}> lacks {attr}={expected:?} ({names:?})"));
        }
    };
    match element {
        "a" => {
            require("rel", "noopener noreferrer nofollow ugc");
            require("target", "_blank");
        }
        "img" => {
            require("loading", "lazy");
            require("decoding", "async");
            require("referrerpolicy", "no-referrer");
        }
        "video" | "audio" => require("controls", ""),
        _ => {}
    }
}
