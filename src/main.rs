//! Entry point of the Wasm bundle that Trunk builds (`trunk serve` and `trunk build --release`
//! alike): starts the app (`istio_events_site::start`).

// Deeply nested view types (pages of sessions with controls) need more than the default 128.
#![recursion_limit = "256"]

fn main() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| leptos::logging::error!("{info}")));
    #[cfg(feature = "hydrate")]
    istio_events_site::start::start();
}
