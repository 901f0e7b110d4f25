//! The page address as a public contract.
//!
//! A reader's view lives in the query string, so it can be bookmarked, shared and hosted under
//! any path without a server rewrite rule:
//!
//! | parameter | meaning |
//! |---|---|
//! | `feed=URL` | the feed to show (absent: the built-in default feed) |
//! | `entry=KEY` | the open article: the entry's id (RSS `guid`, Atom `id`, JSON `id`), else its link |
//! | `proxy=TEMPLATE` | a CORS proxy for this page view, `{url}` standing for the feed address |
//! | `view=all` / `view=starred` | every subscription merged by date / the starred entries |
//!
//! Parameters this module does not know (the widget's, say) are kept in order, so rewriting the
//! address never drops what an embedder put there.
//! Owns: reading and writing the query string. Must not touch: `window.location` or history
//! (the app does that, with the strings made here).

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters escaped in a query value: enough to keep the query parseable and the address
/// valid, while `:` and `/` stay readable (`?feed=https://example.com/feed`).
const QUERY_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'`')
    .add(b'\'');

/// What the page address says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Route {
    pub feed: Option<String>,
    pub entry: Option<String>,
    pub proxy: Option<String>,
    /// A view across feeds (`all`, `starred`) when no single feed is shown.
    pub view: Option<String>,
    /// Every other parameter, in order, untouched.
    pub other: Vec<(String, String)>,
}

impl Route {
    /// Reads a query string, with or without its leading `?`. Empty values count as absent.
    pub fn from_query(query: &str) -> Route {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut route = Route::default();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            let value = (!value.is_empty()).then(|| value.to_string());
            match key.as_ref() {
                "feed" => route.feed = value.or(route.feed),
                "entry" => route.entry = value.or(route.entry),
                "proxy" => route.proxy = value.or(route.proxy),
                "view" => route.view = value.or(route.view),
                _ => route
                    .other
                    .push((key.into_owned(), value.unwrap_or_default())),
            }
        }
        route
    }

    /// The query string for this route: `""` when there is nothing to say, else `?a=b&c=d`
    /// with `feed` first, then `view`, `entry`, `proxy` and the rest.
    pub fn to_query(&self) -> String {
        let known = [
            ("feed", &self.feed),
            ("view", &self.view),
            ("entry", &self.entry),
            ("proxy", &self.proxy),
        ];
        let pairs = known
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (*k, v.as_str())))
            .chain(self.other.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let mut out = String::new();
        for (key, value) in pairs {
            out.push(if out.is_empty() { '?' } else { '&' });
            out.extend(utf8_percent_encode(key, QUERY_VALUE));
            out.push('=');
            out.extend(utf8_percent_encode(value, QUERY_VALUE));
        }
        out
    }

    /// This route with another entry open (or none).
    pub fn with_entry(&self, entry: Option<&str>) -> Route {
        Route {
            entry: entry.map(str::to_string),
            ..self.clone()
        }
    }

    /// This route showing another feed: the open entry and any cross-feed view go, every
    /// other parameter stays.
    pub fn with_feed(&self, feed: Option<&str>) -> Route {
        Route {
            feed: feed.map(str::to_string),
            view: None,
            entry: None,
            ..self.clone()
        }
    }

    /// This route showing a view across feeds (`all`, `starred`), or none.
    pub fn with_view(&self, view: Option<&str>) -> Route {
        Route {
            feed: None,
            view: view.map(str::to_string),
            entry: None,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_feed_entry_and_proxy() {
        let r = Route::from_query(
            "?feed=https://dev.to/feed/ben&entry=https%3A%2F%2Fdev.to%2Fben%2Fa-1&proxy=https://p.example/?u={url}",
        );
        assert_eq!(r.feed.as_deref(), Some("https://dev.to/feed/ben"));
        assert_eq!(r.entry.as_deref(), Some("https://dev.to/ben/a-1"));
        assert_eq!(r.proxy.as_deref(), Some("https://p.example/?u={url}"));
    }

    #[test]
    fn round_trips_values_with_query_characters() {
        let r = Route {
            feed: Some("https://example.com/feed?a=1&b=2#x".into()),
            entry: Some("tag:example.com,2024:post/5 + more".into()),
            proxy: None,
            view: None,
            other: vec![("embed".into(), "1".into())],
        };
        let q = r.to_query();
        assert_eq!(
            q,
            "?feed=https://example.com/feed?a%3D1%26b%3D2%23x\
             &entry=tag:example.com,2024:post/5%20%2B%20more&embed=1"
        );
        assert_eq!(Route::from_query(&q), r);
    }

    #[test]
    fn empty_route_has_empty_query() {
        assert_eq!(Route::default().to_query(), "");
        assert_eq!(Route::from_query(""), Route::default());
        assert_eq!(
            Route::from_query("?feed="),
            Route::default().with_feed(None)
        );
    }

    #[test]
    fn views_and_feeds_replace_each_other() {
        let r = Route::from_query("?view=all&entry=x&proxy=p");
        assert_eq!(r.view.as_deref(), Some("all"));
        assert_eq!(r.with_feed(Some("f")).to_query(), "?feed=f&proxy=p");
        assert_eq!(
            r.with_feed(Some("f")).with_view(Some("starred")).to_query(),
            "?view=starred&proxy=p"
        );
    }

    #[test]
    fn changing_feed_closes_the_entry_and_keeps_the_rest() {
        let r = Route::from_query("?feed=a&entry=b&limit=3");
        let r2 = r.with_feed(Some("c"));
        assert_eq!(r2.to_query(), "?feed=c&limit=3");
    }
}
