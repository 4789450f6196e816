//! How the browser takes over a prerendered page (feature `hydrate`, the release build).
//!
//! Pages are Leptos islands: the prerenderer renders every page to HTML, and only the parts
//! that change in the browser (`#[island]` components: times in the visitor's zone, states
//! that depend on "now", stars, the programme's filters, My agenda, the registration form, the
//! preview banner) are compiled into the Wasm and hydrated, each from the data its
//! `<leptos-island data-props>` carries. Everything else stays the HTML it was built as, and
//! links between pages are plain page loads of prerendered files.
//!
//! Order matters: [`start`] (the Wasm's `main`) provides what islands share (the clock at the
//! build's moment, the registration outbox); the page's script then hydrates every island
//! (Trunk.toml, `pattern_script`), and only then calls [`live`], so each island's first render
//! matches its HTML and updates to the visitor's zone and time right after.

use events_model::Timestamp;
use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::clock::{query_parameter, Clock, PREVIEW_PARAMETERS};
use crate::data::BUILT_AT_META;
use crate::registration::Outbox;

/// Prepares the page's islands: the clock at the moment the page was built, the outbox.
pub fn start() {
    leptos::mount::hydrate_islands();
    provide_context(Clock::new(false, built_at().unwrap_or_else(crate::time::now)));
    provide_context(Outbox::load());
}

/// Called by the page's script once every island is hydrated: the clock goes live (the
/// visitor's zone and time, a preview) and saved registrations are sent.
#[wasm_bindgen]
pub fn live() {
    if let Some(clock) = use_context::<Clock>() {
        clock.start();
        if clock.preview().is_some() {
            keep_preview_on_links();
        }
    }
    if let Some(outbox) = use_context::<Outbox>() {
        outbox.start();
    }
}

/// While the address asks for a preview, links to the site's other pages carry its parameters
/// when followed, so the preview lasts for the visit (each page is a document of its own).
/// "Leave the preview" (`rel="external"`) and downloads are left alone.
fn keep_preview_on_links() {
    use wasm_bindgen::JsCast;
    let params: Vec<(&'static str, String)> = PREVIEW_PARAMETERS
        .into_iter()
        .filter_map(|key| query_parameter(key).map(|value| (key, value)))
        .collect();
    if params.is_empty() {
        return;
    }
    let _ = window_event_listener(leptos::ev::click, move |ev| {
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href^='/']").ok().flatten());
        let Some(link) = link else { return };
        let external = link.get_attribute("rel").is_some_and(|rel| rel.split_whitespace().any(|w| w == "external"));
        if external || link.has_attribute("download") {
            return;
        }
        let href = link.get_attribute("href").unwrap_or_default();
        let Ok(url) = web_sys::Url::new_with_base(&href, "http://site.invalid") else { return };
        let query = url.search_params();
        for (key, value) in &params {
            if query.get(key).is_none() {
                query.set(key, value);
            }
        }
        let _ = link.set_attribute("href", &format!("{}{}{}", url.pathname(), url.search(), url.hash()));
    });
}

/// When the page was built, from its `<meta name="built-at">`.
fn built_at() -> Option<Timestamp> {
    let meta = document().query_selector(&format!("meta[name={BUILT_AT_META}]")).ok()??;
    meta.get_attribute("content")?.parse().ok().map(Timestamp)
}
