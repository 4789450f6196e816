//! The page the service worker answers with, offline, for an address it has not kept (built
//! as `offline.html`, without the app, like the 404 page).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::home;

/// "You are offline": what works offline, and a way to the pages that were kept.
#[component]
pub fn Offline() -> impl IntoView {
    view! {
        <Title text="You are offline" />
        <Meta name="robots" content="noindex" />
        <section class="not-found wrap">
            <h1>"You are offline"</h1>
            <p>
                "This page was not opened on this device before, and its event was not saved for offline, so it cannot be shown without a network."
            </p>
            <p>
                "Pages you opened before still open. On an event's page, “Save for offline” keeps its programme, sessions and speakers on this device."
            </p>
            <p><a href=home() class="button">"See all events"</a></p>
        </section>
    }
}
