//! What the UI shows about an entry, computed from the model: pure, so it is tested natively.
//!
//! Owns: choices (which relative-time unit, which picture, how long to read). Must not touch:
//! the DOM or the browser's Intl (the app passes these choices to Intl for the words).

use crate::model::{ContentKind, Entry};
use crate::text;

/// A relative time as Intl.RelativeTimeFormat takes it: a signed count and a unit name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Relative {
    pub value: f64,
    pub unit: &'static str,
}

/// The unit a person would use for a time `delta_secs` from now (negative: in the past):
/// seconds under a minute, then minutes, hours, days, weeks (under a month), months, years.
pub fn relative(delta_secs: i64) -> Relative {
    const MIN: i64 = 60;
    const HOUR: i64 = 60 * MIN;
    const DAY: i64 = 24 * HOUR;
    const WEEK: i64 = 7 * DAY;
    const MONTH: i64 = 30 * DAY;
    const YEAR: i64 = 365 * DAY;
    let abs = delta_secs.abs();
    let (size, unit) = match abs {
        a if a < MIN => (1, "second"),
        a if a < HOUR => (MIN, "minute"),
        a if a < DAY => (HOUR, "hour"),
        a if a < WEEK => (DAY, "day"),
        a if a < MONTH => (WEEK, "week"),
        a if a < YEAR => (MONTH, "month"),
        _ => (YEAR, "year"),
    };
    // Whole units, rounded toward zero: "6 days ago" until it has been a full week.
    let count = (abs / size) as f64;
    Relative {
        value: if delta_secs < 0 { -count } else { count },
        unit,
    }
}

/// About this many characters of plain text stand for an entry in the list.
pub const EXCERPT_CHARS: usize = 200;

/// The list's plain-text teaser: the summary when the feed gives one, else the content.
pub fn excerpt(entry: &Entry) -> String {
    match entry.summary.as_ref().or(entry.content.as_ref()) {
        Some(c) => text::excerpt(&c.value, c.kind == ContentKind::Html, EXCERPT_CHARS),
        None => String::new(),
    }
}

/// Minutes to read the entry: the publisher's figure when given, else counted from the body.
pub fn reading_minutes(entry: &Entry) -> Option<u32> {
    if let Some(m) = entry.reading_minutes {
        return Some(m.max(1));
    }
    let body = entry.body()?;
    (!body.value.trim().is_empty()).then(|| text::reading_minutes(&body.value))
}

/// A podcast's length for people: "42 min", "1 h 5 min", "45 s".
pub fn duration_label(secs: u32) -> String {
    if secs < 60 {
        return format!("{secs} s");
    }
    let (h, m) = (secs / 3600, (secs % 3600 + 30) / 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The entry's picture for the list, when it is an http(s) address.
pub fn thumbnail(entry: &Entry) -> Option<&str> {
    entry.image.as_deref().filter(|u| is_http_url(u))
}

/// Whether `s` is an absolute http:// or https:// address (the only kind the app loads).
pub fn is_http_url(s: &str) -> bool {
    let lower = s.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    lower.starts_with("https://") || lower.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_units_follow_how_people_count() {
        let table = [
            (-5, -5.0, "second"),
            (-59, -59.0, "second"),
            (-60, -1.0, "minute"),
            (-3 * 3600 - 5, -3.0, "hour"),
            (-(3 * 86400), -3.0, "day"),
            (-(6 * 86400 + 86399), -6.0, "day"),
            (-(7 * 86400), -1.0, "week"),
            (-(45 * 86400), -1.0, "month"),
            (-(400 * 86400), -1.0, "year"),
            (2 * 3600, 2.0, "hour"),
        ];
        for (delta, value, unit) in table {
            assert_eq!(relative(delta), Relative { value, unit }, "delta {delta}");
        }
    }

    #[test]
    fn durations_read_like_people_say_them() {
        assert_eq!(duration_label(45), "45 s");
        assert_eq!(duration_label(42 * 60 + 10), "42 min");
        assert_eq!(duration_label(3600 + 5 * 60), "1 h 5 min");
        assert_eq!(duration_label(7200), "2 h");
    }

    #[test]
    fn only_http_urls_are_shown_as_pictures() {
        let mut e = Entry {
            image: Some("javascript:alert(1)".into()),
            ..Entry::default()
        };
        assert_eq!(thumbnail(&e), None);
        e.image = Some("HTTPS://img.example/a.png".into());
        assert_eq!(thumbnail(&e), Some("HTTPS://img.example/a.png"));
    }
}
