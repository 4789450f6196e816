//! Entry point of the Wasm bundle that Trunk builds.

fn main() {
    console_error_panic_hook_lite();
    leptos::mount::mount_to_body(istio_events_site::App);
}

/// Panics abort in release builds (smaller Wasm); in debug builds report them on the console.
fn console_error_panic_hook_lite() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| {
        leptos::logging::error!("{info}");
    }));
}
