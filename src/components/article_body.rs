//! An article's body: its HTML through the one door, with the reader's picture setting.
//!
//! With "load pictures" off, the sanitizer keeps each picture's place but moves its address to
//! `data-src`/`data-srcset`/`data-poster`, so nothing is fetched; a button puts them back for
//! this article only.
//!
//! Posts read through a Forem API come without a body (the API's list has none). When one is
//! opened, its body is fetched from the API (a loading line meanwhile; on failure, an error line
//! above the summary) and kept with the feed on screen and its offline copy. The fetch is not
//! cancelled when the article closes, so the body is kept anyway.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::article_view::ARTICLE_HEADING_ID;
use super::safe_html::SafeHtml;
use crate::browser;
use crate::messages::{self, host_of};
use crate::model::{Content, ContentKind, Entry};
use crate::sanitize::{sanitize_html_with, sanitize_text_to_html, SanitizeOptions, SanitizedHtml};
use crate::state::{use_app_state, AppState};

/// The DOM id of the open article's body.
pub const ARTICLE_BODY_ID: &str = "article-body";

#[component]
pub fn ArticleBody(entry: Arc<Entry>) -> impl IntoView {
    match source(use_app_state(), entry) {
        Source::Ready(entry) => view! { <Body entry=entry /> }.into_any(),
        Source::Api {
            entry,
            feed,
            api_id,
        } => view! { <ApiBody entry=entry feed=feed api_id=api_id /> }.into_any(),
    }
}

/// Where the body to show comes from.
enum Source {
    /// The entry has it (or has none to get: its summary, if any, is shown).
    Ready(Arc<Entry>),
    /// A Forem API has it: `api_id` in the feed at `feed`.
    Api {
        entry: Arc<Entry>,
        feed: String,
        api_id: String,
    },
}

fn source(state: AppState, entry: Arc<Entry>) -> Source {
    let Some(api_id) = entry.api_id.clone().filter(|_| entry.content.is_none()) else {
        return Source::Ready(entry);
    };
    // The body is only shown for the open entry: its item names the feed it came from.
    let feed = untrack(|| state.open_item())
        .filter(|item| item.entry.api_id.as_deref() == Some(api_id.as_str()))
        .map(|item| item.feed.to_string());
    let Some(feed) = feed else {
        return Source::Ready(entry);
    };
    // Fetched already (this entry may be a starred copy, without it).
    match state.known_body(&feed, &api_id) {
        Some(content) => Source::Ready(with_content(&entry, content)),
        None => Source::Api {
            entry,
            feed,
            api_id,
        },
    }
}

fn with_content(entry: &Entry, content: Content) -> Arc<Entry> {
    Arc::new(Entry {
        content: Some(content),
        ..entry.clone()
    })
}

/// The body fetched from the API, then shown like any other.
#[component]
fn ApiBody(entry: Arc<Entry>, feed: String, api_id: String) -> impl IntoView {
    let state = use_app_state();
    let host = host_of(&feed);
    let fetched = LocalResource::new({
        let (feed, api_id) = (feed.clone(), api_id.clone());
        move || {
            let (feed, api_id) = (feed.clone(), api_id.clone());
            async move {
                let result = state.fetch_forem_body(&feed, &api_id).await;
                if let Ok(content) = &result {
                    // The entry on screen is replaced, so the article is drawn again: the
                    // reader's focus on its heading stays.
                    let refocus = heading_has_focus();
                    state.put_forem_body(&feed, &api_id, content.clone());
                    if refocus {
                        request_animation_frame(|| browser::focus_by_id(ARTICLE_HEADING_ID));
                    }
                }
                result
            }
        }
    });
    move || match fetched.get() {
        None => view! {
            <p class="notice notice--loading" role="status">{messages::body_loading(&host)}</p>
        }
        .into_any(),
        Some(Ok(content)) => view! { <Body entry=with_content(&entry, content) /> }.into_any(),
        Some(Err(error)) => view! {
            <div class="notice notice--error" role="alert">
                <p class="notice__title">{messages::body_failed(&error, &feed)}</p>
                <div class="notice__actions">
                    <button type="button" class="button" on:click=move |_| fetched.refetch()>
                        "Try again"
                    </button>
                </div>
            </div>
            <Body entry=entry.clone() />
        }
        .into_any(),
    }
}

fn heading_has_focus() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|e| e.id() == ARTICLE_HEADING_ID)
}

/// The entry's body (content, else summary) through the one door, with the picture setting.
#[component]
fn Body(entry: Arc<Entry>) -> impl IntoView {
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
