//! The sanitizer over every entry of the default feed (`assets/forem_hadil_rss20.xml`, from
//! Forem/dev.to): real article HTML with highlighted code blocks, images and tables, which must
//! all survive.
//!
//! The bodies are read with quick-xml here rather than through `parse`, so that this test
//! depends only on the sanitizer and the fixture.

use html5ever::tendril::TendrilSink;
use html5ever::{local_name, ns, parse_fragment, ParseOpts, QualName};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use quick_xml::events::Event;
use quick_xml::Reader;
use rillet::sanitize::{sanitize_html, sanitize_html_with, SanitizeOptions};

const FEED: &str = include_str!("../assets/forem_hadil_rss20.xml");

struct Item {
    link: String,
    html: String,
}

/// `(link, description)` of every `<item>`; the HTML is entity-escaped in `<description>`.
fn items() -> Vec<Item> {
    let mut reader = Reader::from_str(FEED);
    let (mut items, mut link, mut in_item) = (Vec::new(), String::new(), false);
    loop {
        match reader.read_event().expect("the fixture is well-formed XML") {
            Event::Start(start) => match start.name().as_ref() {
                "item" => in_item = true,
                "link" if in_item => {
                    let text = reader.read_text(start.name()).expect("link text");
                    link = text.into_inner().trim().to_owned();
                }
                "description" if in_item => {
                    let raw = reader.read_text(start.name()).expect("description text");
                    let raw = raw.into_inner();
                    let html = quick_xml::escape::unescape(&raw).expect("entities");
                    items.push(Item {
                        link: link.clone(),
                        html: html.into_owned(),
                    });
                }
                _ => {}
            },
            Event::End(end) if end.name().as_ref() == "item" => in_item = false,
            Event::Eof => break,
            _ => {}
        }
    }
    items
}

/// Every element of a fragment, parsed as the app's `inner_html` parses it: (name, attributes).
fn elements(html: &str) -> Vec<(String, Vec<(String, String)>)> {
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
    let mut stack: Vec<Handle> = root.children.borrow().iter().rev().cloned().collect();
    while let Some(node) = stack.pop() {
        stack.extend(node.children.borrow().iter().rev().cloned());
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let attrs = attrs.borrow();
            let attrs = attrs
                .iter()
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect();
            found.push((name.local.to_string(), attrs));
        }
    }
    found
}

fn attr<'e>(element: &'e (String, Vec<(String, String)>), name: &str) -> Option<&'e str> {
    element
        .1
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn count(elements: &[(String, Vec<(String, String)>)], name: &str) -> usize {
    elements.iter().filter(|(n, _)| n == name).count()
}

#[test]
fn the_feed_has_twelve_entries() {
    assert_eq!(items().len(), 12);
}

#[test]
fn code_blocks_images_and_tables_survive_in_every_entry() {
    let (mut blocks, mut images, mut tables) = (0, 0, 0);
    for item in items() {
        let before = elements(&item.html);
        let output = sanitize_html(&item.html, Some(&item.link));
        let after = elements(output.as_str());
        for name in [
            "pre", "code", "table", "thead", "tbody", "tr", "th", "td", "img", "a",
        ] {
            let (want, got) = (count(&before, name), count(&after, name));
            assert_eq!(got, want, "<{name}> in {}: {got} of {want} kept", item.link);
        }
        for element in after.iter().filter(|(n, _)| n == "pre") {
            let class = attr(element, "class").unwrap_or_default();
            assert!(
                class.starts_with("highlight "),
                "{}: <pre class={class:?}>",
                item.link
            );
        }
        let tokens = |elements: &[(String, Vec<(String, String)>)]| {
            elements
                .iter()
                .filter(|e| e.0 == "span" && attr(e, "class").is_some())
                .count()
        };
        assert_eq!(
            tokens(&after),
            tokens(&before),
            "highlighted tokens in {}",
            item.link
        );
        for element in after.iter().filter(|(n, _)| n == "img") {
            let src = attr(element, "src").unwrap_or_default();
            assert!(
                src.starts_with("https://"),
                "{}: img src {src:?}",
                item.link
            );
            assert_eq!(attr(element, "loading"), Some("lazy"));
            assert_eq!(attr(element, "decoding"), Some("async"));
            assert_eq!(attr(element, "referrerpolicy"), Some("no-referrer"));
        }
        assert_eq!(
            sanitize_html(output.as_str(), Some(&item.link)),
            output,
            "sanitizing {} again changed it",
            item.link
        );
        blocks += count(&after, "pre");
        images += count(&after, "img");
        tables += count(&after, "table");
    }
    // The fixture's totals, so that a silent loss across the whole feed cannot pass.
    assert_eq!((blocks, images, tables), (23, 86, 14));
}

#[test]
fn the_eighth_entry_keeps_its_code_block_shape() {
    // "Spektrum: …", the entry the end-to-end test opens.
    let item = &items()[7];
    let output = sanitize_html(&item.html, Some(&item.link)).into_string();
    // Forem's `highlight js-code-highlight` loses its script hook; the language and the
    // Rouge token classes stay.
    let block = concat!(
        "<div class=\"highlight\">\n",
        "<pre class=\"highlight javascript\"><code><span class=\"k\">import</span> ",
        "<span class=\"p\">{</span> <span class=\"nx\">SpektrumSDK</span>",
    );
    assert!(output.contains(block), "{output}");
}

#[test]
fn with_remote_images_off_no_entry_loads_an_image() {
    let options = SanitizeOptions {
        remote_images: false,
    };
    for item in items() {
        let output = sanitize_html_with(&item.html, Some(&item.link), &options);
        for element in elements(output.as_str()) {
            for name in ["src", "srcset", "poster"] {
                assert_eq!(attr(&element, name), None, "{}: <{}>", item.link, element.0);
            }
            if element.0 == "img" {
                assert!(attr(&element, "data-src").is_some_and(|s| s.starts_with("https://")));
            }
        }
    }
}
