//! How the app starts in the browser. The one place where development and production differ,
//! and only in how the app is mounted:
//!
//! - A prerendered page of this address (a release build, `dist/<route>/index.html`) carries
//!   the data it was rendered from ([`Handover`]): the app takes that data and **hydrates** the
//!   page, so its first render matches the HTML and nothing is fetched before it is interactive.
//! - Anything else **renders** the route in the browser over whatever the page holds: Trunk's
//!   bare `index.html` under `trunk serve`, or a prerendered page that a host served for an
//!   address it does not name (hosts that answer unknown paths with `index.html`), where
//!   hydrating would not match.
//!
//! From then on it is the same app: leptos_router follows internal links inside the page and
//! fetches the next route's data ([`crate::data`]).

use leptos::mount::UnmountHandle;
use leptos::prelude::*;
use leptos::tachys::view::Mountable;

use crate::clock::BuiltAt;
use crate::data::{Handover, HandoverError, SiteAddress};
use crate::App;

/// Starts the app on the page the browser shows.
pub fn start() {
    match Handover::from_page() {
        Ok(handover) if handover.url == current_path() => hydrate(handover),
        // A host's fallback page for another address: its site address still holds.
        Ok(handover) => render(Some(handover.site)),
        Err(HandoverError::Missing) => render(None),
        Err(HandoverError::Unreadable(why)) => {
            leptos::logging::warn!("the page's data could not be read ({why}); rendering it again");
            render(None)
        }
    }
}

/// Hydrates the prerendered page from the data it carries; the app lives as long as the page.
fn hydrate(handover: Handover) {
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else {
        leptos::logging::warn!("the page has no <body> to hydrate");
        return;
    };
    hydrate_in(body, handover).forget();
}

/// Hydrates the prerendered markup in `parent` from the data it was rendered from: `parent` is
/// the page's `<body>` ([`start`]), or an element that holds a prerendered `<body>`'s content
/// (the in-browser test of a prerendered page, `tests/web.rs`). The app runs until the
/// returned handle is dropped (which unmounts it) or forgotten.
pub fn hydrate_in(parent: web_sys::HtmlElement, handover: Handover) -> UnmountHandle<impl Mountable> {
    handover.remember();
    let Handover { built_at, site, .. } = handover;
    leptos::mount::hydrate_from(parent, move || {
        provide_context(BuiltAt(built_at));
        provide_context(site);
        view! { <App /> }
    })
}

/// Renders the route of the address in the browser, replacing what the page holds. Without a
/// page's [`Handover`] (Trunk's bare `index.html` under `trunk serve`) the site is the page's
/// origin, at its root.
fn render(site: Option<SiteAddress>) {
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        body.set_inner_html("");
    }
    let site = site.unwrap_or_else(|| SiteAddress {
        origin: web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default(),
        base: String::new(),
    });
    leptos::mount::mount_to_body(move || {
        provide_context(site);
        view! { <App /> }
    });
}

/// Whether the app is hydrating a prerendered page at this moment (Leptos's own flag, true
/// until `hydrate_from` has walked the whole page): views made now find their static text in
/// the page already, and hydration keeps it without reading theirs. False under client
/// rendering, inside the running app and natively.
pub fn hydrating() -> bool {
    Owner::current_shared_context().is_some_and(|context| context.during_hydration())
}

/// The address's path, as the prerenderer names pages (`/istiocon-2022/programme/`).
fn current_path() -> String {
    web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default()
}
