//! Keyboard shortcuts: keys become commands (see `keys`), commands become state changes.
//! Nothing fires while the reader types in a field.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::article_list::return_point_for;
use crate::keys::{command_for, Command};
use crate::state::{AppState, Item};

pub fn listen(state: AppState, items: Memo<Arc<Vec<Item>>>) {
    let _ = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.default_prevented() || ev.is_composing() {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el
                        .get_attribute("contenteditable")
                        .is_some_and(|v| v != "false")
            });
        let Some(command) = command_for(
            &ev.key(),
            ev.shift_key(),
            ev.ctrl_key(),
            ev.alt_key(),
            ev.meta_key(),
            typing,
        ) else {
            return;
        };
        // A dialog that is open owns the keyboard (it handles Escape itself). Asked of the DOM,
        // not of the signals: those follow the dialog's `close` event, which comes a task later.
        if dialog_open() {
            return;
        }
        if run(state, &items.get_untracked(), command) {
            ev.prevent_default();
        }
    });
}

/// Carries out a command; `false` when it did nothing (so the key keeps its usual meaning).
fn run(state: AppState, items: &[Item], command: Command) -> bool {
    let open = state.open_entry.get_untracked();
    let position = open
        .as_deref()
        .and_then(|k| items.iter().position(|i| i.entry.key() == k));
    let open_at = |i: usize| {
        if let Some(item) = items.get(i) {
            state.open(item, return_point_for(item));
        }
    };
    let current = || {
        position
            .and_then(|p| items.get(p))
            .cloned()
            .or_else(|| state.open_item())
    };
    match command {
        Command::Next => match position {
            Some(p) if p + 1 < items.len() => open_at(p + 1),
            Some(_) => return false,
            None => open_at(0),
        },
        Command::Previous => match position {
            Some(p) if p > 0 => open_at(p - 1),
            _ => return false,
        },
        Command::Open => match (position, focused_entry(items)) {
            (_, Some(i)) => open_at(i),
            (None, None) => open_at(0),
            (Some(_), None) => return false,
        },
        Command::Back => {
            if state.sidebar_open.get_untracked() {
                state.sidebar_open.set(false);
            } else if open.is_some() {
                state.close();
            } else {
                return false;
            }
        }
        Command::ToggleRead => match current() {
            Some(item) => state.toggle_read(&item),
            None => return false,
        },
        Command::ToggleStar => match current() {
            Some(item) => state.toggle_star(&item),
            None => return false,
        },
        Command::Search => crate::browser::focus_by_id(super::article_list::SEARCH_ID),
        Command::Refresh => state.refresh(),
        Command::MarkAllRead => state.mark_all_read(items),
        Command::Help => state.help_open.set(true),
    }
    true
}

fn dialog_open() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("dialog[open]").ok().flatten())
        .is_some()
}

/// The list entry whose title link has focus, if any.
fn focused_entry(items: &[Item]) -> Option<usize> {
    let active = web_sys::window()?.document()?.active_element()?;
    let index: usize = active.get_attribute("data-index")?.parse().ok()?;
    (index < items.len()).then_some(index)
}
