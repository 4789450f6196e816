//! The page for addresses that lead nowhere.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::home;

/// "Page not found", with a way home.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <Meta name="robots" content="noindex" />
        <Meta name="description" content="There is no page at this address on the Istio community events site." />
        <section class="not-found wrap">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may have a typo."</p>
            <p><a href=home() class="button">"See all events"</a></p>
        </section>
    }
}
