//! Entry point of the Wasm bundle that Trunk builds: renders the app in the browser
//! (`trunk serve`, feature `csr`) or hydrates the prerendered page (release, feature `hydrate`).

// The register page's view type is deep; the compiler's default limit (128) is not enough to
// lay out its hydration code.
#![recursion_limit = "256"]

fn main() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| leptos::logging::error!("{info}")));

    #[cfg(feature = "hydrate")]
    {
        use istio_events_site::clock::BuiltAt;
        use istio_events_site::data::Handover;
        use leptos::prelude::*;

        // The page's own data first, so the first render matches the HTML it hydrates.
        let handover = document()
            .get_element_by_id(Handover::ELEMENT_ID)
            .and_then(|script| script.text_content())
            .and_then(|json| match serde_json::from_str::<Handover>(&json) {
                Ok(h) => Some(h),
                Err(e) => {
                    leptos::logging::warn!("the page's data could not be read ({e}); loading it again");
                    None
                }
            });
        let built_at = handover.as_ref().map(|h| h.built_at);
        if let Some(handover) = handover {
            handover.remember();
        }
        leptos::mount::hydrate_body(move || {
            if let Some(at) = built_at {
                provide_context(BuiltAt(at));
            }
            view! { <istio_events_site::App /> }
        });
    }

    #[cfg(not(feature = "hydrate"))]
    {
        // A client-rendering build serving prerendered pages (a release build made without
        // scripts/build): render over the page rather than next to it.
        if let Some(body) = leptos::prelude::document().body() {
            if leptos::prelude::document().get_element_by_id(istio_events_site::data::Handover::ELEMENT_ID).is_some() {
                body.set_inner_html("");
            }
        }
        leptos::mount::mount_to_body(istio_events_site::App);
    }
}
