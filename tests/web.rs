//! Browser tests (wasm-bindgen-test in headless Chromium): the list and the article view
//! mounted with the default feed, acted on as a reader would, the DOM asserted after each
//! `tick().await`. Run by `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use rillet::components::{ArticleList, ArticleView, ListItems};
use rillet::parse::{parse_feed, ParseOptions};
use rillet::route::Route;
use rillet::state::{AppState, FeedSlot, BUILTIN};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// The feed the app ships and shows on first open.
const DEFAULT_FEED: &[u8] = include_bytes!("../assets/forem_hadil_rss20.xml");

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the list and the article view in a fresh container, with the default feed loaded.
fn mount_reader() -> HtmlElement {
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let feed = parse_feed(DEFAULT_FEED, &ParseOptions::default()).expect("the default feed parses");
    let handle = leptos::mount::mount_to(container.clone(), move || {
        let state = AppState::new(Route::default());
        provide_context(state);
        state.feeds.update(|f| {
            f.insert(BUILTIN.to_string(), FeedSlot::new(feed, None));
        });
        state.library_ready.set(true);
        let search_cache = StoredValue::new(HashMap::new());
        provide_context(ListItems(Memo::new(move |_| {
            Arc::new(state.visible_items(search_cache))
        })));
        view! { <ArticleList /><ArticleView /> }
    });
    handle.forget();
    container
}

fn select_all(root: &HtmlElement, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

#[wasm_bindgen_test]
async fn the_list_shows_every_entry_of_the_default_feed() {
    let root = mount_reader();
    leptos::task::tick().await;
    let titles: Vec<String> = select_all(&root, ".article-list > li h3")
        .iter()
        .map(|h| h.inner_text())
        .collect();
    assert_eq!(titles.len(), 12);
    assert_eq!(
        titles[0],
        "30 Web Development Tips from a Mid-Level Developer"
    );
    // Each row carries a relative date with the instant in `datetime`.
    let time = root
        .query_selector(".article-list > li time")
        .unwrap()
        .unwrap();
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2026-04-14T13:00:43Z")
    );
    // Excerpts are plain text: no markup, entities decoded, about 200 characters.
    let excerpt = select_all(&root, ".entry-row__excerpt")[0].inner_text();
    assert!(
        !excerpt.contains('<') && !excerpt.contains("&lt;"),
        "{excerpt}"
    );
    assert!(
        excerpt.chars().count() <= 201,
        "{}",
        excerpt.chars().count()
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn clicking_an_entry_opens_its_article_in_place() {
    let root = mount_reader();
    leptos::task::tick().await;
    let links = select_all(&root, ".article-list > li h3 a");
    let spektrum = &links[7];
    assert!(spektrum.inner_text().starts_with("Spektrum:"));
    spektrum.click();
    leptos::task::tick().await;

    let article = root
        .query_selector("article")
        .unwrap()
        .expect("an open article");
    let heading = article.query_selector("h2").unwrap().unwrap();
    assert_eq!(heading.id(), "article-title");
    assert!(heading
        .text_content()
        .unwrap()
        .starts_with("Spektrum: Turn Natural Language"));
    assert_eq!(
        article.get_attribute("aria-labelledby").as_deref(),
        Some("article-title"),
        "the article is named by its title"
    );
    // The sanitized body keeps code blocks and images, and makes images private and lazy.
    let body: HtmlElement = article
        .query_selector(".article__body")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(
        body.query_selector("pre code").unwrap().is_some(),
        "a code block"
    );
    let img = body.query_selector("img").unwrap().expect("an image");
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(
        img.get_attribute("referrerpolicy").as_deref(),
        Some("no-referrer")
    );
    assert!(body
        .query_selector("script, [onerror], [onclick]")
        .unwrap()
        .is_none());
    // The row of the open entry is marked current.
    assert_eq!(
        spektrum.get_attribute("aria-current").as_deref(),
        Some("true")
    );
    root.remove();
}
