//! The frame around every page.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use events_model::Page;

use crate::data::use_site;

/// Skip link, site name and main navigation.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>"Skip to content"</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a href=home() class="brand">
                    <svg class="brand-mark" aria-hidden="true" viewBox="0 0 32 32" width="24" height="24">
                        <path d="M15 5v17H7zM17 9l8 13h-8z" fill="currentColor"></path>
                        <path d="M6 24h20l-3 3H9z" fill="#7db7ff"></path>
                    </svg>
                    "Istio community events"
                </a>
                <nav aria-label="Main">
                    <ul class="nav-list">
                        <li><HomeLink text="Events" /></li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

/// The home page's address, under the site's base (`/`, `/istio-events/`).
pub fn home() -> String {
    use_site().href(&Page::Home)
}

/// A link to the home page, marked as the current page there.
#[component]
pub fn HomeLink(
    /// The link's text.
    text: &'static str,
) -> impl IntoView {
    let href = home();
    let location = use_location();
    let here = href.clone();
    let current = move || (location.pathname.get() == here).then_some("page");
    view! { <a href=href aria-current=current>{text}</a> }
}

/// Moves focus to the main content without a navigation (the router would otherwise treat the
/// link as one).
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_main();
}

/// Focuses `<main id="main">`, as after a page load, so keyboard and screen-reader users start
/// at the content.
pub fn focus_main() {
    use wasm_bindgen::JsCast;
    if let Some(main) = document().get_element_by_id("main").and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = main.focus();
    }
}

/// Credits and where the content comes from.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    "A community site about IstioCon and Istio Day. Session facts come from the events' published programmes; "
                    "recordings are hosted on YouTube."
                </p>
                <p>"Istio is a project of the Cloud Native Computing Foundation."</p>
            </div>
        </footer>
    }
}
