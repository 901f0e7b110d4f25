//! Rillet: a feed reader that lives entirely in the browser.
//!
//! The crate is a pure core, tested natively, under a thin browser app:
//! - [`model`]: `Feed`, `Entry` and friends, the one shape every format is read into;
//! - [`parse`]: bytes in, `Feed` out (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed);
//! - [`date`]: every date shape seen in feeds, to a UTC [`date::Timestamp`];
//! - [`text`]: plain text from HTML: excerpts, reading time, entity decoding;
//! - [`sanitize`]: the one door for HTML, the `SanitizedHtml` newtype;
//! - `app` (wasm32 only): the Leptos UI, the network and the browser storage.
//!
//! The pure modules never import leptos, web-sys or gloo: on a native build those crates are not
//! even dependencies.

pub mod date;
pub mod model;
pub mod parse;
