//! The article list: one row per entry with title, byline, date, excerpt, tags and thumbnail.
//!
//! Each row's title is its link (so the row's accessible name is the title); the whole card is
//! clickable through CSS. Opening an entry keeps the page and pushes a history entry.

use std::sync::Arc;

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::meta::{RelativeTime, Tags};
use crate::browser;
use crate::model::Feed;
use crate::present;
use crate::state::{use_app_state, Nav, ReturnPoint};

/// The DOM id of the list's scroll container (it scrolls on wide screens).
pub const LIST_ID: &str = "articles";

/// The DOM id of the title link of the entry at `index`, for giving focus back.
pub fn entry_link_id(index: usize) -> String {
    format!("entry-{index}")
}

#[component]
pub fn ArticleList() -> impl IntoView {
    let state = use_app_state();
    let rows = move || {
        state.feed.get().map(|feed| {
            (0..feed.entries.len())
                .map(|i| (Arc::clone(&feed), i))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section id=LIST_ID class="reader__list" aria-labelledby="articles-heading" tabindex="-1">
            <h2 id="articles-heading" class="visually-hidden">"Articles"</h2>
            {move || match rows() {
                None if state.loading.get().is_none() => view! { <NothingLoaded /> }.into_any(),
                None => view! { <ListSkeleton /> }.into_any(),
                Some(rows) if rows.is_empty() => view! {
                    <p class="article-list__empty">"This feed has no articles yet."</p>
                }.into_any(),
                Some(rows) => view! {
                    <ol class="article-list" role="list">
                        {rows.into_iter()
                            .map(|(feed, i)| view! { <ArticleRow feed=feed index=i /> })
                            .collect_view()}
                    </ol>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ArticleRow(feed: Arc<Feed>, index: usize) -> impl IntoView {
    let state = use_app_state();
    let entry = &feed.entries[index];
    let key = entry.key().to_string();
    let href = state
        .route
        .with_untracked(|r| r.with_entry(Some(&key)).to_query());
    let is_open = {
        let key = key.clone();
        Memo::new(move |_| {
            state
                .open_entry
                .with(|open| open.as_deref() == Some(key.as_str()))
        })
    };
    let on_click = move |ev: MouseEvent| {
        // Let the browser handle new-tab and new-window clicks.
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        let list_y = list_scroll_top();
        state.open(
            key.clone(),
            ReturnPoint {
                entry_key: key.clone(),
                window_y: browser::window_scroll_y(),
                list_y,
            },
        );
    };
    let title = entry
        .title
        .clone()
        .unwrap_or_else(|| "(untitled)".to_string());
    let thumbnail = present::thumbnail(entry).map(str::to_string);
    view! {
        <li class="entry-row" class:entry-row--open=is_open>
            <div class="entry-row__text">
                <h3 class="entry-row__title" dir="auto">
                    <a id=entry_link_id(index) class="entry-row__link" href=href on:click=on_click
                        aria-current=move || is_open.get().then_some("true")>
                        {title}
                    </a>
                </h3>
                <p class="entry-row__meta">
                    {entry.byline().map(|b| view! { <span class="entry-row__author">{b}</span> })}
                    {entry.date().map(|t| view! { <RelativeTime time=t /> })}
                </p>
                <p class="entry-row__excerpt" dir="auto">{present::excerpt(entry)}</p>
                <Tags tags=entry.categories.clone() limit=4 />
            </div>
            {thumbnail.map(|src| view! {
                <img class="entry-row__thumb" src=src alt="" loading="lazy" decoding="async"
                    referrerpolicy="no-referrer" width="96" height="96" />
            })}
        </li>
    }
}

fn list_scroll_top() -> f64 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(LIST_ID))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|el| el.scroll_top() as f64)
        .unwrap_or(0.0)
}

/// No feed on screen and none loading: the first load failed.
#[component]
fn NothingLoaded() -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="article-list__empty">
            <p>"No feed is loaded."</p>
            <button type="button" class="button" on:click=move |_| state.load(None, Nav::Push)>
                "Show the built-in feed"
            </button>
        </div>
    }
}

/// Placeholder rows while the first feed loads, so the layout does not jump.
#[component]
fn ListSkeleton() -> impl IntoView {
    view! {
        <ol class="article-list article-list--skeleton" aria-hidden="true">
            {(0..6).map(|_| view! {
                <li class="entry-row entry-row--skeleton">
                    <div class="entry-row__text">
                        <span class="skeleton skeleton--title"></span>
                        <span class="skeleton skeleton--line"></span>
                        <span class="skeleton skeleton--line skeleton--short"></span>
                    </div>
                </li>
            }).collect_view()}
        </ol>
    }
}
