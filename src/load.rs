//! Loading a feed in the browser: the route ladder, autodiscovery, and the offline copy.
//!
//! [`fetch_feed`] walks the routes [`net::ladder`] orders (the one that worked last time, the
//! feed's own address, then each proxy), parses what comes back, follows a web page to the feed
//! it declares, and turns what went wrong into one [`LoadError`]. The last good copy of each
//! feed lives in IndexedDB ([`load_cached`], [`save_cached`]); the route that worked, in
//! localStorage.
//! Owns: the async work behind `AppState::load`. Must not touch: signals or the DOM.

use crate::messages::{host_of, LoadError};
use crate::model::Feed;
use crate::net::discover::{alternates, common_candidates};
use crate::net::fetch::{self, Fetched, Limits};
use crate::net::{ladder, Failure, Via};
use crate::parse::{parse_feed, parse_feed_str, ParseError, ParseOptions};
use crate::storage::idb::{self, DbError};
use crate::storage::{local, CachedFeed, Routes, ROUTES_KEY};
use crate::{browser, net};

/// A feed fetched and parsed.
pub struct Loaded {
    pub feed: Feed,
    /// The feed's address: the one asked for, or the feed a web page led to.
    pub address: String,
    pub via: Via,
    /// `Cache-Control: max-age` of the answer.
    pub max_age: Option<u64>,
}

/// Fetches and parses the built-in feed, shipped beside the app.
pub async fn fetch_builtin(path: &str, limits: Limits) -> Result<Feed, LoadError> {
    let fetched = fetch::get(path, limits)
        .await
        .map_err(|f| into_error(f, limits))?;
    parse(&fetched, None)
}

/// Fetches the feed at `address`, trying each route in turn.
pub async fn fetch_feed(
    address: &str,
    proxies: &[String],
    limits: Limits,
) -> Result<Loaded, LoadError> {
    let remembered = remembered_route(address);
    let mut direct_failure = None;
    let mut proxies_tried = Vec::new();
    for via in ladder(remembered.as_ref(), proxies) {
        match fetch::get(&via.request_url(address), limits).await {
            Ok(fetched) => {
                return match parse(&fetched, Some(address)) {
                    Ok(feed) => Ok(Loaded {
                        feed,
                        address: address.to_string(),
                        via,
                        max_age: fetched.max_age,
                    }),
                    Err(LoadError::Parse(ParseError::Html)) => {
                        discover(&fetched, address, via, limits).await
                    }
                    Err(other) => Err(other),
                };
            }
            Err(failure) => {
                let worth_more = failure.worth_another_route();
                match &via {
                    Via::Direct => direct_failure = Some(failure.clone()),
                    Via::Proxy(template) => proxies_tried.push(host_of(template)),
                }
                if !worth_more {
                    return Err(into_error(failure, limits));
                }
            }
        }
    }
    // Every route failed in a way another route might have fixed. What the direct request
    // met says the most about the feed itself.
    match direct_failure {
        Some(Failure::Network) => {
            if fetch::server_answers(address, limits.timeout_secs).await {
                Err(LoadError::Cors { proxies_tried })
            } else {
                Err(LoadError::Unreachable)
            }
        }
        Some(other) => Err(into_error(other, limits)),
        None => Err(LoadError::Unreachable),
    }
}

/// Fetches and parses the feed at `address` through one route only (a proxy test): the
/// number of entries read.
pub async fn fetch_feed_via(address: &str, via: &Via, limits: Limits) -> Result<usize, LoadError> {
    let fetched = fetch::get(&via.request_url(address), limits)
        .await
        .map_err(|f| into_error(f, limits))?;
    Ok(parse(&fetched, Some(address))?.entries.len())
}

/// A web page came back: load the feed it declares, or one at a usual address.
async fn discover(
    page: &Fetched,
    page_url: &str,
    via: Via,
    limits: Limits,
) -> Result<Loaded, LoadError> {
    let html = String::from_utf8_lossy(&page.bytes);
    let found = alternates(&html, page_url);
    let candidates = match found.len() {
        0 => common_candidates(page_url),
        1 => vec![found[0].url.clone()],
        _ => return Err(LoadError::SeveralFeeds(found)),
    };
    let declared = !found.is_empty();
    for candidate in candidates {
        match fetch::get(&via.request_url(&candidate), limits).await {
            Ok(fetched) => match parse(&fetched, Some(&candidate)) {
                Ok(feed) => {
                    return Ok(Loaded {
                        feed,
                        address: candidate,
                        via,
                        max_age: fetched.max_age,
                    })
                }
                Err(err) if declared => return Err(err),
                Err(_) => continue,
            },
            Err(failure) if declared => return Err(into_error(failure, limits)),
            // Probing the usual paths: a 404 or a page there just means "not here".
            Err(Failure::Offline) => return Err(LoadError::Offline),
            Err(_) => continue,
        }
    }
    Err(LoadError::NoFeedOnPage)
}

fn parse(fetched: &Fetched, base_url: Option<&str>) -> Result<Feed, LoadError> {
    let options = ParseOptions {
        base_url,
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

fn into_error(failure: Failure, limits: Limits) -> LoadError {
    match failure {
        Failure::Network => LoadError::Unreachable,
        Failure::Http(status) => LoadError::Http { status },
        Failure::Timeout => LoadError::Timeout {
            secs: limits.timeout_secs,
        },
        Failure::TooLarge { limit } => LoadError::TooLarge { limit },
        Failure::Offline => LoadError::Offline,
    }
}

fn routes() -> Routes {
    local::get(ROUTES_KEY)
        .and_then(|raw| Routes::decode(&raw).ok())
        .unwrap_or_default()
}

fn remembered_route(address: &str) -> Option<Via> {
    routes().0.get(address).cloned()
}

/// Remembers the route that worked for `address`, so it is tried first next time.
pub fn remember_route(address: &str, via: &Via) {
    let mut all = routes();
    if all.0.get(address) != Some(via) {
        all.0.insert(address.to_string(), via.clone());
        // Losing this only costs a slower first try next time.
        let _ = local::set(ROUTES_KEY, &all.encode());
    }
}

/// The last good copy of the feed at `address`, if one is stored and readable.
pub async fn load_cached(address: &str) -> Option<CachedFeed> {
    let raw = idb::get(idb::FEEDS, address).await.ok()??;
    match CachedFeed::decode(&raw) {
        Ok(cached) => Some(cached),
        Err(_) => {
            // Unreadable (or from a newer version): it is only a cache; the network refills it.
            let _ = idb::delete(idb::FEEDS, address).await;
            None
        }
    }
}

/// Stores the last good copy. When storage is full, other feeds' copies are evicted first
/// (they are only caches), then this one is stored again.
pub async fn save_cached(cached: &CachedFeed) -> Result<(), DbError> {
    let encoded = cached.encode();
    match idb::put(idb::FEEDS, &cached.address, &encoded).await {
        Err(DbError::QuotaExceeded) => {
            evict_cached_feeds_except(Some(&cached.address)).await;
            idb::put(idb::FEEDS, &cached.address, &encoded).await
        }
        other => other,
    }
}

/// Frees storage by dropping offline copies of feeds: they are only caches, refilled by the
/// next fetch. Subscriptions and reading marks are never evicted.
pub async fn evict_cached_feeds() {
    evict_cached_feeds_except(None).await;
}

async fn evict_cached_feeds_except(keep: Option<&str>) {
    for key in idb::keys(idb::FEEDS).await.unwrap_or_default() {
        if Some(key.as_str()) != keep {
            let _ = idb::delete(idb::FEEDS, &key).await;
        }
    }
}

/// When to refresh automatically, given what the publisher asked for.
pub fn refresh_at(now: i64, feed: &Feed, max_age: Option<u64>) -> i64 {
    now + net::refresh_interval_secs(feed.ttl_minutes, max_age) as i64
}
