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

use crate::clock::{BuiltAt, Clock};
use crate::data::BUILT_AT_META;
use crate::registration::Outbox;

/// Prepares the page's islands: the clock at the moment the page was built, the outbox.
pub fn start() {
    leptos::mount::hydrate_islands();
    let built_at = built_at().unwrap_or_else(crate::time::now);
    provide_context(BuiltAt(built_at));
    provide_context(Clock::new(false, built_at));
    provide_context(Outbox::load());
}

/// Called by the page's script once every island is hydrated: the clock goes live (the
/// visitor's zone and time, a preview) and saved registrations are sent.
#[wasm_bindgen]
pub fn live() {
    if let Some(clock) = use_context::<Clock>() {
        clock.start();
    }
    if let Some(outbox) = use_context::<Outbox>() {
        outbox.start();
    }
}

/// When the page was built, from its `<meta name="built-at">`.
fn built_at() -> Option<Timestamp> {
    let meta = document().query_selector(&format!("meta[name={BUILT_AT_META}]")).ok()??;
    meta.get_attribute("content")?.parse().ok().map(Timestamp)
}
