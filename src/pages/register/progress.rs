//! A registration on its way, or confirmed: the live region's text and [`Progress`].

use events_model::registration::delivery::{Failure, Phase};
use events_model::{Download, Slug};
use leptos::prelude::*;

use super::focus_later;
use crate::data::use_site;
use crate::registration::{use_outbox, Entry};

/// The live region's text for a registration on its way.
pub(super) fn status_text(entry: &Entry) -> String {
    match &entry.delivery.phase {
        Phase::Saved => "Sending your registration…".to_owned(),
        Phase::Sending if entry.delivery.attempts <= 1 => "Sending your registration…".to_owned(),
        Phase::Sending => format!("Sending your registration again (attempt {})…", entry.delivery.attempts),
        Phase::WaitingToRetry(Failure::Offline) if entry.saved_on_device => {
            "Saved on this device: it will be sent when you are online, also if you leave and come back to this site later.".to_owned()
        }
        Phase::WaitingToRetry(failure) if entry.saved_on_device => format!(
            "Saved on this device, will retry: {}. It is sent as soon as it can be, also if you leave and come back to this site later.",
            failure.describe()
        ),
        Phase::WaitingToRetry(failure) => format!(
            "Not sent yet, will retry: {}. Keep this page open: this browser could not save a copy.",
            failure.describe()
        ),
        Phase::Registered { reference, waiting_list: false } => format!("Registered. Your reference is {reference}."),
        Phase::Registered { reference, waiting_list: true } => {
            format!("The event is full: you are on the waiting list. Your reference is {reference}.")
        }
        Phase::Refused { .. } => String::new(),
    }
}

/// A registration on its way (what is being sent), or confirmed: the reference, what was sent,
/// the event's calendar file, and a way to register someone else.
#[component]
pub(super) fn Progress(
    /// The event's slug.
    slug: Slug,
    /// The event's name.
    name: String,
    /// The registration.
    entry: Memo<Option<Entry>>,
) -> impl IntoView {
    let outbox = use_outbox();
    let registered = move || entry.with(|e| match e.as_ref().map(|e| &e.delivery.phase) {
        Some(Phase::Registered { reference, .. }) => Some(reference.clone()),
        _ => None,
    });
    let waiting = move || entry.with(|e| matches!(e.as_ref().map(|e| &e.delivery.phase), Some(Phase::Registered { waiting_list: true, .. })));
    let lines = move || entry.with(|e| e.as_ref().map(|e| e.stored.summary.clone()).unwrap_or_default());
    let calendar = use_site().href(&Download::EventCalendar(slug.clone()));
    let again = move |_| {
        outbox.forget(&slug);
        focus_later("registration-form-heading");
    };
    view! {
        <section class="card registration-progress" aria-labelledby="progress-heading">
            <h2 id="progress-heading" tabindex="-1">
                {move || match (registered().is_some(), waiting()) {
                    (true, true) => "You are on the waiting list",
                    (true, false) => "You are registered",
                    (false, _) => "Your registration is on its way",
                }}
            </h2>
            {move || registered().map(|reference| view! {
                <p class="reference">"Your reference: " <strong>{reference}</strong></p>
            })}
            {move || waiting().then(|| view! {
                <p>"The event is full. The organizers keep your registration on the waiting list and write to you if a place opens."</p>
            })}
            <h3>{move || if registered().is_some() { "What was sent" } else { "What is being sent" }}</h3>
            <dl class="summary">
                {move || lines().into_iter().map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> }).collect_view()}
            </dl>
            {move || registered().map(|_| view! {
                <p><a href=calendar.clone() download="">"Add " {name.clone()} " to your calendar"</a>" (.ics, for Google Calendar, Apple Calendar, Outlook)"</p>
                <p><button type="button" class="button" on:click=again.clone()>"Register someone else"</button></p>
            })}
        </section>
    }
}
