//! The browser's `localStorage`, for what a visitor keeps without an account (their time zone,
//! their starred sessions, registrations on their way). Storage can be missing or refused (private modes, quotas, a native
//! build): callers get a typed error and carry on without it.

use std::fmt;

/// Why storage could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// There is no `localStorage` here (a native build, or the browser refuses it).
    Unavailable,
    /// The browser refused the operation (quota exceeded, for example).
    Refused(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => write!(f, "this browser does not let the site keep anything"),
            StorageError::Refused(why) => write!(f, "the browser refused to keep it ({why})"),
        }
    }
}

impl std::error::Error for StorageError {}

/// The value kept under `key`, if any.
pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    imp::get(key)
}

/// Keeps `value` under `key`.
pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    imp::set(key, value)
}

/// Forgets `key`.
pub fn remove(key: &str) -> Result<(), StorageError> {
    imp::remove(key)
}

/// Every key kept for this site.
pub fn keys() -> Result<Vec<String>, StorageError> {
    imp::keys()
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::StorageError;

    fn storage() -> Result<web_sys::Storage, StorageError> {
        web_sys::window()
            .ok_or(StorageError::Unavailable)?
            .local_storage()
            .map_err(|_| StorageError::Unavailable)?
            .ok_or(StorageError::Unavailable)
    }

    fn refused(e: wasm_bindgen::JsValue) -> StorageError {
        use wasm_bindgen::JsCast;
        StorageError::Refused(e.unchecked_into::<js_sys::Error>().message().into())
    }

    pub fn get(key: &str) -> Result<Option<String>, StorageError> {
        storage()?.get_item(key).map_err(refused)
    }

    pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
        storage()?.set_item(key, value).map_err(refused)
    }

    pub fn remove(key: &str) -> Result<(), StorageError> {
        storage()?.remove_item(key).map_err(refused)
    }

    pub fn keys() -> Result<Vec<String>, StorageError> {
        let storage = storage()?;
        let n = storage.length().map_err(refused)?;
        Ok((0..n).filter_map(|i| storage.key(i).ok().flatten()).collect())
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::StorageError;

    pub fn get(_: &str) -> Result<Option<String>, StorageError> {
        Err(StorageError::Unavailable)
    }

    pub fn set(_: &str, _: &str) -> Result<(), StorageError> {
        Err(StorageError::Unavailable)
    }

    pub fn remove(_: &str) -> Result<(), StorageError> {
        Err(StorageError::Unavailable)
    }

    pub fn keys() -> Result<Vec<String>, StorageError> {
        Err(StorageError::Unavailable)
    }
}
