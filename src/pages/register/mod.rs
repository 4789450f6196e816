//! An event's registration: its form, the progress of a registration on its way, and the
//! confirmation.
//!
//! The form itself is rendered in the browser only: the prerendered page (and a browser without
//! JavaScript) says in its place that the form needs JavaScript (it sends from the page and
//! retries until the registration arrives), and the app renders the form there once it runs
//! (a Leptos view like every other: `on:` handlers and signals). Answers are
//! checked as the visitor leaves a field and all at once on submit; each error is tied to its
//! field (`aria-describedby`, `aria-invalid`), announced in a live region, and the first one
//! gets the focus. Nothing typed is ever cleared by an error or a refusal.

mod field;
mod form;
mod prepare;
mod progress;
mod state;

use events_model::registration::delivery::Phase;
use events_model::registration::{Registration, RegistrationState};
use events_model::{time_until_label, Event, Page, Slug};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use wasm_bindgen::JsCast;

use super::{loaded, route_data, slug_of, NotFound};
use crate::clock::use_clock;
use crate::components::{EventNav, Moment};
use crate::data::use_site;
use crate::registration::use_outbox;
use form::RegistrationForm;
use progress::{status_text, Progress};

/// Route `/:event/register/`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    loaded(route_data(|p| Some(Page::Register(slug_of(p, "event")?))), "the registration form", |event: Event| match event.registration.clone() {
        Some(registration) if registration.endpoint.is_some() => Either::Left(view! { <Register event registration /> }),
        _ => Either::Right(view! { <NotFound /> }),
    })
}

/// The registration page of one event: its heading, then [`RegisterBody`].
#[component]
pub fn Register(
    /// The event.
    event: Event,
    /// Its registration, with an endpoint.
    registration: Registration,
) -> impl IntoView {
    let s = event.summary.clone();
    let kicker = s.name.clone();
    view! {
        <Title text=format!("Register · {}", s.name) />
        <Meta name="description" content=format!("Register for {}: the form, and when registration opens and closes.", s.name) />
        <div class="event-head">
            <div class="wrap">
                <p class="kicker"><a href=use_site().href(&Page::Event(s.slug.clone()))>{kicker}</a></p>
                <h1>{format!("Register for {}", s.name)}</h1>
                <EventNav slug=s.slug.clone() name=s.name.clone() />
            </div>
        </div>
        <RegisterBody slug=s.slug name=s.name timezone=s.timezone registration />
    }
}

/// Registration for one event: when it opens and closes (both zones), what is happening to a
/// registration on its way (a live region), then whether it is open; when it is (or a
/// registration is on its way), the form, the progress or the confirmation, rendered in the
/// browser only.
#[component]
pub fn RegisterBody(
    /// The event's slug.
    slug: Slug,
    /// The event's name.
    name: String,
    /// The event's IANA zone.
    timezone: String,
    /// Its registration, with an endpoint.
    registration: Registration,
) -> impl IntoView {
    let s = Names { slug, name, timezone };
    let clock = use_clock();
    let outbox = use_outbox();
    let (opens, closes) = (registration.opens, registration.closes);
    let state = {
        let registration = registration.clone();
        Memo::new(move |_| registration.state_at(clock.now()))
    };
    let entry = {
        let slug = s.slug.clone();
        // Shown only once the app runs, so the first render matches the prerendered page.
        Memo::new(move |_| if clock.is_live() { outbox.entry(&slug) } else { None })
    };
    // The form's place: registration is open, or something is on its way or done.
    let active = Memo::new(move |_| state.get() == RegistrationState::Open || entry.with(Option::is_some));
    let announcement = RwSignal::new(String::new());
    let status = move || entry.with(|e| e.as_ref().map(status_text).unwrap_or_default());
    let zone = s.timezone.clone();
    let part = BrowserPart { slug: s.slug.clone(), name: s.name.clone(), registration, announcement };
    view! {
        <div class="wrap">
            <div class="register-dates">
                <Moment at=opens zone=zone.clone() label="Opens" />
                <Moment at=closes zone=zone.clone() label="Closes" />
            </div>
            <p class="delivery-status" role="status">{status}</p>
            {move || if active.get() {
                Either::Left(browser_part(part.clone()))
            } else {
                Either::Right(view! {
                    <p class="register-state">
                        {move || match state.get() {
                            RegistrationState::NotYetOpen => format!("Registration is not open yet: it opens {}.", time_until_label(opens.0 - clock.now().0)),
                            _ => "Registration is closed.".to_owned(),
                        }}
                    </p>
                })
            }}
            <p class="visually-hidden" aria-live="polite" aria-atomic="true">{move || announcement.get()}</p>
        </div>
    }
}

/// What the page says of its event.
struct Names {
    /// The event's slug.
    slug: Slug,
    /// The event's name.
    name: String,
    /// The event's IANA zone.
    timezone: String,
}

/// What the browser-only part of the page needs.
#[derive(Clone)]
struct BrowserPart {
    /// The event's slug.
    slug: Slug,
    /// The event's name.
    name: String,
    /// Its registration, with an endpoint.
    registration: Registration,
    /// The page's live region, for errors.
    announcement: RwSignal<String>,
}

/// The browser-only part: until the app runs (and in the prerendered page, which a browser
/// without JavaScript shows), a note that the form needs JavaScript; then [`Live`]. The form
/// is never prerendered: without the app it could not send.
fn browser_part(part: BrowserPart) -> impl IntoView {
    let clock = use_clock();
    move || match clock.is_live() {
        false => Either::Left(view! {
            <p class="js-note">
                "This form needs JavaScript: it sends your registration from this page, and keeps trying until it arrives. "
                "It is starting; if this message stays, switch JavaScript on."
            </p>
        }),
        true => {
            let BrowserPart { slug, name, registration, announcement } = part.clone();
            Either::Right(view! { <div class="form-root"><Live slug name registration announcement /></div> })
        }
    }
}

/// In the browser: the form, or the registration on its way (or confirmed).
#[component]
fn Live(
    /// The event's slug.
    slug: Slug,
    /// The event's name.
    name: String,
    /// The registration.
    registration: Registration,
    /// The page's live region, for errors.
    announcement: RwSignal<String>,
) -> impl IntoView {
    let outbox = use_outbox();
    let entry = {
        let slug = slug.clone();
        Memo::new(move |_| outbox.entry(&slug))
    };
    let on_its_way = Memo::new(move |_| entry.with(|e| e.as_ref().is_some_and(|e| !matches!(e.delivery.phase, Phase::Refused { .. }))));
    move || {
        if on_its_way.get() {
            Either::Left(view! { <Progress slug=slug.clone() name=name.clone() entry /> })
        } else {
            Either::Right(view! { <RegistrationForm slug=slug.clone() registration=registration.clone() announcement /> })
        }
    }
}

/// Focuses the control with HTML id `dom_id` (for a group, its first option).
fn focus_field(dom_id: &str) {
    let Some(element) = document().get_element_by_id(dom_id) else { return };
    let target = if element.tag_name().eq_ignore_ascii_case("fieldset") {
        element.query_selector("input").ok().flatten()
    } else {
        Some(element)
    };
    if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = target.focus();
    }
}

/// Focuses the element with HTML id `dom_id` once the page has been updated.
fn focus_later(dom_id: &'static str) {
    request_animation_frame(move || focus_field(dom_id));
}
