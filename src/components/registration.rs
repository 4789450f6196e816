//! Registration at a glance, for an event's overview: not open yet (with the opening time in
//! both zones and how long until then), open (until when, and the way in), or closed.

use events_model::registration::{Registration, RegistrationState};
use events_model::{paths, time_until_label};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use super::Moment;
use crate::clock::use_clock;
use crate::data::Shipped;

/// Where registration stands, from its dates and the page's clock (the build time until the
/// app runs, then the visitor's time or the previewed moment). An island.
#[island]
pub fn RegistrationStatus(
    /// The event's registration.
    #[prop(into)]
    registration: Shipped<Registration>,
    /// The event's slug, for the form's address.
    #[prop(into)]
    slug: String,
    /// The event's IANA zone.
    #[prop(into)]
    zone: String,
) -> impl IntoView {
    let clock = use_clock();
    let Shipped(registration) = registration;
    let (opens, closes) = (registration.opens, registration.closes);
    let (has_form, url) = (registration.endpoint.is_some(), registration.url.clone());
    let note = registration.capacity_note.clone();
    let state = Memo::new(move |_| registration.state_at(clock.now()));
    let way_in = move || match (has_form, url.clone()) {
        (true, _) => Some(Either::Left(view! { <a href=paths::register(&slug) class="button">"Register"</a> })),
        (false, Some(url)) => Some(Either::Right(view! { <a class="button" href=url rel="noopener">"Register on the event's site"</a> })),
        (false, None) => None,
    };
    view! {
        <section class="card registration-status" aria-labelledby="registration-heading">
            <h3 id="registration-heading">"Registration"</h3>
            {move || match state.get() {
                RegistrationState::NotYetOpen => EitherOf3::A(view! {
                    <p><strong>"Not open yet"</strong>": opens " {move || time_until_label(opens.0 - clock.now().0)} "."</p>
                    <Moment at=opens zone=zone.clone() label="Opens" />
                }),
                RegistrationState::Open => EitherOf3::B(view! {
                    <p><strong>"Open"</strong>": closes " {move || time_until_label(closes.0 - clock.now().0)} "."</p>
                    <Moment at=closes zone=zone.clone() label="Closes" />
                    {way_in()}
                }),
                RegistrationState::Closed => EitherOf3::C(view! {
                    <p><strong>"Closed"</strong>"."</p>
                    <Moment at=closes zone=zone.clone() label="Closed" />
                }),
            }}
            {note.map(|n| view! { <p class="note">{n}</p> })}
        </section>
    }
}
