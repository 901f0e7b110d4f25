//! Loading, failure and "feed has errors" notices. Failures are in a `role="alert"` region and
//! never replace what is on screen.

use leptos::prelude::*;

use crate::messages;
use crate::state::use_app_state;

#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app_state();
    let loading = move || state.loading.get().is_some();
    let malformed = move || {
        state
            .feed
            .with(|f| f.as_ref().is_some_and(|f| f.malformed.is_some()))
    };
    view! {
        <div class="notices">
            <div role="status" class="notice-slot">
                {move || loading().then(|| view! { <p class="notice notice--loading">"Loading feed…"</p> })}
            </div>
            <div role="alert" class="notice-slot">
                {move || state.failure.get().map(|f| {
                    view! {
                        <div class="notice notice--error">
                            <p class="notice__title">{f.message.title}</p>
                            <p class="notice__detail">{f.message.detail}</p>
                            {f.message.hint.map(|h| view! { <p class="notice__hint">{h}</p> })}
                            <div class="notice__actions">
                                <button type="button" class="button" on:click=move |_| state.reload()>
                                    "Try again"
                                </button>
                                <button type="button" class="button button--quiet"
                                    on:click=move |_| state.dismiss_failure()>
                                    "Dismiss"
                                </button>
                            </div>
                        </div>
                    }
                })}
            </div>
            <Show when=malformed>
                <p class="notice notice--warning" role="status">{messages::malformed_notice()}</p>
            </Show>
        </div>
    }
}
