//! The article view: the open entry as an `<article>` headed by its title, with its byline,
//! date, reading time, tags, a link to the original, and its sanitized body.

use std::sync::Arc;

use leptos::prelude::*;

use super::article_list::{entry_link_id, LIST_ID};
use super::meta::{RelativeTime, Tags};
use super::safe_html::SafeHtml;
use crate::browser;
use crate::model::{ContentKind, Entry, Feed};
use crate::present;
use crate::sanitize::{sanitize_html, sanitize_text_to_html, SanitizedHtml};
use crate::state::use_app_state;

/// The DOM id of the open article's heading, which takes focus when an article opens.
pub const ARTICLE_HEADING_ID: &str = "article-title";

#[component]
pub fn ArticleView() -> impl IntoView {
    let state = use_app_state();
    // The open entry, looked up again only when the feed or the open key changes.
    let open = Memo::new(move |_| {
        let key = state.open_entry.get()?;
        let feed = state.feed.get()?;
        let index = feed.position_of(&key);
        Some(OpenEntry { feed, index })
    });

    // Focus follows the reader: to the heading when an article opens, back to its row (and
    // the scroll position it had) when the list returns.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = state.open_entry.with(Option::is_some);
        if is_open && was_open != Some(true) {
            request_animation_frame(|| browser::focus_by_id(ARTICLE_HEADING_ID));
        } else if !is_open && was_open == Some(true) {
            restore_list_position();
        }
        is_open
    });

    view! {
        <section class="reader__article" aria-label="Article">
            {move || match open.get() {
                None => view! { <EmptyState /> }.into_any(),
                Some(OpenEntry { index: None, .. }) => view! { <MissingEntry /> }.into_any(),
                Some(OpenEntry { feed, index: Some(i) }) => {
                    view! { <Article feed=feed index=i /> }.into_any()
                }
            }}
        </section>
    }
}

#[derive(Clone)]
struct OpenEntry {
    feed: Arc<Feed>,
    index: Option<usize>,
}

/// The same feed object and the same entry: comparing whole feeds would cost far more.
impl PartialEq for OpenEntry {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.feed, &other.feed) && self.index == other.index
    }
}

fn restore_list_position() {
    let state = use_app_state();
    let Some(point) = state.return_point.get_value() else {
        return;
    };
    let index = state
        .feed
        .with_untracked(|f| f.as_ref().and_then(|f| f.position_of(&point.entry_key)));
    request_animation_frame(move || {
        if let Some(list) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(LIST_ID))
        {
            list.set_scroll_top(point.list_y as i32);
        }
        browser::scroll_window_to(point.window_y);
        if let Some(i) = index {
            browser::focus_by_id(&entry_link_id(i));
        }
    });
}

#[component]
fn Article(feed: Arc<Feed>, index: usize) -> impl IntoView {
    let state = use_app_state();
    let entry = &feed.entries[index];
    let title = entry
        .title
        .clone()
        .unwrap_or_else(|| "(untitled)".to_string());
    let link = entry.link.clone().filter(|l| present::is_http_url(l));
    let body = sanitized_body(entry);
    let minutes = present::reading_minutes(entry);
    let media: Vec<_> = entry
        .enclosures
        .iter()
        .filter(|e| (e.is_audio() || e.is_video()) && present::is_http_url(&e.url))
        .cloned()
        .collect();
    view! {
        <div class="article-toolbar">
            <button type="button" class="button button--quiet article-toolbar__back"
                on:click=move |_| state.close()>
                <span aria-hidden="true">"← "</span>"All articles"
            </button>
        </div>
        <article class="article" aria-labelledby=ARTICLE_HEADING_ID>
            <header class="article__header">
                {feed.title.clone().map(|t| view! { <p class="article__feed" dir="auto">{t}</p> })}
                <h2 id=ARTICLE_HEADING_ID class="article__title" tabindex="-1" dir="auto">{title}</h2>
                <p class="article__meta">
                    {entry.byline().map(|b| view! { <span class="article__author">{b}</span> })}
                    {entry.date().map(|t| view! { <RelativeTime time=t /> })}
                    {minutes.map(|m| view! { <span class="article__reading">{format!("{m} min read")}</span> })}
                </p>
                <Tags tags=entry.categories.clone() />
                {link.map(|href| view! {
                    <a class="article__original" href=href target="_blank" rel="noopener noreferrer">
                        "Read the original"<span aria-hidden="true">" ↗"</span>
                    </a>
                })}
            </header>
            {media.into_iter().map(|m| if m.is_video() {
                view! { <video class="article__media" controls preload="metadata" src=m.url></video> }.into_any()
            } else {
                view! { <audio class="article__media" controls preload="metadata" src=m.url></audio> }.into_any()
            }).collect_view()}
            {body.map(|html| view! { <SafeHtml html=html class="article__body" /> })}
        </article>
    }
}

/// The entry's body through the one HTML door, resolved against its base or its link.
fn sanitized_body(entry: &Entry) -> Option<SanitizedHtml> {
    let body = entry.body()?;
    let base = body.base.as_deref().or(entry.link.as_deref());
    Some(match body.kind {
        ContentKind::Html => sanitize_html(&body.value, base),
        ContentKind::Text => sanitize_text_to_html(&body.value),
    })
}

#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <div class="article-empty">
            <p class="article-empty__title">"Pick an article to read it here."</p>
            <p class="article-empty__hint">"Articles open without leaving the page; Back returns to the list."</p>
        </div>
    }
}

#[component]
fn MissingEntry() -> impl IntoView {
    let state = use_app_state();
    let loading = move || state.feed.with(Option::is_none) || state.loading.get().is_some();
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
