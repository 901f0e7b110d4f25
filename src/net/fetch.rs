//! The browser side of fetching: one request as bytes, with a timeout and a size cap, and the
//! `no-cors` probe that tells a CORS refusal from a dead server.
//!
//! Owns: `fetch` calls and the translation of what the browser reports into [`Failure`].
//! Must not touch: which route to try (see [`super::ladder`]), parsing, the DOM.

use std::time::Duration;

use gloo_net::http::Request;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, RequestCache, RequestMode};

use super::{charset_of, max_age, Failure};

/// A fetched document.
#[derive(Debug)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The charset named in the `Content-Type` header, if any.
    pub charset: Option<String>,
    /// `Cache-Control: max-age`, if given.
    pub max_age: Option<u64>,
}

/// Limits for one request.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout_secs: u32,
    pub max_bytes: u64,
}

/// Aborts a request when its time is up; dropping it cancels the timer.
struct Deadline {
    controller: AbortController,
    timer: Option<leptos::prelude::TimeoutHandle>,
}

impl Deadline {
    fn new(secs: u32) -> Result<Self, Failure> {
        let controller = AbortController::new().map_err(|_| Failure::Network)?;
        let abort = controller.clone();
        let timer = leptos::prelude::set_timeout_with_handle(
            move || abort.abort(),
            Duration::from_secs(u64::from(secs)),
        )
        .ok();
        Ok(Deadline { controller, timer })
    }

    fn signal(&self) -> web_sys::AbortSignal {
        self.controller.signal()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }
}

/// Fetches `url` as bytes.
///
/// `cache: 'no-cache'` makes the browser revalidate with the ETag and Last-Modified it
/// stored, so an unchanged feed costs a 304 and no download. Setting `If-None-Match` by hand
/// would instead make every cross-origin request need a CORS preflight, which most feed
/// hosts refuse.
pub async fn get(url: &str, limits: Limits) -> Result<Fetched, Failure> {
    if !is_online() {
        return Err(Failure::Offline);
    }
    let deadline = Deadline::new(limits.timeout_secs)?;
    let response = Request::get(url)
        .cache(RequestCache::NoCache)
        .abort_signal(Some(&deadline.signal()))
        .send()
        .await
        .map_err(|e| classify(&e))?;
    if !response.ok() {
        return Err(Failure::Http(response.status()));
    }
    let headers = response.headers();
    let declared: Option<u64> = headers
        .get("content-length")
        .and_then(|v| v.trim().parse().ok());
    if declared.is_some_and(|n| n > limits.max_bytes) {
        deadline.controller.abort();
        return Err(Failure::TooLarge {
            limit: limits.max_bytes,
        });
    }
    let charset = headers.get("content-type").as_deref().and_then(charset_of);
    let max_age = headers.get("cache-control").as_deref().and_then(max_age);
    let bytes = match response.body() {
        Some(body) => read_capped(body, limits.max_bytes).await?,
        None => Vec::new(),
    };
    Ok(Fetched {
        bytes,
        charset,
        max_age,
    })
}

/// Reads a body chunk by chunk, giving up (and cancelling the download) past `max_bytes`.
///
/// The chunks stay in the JS heap until the end, then are copied once into a buffer of the
/// exact size: growing a `Vec` chunk by chunk would leave wasm memory, which never shrinks,
/// at about twice the feed's size (`make bench`, memory).
async fn read_capped(body: web_sys::ReadableStream, max_bytes: u64) -> Result<Vec<u8>, Failure> {
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut chunks: Vec<Uint8Array> = Vec::new();
    let mut total: u64 = 0;
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| classify_js(&e))?;
        if Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            == Some(true)
        {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(|_| Failure::Network)?
            .unchecked_into();
        total += u64::from(value.length());
        if total > max_bytes {
            let _ = reader.cancel();
            return Err(Failure::TooLarge { limit: max_bytes });
        }
        chunks.push(value);
    }
    let mut bytes = vec![0; total as usize];
    let mut start = 0;
    for chunk in chunks {
        let end = start + chunk.length() as usize;
        chunk.copy_to(&mut bytes[start..end]);
        start = end;
    }
    Ok(bytes)
}

/// Asks `url` in `no-cors` mode: the browser then hands back an opaque answer whenever the
/// server answers at all, so success means "up, but not sharing with pages" (CORS) and
/// failure means "unreachable".
pub async fn server_answers(url: &str, timeout_secs: u32) -> bool {
    let Ok(deadline) = Deadline::new(timeout_secs) else {
        return false;
    };
    Request::get(url)
        .mode(RequestMode::NoCors)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&deadline.signal()))
        .send()
        .await
        .is_ok()
}

/// What a failed fetch means. The browser hides the reason for a network failure (a CORS
/// refusal and an unreachable host both surface as a bare `TypeError`).
fn classify(error: &gloo_net::Error) -> Failure {
    match error {
        gloo_net::Error::JsError(e) if e.name == "AbortError" => Failure::Timeout,
        _ if !is_online() => Failure::Offline,
        _ => Failure::Network,
    }
}

fn classify_js(error: &JsValue) -> Failure {
    let name = Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string());
    match name.as_deref() {
        Some("AbortError") => Failure::Timeout,
        _ if !is_online() => Failure::Offline,
        _ => Failure::Network,
    }
}

pub fn is_online() -> bool {
    web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}
