//! Entry point of the Wasm bundle that Trunk builds: renders the app in the browser
//! (`trunk serve`, feature `csr`) or hydrates the prerendered page's islands (release, feature
//! `hydrate`).

// Deeply nested view types (pages of sessions with controls) need more than the default 128.
#![recursion_limit = "256"]

fn main() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| leptos::logging::error!("{info}")));

    // A prerendered page: its islands are hydrated by the page's script (src/hydrate.rs).
    #[cfg(feature = "hydrate")]
    istio_events_site::hydrate::start();

    #[cfg(not(feature = "hydrate"))]
    {
        // A client-rendering build serving prerendered pages (a release build made without
        // scripts/build): render over the page rather than next to it.
        let document = leptos::prelude::document();
        let meta = format!("meta[name={}]", istio_events_site::data::BUILT_AT_META);
        if let (Some(body), Ok(Some(_))) = (document.body(), document.query_selector(&meta)) {
            body.set_inner_html("");
        }
        leptos::mount::mount_to_body(istio_events_site::App);
    }
}
