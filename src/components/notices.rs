//! Loading, failure and "feed has errors" notices. Failures are in a `role="alert"` region and
//! never replace what is on screen; a web page offering several feeds lists them to pick from.

use leptos::prelude::*;

use crate::messages;
use crate::state::{use_app_state, Alert};

#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app_state();
    let loading = move || state.view_loading();
    let malformed = move || {
        state
            .current_slot()
            .is_some_and(|s| s.meta.malformed.is_some())
    };
    view! {
        <div class="notices">
            <div role="status" class="notice-slot">
                {move || loading().then(|| view! { <p class="notice notice--loading">"Loading feed…"</p> })}
                {move || state.undo.get().map(|removed| view! {
                    <p class="notice notice--warning">
                        {messages::unsubscribed_notice(&removed.subscription.display_name())}
                        <span class="notice__inline-actions">
                            <button type="button" class="button" on:click=move |_| state.undo_unsubscribe()>"Undo"</button>
                            <button type="button" class="button button--quiet notice__close" aria-label="Dismiss"
                                on:click=move |_| state.undo.set(None)>"×"</button>
                        </span>
                    </p>
                })}
                {move || {
                    state.notices.get().into_iter().enumerate().map(|(i, text)| view! {
                        <p class="notice notice--warning">
                            {text}
                            <button type="button" class="button button--quiet notice__close"
                                aria-label="Dismiss this notice"
                                on:click=move |_| state.notices.update(|n| { n.remove(i); })>
                                "×"
                            </button>
                        </p>
                    }).collect_view()
                }}
            </div>
            <div role="alert" class="notice-slot">
                {move || state.alert.get().map(|alert| view! { <AlertBox alert=alert /> })}
            </div>
            <Show when=malformed>
                <p class="notice notice--warning" role="status">{messages::malformed_notice()}</p>
            </Show>
        </div>
    }
}

#[component]
fn AlertBox(alert: Alert) -> impl IntoView {
    let state = use_app_state();
    let Alert {
        message, choices, ..
    } = alert;
    let has_choices = !choices.is_empty();
    view! {
        <div class="notice notice--error">
            <p class="notice__title">{message.title}</p>
            <p class="notice__detail">{message.detail}</p>
            {message.hint.map(|h| view! { <p class="notice__hint">{h}</p> })}
            {has_choices.then(|| view! {
                <ul class="notice__choices" aria-label="Feeds on this page">
                    {choices.into_iter().map(|c| {
                        let url = c.url.clone();
                        let label = c.title.clone().unwrap_or_else(|| c.url.clone());
                        view! {
                            <li>
                                <button type="button" class="button"
                                    on:click=move |_| state.open_address(url.clone(), false)>
                                    {label}
                                </button>
                                <span class="notice__kind">{c.kind}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <div class="notice__actions">
                {(!has_choices).then(|| view! {
                    <button type="button" class="button" on:click=move |_| state.retry()>"Try again"</button>
                })}
                <button type="button" class="button button--quiet" on:click=move |_| state.dismiss_alert()>
                    "Dismiss"
                </button>
            </div>
        </div>
    }
}
