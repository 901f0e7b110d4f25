//! Media RSS and iTunes elements, the same in RSS and Atom: pictures, durations, episodes.
//!
//! Owns: `media:*` and `itunes:*` on an entry. Must not touch: enclosures (Media RSS is not
//! an enclosure source, per NOTES.md) or anything outside one entry.

use crate::model::Entry;

/// Pictures an entry's feed fields name, best first when one is chosen.
#[derive(Debug, Default)]
pub(crate) struct Pictures {
    thumbnail: Option<String>,
    media: Option<String>,
    itunes: Option<String>,
}

impl Pictures {
    /// The entry's image: a media thumbnail, an image `media:content`, `itunes:image`, then an
    /// image enclosure; the HTML body is looked at later, only when all of these are missing.
    pub(crate) fn apply(self, e: &mut Entry) {
        let enclosure = || {
            e.enclosures
                .iter()
                .find(|x| x.is_image())
                .map(|x| x.url.clone())
        };
        let best = self
            .thumbnail
            .or(self.media)
            .or(self.itunes)
            .or_else(enclosure);
        if best.is_some() {
            e.image = best;
        }
    }
}

use super::url::clean_link;
use super::xml::{Doc, Ns};

/// A `media:` element of an entry: a thumbnail, or an image `media:content`, becomes the
/// entry's picture; `media:group` is looked into.
pub(crate) fn read_media(doc: &Doc<'_>, id: usize, pics: &mut Pictures) {
    let n = doc.node(id);
    match &*n.name {
        "group" => {
            for (c, child) in doc.children(id) {
                if child.ns == Ns::Media {
                    read_media(doc, c, pics);
                }
            }
        }
        "thumbnail" if pics.thumbnail.is_none() => {
            pics.thumbnail = n.attr("url").and_then(|u| clean_link(n.base.as_deref(), u));
        }
        "content" => {
            let is_image = n.attr("medium").is_some_and(|m| m.trim() == "image")
                || n.attr("type")
                    .is_some_and(|t| t.trim().starts_with("image/"));
            if is_image && pics.media.is_none() {
                pics.media = n.attr("url").and_then(|u| clean_link(n.base.as_deref(), u));
            }
            // A video's poster frame.
            for (c, child) in doc.children(id) {
                if child.is(Ns::Media, "thumbnail") {
                    read_media(doc, c, pics);
                }
            }
        }
        _ => {}
    }
}

/// An `itunes:` element of an entry: image, duration, episode number.
pub(crate) fn read_itunes(doc: &Doc<'_>, id: usize, e: &mut Entry, pics: &mut Pictures) {
    let n = doc.node(id);
    match &*n.name {
        "image" if pics.itunes.is_none() => {
            pics.itunes = n
                .attr("href")
                .and_then(|u| clean_link(n.base.as_deref(), u));
        }
        "duration" => e.duration_secs = parse_duration(&n.text),
        "episode" => e.episode = n.text.trim().parse().ok(),
        _ => {}
    }
}

/// `itunes:duration`: seconds, `MM:SS` or `HH:MM:SS`.
pub(crate) fn parse_duration(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut total: u32 = 0;
    let mut parts = 0;
    for part in s.split(':') {
        parts += 1;
        if parts > 3 {
            return None;
        }
        let v: u32 = part.trim().split('.').next()?.parse().ok()?;
        total = total.checked_mul(60)?.checked_add(v)?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations() {
        for (s, want) in [
            ("3600", Some(3600)),
            ("1:02:03", Some(3723)),
            ("45:10", Some(2710)),
            ("12.5", Some(12)),
            ("x", None),
            ("", None),
        ] {
            assert_eq!(parse_duration(s), want, "{s}");
        }
    }
}
