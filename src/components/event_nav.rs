//! The navigation between an event's pages.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::data::use_site;

/// Links to an event's overview, programme, tracks and the visitor's agenda; the current one is marked by the router
/// with `aria-current="page"`.
#[component]
pub fn EventNav(
    /// The event's slug.
    #[prop(into)]
    slug: String,
    /// The event's name, to label the navigation.
    #[prop(into)]
    name: String,
) -> impl IntoView {
    let base = use_site().href(&format!("/{slug}"));
    view! {
        <nav class="event-nav" aria-label=format!("{name} pages")>
            <ul>
                <li><A href=format!("{base}/") exact=true>"Overview"</A></li>
                <li><A href=format!("{base}/programme/")>"Programme"</A></li>
                <li><A href=format!("{base}/tracks/")>"Tracks"</A></li>
                <li><A href=format!("{base}/agenda/")>"My agenda"</A></li>
            </ul>
        </nav>
    }
}
