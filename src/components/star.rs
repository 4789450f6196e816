//! Starring a session for "My agenda".

use leptos::prelude::*;

use crate::agenda::AgendaStore;
use crate::clock::use_clock;

/// A toggle button that stars or unstars a session (`aria-pressed` tells its state; its name
/// stays the same). Disabled until the app runs.
#[component]
pub fn StarButton(
    /// The agenda it changes.
    store: AgendaStore,
    /// The session's id.
    #[prop(into)]
    id: String,
    /// The session's title, for the button's accessible name.
    #[prop(into)]
    title: String,
) -> impl IntoView {
    let clock = use_clock();
    let id = StoredValue::new(id);
    let starred = move || id.with_value(|id| store.contains(id));
    view! {
        <button
            type="button"
            class="star"
            aria-pressed=move || starred().to_string()
            disabled=move || !clock.is_live()
            on:click=move |_| id.with_value(|id| store.toggle(id))
        >
            <span class="star-icon" aria-hidden="true">{move || if starred() { "★" } else { "☆" }}</span>
            <span class="star-label">" Star"</span>
            <span class="visually-hidden">" " {title}</span>
        </button>
    }
}

/// A star on a page that shows one session: it keeps the event's agenda by itself.
#[component]
pub fn SessionStar(
    /// The event's slug.
    slug: String,
    /// The event's session ids in programme order (the agenda's order).
    order: Vec<String>,
    /// The session's id.
    id: String,
    /// The session's title, for the button's accessible name.
    title: String,
) -> impl IntoView {
    let store = AgendaStore::for_sessions(slug, order);
    Effect::new(move |_| store.load());
    view! { <StarButton store id title /> }
}
