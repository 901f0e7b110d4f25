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
