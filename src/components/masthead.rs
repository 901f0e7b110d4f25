//! The masthead: the feed's title (linking to its site) and the form that loads another feed.

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;

use crate::present::is_http_url;
use crate::state::{use_app_state, Nav};

#[component]
pub fn Masthead() -> impl IntoView {
    let state = use_app_state();
    let title = move || {
        state
            .feed
            .with(|f| f.as_ref().and_then(|f| f.title.clone()))
            .unwrap_or_else(|| "Rillet".into())
    };
    let site = move || {
        state
            .feed
            .with(|f| f.as_ref().and_then(|f| f.link.clone()))
            .filter(|l| is_http_url(l))
    };
    let description = move || {
        state
            .feed
            .with(|f| f.as_ref().and_then(|f| f.description.clone()))
    };
    let count = move || state.feed.with(|f| f.as_ref().map(|f| f.entries.len()));

    view! {
        <header class="masthead">
            <div class="masthead__brand" aria-hidden="true">
                <span class="masthead__logo"></span>
            </div>
            <div class="masthead__feed">
                <h1 class="masthead__title" dir="auto">
                    {move || match site() {
                        Some(href) => view! {
                            <a href=href target="_blank" rel="noopener noreferrer">{title()}</a>
                        }.into_any(),
                        None => view! { <span>{title()}</span> }.into_any(),
                    }}
                </h1>
                <p class="masthead__subtitle" dir="auto">
                    {move || description()}
                    {move || count().map(|n| view! {
                        <span class="masthead__count">{format!("{n} articles")}</span>
                    })}
                </p>
            </div>
            <FeedForm />
        </header>
    }
}

#[component]
fn FeedForm() -> impl IntoView {
    let state = use_app_state();
    let input = NodeRef::<html::Input>::new();
    // The field shows the feed on screen, and follows it when Back/Forward change it.
    Effect::new(move |_| {
        let source = state.source.get().unwrap_or_default();
        if let Some(el) = input.get() {
            el.set_value(&source);
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(el) = input.get() {
            state.load(Some(el.value()), Nav::Push);
        }
    };
    let busy = move || state.loading.get().is_some();
    view! {
        <form class="feed-form" novalidate on:submit=on_submit>
            <label class="visually-hidden" for="feed-url">"Feed URL"</label>
            <input
                id="feed-url"
                class="feed-form__input"
                type="url"
                name="feed"
                node_ref=input
                placeholder="Paste a feed address…"
                autocomplete="url"
                spellcheck="false"
                required
            />
            <button class="button button--primary" type="submit" disabled=busy>
                {move || if busy() { "Loading…" } else { "Load" }}
            </button>
        </form>
    }
}
