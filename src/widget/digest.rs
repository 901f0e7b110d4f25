//! What a widget shows of a feed: its title and link, and the newest entries as plain text,
//! computed once from the parsed feed so the view only lays them out.
//!
//! No article body is ever shown, so no HTML reaches the widget's page and the widget's build
//! does not carry the sanitizer.
//! Owns: choosing and shaping the entries. Must not touch: the DOM or the network.

use std::cmp::Reverse;

use super::options::WidgetOptions;
use crate::date::Timestamp;
use crate::model::{Entry, Feed};
use crate::present;

/// One entry as the widget shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestEntry {
    pub title: String,
    /// The original article (http or https only).
    pub link: Option<String>,
    pub date: Option<Timestamp>,
    /// Plain text, empty when the options turn excerpts off or the entry has none.
    pub excerpt: String,
    /// A picture's http(s) address.
    pub thumbnail: Option<String>,
}

/// A feed as the widget shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Digest {
    pub title: String,
    /// The feed's site (http or https only).
    pub link: Option<String>,
    pub entries: Vec<DigestEntry>,
}

impl Digest {
    /// The `options.limit` newest entries of `feed` (undated ones after, in feed order).
    pub fn of(feed: &Feed, options: &WidgetOptions) -> Digest {
        let mut entries: Vec<(usize, &Entry)> = feed.entries.iter().enumerate().collect();
        entries.sort_by_key(|(i, e)| (e.date().is_none(), Reverse(e.date()), *i));
        let entries = entries
            .into_iter()
            .take(options.limit)
            .map(|(_, e)| DigestEntry {
                title: e
                    .title
                    .clone()
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| "(untitled)".to_string()),
                link: e.link.clone().filter(|l| present::is_http_url(l)),
                date: e.date(),
                excerpt: if options.excerpt {
                    present::excerpt(e)
                } else {
                    String::new()
                },
                thumbnail: present::thumbnail(e).map(str::to_string),
            })
            .collect();
        Digest {
            title: feed
                .title
                .clone()
                .unwrap_or_else(|| "Latest articles".into()),
            link: feed.link.clone().filter(|l| present::is_http_url(l)),
            entries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_feed, ParseOptions};

    fn builtin() -> Feed {
        let bytes = include_bytes!("../../assets/forem_hadil_rss20.xml");
        parse_feed(bytes, &ParseOptions::default()).expect("the built-in feed parses")
    }

    #[test]
    fn the_built_in_feed_gives_its_newest_entries_up_to_the_limit() {
        let feed = builtin();
        let options = WidgetOptions {
            limit: 3,
            ..WidgetOptions::default()
        };
        let digest = Digest::of(&feed, &options);
        assert_eq!(digest.title, "Forem: Hadil Ben Abdallah");
        assert_eq!(digest.entries.len(), 3);
        assert_eq!(
            digest.entries[0].title,
            "30 Web Development Tips from a Mid-Level Developer"
        );
        let dates: Vec<_> = digest.entries.iter().map(|e| e.date).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
        assert!(digest
            .entries
            .iter()
            .all(|e| e.link.as_deref().is_some_and(|l| l.starts_with("https://"))));
        assert!(digest.entries.iter().all(|e| !e.excerpt.is_empty()));
    }

    #[test]
    fn excerpts_can_be_turned_off_and_the_limit_never_exceeds_the_feed() {
        let feed = builtin();
        let options = WidgetOptions {
            limit: 30,
            excerpt: false,
            ..WidgetOptions::default()
        };
        let digest = Digest::of(&feed, &options);
        assert_eq!(digest.entries.len(), 12);
        assert!(digest.entries.iter().all(|e| e.excerpt.is_empty()));
    }

    #[test]
    fn unsafe_links_are_dropped_and_undated_entries_come_last() {
        let mut feed = Feed::new(crate::model::FeedFormat::Rss20);
        feed.link = Some("javascript:alert(1)".into());
        feed.entries = vec![
            Entry {
                title: Some("undated".into()),
                link: Some("javascript:alert(1)".into()),
                ..Entry::default()
            },
            Entry {
                title: Some("dated".into()),
                published: Some(Timestamp::from_unix(1_700_000_000)),
                ..Entry::default()
            },
        ];
        let digest = Digest::of(&feed, &WidgetOptions::default());
        assert_eq!(digest.link, None);
        assert_eq!(digest.title, "Latest articles");
        assert_eq!(digest.entries[0].title, "dated");
        assert_eq!(digest.entries[1].link, None);
    }
}
