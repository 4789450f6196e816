//! Loading, failure and event-state indicators.

use events_model::{EventState, Timestamp};
use leptos::prelude::*;

use crate::data::DataError;
use crate::clock::use_clock;

/// Shown while data loads. Announced politely to screen readers.
#[component]
pub fn Loading(
    /// What is loading, e.g. "the programme".
    #[prop(into)]
    what: String,
) -> impl IntoView {
    view! {
        <p class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            "Loading " {what} "…"
        </p>
    }
}

/// Shown when data could not be loaded: what went wrong and a button to try again.
#[component]
pub fn LoadFailed(
    /// The error.
    error: DataError,
    /// Called when the visitor asks to try again.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="load-failed" role="alert">
            <h2>"This page could not be loaded"</h2>
            <p>"Sorry: " {error.to_string()} ". Check your connection and try again."</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>"Try again"</button>
        </div>
    }
}

/// Upcoming / Live now / Past, computed from the event's dates and the current time (the build
/// time until the page runs in the browser).
#[component]
pub fn StateBadge(
    /// First moment of the event.
    start: Timestamp,
    /// First moment after the event.
    end: Timestamp,
) -> impl IntoView {
    let clock = use_clock();
    let state = move || EventState::of(start, end, clock.now());
    view! { <span class=move || format!("badge badge-{}", state().class())>{move || state().label()}</span> }
}
