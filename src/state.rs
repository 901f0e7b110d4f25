//! AppState: the reader's state, one `Copy` struct of signals in context.
//!
//! Components read it through [`use_app_state`] and change it only through its methods, which
//! keep the page address, the history and the signals in step.
//! Owns: what is on screen and the loading lifecycle. Must not touch: parsing or HTML details.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser;
use crate::messages::{self, LoadError, UserMessage};
use crate::model::Feed;
use crate::net;
use crate::parse::{parse_feed, parse_feed_str, ParseError, ParseOptions};
use crate::route::Route;

/// Where the built-in feed is served from, relative to the page (so any sub-path works).
pub const DEFAULT_FEED_PATH: &str = "assets/forem_hadil_rss20.xml";

/// How a state change is recorded in the browser history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// A new history entry: Back returns to what was on screen.
    Push,
    /// Rewrite the current entry (start-up, corrections).
    Replace,
    /// The history already says it (Back/Forward).
    None,
}

/// A failure shown to the reader, with the address it concerned (for Retry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: UserMessage,
    pub source: Option<String>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// The feed on screen; it stays while another one loads or fails to.
    pub feed: RwSignal<Option<Arc<Feed>>>,
    /// The address of the feed on screen; `None` for the built-in feed.
    pub source: RwSignal<Option<String>>,
    /// The address being loaded, while a load is in flight.
    pub loading: RwSignal<Option<String>>,
    pub failure: RwSignal<Option<Failure>>,
    /// The key of the open entry (see `Entry::key`).
    pub open_entry: RwSignal<Option<String>>,
    /// The page address as last written.
    pub route: RwSignal<Route>,
    /// Bumped by every load, so a slow answer to an older request is dropped.
    load_generation: StoredValue<u64>,
    /// Whether the open entry was opened from the list in this page view (so closing it can be
    /// a history Back, which keeps Back and the app's own back control in agreement).
    opened_from_list: StoredValue<bool>,
    /// The entry to focus and the scroll offsets to restore when the list comes back.
    pub return_point: StoredValue<Option<ReturnPoint>>,
}

/// Where the reader was in the list when they opened an article.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnPoint {
    pub entry_key: String,
    pub window_y: f64,
    pub list_y: f64,
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    pub fn new(route: Route) -> Self {
        AppState {
            feed: RwSignal::new(None),
            source: RwSignal::new(route.feed.clone()),
            loading: RwSignal::new(None),
            failure: RwSignal::new(None),
            open_entry: RwSignal::new(route.entry.clone()),
            route: RwSignal::new(route),
            load_generation: StoredValue::new(0),
            opened_from_list: StoredValue::new(false),
            return_point: StoredValue::new(None),
        }
    }

    /// Loads the feed at `address` (`None`: the built-in feed) and records it in the address
    /// bar. What is on screen stays until the new feed has arrived and parsed.
    pub fn load(&self, address: Option<String>, nav: Nav) {
        let address = address
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty());
        if let Some(a) = &address {
            if !crate::present::is_http_url(a) || url::Url::parse(a).is_err() {
                self.fail(LoadError::InvalidUrl, Some(a.clone()));
                return;
            }
        }
        let generation = self.load_generation.get_value() + 1;
        self.load_generation.set_value(generation);
        self.loading.set(Some(address.clone().unwrap_or_default()));
        let state = *self;
        leptos::task::spawn_local(async move {
            let result = fetch_and_parse(address.as_deref()).await;
            if state.load_generation.get_value() != generation {
                return; // a newer load started; this answer is stale
            }
            state.loading.set(None);
            match result {
                Ok(feed) => state.show(feed, address, nav),
                Err(err) => state.fail(err, address),
            }
        });
    }

    /// Puts a freshly loaded feed on screen and, only now that it worked, in the address bar.
    fn show(&self, feed: Feed, address: Option<String>, nav: Nav) {
        let current = self.route.get_untracked();
        if current.feed != address {
            self.set_route(current.with_feed(address.as_deref()), nav);
            self.open_entry.set(None);
        } else if nav == Nav::Replace {
            self.set_route(current, nav);
        }
        self.failure.set(None);
        self.source.set(address);
        self.feed.set(Some(Arc::new(feed)));
    }

    /// Loads the feed on screen again.
    pub fn reload(&self) {
        let source = self
            .failure
            .get_untracked()
            .and_then(|f| f.source)
            .or(self.source.get_untracked());
        self.load(source, Nav::None);
    }

    fn fail(&self, error: LoadError, address: Option<String>) {
        let shown = address.as_deref().unwrap_or(DEFAULT_FEED_PATH);
        let message = messages::describe(&error, shown);
        self.failure.set(Some(Failure {
            message,
            source: address,
        }));
    }

    pub fn dismiss_failure(&self) {
        self.failure.set(None);
    }

    /// Opens an entry from the list, remembering where the reader was.
    pub fn open(&self, key: String, return_point: ReturnPoint) {
        self.return_point.set_value(Some(return_point));
        self.opened_from_list.set_value(true);
        let route = self.route.get_untracked().with_entry(Some(&key));
        self.set_route(route, Nav::Push);
        self.open_entry.set(Some(key));
    }

    /// Back to the list: a history Back when the article was opened from the list here, so the
    /// browser's Back and this control agree; otherwise a new list entry in the history.
    pub fn close(&self) {
        if self.opened_from_list.get_value() {
            self.opened_from_list.set_value(false);
            browser::history_back();
        } else {
            let route = self.route.get_untracked().with_entry(None);
            self.set_route(route, Nav::Push);
            self.open_entry.set(None);
        }
    }

    /// Follows the address after Back or Forward.
    pub fn apply_route(&self, route: Route) {
        let feed_changed = route.feed != self.route.get_untracked().feed;
        if route.entry.is_none() {
            self.opened_from_list.set_value(false);
        }
        self.open_entry.set(route.entry.clone());
        if feed_changed {
            self.route.set(route.clone());
            self.load(route.feed, Nav::None);
        } else {
            self.route.set(route);
        }
    }

    fn set_route(&self, route: Route, nav: Nav) {
        match nav {
            Nav::Push => browser::push_query(&route.to_query()),
            Nav::Replace => browser::replace_query(&route.to_query()),
            Nav::None => {}
        }
        self.route.set(route);
    }
}

async fn fetch_and_parse(address: Option<&str>) -> Result<Feed, LoadError> {
    let url = address.unwrap_or(DEFAULT_FEED_PATH);
    let fetched = net::fetch_feed(url, net::DEFAULT_TIMEOUT).await?;
    let options = ParseOptions {
        base_url: address,
        http_charset: fetched.charset.as_deref(),
    };
    match parse_feed(&fetched.bytes, &options) {
        // Charsets beyond UTF-8, UTF-16 and windows-1252 are decoded by the browser, which
        // ships the tables the wasm would otherwise carry.
        Err(ParseError::UnsupportedEncoding(label)) => {
            let text = browser::decode(&fetched.bytes, &label)
                .ok_or(LoadError::Parse(ParseError::UnsupportedEncoding(label)))?;
            Ok(parse_feed_str(&text, &options)?)
        }
        other => Ok(other?),
    }
}
