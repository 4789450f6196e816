//! Text rules the browser already knows, used from it instead of shipping them in the Wasm.

/// `text` in lower case, by Unicode's default mapping: the browser's `toLowerCase` in the Wasm
/// (Rust's own case tables would add 12 KB), `str::to_lowercase` natively. Both map the same
/// way, so search finds the same sessions everywhere.
pub fn lowercase(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(text).to_lower_case().into();
    #[cfg(not(target_arch = "wasm32"))]
    text.to_lowercase()
}
