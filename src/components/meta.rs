//! Small pieces shared by the list and the article: dates, tags, bylines.

use leptos::prelude::*;

use crate::browser;
use crate::date::Timestamp;

/// A date shown relative ("3 days ago"), with the full date on hover and in `datetime`.
#[component]
pub fn RelativeTime(time: Timestamp) -> impl IntoView {
    view! {
        <time datetime=time.to_rfc3339() title=browser::absolute_time(time)>
            {browser::relative_time(time)}
        </time>
    }
}

/// Categories as tags.
#[component]
pub fn Tags(tags: Vec<String>, #[prop(optional)] limit: Option<usize>) -> impl IntoView {
    let shown = limit.unwrap_or(usize::MAX);
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="tags" aria-label="Categories">
                {tags.into_iter().take(shown).map(|t| view! { <li class="tags__tag">{t}</li> }).collect_view()}
            </ul>
        }
    })
}
