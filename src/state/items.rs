//! What the list shows: the current view's entries, searched, filtered and sorted.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::{AppState, View, BUILTIN};
use crate::model::Entry;
use crate::query::{self, Query};

/// One entry in the list, with the feed it belongs to.
#[derive(Debug, Clone)]
pub struct Item {
    /// The feed's key: its address, or [`BUILTIN`].
    pub feed: Arc<str>,
    /// The feed's title, for views across feeds.
    pub feed_title: Option<Arc<str>>,
    pub entry: Arc<Entry>,
}

/// The same entry object from the same feed (comparing whole entries would cost far more).
impl PartialEq for Item {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.entry, &other.entry) && self.feed == other.feed
    }
}

impl AppState {
    /// The current view's entries before search and filters, in feed order.
    pub fn view_items(&self) -> Vec<Item> {
        let view = self.view.get();
        self.feeds.with(|feeds| {
            let from = |key: &str| -> Vec<Item> {
                let Some(slot) = feeds.get(key) else {
                    return Vec::new();
                };
                let feed: Arc<str> = Arc::from(key);
                let title: Option<Arc<str>> = slot.meta.title.as_deref().map(Arc::from);
                slot.entries
                    .iter()
                    .map(|e| Item {
                        feed: Arc::clone(&feed),
                        feed_title: title.clone(),
                        entry: Arc::clone(e),
                    })
                    .collect()
            };
            match &view {
                View::Builtin => from(BUILTIN),
                View::Feed(url) => from(url),
                View::All => self
                    .library
                    .with(|l| l.subscriptions.iter().flat_map(|s| from(&s.url)).collect()),
                View::Starred => self.library.with(|l| {
                    l.starred()
                        .map(|(feed, entry)| Item {
                            feed: Arc::from(feed),
                            feed_title: l.subscription(feed).map(|s| Arc::from(s.display_name())),
                            entry: Arc::new(entry.clone()),
                        })
                        .collect()
                }),
            }
        })
    }

    /// The list as shown: the view's entries, searched, filtered and sorted (see `query`).
    pub fn visible_items(&self, search_cache: StoredValue<HashMap<usize, Arc<str>>>) -> Vec<Item> {
        let items = self.view_items();
        let q: Query = self.query.get();
        // Each entry's search text is built once while the entry is loaded, and only when
        // there is something to search for.
        let searching = !q.text.trim().is_empty();
        let empty: Arc<str> = Arc::from("");
        let mut cache = if searching {
            search_cache.get_value()
        } else {
            HashMap::new()
        };
        let rows: Vec<Row> = items
            .into_iter()
            .map(|item| {
                let text = if searching {
                    let ptr = Arc::as_ptr(&item.entry) as usize;
                    cache
                        .entry(ptr)
                        .or_insert_with(|| Arc::from(query::search_text(&item.entry)))
                        .clone()
                } else {
                    empty.clone()
                };
                Row { item, text }
            })
            .collect();
        if searching {
            // Keep only what is still loaded.
            let live: std::collections::HashSet<usize> = rows
                .iter()
                .map(|r| Arc::as_ptr(&r.item.entry) as usize)
                .collect();
            cache.retain(|k, _| live.contains(k));
            search_cache.set_value(cache);
        }
        let kept = if q.unread_only || q.starred_only {
            self.library.with(|l| query::filter_and_sort(rows, &q, l))
        } else {
            query::filter_and_sort(rows, &q, &crate::library::Library::default())
        };
        kept.into_iter().map(|r| r.item).collect()
    }

    /// How many entries of the feed at `url` are unread.
    pub fn unread_count(&self, url: &str) -> usize {
        self.feeds.with(|feeds| {
            feeds.get(url).map_or(0, |slot| {
                self.library
                    .with(|l| slot.entries.iter().filter(|e| !l.is_read(url, e)).count())
            })
        })
    }

    /// The item for the open entry, looked up in the current view, then in every loaded feed.
    pub fn open_item(&self) -> Option<Item> {
        let key = self.open_entry.get()?;
        let matches = |e: &Entry| {
            e.key() == key || e.id.as_deref() == Some(&key) || e.link.as_deref() == Some(&key)
        };
        let in_view = self.view_items().into_iter().find(|i| matches(&i.entry));
        in_view.or_else(|| {
            self.feeds.with(|feeds| {
                feeds.iter().find_map(|(k, slot)| {
                    slot.entries.iter().find(|e| matches(e)).map(|e| Item {
                        feed: Arc::from(k.as_str()),
                        feed_title: slot.meta.title.as_deref().map(Arc::from),
                        entry: Arc::clone(e),
                    })
                })
            })
        })
    }
}

/// A list row as the query module sees it.
struct Row {
    item: Item,
    text: Arc<str>,
}

impl query::Listed for Row {
    fn feed_url(&self) -> &str {
        &self.item.feed
    }

    fn entry(&self) -> &Entry {
        &self.item.entry
    }

    fn search_text(&self) -> &str {
        &self.text
    }
}
