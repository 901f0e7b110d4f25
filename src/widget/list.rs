//! The widget's views: the feed's title, its newest entries as a list or as cards, and the
//! compact loading and failure states.
//!
//! Every link opens the original article outside the widget's frame (a new tab, or the host
//! page's whole tab), with `rel="noopener noreferrer"`. Feed text is rendered as text only.

use leptos::either::Either;
use leptos::prelude::*;

use super::digest::{Digest, DigestEntry};
use super::options::{LinkTarget, WidgetOptions};
use crate::browser;
use crate::messages::widget as widget_words;
use crate::messages::{describe, LoadError};

#[component]
pub fn WidgetList(digest: Digest, options: WidgetOptions) -> impl IntoView {
    let target = options.target;
    let Digest {
        title,
        link,
        entries,
    } = digest;
    view! {
        {options.title.then(|| view! {
            <h1 class="widget__title" dir="auto">
                <OutLink href=link target=target>{title}</OutLink>
            </h1>
        })}
        {if entries.is_empty() {
            Either::Left(view! { <p class="widget__status">{widget_words::EMPTY}</p> })
        } else {
            Either::Right(view! {
                <ol class="widget__list" role="list" aria-label=widget_words::LIST_LABEL>
                    {entries.into_iter().map(|entry| view! { <WidgetEntry entry=entry target=target /> })
                        .collect_view()}
                </ol>
            })
        }}
    }
}

#[component]
fn WidgetEntry(entry: DigestEntry, target: LinkTarget) -> impl IntoView {
    let DigestEntry {
        title,
        link,
        date,
        excerpt,
        thumbnail,
    } = entry;
    view! {
        <li class="widget-entry">
            {thumbnail.map(|src| view! {
                <img class="widget-entry__thumb" src=src alt="" loading="lazy" decoding="async"
                    referrerpolicy="no-referrer" width="160" height="90" />
            })}
            <div class="widget-entry__text">
                <h2 class="widget-entry__title" dir="auto">
                    <OutLink href=link target=target class="widget-entry__link">{title}</OutLink>
                </h2>
                {date.map(|t| view! {
                    <p class="widget-entry__date">
                        <time datetime=t.to_rfc3339() title=browser::absolute_time(t)>
                            {browser::relative_time(t)}
                        </time>
                    </p>
                })}
                {(!excerpt.is_empty()).then(|| view! {
                    <p class="widget-entry__excerpt" dir="auto">{excerpt}</p>
                })}
            </div>
        </li>
    }
}

/// A link out of the widget: never into its own frame. Without an address (a feed that gives
/// none), an anchor with no `href`: plain text to a reader and to assistive technology.
#[component]
fn OutLink(
    href: Option<String>,
    target: LinkTarget,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <a class=class href=href target=target.as_str() rel="noopener noreferrer">{children()}</a>
    }
}

#[component]
pub fn WidgetLoading() -> impl IntoView {
    view! { <p class="widget__status" role="status">{widget_words::LOADING}</p> }
}

/// A failure in a line or two, in an alert region, with a way to the feed itself.
#[component]
pub fn WidgetError(error: LoadError, options: WidgetOptions) -> impl IntoView {
    let address = options.feed.clone().unwrap_or_default();
    let message = describe(&error, &address);
    let feed_link = options
        .feed
        .filter(|f| crate::present::is_http_url(f) && !matches!(error, LoadError::InvalidUrl));
    view! {
        <div class="widget__error" role="alert">
            <p class="widget__error-title">{message.title}</p>
            {feed_link.map(|href| view! {
                <p class="widget__error-link">
                    <OutLink href=Some(href) target=options.target>{widget_words::OPEN_FEED}</OutLink>
                </p>
            })}
        </div>
    }
}
