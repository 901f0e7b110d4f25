//! localStorage: small values that must be there at start-up (settings, routes).
//!
//! Owns: reading and writing strings under our keys. A failure to write (quota, private mode)
//! is returned, never ignored: the caller decides what to tell the reader.

use web_sys::Storage;

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored string under `key`, if any (and if storage is available at all).
pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Why a value could not be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    #[error("this browser keeps no storage for the page")]
    Unavailable,
    #[error("the browser's storage is full")]
    Full,
}

pub fn set(key: &str, value: &str) -> Result<(), SaveError> {
    storage()
        .ok_or(SaveError::Unavailable)?
        .set_item(key, value)
        .map_err(|_| SaveError::Full)
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}
