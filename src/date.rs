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

/// Reads a date in any form feeds use: RFC 822/2822 and its wild variants (RSS), RFC 3339
/// and ISO 8601 (Atom, JSON Feed, Dublin Core), `YYYY/M/D H:MM:SS`, and Unix seconds.
///
/// A date without a zone is UTC. Impossible dates (month 13, 30 February) are `None`, never
/// rolled over; a leap second `23:59:60` is read as `23:59:59`.
pub fn parse_date(input: &str) -> Option<Timestamp> {
    let s = input.trim_matches(|c: char| c.is_whitespace());
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    let b = s.as_bytes();
    let leading_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if leading_digits == b.len() && (9..=11).contains(&leading_digits) {
        // Unix seconds (some generators write them in <pubDate>).
        return s.parse().ok().map(Timestamp);
    }
    if leading_digits == 4 || leading_digits == 8 {
        if let Some(t) = parse_iso(b) {
            return Some(t);
        }
    }
    parse_rfc822(s)
}

/// Splits off `n` ASCII digits at `*i`, as a number.
fn digits(b: &[u8], i: &mut usize, min: usize, max: usize) -> Option<u32> {
    let n = b[*i..]
        .iter()
        .take(max)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n < min {
        return None;
    }
    let v = b[*i..*i + n]
        .iter()
        .fold(0u32, |acc, c| acc * 10 + u32::from(c - b'0'));
    *i += n;
    Some(v)
}

/// ISO 8601 / RFC 3339: `YYYY-MM-DD[(T| )hh:mm[:ss[.frac]]][Z|±hh[:mm]]`, the basic form
/// `YYYYMMDDThhmmssZ`, `YYYY-MM`, and `YYYY/M/D H:MM[:SS]` (rss20_kc0011.xml).
fn parse_iso(b: &[u8]) -> Option<Timestamp> {
    let mut i = 0;
    let year = digits(b, &mut i, 4, 4)? as i32;
    let sep = b.get(i).copied();
    let (month, day) = match sep {
        Some(c @ (b'-' | b'/')) => {
            i += 1;
            let month = digits(b, &mut i, 1, 2)?;
            let day = if b.get(i) == Some(&c) {
                i += 1;
                digits(b, &mut i, 1, 2)?
            } else {
                1
            };
            (month, day)
        }
        Some(b'0'..=b'9') => {
            let month = digits(b, &mut i, 2, 2)?;
            (month, digits(b, &mut i, 2, 2)?)
        }
        None => (1, 1),
        _ => return None,
    };
    let (mut h, mut mi, mut sec) = (0, 0, 0);
    let mut offset = 0i64;
    if i < b.len() {
        match b[i] {
            b'T' | b't' | b' ' => i += 1,
            _ => return None,
        }
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        h = digits(b, &mut i, 1, 2)?;
        if b.get(i) == Some(&b':') {
            i += 1;
        }
        mi = digits(b, &mut i, 2, 2)?;
        if b.get(i) == Some(&b':') {
            i += 1;
            sec = digits(b, &mut i, 2, 2)?;
        } else if b.get(i).is_some_and(u8::is_ascii_digit) {
            sec = digits(b, &mut i, 2, 2)?;
        }
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            digits(b, &mut i, 1, 12)?;
        }
        let rest = std::str::from_utf8(&b[i..]).ok()?.trim();
        if !rest.is_empty() {
            offset = zone_offset(rest)?;
        }
    }
    finish(year, month, day, h, mi, sec, offset)
}

/// Builds the instant, rejecting impossible fields; `offset` is the zone's seconds east of UTC.
fn finish(
    year: i32,
    month: u32,
    day: u32,
    h: u32,
    mi: u32,
    sec: u32,
    offset: i64,
) -> Option<Timestamp> {
    // A leap second is kept in its minute rather than rolled into the next day.
    let sec = if sec == 60 { 59 } else { sec };
    // ISO's 24:00 is the end of the day: the next midnight.
    let (h, extra) = if h == 24 && mi == 0 && sec == 0 {
        (0, 86_400)
    } else {
        (h, 0)
    };
    let t = Timestamp::from_utc_fields(year, month, day, h, mi, sec)?;
    Some(Timestamp(t.0 + extra - offset))
}

/// A zone: `Z`, `UT`, `GMT`, a North American or other common name, or a numeric offset
/// (`+0530`, `-05:00`, `+01`, `GMT+1`). Seconds east of UTC.
fn zone_offset(z: &str) -> Option<i64> {
    let z = z.trim().trim_start_matches('(').trim_end_matches(')');
    let upper = z.to_ascii_uppercase();
    let numeric = |s: &str| -> Option<i64> {
        let (sign, rest) = match s.as_bytes().first()? {
            b'+' => (1, &s[1..]),
            b'-' => (-1, &s[1..]),
            _ => return None,
        };
        let rest = rest.trim();
        let (h, m) = match rest.split_once(':') {
            Some((h, m)) => (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?),
            None if rest.len() <= 2 => (rest.parse::<i64>().ok()?, 0),
            None if rest.len() == 4 => (
                rest[..2].parse::<i64>().ok()?,
                rest[2..].parse::<i64>().ok()?,
            ),
            None if rest.len() == 3 => (
                rest[..1].parse::<i64>().ok()?,
                rest[1..].parse::<i64>().ok()?,
            ),
            None => return None,
        };
        if h > 23 || m > 59 || rest.starts_with(['+', '-']) {
            return None;
        }
        Some(sign * (h * 3600 + m * 60))
    };
    if upper.starts_with(['+', '-']) {
        return numeric(&upper);
    }
    // `GMT+01:00`, `UTC-5`.
    for prefix in ["GMT", "UTC", "UT"] {
        if let Some(rest) = upper.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return numeric(rest);
            }
        }
    }
    let hours: f64 = match upper.as_str() {
        "Z" | "UT" | "UTC" | "GMT" | "WET" | "Z0" => 0.0,
        "EST" => -5.0,
        "EDT" => -4.0,
        "CST" => -6.0,
        "CDT" => -5.0,
        "MST" => -7.0,
        "MDT" => -6.0,
        "PST" => -8.0,
        "PDT" => -7.0,
        "AKST" => -9.0,
        "AKDT" => -8.0,
        "HST" | "HAST" => -10.0,
        "AST" => -4.0,
        "ADT" => -3.0,
        "NST" => -3.5,
        "NDT" => -2.5,
        "BRT" | "ART" => -3.0,
        "BST" | "CET" | "MET" | "WEST" | "WAT" => 1.0,
        "CEST" | "MEST" | "EET" | "SAST" | "CAT" => 2.0,
        "EEST" | "MSK" | "EAT" => 3.0,
        "IST" => 5.5,
        "PKT" => 5.0,
        "ICT" | "WIB" => 7.0,
        "SGT" | "HKT" | "AWST" | "PHT" => 8.0,
        "JST" | "KST" => 9.0,
        "ACST" => 9.5,
        "AEST" => 10.0,
        "AEDT" => 11.0,
        "NZST" => 12.0,
        "NZDT" => 13.0,
        _ => return None,
    };
    Some((hours * 3600.0) as i64)
}

/// `jan`…`dec` (English, three letters or the full name) to 1…12.
fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // `Sept` is common; anything else must be the abbreviation or a prefix of the full name.
    (w.len() == 3 || FULL[i].starts_with(w) || w == "sept").then_some(i as u32 + 1)
}

/// RFC 822/2822 and its relatives: `[Day,] D Mon YY[YY] H:MM[:SS] [zone]`, also without a
/// weekday, with a localized weekday, month first (`Jan 2, 2006`), with `14-Apr-2026`, with
/// AM/PM, or asctime's `Sun Nov  6 08:49:37 1994`. No zone means UTC.
fn parse_rfc822(s: &str) -> Option<Timestamp> {
    let mut tokens: Vec<&str> = Vec::with_capacity(8);
    for t in s.split(|c: char| c.is_whitespace() || c == ',') {
        if t.is_empty() {
            continue;
        }
        // `14-Apr-2026`: a date written with dashes.
        if t.contains('-')
            && t.bytes().any(|c| c.is_ascii_alphabetic())
            && !t.starts_with(['+', '-'])
        {
            let parts: Vec<&str> = t.split('-').collect();
            if parts.len() == 3 && parts.iter().any(|p| month_number(p).is_some()) {
                tokens.extend(parts);
                continue;
            }
        }
        tokens.push(t);
        if tokens.len() > 12 {
            return None;
        }
    }
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut time = None;
    let mut offset = None;
    let mut pm = None;
    for (idx, t) in tokens.iter().enumerate() {
        let t = *t;
        if t.contains(':') && time.is_none() && t.as_bytes()[0].is_ascii_digit() {
            time = Some(parse_clock(t)?);
        } else if let Some(m) = month_number(t).filter(|_| month.is_none()) {
            month = Some(m);
        } else if t.bytes().all(|c| c.is_ascii_digit()) {
            let v: u32 = t.parse().ok()?;
            if day.is_none()
                && t.len() <= 2
                && (month.is_none() || year.is_none())
                && !(month.is_some() && idx + 1 == tokens.len())
            {
                day = Some(v);
            } else if year.is_none() {
                year = Some(match (t.len(), v) {
                    // RFC 2822: two-digit years 00-49 are 20xx, 50-99 are 19xx.
                    (1 | 2, 0..=49) => 2000 + v,
                    (1 | 2, _) => 1900 + v,
                    (3, _) => 1900 + v,
                    _ => v,
                });
            } else {
                return None;
            }
        } else if day.is_none() && month.is_some() && t.len() <= 4 && {
            let d = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            !d.is_empty() && d.len() <= 2 && d.bytes().all(|c| c.is_ascii_digit())
        } {
            // `Jan 2nd, 2006`.
            day = t
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .ok();
        } else if t.eq_ignore_ascii_case("am") || t.eq_ignore_ascii_case("pm") {
            pm = Some(t.eq_ignore_ascii_case("pm"));
        } else if time.is_some() || year.is_some() {
            // After the date and time, what is left is the zone (maybe split: `GMT +0100`).
            let z = zone_offset(t);
            match (offset, z) {
                (None, Some(z)) => offset = Some(z),
                (Some(0), Some(z)) if t.starts_with(['+', '-']) => offset = Some(z),
                _ => {}
            }
        } else if idx == 0
            && (!t.is_ascii() || t.bytes().all(|c| c.is_ascii_alphabetic() || c == b'.'))
        {
            // A weekday, in any language: ignored.
        } else {
            return None;
        }
    }
    let (mut h, mi, sec) = time.unwrap_or((0, 0, 0));
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    finish(year? as i32, month?, day?, h, mi, sec, offset.unwrap_or(0))
}

/// `H:MM`, `HH:MM:SS` or `HH:MM:SS.fff`.
fn parse_clock(t: &str) -> Option<(u32, u32, u32)> {
    let mut parts = t.split(':');
    let h = parts.next()?.parse().ok()?;
    let mi = parts.next()?.parse().ok()?;
    let sec = match parts.next() {
        Some(s) => s.split(['.', ',']).next()?.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((h, mi, sec))
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
