//! The masthead: the feed's title (linking to its site) and the form that loads another feed.

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;

use super::embed_panel::EmbedPanel;
use crate::present::is_http_url;
use crate::state::{use_app_state, View};

#[component]
pub fn Masthead() -> impl IntoView {
    let state = use_app_state();
    let slot = move || state.current_slot();
    let title = move || match state.view.get() {
        View::All => "All articles".to_string(),
        View::Starred => "Starred".to_string(),
        _ => slot()
            .and_then(|s| s.meta.title.clone())
            .unwrap_or_else(|| "Rillet".into()),
    };
    let site = move || {
        slot()
            .and_then(|s| s.meta.link.clone())
            .filter(|l| is_http_url(l))
    };
    let description = move || match state.view.get() {
        View::All => Some("Every subscription, newest first.".to_string()),
        View::Starred => Some("Articles you starred.".to_string()),
        _ => slot().and_then(|s| s.meta.description.clone()),
    };

    view! {
        <header class="masthead">
            <button type="button" class="button button--quiet masthead__menu"
                aria-label="Subscriptions" aria-expanded=move || state.sidebar_open.get().to_string()
                on:click=move |_| state.sidebar_open.update(|o| *o = !*o)>
                <span aria-hidden="true">"☰"</span>
            </button>
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
                <p class="masthead__subtitle" dir="auto">{description}</p>
            </div>
            <FeedForm />
            <EmbedPanel />
            <button type="button" class="button button--quiet masthead__settings"
                aria-haspopup="dialog" on:click=move |_| state.settings_open.set(true)>
                <span aria-hidden="true" class="masthead__gear">"⚙"</span>
                <span class="masthead__settings-label">"Settings"</span>
            </button>
        </header>
    }
}

#[component]
fn FeedForm() -> impl IntoView {
    let state = use_app_state();
    let input = NodeRef::<html::Input>::new();
    // The field shows the feed on screen, and follows it when Back/Forward change it.
    Effect::new(move |_| {
        let source = match state.view.get() {
            View::Feed(url) => url,
            _ => String::new(),
        };
        if let Some(el) = input.get() {
            el.set_value(&source);
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(el) = input.get() {
            state.open_address(crate::net::ascii_address(&el.value()), false);
        }
    };
    let busy = move || state.view_loading() && state.view.with(|v| matches!(v, View::Feed(_)));
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
