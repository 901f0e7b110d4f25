//! Fuzz target: any bytes through `parse_feed`, as the app would get them from the network,
//! then everything the app does with the result. A panic, an abort, a leak or memory error
//! (AddressSanitizer) or a timeout is a finding.
//!
//! Owns: nothing but this harness. Must not touch: the parser (findings are fixed there,
//! with a regression test in tests/parse_never_panics.rs named after the finding).

#![no_main]

use libfuzzer_sys::fuzz_target;
use rillet::date::parse_date;
use rillet::normalize::normalized_json;
use rillet::parse::{parse_feed, ParseOptions};
use rillet::text::{decode_entities, excerpt, html_to_text, reading_minutes};

fuzz_target!(|data: &[u8]| {
    // With a document URL (relative links and xml:base are resolved) and without one.
    let with_base = ParseOptions {
        base_url: Some("https://example.org/feeds/main.xml"),
        http_charset: None,
    };
    for options in [with_base, ParseOptions::default()] {
        let result = parse_feed(data, &options);
        let _ = normalized_json(&result);
        if let Ok(feed) = &result {
            for entry in &feed.entries {
                if let Some(body) = entry.body() {
                    let _ = excerpt(&body.value, true, 200);
                    let _ = reading_minutes(&body.value);
                }
                let _ = entry.byline();
                let _ = entry.date();
            }
        }
    }
    // An HTTP charset the document does not declare.
    let _ = parse_feed(
        data,
        &ParseOptions {
            base_url: None,
            http_charset: Some("windows-1252"),
        },
    );
    // The text and date helpers the app calls on feed strings.
    let text = String::from_utf8_lossy(data);
    let _ = html_to_text(&text);
    let _ = excerpt(&text, false, 50);
    let _ = decode_entities(&text);
    let _ = parse_date(text.lines().next().unwrap_or(""));
});
