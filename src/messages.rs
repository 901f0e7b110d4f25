//! Errors a person can meet, and the words they read for each.
//!
//! Every failure the app can show is a [`LoadError`]; [`describe`] is the one place that turns
//! it into a sentence and a next step. Components never compose error text themselves.
//! Owns: user-facing error and notice wording. Must not touch: the DOM or the network.

use thiserror::Error;

use crate::parse::ParseError;

/// Why a feed could not be shown.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error("not a valid feed address")]
    InvalidUrl,
    #[error("the browser is offline")]
    Offline,
    /// The browser reports only "Failed to fetch": the server refused to share the response
    /// with this page (no CORS headers), or it could not be reached at all.
    #[error("the request failed (CORS or network)")]
    Network,
    #[error("the server answered HTTP {status}")]
    Http { status: u16 },
    #[error("no answer within {secs} seconds")]
    Timeout { secs: u32 },
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// What a person reads about a failure: a headline, an explanation and what they can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserMessage {
    pub title: String,
    pub detail: String,
    /// The next step, when there is one beyond "try again".
    pub hint: Option<String>,
}

/// The host of an address, for naming the server in a sentence; the address itself otherwise.
pub fn host_of(address: &str) -> String {
    url::Url::parse(address)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| address.to_string())
}

/// The sentence for an error met while loading `address`.
pub fn describe(error: &LoadError, address: &str) -> UserMessage {
    let host = host_of(address);
    let (title, detail, hint) = match error {
        LoadError::InvalidUrl => (
            "That isn't a web address".to_string(),
            format!("“{address}” is not an http:// or https:// address."),
            Some("Paste the full address of a feed, starting with https://.".to_string()),
        ),
        LoadError::Offline => (
            "You're offline".to_string(),
            "The browser has no network connection, so the feed can't be fetched.".to_string(),
            Some(
                "The articles already shown stay readable. Try again when you're back online."
                    .into(),
            ),
        ),
        LoadError::Network => (
            format!("Couldn't read the feed from {host}"),
            format!(
                "The request to {host} failed. Most often this is CORS: the server does not \
                 allow other sites to read its feed from the browser. It may also be down or \
                 unreachable."
            ),
            Some(
                "Use a CORS proxy for this feed (add ?proxy= with a proxy address to the page \
                 address), or ask the site to send an Access-Control-Allow-Origin header."
                    .to_string(),
            ),
        ),
        LoadError::Http { status } => (
            format!("{host} answered with an error ({status})"),
            match status {
                404 | 410 => "There is no feed at this address (it may have moved).".to_string(),
                401 | 403 => "The server refused access to this feed.".to_string(),
                429 => "The server is rate limiting requests.".to_string(),
                500..=599 => "The server had a problem answering.".to_string(),
                _ => format!("The server answered HTTP {status} instead of a feed."),
            },
            Some(
                match status {
                    404 | 410 => "Check the address, or paste the site's home page address.",
                    429 => "Wait a minute, then try again.",
                    500..=599 => "Try again later.",
                    _ => "Check the address and try again.",
                }
                .to_string(),
            ),
        ),
        LoadError::Timeout { secs } => (
            format!("{host} took too long to answer"),
            format!("No answer came within {secs} seconds."),
            Some("The server may be slow or overloaded. Try again later.".to_string()),
        ),
        LoadError::Parse(ParseError::Html) => (
            "That's a web page, not a feed".to_string(),
            format!("{host} sent an HTML page instead of an RSS, Atom or JSON feed."),
            Some("Paste the address of the site's feed (often /feed or /rss.xml).".to_string()),
        ),
        LoadError::Parse(ParseError::Empty) => (
            "The feed is empty".to_string(),
            format!("{host} sent an empty document."),
            None,
        ),
        LoadError::Parse(ParseError::TooLarge { limit }) => (
            "The feed is too large".to_string(),
            format!(
                "It is larger than {} MB, the most this reader accepts.",
                limit / 1_000_000
            ),
            None,
        ),
        LoadError::Parse(err @ ParseError::UnsupportedEncoding(_)) => (
            "The feed can't be decoded".to_string(),
            format!("{}.", capitalize(&err.to_string())),
            None,
        ),
        LoadError::Parse(err @ ParseError::NotAFeed(_)) => (
            "That's not a feed".to_string(),
            format!("{}.", capitalize(&err.to_string())),
            Some("Check that the address points at an RSS, Atom or JSON feed.".to_string()),
        ),
    };
    UserMessage {
        title,
        detail,
        hint,
    }
}

/// The notice shown above a feed that was read despite errors in it.
pub fn malformed_notice() -> &'static str {
    "This feed has errors; it is shown as well as possible."
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_network_failure_names_cors_and_the_host() {
        let m = describe(&LoadError::Network, "https://blog.example.org/feed.xml");
        assert!(m.title.contains("blog.example.org"));
        assert!(m.detail.contains("CORS"));
        assert!(m.hint.unwrap().contains("proxy"));
    }

    #[test]
    fn http_errors_give_the_status() {
        let m = describe(&LoadError::Http { status: 404 }, "https://x.example/feed");
        assert_eq!(m.title, "x.example answered with an error (404)");
    }

    #[test]
    fn not_a_feed_names_the_root() {
        let m = describe(
            &LoadError::Parse(ParseError::NotAFeed("svg".into())),
            "https://x.example",
        );
        assert_eq!(
            m.detail,
            "This document is not a feed (its root element is <svg>)."
        );
    }
}
