//! The library in the app: subscriptions and marks, kept in IndexedDB and in step across tabs.
//!
//! Every change is a function applied twice: at once to the signal (the screen never waits),
//! and to the stored library inside one IndexedDB transaction, whose result then replaces the
//! signal. So a change made in another tab meanwhile is kept, not overwritten; a
//! BroadcastChannel message tells the other tabs to read the library again.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::BroadcastChannel;

use super::{AppState, Item, Nav, View};
use crate::library::{Library, Subscription};
use crate::messages;
use crate::model::Feed;
use crate::storage::idb::{self, DbError};
use crate::storage::{decode_library, encode_library, StorageError, LIBRARY_KEY};

/// The channel tabs of the same reader use to tell each other what changed.
const CHANNEL: &str = "rillet";
const LIBRARY_CHANGED: &str = "library";

thread_local! {
    static BROADCAST: Option<BroadcastChannel> = BroadcastChannel::new(CHANNEL).ok();
}

impl AppState {
    /// Reads the library from storage. An unreadable one is set aside (kept under another
    /// key, so nothing is destroyed) and replaced by an empty library, with a notice.
    pub(super) async fn load_library(&self) {
        let library = match idb::get(idb::LIBRARY, LIBRARY_KEY).await {
            Ok(None) => Library::default(),
            Ok(Some(raw)) => match decode_library(&raw) {
                Ok(library) => library,
                Err(StorageError::Newer(_)) => {
                    self.notify(messages::newer_version_notice());
                    Library::default()
                }
                Err(StorageError::Corrupt(_)) => {
                    let aside = format!("{LIBRARY_KEY}-unreadable-{}", crate::browser::now_unix());
                    let _ = idb::put(idb::LIBRARY, &aside, &raw).await;
                    let _ = idb::delete(idb::LIBRARY, LIBRARY_KEY).await;
                    self.notify(messages::reset_notice("subscriptions and reading marks"));
                    Library::default()
                }
            },
            Err(e) => {
                self.notify(messages::storage_unavailable_notice(&e.to_string()));
                Library::default()
            }
        };
        if !library.subscriptions.is_empty() {
            crate::browser::request_persistent_storage();
        }
        self.library.set(library);
        self.library_ready.set(true);
        self.listen_to_other_tabs();
    }

    fn listen_to_other_tabs(&self) {
        let state = *self;
        BROADCAST.with(|channel| {
            let Some(channel) = channel else { return };
            let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |ev: web_sys::MessageEvent| {
                    if ev.data().as_string().as_deref() == Some(LIBRARY_CHANGED) {
                        leptos::task::spawn_local(async move {
                            if let Ok(Some(raw)) = idb::get(idb::LIBRARY, LIBRARY_KEY).await {
                                if let Ok(library) = decode_library(&raw) {
                                    state.library.set(library);
                                }
                            }
                        });
                    }
                },
            );
            channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            on_message.forget(); // lives as long as the page
        });
    }

    /// Changes the library: on screen at once, then in storage (merged with whatever another
    /// tab stored meanwhile), then in the other tabs.
    pub fn change_library(&self, change: impl Fn(&mut Library) + 'static) {
        self.apply_library_change(Rc::new(change));
    }

    /// The body of [`AppState::change_library`], not generic, so the storage round trip is
    /// compiled once rather than once per kind of change.
    fn apply_library_change(&self, change: Rc<dyn Fn(&mut Library)>) {
        self.library.update(|l| change(l));
        let state = *self;
        leptos::task::spawn_local(async move {
            let mut attempt = 0;
            loop {
                let apply = Rc::clone(&change);
                let result = idb::update(idb::LIBRARY, LIBRARY_KEY, move |stored| {
                    let mut library = match stored.as_deref().map(decode_library) {
                        None => Library::default(),
                        Some(Ok(library)) => library,
                        // Never overwrite what this version cannot read.
                        Some(Err(_)) => return None,
                    };
                    apply(&mut library);
                    Some(encode_library(&library))
                })
                .await;
                match result {
                    Ok(Some(raw)) => {
                        if let Ok(library) = decode_library(&raw) {
                            state.library.set(library);
                        }
                        BROADCAST.with(|c| {
                            if let Some(c) = c {
                                let _ = c.post_message(&LIBRARY_CHANGED.into());
                            }
                        });
                        return;
                    }
                    Ok(None) => return,
                    // Storage is full: cached feeds go first (they are only caches), never
                    // subscriptions or marks.
                    Err(DbError::QuotaExceeded) if attempt == 0 => {
                        attempt += 1;
                        crate::load::evict_cached_feeds().await;
                    }
                    Err(e) => {
                        state.notify(messages::not_saved_notice(&e.to_string()));
                        return;
                    }
                }
            }
        });
    }

    pub fn mark_read(&self, item: &Item, read: bool) {
        let already = self
            .library
            .with_untracked(|l| l.is_read(&item.feed, &item.entry));
        if already != read {
            let (feed, entry) = (item.feed.to_string(), Arc::clone(&item.entry));
            self.change_library(move |l| l.set_read(&feed, &entry, read));
        }
    }

    pub fn toggle_read(&self, item: &Item) {
        let read = self
            .library
            .with_untracked(|l| l.is_read(&item.feed, &item.entry));
        self.mark_read(item, !read);
    }

    pub fn toggle_star(&self, item: &Item) {
        let starred = !self
            .library
            .with_untracked(|l| l.is_starred(&item.feed, &item.entry));
        let (feed, entry) = (item.feed.to_string(), Arc::clone(&item.entry));
        self.change_library(move |l| l.set_starred(&feed, &entry, starred));
    }

    /// Marks every entry of the list as it stands read.
    pub fn mark_all_read(&self, items: &[Item]) {
        let marks: Vec<(String, Arc<crate::model::Entry>)> = items
            .iter()
            .map(|i| (i.feed.to_string(), Arc::clone(&i.entry)))
            .collect();
        self.change_library(move |l| {
            for (feed, entry) in &marks {
                l.set_read(feed, entry, true);
            }
        });
    }

    /// Follows a feed. Its title and site are filled in from the copy just loaded.
    pub fn subscribe(&self, url: String, feed: &Feed) {
        let mut sub = Subscription::new(url);
        sub.title = feed.title.clone();
        sub.site = feed.link.clone();
        crate::browser::request_persistent_storage();
        self.change_library(move |l| {
            l.subscribe(sub.clone());
        });
    }

    /// Stops following a feed; Undo brings it back with its marks.
    pub fn unsubscribe(&self, url: String) {
        let removed = self.library.with_untracked(|l| {
            let mut copy = l.clone();
            copy.unsubscribe(&url)
        });
        self.undo.set(removed);
        self.change_library(move |l| {
            l.unsubscribe(&url);
        });
        if self.view.with_untracked(|v| matches!(v, View::Feed(_))) {
            let has_any = self.library.with_untracked(|l| !l.subscriptions.is_empty());
            self.show_view(if has_any { View::All } else { View::Builtin }, Nav::Push);
        }
    }

    pub fn undo_unsubscribe(&self) {
        if let Some(removed) = self.undo.get_untracked() {
            self.undo.set(None);
            self.change_library(move |l| l.undo_unsubscribe(removed.clone()));
        }
    }

    pub fn rename(&self, url: String, name: Option<String>) {
        self.change_library(move |l| l.rename(&url, name.clone()));
    }

    pub fn move_to_folder(&self, url: String, folder: Option<String>) {
        self.change_library(move |l| l.move_to_folder(&url, folder.clone()));
    }

    /// Records a subscribed feed's title and site after a fetch (only when they changed).
    pub(super) fn note_feed(&self, url: &str, feed: &Feed) {
        let (title, site) = (feed.title.clone(), feed.link.clone());
        let changed = self.library.with_untracked(|l| {
            l.subscription(url).is_some_and(|s| {
                (title.is_some() && s.title != title) || (site.is_some() && s.site != site)
            })
        });
        if changed {
            let url = url.to_string();
            self.change_library(move |l| {
                l.note_feed(&url, title.as_deref(), site.as_deref());
            });
        }
    }
}
