//! The navigation between an event's pages.

use leptos::prelude::*;
use leptos_router::components::A;

use events_model::{Page, Slug};

use crate::data::use_site;

/// Links to an event's overview, programme, tracks and the visitor's agenda; the current one is marked by the router
/// with `aria-current="page"`.
#[component]
pub fn EventNav(
    /// The event's slug.
    slug: Slug,
    /// The event's name, to label the navigation.
    #[prop(into)]
    name: String,
) -> impl IntoView {
    let site = use_site();
    let href = |page: fn(Slug) -> Page| site.href(&page(slug.clone()));
    view! {
        <nav class="event-nav" aria-label=format!("{name} pages")>
            <ul>
                <li><A href=href(Page::Event) exact=true>"Overview"</A></li>
                <li><A href=href(Page::Programme)>"Programme"</A></li>
                <li><A href=href(Page::Tracks)>"Tracks"</A></li>
                <li><A href=href(Page::Agenda)>"My agenda"</A></li>
            </ul>
        </nav>
    }
}
