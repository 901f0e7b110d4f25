//! Backup in the settings panel: everything (subscriptions, folders, read and star marks,
//! settings) out as one JSON file, and back in, after the reader confirms the replacement.

use leptos::html;
use leptos::prelude::*;

use crate::backup::{export_backup, import_backup, Backup};
use crate::browser;
use crate::messages;
use crate::state::{use_app_state, Nav, View};

#[component]
pub fn BackupSection() -> impl IntoView {
    let state = use_app_state();
    let picker = NodeRef::<html::Input>::new();
    let replace_button = NodeRef::<html::Button>::new();
    let pending = RwSignal::new(None::<Backup>);
    let problem = RwSignal::new(None::<String>);
    let export = move |_| {
        let text = state.settings.with_untracked(|settings| {
            state
                .library
                .with_untracked(|library| export_backup(settings, library, &browser::now_rfc3339()))
        });
        browser::download("rillet-backup.json", "application/json", &text);
    };
    let on_file = move |_| {
        let Some(file) = picker.get().and_then(|p| p.files()).and_then(|f| f.get(0)) else {
            return;
        };
        if let Some(p) = picker.get() {
            p.set_value("");
        }
        leptos::task::spawn_local(async move {
            let text = browser::read_file_text(&file).await.unwrap_or_default();
            match import_backup(&text) {
                Ok(backup) => {
                    problem.set(None);
                    pending.set(Some(backup));
                    // The question needs an answer: take the reader to it.
                    request_animation_frame(move || {
                        if let Some(b) = replace_button.get() {
                            let _ = b.focus();
                        }
                    });
                }
                Err(e) => problem.set(Some(messages::backup_error(&e).one_line())),
            }
        });
    };
    let restore = move |_| {
        let Some(backup) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        let (settings, library) = (backup.settings, backup.library);
        state.change_settings(|s| *s = settings);
        state.change_library(move |l| *l = library.clone());
        state.notify(messages::backup_restored());
        state.show_view(View::All, Nav::Push);
    };
    view! {
        <section class="settings__section" aria-labelledby="settings-backup">
            <h3 id="settings-backup">"Backup"</h3>
            <p class="settings__hint">
                "One file with your subscriptions, folders, read and starred articles and these settings."
            </p>
            <input node_ref=picker type="file" accept=".json,application/json" class="visually-hidden"
                tabindex="-1" aria-hidden="true" on:change=on_file />
            <div class="settings__inline">
                <button type="button" class="button" on:click=export>"Export everything"</button>
                <button type="button" class="button" on:click=move |_| {
                    if let Some(p) = picker.get() { p.click(); }
                }>"Import a backup"</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="settings__error" role="alert">{p}</p> })}
            {move || pending.get().map(|b| view! {
                <div class="settings__callout">
                    <p id="backup-confirm">{messages::backup_confirm(&b)}</p>
                    <div class="settings__inline">
                        <button type="button" class="button button--primary" node_ref=replace_button
                            aria-describedby="backup-confirm" on:click=restore>"Replace"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| pending.set(None)>"Cancel"</button>
                    </div>
                </div>
            })}
        </section>
    }
}
