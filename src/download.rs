//! Files made in the browser (calendar files of a filtered view or an agenda), handed to the
//! visitor as a download.

/// Offers `text` as a file named `name` of type `mime`. Returns whether the browser took it.
pub fn offer(name: &str, mime: &str, text: &str) -> bool {
    imp::offer(name, mime, text)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::{JsCast, JsValue};

    pub fn offer(name: &str, mime: &str, text: &str) -> bool {
        let run = || -> Result<(), JsValue> {
            let parts = js_sys::Array::of1(&JsValue::from_str(text));
            let options = web_sys::BlobPropertyBag::new();
            options.set_type(mime);
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
            let url = web_sys::Url::create_object_url_with_blob(&blob)?;
            let document = web_sys::window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
            let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
            link.set_href(&url);
            link.set_download(name);
            link.click();
            // The download has started by then; the file's memory is given back later.
            leptos::prelude::set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(60));
            Ok(())
        };
        run().is_ok()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn offer(_: &str, _: &str, _: &str) -> bool {
        false
    }
}
