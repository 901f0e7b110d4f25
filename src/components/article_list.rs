//! The article list: one row per entry with title, byline, date, excerpt, tags and thumbnail.
//!
//! Each row's title is its link (so the row's accessible name is the title); the whole card is
//! clickable through CSS. Opening an entry keeps the page and pushes a history entry.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::app::use_list_items;
use super::list_controls::{ListControls, ListToolbar};
use super::meta::{RelativeTime, Tags};
use crate::browser;
use crate::present;
use crate::state::{use_app_state, Item, ReturnPoint, View};

/// The DOM id of the list's scroll container (it scrolls on wide screens).
pub const LIST_ID: &str = "articles";
/// The DOM id of the search field.
pub const SEARCH_ID: &str = "search";

/// The DOM id of the title link of the entry at `index`, for giving focus back.
pub fn entry_link_id(index: usize) -> String {
    format!("entry-{index}")
}

/// Where the reader is in the list now, to come back to after reading `item`.
pub fn return_point_for(item: &Item) -> ReturnPoint {
    ReturnPoint {
        entry_key: item.entry.key().to_string(),
        window_y: browser::window_scroll_y(),
        list_y: list_scroll_top(),
    }
}

#[component]
pub fn ArticleList() -> impl IntoView {
    let state = use_app_state();
    let items = use_list_items();
    let across_feeds = move || state.view.with(|v| matches!(v, View::All | View::Starred));
    view! {
        <section id=LIST_ID class="reader__list" aria-labelledby="articles-heading" tabindex="-1">
            <h2 id="articles-heading" class="visually-hidden">"Articles"</h2>
            <ListToolbar />
            <ListControls />
            {move || {
                let items = items.get();
                let nothing_yet = items.is_empty() && state.view_items().is_empty();
                if nothing_yet && state.view_loading() {
                    view! { <ListSkeleton /> }.into_any()
                } else if nothing_yet {
                    view! { <EmptyList /> }.into_any()
                } else if items.is_empty() {
                    view! { <p class="article-list__empty">"No articles match."</p> }.into_any()
                } else {
                    let show_feed = across_feeds();
                    view! {
                        <ol class="article-list" role="list">
                            {items.iter().enumerate().map(|(i, item)| view! {
                                <ArticleRow item=item.clone() index=i show_feed=show_feed />
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn ArticleRow(item: Item, index: usize, show_feed: bool) -> impl IntoView {
    let state = use_app_state();
    let entry = std::sync::Arc::clone(&item.entry);
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
    let (feed, e) = (item.feed.clone(), entry.clone());
    let is_read = Memo::new(move |_| state.library.with(|l| l.is_read(&feed, &e)));
    let (feed, e) = (item.feed.clone(), entry.clone());
    let is_starred = Memo::new(move |_| state.library.with(|l| l.is_starred(&feed, &e)));
    let open_item = item.clone();
    let on_click = move |ev: MouseEvent| {
        // Let the browser handle new-tab and new-window clicks.
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        state.open(&open_item, return_point_for(&open_item));
    };
    let title = entry
        .title
        .clone()
        .unwrap_or_else(|| "(untitled)".to_string());
    // With "load pictures" off, the list loads none either.
    let thumbnail = state
        .settings
        .with_untracked(|s| s.remote_images)
        .then(|| present::thumbnail(&entry).map(str::to_string))
        .flatten();
    let feed_title = show_feed.then(|| item.feed_title.clone()).flatten();
    view! {
        <li class="entry-row" class:entry-row--open=is_open class:entry-row--read=is_read>
            <div class="entry-row__text">
                <h3 class="entry-row__title" dir="auto">
                    <a id=entry_link_id(index) data-index=index.to_string() class="entry-row__link"
                        href=href on:click=on_click
                        aria-current=move || is_open.get().then_some("true")>
                        {title}
                    </a>
                </h3>
                <p class="entry-row__meta">
                    {move || (!is_read.get()).then(|| view! { <span class="entry-row__unread">"Unread"</span> })}
                    {move || is_starred.get().then(|| view! { <span class="entry-row__star">"★ Starred"</span> })}
                    {feed_title.map(|t| view! { <span class="entry-row__feed">{t.to_string()}</span> })}
                    {entry.byline().map(|b| view! { <span class="entry-row__author">{b}</span> })}
                    {entry.date().map(|t| view! { <RelativeTime time=t /> })}
                </p>
                <p class="entry-row__excerpt" dir="auto">{present::excerpt(&entry)}</p>
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

/// Nothing to list: the view has no entries (or its first load failed).
#[component]
fn EmptyList() -> impl IntoView {
    let state = use_app_state();
    let text = move || match state.view.get() {
        View::Starred => {
            "Nothing starred yet. Press s (or the star button) on an article to keep it here."
        }
        View::All => "No subscriptions yet. Add a feed to see its articles here.",
        _ => "This feed has no articles to show.",
    };
    view! { <p class="article-list__empty">{text}</p> }
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
