//! What the reader keeps between visits, in versioned shapes.
//!
//! Every stored value is an envelope `{"version": N, "data": …}`; reading one migrates older
//! versions forward and refuses newer ones, so a tab running old code never misreads (or
//! overwrites) what newer code wrote. A value that cannot be read is reported, never trusted:
//! the caller resets it and tells the reader. The browser glue (`local`, `idb`, wasm32 only)
//! only moves these strings in and out of localStorage and IndexedDB.
//! Owns: stored shapes, their versions and migrations. Must not touch: the DOM.

#[cfg(target_arch = "wasm32")]
pub mod idb;
#[cfg(target_arch = "wasm32")]
pub mod local;

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::library::Library;
use crate::model::{Entry, Feed};
use crate::net::{Via, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_SECS};

/// The localStorage key of the settings.
pub const SETTINGS_KEY: &str = "rillet.settings";
/// The localStorage key of the per-feed routes.
pub const ROUTES_KEY: &str = "rillet.routes";
/// The localStorage key of what probes found about hosts (Forem or not).
pub const FOREM_HOSTS_KEY: &str = "rillet.forem_hosts";

/// Why a stored value was not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("the stored value is not readable ({0})")]
    Corrupt(String),
    #[error("the stored value was written by a newer version of Rillet (format {0})")]
    Newer(u32),
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    version: u32,
    data: T,
}

/// Wraps a value for storage at its current format version.
pub fn encode<T: Serialize>(version: u32, value: &T) -> String {
    serde_json::to_string(&Envelope {
        version,
        data: value,
    })
    .expect("plain data serializes")
}

/// Opens an envelope: its version and its data, unread.
fn open(raw: &str) -> Result<(u32, Value), StorageError> {
    let value: Value =
        serde_json::from_str(raw).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    let version = value
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| StorageError::Corrupt("no format version".into()))?;
    let data = value
        .get("data")
        .cloned()
        .ok_or_else(|| StorageError::Corrupt("no data".into()))?;
    Ok((version as u32, data))
}

fn read<T: DeserializeOwned>(data: Value) -> Result<T, StorageError> {
    serde_json::from_value(data).map_err(|e| StorageError::Corrupt(e.to_string()))
}

/// How the reader wants the app to look and behave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// CORS proxy templates (`{url}` = the feed address), tried in order after a direct fetch.
    pub proxies: Vec<String>,
    /// Load pictures in articles from their servers (with no referrer). Off: placeholders
    /// that load on request, per article.
    pub remote_images: bool,
    pub theme: Theme,
    pub density: Density,
    pub timeout_secs: u32,
    pub max_bytes: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            proxies: Vec::new(),
            remote_images: true,
            theme: Theme::System,
            density: Density::Comfortable,
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Density {
    #[default]
    Comfortable,
    Compact,
}

/// The settings format written by this version.
pub const SETTINGS_VERSION: u32 = 1;

impl Settings {
    pub fn encode(&self) -> String {
        encode(SETTINGS_VERSION, self)
    }

    /// Reads stored settings, migrating older formats.
    pub fn decode(raw: &str) -> Result<Settings, StorageError> {
        match open(raw)? {
            (SETTINGS_VERSION, data) => read(data),
            (v, _) if v > SETTINGS_VERSION => Err(StorageError::Newer(v)),
            (v, _) => Err(StorageError::Corrupt(format!("unknown format {v}"))),
        }
    }
}

/// For each feed address, the route that last worked: tried first next time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routes(pub BTreeMap<String, Via>);

pub const ROUTES_VERSION: u32 = 1;

impl Routes {
    pub fn encode(&self) -> String {
        encode(ROUTES_VERSION, self)
    }

    pub fn decode(raw: &str) -> Result<Routes, StorageError> {
        match open(raw)? {
            (ROUTES_VERSION, data) => read(data),
            (v, _) if v > ROUTES_VERSION => Err(StorageError::Newer(v)),
            (v, _) => Err(StorageError::Corrupt(format!("unknown format {v}"))),
        }
    }
}

/// The sites (origins: `https://community.example`) whose Forem API served a feed: their other
/// Forem-shaped feed addresses go to the API first, without a probe.
///
/// Kept as a [`Routes`] map (origin → [`Via::ForemApi`]) under its own key and version, so the
/// widget, which only reads it, decodes it with the code that reads routes (the widget has a
/// size budget, and writes nothing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForemHosts(pub Routes);

pub const FOREM_HOSTS_VERSION: u32 = 1;

impl ForemHosts {
    pub fn encode(&self) -> String {
        encode(FOREM_HOSTS_VERSION, &self.0)
    }

    pub fn decode(raw: &str) -> Result<ForemHosts, StorageError> {
        match open(raw)? {
            (FOREM_HOSTS_VERSION, data) => read(data).map(ForemHosts),
            (v, _) if v > FOREM_HOSTS_VERSION => Err(StorageError::Newer(v)),
            (v, _) => Err(StorageError::Corrupt(format!("unknown format {v}"))),
        }
    }

    /// Whether the site at `origin` is known to run Forem.
    pub fn is_forem(&self, origin: &str) -> bool {
        self.0 .0.get(origin) == Some(&Via::ForemApi)
    }

    /// Records that the site at `origin` runs Forem; whether that is news.
    pub fn add(&mut self, origin: &str) -> bool {
        let hosts = &mut self.0 .0;
        if hosts.get(origin) == Some(&Via::ForemApi) {
            return false;
        }
        hosts.insert(origin.to_string(), Via::ForemApi);
        true
    }
}

/// The library format written by this version.
pub const LIBRARY_VERSION: u32 = 1;
/// The IndexedDB key of the library (one record in its own store).
pub const LIBRARY_KEY: &str = "library";

/// Wraps the library for storage.
pub fn encode_library(library: &Library) -> String {
    encode(LIBRARY_VERSION, library)
}

/// Reads a stored library, migrating older formats, with its lookup table rebuilt.
pub fn decode_library(raw: &str) -> Result<Library, StorageError> {
    let mut library: Library = match open(raw)? {
        (LIBRARY_VERSION, data) => read(data)?,
        (v, _) if v > LIBRARY_VERSION => return Err(StorageError::Newer(v)),
        (v, _) => return Err(StorageError::Corrupt(format!("unknown format {v}"))),
    };
    library.reindex();
    Ok(library)
}

/// The last good copy of a feed, kept so it shows at once on the next visit and stays
/// readable offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedFeed {
    /// The address the reader asked for (the cache key).
    pub address: String,
    /// When it was fetched, in Unix seconds.
    pub fetched_at: i64,
    /// How it was fetched.
    pub via: Via,
    /// When it may be refreshed automatically (Unix seconds).
    pub refresh_at: i64,
    pub feed: Feed,
}

pub const CACHED_FEED_VERSION: u32 = 1;

impl CachedFeed {
    pub fn encode(&self) -> String {
        encode(CACHED_FEED_VERSION, self)
    }

    /// The same document as [`CachedFeed::encode`], for a feed whose entries are held apart
    /// from its metadata (as the app holds them, shared): nothing is cloned to encode it.
    pub fn encode_parts(
        address: &str,
        fetched_at: i64,
        via: &Via,
        refresh_at: i64,
        meta: &Feed,
        entries: &[std::sync::Arc<Entry>],
    ) -> String {
        /// The entries as a JSON array, each through `Entry`'s own Serialize.
        struct Entries<'a>(&'a [std::sync::Arc<Entry>]);
        impl Serialize for Entries<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().map(|e| &**e))
            }
        }
        #[derive(Serialize)]
        struct FeedParts<'a> {
            #[serde(flatten)]
            meta: serde_json::Map<String, Value>,
            entries: Entries<'a>,
        }
        #[derive(Serialize)]
        struct Parts<'a> {
            address: &'a str,
            fetched_at: i64,
            via: &'a Via,
            refresh_at: i64,
            feed: FeedParts<'a>,
        }
        let mut meta = match serde_json::to_value(meta) {
            Ok(Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        meta.remove("entries");
        encode(
            CACHED_FEED_VERSION,
            &Parts {
                address,
                fetched_at,
                via,
                refresh_at,
                feed: FeedParts {
                    meta,
                    entries: Entries(entries),
                },
            },
        )
    }

    /// [`CachedFeed::encode_parts`] in pieces of about `piece` bytes, handed to `emit` in
    /// order; together they are that document. The app hands each piece to the browser as it
    /// comes, so a large feed is never a second whole copy in wasm memory, which never shrinks
    /// (`make bench`, memory).
    #[allow(clippy::too_many_arguments)]
    pub fn encode_parts_in_pieces(
        address: &str,
        fetched_at: i64,
        via: &Via,
        refresh_at: i64,
        meta: &Feed,
        entries: &[std::sync::Arc<Entry>],
        piece: usize,
        emit: &mut dyn FnMut(&str),
    ) {
        // The document with no entries ends with them: `…"entries":[]}}}`.
        let frame = Self::encode_parts(address, fetched_at, via, refresh_at, meta, &[]);
        let head = frame
            .strip_suffix("]}}}")
            .expect("the entries come last in the document");
        let mut buffer = String::new();
        buffer.push_str(head);
        for (i, entry) in entries.iter().enumerate() {
            if i > 0 {
                buffer.push(',');
            }
            buffer.push_str(&serde_json::to_string(&**entry).expect("plain data serializes"));
            if buffer.len() >= piece {
                emit(&buffer);
                buffer.clear();
            }
        }
        buffer.push_str("]}}}");
        emit(&buffer);
    }

    pub fn decode(raw: &str) -> Result<CachedFeed, StorageError> {
        match open(raw)? {
            (CACHED_FEED_VERSION, data) => read(data),
            (v, _) if v > CACHED_FEED_VERSION => Err(StorageError::Newer(v)),
            (v, _) => Err(StorageError::Corrupt(format!("unknown format {v}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Why: the app stores its offline copy from the shared entries it shows (no clone of a
    // large feed); that copy must read back exactly like one encoded whole.
    #[test]
    fn a_copy_encoded_from_parts_reads_back_as_the_whole() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/forem_hadil_rss20.xml"
        ))
        .unwrap();
        let feed =
            crate::parse::parse_feed(&bytes, &crate::parse::ParseOptions::default()).unwrap();
        let whole = CachedFeed {
            address: "https://dev.to/feed/hadil".into(),
            fetched_at: 1_700_000_000,
            via: Via::Direct,
            refresh_at: 1_700_003_600,
            feed: feed.clone(),
        };
        let mut meta = feed;
        let entries: Vec<std::sync::Arc<Entry>> = std::mem::take(&mut meta.entries)
            .into_iter()
            .map(std::sync::Arc::new)
            .collect();
        let parts = CachedFeed::encode_parts(
            &whole.address,
            whole.fetched_at,
            &whole.via,
            whole.refresh_at,
            &meta,
            &entries,
        );
        assert_eq!(CachedFeed::decode(&parts).unwrap(), whole);
        assert_eq!(entries.len(), 12);

        // In pieces (small ones here, so there are many), the same document.
        let mut pieces = Vec::new();
        CachedFeed::encode_parts_in_pieces(
            &whole.address,
            whole.fetched_at,
            &whole.via,
            whole.refresh_at,
            &meta,
            &entries,
            10_000,
            &mut |p| pieces.push(p.to_string()),
        );
        assert!(pieces.len() > 5, "{} pieces", pieces.len());
        assert_eq!(pieces.concat(), parts);
        // No entries at all: still one whole document.
        let mut empty = String::new();
        CachedFeed::encode_parts_in_pieces(
            &whole.address,
            whole.fetched_at,
            &whole.via,
            whole.refresh_at,
            &meta,
            &[],
            10_000,
            &mut |p| empty.push_str(p),
        );
        assert!(CachedFeed::decode(&empty).unwrap().feed.entries.is_empty());
    }
    use crate::model::FeedFormat;

    #[test]
    fn settings_round_trip_and_fill_missing_fields_with_defaults() {
        let s = Settings {
            proxies: vec!["https://p.example/?u={url}".into()],
            ..Settings::default()
        };
        assert_eq!(Settings::decode(&s.encode()), Ok(s));
        let partial = r#"{"version":1,"data":{"remote_images":false}}"#;
        let read = Settings::decode(partial).unwrap();
        assert!(!read.remote_images);
        assert_eq!(read.timeout_secs, DEFAULT_TIMEOUT_SECS);
    }

    #[test]
    fn unreadable_and_newer_values_are_refused() {
        assert!(matches!(
            Settings::decode("{not json"),
            Err(StorageError::Corrupt(_))
        ));
        assert!(matches!(
            Settings::decode(r#"{"proxies":[]}"#),
            Err(StorageError::Corrupt(_))
        ));
        assert!(matches!(
            Settings::decode(r#"{"version":1,"data":{"theme":"plaid"}}"#),
            Err(StorageError::Corrupt(_))
        ));
        assert_eq!(
            Settings::decode(r#"{"version":9,"data":{}}"#),
            Err(StorageError::Newer(9))
        );
    }

    #[test]
    fn libraries_round_trip_with_their_lookups() {
        use crate::library::Subscription;
        use crate::model::Entry;
        let mut lib = Library::default();
        lib.subscribe(Subscription::new("https://a.example/feed"));
        let e = Entry {
            id: Some("1".into()),
            ..Entry::default()
        };
        lib.set_read("https://a.example/feed", &e, true);
        let back = decode_library(&encode_library(&lib)).unwrap();
        assert!(back.is_read("https://a.example/feed", &e));
        assert_eq!(back.subscriptions, lib.subscriptions);
        assert!(matches!(
            decode_library("[1,2"),
            Err(StorageError::Corrupt(_))
        ));
        assert_eq!(
            decode_library(r#"{"version":2,"data":{}}"#),
            Err(StorageError::Newer(2))
        );
    }

    #[test]
    fn cached_feeds_and_routes_round_trip() {
        let cached = CachedFeed {
            address: "https://a.example/feed".into(),
            fetched_at: 1_700_000_000,
            via: Via::Proxy("https://p.example/{url}".into()),
            refresh_at: 1_700_001_800,
            feed: Feed::new(FeedFormat::Rss20),
        };
        assert_eq!(CachedFeed::decode(&cached.encode()), Ok(cached));
        let mut routes = Routes::default();
        routes
            .0
            .insert("https://a.example/feed".into(), Via::Direct);
        assert_eq!(Routes::decode(&routes.encode()), Ok(routes));
    }

    #[test]
    fn forem_hosts_and_api_routes_round_trip() {
        let mut hosts = ForemHosts::default();
        assert!(hosts.add("https://community.example"));
        assert!(!hosts.add("https://community.example"), "nothing new");
        assert!(hosts.is_forem("https://community.example"));
        assert!(!hosts.is_forem("https://blog.example"));
        let raw = hosts.encode();
        assert_eq!(
            raw,
            r#"{"version":1,"data":{"https://community.example":{"via":"forem_api"}}}"#
        );
        assert_eq!(ForemHosts::decode(&raw), Ok(hosts));
        assert_eq!(
            ForemHosts::decode(r#"{"version":2,"data":{}}"#),
            Err(StorageError::Newer(2))
        );
        let mut routes = Routes::default();
        routes
            .0
            .insert("https://dev.to/feed/ben".into(), Via::ForemApi);
        let raw = routes.encode();
        assert!(raw.contains(r#""via":"forem_api""#), "{raw}");
        assert_eq!(Routes::decode(&raw), Ok(routes));
    }
}
