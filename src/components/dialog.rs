//! Modal dialogs: a `<dialog>` opened and closed by a signal. The browser's modal dialog keeps
//! focus inside, makes the page behind inert and closes on Escape; `close` sets the signal back.

use leptos::html;
use leptos::prelude::*;

/// Keeps `dialog` shown as a modal exactly while `open` is true.
pub fn bind_modal(dialog: NodeRef<html::Dialog>, open: RwSignal<bool>) {
    Effect::new(move |_| {
        let wanted = open.get();
        if let Some(d) = dialog.get() {
            if wanted && !d.open() {
                let _ = d.show_modal();
            } else if !wanted && d.open() {
                d.close();
            }
        }
    });
}

/// A modal's heading and its close button (which sets `open` back).
#[component]
pub fn ModalHeader(
    /// The heading's id, which the dialog's `aria-labelledby` names.
    id: &'static str,
    title: &'static str,
    /// The close button's accessible name ("Close settings").
    close_label: &'static str,
    open: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="settings__header">
            <h2 id=id class="settings__title">{title}</h2>
            <button type="button" class="button button--quiet" aria-label=close_label
                on:click=move |_| open.set(false)>"×"</button>
        </div>
    }
}
