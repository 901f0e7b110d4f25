//! IndexedDB: the large values (the last good copy of each feed), which localStorage (about
//! 5 MB for everything) cannot hold.
//!
//! A tiny promise wrapper over the callback API: open (creating the stores of the current
//! schema), get, put, delete and list keys of string values in one store.
//! Owns: the database name, its version and its object stores. Must not touch: what the
//! values mean (see `storage`).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB_NAME: &str = "rillet";
/// Bumped whenever a store is added; the upgrade creates what is missing, so a database of any
/// earlier version is migrated in place. Version 1 had `feeds`; version 2 added `library`.
const DB_VERSION: u32 = 2;
/// Cached feeds, keyed by the address the reader asked for. Only a cache: evicted first.
pub const FEEDS: &str = "feeds";
/// The library (subscriptions, read and star marks): one record, never evicted.
pub const LIBRARY: &str = "library";
const STORES: &[&str] = &[FEEDS, LIBRARY];

/// Why a database operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DbError {
    #[error("the browser offers no IndexedDB here")]
    Unavailable,
    #[error("the browser's storage is full")]
    QuotaExceeded,
    #[error("the database operation failed: {0}")]
    Failed(String),
}

fn error_of(value: JsValue) -> DbError {
    let name = js_sys::Reflect::get(&value, &"name".into())
        .ok()
        .and_then(|n| n.as_string());
    match name.as_deref() {
        Some("QuotaExceededError") => DbError::QuotaExceeded,
        Some(other) => DbError::Failed(other.to_string()),
        None => DbError::Failed(format!("{value:?}")),
    }
}

/// A promise that settles with the request's `result`, or its `error`.
fn settle(request: &IdbRequest) -> Promise {
    let request = request.clone();
    Promise::new(&mut move |resolve: Function, reject: Function| {
        let req = request.clone();
        let on_success = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &req.result().unwrap_or(JsValue::UNDEFINED));
        });
        let req = request.clone();
        let on_error = Closure::once_into_js(move |_: JsValue| {
            let error = req
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    })
}

thread_local! {
    /// The open connection, kept for the page's life: opening one per operation costs a task
    /// or two, which widens the window in which a change can be lost to a quick reload.
    static CONNECTION: std::cell::RefCell<Option<IdbDatabase>> = const { std::cell::RefCell::new(None) };
}

/// The database, opened once (again after another tab's upgrade closed it).
async fn open() -> Result<IdbDatabase, DbError> {
    if let Some(db) = CONNECTION.with(|c| c.borrow().clone()) {
        return Ok(db);
    }
    let db = connect().await?;
    // Another tab upgrading the schema asks open connections to close: let it.
    let closing = db.clone();
    let on_version_change = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        closing.close();
        CONNECTION.with(|c| c.borrow_mut().take());
    })
    .into_js_value();
    db.set_onversionchange(Some(on_version_change.unchecked_ref()));
    CONNECTION.with(|c| *c.borrow_mut() = Some(db.clone()));
    Ok(db)
}

async fn connect() -> Result<IdbDatabase, DbError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(DbError::Unavailable)?;
    let request: IdbOpenDbRequest = factory
        .open_with_u32(DB_NAME, DB_VERSION)
        .map_err(error_of)?;
    let upgrade_request = request.clone();
    let on_upgrade = Closure::once_into_js(move |_: JsValue| {
        if let Ok(db) = upgrade_request
            .result()
            .and_then(|r| r.dyn_into::<IdbDatabase>())
        {
            let existing = db.object_store_names();
            for store in STORES {
                if !existing.contains(store) {
                    let _ = db.create_object_store(store);
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db = JsFuture::from(settle(&request)).await.map_err(error_of)?;
    db.dyn_into::<IdbDatabase>()
        .map_err(|_| DbError::Failed("open".into()))
}

async fn run(
    store: &str,
    mode: IdbTransactionMode,
    op: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, DbError> {
    let tx = transaction(store, mode).await?;
    let request = op(&tx.object_store(store).map_err(error_of)?).map_err(error_of)?;
    JsFuture::from(settle(&request)).await.map_err(error_of)
}

/// A transaction on the kept connection; if the browser closed it meanwhile, on a new one.
async fn transaction(store: &str, mode: IdbTransactionMode) -> Result<IdbTransaction, DbError> {
    match open().await?.transaction_with_str_and_mode(store, mode) {
        Ok(tx) => Ok(tx),
        Err(_) => {
            CONNECTION.with(|c| c.borrow_mut().take());
            open()
                .await?
                .transaction_with_str_and_mode(store, mode)
                .map_err(error_of)
        }
    }
}

/// The string stored under `key`, if any.
pub async fn get(store: &str, key: &str) -> Result<Option<String>, DbError> {
    let value = run(store, IdbTransactionMode::Readonly, |s| s.get(&key.into())).await?;
    Ok(value.as_string())
}

pub async fn put(store: &str, key: &str, value: &str) -> Result<(), DbError> {
    put_value(store, key, &value.into()).await
}

/// Stores a value already in the JS heap (a string built there from pieces, say).
pub async fn put_value(store: &str, key: &str, value: &JsValue) -> Result<(), DbError> {
    run(store, IdbTransactionMode::Readwrite, |s| {
        s.put_with_key(value, &key.into())
    })
    .await
    .map(|_| ())
}

pub async fn delete(store: &str, key: &str) -> Result<(), DbError> {
    run(store, IdbTransactionMode::Readwrite, |s| {
        s.delete(&key.into())
    })
    .await
    .map(|_| ())
}

/// Reads, changes and writes one value in a single transaction, so two tabs changing it at
/// once cannot overwrite each other: `change` sees the stored value (or `None`) and returns
/// the value to store, or `None` to leave it as it is. Returns what is stored afterwards.
pub async fn update(
    store: &str,
    key: &str,
    change: impl FnOnce(Option<String>) -> Option<String> + 'static,
) -> Result<Option<String>, DbError> {
    let tx = transaction(store, IdbTransactionMode::Readwrite).await?;
    let object_store = tx.object_store(store).map_err(error_of)?;
    let get = object_store.get(&key.into()).map_err(error_of)?;
    let outcome: Rc<RefCell<Option<String>>> = Rc::default();
    let (read, written, key) = (get.clone(), Rc::clone(&outcome), key.to_string());
    let on_read = Closure::once_into_js(move |_: JsValue| {
        let old = read.result().ok().and_then(|v| v.as_string());
        let new = change(old.clone());
        if let Some(value) = &new {
            // Issued inside the success callback, so it belongs to the same transaction.
            let _ = object_store.put_with_key(&value.into(), &key.into());
        }
        *written.borrow_mut() = new.or(old);
    });
    get.set_onsuccess(Some(on_read.unchecked_ref()));
    let finished = {
        let tx = tx.clone();
        Promise::new(&mut move |resolve: Function, reject: Function| {
            tx.set_oncomplete(Some(&resolve));
            let failed = tx.clone();
            // `error` is followed by `abort`: a reusable callback (settling twice is a no-op).
            let on_fail = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
                let error = failed.error().map(JsValue::from).unwrap_or(JsValue::NULL);
                let _ = reject.call1(&JsValue::NULL, &error);
            })
            .into_js_value();
            tx.set_onerror(Some(on_fail.unchecked_ref()));
            tx.set_onabort(Some(on_fail.unchecked_ref()));
        })
    };
    let result = JsFuture::from(finished).await.map_err(error_of);
    result?;
    let value = outcome.borrow_mut().take();
    Ok(value)
}

/// Every key in the store.
pub async fn keys(store: &str) -> Result<Vec<String>, DbError> {
    let value = run(store, IdbTransactionMode::Readonly, |s| s.get_all_keys()).await?;
    Ok(value
        .dyn_into::<Array>()
        .map(|a| a.iter().filter_map(|k| k.as_string()).collect())
        .unwrap_or_default())
}
