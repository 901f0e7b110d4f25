//! Tracking pixels: the one rule for "this image is a counter, not a picture".
//!
//! The sanitizer drops such images from article bodies, and the parser never picks one as an
//! entry's thumbnail (a list row would otherwise fetch the counter before anything is opened).
//! Owns: the rule. Must not touch: HTML parsing, the network.

use url::Url;

/// An image whose `width` or `height` is at most one pixel (`1`, `0`, `1px`, `0.5`) shows
/// nothing a reader can see: that is the shape of every counting pixel and spacer GIF. Known
/// counters that sometimes come without dimensions count too.
pub fn is_tracking_pixel(width: Option<&str>, height: Option<&str>, src: Option<&str>) -> bool {
    width.is_some_and(is_at_most_one_pixel)
        || height.is_some_and(is_at_most_one_pixel)
        || src.is_some_and(is_known_counter)
}

/// The HTML standard's "rules for parsing dimension values", reduced to: does it start with a
/// number that is at most 1 (and is not a percentage)?
pub fn is_at_most_one_pixel(value: &str) -> bool {
    let value = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let number_len = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(number_len);
    if unit.starts_with('%') || number.bytes().filter(|&b| b == b'.').count() > 1 {
        return false;
    }
    // Compared as digits, not as a float: float parsing brings tables the widget can do
    // without.
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() {
        return false;
    }
    match whole.trim_start_matches('0') {
        "" => true,
        "1" => fraction.bytes().all(|b| b == b'0'),
        _ => false,
    }
}

/// Counters known from real feeds: WordPress.com stats, FeedBurner's per-item `~r/…/~4/`
/// images and Medium's view beacon.
pub fn is_known_counter(src: &str) -> bool {
    let Ok(url) = Url::parse(src) else {
        return false;
    };
    let (host, path) = (url.host_str().unwrap_or_default(), url.path());
    matches!(host, "pixel.wp.com" | "stats.wordpress.com")
        || (host == "feeds.feedburner.com" && path.starts_with("/~r/"))
        || ((host == "medium.com" || host.ends_with(".medium.com")) && path.starts_with("/_/stat"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_invisible_images_are_pixels() {
        assert!(is_tracking_pixel(Some("1"), Some("1"), None));
        assert!(is_tracking_pixel(
            None,
            Some("0"),
            Some("https://cdn.example/a.png")
        ));
        assert!(is_tracking_pixel(
            None,
            None,
            Some("https://pixel.wp.com/g.gif?blog=1")
        ));
        assert!(is_tracking_pixel(
            None,
            None,
            Some("https://medium.com/_/stat?event=post")
        ));
        assert!(!is_tracking_pixel(Some("100%"), Some("1%"), None));
        assert!(!is_tracking_pixel(
            Some("800"),
            Some("450"),
            Some("https://cdn.example/a.png")
        ));
        assert!(!is_tracking_pixel(None, None, None));
        for tiny in ["1", "0", "1px", "0.5", ".5", "01", "1.0", " 1"] {
            assert!(is_at_most_one_pixel(tiny), "{tiny}");
        }
        for big in ["2", "1.5", "10", "1%", "", ".", "px", "1.2.3"] {
            assert!(!is_at_most_one_pixel(big), "{big}");
        }
    }
}
