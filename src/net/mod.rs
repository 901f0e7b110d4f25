//! Getting a feed: which routes to try in which order, proxy addresses, what a failure means,
//! finding a feed from a web page, and when to refresh.
//!
//! Everything here is pure and tested natively; [`fetch`] (wasm32 only) is the thin layer that
//! performs the requests the plan describes.
//! Owns: the fetch ladder and its policies. Must not touch: the DOM, storage, parsing details.

pub mod discover;
#[cfg(target_arch = "wasm32")]
pub mod fetch;

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

/// How long a request may take before it is abandoned.
pub const DEFAULT_TIMEOUT_SECS: u32 = 15;

/// The largest feed the reader accepts by default.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1000 * 1000;

/// One way of getting a feed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "via", content = "template", rename_all = "snake_case")]
pub enum Via {
    /// A plain request to the feed's own address.
    Direct,
    /// Through a CORS proxy, given by its URL template.
    Proxy(String),
}

impl Via {
    /// The address to request for `feed_url` on this route.
    pub fn request_url(&self, feed_url: &str) -> String {
        match self {
            Via::Direct => feed_url.to_string(),
            Via::Proxy(template) => proxied_url(template, feed_url),
        }
    }
}

/// The proxy address for a feed: the template's `{url}` replaced by the percent-encoded feed
/// address (every byte but ASCII letters and digits, so it survives any query parser).
pub fn proxied_url(template: &str, feed_url: &str) -> String {
    let encoded = utf8_percent_encode(feed_url, NON_ALPHANUMERIC).to_string();
    template.replace("{url}", &encoded)
}

/// Why a proxy template cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProxyTemplateError {
    #[error("a proxy address must contain {{url}} where the feed address goes")]
    MissingPlaceholder,
    #[error("a proxy address must be an http:// or https:// address")]
    NotHttp,
}

/// Checks a proxy template: an absolute http(s) address with a `{url}` placeholder.
pub fn check_proxy_template(template: &str) -> Result<(), ProxyTemplateError> {
    let template = template.trim();
    if !template.contains("{url}") {
        return Err(ProxyTemplateError::MissingPlaceholder);
    }
    let probe = template.replace("{url}", "x");
    match url::Url::parse(&probe) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(ProxyTemplateError::NotHttp),
    }
}

/// The routes to try, in order: the one that worked last time for this feed, then the feed's
/// own address, then each proxy in the order the reader (or the page address) gave them.
pub fn ladder(remembered: Option<&Via>, proxies: &[String]) -> Vec<Via> {
    let mut routes: Vec<Via> = Vec::with_capacity(proxies.len() + 2);
    let candidates = remembered
        .cloned()
        .into_iter()
        .chain(std::iter::once(Via::Direct))
        .chain(proxies.iter().map(|p| Via::Proxy(p.trim().to_string())));
    for via in candidates {
        if !routes.contains(&via) {
            routes.push(via);
        }
    }
    routes
}

/// How one request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The browser reports only a `TypeError`: CORS refused, or the host unreachable.
    Network,
    Http(u16),
    Timeout,
    TooLarge {
        limit: u64,
    },
    Offline,
}

impl Failure {
    /// Whether another route may succeed where this one failed. A CORS refusal is what
    /// proxies exist for; some hosts also answer browsers (but not servers) with these
    /// statuses: bot walls (403, 503 with a challenge, Cloudflare's 52x), method or content
    /// negotiation refusals (405, 406), rate limits per client (429), geo blocks (451).
    pub fn worth_another_route(&self) -> bool {
        match self {
            Failure::Network => true,
            Failure::Http(status) => {
                matches!(status, 403 | 405 | 406 | 429 | 451 | 503 | 520..=530)
            }
            Failure::Timeout | Failure::TooLarge { .. } | Failure::Offline => false,
        }
    }
}

/// The `max-age` of a `Cache-Control` header, in seconds.
pub fn max_age(cache_control: &str) -> Option<u64> {
    cache_control.split(',').find_map(|directive| {
        let (name, value) = directive.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("max-age")
            .then(|| value.trim().trim_matches('"').parse().ok())
            .flatten()
    })
}

/// The `charset` parameter of a `Content-Type` header, lower-cased.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_ascii_lowercase())
            .filter(|v| !v.is_empty())
    })
}

/// The shortest wait between automatic refreshes of one feed.
pub const MIN_REFRESH_SECS: u64 = 5 * 60;
/// The wait when the publisher says nothing.
pub const DEFAULT_REFRESH_SECS: u64 = 30 * 60;
/// The longest wait, whatever the publisher asks.
pub const MAX_REFRESH_SECS: u64 = 24 * 60 * 60;

/// How long to wait before refreshing a feed automatically: what the publisher asks for (RSS
/// `<ttl>` in minutes, HTTP `Cache-Control: max-age`), the longer of the two, within bounds.
pub fn refresh_interval_secs(ttl_minutes: Option<u32>, max_age_secs: Option<u64>) -> u64 {
    let asked = [ttl_minutes.map(|m| u64::from(m) * 60), max_age_secs]
        .into_iter()
        .flatten()
        .max();
    asked
        .unwrap_or(DEFAULT_REFRESH_SECS)
        .clamp(MIN_REFRESH_SECS, MAX_REFRESH_SECS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_urls_carry_the_whole_feed_address() {
        assert_eq!(
            proxied_url(
                "https://proxy.example/?url={url}",
                "https://a.example/feed?x=1&y=2"
            ),
            "https://proxy.example/?url=https%3A%2F%2Fa%2Eexample%2Ffeed%3Fx%3D1%26y%3D2"
        );
        assert_eq!(
            Via::Proxy("https://p.example/raw/{url}".into()).request_url("http://b.example/"),
            "https://p.example/raw/http%3A%2F%2Fb%2Eexample%2F"
        );
        assert_eq!(
            Via::Direct.request_url("http://b.example/"),
            "http://b.example/"
        );
    }

    #[test]
    fn proxy_templates_are_checked() {
        assert_eq!(
            check_proxy_template("https://corsproxy.io/?url={url}"),
            Ok(())
        );
        assert_eq!(
            check_proxy_template("https://corsproxy.io/?url="),
            Err(ProxyTemplateError::MissingPlaceholder)
        );
        assert_eq!(
            check_proxy_template("javascript:alert(1)//{url}"),
            Err(ProxyTemplateError::NotHttp)
        );
        assert_eq!(
            check_proxy_template("/relative?u={url}"),
            Err(ProxyTemplateError::NotHttp)
        );
    }

    #[test]
    fn the_ladder_tries_the_remembered_route_first_and_nothing_twice() {
        let proxies = vec![
            "https://p1.example/?u={url}".to_string(),
            "https://p2.example/{url}".into(),
        ];
        let p1 = Via::Proxy(proxies[0].clone());
        let p2 = Via::Proxy(proxies[1].clone());
        assert_eq!(
            ladder(None, &proxies),
            vec![Via::Direct, p1.clone(), p2.clone()]
        );
        assert_eq!(
            ladder(Some(&p2), &proxies),
            vec![p2.clone(), Via::Direct, p1.clone()]
        );
        assert_eq!(ladder(Some(&Via::Direct), &[]), vec![Via::Direct]);
    }

    #[test]
    fn only_some_failures_are_worth_another_route() {
        assert!(Failure::Network.worth_another_route());
        assert!(Failure::Http(403).worth_another_route());
        assert!(Failure::Http(429).worth_another_route());
        assert!(!Failure::Http(404).worth_another_route());
        assert!(!Failure::Http(500).worth_another_route());
        assert!(!Failure::Timeout.worth_another_route());
        assert!(!Failure::TooLarge { limit: 1 }.worth_another_route());
    }

    #[test]
    fn headers_are_read() {
        assert_eq!(max_age("public, max-age=600"), Some(600));
        assert_eq!(max_age("no-cache"), None);
        assert_eq!(
            charset_of("text/xml; charset=\"Windows-1252\""),
            Some("windows-1252".into())
        );
        assert_eq!(charset_of("application/rss+xml"), None);
    }

    #[test]
    fn refresh_follows_the_publisher_within_bounds() {
        assert_eq!(refresh_interval_secs(None, None), DEFAULT_REFRESH_SECS);
        assert_eq!(refresh_interval_secs(Some(60), Some(600)), 3600);
        assert_eq!(refresh_interval_secs(None, Some(10)), MIN_REFRESH_SECS);
        assert_eq!(refresh_interval_secs(Some(100_000), None), MAX_REFRESH_SECS);
    }
}
