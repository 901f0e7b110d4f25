//! The sidebar: All and Starred, the subscriptions by folder with unread counts, adding a feed,
//! editing one (rename, folder, unsubscribe with undo), and OPML in and out (a file picker,
//! or a file dropped on the sidebar).

use leptos::ev::{DragEvent, SubmitEvent};
use leptos::html;
use leptos::prelude::*;

use super::subscription::SubscriptionRow;
use crate::browser;
use crate::messages;
use crate::opml;
use crate::state::{use_app_state, AppState, Nav, View};

#[component]
pub fn Sidebar() -> impl IntoView {
    let state = use_app_state();
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            import_opml_file(state, file);
        }
    };
    view! {
        <nav class="sidebar" aria-label="Subscriptions" class:sidebar--dropping=move || dragging.get()
            on:dragover=move |ev: DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <button type="button" class="button button--quiet sidebar__close" aria-label="Close subscriptions"
                on:click=move |_| state.sidebar_open.set(false)>"×"</button>
            <AddFeed />
            <ul class="sidebar__views" role="list">
                <ViewLink view=View::All label="All articles" />
                <ViewLink view=View::Starred label="Starred" />
            </ul>
            <Subscriptions />
            <OpmlTools />
        </nav>
    }
}

#[component]
fn ViewLink(view: View, label: &'static str) -> impl IntoView {
    let state = use_app_state();
    let target = view.clone();
    let href = move || {
        let query = match &target {
            View::All => state.route.with(|r| r.with_view(Some("all")).to_query()),
            View::Starred => state
                .route
                .with(|r| r.with_view(Some("starred")).to_query()),
            View::Builtin => state.route.with(|r| r.with_feed(None).to_query()),
            View::Feed(url) => state.route.with(|r| r.with_feed(Some(url)).to_query()),
        };
        if query.is_empty() {
            "./".to_string()
        } else {
            query
        }
    };
    let current = {
        let view = view.clone();
        move || state.view.with(|v| *v == view)
    };
    let count = {
        let view = view.clone();
        move || match &view {
            View::All => state
                .library
                .with(|l| {
                    l.subscriptions
                        .iter()
                        .map(|s| s.url.clone())
                        .collect::<Vec<_>>()
                })
                .iter()
                .map(|u| state.unread_count(u))
                .sum::<usize>(),
            View::Starred => state.library.with(|l| l.starred().count()),
            View::Builtin => state.unread_count(crate::state::BUILTIN),
            View::Feed(url) => state.unread_count(url),
        }
    };
    let go = view.clone();
    view! {
        <li>
            <a class="sidebar__link" href=href aria-current=move || current().then_some("page")
                on:click=move |ev| { ev.prevent_default(); state.show_view(go.clone(), Nav::Push); }>
                <span class="sidebar__name">{label}</span>
                <span class="sidebar__count">{move || match count() { 0 => String::new(), n => n.to_string() }}</span>
            </a>
        </li>
    }
}

#[component]
fn Subscriptions() -> impl IntoView {
    let state = use_app_state();
    let groups = move || {
        state.library.with(|l| {
            let mut groups: Vec<(Option<String>, Vec<String>)> = l
                .folders
                .iter()
                .map(|f| {
                    let urls = l
                        .subscriptions
                        .iter()
                        .filter(|s| s.folder.as_deref() == Some(f))
                        .map(|s| s.url.clone())
                        .collect();
                    (Some(f.clone()), urls)
                })
                .collect();
            let loose: Vec<String> = l
                .subscriptions
                .iter()
                .filter(|s| s.folder.is_none())
                .map(|s| s.url.clone())
                .collect();
            groups.push((None, loose));
            groups.retain(|(_, urls)| !urls.is_empty());
            groups
        })
    };
    let empty =
        move || state.library_ready.get() && state.library.with(|l| l.subscriptions.is_empty());
    view! {
        <Show when=empty>
            <div class="sidebar__empty">
                <p>"No subscriptions yet."</p>
                <ul class="sidebar__views" role="list">
                    <ViewLink view=View::Builtin label="Sample feed (Forem)" />
                </ul>
            </div>
        </Show>
        {move || groups().into_iter().map(|(folder, urls)| {
            let rows = urls.into_iter().map(|url| view! { <SubscriptionRow url=url /> }).collect_view();
            match folder {
                Some(name) => view! {
                    <details class="sidebar__folder" open>
                        <summary class="sidebar__folder-name">{name}</summary>
                        <ul class="sidebar__subs" role="list">{rows}</ul>
                    </details>
                }.into_any(),
                None => view! { <ul class="sidebar__subs" role="list" aria-label="Feeds">{rows}</ul> }.into_any(),
            }
        }).collect_view()}
    }
}

#[component]
fn AddFeed() -> impl IntoView {
    let state = use_app_state();
    let open = RwSignal::new(false);
    let input = NodeRef::<html::Input>::new();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(el) = input.get() {
            state.open_address(el.value(), true);
            el.set_value("");
            open.set(false);
        }
    };
    Effect::new(move |_| {
        if open.get() {
            request_animation_frame(move || {
                if let Some(el) = input.get() {
                    let _ = el.focus();
                }
            });
        }
    });
    view! {
        <div class="sidebar__add">
            <button type="button" class="button button--primary sidebar__add-button"
                aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                "+ Add a feed"
            </button>
            <Show when=move || open.get()>
                <form class="sidebar__add-form" novalidate on:submit=on_submit>
                    <label for="add-feed-url">"Feed or site address"</label>
                    <input id="add-feed-url" node_ref=input type="url" class="settings__input" spellcheck="false"
                        placeholder="https://example.com/feed" required />
                    <button type="submit" class="button">"Subscribe"</button>
                </form>
            </Show>
        </div>
    }
}

#[component]
fn OpmlTools() -> impl IntoView {
    let state = use_app_state();
    let picker = NodeRef::<html::Input>::new();
    let export = move |_| {
        let text = state
            .library
            .with_untracked(|l| opml::export_opml(l, Some(&browser::now_rfc822())));
        browser::download("rillet-subscriptions.opml", "text/x-opml", &text);
    };
    view! {
        <div class="sidebar__tools">
            <input node_ref=picker type="file" accept=".opml,.xml,text/x-opml,application/xml,text/xml"
                class="visually-hidden" id="opml-file" tabindex="-1" aria-hidden="true"
                on:change=move |_| {
                    if let Some(file) = picker.get().and_then(|p| p.files()).and_then(|f| f.get(0)) {
                        import_opml_file(state, file);
                    }
                    if let Some(p) = picker.get() { p.set_value(""); }
                } />
            <button type="button" class="button button--quiet" on:click=move |_| {
                if let Some(p) = picker.get() { p.click(); }
            }>"Import OPML"</button>
            <button type="button" class="button button--quiet" on:click=export
                disabled=move || state.library.with(|l| l.subscriptions.is_empty())>"Export OPML"</button>
            <p class="sidebar__hint">"You can also drop an OPML file here."</p>
        </div>
    }
}

/// Reads an OPML file and follows the feeds in it that are not followed yet.
fn import_opml_file(state: AppState, file: web_sys::File) {
    leptos::task::spawn_local(async move {
        let Some(text) = browser::read_file_text(&file).await else {
            state.notify(messages::file_unreadable_notice());
            return;
        };
        match opml::read_opml(&text) {
            Err(e) => state.notify(messages::opml_error(&e).one_line()),
            Ok(document) => {
                let report = state
                    .library
                    .with_untracked(|l| document.clone().import_into(&mut l.clone()));
                state.change_library(move |l| {
                    document.clone().import_into(l);
                });
                state.notify(messages::opml_imported(&report));
                if report.added > 0 {
                    state.show_view(View::All, Nav::Push);
                }
            }
        }
    });
}
