//! The Embed panel: the snippet that puts the feed on screen on another site as a widget
//! (`embed.html`), with the widget's options as controls and a live preview.
//!
//! A button in the masthead opens it as a modal `<dialog>`; its content, the preview frame
//! included, exists only while it is open. The snippets are written by
//! [`crate::widget::options`], the same code that reads them back in the widget.

use leptos::ev::{Event, MessageEvent};
use leptos::html;
use leptos::prelude::*;

use super::dialog::{bind_modal, ModalHeader};

use crate::messages::host_of;
use crate::net::Via;
use crate::state::{use_app_state, View};
use crate::widget::options::{Layout, LinkTarget, WidgetOptions, WidgetTheme, HEIGHT_MESSAGE};

/// The `id` the preview frame gives its height messages.
const PREVIEW_ID: &str = "rillet-preview";

#[component]
pub fn EmbedPanel() -> impl IntoView {
    let open = RwSignal::new(false);
    let dialog = NodeRef::<html::Dialog>::new();
    bind_modal(dialog, open);
    view! {
        <button type="button" class="button button--quiet embed-panel__open" aria-haspopup="dialog"
            on:click=move |_| open.set(true)>
            <span aria-hidden="true" class="embed-panel__icon">"</>"</span>
            <span class="masthead__settings-label">"Embed"</span>
        </button>
        <dialog node_ref=dialog class="settings embed-panel" aria-labelledby="embed-title"
            on:close=move |_| open.set(false)>
            <ModalHeader id="embed-title" title="Embed this feed" close_label="Close embed" open=open />
            <Show when=move || open.get()>
                <EmbedBody />
            </Show>
        </dialog>
    }
}

/// What the panel says: the snippet and preview, or why there is none.
#[component]
fn EmbedBody() -> impl IntoView {
    let state = use_app_state();
    let feed = match state.view.get_untracked() {
        View::Builtin => None,
        View::Feed(url) => Some(url),
        View::All | View::Starred => {
            return view! {
                <p class="settings__section settings__hint">
                    "A widget shows one feed: open a feed (or the built-in one) to embed it."
                </p>
            }
            .into_any()
        }
    };
    let Some(base) = hosted_base() else {
        return view! {
            <p class="settings__section settings__hint">
                "The widget needs Rillet on a web server: host the build (README, “Hosting”) and "
                "open this panel there."
            </p>
        }
        .into_any();
    };
    // A feed read through a proxy here needs it in the widget too, on every visitor's browser.
    let proxy = state.view_proxy().or_else(|| {
        let via = state.current_slot()?.freshness?.via;
        match via {
            Via::Proxy(template) => Some(template),
            _ => None,
        }
    });
    let proxy_note = proxy.as_deref().map(|p| {
        format!(
            "This feed is read through the proxy {}; the widget uses it too.",
            host_of(p)
        )
    });
    let options = RwSignal::new(WidgetOptions {
        feed,
        proxy,
        ..WidgetOptions::default()
    });
    view! {
        <div class="embed-panel__body">
            <div class="embed-panel__controls">
                <p class="settings__hint embed-panel__intro">
                    "Show the newest articles of this feed on your own site: paste the code where "
                    "they should appear. Visitors' browsers read the feed, so it must allow it (CORS) "
                    "or be read through a proxy."
                </p>
                <EmbedOptions options=options />
                {proxy_note.map(|n| view! { <p class="settings__hint">{n}</p> })}
                <Snippet options=options base=base />
            </div>
            <Preview options=options />
        </div>
    }
    .into_any()
}

/// The folder the app is served from (`https://host/path/`), when it is on a web server.
fn hosted_base() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let base = web_sys::Url::new_with_base(".", &href).ok()?;
    matches!(base.protocol().as_str(), "http:" | "https:").then(|| base.href())
}

#[component]
fn EmbedOptions(options: RwSignal<WidgetOptions>) -> impl IntoView {
    let set = move |change: &dyn Fn(&mut WidgetOptions)| options.update(|o| change(o));
    view! {
        <fieldset class="embed-panel__options">
            <legend>"Options"</legend>
            <div class="settings__grid">
                <label for="embed-limit">"Articles"</label>
                <input id="embed-limit" type="number" min="1" max="30" class="settings__number"
                    prop:value=move || options.with(|o| o.limit.to_string())
                    on:input=move |ev: Event| {
                        if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                            set(&|o| o.limit = n.clamp(1, 30));
                        }
                    } />
                <label for="embed-layout">"Layout"</label>
                <select id="embed-layout" class="embed-panel__select"
                    on:change=move |ev: Event| {
                        let cards = event_target_value(&ev) == "cards";
                        set(&|o| o.layout = if cards { Layout::Cards } else { Layout::List });
                    }>
                    <option value="list" selected=move || options.with(|o| o.layout == Layout::List)>"List"</option>
                    <option value="cards" selected=move || options.with(|o| o.layout == Layout::Cards)>"Cards"</option>
                </select>
                <label for="embed-theme">"Theme"</label>
                <select id="embed-theme" class="embed-panel__select"
                    on:change=move |ev: Event| {
                        let theme = match event_target_value(&ev).as_str() {
                            "light" => WidgetTheme::Light,
                            "dark" => WidgetTheme::Dark,
                            _ => WidgetTheme::Auto,
                        };
                        set(&|o| o.theme = theme);
                    }>
                    <option value="auto">"The visitor's system"</option>
                    <option value="light">"Light"</option>
                    <option value="dark">"Dark"</option>
                </select>
                <label for="embed-target">"Links open in"</label>
                <select id="embed-target" class="embed-panel__select"
                    on:change=move |ev: Event| {
                        let top = event_target_value(&ev) == "_top";
                        set(&|o| o.target = if top { LinkTarget::Top } else { LinkTarget::Blank });
                    }>
                    <option value="_blank">"A new tab"</option>
                    <option value="_top">"The same tab"</option>
                </select>
            </div>
            <label class="settings__check">
                <input type="checkbox" prop:checked=move || options.with(|o| o.excerpt)
                    on:change=move |ev: Event| { let on = event_target_checked(&ev); set(&|o| o.excerpt = on) } />
                "Show excerpts"
            </label>
            <label class="settings__check">
                <input type="checkbox" prop:checked=move || options.with(|o| o.title)
                    on:change=move |ev: Event| { let on = event_target_checked(&ev); set(&|o| o.title = on) } />
                "Show the feed's title"
            </label>
        </fieldset>
    }
}

/// The code to paste: the script tag (which also sizes the frame), or a plain iframe with the
/// few lines that size it.
#[component]
fn Snippet(options: RwSignal<WidgetOptions>, base: String) -> impl IntoView {
    let plain = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let code = Memo::new(move |_| {
        options.with(|o| {
            if plain.get() {
                o.iframe_snippet(&base)
            } else {
                o.script_snippet(&base)
            }
        })
    });
    Effect::new(move |_| {
        code.track();
        copied.set(false);
    });
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window
            .navigator()
            .clipboard()
            .write_text(&code.get_untracked());
        leptos::task::spawn_local(async move {
            copied.set(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
        });
    };
    view! {
        <div class="embed-panel__snippet">
            <div class="settings__choices" role="radiogroup" aria-label="Kind of code">
                <label class="settings__radio">
                    <input type="radio" name="embed-kind" prop:checked=move || !plain.get()
                        on:change=move |_| plain.set(false) />
                    "Script tag"
                </label>
                <label class="settings__radio">
                    <input type="radio" name="embed-kind" prop:checked=move || plain.get()
                        on:change=move |_| plain.set(true) />
                    "Plain iframe"
                </label>
            </div>
            <label for="embed-code" class="embed-panel__label">"Embed code"</label>
            <textarea id="embed-code" class="embed-panel__code" readonly rows="7" spellcheck="false"
                prop:value=move || code.get()></textarea>
            <div class="embed-panel__actions">
                <button type="button" class="button button--primary" on:click=copy>"Copy code"</button>
                <span role="status" class="embed-panel__copied">
                    {move || copied.get().then_some("Copied")}
                </span>
            </div>
        </div>
    }
}

/// The widget itself, as a visitor will see it; its height follows its messages.
#[component]
fn Preview(options: RwSignal<WidgetOptions>) -> impl IntoView {
    let height = RwSignal::new(360.0);
    let src = move || {
        let mut o = options.get();
        o.id = Some(PREVIEW_ID.into());
        format!("embed.html{}", o.to_query())
    };
    let own_origin = web_sys::window().and_then(|w| w.location().origin().ok());
    let listener = window_event_listener(leptos::ev::message, move |e: MessageEvent| {
        if Some(e.origin()) != own_origin {
            return;
        }
        let data = e.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok();
        let is_ours = field("type").and_then(|t| t.as_string()).as_deref() == Some(HEIGHT_MESSAGE)
            && field("id").and_then(|i| i.as_string()).as_deref() == Some(PREVIEW_ID);
        if let Some(h) = field("height").and_then(|h| h.as_f64()).filter(|_| is_ours) {
            height.set(h.ceil());
        }
    });
    on_cleanup(move || listener.remove());
    view! {
        <section class="embed-panel__preview" aria-labelledby="embed-preview-title">
            <h3 id="embed-preview-title">"Preview"</h3>
            <iframe class="embed-panel__frame" title="Widget preview" src=src
                height=move || height.get().to_string()></iframe>
        </section>
    }
}
