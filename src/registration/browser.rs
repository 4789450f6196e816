//! The browser around the outbox: `localStorage`, random bytes, a POST (gloo-net) with a timeout, and
//! `RegExp` for the organizers' patterns. Natively (prerendering, native tests) there is no
//! browser: nothing is saved or sent.

use events_model::registration::delivery::{Outcome, StoredRegistration};
use events_model::registration::validate::Patterns;

use crate::storage;

pub use crate::storage::StorageError;

/// The organizers' patterns, matched by the browser's `RegExp` (whole answer, Unicode mode).
pub struct BrowserPatterns;

impl Patterns for BrowserPatterns {
    fn full_match(&self, pattern: &str, text: &str) -> Option<bool> {
        imp::full_match(pattern, text)
    }
}

/// Saves `stored` under its event's key, replacing what was there.
pub fn save(stored: &StoredRegistration) -> Result<(), StorageError> {
    let json = serde_json::to_string(stored).map_err(|e| StorageError::Refused(e.to_string()))?;
    storage::set(&StoredRegistration::storage_key(&stored.event), &json)
}

/// Deletes the saved copy for `event`, if it is still the registration with `key`.
pub fn remove(event: &str, key: &str) {
    let name = StoredRegistration::storage_key(event);
    if get(&name).and_then(|text| read_saved(&text)).is_some_and(|s| s.key == key) {
        let _ = storage::remove(&name);
    }
}

/// Every registration saved on this device, in the current format.
pub fn saved() -> Vec<StoredRegistration> {
    storage::keys()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| k.starts_with(StoredRegistration::PREFIX))
        .filter_map(|k| get(&k))
        .filter_map(|text| read_saved(&text))
        .collect()
}

/// A saved copy, as this version of the site writes it.
fn read_saved(text: &str) -> Option<StoredRegistration> {
    StoredRegistration::from_json(text)
}

/// A setting stored for this browser, e.g. [`events_model::registration::delivery::Timing::SETTING`].
pub fn setting(name: &str) -> Option<String> {
    get(name)
}

/// What is kept under `name`; nothing when storage is unavailable (nothing was saved then).
fn get(name: &str) -> Option<String> {
    storage::get(name).ok().flatten()
}

/// 16 random bytes for an idempotency key and its reference.
pub fn random_bytes() -> [u8; 16] {
    imp::random_bytes()
}

/// A random number in 0..1, for the jitter of retries.
pub fn random_fraction() -> f64 {
    imp::random_fraction()
}

/// POSTs `body` (JSON) to `endpoint` with the `Idempotency-Key` header, and says what came of
/// it; an answer not complete after `timeout_ms` is a timeout.
pub async fn post(endpoint: &str, key: &str, body: &str, timeout_ms: u32) -> Outcome {
    imp::post(endpoint, key, body, timeout_ms).await
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use std::time::Duration;

    use events_model::registration::delivery::{classify, Failure, Outcome};
    use wasm_bindgen::{JsCast, JsValue};


    pub fn random_bytes() -> [u8; 16] {
        let mut bytes = [0u8; 16];
        let from_crypto = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
        if !from_crypto {
            for b in &mut bytes {
                *b = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        bytes
    }

    pub fn random_fraction() -> f64 {
        js_sys::Math::random()
    }

    thread_local! {
        /// Compiled patterns (`None`: this browser cannot read the pattern); a form has a few.
        static PATTERNS: RefCell<Vec<(String, Option<js_sys::RegExp>)>> = const { RefCell::new(Vec::new()) };
    }

    fn compile(pattern: &str) -> Option<js_sys::RegExp> {
        let constructor = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("RegExp")).ok()?.dyn_into::<js_sys::Function>().ok()?;
        let args = js_sys::Array::of2(&JsValue::from_str(&format!("^(?:{pattern})$")), &JsValue::from_str("u"));
        js_sys::Reflect::construct(&constructor, &args).ok()?.dyn_into::<js_sys::RegExp>().ok()
    }

    pub fn full_match(pattern: &str, text: &str) -> Option<bool> {
        let regex = PATTERNS.with(|cache| {
            let mut cache = cache.borrow_mut();
            match cache.iter().find(|(p, _)| p == pattern) {
                Some((_, regex)) => regex.clone(),
                None => {
                    let regex = compile(pattern);
                    cache.push((pattern.to_owned(), regex.clone()));
                    regex
                }
            }
        })?;
        Some(regex.test(text))
    }

    pub async fn post(endpoint: &str, key: &str, body: &str, timeout_ms: u32) -> Outcome {
        let controller = web_sys::AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            leptos::prelude::set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    if let Some(c) = controller {
                        c.abort();
                    }
                },
                Duration::from_millis(u64::from(timeout_ms)),
            )
            .ok()
        };
        let signal = controller.as_ref().map(web_sys::AbortController::signal);
        let request = gloo_net::http::Request::post(endpoint)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Idempotency-Key", key)
            .cache(web_sys::RequestCache::NoStore)
            .abort_signal(signal.as_ref())
            .body(body.to_owned());
        let sent = match request {
            Ok(request) => request.send().await,
            Err(e) => Err(e),
        };
        let outcome = match sent {
            Err(_) if timed_out.get() => Outcome::Retry { failure: Failure::Timeout, retry_after_ms: None },
            Err(_) if web_sys::window().is_some_and(|w| !w.navigator().on_line()) => Outcome::Retry { failure: Failure::Offline, retry_after_ms: None },
            Err(_) => Outcome::Retry { failure: Failure::Network, retry_after_ms: None },
            Ok(response) => {
                let status = response.status();
                let retry_after = response.headers().get("retry-after");
                // A 2xx whose body never completes is still a registration: the status says so.
                let text = response.text().await.unwrap_or_default();
                classify(status, &text, retry_after.as_deref())
            }
        };
        if let Some(timer) = timer {
            timer.clear();
        }
        outcome
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use events_model::registration::delivery::{Failure, Outcome};


    pub fn random_bytes() -> [u8; 16] {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        nanos.to_le_bytes()
    }

    pub fn random_fraction() -> f64 {
        0.5
    }

    pub fn full_match(_pattern: &str, _text: &str) -> Option<bool> {
        None
    }

    pub async fn post(_endpoint: &str, _key: &str, _body: &str, _timeout_ms: u32) -> Outcome {
        Outcome::Retry { failure: Failure::Network, retry_after_ms: None }
    }
}
