//! AppState: the reader's state, one `Copy` struct of signals in context.
//!
//! Components read it through [`use_app_state`] and change it only through its methods, which
//! keep the page address, the history, storage and the signals in step. The methods live by
//! concern: `feeds` (loading and refreshing), `library` (subscriptions, read and star marks),
//! `settings`, `items` (what the list shows); this file holds the struct and navigation.
//! Owns: what is on screen and when it changes. Must not touch: parsing, HTML, fetch details.

mod feeds;
mod items;
mod library;
mod settings;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;

pub use items::Item;

use crate::browser;
use crate::library::{Library, Removed};
use crate::messages::UserMessage;
use crate::model::{Entry, Feed};
use crate::net::discover::Alternate;
use crate::net::Via;
use crate::query::Query;
use crate::route::Route;
use crate::storage::Settings;

/// Where the built-in feed is served from, relative to the page (so any sub-path works).
pub const DEFAULT_FEED_PATH: &str = "assets/forem_hadil_rss20.xml";
/// The key of the built-in feed among the loaded feeds (it has no address of its own).
pub const BUILTIN: &str = "rillet:builtin";

/// What the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The feed shipped with the app (first visit, no subscriptions).
    Builtin,
    /// One feed, by address (subscribed or only previewed).
    Feed(String),
    /// Every subscription merged by date.
    All,
    /// Starred entries, wherever they came from.
    Starred,
}

impl View {
    /// The view a page address asks for; with no feed and no view, the built-in feed for a
    /// new reader and every subscription for one who has some.
    pub fn from_route(route: &Route, has_subscriptions: bool) -> View {
        match (route.feed.as_deref(), route.view.as_deref()) {
            (Some(feed), _) => View::Feed(feed.to_string()),
            (None, Some("starred")) => View::Starred,
            (None, Some("all")) => View::All,
            (None, _) if has_subscriptions => View::All,
            (None, _) => View::Builtin,
        }
    }

    /// The key of the single feed this view shows, if it shows one.
    pub fn feed_key(&self) -> Option<&str> {
        match self {
            View::Builtin => Some(BUILTIN),
            View::Feed(url) => Some(url),
            View::All | View::Starred => None,
        }
    }
}

/// A loaded feed: its metadata, and its entries shared cheaply with the list and the article.
#[derive(Debug, Clone)]
pub struct FeedSlot {
    /// The feed without its entries.
    pub meta: Arc<Feed>,
    pub entries: Arc<[Arc<Entry>]>,
    pub freshness: Option<Freshness>,
}

impl FeedSlot {
    pub fn new(mut feed: Feed, freshness: Option<Freshness>) -> Self {
        let entries = std::mem::take(&mut feed.entries)
            .into_iter()
            .map(Arc::new)
            .collect();
        FeedSlot {
            meta: Arc::new(feed),
            entries,
            freshness,
        }
    }
}

/// A failure shown to the reader in the alert region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub message: UserMessage,
    /// The address that failed (for Try again); `None` for the built-in feed.
    pub source: Option<String>,
    /// Feeds a web page offered, for the reader to pick from.
    pub choices: Vec<Alternate>,
}

/// Where a feed on screen came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Freshness {
    /// When it was fetched (Unix seconds).
    pub fetched_at: i64,
    pub via: Via,
    /// Shown from the offline copy, not (yet) from the network.
    pub from_cache: bool,
    /// Why the last refresh failed, while the older copy stays on screen.
    pub refresh_failed: Option<String>,
}

/// How a state change is recorded in the browser history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// A new history entry: Back returns to what was on screen.
    Push,
    /// Rewrite the current entry (start-up, corrections).
    Replace,
    /// The history already says it (Back/Forward, refreshes).
    None,
}

/// Where the reader was in the list when they opened an article.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnPoint {
    pub entry_key: String,
    pub window_y: f64,
    pub list_y: f64,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub view: RwSignal<View>,
    /// Loaded feeds by address ([`BUILTIN`] for the built-in one).
    pub feeds: RwSignal<HashMap<String, FeedSlot>>,
    /// Addresses being fetched.
    pub loading: RwSignal<HashSet<String>>,
    pub alert: RwSignal<Option<Alert>>,
    /// Things to tell the reader once (a setting that was reset …).
    pub notices: RwSignal<Vec<String>>,
    /// The key of the open entry (see `Entry::key`).
    pub open_entry: RwSignal<Option<String>>,
    /// The page address as last written.
    pub route: RwSignal<Route>,
    pub settings: RwSignal<Settings>,
    pub library: RwSignal<Library>,
    /// False until the library has been read from storage.
    pub library_ready: RwSignal<bool>,
    /// Search, filters and sort of the list.
    pub query: RwSignal<Query>,
    /// The last unsubscribe, for Undo.
    pub undo: RwSignal<Option<Removed>>,
    pub settings_open: RwSignal<bool>,
    pub help_open: RwSignal<bool>,
    /// The subscriptions drawer on narrow screens.
    pub sidebar_open: RwSignal<bool>,
    /// Bumped by every load of an address, so a slow answer to an older request is dropped.
    generations: StoredValue<HashMap<String, u64>>,
    /// When each feed may be refreshed automatically (Unix seconds).
    refresh_at: StoredValue<HashMap<String, i64>>,
    /// Addresses to subscribe to once they have loaded (the "Add a feed" flow).
    subscribe_when_loaded: StoredValue<HashSet<String>>,
    /// Whether the open entry was opened from the list in this page view (so closing it can be
    /// a history Back, which keeps Back and the app's own back control in agreement).
    opened_from_list: StoredValue<bool>,
    /// The entry to focus and the scroll offsets to restore when the list comes back.
    pub return_point: StoredValue<Option<ReturnPoint>>,
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    pub fn new(route: Route) -> Self {
        let (settings, notice) = settings::load();
        AppState {
            view: RwSignal::new(View::from_route(&route, false)),
            feeds: RwSignal::new(HashMap::new()),
            loading: RwSignal::new(HashSet::new()),
            alert: RwSignal::new(None),
            notices: RwSignal::new(notice.into_iter().collect()),
            open_entry: RwSignal::new(route.entry.clone()),
            route: RwSignal::new(route),
            settings: RwSignal::new(settings),
            library: RwSignal::new(Library::default()),
            library_ready: RwSignal::new(false),
            query: RwSignal::new(Query::default()),
            undo: RwSignal::new(None),
            settings_open: RwSignal::new(false),
            help_open: RwSignal::new(false),
            sidebar_open: RwSignal::new(false),
            generations: StoredValue::new(HashMap::new()),
            refresh_at: StoredValue::new(HashMap::new()),
            subscribe_when_loaded: StoredValue::new(HashSet::new()),
            opened_from_list: StoredValue::new(false),
            return_point: StoredValue::new(None),
        }
    }

    /// Start-up: read the library, then show what the page address asks for. When that can
    /// only be the built-in feed, it loads at once, alongside the library.
    pub fn start(&self) {
        let state = *self;
        let route = self.route.get_untracked();
        // A view that does not depend on the library (one feed, or the built-in feed when no
        // subscription is likely) starts loading at once, while the library is read.
        let early = View::from_route(&route, browser::subscribed_hint());
        let started = match &early {
            View::Builtin => {
                self.load_builtin();
                true
            }
            View::Feed(url) => {
                self.load(url.clone(), false);
                true
            }
            View::All | View::Starred => false,
        };
        leptos::task::spawn_local(async move {
            state.load_library().await;
            let has_subscriptions = state
                .library
                .with_untracked(|l| !l.subscriptions.is_empty());
            let view = View::from_route(&route, has_subscriptions);
            if started && view == early {
                // Already loading; unless that load has moved on (a web page's address that
                // led to its feed), the address bar is brought in line.
                if state.view.with_untracked(|v| *v == early) {
                    state.switch_view(view, Nav::Replace);
                }
            } else {
                state.show_view(view, Nav::Replace);
            }
        });
    }

    /// The feed of the current single-feed view, if loaded.
    pub fn current_slot(&self) -> Option<FeedSlot> {
        let view = self.view.get();
        let key = view.feed_key()?;
        self.feeds.with(|f| f.get(key).cloned())
    }

    /// Whether the current view is still fetching its first content.
    pub fn view_loading(&self) -> bool {
        match self.view.get() {
            View::Builtin => self.loading.with(|l| l.contains(BUILTIN)),
            View::Feed(url) => self.loading.with(|l| l.contains(&url)),
            View::All => !self.loading.with(HashSet::is_empty),
            View::Starred => false,
        }
    }

    /// Switches the list to another view and loads what it needs.
    pub fn show_view(&self, view: View, nav: Nav) {
        self.switch_view(view.clone(), nav);
        match view {
            View::Builtin => self.load_builtin(),
            View::Feed(url) => self.load(url, false),
            View::All => self.load_all(),
            View::Starred => {}
        }
    }

    /// Switches the list to another view whose content is already loaded (the address bar
    /// follows).
    pub(super) fn switch_view(&self, view: View, nav: Nav) {
        let route = self.route.get_untracked();
        let has_subscriptions = self.library.with_untracked(|l| !l.subscriptions.is_empty());
        // An address that already says this view keeps everything it says (the open entry).
        let route = if View::from_route(&route, has_subscriptions) == view {
            route
        } else {
            match &view {
                View::Builtin => route.with_feed(None),
                View::Feed(url) => route.with_feed(Some(url)),
                View::All => route.with_view(Some("all")),
                View::Starred => route.with_view(Some("starred")),
            }
        };
        if route.entry.is_none() {
            self.open_entry.set(None);
        }
        self.set_route(route, nav);
        self.sidebar_open.set(false);
        if self.view.with_untracked(|v| *v != view) {
            self.view.set(view);
        }
    }

    /// Opens an entry from the list, remembering where the reader was; marks it read.
    pub fn open(&self, item: &Item, return_point: ReturnPoint) {
        self.return_point.set_value(Some(return_point));
        self.opened_from_list.set_value(true);
        let key = item.entry.key().to_string();
        let route = self.route.get_untracked().with_entry(Some(&key));
        self.set_route(route, Nav::Push);
        self.open_entry.set(Some(key));
        self.mark_read(item, true);
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
        let old = self.route.get_untracked();
        if route.entry.is_none() {
            self.opened_from_list.set_value(false);
        }
        self.open_entry.set(route.entry.clone());
        let view_changed = route.feed != old.feed || route.view != old.view;
        self.route.set(route.clone());
        if view_changed {
            let has_subscriptions = self.library.with_untracked(|l| !l.subscriptions.is_empty());
            self.show_view(View::from_route(&route, has_subscriptions), Nav::None);
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

    pub fn dismiss_alert(&self) {
        self.alert.set(None);
    }

    pub fn notify(&self, text: impl Into<String>) {
        let text = text.into();
        self.notices.update(|n| {
            if !n.contains(&text) {
                n.push(text);
            }
        });
    }
}
