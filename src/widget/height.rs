//! Tells the host page how tall the widget is, so its frame can follow the content with no
//! inner scroll bar: `{type: "rillet:height", height, id}` posted to `window.parent` whenever
//! the page's height changes (a `ResizeObserver` on the body).
//!
//! The message says nothing but a height, so it is posted to any origin: the widget cannot
//! know which site embeds it. The host page's listener checks the message's origin.
//! Owns: the height message. Must not touch: what the widget shows.

use std::cell::Cell;

use js_sys::{Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::options::HEIGHT_MESSAGE;

/// Starts reporting the page's height to the host page (nothing when the page is not framed).
pub fn report_to_host(id: Option<String>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if Object::is(&parent, &window) {
        return; // opened on its own, not in a frame
    }
    let Some(body) = window.document().and_then(|d| d.body()) else {
        return;
    };
    let last = Cell::new(f64::NAN);
    let measured = body.clone();
    let id = id.map_or(JsValue::NULL, |id| JsValue::from_str(&id));
    let post = Closure::<dyn FnMut()>::new(move || {
        // Whole pixels, rounded up: a frame a fraction too short would show a scroll bar.
        let height = measured.get_bounding_client_rect().height().ceil();
        if height == last.get() {
            return;
        }
        last.set(height);
        let message = Object::new();
        let _ = Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = Reflect::set(&message, &"height".into(), &height.into());
        let _ = Reflect::set(&message, &"id".into(), &id);
        let _ = parent.post_message(&message, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // The observer lives as long as the page.
    post.forget();
}
