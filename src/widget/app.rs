//! The widget's root: options from the page address, the theme, the load, and the height
//! message to the host page.

use leptos::either::EitherOf3;
use leptos::prelude::*;

use super::digest::Digest;
use super::height;
use super::list::{WidgetError, WidgetList, WidgetLoading};
use super::options::{Layout, WidgetOptions, WidgetTheme};
use crate::browser;
use crate::load;
use crate::messages::LoadError;
use crate::net::check_proxy_template;
use crate::net::fetch::Limits;
use crate::net::{DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_SECS};
use crate::present::is_http_url;
use crate::state::DEFAULT_FEED_PATH;

#[component]
pub fn Widget() -> impl IntoView {
    let options = WidgetOptions::from_query(&browser::current_query());
    browser::set_theme_attribute(match options.theme {
        WidgetTheme::Auto => None,
        WidgetTheme::Light => Some("light"),
        WidgetTheme::Dark => Some("dark"),
    });
    height::report_to_host(options.id.clone());

    // One load, once: a plain task rather than a resource keeps the async machinery (and its
    // size) out of the widget's build.
    let digest = RwSignal::new(None::<Result<Digest, LoadError>>);
    leptos::task::spawn_local({
        let options = options.clone();
        async move { digest.set(Some(load_digest(options).await)) }
    });
    let class = match options.layout {
        Layout::List => "widget widget--list",
        Layout::Cards => "widget widget--cards",
    };
    view! {
        <div class=class>
            {move || match digest.get() {
                None => EitherOf3::A(view! { <WidgetLoading /> }),
                Some(Ok(digest)) => EitherOf3::B(view! { <WidgetList digest=digest options=options.clone() /> }),
                Some(Err(error)) => EitherOf3::C(view! { <WidgetError error=error options=options.clone() /> }),
            }}
        </div>
    }
}

/// Fetches the feed the options name (the built-in one by default) and digests it.
async fn load_digest(options: WidgetOptions) -> Result<Digest, LoadError> {
    let limits = Limits {
        timeout_secs: DEFAULT_TIMEOUT_SECS,
        max_bytes: DEFAULT_MAX_BYTES,
    };
    let address = options.feed.as_deref().map(crate::net::ascii_address);
    let feed = match address.as_deref() {
        None => load::fetch_builtin(DEFAULT_FEED_PATH, limits).await?,
        Some(address) if !is_http_url(address) || url::Url::parse(address).is_err() => {
            return Err(LoadError::InvalidUrl)
        }
        Some(address) => {
            let proxies: Vec<String> = options
                .proxy
                .iter()
                .filter(|p| check_proxy_template(p).is_ok())
                .cloned()
                .collect();
            load::fetch_feed_with(address, &proxies, limits, &load::Forgetful)
                .await?
                .feed
        }
    };
    Ok(Digest::of(&feed, &options))
}
