//! Thin wrappers over the browser APIs the app uses: the address bar and history, scrolling,
//! focus, and Intl for dates in the reader's own locale.
//!
//! Owns: web-sys calls that several components share. Must not touch: app state (callers
//! decide what to do; this module only does it).

use std::cell::RefCell;

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::date::Timestamp;
use crate::present;

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

/// Resolves after the browser has had a chance to paint what is in the DOM now: after the next
/// animation frame and one task more, or after 100 ms at most (a hidden tab runs no frames).
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve: js_sys::Function, _| {
        let win = window();
        let later = resolve.clone();
        let next_task = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback(later.unchecked_ref());
            }
        });
        let _ = win.request_animation_frame(next_task.unchecked_ref());
        let _ = win.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The current query string, with its `?` (or empty).
pub fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

/// Adds a history entry whose address has this query (the path stays, so any sub-path works).
pub fn push_query(query: &str) {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&address_with(query)));
    }
}

/// Rewrites the current history entry's query.
pub fn replace_query(query: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&address_with(query)));
    }
}

pub fn history_back() {
    if let Ok(history) = window().history() {
        let _ = history.back();
    }
}

/// The page's path with a new query: `./` alone would drop the file name (`index.html`).
fn address_with(query: &str) -> String {
    let path = window().location().pathname().unwrap_or_default();
    format!("{path}{query}")
}

pub fn window_scroll_y() -> f64 {
    window().scroll_y().unwrap_or(0.0)
}

pub fn scroll_window_to(y: f64) {
    window().scroll_to_with_x_and_y(0.0, y);
}

/// Focuses the element with this id, if it exists, without scrolling the page to it.
pub fn focus_by_id(id: &str) {
    if let Some(el) = window().document().and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Decodes bytes in a legacy charset with the browser's own TextDecoder (`None`: the browser
/// does not know the label).
pub fn decode(bytes: &[u8], label: &str) -> Option<String> {
    web_sys::TextDecoder::new_with_label(label)
        .ok()?
        .decode_with_u8_array(bytes)
        .ok()
}

/// Whether the page is on screen (not a background tab or a minimized window).
pub fn page_visible() -> bool {
    window()
        .document()
        .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// Sets `data-theme` on the root element (`None`: follow the system).
pub fn set_theme_attribute(theme: Option<&str>) {
    if let Some(root) = window().document().and_then(|d| d.document_element()) {
        let _ = match theme {
            Some(t) => root.set_attribute("data-theme", t),
            None => root.remove_attribute("data-theme"),
        };
    }
}

/// Asks the browser to keep this page's storage (subscriptions, marks) rather than evict it
/// under storage pressure. Chromium decides without prompting.
pub fn request_persistent_storage() {
    let storage = window().navigator().storage();
    if let Ok(promise) = storage.persist() {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = window()
        .document()
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The text of a file the reader picked or dropped.
pub async fn read_file_text(file: &web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?
        .as_string()
}

/// Now as RFC 822 (`Tue, 03 Mar 2026 10:00:00 GMT`), as OPML's dates are written.
pub fn now_rfc822() -> String {
    Date::new_0().to_utc_string().into()
}

/// Now as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_rfc3339() -> String {
    Timestamp::from_unix(now_unix()).to_rfc3339()
}

pub fn now_unix() -> i64 {
    (Date::now() / 1000.0) as i64
}

thread_local! {
    static FORMATTERS: RefCell<Option<(Intl::RelativeTimeFormat, Intl::DateTimeFormat)>> =
        const { RefCell::new(None) };
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let obj = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&obj, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    obj
}

/// Intl formatters in the browser's locale, built once (building them is not free).
fn with_formatters<R>(f: impl FnOnce(&Intl::RelativeTimeFormat, &Intl::DateTimeFormat) -> R) -> R {
    FORMATTERS.with(|cell| {
        let mut cell = cell.borrow_mut();
        let (rel, abs) = cell.get_or_insert_with(|| {
            let locales = Array::new();
            (
                Intl::RelativeTimeFormat::new(&locales, &options(&[("numeric", "auto")])),
                Intl::DateTimeFormat::new(
                    &locales,
                    &options(&[("dateStyle", "full"), ("timeStyle", "short")]),
                ),
            )
        });
        f(rel, abs)
    })
}

/// "3 days ago", "yesterday", in the reader's language.
pub fn relative_time(t: Timestamp) -> String {
    let r = present::relative(t.unix() - now_unix());
    with_formatters(|rel, _| rel.format(r.value, r.unit).into())
}

/// "Tuesday, April 14, 2026 at 1:00 PM", in the reader's language and time zone.
pub fn absolute_time(t: Timestamp) -> String {
    let date = Date::new(&JsValue::from_f64(t.unix_millis()));
    with_formatters(|_, abs| {
        abs.format()
            .call1(abs, &date)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| t.to_rfc3339())
    })
}

/// The built-in feed as downloaded early by `start.js` (`window.rilletBuiltinFeed`, a promise
/// of an ArrayBuffer), taken once; `None` when there is none or it failed.
pub async fn early_builtin_feed() -> Option<Vec<u8>> {
    let key = JsValue::from_str("rilletBuiltinFeed");
    let promise = Reflect::get(&window(), &key)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let _ = Reflect::delete_property(&window(), &key);
    let buffer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Tells `start.js` on the next visit whether the reader has subscriptions (then the page opens
/// on them, and the built-in feed is not fetched early).
pub fn set_subscribed_hint(subscribed: bool) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = if subscribed {
            storage.set_item(SUBSCRIBED_HINT, "1")
        } else {
            storage.remove_item(SUBSCRIBED_HINT)
        };
    }
}

/// Whether the last visit had subscriptions (see [`set_subscribed_hint`]).
pub fn subscribed_hint() -> bool {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(SUBSCRIBED_HINT).ok().flatten())
        .is_some_and(|v| v == "1")
}

/// The localStorage key of the hint (read by `assets/start.js`).
const SUBSCRIBED_HINT: &str = "rillet.subscribed";

/// The id of the data block that carries the built-in feed in the single-file build
/// (`<script type="application/xml" id="rillet-builtin-feed">`, written by
/// `scripts/single-file.mjs`): a page opened from file:// cannot fetch files beside it.
pub const BUILTIN_FEED_BLOCK: &str = "rillet-builtin-feed";

/// The text of the data block `<script id=…>` on the page, if there is one. A data block (a
/// `<script>` whose type is not JavaScript) never runs; it only carries text.
pub fn data_block(id: &str) -> Option<String> {
    let element = window().document()?.get_element_by_id(id)?;
    if !element.tag_name().eq_ignore_ascii_case("script") {
        return None;
    }
    element.text_content()
}
