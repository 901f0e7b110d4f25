//! Rillet: a feed reader that lives entirely in the browser.
//!
//! The crate is a pure core, tested natively, under a thin browser app:
//! - [`model`]: `Feed`, `Entry` and friends, the one shape every format is read into;
//! - [`parse`]: bytes in, `Feed` out (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed);
//! - [`date`]: every date shape seen in feeds, to a UTC [`date::Timestamp`];
//! - [`text`]: plain text from HTML: excerpts, reading time, entity decoding;
//! - [`pixels`]: the one rule for tracking pixels (dropped from bodies, never a thumbnail);
//! - [`sanitize`]: the one door for HTML, the `SanitizedHtml` newtype;
//! - [`forem`]: Forem sites (dev.to …) read through their CORS-enabled API: shapes, mapping;
//! - [`route`]: the page address (`?feed=`, `?entry=`, `?proxy=`) as a public contract;
//! - [`messages`]: every error a person can meet, and the words they read for it;
//! - [`present`]: display choices computed from the model (relative-time unit, excerpt);
//! - [`library`]: subscriptions, folders, read and star marks, and when two entries are one;
//! - [`opml`]: subscription lists in and out (OPML import with folders, OPML 2.0 export);
//! - [`backup`]: everything (settings, subscriptions, read and star marks) as one JSON file;
//! - [`query`]: search, filters and sort order for the article list;
//! - [`keys`]: the keyboard shortcuts, as one table that drives both the keys and the help;
//! - [`normalize`]: the normalized JSON that `feed2json` prints;
//! - [`net`]: the fetch ladder (direct, Forem API, proxies) and autodiscovery, pure; the fetch
//!   itself is wasm32 only;
//! - [`storage`]: what is kept, its versions and limits, pure; localStorage and IndexedDB are
//!   wasm32 only;
//! - [`widget`]: the embeddable widget (`embed.html`, `src/bin/embed.rs`): its options and
//!   snippets and what it shows are pure; its views are wasm32 only, and link no sanitizer;
//! - wasm32 only: `components` (the Leptos UI), `state` (AppState in context), `load` (one
//!   feed load from address to screen) and `browser` (history, focus, Intl).
//!
//! The pure modules never import leptos, web-sys or gloo: on a native build those crates are not
//! even dependencies.

pub mod backup;
pub mod date;
pub mod forem;
pub mod keys;
pub mod library;
pub mod messages;
pub mod model;
pub mod net;
pub mod normalize;
pub mod opml;
pub mod parse;
pub mod pixels;
pub mod present;
pub mod query;
pub mod route;
pub mod sanitize;
pub mod storage;
pub mod text;
pub mod widget;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod load;
#[cfg(target_arch = "wasm32")]
pub mod state;
