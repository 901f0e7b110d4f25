//! The root: state from the page address, the start-up load, Back/Forward, the layout.

use leptos::prelude::*;

use super::article_list::ArticleList;
use super::article_view::ArticleView;
use super::masthead::Masthead;
use super::notices::Notices;
use crate::browser;
use crate::route::Route;
use crate::state::{AppState, Nav};

#[component]
pub fn App() -> impl IntoView {
    let route = Route::from_query(&browser::current_query());
    let state = AppState::new(route.clone());
    provide_context(state);
    state.load(route.feed, Nav::Replace);

    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        state.apply_route(Route::from_query(&browser::current_query()));
    });

    let article_open = move || state.open_entry.with(Option::is_some);
    view! {
        <a class="skip-link" href="#articles">"Skip to articles"</a>
        <div class="app">
            <Masthead />
            <Notices />
            <main class="reader" class:reader--article-open=article_open>
                <ArticleList />
                <ArticleView />
            </main>
        </div>
    }
}
