//! Text rules the browser already knows, used from it instead of shipping them in the Wasm.

use events_model::programme::Fold;

/// `text` in lower case, by Unicode's default mapping: the browser's `toLowerCase` in the Wasm
/// (Rust's own case tables would add 12 KB), `str::to_lowercase` natively. Both map the same
/// way, so search finds the same sessions everywhere.
pub fn lowercase(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(text).to_lower_case().into();
    #[cfg(not(target_arch = "wasm32"))]
    text.to_lowercase()
}

/// `text` in upper case, by Unicode's default mapping: the browser's `toUpperCase` in the Wasm,
/// `str::to_uppercase` natively (as [`lowercase`]); for initials avatars.
pub fn uppercase(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(text).to_upper_case().into();
    #[cfg(not(target_arch = "wasm32"))]
    text.to_uppercase()
}

/// `text` in Unicode's compatibility decomposition (NFKD): the browser's
/// `String.prototype.normalize("NFKD")` in the Wasm (no normalization tables in it), the
/// `unicode-normalization` crate natively (`events_model::programme::nfkd`).
pub fn decompose(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(text).normalize("NFKD").into();
    #[cfg(not(target_arch = "wasm32"))]
    events_model::programme::nfkd(text)
}

/// The programme search's fold (`events_model::programme::fold`) with the browser's lower case
/// and decomposition in the Wasm, Rust's natively: the list `FOLD_CASES` folds alike on both.
pub const SEARCH_FOLD: Fold = Fold { lower: lowercase, decompose };
