//! The root: state from the page address, start-up, Back/Forward, keyboard, timers, layout.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::article_list::ArticleList;
use super::article_view::ArticleView;
use super::help::HelpDialog;
use super::keyboard;
use super::masthead::Masthead;
use super::notices::Notices;
use super::settings::SettingsPanel;
use super::sidebar::Sidebar;
use crate::browser;
use crate::route::Route;
use crate::state::{AppState, Item};
use crate::storage::{Density, Theme};

/// The list as shown (search, filters and sort applied), shared by the list, the article
/// view (next/previous) and the keyboard.
#[derive(Clone, Copy)]
pub struct ListItems(pub Memo<Arc<Vec<Item>>>);

pub fn use_list_items() -> Memo<Arc<Vec<Item>>> {
    expect_context::<ListItems>().0
}

#[component]
pub fn App() -> impl IntoView {
    let route = Route::from_query(&browser::current_query());
    let state = AppState::new(route);
    provide_context(state);
    let search_cache = StoredValue::new(HashMap::new());
    let items = Memo::new(move |_| Arc::new(state.visible_items(search_cache)));
    provide_context(ListItems(items));
    state.start();
    state.follow_settings_from_other_tabs();

    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        state.apply_route(Route::from_query(&browser::current_query()));
    });
    keyboard::listen(state, items);
    // Automatic refresh: only while the page is on screen, as the publisher's ttl and
    // max-age allow (AppState::refresh_if_due checks both).
    let _ = set_interval_with_handle(move || state.refresh_if_due(), Duration::from_secs(60));
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
        state.refresh_if_due()
    });
    // start.js reads this hint on the next visit, before any of the app's code has loaded.
    Effect::new(move |_| {
        if state.library_ready.get() {
            browser::set_subscribed_hint(state.library.with(|l| !l.subscriptions.is_empty()));
        }
    });
    Effect::new(move |_| {
        browser::set_theme_attribute(match state.settings.with(|s| s.theme) {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        });
    });

    let article_open = move || state.open_entry.with(Option::is_some);
    let compact = move || state.settings.with(|s| s.density == Density::Compact);
    view! {
        <a class="skip-link" href="#articles">"Skip to articles"</a>
        <div class="app" class:app--compact=compact>
            <Masthead />
            <Notices />
            <div class="reader" class:reader--article-open=article_open
                class:reader--sidebar-open=move || state.sidebar_open.get()>
                <Sidebar />
                <main class="reader__main">
                    <ArticleList />
                    <ArticleView />
                </main>
            </div>
        </div>
        <SettingsPanel />
        <HelpDialog />
    }
}
