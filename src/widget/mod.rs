//! The embeddable widget: a feed's newest entries in a compact frame a blogger puts on any
//! page (`embed.html`, built from `src/bin/embed.rs`).
//!
//! A second entry point rather than a mode of the app: the widget shows titles, dates,
//! excerpts and pictures, never an article body, so its build links no sanitizer (ammonia)
//! and stays within its size budget. It fetches and parses through the same code as the app
//! ([`crate::load::fetch_feed`], [`crate::parse`], [`crate::present`]).
//!
//! - [`options`]: the widget's address and the snippets that write it (pure; the app's Embed
//!   panel uses it too);
//! - [`digest`]: what the widget shows of a feed (pure);
//! - wasm32 only: `app` (the root, [`Widget`]), `list` (`WidgetList`, `WidgetEntry`) and
//!   `height` (the height message to the host page). Its few sentences are in
//!   `messages::widget`.
//!
//! Owns: the widget's page. Must not touch: the app's state, storage of the library, HTML
//! bodies.

pub mod digest;
pub mod options;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod height;
#[cfg(target_arch = "wasm32")]
mod list;
#[cfg(target_arch = "wasm32")]
#[cfg(target_arch = "wasm32")]
pub use app::Widget;
