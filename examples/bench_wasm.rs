//! `bench_wasm`: `parse_feed` compiled to wasm for the browser bench (bench/parse.js), called
//! the way the app calls it: the feed's bytes in (a `Uint8Array` copied into linear memory as
//! `&[u8]`, never a string), the feed kept in Rust memory, only a count back out.
//!
//! Owns: the bench's JS-facing functions. Must not touch: the parser. Built by
//! `make bench-parse` (`cargo build --release --target wasm32-unknown-unknown --example
//! bench_wasm`, then `wasm-bindgen --target web`). On other targets it is an empty library.

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use rillet::model::Feed;
use rillet::parse::{parse_feed, ParseOptions};
use wasm_bindgen::prelude::*;

thread_local! {
    /// The last feed parsed, alive as the app would keep it.
    static KEPT: RefCell<Option<Feed>> = const { RefCell::new(None) };
}

/// Parses a feed from its bytes and keeps it; returns its entry count (0 when the document
/// is not a feed).
#[wasm_bindgen]
pub fn parse(bytes: &[u8]) -> u32 {
    let feed = parse_feed(bytes, &ParseOptions::default()).ok();
    let count = feed.as_ref().map_or(0, |f| f.entries.len());
    KEPT.with(|k| *k.borrow_mut() = feed);
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Drops the kept feed (the bench calls this before it starts a timer).
#[wasm_bindgen]
pub fn release() {
    KEPT.with(|k| k.borrow_mut().take());
}

/// What the kept feed holds, for the page's cross-check against the other peers:
/// `[entries, entries with a date, UTF-16 length of the entries' bodies]` (JS string lengths).
#[wasm_bindgen]
pub fn summary() -> Vec<f64> {
    KEPT.with(|k| {
        let kept = k.borrow();
        let Some(feed) = kept.as_ref() else {
            return vec![0.0; 3];
        };
        let dated = feed
            .entries
            .iter()
            .filter(|e| e.published.or(e.updated).is_some())
            .count();
        let chars: usize = feed
            .entries
            .iter()
            .filter_map(|e| e.body())
            .map(|b| b.value.encode_utf16().count())
            .sum();
        vec![feed.entries.len() as f64, dated as f64, chars as f64]
    })
}

/// The size of the wasm linear memory in bytes (it only grows): the parse's high-water mark.
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}
