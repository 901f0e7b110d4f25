//! Fetching feeds in the browser: bytes, a timeout, errors a person can act on.
//!
//! Owns: the fetch call and the translation of what the browser reports into [`LoadError`].
//! Must not touch: parsing (the caller parses the bytes) or the DOM.

use std::time::Duration;

use gloo_net::http::Request;
use web_sys::{AbortController, RequestCache};

use crate::messages::LoadError;

/// How long a feed may take before the request is abandoned.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// A fetched document.
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The charset named in the `Content-Type` header, if any.
    pub charset: Option<String>,
}

/// Fetches `url` as bytes. `cache: 'no-cache'` lets the browser revalidate with the ETag and
/// Last-Modified it stored, so an unchanged feed costs a 304 and no download, without custom
/// headers (which would make every cross-origin request need a CORS preflight).
pub async fn fetch_feed(url: &str, timeout: Duration) -> Result<Fetched, LoadError> {
    if !is_online() {
        return Err(LoadError::Offline);
    }
    let controller = AbortController::new().map_err(|_| LoadError::Network)?;
    let signal = controller.signal();
    let timer = leptos::prelude::set_timeout_with_handle(move || controller.abort(), timeout).ok();
    let result = async {
        let response = Request::get(url)
            .cache(RequestCache::NoCache)
            .abort_signal(Some(&signal))
            .send()
            .await
            .map_err(|e| classify(&e, timeout))?;
        if !response.ok() {
            return Err(LoadError::Http {
                status: response.status(),
            });
        }
        let charset = response
            .headers()
            .get("content-type")
            .as_deref()
            .and_then(charset_of);
        let bytes = response.binary().await.map_err(|e| classify(&e, timeout))?;
        Ok(Fetched { bytes, charset })
    }
    .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    result
}

/// What a failed fetch means. The browser hides the reason for a network failure (a CORS
/// refusal and an unreachable host both surface as a bare `TypeError`).
fn classify(error: &gloo_net::Error, timeout: Duration) -> LoadError {
    match error {
        gloo_net::Error::JsError(e) if e.name == "AbortError" => LoadError::Timeout {
            secs: timeout.as_secs() as u32,
        },
        _ if !is_online() => LoadError::Offline,
        _ => LoadError::Network,
    }
}

fn is_online() -> bool {
    web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}

/// The `charset` parameter of a Content-Type value.
fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_ascii_lowercase())
            .filter(|v| !v.is_empty())
    })
}
