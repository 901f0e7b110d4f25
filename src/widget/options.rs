//! The widget's options: read from its page address, and written back into the snippet a
//! blogger pastes (the app's Embed panel) and into the address of its frame (`embed.js`).
//!
//! The widget's address (`embed.html?…`) keeps the page-address contract of [`crate::route`]
//! (`feed`, `proxy`) and adds its own parameters:
//!
//! | parameter | values | default |
//! |---|---|---|
//! | `feed` | a feed address | the built-in feed |
//! | `limit` | 1 to [`MAX_LIMIT`] entries | [`DEFAULT_LIMIT`] |
//! | `layout` | `list`, `cards` | `list` |
//! | `theme` | `light`, `dark`, `auto` | `auto` (the reader's system) |
//! | `excerpt` | `0`, `1` | `1` |
//! | `target` | `_blank` (a new tab), `_top` (the host page's tab) | `_blank` |
//! | `title` | `0`, `1`: the feed's title above the entries | `1` |
//! | `proxy` | a CORS proxy template, `{url}` standing for the feed address | none |
//! | `id` | any text, echoed in the height message | none |
//!
//! A value the widget cannot use falls back to its default: a snippet with a typo still shows
//! the feed.
//! Owns: parsing and writing the options, and the snippets. Must not touch: the DOM.

use crate::route::Route;

/// Entries shown when the snippet does not say.
pub const DEFAULT_LIMIT: usize = 5;
/// The most entries a widget shows: it is a teaser, not a reader.
pub const MAX_LIMIT: usize = 30;

/// The `type` of the message the widget posts to its host page with its height.
pub const HEIGHT_MESSAGE: &str = "rillet:height";

/// List rows, or cards in a grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    #[default]
    List,
    Cards,
}

/// The widget's colors: the reader's system preference, or one fixed scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WidgetTheme {
    #[default]
    Auto,
    Light,
    Dark,
}

/// Where an entry's link opens. Never inside the widget's own frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkTarget {
    /// A new tab.
    #[default]
    Blank,
    /// The host page's tab (the whole window, not the frame).
    Top,
}

impl LinkTarget {
    /// The `target` attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkTarget::Blank => "_blank",
            LinkTarget::Top => "_top",
        }
    }
}

/// What a widget shows and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetOptions {
    /// The feed's address; `None`: the built-in feed.
    pub feed: Option<String>,
    /// A CORS proxy template for feeds that send no CORS headers.
    pub proxy: Option<String>,
    pub limit: usize,
    pub layout: Layout,
    pub theme: WidgetTheme,
    pub excerpt: bool,
    pub target: LinkTarget,
    pub title: bool,
    /// Names this frame in its height messages, for host pages with several widgets.
    pub id: Option<String>,
}

impl Default for WidgetOptions {
    fn default() -> Self {
        WidgetOptions {
            feed: None,
            proxy: None,
            limit: DEFAULT_LIMIT,
            layout: Layout::default(),
            theme: WidgetTheme::default(),
            excerpt: true,
            target: LinkTarget::default(),
            title: true,
            id: None,
        }
    }
}

fn flag(value: &str) -> Option<bool> {
    match value {
        "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

impl WidgetOptions {
    /// Reads the widget's page address (with or without its `?`).
    pub fn from_query(query: &str) -> WidgetOptions {
        let route = Route::from_query(query);
        let mut options = WidgetOptions {
            feed: route.feed,
            proxy: route.proxy,
            ..WidgetOptions::default()
        };
        for (key, value) in &route.other {
            let value = value.trim();
            match key.as_str() {
                "limit" => {
                    if let Ok(n) = value.parse::<usize>() {
                        options.limit = n.clamp(1, MAX_LIMIT);
                    }
                }
                "layout" => match value {
                    "list" => options.layout = Layout::List,
                    "cards" => options.layout = Layout::Cards,
                    _ => {}
                },
                "theme" => match value {
                    "auto" => options.theme = WidgetTheme::Auto,
                    "light" => options.theme = WidgetTheme::Light,
                    "dark" => options.theme = WidgetTheme::Dark,
                    _ => {}
                },
                "excerpt" => options.excerpt = flag(value).unwrap_or(options.excerpt),
                "title" => options.title = flag(value).unwrap_or(options.title),
                "target" => match value {
                    "_blank" => options.target = LinkTarget::Blank,
                    "_top" => options.target = LinkTarget::Top,
                    _ => {}
                },
                "id" if !value.is_empty() => options.id = Some(value.to_string()),
                _ => {}
            }
        }
        options
    }

    /// The options that differ from the defaults, as `(name, value)` pairs in a fixed order
    /// (`feed` and `proxy` excluded): the shortest snippet that says it all.
    pub fn changed(&self) -> Vec<(&'static str, String)> {
        let default = WidgetOptions::default();
        let mut out = Vec::new();
        if self.limit != default.limit {
            out.push(("limit", self.limit.to_string()));
        }
        if self.layout != default.layout {
            out.push(("layout", "cards".to_string()));
        }
        match self.theme {
            WidgetTheme::Auto => {}
            WidgetTheme::Light => out.push(("theme", "light".into())),
            WidgetTheme::Dark => out.push(("theme", "dark".into())),
        }
        if self.excerpt != default.excerpt {
            out.push(("excerpt", u8::from(self.excerpt).to_string()));
        }
        if self.target != default.target {
            out.push(("target", self.target.as_str().to_string()));
        }
        if self.title != default.title {
            out.push(("title", u8::from(self.title).to_string()));
        }
        out
    }

    /// The query of the widget's address: `feed` first, then `proxy`, the changed options and
    /// `id`.
    pub fn to_query(&self) -> String {
        let mut other: Vec<(String, String)> = self
            .changed()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        if let Some(id) = &self.id {
            other.push(("id".into(), id.clone()));
        }
        Route {
            feed: self.feed.clone(),
            proxy: self.proxy.clone(),
            other,
            ..Route::default()
        }
        .to_query()
    }

    /// The script-tag snippet: a placeholder `<div>` with the options as `data-` attributes,
    /// and the loader. `base` is the address the app is hosted at, ending with `/`.
    pub fn script_snippet(&self, base: &str) -> String {
        let mut div = format!(
            "<div data-rillet-feed=\"{}\"",
            attr(self.feed.as_deref().unwrap_or(""))
        );
        if self.limit == DEFAULT_LIMIT {
            // Written even at its default: it is the option people change first.
            div.push_str(&format!(" data-limit=\"{DEFAULT_LIMIT}\""));
        }
        for (key, value) in self.changed() {
            div.push_str(&format!(" data-{key}=\"{}\"", attr(&value)));
        }
        if let Some(proxy) = &self.proxy {
            div.push_str(&format!(" data-proxy=\"{}\"", attr(proxy)));
        }
        format!(
            "{div}></div>\n<script src=\"{}embed.js\" async></script>",
            attr(base)
        )
    }

    /// The plain-iframe snippet, with the few lines that let the frame's height follow its
    /// content. `base` as for [`WidgetOptions::script_snippet`].
    pub fn iframe_snippet(&self, base: &str) -> String {
        let origin = origin_of(base);
        // The frame's color scheme is the widget's, so no opaque backdrop shows at its corners.
        let scheme = match self.theme {
            WidgetTheme::Auto => "light dark",
            WidgetTheme::Light => "light",
            WidgetTheme::Dark => "dark",
        };
        format!(
            "<iframe src=\"{src}\" title=\"Latest articles\" loading=\"lazy\" \
             style=\"width: 100%; height: 420px; border: 0; color-scheme: {scheme}\"></iframe>\n\
             <script>\n\
             \x20 addEventListener('message', (e) => {{\n\
             \x20   if (e.origin !== '{origin}' || e.data?.type !== '{HEIGHT_MESSAGE}') return;\n\
             \x20   for (const frame of document.querySelectorAll('iframe')) {{\n\
             \x20     if (frame.contentWindow === e.source) frame.style.height = e.data.height + 'px';\n\
             \x20   }}\n\
             \x20 }});\n\
             </script>",
            src = attr(&format!("{base}embed.html{}", self.to_query())),
        )
    }
}

/// The origin (`https://host:port`) of an absolute address.
fn origin_of(address: &str) -> &str {
    let after_scheme = address.find("://").map_or(0, |i| i + 3);
    match address[after_scheme..].find('/') {
        Some(i) => &address[..after_scheme + i],
        None => address,
    }
}

/// Text escaped for a double-quoted HTML attribute.
fn attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_nothing_is_said() {
        assert_eq!(WidgetOptions::from_query(""), WidgetOptions::default());
        assert_eq!(WidgetOptions::from_query("?embed=1").limit, DEFAULT_LIMIT);
    }

    #[test]
    fn reads_every_option() {
        let o = WidgetOptions::from_query(
            "?feed=https://example.com/feed.xml&limit=3&layout=cards&theme=dark&excerpt=0\
             &target=_top&title=0&proxy=https://p.example/?u={url}&id=w2",
        );
        assert_eq!(o.feed.as_deref(), Some("https://example.com/feed.xml"));
        assert_eq!(o.proxy.as_deref(), Some("https://p.example/?u={url}"));
        assert_eq!(o.limit, 3);
        assert_eq!(o.layout, Layout::Cards);
        assert_eq!(o.theme, WidgetTheme::Dark);
        assert!(!o.excerpt);
        assert_eq!(o.target, LinkTarget::Top);
        assert!(!o.title);
        assert_eq!(o.id.as_deref(), Some("w2"));
    }

    #[test]
    fn unusable_values_fall_back_to_defaults() {
        let o = WidgetOptions::from_query(
            "?limit=lots&layout=grid&theme=sepia&excerpt=maybe&target=_self&title=",
        );
        assert_eq!(o, WidgetOptions::default());
        assert_eq!(WidgetOptions::from_query("?limit=0").limit, 1);
        assert_eq!(WidgetOptions::from_query("?limit=500").limit, MAX_LIMIT);
    }

    #[test]
    fn the_query_round_trips_and_names_only_changes() {
        let o = WidgetOptions {
            feed: Some("https://example.com/feed?a=1&b=2".into()),
            limit: 3,
            layout: Layout::Cards,
            excerpt: false,
            id: Some("rillet-1".into()),
            ..WidgetOptions::default()
        };
        let q = o.to_query();
        assert_eq!(
            q,
            "?feed=https://example.com/feed?a%3D1%26b%3D2&limit=3&layout=cards&excerpt=0&id=rillet-1"
        );
        assert_eq!(WidgetOptions::from_query(&q), o);
        assert_eq!(WidgetOptions::default().to_query(), "");
    }

    #[test]
    fn the_script_snippet_is_a_div_and_the_loader() {
        let o = WidgetOptions {
            feed: Some("https://example.com/feed.xml?x=1&y=\"2\"".into()),
            theme: WidgetTheme::Dark,
            ..WidgetOptions::default()
        };
        assert_eq!(
            o.script_snippet("https://you.example/rillet/"),
            "<div data-rillet-feed=\"https://example.com/feed.xml?x=1&amp;y=&quot;2&quot;\" \
             data-limit=\"5\" data-theme=\"dark\"></div>\n\
             <script src=\"https://you.example/rillet/embed.js\" async></script>"
        );
        let builtin = WidgetOptions {
            limit: 3,
            ..WidgetOptions::default()
        };
        assert!(builtin
            .script_snippet("https://you.example/")
            .starts_with("<div data-rillet-feed=\"\" data-limit=\"3\"></div>"));
    }

    #[test]
    fn the_iframe_snippet_listens_to_its_own_origin_only() {
        let o = WidgetOptions {
            feed: Some("https://example.com/feed.xml".into()),
            limit: 3,
            ..WidgetOptions::default()
        };
        let s = o.iframe_snippet("https://you.example/rillet/");
        assert!(s.starts_with(
            "<iframe src=\"https://you.example/rillet/embed.html?feed=https://example.com/feed.xml&amp;limit=3\""
        ));
        assert!(s.contains("e.origin !== 'https://you.example'"));
        assert!(s.contains("e.data?.type !== 'rillet:height'"));
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }
}
