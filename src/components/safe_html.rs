//! The one door for HTML: the only place the app sets `inner_html`, and it takes nothing but
//! a [`SanitizedHtml`], which only the sanitizer can make.

use leptos::prelude::*;

use crate::sanitize::SanitizedHtml;

#[component]
pub fn SafeHtml(
    html: SanitizedHtml,
    #[prop(into)] class: String,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    view! { <div class=class id=id dir="auto" inner_html=html.into_string()></div> }
}
