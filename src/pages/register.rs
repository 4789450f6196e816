//! An event's registration: its form, the progress of a registration on its way, and the
//! confirmation.
//!
//! The form's markup is prerendered into a `<template>`
//! ([`crate::components::RegistrationFormTemplate`]), so a browser without JavaScript shows no
//! form that could not send; the page (and such a browser) says in the form's place that it
//! needs JavaScript (it sends from the page and retries until the registration arrives). Once
//! the app runs, and while registration is open, the island copies the form into place and
//! runs it with a few listeners ([`crate::registration::form`]): the Wasm carries no code to
//! build or hydrate the form's views, and the page's heading is not in the Wasm at all
//! ([`RegisterBody`] is the island). Answers are checked as the visitor leaves a field and
//! all at once on submit; each error is tied to its field (`aria-describedby`,
//! `aria-invalid`), announced in a live region, and the first one gets the focus. Nothing
//! typed is ever cleared by an error or a refusal.

use events_model::registration::delivery::Phase;
use events_model::registration::{Registration, RegistrationState};
use events_model::{paths, time_until_label, Event};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use super::{event_from_route, loaded, NotFound};
use crate::clock::use_clock;
use crate::components::{browser_built, EventNav, Moment, RegistrationFormTemplate};
use crate::data::Shipped;
use crate::registration::form::{focus_field, FormSetup, RunningForm};
use crate::registration::{use_outbox, Entry};

/// Route `/:event/register/`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    loaded(event_from_route(), "the registration form", |event: Event| match event.registration.clone() {
        Some(registration) if registration.endpoint.is_some() => view! { <Register event registration /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    })
}

/// The registration page of one event: its heading, then [`RegisterBody`] and the form's
/// markup.
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
                <p class="kicker"><A href=format!("/{}/", s.slug)>{kicker}</A></p>
                <h1>{format!("Register for {}", s.name)}</h1>
                <EventNav slug=s.slug.clone() name=s.name.clone() />
            </div>
        </div>
        <RegisterBody slug=s.slug name=s.name timezone=s.timezone registration=registration.clone() />
        <RegistrationFormTemplate registration />
    }
}

/// Registration for one event: when it opens and closes (both zones), what is happening to a
/// registration on its way (a live region), then whether it is open; when it is (or a
/// registration is on its way), the form, the progress or the confirmation, rendered in the
/// browser only. An island.
// An island in every build but the Wasm bundles of other kinds of pages (Cargo.toml).
#[cfg_attr(any(not(feature = "hydrate"), feature = "register-bundle"), island)]
#[cfg_attr(all(feature = "hydrate", not(feature = "register-bundle")), component)]
pub fn RegisterBody(
    /// The event's slug.
    slug: String,
    /// The event's name.
    name: String,
    /// The event's IANA zone.
    timezone: String,
    /// Its registration, with an endpoint.
    #[prop(into)]
    registration: Shipped<Registration>,
) -> impl IntoView {
    let Shipped(registration) = registration;
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
    slug: String,
    name: String,
    timezone: String,
}

/// What the browser-only part of the page needs.
#[derive(Clone)]
struct BrowserPart {
    slug: String,
    name: String,
    registration: Registration,
    announcement: RwSignal<String>,
}

/// The browser-only part: until the app runs, a note that the form needs JavaScript; then
/// [`Live`], built here in the browser ([`browser_built`], so it sees the page's clock and
/// outbox, and goes with it), never hydrated.
fn browser_part(part: BrowserPart) -> impl IntoView {
    let clock = use_clock();
    view! {
        {move || (!clock.is_live()).then(|| view! {
            <p class="js-note">
                "This form needs JavaScript: it sends your registration from this page, and keeps trying until it arrives. "
                "It is starting; if this message stays, switch JavaScript on."
            </p>
        })}
        {browser_built(move || clock.is_live().then(|| part.clone()), |part: BrowserPart| {
            let BrowserPart { slug, name, registration, announcement } = part;
            view! { <Live slug name registration announcement /> }
        })}
    }
}

/// In the browser: the form, or the registration on its way (or confirmed).
#[component]
fn Live(
    /// The event's slug.
    slug: String,
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
            Either::Right(form(slug.clone(), registration.clone(), announcement))
        }
    }
}

/// The form, copied from its template into an element of this view and run by hand
/// ([`crate::registration::form`]); it stops when this view goes. After a refusal (or a reload
/// that found one), the visitor's answers come back, with the endpoint's message.
fn form(slug: String, registration: Registration, announcement: RwSignal<String>) -> impl IntoView {
    let clock = use_clock();
    let outbox = use_outbox();
    let node = NodeRef::<leptos::html::Div>::new();
    let running = StoredValue::new_local(None::<RunningForm>);
    let setup = StoredValue::new_local(Some((slug, registration)));
    Effect::new(move |_| {
        let Some(parent) = node.get() else { return };
        let Some((slug, registration)) = setup.try_update_value(Option::take).flatten() else { return };
        let refused = outbox.entry_untracked(&slug).and_then(|e| match e.delivery.phase {
            Phase::Refused { message, .. } => Some((message, e.stored.values)),
            _ => None,
        });
        let sent = || focus_later("progress-heading");
        let setup = FormSetup { slug, registration, refused, announcement, clock, outbox, sent };
        let parent: web_sys::Element = parent.unchecked_into();
        let started = crate::registration::form::start(&parent, setup);
        if started.is_none() {
            // The page lacks the form's markup: say so rather than leave an empty space.
            parent.set_text_content(Some("The registration form could not be shown. Reload the page to try again."));
        }
        running.set_value(started);
    });
    on_cleanup(move || {
        let _ = running.try_update_value(Option::take);
    });
    view! { <div node_ref=node></div> }
}

/// The live region's text for a registration on its way.
fn status_text(entry: &Entry) -> String {
    match &entry.delivery.phase {
        Phase::Saved => "Sending your registration…".to_owned(),
        Phase::Sending if entry.delivery.attempts <= 1 => "Sending your registration…".to_owned(),
        Phase::Sending => format!("Sending your registration again (attempt {})…", entry.delivery.attempts),
        Phase::WaitingToRetry(failure) if entry.saved_on_device => format!(
            "Saved on this device, will retry: {}. It is sent as soon as it can be, also if you leave and come back to this site later.",
            failure.describe()
        ),
        Phase::WaitingToRetry(failure) => format!(
            "Not sent yet, will retry: {}. Keep this page open: this browser could not save a copy.",
            failure.describe()
        ),
        Phase::Registered { reference } => format!("Registered. Your reference is {reference}."),
        Phase::Refused { .. } => String::new(),
    }
}

/// A registration on its way (what is being sent), or confirmed: the reference, what was sent,
/// the event's calendar file, and a way to register someone else.
#[component]
fn Progress(
    /// The event's slug.
    slug: String,
    /// The event's name.
    name: String,
    /// The registration.
    entry: Memo<Option<Entry>>,
) -> impl IntoView {
    let outbox = use_outbox();
    let registered = move || entry.with(|e| match e.as_ref().map(|e| &e.delivery.phase) {
        Some(Phase::Registered { reference }) => Some(reference.clone()),
        _ => None,
    });
    let lines = move || entry.with(|e| e.as_ref().map(|e| e.stored.summary.clone()).unwrap_or_default());
    let calendar = paths::calendar(&slug);
    let again = move |_| {
        outbox.forget(&slug);
        focus_later("registration-form-heading");
    };
    view! {
        <section class="card registration-progress" aria-labelledby="progress-heading">
            <h2 id="progress-heading" tabindex="-1">
                {move || if registered().is_some() { "You are registered" } else { "Your registration is on its way" }}
            </h2>
            {move || registered().map(|reference| view! {
                <p class="reference">"Your reference: " <strong>{reference}</strong></p>
            })}
            <h3>{move || if registered().is_some() { "What was sent" } else { "What is being sent" }}</h3>
            <dl class="summary">
                {move || lines().into_iter().map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> }).collect_view()}
            </dl>
            {move || registered().map(|_| view! {
                <p><a href=calendar.clone() download="">"Add " {name.clone()} " to your calendar"</a>" (.ics file)"</p>
                <p><button type="button" class="button" on:click=again.clone()>"Register someone else"</button></p>
            })}
        </section>
    }
}

/// Focuses the element with HTML id `dom_id` once the page has been updated.
fn focus_later(dom_id: &'static str) {
    request_animation_frame(move || focus_field(dom_id));
}
