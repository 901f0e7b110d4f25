//! The article list: one row per entry with title, byline, date, excerpt, tags and thumbnail.
//!
//! Each row's title is its link (so the row's accessible name is the title); the whole card is
//! clickable through CSS. Opening an entry keeps the page and pushes a history entry.

use std::sync::Arc;

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::CustomAttribute;
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

/// Rows rendered at first, and in each later step: a 10,000-entry feed renders in small steps
/// instead of one long task.
const PAGE: usize = 50;
/// Up to this many rows are added in the background, a step at a time, after the first paint;
/// beyond it, rows are added as the reader scrolls near the end.
const FILL: usize = 500;

#[component]
pub fn ArticleList() -> impl IntoView {
    let state = use_app_state();
    let items = use_list_items();
    // Read when the list redraws (a change of view changes the list too).
    let across_feeds = move || {
        state
            .view
            .with_untracked(|v| matches!(v, View::All | View::Starred))
    };
    // How many rows of the list on screen are in the DOM. Each new list gets its own count,
    // starting again at one step.
    let current = StoredValue::new(None::<RwSignal<usize>>);
    let grow_to = move |n: usize| {
        if let Some(shown) = current.get_value() {
            let _ = shown.try_update(|current| *current = (*current).max(n));
        }
    };
    // At least up to the open entry, so focus can return to its row.
    Effect::new(move |_| {
        let Some(key) = state.open_entry.get() else {
            return;
        };
        if let Some(i) = items.with_untracked(|l| l.iter().position(|x| x.entry.key() == key)) {
            grow_to(i + PAGE);
        }
    });
    let shape = Memo::new(move |_| {
        let items = items.get();
        if !items.is_empty() {
            return Shape::Rows(items);
        }
        match (state.view_items().is_empty(), state.view_loading()) {
            (true, true) => Shape::Loading,
            (true, false) => Shape::Empty,
            (false, _) => Shape::NoMatch,
        }
    });
    let sentinel = NodeRef::<leptos::html::Div>::new();
    on_near_end(sentinel, move || {
        if let Some(n) = current.get_value().and_then(|s| s.try_get_untracked()) {
            grow_to(n + PAGE);
        }
    });
    view! {
        <section id=LIST_ID class="reader__list" aria-labelledby="articles-heading" tabindex="-1">
            <h2 id="articles-heading" class="visually-hidden">"Articles"</h2>
            <ListToolbar />
            <ListControls />
            {move || {
                // Only a change of what is listed redraws the list (not every signal the
                // empty states read).
                let items = match shape.get() {
                    Shape::Loading => return view! { <ListSkeleton /> }.into_any(),
                    Shape::Empty => return view! { <EmptyList /> }.into_any(),
                    Shape::NoMatch => {
                        return view! { <p class="article-list__empty">"No articles match."</p> }
                            .into_any()
                    }
                    Shape::Rows(items) => items,
                };
                let show_feed = across_feeds();
                let total = items.len();
                let shown = RwSignal::new(PAGE);
                let filled = RwSignal::new(false);
                current.set_value(Some(shown));
                // Fill in the background, one step per frame, up to FILL rows. (An effect
                // runs after the rows of its step are in the DOM, so `filled` is honest.)
                Effect::new(move |_| {
                    let now = shown.get();
                    if now < total.min(FILL) {
                        request_animation_frame(move || {
                            if shown.try_get_untracked() == Some(now) {
                                let _ = shown.try_set(now + PAGE);
                            }
                        });
                    } else {
                        filled.set(true);
                    }
                });
                // One block per step, each rendered once, when it first comes into range:
                // adding rows never re-renders the rows already there.
                let steps = (0..total.div_ceil(PAGE)).map(|step| {
                    let in_range = Memo::new(move |_| shown.get() > step * PAGE);
                    let items = Arc::clone(&items);
                    move || in_range.get().then(|| {
                        let end = ((step + 1) * PAGE).min(items.len());
                        items[step * PAGE..end].iter().enumerate().map(|(k, item)| view! {
                            <ArticleRow item=item.clone() index=step * PAGE + k show_feed=show_feed />
                        }).collect_view()
                    })
                }).collect_view();
                view! {
                    // Busy while rows are still being added in the background.
                    <ol class="article-list" role="list"
                        aria-busy=move || (!filled.get()).to_string()>{steps}</ol>
                    <div node_ref=sentinel class="article-list__more" aria-hidden="true"
                        class:article-list__more--done=move || { shown.get() >= total }></div>
                }.into_any()
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
    let link = view! {
        <a id=entry_link_id(index) data-index=index.to_string() class="entry-row__link"
            href=href on:click=on_click
            aria-current=move || is_open.get().then_some("true")>
            {title}
        </a>
    }
    // The first title is what "first entry painted" measures (Element Timing).
    .attr("elementtiming", (index == 0).then_some("first-entry"));
    view! {
        <li class="entry-row" class:entry-row--open=is_open class:entry-row--read=is_read>
            <div class="entry-row__text">
                <h3 class="entry-row__title" dir="auto">{link}</h3>
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

/// What the list area shows.
#[derive(Clone, PartialEq)]
enum Shape {
    Loading,
    Empty,
    NoMatch,
    Rows(Arc<Vec<Item>>),
}

/// Calls `more` whenever `sentinel` comes within a screen of being visible.
fn on_near_end(sentinel: NodeRef<leptos::html::Div>, more: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let visible = entries.iter().any(|e| {
            e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                .is_intersecting()
        });
        if visible {
            more();
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("1000px 0px");
    let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    ) else {
        return;
    };
    callback.forget(); // owned by the observer, which lives as long as the list
    Effect::new(move |_| {
        if let Some(el) = sentinel.get() {
            observer.disconnect();
            observer.observe(&el);
        }
    });
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
