//! Loading and refreshing feeds: the offline copy first, then the network; failures keep what
//! is on screen. Bodies fetched later (posts read through a Forem API) join the feed on screen
//! and its offline copy.

use leptos::prelude::*;

use super::{Alert, AppState, FeedSlot, Freshness, Nav, View, BUILTIN, DEFAULT_FEED_PATH};
use crate::browser;
use crate::forem;
use crate::load::{self, Loaded};
use crate::messages::{self, LoadError};
use crate::model::{Content, Entry};
use crate::net::fetch::Limits;
use crate::net::{check_proxy_template, Via};
use crate::parse::{parse_feed, parse_feed_str, ParseOptions};
use crate::storage::CachedFeed;

/// How many subscriptions are fetched at once when refreshing them all.
const PARALLEL_FETCHES: usize = 3;

impl AppState {
    /// The proxy the page address asks for, for this view only, when it is usable.
    pub fn view_proxy(&self) -> Option<String> {
        self.route
            .with_untracked(|r| r.proxy.clone())
            .filter(|p| check_proxy_template(p).is_ok())
    }

    fn proxies(&self) -> Vec<String> {
        let saved = self.settings.with_untracked(|s| s.proxies.clone());
        self.view_proxy().into_iter().chain(saved).collect()
    }

    fn limits(&self) -> Limits {
        self.settings.with_untracked(|s| Limits {
            timeout_secs: s.timeout_secs,
            max_bytes: s.max_bytes,
        })
    }

    /// Starts a load of `key`; the returned check says whether it is still the latest one.
    fn begin(&self, key: &str) -> impl Fn(&AppState) -> bool + 'static {
        let mut generation = 0;
        self.generations.update_value(|g| {
            let n = g.entry(key.to_string()).or_insert(0);
            *n += 1;
            generation = *n;
        });
        self.loading.update(|l| {
            l.insert(key.to_string());
        });
        let key = key.to_string();
        move |s: &AppState| {
            s.generations
                .with_value(|g| g.get(&key) == Some(&generation))
        }
    }

    fn finish(&self, key: &str) {
        self.loading.update(|l| {
            l.remove(key);
        });
    }

    /// Loads the feed the reader typed into the Feed URL field and shows it.
    pub fn open_address(&self, address: String, subscribe: bool) {
        let address = crate::net::ascii_address(&address);
        if !crate::present::is_http_url(&address) || url::Url::parse(&address).is_err() {
            self.fail(LoadError::InvalidUrl, Some(address), false);
            return;
        }
        if subscribe {
            self.subscribe_when_loaded.update_value(|s| {
                s.insert(address.clone());
            });
        }
        self.load(address, true);
    }

    /// Loads the built-in feed: from the page itself when it carries it (the single-file
    /// build, opened from file://), else from the file beside the app.
    pub fn load_builtin(&self) {
        let current = self.begin(BUILTIN);
        let (state, limits) = (*self, self.limits());
        leptos::task::spawn_local(async move {
            let result = match browser::data_block(browser::BUILTIN_FEED_BLOCK) {
                Some(text) => {
                    parse_feed_str(&text, &ParseOptions::default()).map_err(LoadError::from)
                }
                None => match browser::early_builtin_feed().await {
                    Some(bytes) => {
                        parse_feed(&bytes, &ParseOptions::default()).map_err(LoadError::from)
                    }
                    None => load::fetch_builtin(DEFAULT_FEED_PATH, limits).await,
                },
            };
            if !current(&state) {
                return;
            }
            state.finish(BUILTIN);
            match result {
                Ok(feed) => {
                    state.feeds.update(|f| {
                        f.insert(BUILTIN.to_string(), FeedSlot::new(feed, None));
                    });
                    state.alert.set(None);
                }
                Err(err) => state.fail(err, None, false),
            }
        });
    }

    /// Loads the feed at `address`: the offline copy at once when there is one and the feed is
    /// not on screen yet, then the network. `switch` makes the view follow the feed (a typed
    /// address, or a web page that led to a feed).
    pub fn load(&self, address: String, switch: bool) {
        self.fetch(address, switch, false);
    }

    /// Fetches `address` again in the background: failures only mark the copy as stale.
    pub fn refresh_feed(&self, address: String) {
        self.fetch(address, false, true);
    }

    fn fetch(&self, address: String, switch: bool, background: bool) {
        let current = self.begin(&address);
        let (state, proxies, limits) = (*self, self.proxies(), self.limits());
        leptos::task::spawn_local(async move {
            let network = load::fetch_feed(&address, &proxies, limits);
            let result = if state.feeds.with_untracked(|f| f.contains_key(&address)) {
                network.await
            } else {
                // The offline copy shows while the network is asked, not before it is asked.
                // (It is shown before the answer is: `join` finishes both before going on.)
                let cache = async {
                    if let Some(cached) = load::load_cached(&address).await {
                        if current(&state) {
                            state.put_cached(cached);
                        }
                    }
                };
                futures::future::join(cache, network).await.1
            };
            if !current(&state) {
                return; // a newer load of this address started; this answer is stale
            }
            state.finish(&address);
            match result {
                Ok(loaded) => state.put_loaded(loaded, &address, switch).await,
                Err(err) => state.fail(err, Some(address), background),
            }
        });
    }

    /// Loads every subscription: offline copies first, then the network, a few at a time.
    pub fn load_all(&self) {
        let urls: Vec<String> = self
            .library
            .with_untracked(|l| l.subscriptions.iter().map(|s| s.url.clone()).collect());
        let state = *self;
        leptos::task::spawn_local(async move {
            for url in &urls {
                if !state.feeds.with_untracked(|f| f.contains_key(url)) {
                    if let Some(cached) = load::load_cached(url).await {
                        state.put_cached(cached);
                    }
                }
            }
            state.refresh_many(urls, false).await;
        });
    }

    /// Refreshes the given feeds, a few at a time.
    async fn refresh_many(&self, urls: Vec<String>, only_due: bool) {
        let now = browser::now_unix();
        let due: Vec<String> = urls
            .into_iter()
            .filter(|u| {
                !only_due
                    || self
                        .refresh_at
                        .with_value(|r| r.get(u).is_none_or(|t| now >= *t))
            })
            .collect();
        for batch in due.chunks(PARALLEL_FETCHES) {
            let (proxies, limits) = (self.proxies(), self.limits());
            let fetches = batch.iter().map(|url| {
                let current = self.begin(url);
                let proxies = proxies.clone();
                async move {
                    (
                        url.clone(),
                        current,
                        load::fetch_feed(url, &proxies, limits).await,
                    )
                }
            });
            for (url, current, result) in futures::future::join_all(fetches).await {
                if !current(self) {
                    continue;
                }
                self.finish(&url);
                match result {
                    Ok(loaded) => self.put_loaded(loaded, &url, false).await,
                    Err(err) => self.mark_stale(&url, &messages::describe(&err, &url).title),
                }
            }
        }
    }

    /// Refreshes what the list shows: one feed, or every subscription.
    pub fn refresh(&self) {
        match self.view.get_untracked() {
            View::Builtin => self.load_builtin(),
            View::Feed(url) => self.fetch(url, false, false),
            View::All | View::Starred => self.load_all(),
        }
    }

    /// Loads the feed the alert is about again.
    pub fn retry(&self) {
        match self.alert.get_untracked().and_then(|a| a.source) {
            Some(address) => self.load(address, true),
            None => self.refresh(),
        }
    }

    /// Refreshes feeds whose time has come, while the page is on screen.
    pub fn refresh_if_due(&self) {
        if !browser::page_visible() || !self.loading.with_untracked(|l| l.is_empty()) {
            return;
        }
        let mut urls: Vec<String> = self
            .library
            .with_untracked(|l| l.subscriptions.iter().map(|s| s.url.clone()).collect());
        if let View::Feed(url) = self.view.get_untracked() {
            if !urls.contains(&url) {
                urls.push(url);
            }
        }
        let state = *self;
        leptos::task::spawn_local(async move { state.refresh_many(urls, true).await });
    }

    fn put_cached(&self, cached: CachedFeed) {
        self.refresh_at.update_value(|r| {
            r.insert(cached.address.clone(), cached.refresh_at);
        });
        let freshness = Freshness {
            fetched_at: cached.fetched_at,
            via: cached.via,
            from_cache: true,
            refresh_failed: None,
        };
        let address = cached.address;
        self.feeds.update(|f| {
            f.insert(address, FeedSlot::new(cached.feed, Some(freshness)));
        });
    }

    async fn put_loaded(&self, loaded: Loaded, asked: &str, switch: bool) {
        let Loaded {
            mut feed,
            address,
            via,
            max_age,
        } = loaded;
        if via == Via::ForemApi {
            // The API's list has no bodies: keep those already fetched for unedited posts.
            self.feeds.with_untracked(|f| {
                if let Some(slot) = f.get(&address) {
                    forem::carry_bodies(&mut feed, slot.entries.iter().map(|e| e.as_ref()));
                }
            });
        }
        let now = browser::now_unix();
        let refresh_at = load::refresh_at(now, &feed, max_age);
        load::remember_route(&address, &via);
        let kept_via = via.clone();
        self.note_feed(&address, &feed);
        if self.subscribe_when_loaded.with_value(|s| s.contains(asked)) {
            self.subscribe_when_loaded.update_value(|s| {
                s.remove(asked);
            });
            self.subscribe(address.clone(), &feed);
        }
        self.refresh_at.update_value(|r| {
            r.insert(address.clone(), refresh_at);
        });
        let freshness = Freshness {
            fetched_at: now,
            via,
            from_cache: false,
            refresh_failed: None,
        };
        self.feeds.update(|f| {
            f.insert(address.clone(), FeedSlot::new(feed, Some(freshness)));
        });
        let viewing_it = self.view.with_untracked(|v| v.feed_key() == Some(asked));
        if viewing_it {
            self.alert.set(None);
        }
        // A web page led to its feed (or the reader typed an address): show that feed, and
        // name it in the address bar.
        if (switch || viewing_it) && self.view.with_untracked(|v| v.feed_key() != Some(&address)) {
            // Only the view changes: the feed has just been loaded. A typed address is a new
            // place (Back returns); a page that led to its feed is the same place, corrected.
            let nav = if viewing_it { Nav::Replace } else { Nav::Push };
            self.switch_view(View::Feed(address.clone()), nav);
        }
        browser::after_paint().await;
        let encoded = self.feeds.with_untracked(|f| {
            f.get(&address).map(|slot| {
                // Stored once the list is on screen: encoding and storing a large feed takes
                // longer than drawing its first rows (`make bench`, the 5 MB feed), and the
                // copy is only a cache. Encoded from the entries the list shares, not a clone.
                load::encode_cached(
                    &address,
                    now,
                    &kept_via,
                    refresh_at,
                    &slot.meta,
                    &slot.entries,
                )
            })
        });
        let Some(encoded) = encoded else {
            return; // replaced or dropped meanwhile: nothing of this answer to keep
        };
        if let Err(e) = load::save_cached(&address, &encoded).await {
            self.notify(format!(
                "The offline copy of {} was not saved: {e}.",
                messages::host_of(&address)
            ));
        }
    }

    /// The body already fetched for the entry with `api_id` in the feed at `feed`, if any.
    pub fn known_body(&self, feed: &str, api_id: &str) -> Option<Content> {
        self.feeds.with_untracked(|f| {
            f.get(feed)?
                .entries
                .iter()
                .find(|e| e.api_id.as_deref() == Some(api_id))?
                .content
                .clone()
        })
    }

    /// Fetches the body of an entry read through a Forem API (the list has none).
    pub async fn fetch_forem_body(&self, feed: &str, api_id: &str) -> Result<Content, LoadError> {
        load::fetch_forem_body(feed, api_id, self.limits()).await
    }

    /// Puts a fetched body into the feed on screen (a new entry in place of the old one, so
    /// views showing it follow) and, in the background, into its offline copy.
    pub fn put_forem_body(&self, feed: &str, api_id: &str, content: Content) {
        self.feeds.maybe_update(|f| {
            let Some(slot) = f.get_mut(feed) else {
                return false;
            };
            let Some(i) = slot
                .entries
                .iter()
                .position(|e| e.api_id.as_deref() == Some(api_id))
            else {
                return false;
            };
            let mut entries = slot.entries.to_vec();
            entries[i] = std::sync::Arc::new(Entry {
                content: Some(content.clone()),
                ..(*entries[i]).clone()
            });
            slot.entries = entries.into();
            true
        });
        let (state, feed, api_id) = (*self, feed.to_string(), api_id.to_string());
        leptos::task::spawn_local(async move {
            if let Err(e) = load::save_body(&feed, &api_id, content).await {
                state.notify(messages::body_not_saved_notice(
                    &messages::host_of(&feed),
                    &e.to_string(),
                ));
            }
        });
    }

    fn mark_stale(&self, address: &str, why: &str) {
        self.feeds.update(|f| {
            if let Some(slot) = f.get_mut(address) {
                if let Some(fresh) = &mut slot.freshness {
                    fresh.refresh_failed = Some(why.to_string());
                }
            }
        });
    }

    /// Shows a failure. A feed already on screen stays, marked as not refreshed; a failure in
    /// the background says nothing more.
    pub(super) fn fail(&self, error: LoadError, address: Option<String>, background: bool) {
        let shown = address.as_deref().unwrap_or(DEFAULT_FEED_PATH);
        let message = messages::describe(&error, shown);
        if let Some(a) = &address {
            self.mark_stale(a, &message.title);
            self.subscribe_when_loaded.update_value(|s| {
                s.remove(a);
            });
        }
        if background {
            return;
        }
        let choices = match error {
            LoadError::SeveralFeeds(found) => found,
            _ => Vec::new(),
        };
        self.alert.set(Some(Alert {
            message,
            source: address,
            choices,
        }));
    }
}
