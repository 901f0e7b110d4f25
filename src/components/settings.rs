//! The settings panel: CORS proxies (ordered, testable), pictures, theme and limits.
//!
//! A modal `<dialog>`: focus moves in and is kept there, Escape closes it. Every change is
//! saved at once (AppState persists the settings in one effect).

use leptos::ev::Event;
use leptos::html;
use leptos::prelude::*;

use super::backup_section::BackupSection;
use super::dialog::{bind_modal, ModalHeader};

use crate::load;
use crate::messages::{describe, host_of, sentence};
use crate::net::fetch::Limits;
use crate::net::{check_proxy_template, Via};
use crate::state::{use_app_state, AppState, View, BUILTIN};
use crate::storage::{Density, Theme};

/// Public proxies a reader may choose, each with what it costs them.
const WELL_KNOWN_PROXIES: &[(&str, &str, &str)] = &[
    (
        "corsproxy.io",
        "https://corsproxy.io/?url={url}",
        "Fast; free for light use. It sees the address of every feed read through it.",
    ),
    (
        "AllOrigins",
        "https://api.allorigins.win/raw?url={url}",
        "Community-run and sometimes slow. It sees every feed address read through it.",
    ),
    (
        "CodeTabs",
        "https://api.codetabs.com/v1/proxy?quest={url}",
        "Rate limited. It sees every feed address read through it.",
    ),
];

#[component]
pub fn SettingsPanel() -> impl IntoView {
    let state = use_app_state();
    let dialog = NodeRef::<html::Dialog>::new();
    bind_modal(dialog, state.settings_open);
    view! {
        <dialog node_ref=dialog class="settings" aria-labelledby="settings-title"
            on:close=move |_| state.settings_open.set(false)>
            <ModalHeader id="settings-title" title="Settings" close_label="Close settings"
                open=state.settings_open />
            // Built when opened: nothing of it is drawn at start-up (`make bench`).
            <Show when=move || state.settings_open.get()>
                <Proxies />
                <Pictures />
                <Appearance />
                <Limits />
                <BackupSection />
            </Show>
        </dialog>
    }
}

#[component]
fn Proxies() -> impl IntoView {
    let state = use_app_state();
    let new_proxy = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<String>);
    let add = move |template: String| {
        let template = template.trim().to_string();
        match check_proxy_template(&template) {
            Err(e) => add_error.set(Some(sentence(&e.to_string()))),
            Ok(()) => {
                add_error.set(None);
                state.change_settings(|s| {
                    if !s.proxies.contains(&template) {
                        s.proxies.push(template);
                    }
                });
                new_proxy.set(String::new());
            }
        }
    };
    let view_proxy = move || {
        let from_address = state.route.with(|r| r.proxy.clone())?;
        let saved = state.settings.with(|s| s.proxies.contains(&from_address));
        (!saved).then_some(from_address)
    };
    view! {
        <section class="settings__section" aria-labelledby="settings-proxies">
            <h3 id="settings-proxies">"CORS proxies"</h3>
            <p class="settings__hint">
                "Most feeds can't be read by a web page directly: their servers don't send CORS "
                "headers. A proxy fetches the feed for you. Rillet tries the feed's own address "
                "first, then these proxies in order, and remembers what worked for each feed. "
                "No proxy is used unless you add one here."
            </p>
            {move || view_proxy().map(|p| {
                let valid = check_proxy_template(&p).is_ok();
                let to_save = p.clone();
                view! {
                    <div class="settings__callout">
                        <p>"This page's address asks for the proxy "<code>{p.clone()}</code>
                           " for this view only. It is not saved."</p>
                        {valid.then(|| view! {
                            <button type="button" class="button" on:click=move |_| add(to_save.clone())>
                                "Save it to my proxies"
                            </button>
                        })}
                    </div>
                }
            })}
            <ol class="proxy-list">
                {move || {
                    let proxies = state.settings.with(|s| s.proxies.clone());
                    let count = proxies.len();
                    proxies.into_iter().enumerate().map(|(i, p)| view! {
                        <ProxyRow index=i count=count template=p />
                    }).collect_view()
                }}
            </ol>
            <div class="settings__row">
                <label for="proxy-new">"Add a proxy address (with {url} where the feed address goes)"</label>
                <div class="settings__inline">
                    <input id="proxy-new" type="url" class="settings__input" spellcheck="false"
                        placeholder="https://proxy.example/?url={url}"
                        prop:value=move || new_proxy.get()
                        on:input=move |ev: Event| new_proxy.set(event_target_value(&ev)) />
                    <button type="button" class="button" on:click=move |_| add(new_proxy.get_untracked())>
                        "Add proxy"
                    </button>
                </div>
                {move || add_error.get().map(|e| view! { <p class="settings__error" role="alert">{e}</p> })}
            </div>
            <details class="settings__details">
                <summary>"Well-known public proxies"</summary>
                <ul class="proxy-presets">
                    {WELL_KNOWN_PROXIES.iter().map(|&(name, template, warning)| view! {
                        <li>
                            <div>
                                <strong>{name}</strong>" "<code>{template}</code>
                                <p class="settings__hint">{warning}</p>
                            </div>
                            <button type="button" class="button" on:click=move |_| add(template.to_string())
                                aria-label=format!("Add {name}")>"Add"</button>
                        </li>
                    }).collect_view()}
                </ul>
                <p class="settings__hint">
                    "Or run your own: the repository's deploy/cors-proxy is a Cloudflare Worker "
                    "that only proxies feeds, for the sites you allow."
                </p>
            </details>
        </section>
    }
}

#[component]
fn ProxyRow(index: usize, count: usize, template: String) -> impl IntoView {
    let state = use_app_state();
    let result = RwSignal::new(None::<(bool, String)>);
    let testing = RwSignal::new(false);
    let host = host_of(&template);
    let move_by = move |delta: isize| {
        state.change_settings(|s| {
            let to = index as isize + delta;
            if to >= 0 && (to as usize) < s.proxies.len() {
                s.proxies.swap(index, to as usize);
            }
        })
    };
    let test_template = template.clone();
    let test = move |_| {
        let Some(target) = test_target(state) else {
            result.set(Some((
                false,
                "Load a feed first: the test reads it through the proxy.".into(),
            )));
            return;
        };
        let template = test_template.clone();
        testing.set(true);
        let limits = state.settings.with_untracked(|s| Limits {
            timeout_secs: s.timeout_secs,
            max_bytes: s.max_bytes,
        });
        leptos::task::spawn_local(async move {
            let started = js_sys::Date::now();
            let outcome = load::fetch_feed_via(&target, &Via::Proxy(template), limits).await;
            let ms = (js_sys::Date::now() - started).round();
            testing.set(false);
            result.set(Some(match outcome {
                Ok(n) => (
                    true,
                    format!(
                        "Works: read {n} articles from {} in {ms} ms.",
                        host_of(&target)
                    ),
                ),
                Err(e) => (false, describe(&e, &target).title),
            }));
        });
    };
    view! {
        <li class="proxy-list__item">
            <code class="proxy-list__template">{template.clone()}</code>
            <div class="proxy-list__actions">
                <button type="button" class="button button--quiet" disabled=index == 0
                    aria-label=format!("Move {host} up") on:click=move |_| move_by(-1)>"↑"</button>
                <button type="button" class="button button--quiet" disabled=index + 1 == count
                    aria-label=format!("Move {host} down") on:click=move |_| move_by(1)>"↓"</button>
                <button type="button" class="button" disabled=move || testing.get() on:click=test
                    aria-label=format!("Test {host}")>
                    {move || if testing.get() { "Testing…" } else { "Test" }}
                </button>
                <button type="button" class="button button--quiet" aria-label=format!("Remove {host}")
                    on:click=move |_| state.change_settings(|s| { s.proxies.remove(index); })>"Remove"</button>
            </div>
            {move || result.get().map(|(ok, text)| view! {
                <p class=if ok { "proxy-list__result proxy-list__result--ok" } else { "proxy-list__result proxy-list__result--bad" }
                    role="status">{text}</p>
            })}
        </li>
    }
}

/// The feed a proxy test reads: the one on screen (the built-in feed's real address for it).
fn test_target(state: AppState) -> Option<String> {
    match state.view.get_untracked() {
        View::Feed(url) => Some(url),
        _ => state
            .feeds
            .with_untracked(|f| f.get(BUILTIN).and_then(|slot| slot.meta.self_link.clone())),
    }
}

#[component]
fn Pictures() -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="settings__section" aria-labelledby="settings-pictures">
            <h3 id="settings-pictures">"Pictures"</h3>
            <label class="settings__check">
                <input type="checkbox"
                    prop:checked=move || state.settings.with(|s| s.remote_images)
                    on:change=move |ev: Event| {
                        let on = event_target_checked(&ev);
                        state.change_settings(|s| s.remote_images = on);
                    } />
                "Load pictures in articles"
            </label>
            <p class="settings__hint">
                "Pictures come from the feed's servers, which then learn that you read the article "
                "(never which page you read it on). Off, each article shows a button to load its pictures."
            </p>
        </section>
    }
}

#[component]
fn Appearance() -> impl IntoView {
    let state = use_app_state();
    let choice = move |theme: Theme, label: &'static str| {
        view! {
            <label class="settings__radio">
                <input type="radio" name="theme"
                    prop:checked=move || state.settings.with(|s| s.theme == theme)
                    on:change=move |_| state.change_settings(|s| s.theme = theme) />
                {label}
            </label>
        }
    };
    let density = move |density: Density, label: &'static str| {
        view! {
            <label class="settings__radio">
                <input type="radio" name="density"
                    prop:checked=move || state.settings.with(|s| s.density == density)
                    on:change=move |_| state.change_settings(|s| s.density = density) />
                {label}
            </label>
        }
    };
    view! {
        <section class="settings__section" aria-labelledby="settings-appearance">
            <h3 id="settings-appearance">"Theme"</h3>
            <div class="settings__choices" role="radiogroup" aria-labelledby="settings-appearance">
                {choice(Theme::System, "Follow the system")}
                {choice(Theme::Light, "Light")}
                {choice(Theme::Dark, "Dark")}
            </div>
            <h3 id="settings-density" class="settings__subhead">"List density"</h3>
            <div class="settings__choices" role="radiogroup" aria-labelledby="settings-density">
                {density(Density::Comfortable, "Comfortable (excerpts and pictures)")}
                {density(Density::Compact, "Compact (titles only)")}
            </div>
        </section>
    }
}

#[component]
fn Limits() -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="settings__section" aria-labelledby="settings-limits">
            <h3 id="settings-limits">"Limits"</h3>
            <div class="settings__grid">
                <label for="limit-timeout">"Give up on a feed after (seconds)"</label>
                <input id="limit-timeout" type="number" min="3" max="120" class="settings__number"
                    prop:value=move || state.settings.with(|s| s.timeout_secs.to_string())
                    on:change=move |ev: Event| {
                        if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                            state.change_settings(|s| s.timeout_secs = v.clamp(3, 120));
                        }
                    } />
                <label for="limit-size">"Largest feed to read (MB)"</label>
                <input id="limit-size" type="number" min="1" max="200" class="settings__number"
                    prop:value=move || state.settings.with(|s| (s.max_bytes / 1_000_000).to_string())
                    on:change=move |ev: Event| {
                        if let Ok(v) = event_target_value(&ev).parse::<u64>() {
                            state.change_settings(|s| s.max_bytes = v.clamp(1, 200) * 1_000_000);
                        }
                    } />
            </div>
        </section>
    }
}
