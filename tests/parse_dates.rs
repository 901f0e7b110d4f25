//! Table tests for `parse_date`: every date shape seen in feeds -> the exact UTC instant.

use rillet::date::parse_date;

fn check(cases: &[(&str, Option<&str>)]) {
    for (input, want) in cases {
        let got = parse_date(input).map(|t| t.to_rfc3339());
        assert_eq!(got.as_deref(), *want, "input {input:?}");
    }
}

// Why: RSS pubDate as written by real generators (rss20_dates_rfc822_variants.xml).
#[test]
fn rfc822_variants() {
    check(&[
        (
            "Mon, 02 Jan 2006 15:04:05 GMT",
            Some("2006-01-02T15:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 +0000",
            Some("2006-01-02T15:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 -0700",
            Some("2006-01-02T22:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 EST",
            Some("2006-01-02T20:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 EDT",
            Some("2006-01-02T19:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 CST",
            Some("2006-01-02T21:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 CDT",
            Some("2006-01-02T20:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 MST",
            Some("2006-01-02T22:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 MDT",
            Some("2006-01-02T21:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 PST",
            Some("2006-01-02T23:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 PDT",
            Some("2006-01-02T22:04:05Z"),
        ),
        ("Mon, 02 Jan 2006 15:04:05 Z", Some("2006-01-02T15:04:05Z")),
        ("Mon, 02 Jan 2006 15:04:05 UT", Some("2006-01-02T15:04:05Z")),
        (
            "Mon, 02 Jan 2006 15:04:05 CET",
            Some("2006-01-02T14:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 BST",
            Some("2006-01-02T14:04:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 IST",
            Some("2006-01-02T09:34:05Z"),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 GMT+01:00",
            Some("2006-01-02T14:04:05Z"),
        ),
        ("02 Jan 2006 15:04:05 +0100", Some("2006-01-02T14:04:05Z")),
        (
            "Mon, 2 Jan 2006 15:04:05 +0530",
            Some("2006-01-02T09:34:05Z"),
        ),
        (
            "Mon, 2 Jan 2006 5:04:05 +0000",
            Some("2006-01-02T05:04:05Z"),
        ),
        ("Mon, 02 Jan 2006 15:04 GMT", Some("2006-01-02T15:04:00Z")),
        (
            "mon, 02 jan 2006 15:04:05 gmt",
            Some("2006-01-02T15:04:05Z"),
        ),
        (
            "Monday, 02 January 2006 15:04:05 GMT",
            Some("2006-01-02T15:04:05Z"),
        ),
        (
            "Mon,  02  Jan  2006  15:04:05  GMT",
            Some("2006-01-02T15:04:05Z"),
        ),
        (
            "Mon, 02 Sep 2013 08:00:00 +1345",
            Some("2013-09-01T18:15:00Z"),
        ),
        (
            "Thu, 29 Feb 2024 23:59:59 -1200",
            Some("2024-03-01T11:59:59Z"),
        ),
        (
            "Sat, 31 Dec 2005 23:30:00 -0100",
            Some("2006-01-01T00:30:00Z"),
        ),
        // No zone: UTC (feedparser gives null; NOTES.md says UTC is right).
        ("Mon, 02 Jan 2006 15:04:05", Some("2006-01-02T15:04:05Z")),
        // Two-digit years per RFC 2822: 00-49 -> 20xx, 50-99 -> 19xx.
        ("Mon, 02 Jan 06 15:04:05 GMT", Some("2006-01-02T15:04:05Z")),
        ("Thu, 01 Jan 70 00:00:00 GMT", Some("1970-01-01T00:00:00Z")),
        ("Sun, 01 Jan 50 00:00:00 GMT", Some("1950-01-01T00:00:00Z")),
        ("Sat, 01 Jan 49 00:00:00 GMT", Some("2049-01-01T00:00:00Z")),
        // A wrong or localized weekday is ignored (feed-rs rss_2.0_ilmessaggero.xml).
        (
            "Tue, 02 Jan 2006 15:04:05 GMT",
            Some("2006-01-02T15:04:05Z"),
        ),
        (
            "mer, 16 nov 2022 10:00:00 +0100",
            Some("2022-11-16T09:00:00Z"),
        ),
        // Month first and AM/PM (rss20_nbcny.xml).
        ("Jan 2, 2006", Some("2006-01-02T00:00:00Z")),
        ("Sat, Dec 16 2023 02:02:33 PM", Some("2023-12-16T14:02:33Z")),
        ("Sun Nov  6 08:49:37 1994", Some("1994-11-06T08:49:37Z")),
        ("14-Apr-2026 13:00:43 +0000", Some("2026-04-14T13:00:43Z")),
    ]);
}

// Why: Atom, JSON Feed and Dublin Core dates (atom10_dates_rfc3339_variants.xml,
// rss10_dc_date_variants.xml, rss20_kc0011.xml).
#[test]
fn iso8601_variants() {
    check(&[
        ("2006-01-02T15:04:05Z", Some("2006-01-02T15:04:05Z")),
        ("2006-01-02T15:04:05+05:30", Some("2006-01-02T09:34:05Z")),
        ("2006-01-02T15:04:05-08:00", Some("2006-01-02T23:04:05Z")),
        ("2006-01-02T15:04:05.123456Z", Some("2006-01-02T15:04:05Z")),
        ("2006-01-02t15:04:05z", Some("2006-01-02T15:04:05Z")),
        ("2006-01-02 15:04:05Z", Some("2006-01-02T15:04:05Z")),
        ("2006-01-02T15:04:05+0530", Some("2006-01-02T09:34:05Z")),
        ("2006-01-02T15:04Z", Some("2006-01-02T15:04:00Z")),
        ("2006-01-02", Some("2006-01-02T00:00:00Z")),
        ("2004-05", Some("2004-05-01T00:00:00Z")),
        ("2006-01-02T15:04:05-00:00", Some("2006-01-02T15:04:05Z")),
        ("2006-01-02T15:04:05.5+01:00", Some("2006-01-02T14:04:05Z")),
        ("2006-01-02T15:04:05", Some("2006-01-02T15:04:05Z")),
        ("20060102T150405Z", Some("2006-01-02T15:04:05Z")),
        ("2020/1/10 14:33:00", Some("2020-01-10T14:33:00Z")),
        ("2006-01-02T24:00:00Z", Some("2006-01-03T00:00:00Z")),
        ("1136214245", Some("2006-01-02T15:04:05Z")),
    ]);
}

// Why: a bad date must give None for that field, never a rolled-over date or a panic.
#[test]
fn invalid_dates_are_none() {
    check(&[
        ("", None),
        ("   ", None),
        ("yesterday", None),
        ("Mon, 32 Jan 2006 10:00:00 GMT", None),
        ("Mon, 02 Jan 2006 25:61:00 GMT", None),
        ("Mon, 02 Foo 2006 10:00:00 GMT", None),
        ("Sun, 30 Feb 2020 10:00:00 GMT", None),
        ("2006-13-45T10:00:00Z", None),
        ("2006-02-30", None),
        // Portuguese month names are not guessed (rss_uol_latin1_undeclared.xml).
        ("Seg, 24 Set 2018 10:00:00 -0300", None),
        ("2006-01-02T15:04:05+99:00", None),
    ]);
}

// Why: a leap second is clamped into its minute, not rolled into the next day.
#[test]
fn leap_second_is_clamped() {
    check(&[
        ("2016-12-31T23:59:60Z", Some("2016-12-31T23:59:59Z")),
        (
            "Sat, 31 Dec 2016 23:59:60 GMT",
            Some("2016-12-31T23:59:59Z"),
        ),
    ]);
}
