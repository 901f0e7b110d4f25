//! Errors a person can meet, and the words they read for each.
//!
//! Every failure the app can show is a [`LoadError`]; [`describe`] is the one place that turns
//! it into a sentence and a next step. Notices (a feed with errors, a stale copy, a reset
//! setting) are worded here too. Components never compose such text themselves.
//! Owns: user-facing error and notice wording. Must not touch: the DOM or the network.

use thiserror::Error;

use crate::forem::ForemError;
use crate::net::discover::Alternate;
use crate::parse::ParseError;

/// Why a feed could not be shown.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error("not a valid feed address")]
    InvalidUrl,
    #[error("the browser is offline")]
    Offline,
    /// The direct request failed the way a CORS refusal does, and a `no-cors` probe got an
    /// answer: the server is up but does not let pages read its feed.
    #[error("blocked by CORS")]
    Cors {
        /// The proxies that were tried too (by host), if any.
        proxies_tried: Vec<String>,
    },
    /// Neither the request nor the probe got any answer.
    #[error("the server could not be reached")]
    Unreachable,
    #[error("the server answered HTTP {status}")]
    Http { status: u16 },
    #[error("no answer within {secs} seconds")]
    Timeout { secs: u32 },
    #[error("larger than {limit} bytes")]
    TooLarge { limit: u64 },
    /// The address is a web page that names several feeds: the reader picks one.
    #[error("the page offers several feeds")]
    SeveralFeeds(Vec<Alternate>),
    /// The address is a web page, and neither its links nor the usual paths lead to a feed.
    #[error("no feed found on the page")]
    NoFeedOnPage,
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A Forem site's API answered, but not with the posts (see `forem`).
    #[error(transparent)]
    Forem(#[from] ForemError),
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

fn msg(title: impl Into<String>, detail: impl Into<String>, hint: Option<&str>) -> UserMessage {
    UserMessage {
        title: title.into(),
        detail: detail.into(),
        hint: hint.map(str::to_string),
    }
}

/// The sentence for an error met while loading `address`.
pub fn describe(error: &LoadError, address: &str) -> UserMessage {
    let host = host_of(address);
    match error {
        LoadError::InvalidUrl => msg(
            "That isn't a web address",
            format!("“{address}” is not an http:// or https:// address."),
            Some("Paste the full address of a feed or a site, starting with https://."),
        ),
        LoadError::Offline => msg(
            "You're offline",
            "The browser has no network connection, so the feed can't be fetched.",
            Some("What is already on screen stays readable. Try again when you're back online."),
        ),
        LoadError::Cors { proxies_tried } if proxies_tried.is_empty() => msg(
            format!("{host} doesn't let other sites read its feed (CORS)"),
            format!(
                "The server answered, but without the Access-Control-Allow-Origin header a \
                 browser needs before a page may read a feed from {host}."
            ),
            Some(
                "Add a CORS proxy in Settings (or ?proxy= in the page address) and try again, \
                 or ask the site to allow cross-origin requests.",
            ),
        ),
        LoadError::Cors { proxies_tried } => msg(
            format!("Couldn't read the feed from {host}"),
            format!(
                "{host} blocks cross-origin reads (CORS), and the proxy {} failed too.",
                proxies_tried.join(", then ")
            ),
            Some("Check the proxy in Settings (its Test button tells whether it works)."),
        ),
        LoadError::Unreachable => msg(
            format!("Couldn't reach {host}"),
            format!("No answer came from {host}: it may be down, or the address may be wrong."),
            Some("Check the address, or try again later."),
        ),
        LoadError::Http { status } => http_message(&host, *status),
        LoadError::Timeout { secs } => msg(
            format!("{host} took too long to answer"),
            format!("No complete answer came within {secs} seconds."),
            Some("The server may be slow or overloaded. Try again later."),
        ),
        LoadError::TooLarge { limit } => msg(
            "The feed is too large",
            format!(
                "{host} sent more than {} MB, the most this reader accepts.",
                limit / 1_000_000
            ),
            Some("The limit can be raised in Settings."),
        ),
        LoadError::SeveralFeeds(found) => msg(
            format!("{host} offers {} feeds", found.len()),
            "The address is a web page that links to several feeds.",
            Some("Pick the one to read."),
        ),
        LoadError::NoFeedOnPage => msg(
            "No feed found on that page",
            format!(
                "{host} sent a web page that links to no RSS, Atom or JSON feed, and none \
                 was found at the usual addresses (/feed, /rss.xml, /atom.xml …)."
            ),
            Some("Look on the site for a feed or RSS link and paste its address."),
        ),
        LoadError::Parse(ParseError::Html) => msg(
            "That's a web page, not a feed",
            format!("{host} sent an HTML page instead of an RSS, Atom or JSON feed."),
            Some("Paste the address of the site's feed (often /feed or /rss.xml)."),
        ),
        LoadError::Parse(ParseError::Empty) => msg(
            "The feed is empty",
            format!("{host} sent an empty document."),
            None,
        ),
        LoadError::Parse(ParseError::TooLarge { limit }) => msg(
            "The feed is too large",
            format!(
                "It is larger than {} MB, the most this reader parses.",
                limit / 1_000_000
            ),
            None,
        ),
        LoadError::Parse(ParseError::UnsupportedEncoding(label)) => msg(
            "The feed can't be decoded",
            format!("It is written in the character set “{label}”, which this browser can't read."),
            None,
        ),
        LoadError::Parse(err @ ParseError::NotAFeed(_)) => msg(
            "That's not a feed",
            format!("{}.", capitalize(&err.to_string())),
            Some("Check that the address points at an RSS, Atom or JSON feed."),
        ),
        LoadError::Forem(err) => forem_message(&host, err),
    }
}

/// The words for a Forem API answer that carries no posts. `host` names the site ("dev.to").
fn forem_message(host: &str, error: &ForemError) -> UserMessage {
    match error {
        ForemError::NoUser(name) => msg(
            format!("{host} has no user {name}"),
            format!(
                "{host} lists no posts by “{name}”: there is no user or organization by that \
                 name, or they have published nothing yet."
            ),
            Some("Check the name in the address (the part after /feed/)."),
        ),
        ForemError::RateLimited => msg(
            format!("{host} is limiting requests; try again in a minute"),
            format!("{host} answered “too many requests” (HTTP 429)."),
            None,
        ),
        ForemError::Down(status) => msg(
            format!("The {host} API isn't working ({status})"),
            format!("{host} had a problem answering, so its posts can't be fetched right now."),
            Some("Try again later."),
        ),
        ForemError::Unreadable(reason) => msg(
            format!("The {host} API sent something unexpected"),
            format!("Its answer isn't a list of posts: {reason}."),
            Some("Try again later."),
        ),
    }
}

/// Which route served the feed on screen, when it was the API of the site at `host`.
pub fn via_api(host: &str) -> String {
    format!("via the {host} API")
}

/// Shown while an article's body is fetched from the API of the site at `host`.
pub fn body_loading(host: &str) -> String {
    format!("Loading the full article from {host}…")
}

/// Shown when an article's body could not be fetched from `address` (the feed's address);
/// the summary stays below it.
pub fn body_failed(error: &LoadError, address: &str) -> String {
    format!(
        "The full article couldn't be loaded: {}.",
        describe(error, address).title
    )
}

/// The notice when a fetched article body could not be kept in the offline copy.
pub fn body_not_saved_notice(host: &str, reason: &str) -> String {
    format!("The article from {host} was not kept for offline reading: {reason}.")
}

fn http_message(host: &str, status: u16) -> UserMessage {
    let (detail, hint) = match status {
        404 | 410 => (
            "There is no feed at this address (it may have moved).",
            Some("Check the address, or paste the site's home page address."),
        ),
        401 | 403 => ("The server refused access to this feed.", None),
        429 => (
            "The server is limiting how often it may be asked.",
            Some("Wait a few minutes, then try again."),
        ),
        500..=599 => (
            "The server had a problem answering.",
            Some("Try again later."),
        ),
        _ => (
            "The server didn't send the feed.",
            Some("Check the address and try again."),
        ),
    };
    msg(
        format!("{host} answered with an error ({status})"),
        detail,
        hint,
    )
}

/// The notice shown above a feed that was read despite errors in it.
pub fn malformed_notice() -> &'static str {
    "This feed has errors; it is shown as well as possible."
}

/// The notice shown when the copy on screen could not be refreshed.
pub fn stale_notice(fetched_ago: &str, reason: &str) -> String {
    format!("Showing the copy from {fetched_ago}: {reason}")
}

/// The notice shown when stored data could not be read and was reset.
pub fn reset_notice(what: &str) -> String {
    format!("Your saved {what} couldn't be read and were reset to the defaults.")
}

/// The notice when stored data was written by a newer version of Rillet in another tab.
pub fn newer_version_notice() -> String {
    "A newer version of Rillet saved your data in another tab. Reload this page to use it; \
     changes made here are not saved over it."
        .to_string()
}

/// The notice when the browser offers no storage to the page.
pub fn storage_unavailable_notice(reason: &str) -> String {
    format!("Your subscriptions can't be kept in this browser ({reason}); they last until the page closes.")
}

/// The notice when a change could not be saved.
pub fn not_saved_notice(reason: &str) -> String {
    format!("Your last change was not saved: {reason}.")
}

/// The notice when a dropped or picked file could not be read.
pub fn file_unreadable_notice() -> String {
    "That file couldn't be read.".to_string()
}

/// The undo notice after unsubscribing.
pub fn unsubscribed_notice(name: &str) -> String {
    format!("Unsubscribed from {name}.")
}

/// A reason as a sentence: capitalized, with a full stop.
pub fn sentence(reason: &str) -> String {
    let mut s = capitalize(reason);
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl UserMessage {
    /// The whole message as one line of sentences, for a notice with no room for a
    /// headline: "Title. Detail Hint".
    pub fn one_line(&self) -> String {
        let mut out = sentence(&self.title);
        for part in [Some(&self.detail), self.hint.as_ref()]
            .into_iter()
            .flatten()
        {
            out.push(' ');
            out.push_str(part);
        }
        out
    }
}

/// The words for a file that could not be imported as OPML.
pub fn opml_error(error: &crate::opml::OpmlError) -> UserMessage {
    use crate::opml::OpmlError;
    const CHOOSE: &str = "Choose the .opml (or .xml) file your feed reader exported.";
    match error {
        OpmlError::Empty => msg(
            "The file is empty",
            "There is nothing in it to import.",
            Some(CHOOSE),
        ),
        OpmlError::Json => msg(
            "That's not an OPML file",
            "It is a JSON file, not a list of subscriptions (OPML).",
            Some("If it is a Rillet backup, restore it as a backup instead."),
        ),
        OpmlError::NotXml => msg(
            "That's not an OPML file",
            "The file isn't a list of subscriptions (OPML).",
            Some(CHOOSE),
        ),
        OpmlError::NotOpml { root } if matches!(root.as_str(), "rss" | "feed" | "rdf") => msg(
            "That's a feed, not a list of subscriptions",
            "The file is a single feed (RSS or Atom), not an OPML list.",
            Some("To follow it, subscribe to its address instead."),
        ),
        OpmlError::NotOpml { root } => msg(
            "That's not an OPML file",
            format!("It is an XML document, but its root element is <{root}>, not <opml>."),
            Some(CHOOSE),
        ),
    }
}

/// What an OPML import did, in a sentence or three.
pub fn opml_imported(report: &crate::opml::ImportReport) -> String {
    let (added, dup, bad) = (
        report.added,
        report.skipped_duplicates,
        report.skipped_invalid,
    );
    if added + dup + bad == 0 {
        return "The file lists no feeds.".into();
    }
    let mut out = match added {
        0 => "No new feeds were added.".to_string(),
        1 => "Added 1 feed.".to_string(),
        n => format!("Added {n} feeds."),
    };
    match dup {
        0 => {}
        1 => out.push_str(" 1 was already followed."),
        n => out.push_str(&format!(" {n} were already followed.")),
    }
    match bad {
        0 => {}
        1 => out.push_str(" 1 was skipped because its address isn't a web address."),
        n => out.push_str(&format!(
            " {n} were skipped because their addresses aren't web addresses."
        )),
    }
    out
}

/// The words for a file that could not be restored as a backup.
pub fn backup_error(error: &crate::backup::BackupError) -> UserMessage {
    use crate::backup::{BackupError, BACKUP_VERSION};
    const CHOOSE: &str = "Choose a backup file that Rillet exported.";
    match error {
        BackupError::Empty => msg(
            "The file is empty",
            "There is nothing in it to restore.",
            Some(CHOOSE),
        ),
        BackupError::NotJson(_) => msg(
            "That's not a Rillet backup",
            "The file isn't a backup (it isn't JSON).",
            Some(CHOOSE),
        ),
        BackupError::Opml => msg(
            "That's a list of subscriptions, not a backup",
            "The file is an OPML list of feeds, as feed readers export them.",
            Some("Import it as OPML to add its feeds."),
        ),
        BackupError::Foreign { app: Some(app) } => msg(
            "That's not a Rillet backup",
            format!("The file was made by “{app}”, not by Rillet."),
            Some(CHOOSE),
        ),
        BackupError::Foreign { app: None } => msg(
            "That's not a Rillet backup",
            "It is a JSON file, but not one Rillet made.",
            Some(CHOOSE),
        ),
        BackupError::Newer(version) => msg(
            "This backup is from a newer Rillet",
            format!(
                "It is in backup format {version}, and this version of Rillet reads up to \
                 format {BACKUP_VERSION}. Nothing was changed."
            ),
            Some("Reload the page to get the newest Rillet, then try again."),
        ),
        BackupError::Unreadable(reason) => msg(
            "The backup is damaged",
            format!(
                "Rillet made it, but part of it can't be read ({reason}). Nothing was changed."
            ),
            None,
        ),
    }
}

/// The question before a backup replaces what the reader has.
pub fn backup_confirm(backup: &crate::backup::Backup) -> String {
    let n = backup.library.subscriptions.len();
    let feeds = if n == 1 {
        "1 subscription".to_string()
    } else {
        format!("{n} subscriptions")
    };
    format!(
        "Replace your subscriptions, reading marks and settings with this backup's \
         ({feeds}, exported {})?",
        backup.exported_at
    )
}

/// The notice after a backup was restored.
pub fn backup_restored() -> String {
    "Your backup was restored.".to_string()
}

/// Words only the widget says (to a visitor of someone else's site).
pub mod widget {
    /// While the feed loads.
    pub const LOADING: &str = "Loading articles…";
    /// A feed that loaded but has nothing in it.
    pub const EMPTY: &str = "No articles yet.";
    /// The link under a failure, to the feed itself.
    pub const OPEN_FEED: &str = "Open the feed";
    /// The accessible name of the list of entries.
    pub const LIST_LABEL: &str = "Latest articles";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cors_block_names_cors_the_host_and_the_proxy_remedy() {
        let m = describe(
            &LoadError::Cors {
                proxies_tried: vec![],
            },
            "https://blog.example.org/feed.xml",
        );
        assert!(m.title.contains("blog.example.org") && m.title.contains("CORS"));
        assert!(m.hint.unwrap().contains("proxy"));
        let m = describe(
            &LoadError::Cors {
                proxies_tried: vec!["proxy.example".into()],
            },
            "https://blog.example.org/feed.xml",
        );
        assert!(m.detail.contains("proxy.example"));
    }

    #[test]
    fn http_errors_give_the_status() {
        let m = describe(&LoadError::Http { status: 404 }, "https://x.example/feed");
        assert_eq!(m.title, "x.example answered with an error (404)");
        let m = describe(&LoadError::Http { status: 500 }, "https://x.example/feed");
        assert_eq!(m.title, "x.example answered with an error (500)");
    }

    #[test]
    fn forem_api_errors_keep_their_own_words() {
        let at = "https://dev.to/feed/nobody";
        let m = describe(&LoadError::Forem(ForemError::NoUser("nobody".into())), at);
        assert_eq!(m.title, "dev.to has no user nobody");
        let m = describe(&LoadError::Forem(ForemError::RateLimited), at);
        assert_eq!(
            m.title,
            "dev.to is limiting requests; try again in a minute"
        );
        let m = describe(&LoadError::Forem(ForemError::Down(502)), at);
        assert_eq!(m.title, "The dev.to API isn't working (502)");
        assert_eq!(via_api("dev.to"), "via the dev.to API");
        assert_eq!(
            body_failed(&LoadError::Forem(ForemError::RateLimited), at),
            "The full article couldn't be loaded: dev.to is limiting requests; try again in a \
             minute."
        );
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

    #[test]
    fn every_error_has_a_title_and_a_detail() {
        let all = [
            LoadError::InvalidUrl,
            LoadError::Offline,
            LoadError::Cors {
                proxies_tried: vec![],
            },
            LoadError::Unreachable,
            LoadError::Http { status: 418 },
            LoadError::Timeout { secs: 15 },
            LoadError::TooLarge { limit: 20_000_000 },
            LoadError::SeveralFeeds(vec![]),
            LoadError::NoFeedOnPage,
            LoadError::Parse(ParseError::Html),
            LoadError::Parse(ParseError::Empty),
            LoadError::Parse(ParseError::UnsupportedEncoding("x-mac-klingon".into())),
            LoadError::Forem(ForemError::NoUser("nobody".into())),
            LoadError::Forem(ForemError::RateLimited),
            LoadError::Forem(ForemError::Down(503)),
            LoadError::Forem(ForemError::Unreadable("not JSON")),
        ];
        for e in all {
            let m = describe(&e, "https://x.example/feed");
            assert!(!m.title.is_empty() && !m.detail.is_empty(), "{e:?}");
        }
    }
}
