//! The keyboard help overlay (`?`): every shortcut, from the same table the keys obey.

use leptos::html;
use leptos::prelude::*;

use super::dialog::{bind_modal, ModalHeader};

use crate::keys::SHORTCUTS;
use crate::state::use_app_state;

#[component]
pub fn HelpDialog() -> impl IntoView {
    let state = use_app_state();
    let dialog = NodeRef::<html::Dialog>::new();
    bind_modal(dialog, state.help_open);
    view! {
        <dialog node_ref=dialog class="settings help" aria-labelledby="help-title"
            on:close=move |_| state.help_open.set(false)>
            <ModalHeader id="help-title" title="Keyboard shortcuts"
                close_label="Close keyboard shortcuts" open=state.help_open />
            <Show when=move || state.help_open.get()>
                <table class="help__table">
                    <thead><tr><th scope="col">"Keys"</th><th scope="col">"What they do"</th></tr></thead>
                    <tbody>
                        {SHORTCUTS.iter().map(|(keys, what)| view! {
                            <tr><td><kbd>{*keys}</kbd></td><td>{*what}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="settings__hint help__note">"Shortcuts never fire while you type in a field."</p>
            </Show>
        </dialog>
    }
}
