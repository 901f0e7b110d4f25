//! An article's body: its HTML through the one door, with the reader's picture setting.
//!
//! With "load pictures" off, the sanitizer keeps each picture's place but moves its address to
//! `data-src`/`data-srcset`/`data-poster`, so nothing is fetched; a button puts them back for
//! this article only.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::safe_html::SafeHtml;
use crate::model::{ContentKind, Entry};
use crate::sanitize::{sanitize_html_with, sanitize_text_to_html, SanitizeOptions, SanitizedHtml};
use crate::state::use_app_state;

/// The DOM id of the open article's body.
pub const ARTICLE_BODY_ID: &str = "article-body";

#[component]
pub fn ArticleBody(entry: Arc<Entry>) -> impl IntoView {
    let state = use_app_state();
    let remote_images = move || state.settings.with(|s| s.remote_images);
    let shown_anyway = RwSignal::new(false);
    let html = Memo::new(move |_| sanitized_body(&entry, remote_images()));
    let held = move || {
        !remote_images()
            && !shown_anyway.get()
            && html.with(|h| h.as_ref().is_some_and(has_held_pictures))
    };
    view! {
        <Show when=held>
            <div class="article__held">
                <p>"Pictures in this article are not loaded (your privacy setting)."</p>
                <button type="button" class="button" on:click=move |_| {
                    release_pictures();
                    shown_anyway.set(true);
                }>"Load pictures"</button>
            </div>
        </Show>
        {move || html.get().map(|html| view! { <SafeHtml html=html class="article__body" id=ARTICLE_BODY_ID /> })}
    }
}

/// The entry's body through the one HTML door, resolved against its base or its link.
fn sanitized_body(entry: &Entry, remote_images: bool) -> Option<SanitizedHtml> {
    let body = entry.body()?;
    let base = body.base.as_deref().or(entry.link.as_deref());
    Some(match body.kind {
        ContentKind::Html => {
            sanitize_html_with(&body.value, base, &SanitizeOptions { remote_images })
        }
        ContentKind::Text => sanitize_text_to_html(&body.value),
    })
}

fn has_held_pictures(html: &SanitizedHtml) -> bool {
    let s = html.as_str();
    s.contains(" data-src=") || s.contains(" data-srcset=") || s.contains(" data-poster=")
}

/// Moves the held addresses back where the browser loads them, in the open article only.
fn release_pictures() {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ARTICLE_BODY_ID))
    else {
        return;
    };
    let Ok(held) = body.query_selector_all("[data-src], [data-srcset], [data-poster]") else {
        return;
    };
    for i in 0..held.length() {
        let Some(el) = held
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        for (from, to) in [
            ("data-srcset", "srcset"),
            ("data-src", "src"),
            ("data-poster", "poster"),
        ] {
            if let Some(value) = el.get_attribute(from) {
                let _ = el.set_attribute(to, &value);
                let _ = el.remove_attribute(from);
            }
        }
    }
}
