//! Above the list: what it shows and how fresh it is (with Refresh, Subscribe and Mark all
//! read), then search, filters and sort.

use std::time::Duration;

use leptos::ev::Event;
use leptos::prelude::*;

use super::app::use_list_items;
use super::article_list::SEARCH_ID;
use crate::browser;
use crate::date::Timestamp;
use crate::messages::{self, host_of};
use crate::net::Via;
use crate::query::{self, Sort};
use crate::state::{use_app_state, View};

#[component]
pub fn ListToolbar() -> impl IntoView {
    let state = use_app_state();
    let items = use_list_items();
    let count = move || items.with(|i| i.len());
    let unread = move || {
        let items = items.get();
        state.library.with(|l| {
            items
                .iter()
                .filter(|i| !l.is_read(&i.feed, &i.entry))
                .count()
        })
    };
    let freshness = move || state.current_slot().and_then(|s| s.freshness);
    let busy = move || state.view_loading();
    let previewing = move || match state.view.get() {
        View::Feed(url) => {
            state.library_ready.get() && !state.library.with(|l| l.is_subscribed(&url))
        }
        _ => false,
    };
    let subscribe = move |_| {
        if let (View::Feed(url), Some(slot)) = (state.view.get_untracked(), state.current_slot()) {
            state.subscribe(url, &slot.meta);
        }
    };
    view! {
        <div class="list-toolbar">
            <p class="list-toolbar__status">
                <span>{move || match count() { 1 => "1 article".to_string(), n => format!("{n} articles") }}</span>
                {move || match unread() { 0 => None, n => Some(view! { <span>{format!("{n} unread")}</span> }) }}
                {move || freshness().map(|f| {
                    let when = browser::relative_time(Timestamp::from_unix(f.fetched_at));
                    let via = match &f.via {
                        Via::Direct => None,
                        Via::Proxy(template) => Some(format!("via {}", host_of(template))),
                        Via::ForemApi => state.view.with(|v| v.feed_key().map(|a| messages::via_api(&host_of(a)))),
                    };
                    view! {
                        <span>{format!("updated {when}")}</span>
                        {via.map(|v| view! { <span>{v}</span> })}
                        {f.refresh_failed.map(|why| view! {
                            <span class="list-toolbar__stale">{format!("not refreshed: {why}")}</span>
                        })}
                    }
                })}
            </p>
            <div class="list-toolbar__actions">
                <Show when=previewing>
                    <button type="button" class="button button--primary list-toolbar__button" on:click=subscribe>
                        "Subscribe"
                    </button>
                </Show>
                <button type="button" class="button button--quiet list-toolbar__button"
                    disabled=move || unread() == 0
                    on:click=move |_| state.mark_all_read(&items.get_untracked())>
                    "Mark all read"
                </button>
                <button type="button" class="button button--quiet list-toolbar__button"
                    disabled=busy on:click=move |_| state.refresh()>
                    <span aria-hidden="true" class="list-toolbar__icon" class:list-toolbar__icon--spinning=busy>"↻"</span>
                    "Refresh"
                </button>
            </div>
        </div>
    }
}

/// Search as you type (debounced), filters by category, unread and starred, and sort.
#[component]
pub fn ListControls() -> impl IntoView {
    let state = use_app_state();
    let typed = RwSignal::new(state.query.with_untracked(|q| q.text.clone()));
    // Debounce: the list follows the field once typing pauses.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |ev: Event| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || state.query.update(|q| q.text = text),
            Duration::from_millis(150),
        );
        pending.set_value(handle.ok());
    };
    let categories = Memo::new(move |_| {
        let items = state.view_items();
        query::categories(items.iter().map(|i| i.entry.as_ref()))
    });
    view! {
        <div class="list-controls" role="search">
            <label class="visually-hidden" for=SEARCH_ID>"Search articles"</label>
            <input id=SEARCH_ID class="list-controls__search" type="search" placeholder="Search articles"
                autocomplete="off" prop:value=move || typed.get() on:input=on_input />
            <div class="list-controls__filters">
                <label class="visually-hidden" for="filter-category">"Category"</label>
                <select id="filter-category" class="list-controls__select"
                    on:change=move |ev: Event| {
                        let v = event_target_value(&ev);
                        state.query.update(|q| q.category = (!v.is_empty()).then_some(v));
                    }>
                    <option value="" selected=move || state.query.with(|q| q.category.is_none())>"All categories"</option>
                    {move || categories.get().into_iter().map(|(name, n)| {
                        let selected = name.clone();
                        view! {
                            <option value=name.clone()
                                selected=move || state.query.with(|q| q.category.as_deref() == Some(selected.as_str()))>
                                {format!("{name} ({n})")}
                            </option>
                        }
                    }).collect_view()}
                </select>
                <label class="list-controls__check">
                    <input type="checkbox" prop:checked=move || state.query.with(|q| q.unread_only)
                        on:change=move |ev: Event| { let on = event_target_checked(&ev); state.query.update(|q| q.unread_only = on) } />
                    "Unread"
                </label>
                <label class="list-controls__check">
                    <input type="checkbox" prop:checked=move || state.query.with(|q| q.starred_only)
                        on:change=move |ev: Event| { let on = event_target_checked(&ev); state.query.update(|q| q.starred_only = on) } />
                    "Starred"
                </label>
                <label class="visually-hidden" for="sort-order">"Sort"</label>
                <select id="sort-order" class="list-controls__select"
                    on:change=move |ev: Event| {
                        let sort = if event_target_value(&ev) == "oldest" { Sort::Oldest } else { Sort::Newest };
                        state.query.update(|q| q.sort = sort);
                    }>
                    <option value="newest" selected=move || state.query.with(|q| q.sort == Sort::Newest)>"Newest first"</option>
                    <option value="oldest" selected=move || state.query.with(|q| q.sort == Sort::Oldest)>"Oldest first"</option>
                </select>
            </div>
        </div>
    }
}
