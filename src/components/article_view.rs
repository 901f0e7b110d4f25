//! The article view: the open entry as an `<article>` headed by its title, with its byline,
//! date, reading time, tags, read and star toggles, a link to the original, any podcast or
//! video player, and its sanitized body.

use std::sync::Arc;

use leptos::prelude::*;

use super::app::use_list_items;
use super::article_body::ArticleBody;
use super::article_list::{entry_link_id, LIST_ID};
use super::meta::{RelativeTime, Tags};
use crate::browser;
use crate::model::Enclosure;
use crate::present;
use crate::state::{use_app_state, AppState, Item};

/// The DOM id of the open article's heading, which takes focus when an article opens.
pub const ARTICLE_HEADING_ID: &str = "article-title";

#[component]
pub fn ArticleView() -> impl IntoView {
    let state = use_app_state();
    let items = use_list_items();
    let open = Memo::new(move |_| state.open_item());

    // Focus follows the reader: to the heading whenever another article opens, back to its
    // row (and the scroll position it had) when the list returns.
    Effect::new(move |previous: Option<Option<String>>| {
        let key = state.open_entry.get();
        match (&key, previous.flatten()) {
            (Some(now), before) if before.as_ref() != Some(now) => {
                request_animation_frame(|| browser::focus_by_id(ARTICLE_HEADING_ID));
            }
            (None, Some(_)) => restore_list_position(state, items),
            _ => {}
        }
        key
    });

    view! {
        <section class="reader__article" aria-label="Article">
            {move || match (state.open_entry.with(Option::is_some), open.get()) {
                (false, _) => view! { <EmptyState /> }.into_any(),
                (true, None) => view! { <MissingEntry /> }.into_any(),
                (true, Some(item)) => view! { <Article item=item /> }.into_any(),
            }}
        </section>
    }
}

fn restore_list_position(state: AppState, items: Memo<Arc<Vec<Item>>>) {
    let Some(point) = state.return_point.get_value() else {
        return;
    };
    request_animation_frame(move || {
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(list) = document.as_ref().and_then(|d| d.get_element_by_id(LIST_ID)) {
            list.set_scroll_top(point.list_y as i32);
        }
        browser::scroll_window_to(point.window_y);
        // The row's link carries its position in the list; find the one for this entry.
        let index =
            items.with_untracked(|i| i.iter().position(|x| x.entry.key() == point.entry_key));
        if let Some(i) = index {
            browser::focus_by_id(&entry_link_id(i));
        }
    });
}

#[component]
fn Article(item: Item) -> impl IntoView {
    let state = use_app_state();
    let entry = item.entry.clone();
    let title = entry
        .title
        .clone()
        .unwrap_or_else(|| "(untitled)".to_string());
    let link = entry.link.clone().filter(|l| present::is_http_url(l));
    let minutes = present::reading_minutes(&entry);
    let media: Vec<Enclosure> = entry
        .enclosures
        .iter()
        .filter(|e| (e.is_audio() || e.is_video()) && present::is_http_url(&e.url))
        .cloned()
        .collect();
    let (feed, e) = (item.feed.clone(), entry.clone());
    let is_read = Memo::new(move |_| state.library.with(|l| l.is_read(&feed, &e)));
    let (feed, e) = (item.feed.clone(), entry.clone());
    let is_starred = Memo::new(move |_| state.library.with(|l| l.is_starred(&feed, &e)));
    let (read_item, star_item) = (item.clone(), item.clone());
    let duration = entry.duration_secs.map(present::duration_label);
    let episode = entry.episode;
    view! {
        <div class="article-toolbar">
            <button type="button" class="button button--quiet article-toolbar__back"
                on:click=move |_| state.close()>
                <span aria-hidden="true">"← "</span>"All articles"
            </button>
        </div>
        <article class="article" aria-labelledby=ARTICLE_HEADING_ID>
            <header class="article__header">
                {item.feed_title.clone().map(|t| view! { <p class="article__feed" dir="auto">{t.to_string()}</p> })}
                <h2 id=ARTICLE_HEADING_ID class="article__title" tabindex="-1" dir="auto">{title}</h2>
                <p class="article__meta">
                    {entry.byline().map(|b| view! { <span class="article__author">{b}</span> })}
                    {entry.date().map(|t| view! { <RelativeTime time=t /> })}
                    {minutes.map(|m| view! { <span class="article__reading">{format!("{m} min read")}</span> })}
                </p>
                <Tags tags=entry.categories.clone() />
                <div class="article__actions">
                    <button type="button" class="button article__toggle"
                        aria-pressed=move || is_starred.get().to_string()
                        on:click=move |_| state.toggle_star(&star_item)>
                        <span aria-hidden="true">{move || if is_starred.get() { "★ " } else { "☆ " }}</span>
                        "Star"
                    </button>
                    <button type="button" class="button article__toggle"
                        on:click=move |_| state.toggle_read(&read_item)>
                        {move || if is_read.get() { "Mark unread" } else { "Mark read" }}
                    </button>
                    {link.map(|href| view! {
                        <a class="article__original" href=href target="_blank" rel="noopener noreferrer">
                            "Read the original"<span aria-hidden="true">" ↗"</span>
                        </a>
                    })}
                </div>
            </header>
            {(!media.is_empty()).then(|| view! {
                <div class="article__media-block">
                    {(episode.is_some() || duration.is_some()).then(|| view! {
                        <p class="article__media-info">
                            {episode.map(|n| view! { <span>{format!("Episode {n}")}</span> })}
                            {duration.clone().map(|d| view! { <span>{d}</span> })}
                        </p>
                    })}
                    {media.into_iter().map(|m| if m.is_video() {
                        view! { <video class="article__media" controls preload="none" src=m.url></video> }.into_any()
                    } else {
                        view! { <audio class="article__media" controls preload="none" src=m.url></audio> }.into_any()
                    }).collect_view()}
                </div>
            })}
            <ArticleBody entry=entry.clone() />
        </article>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <div class="article-empty">
            <p class="article-empty__title">"Pick an article to read it here."</p>
            <p class="article-empty__hint">"j and k move between articles; ? lists every key."</p>
        </div>
    }
}

#[component]
fn MissingEntry() -> impl IntoView {
    let state = use_app_state();
    let loading = move || state.view_loading() || !state.library_ready.get();
    view! {
        <div class="article-empty">
            {move || if loading() {
                view! { <p class="article-empty__title">"Loading the article…"</p> }.into_any()
            } else {
                view! {
                    <p class="article-empty__title">"This article is no longer in the feed."</p>
                    <button type="button" class="button" on:click=move |_| state.close()>"Back to the list"</button>
                }.into_any()
            }}
        </div>
    }
}
