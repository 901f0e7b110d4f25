//! Dates: every shape feeds write them in, read into one UTC instant.
//!
//! Owns: [`Timestamp`] and [`parse_date`]. Must not touch: the DOM or the clock (formatting for
//! people, "3 days ago", is the browser's Intl, in the UI).
//!
//! A date that cannot be read is `None` for that field only; it never fails an entry.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A UTC instant, whole seconds since the Unix epoch.
///
/// Serialized as `YYYY-MM-DDTHH:MM:SSZ`, the form the normalized JSON uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    pub fn from_unix(secs: i64) -> Self {
        Timestamp(secs)
    }

    pub fn unix(self) -> i64 {
        self.0
    }

    /// Milliseconds since the epoch, as JavaScript's `Date` wants them.
    pub fn unix_millis(self) -> f64 {
        self.0 as f64 * 1000.0
    }

    /// A calendar date and time in UTC; `None` when a field is out of range.
    pub fn from_utc_fields(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<Self> {
        let dt = NaiveDate::from_ymd_opt(y, mo, d)?.and_hms_opt(h, mi, s)?;
        Some(Timestamp(dt.and_utc().timestamp()))
    }

    fn to_chrono(self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(self.0, 0)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn to_rfc3339(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use chrono::{Datelike, Timelike};
        match self.to_chrono() {
            Some(dt) => write!(
                f,
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                dt.year(),
                dt.month(),
                dt.day(),
                dt.hour(),
                dt.minute(),
                dt.second()
            ),
            None => write!(f, "@{}", self.0),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_date(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

/// Reads a date in any form feeds use: RFC 822/2822 (RSS) or RFC 3339/ISO 8601 (Atom, JSON
/// Feed, Dublin Core).
pub fn parse_date(input: &str) -> Option<Timestamp> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    DateTime::parse_from_rfc2822(s)
        .or_else(|_| DateTime::parse_from_rfc3339(s))
        .ok()
        .map(|dt| Timestamp(dt.timestamp()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_utc_seconds() {
        let t = Timestamp::from_utc_fields(2026, 4, 14, 13, 0, 43).unwrap();
        assert_eq!(t.to_string(), "2026-04-14T13:00:43Z");
    }

    #[test]
    fn reads_rfc822_and_rfc3339() {
        let a = parse_date("Tue, 14 Apr 2026 13:00:43 +0000").unwrap();
        let b = parse_date("2026-04-14T15:00:43+02:00").unwrap();
        assert_eq!(a, b);
    }
}
