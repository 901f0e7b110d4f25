//! Rillet: a feed reader that lives entirely in the browser.
//!
//! The crate is a pure core, tested natively, under a thin browser app:
//! - [`model`]: `Feed`, `Entry` and friends, the one shape every format is read into;
//! - [`parse`]: bytes in, `Feed` out (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed);
//! - [`date`]: every date shape seen in feeds, to a UTC [`date::Timestamp`];
//! - [`text`]: plain text from HTML: excerpts, reading time, entity decoding;
//! - [`sanitize`]: the one door for HTML, the `SanitizedHtml` newtype;
//! - [`route`]: the page address (`?feed=`, `?entry=`, `?proxy=`) as a public contract;
//! - [`messages`]: every error a person can meet, and the words they read for it;
//! - [`present`]: display choices computed from the model (relative-time unit, excerpt);
//! - wasm32 only: `components` (the Leptos UI), `state` (AppState in context), `net` (fetch)
//!   and `browser` (history, focus, Intl).
//!
//! The pure modules never import leptos, web-sys or gloo: on a native build those crates are not
//! even dependencies.

pub mod date;
pub mod messages;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod present;
pub mod route;
pub mod sanitize;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod net;
#[cfg(target_arch = "wasm32")]
pub mod state;
