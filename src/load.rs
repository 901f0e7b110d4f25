//! Loading a feed in the browser: the route ladder, Forem's API, autodiscovery, and the offline
//! copy.
//!
//! [`fetch_feed`] walks the steps [`net::plan`] orders (the route that worked last time, the
//! feed's own address, a Forem site's API, then each proxy), parses what comes back, follows a
//! web page to the feed it declares, and turns what went wrong into one [`LoadError`]. Posts
//! read through a Forem API get their bodies later, one at a time ([`fetch_forem_body`]). The
//! last good copy of each feed lives in IndexedDB ([`load_cached`], [`save_cached`],
//! [`save_body`]); the route that worked and what probes found about hosts, in localStorage.
//! Owns: the async work behind `AppState::load`. Must not touch: signals or the DOM.

use crate::forem::{self, ForemError};
use crate::messages::{host_of, LoadError};
use crate::model::{Content, Feed};
use crate::net::discover::{alternates, common_candidates};
use crate::net::fetch::{self, Fetched, Limits};
use crate::net::{plan, Failure, Step, Via};
use crate::parse::{parse_feed, parse_feed_str, ParseError, ParseOptions};
use crate::storage::idb::{self, DbError};
use crate::storage::{local, CachedFeed, ForemHosts, Routes, FOREM_HOSTS_KEY, ROUTES_KEY};
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

/// What the loader recalls from earlier visits: the route that worked for a feed, and the
/// sites known to run Forem.
pub trait RouteMemory {
    fn route(&self, address: &str) -> Option<Via>;
    fn is_forem_site(&self, address: &str) -> bool;
}

/// The app's memory, in localStorage (see [`remember_route`]).
pub struct Remembered;

impl RouteMemory for Remembered {
    fn route(&self, address: &str) -> Option<Via> {
        remembered_route(address)
    }

    fn is_forem_site(&self, address: &str) -> bool {
        is_forem_site(address)
    }
}

/// No memory: the widget, embedded in other people's sites, reads and keeps nothing (and so
/// does not carry the storage code either: it is chosen at compile time).
pub struct Forgetful;

impl RouteMemory for Forgetful {
    fn route(&self, _: &str) -> Option<Via> {
        None
    }

    fn is_forem_site(&self, _: &str) -> bool {
        false
    }
}

/// Fetches the feed at `address`, trying each route in turn, the remembered one first.
pub async fn fetch_feed(
    address: &str,
    proxies: &[String],
    limits: Limits,
) -> Result<Loaded, LoadError> {
    fetch_feed_with(address, proxies, limits, &Remembered).await
}

/// [`fetch_feed`] with the given memory.
pub async fn fetch_feed_with(
    address: &str,
    proxies: &[String],
    limits: Limits,
    memory: &impl RouteMemory,
) -> Result<Loaded, LoadError> {
    let remembered = memory.route(address);
    let forem_route = forem::route_for(address, memory.is_forem_site(address));
    let mut direct_failure = None;
    // What a Forem API said, when it was asked and failed: the most particular news.
    let mut api_error = None;
    let mut proxies_tried = Vec::new();
    for step in plan(remembered.as_ref(), proxies, forem_route) {
        let via = match step {
            Step::Try(via) => via,
            Step::ProbeForem => {
                // Only a CORS-like failure is worth it; the probe also tells a live host from
                // a dead one, as it asks the same host.
                if direct_failure != Some(Failure::Network) || !probe_forem(address, limits).await {
                    continue;
                }
                Via::ForemApi
            }
        };
        if via == Via::ForemApi {
            match fetch_forem_list(address, limits).await {
                Ok(loaded) => return Ok(loaded),
                Err((error, false)) => return Err(error),
                Err((error, true)) => {
                    api_error = Some(error);
                    continue;
                }
            }
        }
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
                    Via::ForemApi => {}
                }
                if !worth_more {
                    return Err(into_error(failure, limits));
                }
            }
        }
    }
    if let Some(error) = api_error {
        return Err(error);
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

/// Reads the posts of the Forem feed at `address` from the site's API (one page of
/// [`forem::PER_PAGE`]), without their bodies (the state keeps those it has, see
/// `forem::carry_bodies`). On failure, the error and whether another route may still succeed.
async fn fetch_forem_list(address: &str, limits: Limits) -> Result<Loaded, (LoadError, bool)> {
    let Some(query) = forem::api_route(address) else {
        let not_forem = ForemError::Unreadable("the address names no Forem feed");
        return Err((not_forem.into(), true));
    };
    let fetched = match fetch::get(&forem::list_url(&query, forem::PER_PAGE, 1), limits).await {
        Ok(fetched) => fetched,
        Err(failure) => {
            let worth_more = failure.worth_another_route();
            let error = match forem::list_failure(&query, &failure) {
                Some(meaning) => meaning.into(),
                None => into_error(failure, limits),
            };
            return Err((error, worth_more));
        }
    };
    let feed = forem::map_list(&fetched.bytes, address).map_err(|e| (e.into(), false))?;
    Ok(Loaded {
        feed,
        address: address.to_string(),
        via: Via::ForemApi,
        max_age: fetched.max_age,
    })
}

/// Asks the host of `address` whether it runs Forem: its API's newest article.
async fn probe_forem(address: &str, limits: Limits) -> bool {
    let Some(query) = forem::api_route(address) else {
        return false;
    };
    matches!(
        fetch::get(&forem::probe_url(&query.origin), limits).await,
        Ok(answer) if forem::looks_like_forem_answer(&answer.bytes)
    )
}

/// Fetches the body of the article with `api_id` from the API of the Forem feed at `address`,
/// as HTML (for the sanitizer) with the article's address as its base.
pub async fn fetch_forem_body(
    address: &str,
    api_id: &str,
    limits: Limits,
) -> Result<Content, LoadError> {
    let query = forem::api_route(address).ok_or(LoadError::InvalidUrl)?;
    let url = forem::article_url(&query.origin, api_id);
    let fetched =
        fetch::get(&url, limits).await.map_err(|failure| {
            match forem::article_failure(&failure) {
                Some(meaning) => meaning.into(),
                None => into_error(failure, limits),
            }
        })?;
    let article = forem::map_article(&fetched.bytes, Some(&query.origin))?;
    article
        .content
        .ok_or_else(|| ForemError::Unreadable("the article has no body_html").into())
}

/// Keeps a fetched body in the offline copy of the feed at `address`, in one transaction;
/// whether there was a copy with that entry to keep it in.
pub async fn save_body(address: &str, api_id: &str, content: Content) -> Result<bool, DbError> {
    let api_id = api_id.to_string();
    let kept = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = std::rc::Rc::clone(&kept);
    idb::update(idb::FEEDS, address, move |raw| {
        let mut cached = CachedFeed::decode(&raw?).ok()?;
        forem::fill_body(&mut cached.feed, &api_id, content).then(|| {
            flag.set(true);
            cached.encode()
        })
    })
    .await?;
    Ok(kept.get())
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

fn forem_hosts() -> ForemHosts {
    local::get(FOREM_HOSTS_KEY)
        .and_then(|raw| ForemHosts::decode(&raw).ok())
        .unwrap_or_default()
}

/// Whether the site of `address` is known to run Forem (its API served a feed before).
fn is_forem_site(address: &str) -> bool {
    forem::api_route(address).is_some_and(|q| forem_hosts().is_forem(&q.origin))
}

/// Remembers the route that worked for `address`, so it is tried first next time; when it was
/// a Forem API, also that its site runs Forem, so its other feeds go there first.
pub fn remember_route(address: &str, via: &Via) {
    let mut all = routes();
    if all.0.get(address) != Some(via) {
        all.0.insert(address.to_string(), via.clone());
        // Losing this only costs a slower first try next time.
        let _ = local::set(ROUTES_KEY, &all.encode());
    }
    if let (Via::ForemApi, Some(query)) = (via, forem::api_route(address)) {
        let mut hosts = forem_hosts();
        if hosts.add(&query.origin) {
            // Losing this only costs one probe next time.
            let _ = local::set(FOREM_HOSTS_KEY, &hosts.encode());
        }
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

/// The offline copy of a feed held as the app holds it (metadata and shared entries), encoded
/// into a JS string a piece at a time, for [`save_cached`].
pub fn encode_cached(
    address: &str,
    fetched_at: i64,
    via: &Via,
    refresh_at: i64,
    meta: &Feed,
    entries: &[std::sync::Arc<crate::model::Entry>],
) -> wasm_bindgen::JsValue {
    let pieces = js_sys::Array::new();
    CachedFeed::encode_parts_in_pieces(
        address,
        fetched_at,
        via,
        refresh_at,
        meta,
        entries,
        1 << 20,
        &mut |piece| {
            pieces.push(&wasm_bindgen::JsValue::from_str(piece));
        },
    );
    pieces.join("").into()
}

/// Stores the last good copy of the feed at `address`, encoded by [`encode_cached`]. When
/// storage is full, other feeds' copies are evicted first (they are only caches), then this
/// one is stored again.
pub async fn save_cached(address: &str, encoded: &wasm_bindgen::JsValue) -> Result<(), DbError> {
    match idb::put_value(idb::FEEDS, address, encoded).await {
        Err(DbError::QuotaExceeded) => {
            evict_cached_feeds_except(Some(address)).await;
            idb::put_value(idb::FEEDS, address, encoded).await
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
