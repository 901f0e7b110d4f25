//! The reader's library: subscriptions in folders, and what they have read and starred.
//!
//! Plain data with plain methods (`library.mark_read(…)`), tested natively; the app keeps one
//! `Library` in a signal and saves it through `storage`. Two entries are the same entry when
//! their ids match, or their links match, or their title-and-date fingerprints match (any one
//! suffices), so a feed that changes its guids does not bring back what was read.
//! Owns: subscriptions, folders, read and star marks. Must not touch: the DOM, storage, the
//! network.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::date::Timestamp;
use crate::model::Entry;

/// A feed the reader follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// The feed's address: its identity in the library.
    pub url: String,
    /// The reader's own name for it, if they renamed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The feed's own title, as last fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The site the feed belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The folder it is filed in (`None`: top level). Folders are just names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
}

impl Subscription {
    pub fn new(url: impl Into<String>) -> Self {
        Subscription {
            url: url.into(),
            name: None,
            title: None,
            site: None,
            folder: None,
        }
    }

    /// What to call it: the reader's name, else the feed's title, else its host.
    pub fn display_name(&self) -> String {
        self.name
            .clone()
            .or_else(|| self.title.clone())
            .unwrap_or_else(|| crate::messages::host_of(&self.url))
    }
}

/// The ways one entry can be recognised, scoped to its feed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntryIdentity {
    pub feed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// A fingerprint of the title and the date, for feeds whose ids and links both change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

impl EntryIdentity {
    pub fn of(feed: &str, entry: &Entry) -> Self {
        let fingerprint = match (entry.title.as_deref(), entry.date()) {
            (Some(t), Some(d)) => Some(format!("{:016x}", fnv1a(t.trim(), d))),
            _ => None,
        };
        EntryIdentity {
            feed: feed.to_string(),
            id: entry.id.clone(),
            link: entry.link.clone(),
            fingerprint,
        }
    }

    /// The lookup keys: one per way of recognising the entry.
    fn keys(&self) -> impl Iterator<Item = String> + '_ {
        [("i", &self.id), ("l", &self.link), ("f", &self.fingerprint)]
            .into_iter()
            .filter_map(move |(kind, v)| {
                v.as_ref()
                    .map(|v| format!("{kind}\u{1f}{}\u{1f}{v}", self.feed))
            })
    }
}

/// FNV-1a over the title and the date: stable across versions and platforms (unlike std's
/// hasher), which matters because fingerprints are stored.
fn fnv1a(title: &str, date: Timestamp) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in title.bytes().chain(date.unix().to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// What the reader did with one entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub entry: EntryIdentity,
    pub read: bool,
    pub starred: bool,
    /// Enough of a starred entry to list it after its feed has dropped it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<Box<Entry>>,
}

/// Subscriptions and marks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub subscriptions: Vec<Subscription>,
    /// Folder names in the reader's order (a folder may be empty).
    #[serde(default)]
    pub folders: Vec<String>,
    #[serde(default)]
    pub marks: Vec<Mark>,
    /// Lookup from every identity key to its mark's index (rebuilt, never stored).
    #[serde(skip)]
    index: HashMap<String, usize>,
}

impl Library {
    /// Rebuilds the lookup table after the marks were replaced (for example after loading).
    pub fn reindex(&mut self) {
        self.index.clear();
        for (i, mark) in self.marks.iter().enumerate() {
            for key in mark.entry.keys() {
                self.index.entry(key).or_insert(i);
            }
        }
    }

    fn find(&self, identity: &EntryIdentity) -> Option<usize> {
        identity.keys().find_map(|k| self.index.get(&k).copied())
    }

    fn mark_mut(&mut self, identity: EntryIdentity) -> &mut Mark {
        let i = match self.find(&identity) {
            Some(i) => i,
            None => {
                self.marks.push(Mark {
                    entry: identity,
                    read: false,
                    starred: false,
                    saved: None,
                });
                let i = self.marks.len() - 1;
                for key in self.marks[i].entry.keys() {
                    self.index.entry(key).or_insert(i);
                }
                i
            }
        };
        &mut self.marks[i]
    }

    pub fn is_read(&self, feed: &str, entry: &Entry) -> bool {
        self.find(&EntryIdentity::of(feed, entry))
            .is_some_and(|i| self.marks[i].read)
    }

    pub fn is_starred(&self, feed: &str, entry: &Entry) -> bool {
        self.find(&EntryIdentity::of(feed, entry))
            .is_some_and(|i| self.marks[i].starred)
    }

    pub fn set_read(&mut self, feed: &str, entry: &Entry, read: bool) {
        self.mark_mut(EntryIdentity::of(feed, entry)).read = read;
    }

    pub fn toggle_read(&mut self, feed: &str, entry: &Entry) {
        let read = self.is_read(feed, entry);
        self.set_read(feed, entry, !read);
    }

    pub fn set_starred(&mut self, feed: &str, entry: &Entry, starred: bool) {
        let mark = self.mark_mut(EntryIdentity::of(feed, entry));
        mark.starred = starred;
        mark.saved = starred.then(|| Box::new(slim(entry)));
    }

    pub fn toggle_starred(&mut self, feed: &str, entry: &Entry) {
        let starred = self.is_starred(feed, entry);
        self.set_starred(feed, entry, !starred);
    }

    /// Marks every given entry of `feed` read.
    pub fn mark_all_read<'a>(&mut self, feed: &str, entries: impl IntoIterator<Item = &'a Entry>) {
        for entry in entries {
            self.set_read(feed, entry, true);
        }
    }

    /// How many of `entries` are unread.
    pub fn unread_count<'a>(
        &self,
        feed: &str,
        entries: impl IntoIterator<Item = &'a Entry>,
    ) -> usize {
        entries
            .into_iter()
            .filter(|e| !self.is_read(feed, e))
            .count()
    }

    /// Starred entries with their feeds, as saved when they were starred.
    pub fn starred(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.marks
            .iter()
            .filter(|m| m.starred)
            .filter_map(|m| m.saved.as_deref().map(|e| (m.entry.feed.as_str(), e)))
    }

    pub fn subscription(&self, url: &str) -> Option<&Subscription> {
        self.subscriptions.iter().find(|s| s.url == url)
    }

    pub fn is_subscribed(&self, url: &str) -> bool {
        self.subscription(url).is_some()
    }

    /// Adds a subscription; `false` when the address is already followed.
    pub fn subscribe(&mut self, sub: Subscription) -> bool {
        if self.is_subscribed(&sub.url) {
            return false;
        }
        if let Some(folder) = &sub.folder {
            self.ensure_folder(folder);
        }
        self.subscriptions.push(sub);
        true
    }

    /// Removes a subscription and returns it with its position (for undo) and the marks of its
    /// entries, which go with it.
    pub fn unsubscribe(&mut self, url: &str) -> Option<Removed> {
        let position = self.subscriptions.iter().position(|s| s.url == url)?;
        let subscription = self.subscriptions.remove(position);
        let (gone, kept): (Vec<Mark>, Vec<Mark>) = std::mem::take(&mut self.marks)
            .into_iter()
            .partition(|m| m.entry.feed == url);
        self.marks = kept;
        self.reindex();
        Some(Removed {
            subscription,
            position,
            marks: gone,
        })
    }

    /// Puts back what [`Library::unsubscribe`] removed.
    pub fn undo_unsubscribe(&mut self, removed: Removed) {
        if self.is_subscribed(&removed.subscription.url) {
            return;
        }
        let at = removed.position.min(self.subscriptions.len());
        self.subscriptions.insert(at, removed.subscription);
        self.marks.extend(removed.marks);
        self.reindex();
    }

    pub fn rename(&mut self, url: &str, name: Option<String>) {
        if let Some(s) = self.subscriptions.iter_mut().find(|s| s.url == url) {
            s.name = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        }
    }

    pub fn move_to_folder(&mut self, url: &str, folder: Option<String>) {
        let folder = folder
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty());
        if let Some(f) = &folder {
            self.ensure_folder(f);
        }
        if let Some(s) = self.subscriptions.iter_mut().find(|s| s.url == url) {
            s.folder = folder;
        }
    }

    fn ensure_folder(&mut self, folder: &str) {
        if !self.folders.iter().any(|f| f == folder) {
            self.folders.push(folder.to_string());
        }
    }

    /// Records what a fetch learned about a subscribed feed (its title and site). What the
    /// feed does not say keeps its earlier value (an imported title, say).
    pub fn note_feed(&mut self, url: &str, title: Option<&str>, site: Option<&str>) -> bool {
        let Some(s) = self.subscriptions.iter_mut().find(|s| s.url == url) else {
            return false;
        };
        let title = title.map(str::to_string).or_else(|| s.title.clone());
        let site = site.map(str::to_string).or_else(|| s.site.clone());
        let changed = s.title != title || s.site != site;
        s.title = title;
        s.site = site;
        changed
    }
}

/// What unsubscribing removed, kept for undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub subscription: Subscription,
    pub position: usize,
    pub marks: Vec<Mark>,
}

/// A starred entry as saved: everything but its (possibly large) summary when a full content
/// exists.
fn slim(entry: &Entry) -> Entry {
    let mut e = entry.clone();
    if e.content.is_some() {
        e.summary = None;
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = "https://blog.example/feed";

    fn entry(id: &str, link: &str, title: &str, day: u32) -> Entry {
        Entry {
            id: Some(id.into()),
            link: Some(link.into()),
            title: Some(title.into()),
            published: Timestamp::from_utc_fields(2026, 11, day, 9, 0, 0),
            ..Entry::default()
        }
    }

    #[test]
    fn an_entry_is_recognised_by_id_link_or_title_and_date() {
        let mut lib = Library::default();
        let original = entry("guid-1", "https://blog.example/a", "Hello", 3);
        lib.set_read(FEED, &original, true);
        // The publisher changed the guid (a CMS migration): the link still matches.
        assert!(lib.is_read(
            FEED,
            &entry("guid-NEW", "https://blog.example/a", "Hello", 3)
        ));
        // …and the link too (a domain move): the title and date still match.
        assert!(lib.is_read(
            FEED,
            &entry("guid-NEW", "https://new.example/a", "Hello", 3)
        ));
        // A different entry matches on nothing.
        assert!(!lib.is_read(FEED, &entry("guid-2", "https://blog.example/b", "Hello", 4)));
        // The same ids in another feed are another entry.
        assert!(!lib.is_read("https://other.example/feed", &original));
    }

    #[test]
    fn read_and_star_toggle_and_survive_a_round_trip() {
        let mut lib = Library::default();
        let e = entry("1", "https://blog.example/1", "One", 1);
        lib.toggle_read(FEED, &e);
        lib.toggle_starred(FEED, &e);
        let mut back: Library =
            serde_json::from_str(&serde_json::to_string(&lib).unwrap()).unwrap();
        back.reindex();
        assert!(back.is_read(FEED, &e) && back.is_starred(FEED, &e));
        assert_eq!(back.starred().count(), 1);
        back.toggle_read(FEED, &e);
        assert!(!back.is_read(FEED, &e));
    }

    #[test]
    fn unread_counts_and_mark_all_read() {
        let mut lib = Library::default();
        let entries: Vec<Entry> = (1..=4)
            .map(|d| entry(&d.to_string(), &format!("https://b.example/{d}"), "T", d))
            .collect();
        lib.set_read(FEED, &entries[0], true);
        assert_eq!(lib.unread_count(FEED, &entries), 3);
        lib.mark_all_read(FEED, &entries);
        assert_eq!(lib.unread_count(FEED, &entries), 0);
    }

    #[test]
    fn unsubscribe_can_be_undone_with_its_marks() {
        let mut lib = Library::default();
        assert!(lib.subscribe(Subscription::new("https://a.example/feed")));
        assert!(lib.subscribe(Subscription {
            folder: Some("Tech".into()),
            ..Subscription::new(FEED)
        }));
        assert!(!lib.subscribe(Subscription::new(FEED)), "no duplicates");
        assert_eq!(lib.folders, ["Tech"]);
        let e = entry("1", "https://blog.example/1", "One", 1);
        lib.set_read(FEED, &e, true);
        let removed = lib.unsubscribe(FEED).unwrap();
        assert!(!lib.is_read(FEED, &e));
        lib.undo_unsubscribe(removed);
        assert_eq!(lib.subscriptions[1].url, FEED);
        assert!(lib.is_read(FEED, &e));
    }

    #[test]
    fn renaming_and_display_names() {
        let mut lib = Library::default();
        lib.subscribe(Subscription::new(FEED));
        assert_eq!(lib.subscriptions[0].display_name(), "blog.example");
        lib.note_feed(FEED, Some("The Blog"), None);
        assert_eq!(lib.subscriptions[0].display_name(), "The Blog");
        lib.rename(FEED, Some("  Mine ".into()));
        assert_eq!(lib.subscriptions[0].display_name(), "Mine");
        lib.rename(FEED, Some(" ".into()));
        assert_eq!(lib.subscriptions[0].display_name(), "The Blog");
    }
}
