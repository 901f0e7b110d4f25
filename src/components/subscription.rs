//! One subscription in the sidebar: its name and unread count, and an editor to rename it,
//! file it in a folder, or unsubscribe (with undo).

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;

use crate::state::{use_app_state, Nav, View};

#[component]
pub fn SubscriptionRow(url: String) -> impl IntoView {
    let state = use_app_state();
    let editing = RwSignal::new(false);
    let sub = {
        let url = url.clone();
        move || state.library.with(|l| l.subscription(&url).cloned())
    };
    let name = {
        let sub = sub.clone();
        move || sub().map(|s| s.display_name()).unwrap_or_default()
    };
    let href = {
        let url = url.clone();
        move || state.route.with(|r| r.with_feed(Some(&url)).to_query())
    };
    let current = {
        let url = url.clone();
        move || state.view.with(|v| matches!(v, View::Feed(u) if *u == url))
    };
    let unread = {
        let url = url.clone();
        move || state.unread_count(&url)
    };
    let go = url.clone();
    let edit_label = {
        let name = name.clone();
        move || format!("Edit {}", name())
    };
    view! {
        <li class="sidebar__sub">
            <div class="sidebar__sub-row">
                <a class="sidebar__link" href=href aria-current=move || current().then_some("page")
                    on:click=move |ev| { ev.prevent_default(); state.show_view(View::Feed(go.clone()), Nav::Push); }>
                    <span class="sidebar__name" dir="auto">{name.clone()}</span>
                    <span class="sidebar__count">{move || match unread() { 0 => String::new(), n => n.to_string() }}</span>
                </a>
                <button type="button" class="button button--quiet sidebar__edit" aria-label=edit_label
                    aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)>"⋯"</button>
            </div>
            <Show when=move || editing.get()>
                <Editor url=url.clone() done=editing />
            </Show>
        </li>
    }
}

#[component]
fn Editor(url: String, done: RwSignal<bool>) -> impl IntoView {
    let state = use_app_state();
    let name_input = NodeRef::<html::Input>::new();
    let folder_input = NodeRef::<html::Input>::new();
    let (current_name, current_folder) = state.library.with_untracked(|l| {
        let s = l.subscription(&url);
        (
            s.and_then(|s| s.name.clone()),
            s.and_then(|s| s.folder.clone()),
        )
    });
    let folders = state.library.with_untracked(|l| l.folders.clone());
    let save_url = url.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let (Some(n), Some(f)) = (name_input.get(), folder_input.get()) {
            state.rename(save_url.clone(), Some(n.value()));
            state.move_to_folder(save_url.clone(), Some(f.value()));
        }
        done.set(false);
    };
    let remove_url = url.clone();
    let id = format!(
        "edit-{}",
        url.len()
            ^ url
                .bytes()
                .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize))
    );
    let (name_id, folder_id, list_id) = (
        format!("{id}-name"),
        format!("{id}-folder"),
        format!("{id}-folders"),
    );
    view! {
        <form class="sidebar__editor" novalidate on:submit=on_submit>
            <label for=name_id.clone()>"Name"</label>
            <input id=name_id node_ref=name_input class="settings__input" value=current_name.unwrap_or_default()
                placeholder="The feed's own title" />
            <label for=folder_id.clone()>"Folder"</label>
            <input id=folder_id node_ref=folder_input class="settings__input" list=list_id.clone()
                value=current_folder.unwrap_or_default() placeholder="No folder" />
            <datalist id=list_id>
                {folders.into_iter().map(|f| view! { <option value=f></option> }).collect_view()}
            </datalist>
            <div class="sidebar__editor-actions">
                <button type="submit" class="button">"Save"</button>
                <button type="button" class="button button--quiet sidebar__unsubscribe"
                    on:click=move |_| { done.set(false); state.unsubscribe(remove_url.clone()); }>
                    "Unsubscribe"
                </button>
            </div>
        </form>
    }
}
