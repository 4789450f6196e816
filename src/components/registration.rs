//! Registration at a glance, for an event's overview: not open yet (with the opening time in
//! both zones and how long until then), open (until when, and the way in), or closed.

use events_model::registration::{Registration, RegistrationState};
use events_model::{time_until_label, Page, Slug, Timestamp};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use super::Moment;
use crate::clock::use_clock;
use crate::data::use_site;

/// Where registration stands, from its dates and the page's clock (the build time until the
/// app runs, then the visitor's time or the previewed moment).
#[component]
pub fn RegistrationStatus(
    /// The event's registration.
    registration: Registration,
    /// The event's slug, for the form's address.
    slug: Slug,
    /// The event's IANA zone.
    #[prop(into)]
    zone: String,
) -> impl IntoView {
    let glance = RegistrationGlance {
        opens: registration.opens,
        closes: registration.closes,
        has_form: registration.endpoint.is_some(),
        url: registration.url,
        capacity_note: registration.capacity_note,
    };
    view! { <RegistrationBox glance slug zone /> }
}

/// What the registration box needs of a registration (its questions are for the form's page).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RegistrationGlance {
    /// When it opens.
    pub opens: Timestamp,
    /// When it closes.
    pub closes: Timestamp,
    /// Whether this site has its form.
    pub has_form: bool,
    /// Where to register on the event's own site, if not here.
    pub url: Option<String>,
    /// A note on capacity or fees.
    pub capacity_note: Option<String>,
}

/// [`RegistrationStatus`] in the browser.
#[component]
fn RegistrationBox(
    /// The registration's dates, way in and note.
    glance: RegistrationGlance,
    /// The event's slug, for the form's address.
    slug: Slug,
    /// The event's IANA zone.
    zone: String,
) -> impl IntoView {
    let clock = use_clock();
    let RegistrationGlance { opens, closes, has_form, url, capacity_note: note } = glance;
    let state = Memo::new(move |_| RegistrationState::of(opens, closes, clock.now()));
    let way_in = move || match (has_form, url.clone()) {
        (true, _) => Some(Either::Left(view! { <a href=use_site().href(&Page::Register(slug.clone())) class="button">"Register"</a> })),
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
