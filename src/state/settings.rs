//! Settings in the app: read at start-up (they decide the theme before anything shows), changed
//! through one method that merges with what another tab stored, and followed across tabs
//! through the `storage` event.

use leptos::prelude::*;

use super::AppState;
use crate::messages;
use crate::storage::{local, Settings, StorageError, SETTINGS_KEY};

/// The saved settings, or the defaults with a notice when what was saved can't be read.
pub(super) fn load() -> (Settings, Option<String>) {
    match local::get(SETTINGS_KEY).map(|raw| Settings::decode(&raw)) {
        None => (Settings::default(), None),
        Some(Ok(settings)) => (settings, None),
        Some(Err(StorageError::Newer(_))) => {
            (Settings::default(), Some(messages::newer_version_notice()))
        }
        Some(Err(StorageError::Corrupt(_))) => {
            local::remove(SETTINGS_KEY);
            (
                Settings::default(),
                Some(messages::reset_notice("settings")),
            )
        }
    }
}

impl AppState {
    /// Changes the settings: applied to what is stored now (another tab may have changed
    /// something else meanwhile), saved, and shown.
    pub fn change_settings(&self, change: impl FnOnce(&mut Settings)) {
        let stored = local::get(SETTINGS_KEY).map(|raw| Settings::decode(&raw));
        let mut settings = match stored {
            Some(Ok(s)) => s,
            // A newer version's settings are not overwritten: change only this page's copy.
            Some(Err(StorageError::Newer(_))) => {
                self.settings.update(change);
                return;
            }
            None | Some(Err(StorageError::Corrupt(_))) => self.settings.get_untracked(),
        };
        change(&mut settings);
        if let Err(e) = local::set(SETTINGS_KEY, &settings.encode()) {
            self.notify(messages::not_saved_notice(&e.to_string()));
        }
        self.settings.set(settings);
    }

    /// Follows settings changed in another tab.
    pub fn follow_settings_from_other_tabs(&self) {
        let state = *self;
        let _ = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(SETTINGS_KEY) {
                if let Some(Ok(settings)) = ev.new_value().map(|raw| Settings::decode(&raw)) {
                    state.settings.set(settings);
                }
            }
        });
    }
}
