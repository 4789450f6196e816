//! The page's canonical address, which follows the route inside the app.

use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::hooks::use_location;

use crate::data::use_site;

/// The page's `<link rel="canonical">`, following the route.
#[component]
pub fn Canonical() -> impl IntoView {
    let site = use_site();
    let location = use_location();
    move || {
        let href = site.canonical(&location.pathname.get());
        view! { <Link rel="canonical" href /> }
    }
}
