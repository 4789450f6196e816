//! The registration form: its state provided once ([`FormState`]), its fields ([`Field`]), the
//! summary of what needs a change, and the submit.

use events_model::registration::delivery::Phase;
use events_model::registration::validate::{check_form, FieldRef, FormValues};
use events_model::registration::{Pairs, Registration, RegistrationState};
use events_model::Slug;
use leptos::prelude::*;

use super::field::{Ask, Field};
use super::prepare::prepare;
use super::state::{use_form, FormState};
use super::{focus_field, focus_later};
use crate::clock::{use_clock, Clock};
use crate::data::{use_site, SiteAddress};
use crate::registration::{use_outbox, BrowserPatterns, Outbox};

/// The registration form: the questions, the consents, the endpoint's message after a refusal,
/// and the button. Disabled, and saying why, until the app runs.
#[component]
pub(super) fn RegistrationForm(
    /// The event's slug.
    slug: Slug,
    /// The registration.
    registration: Registration,
    /// The page's live region, for errors.
    announcement: RwSignal<String>,
) -> impl IntoView {
    // After a refusal (or a reload that found one), the visitor's answers come back, with what
    // the endpoint said of single answers next to them.
    let (clock, outbox, site) = (use_clock(), use_outbox(), use_site());
    let refused = outbox.entry_untracked(&slug).and_then(|e| match e.delivery.phase {
        Phase::Refused { message, fields, .. } => Some((message, fields, e.stored.values)),
        _ => None,
    });
    let (refusal, fields, initial) = match refused {
        Some((message, fields, values)) => (Some(message), fields, values),
        None => (None, Vec::new(), FormValues::default()),
    };
    let questions = registration.questions.clone();
    let consents = registration.consents.clone();
    let form = FormState {
        reg: StoredValue::new(registration),
        values: RwSignal::new(initial),
        // The endpoint's field errors show in the summary too, as after a submit.
        submitted: RwSignal::new(!fields.is_empty()),
        problems: RwSignal::new(fields.into_iter().collect()),
        touched: RwSignal::new(Vec::new()),
        announcement,
    }
    .provide();
    // Registration can close while the form is open.
    let closed = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(&slug, form, closed, (clock, outbox, &site));
    };
    view! {
        <form class="registration-form" novalidate=true on:submit=on_submit aria-labelledby="registration-form-heading">
            <h2 id="registration-form-heading" tabindex="-1">"Your registration"</h2>
            <p class="note">"Questions marked (required) must be answered."</p>
            <ErrorSummary />
            <fieldset class="form-fields">
                <legend class="visually-hidden">"Your answers"</legend>
                {questions.into_iter().map(|q| view! { <Field ask=Ask::Question(q) /> }).collect_view()}
                {(!consents.is_empty()).then(|| view! {
                    <fieldset class="consents">
                        <legend>"Agreements"</legend>
                        {consents.into_iter().map(|c| view! { <Field ask=Ask::Consent(c) /> }).collect_view()}
                    </fieldset>
                })}
                {refusal.map(|message| view! {
                    <div class="server-message" role="alert">
                        <p><strong>"The registration was not accepted. "</strong>{message}</p>
                        <p>"Your answers are all still here: change what is needed and send again."</p>
                    </div>
                })}
                {move || closed.get().then(|| view! {
                    <div class="server-message" role="alert"><p>"Registration has closed: nothing was sent."</p></div>
                })}
                <p><button type="submit" class="button">"Register"</button></p>
            </fieldset>
        </form>
    }
}

/// Register pressed: unless a registration is already on its way, check every answer (the
/// errors shown and announced, the first focused) or, when registration has closed, say so;
/// otherwise save and send the registration. The page's clock, outbox and address are read by
/// the form when it is made (an event handler runs outside its owner).
fn submit(slug: &Slug, form: FormState, closed: RwSignal<bool>, (clock, outbox, site): (Clock, Outbox, &SiteAddress)) {
    // A registration on its way blocks double clicks and repeated submits.
    if outbox.is_pending(slug) {
        return;
    }
    form.submitted.set(true);
    if form.reg.with_value(|r| r.state_at(clock.now())) != RegistrationState::Open {
        closed.set(true);
        return;
    }
    let found = form.values.with_untracked(|v| form.reg.with_value(|r| check_form(r, v, &BrowserPatterns)));
    if let Some((first, _)) = found.first() {
        let labels = form.reg.with_value(|r| {
            found
                .iter()
                .map(|(f, m)| {
                    let label = match f {
                        FieldRef::Question(id) => r.question(id).map(|q| q.label.clone()),
                        FieldRef::Consent(id) => r.consents.iter().find(|c| &c.id == id).map(|c| c.label.clone()),
                    };
                    format!("{}: {m}", label.unwrap_or_default())
                })
                .collect::<Vec<_>>()
        });
        let count = if found.len() == 1 { "1 answer needs".to_owned() } else { format!("{} answers need", found.len()) };
        form.announcement.set(format!("Not sent: {count} a change. {}", labels.join(" ")));
        let first = first.dom_id();
        form.problems.set(found.into_iter().map(|(f, m)| (f.dom_id(), m)).collect());
        focus_field(&first);
        return;
    }
    form.problems.set(Pairs::default());
    form.announcement.set(String::new());
    let stored = match prepare(slug, form, site, clock.preview().and_then(|p| p.endpoint)) {
        Ok(stored) => stored,
        Err(e) => {
            form.announcement.set(format!("Nothing was sent: {e}."));
            return;
        }
    };
    if outbox.submit(stored) {
        focus_later("progress-heading");
    }
}

/// After a submit with errors: every answer that needs a change, in form order, each a button
/// that moves the focus to its field.
#[component]
fn ErrorSummary() -> impl IntoView {
    let form = use_form();
    move || {
        let problems = form.problems.get();
        (form.submitted.get() && !problems.is_empty()).then(|| {
            // In form order (the map is by id).
            let items: Vec<(String, String)> = form.reg.with_value(|r| {
                let questions = r.questions.iter().map(|q| (format!("q-{}", q.id), q.label.clone()));
                let consents = r.consents.iter().map(|c| (format!("c-{}", c.id), c.label.clone()));
                questions
                    .chain(consents)
                    .filter_map(|(dom_id, label)| problems.get(&dom_id).map(|message| (dom_id.clone(), format!("{label}: {message}"))))
                    .collect()
            });
            view! {
                <div class="error-summary">
                    <h3>"Check these answers"</h3>
                    <ul>
                        {items.into_iter().map(|(target, text)| {
                            view! {
                                <li><button type="button" class="link-button" on:click=move |_| focus_field(&target)>{text}</button></li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
