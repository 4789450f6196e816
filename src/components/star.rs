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
            " Star"
            <span class="visually-hidden">" " {title}</span>
        </button>
    }
}
