//! Getting a feed: which routes to try in which order (the feed's own address, a Forem site's
//! API, CORS proxies), proxy addresses, what a failure means, finding a feed from a web page,
//! and when to refresh.
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
    /// The same posts from the site's Forem API, which lets pages read it (see `forem`).
    ForemApi,
}

impl Via {
    /// The address to request for `feed_url` on this route. For the Forem API, the first page
    /// of the list (the address itself when it has no Forem shape, which [`plan`] never
    /// routes there).
    pub fn request_url(&self, feed_url: &str) -> String {
        match self {
            Via::Direct => feed_url.to_string(),
            Via::Proxy(template) => proxied_url(template, feed_url),
            Via::ForemApi => crate::forem::api_route(feed_url)
                .map(|q| crate::forem::list_url(&q, crate::forem::PER_PAGE, 1))
                .unwrap_or_else(|| feed_url.to_string()),
        }
    }
}

/// An address with its host in ASCII: each non-ASCII label lower-cased and Punycode-encoded
/// (`https://bücher.example/feed` → `https://xn--bcher-kva.example/feed`). The url crate is
/// built without Unicode host tables (they would add 32 KB to the wasm), so addresses a
/// person types or pastes come through here first. Anything else is returned unchanged.
pub fn ascii_address(address: &str) -> String {
    let address = address.trim();
    let Some((scheme, rest)) = address.split_once("://") else {
        return address.to_string();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.is_ascii() {
        return address.to_string();
    }
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
        _ => (host_port, None),
    };
    let mut labels = Vec::new();
    for label in host.split(['.', '。', '．', '｡']) {
        if label.is_ascii() {
            labels.push(label.to_ascii_lowercase());
        } else {
            match idna::punycode::encode_str(&label.to_lowercase()) {
                Some(encoded) => labels.push(format!("xn--{encoded}")),
                None => return address.to_string(),
            }
        }
    }
    let mut out = format!("{scheme}://");
    if let Some(u) = userinfo {
        out.push_str(u);
        out.push('@');
    }
    out.push_str(&labels.join("."));
    if let Some(p) = port {
        out.push(':');
        out.push_str(p);
    }
    out.push_str(tail);
    out
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

/// Whether (and when) a feed address may be read through a Forem API (`forem::route_for`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForemRoute {
    /// No: the address has no Forem shape.
    None,
    /// A known Forem host (dev.to, forem.com): the API only. Its RSS cannot be read by a
    /// page, so no proxy (a third party) is ever contacted for it.
    Only,
    /// A site whose Forem API served a feed before: the API first, then the usual routes.
    First,
    /// Not known yet: when the direct request fails the way a CORS refusal does, probe the
    /// host's API, and read it if the host is a Forem.
    AfterProbe,
}

/// One step of a fetch plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Try(Via),
    /// Only after the direct request failed as [`Failure::Network`]: ask the host whether it
    /// is a Forem (`forem::probe_url`), and if so read its API ([`Via::ForemApi`]).
    ProbeForem,
}

/// The steps to take for one feed, in order: [`ladder`]'s routes, with the Forem API where
/// `forem` puts it. A remembered API route is kept only while the address may use the API.
pub fn plan(remembered: Option<&Via>, proxies: &[String], forem: ForemRoute) -> Vec<Step> {
    let remembered = remembered.filter(|v| forem != ForemRoute::None || **v != Via::ForemApi);
    let tries = |first: Option<&Via>| ladder(first, proxies).into_iter().map(Step::Try);
    match forem {
        ForemRoute::None => tries(remembered).collect(),
        ForemRoute::Only => vec![Step::Try(Via::ForemApi)],
        ForemRoute::First => {
            let mut steps = vec![Step::Try(Via::ForemApi)];
            steps.extend(tries(remembered).filter(|s| *s != Step::Try(Via::ForemApi)));
            steps
        }
        ForemRoute::AfterProbe => {
            let mut steps: Vec<Step> = tries(remembered).collect();
            if remembered != Some(&Via::ForemApi) {
                let after_direct = steps
                    .iter()
                    .position(|s| *s == Step::Try(Via::Direct))
                    .map_or(0, |i| i + 1);
                steps.insert(after_direct, Step::ProbeForem);
            }
            steps
        }
    }
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
    fn unicode_hosts_become_punycode() {
        assert_eq!(
            ascii_address("https://bücher.example/feed?q=ü"),
            "https://xn--bcher-kva.example/feed?q=ü"
        );
        assert_eq!(
            ascii_address("http://ÄÖ.example:8080/"),
            "http://xn--4ca0b.example:8080/"
        );
        assert_eq!(
            ascii_address("https://日本語.jp"),
            "https://xn--wgv71a119e.jp"
        );
        assert_eq!(
            ascii_address(" https://plain.example/ "),
            "https://plain.example/"
        );
        assert_eq!(ascii_address("not a url"), "not a url");
        assert!(url::Url::parse(&ascii_address("https://bücher.example/")).is_ok());
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
    fn the_forem_api_goes_where_the_host_allows() {
        let proxies = vec!["https://p1.example/?u={url}".to_string()];
        let p1 = Step::Try(Via::Proxy(proxies[0].clone()));
        let (api, direct) = (Step::Try(Via::ForemApi), Step::Try(Via::Direct));
        // dev.to: the API only, even with proxies set and another route remembered.
        assert_eq!(
            plan(Some(&Via::Direct), &proxies, ForemRoute::Only),
            vec![api.clone()]
        );
        // A host proven to be a Forem: the API first.
        assert_eq!(
            plan(None, &proxies, ForemRoute::First),
            vec![api.clone(), direct.clone(), p1.clone()]
        );
        // Unknown: direct, then the probe, then the proxies.
        assert_eq!(
            plan(None, &proxies, ForemRoute::AfterProbe),
            vec![direct.clone(), Step::ProbeForem, p1.clone()]
        );
        let remembered = Via::Proxy(proxies[0].clone());
        assert_eq!(
            plan(Some(&remembered), &proxies, ForemRoute::AfterProbe),
            vec![p1.clone(), direct.clone(), Step::ProbeForem]
        );
        // The API remembered for this feed: first, and no probe needed.
        assert_eq!(
            plan(Some(&Via::ForemApi), &proxies, ForemRoute::AfterProbe),
            vec![api.clone(), direct.clone(), p1.clone()]
        );
        // Not a Forem (any more): a remembered API route is dropped.
        assert_eq!(
            plan(Some(&Via::ForemApi), &proxies, ForemRoute::None),
            vec![direct, p1]
        );
    }

    #[test]
    fn routes_serialize_as_before_and_the_api_route_as_a_name() {
        let json = |v: &Via| serde_json::to_string(v).unwrap();
        assert_eq!(json(&Via::Direct), r#"{"via":"direct"}"#);
        assert_eq!(
            json(&Via::Proxy("https://p/{url}".into())),
            r#"{"via":"proxy","template":"https://p/{url}"}"#
        );
        assert_eq!(json(&Via::ForemApi), r#"{"via":"forem_api"}"#);
        let back: Via = serde_json::from_str(r#"{"via":"forem_api"}"#).unwrap();
        assert_eq!(back, Via::ForemApi);
        assert_eq!(
            Via::ForemApi.request_url("https://dev.to/feed/ben"),
            "https://dev.to/api/articles?username=ben&per_page=30&page=1"
        );
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
