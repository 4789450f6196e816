//! The registration form's markup, written once when the page is built, inside a `<template>`:
//! the browser shows none of it until the page's script copies it into place
//! (`crate::registration::form`). A browser without JavaScript never shows a form that could
//! not send anything, and the Wasm carries no code to build or hydrate the form: it only reads
//! the answers from these controls and writes errors next to them.
//!
//! Every control has the id `q-<question>` or `c-<consent>` ([`FieldRef::dom_id`]) and says
//! which field it belongs to in `data-field` (the options of a choice too). A control's help
//! is `<id>-help`; its error, added when there is one, is `<id>-error`. The error summary is
//! there, hidden, for the script to fill and show; the endpoint's refusal and the
//! "registration has closed" alert are in templates of their own, copied in when they happen,
//! so they are announced as they appear.

use events_model::registration::validate::FieldRef;
use events_model::registration::{Consent, Question, QuestionKind, Registration};
use leptos::either::EitherOf5;
use leptos::prelude::*;

/// The id of the form's `<template>`.
pub const FORM_TEMPLATE: &str = "registration-form-template";

/// The registration form, unfilled, in a `<template>` (see the module's text).
#[component]
pub fn RegistrationFormTemplate(
    /// The event's registration: its questions and consents.
    registration: Registration,
) -> impl IntoView {
    let consents = registration.consents;
    view! {
        <template id=FORM_TEMPLATE>
            <form class="registration-form" novalidate=true aria-labelledby="registration-form-heading">
                <h2 id="registration-form-heading" tabindex="-1">"Your registration"</h2>
                <p class="note">"Questions marked (required) must be answered."</p>
                <div class="error-summary" hidden=true>
                    <h3>"Check these answers"</h3>
                    <ul></ul>
                </div>
                <fieldset class="form-fields">
                    <legend class="visually-hidden">"Your answers"</legend>
                    {registration.questions.into_iter().map(question_view).collect_view()}
                    {(!consents.is_empty()).then(|| view! {
                        <fieldset class="consents">
                            <legend>"Agreements"</legend>
                            {consents.into_iter().map(consent_view).collect_view()}
                        </fieldset>
                    })}
                    <template data-message="refusal">
                        <div class="server-message refusal" role="alert">
                            <p><strong>"The registration was not accepted. "</strong><span class="refusal-text"></span></p>
                            <p>"Your answers are all still here: change what is needed and send again."</p>
                        </div>
                    </template>
                    <template data-message="closed">
                        <div class="server-message closed" role="alert">
                            <p>"Registration has closed: nothing was sent."</p>
                        </div>
                    </template>
                    <p><button type="submit" class="button">"Register"</button></p>
                </fieldset>
            </form>
        </template>
    }
}

/// The label's mark for a required question.
fn required_mark(required: bool) -> Option<impl IntoView> {
    required.then(|| view! { <span class="required">" (required)"</span> })
}

/// A question's help line.
fn help(dom_id: &str, help: Option<String>) -> Option<impl IntoView + use<>> {
    let id = format!("{dom_id}-help");
    help.map(|h| view! { <p class="help" id=id>{h}</p> })
}

/// One question, as its kind asks.
fn question_view(q: Question) -> impl IntoView {
    let dom_id = FieldRef::Question(q.id.clone()).dom_id();
    let describedby = q.help.is_some().then(|| format!("{dom_id}-help"));
    let help = help(&dom_id, q.help);
    let label = view! { {q.label}{required_mark(q.required)} };
    match q.kind {
        QuestionKind::Text(_) | QuestionKind::Email | QuestionKind::Number { .. } => {
            let input_type = if q.kind == QuestionKind::Email { "email" } else { "text" };
            let inputmode = matches!(q.kind, QuestionKind::Number { .. }).then_some("numeric");
            let spellcheck = matches!(q.kind, QuestionKind::Email).then_some("false");
            EitherOf5::A(view! {
                <div class="field">
                    <label for=dom_id.clone()>{label}</label>
                    <input
                        type=input_type
                        id=dom_id.clone()
                        name=q.id
                        data-field=dom_id
                        autocomplete=q.autocomplete
                        inputmode=inputmode
                        spellcheck=spellcheck
                        required=q.required
                        aria-describedby=describedby
                    />
                    {help}
                </div>
            })
        }
        QuestionKind::LongText(_) => EitherOf5::B(view! {
            <div class="field">
                <label for=dom_id.clone()>{label}</label>
                <textarea id=dom_id.clone() name=q.id data-field=dom_id rows="4" required=q.required aria-describedby=describedby></textarea>
                {help}
            </div>
        }),
        QuestionKind::Choice { options } => EitherOf5::C(view! {
            <fieldset class="field" id=dom_id.clone() role="radiogroup" aria-required=q.required.then_some("true") aria-describedby=describedby>
                <legend>{label}</legend>
                {options_view("radio", &dom_id, options)}
                {help}
            </fieldset>
        }),
        QuestionKind::MultiChoice { options } => EitherOf5::D(view! {
            <fieldset class="field" id=dom_id.clone() aria-describedby=describedby>
                <legend>{label}</legend>
                {options_view("checkbox", &dom_id, options)}
                {help}
            </fieldset>
        }),
        QuestionKind::Checkbox => EitherOf5::E(view! {
            <div class="field checkbox">
                <input type="checkbox" id=dom_id.clone() name=q.id data-field=dom_id.clone() required=q.required aria-describedby=describedby />
                <label for=dom_id>{label}</label>
                {help}
            </div>
        }),
    }
}

/// The options of a choice (`radio`) or a multi-choice (`checkbox`), each labelled by its text.
fn options_view(input_type: &'static str, dom_id: &str, options: Vec<String>) -> impl IntoView + use<> {
    options
        .into_iter()
        .enumerate()
        .map(|(i, option)| {
            view! {
                <label class="option">
                    <input type=input_type id=format!("{dom_id}-{i}") name=dom_id.to_owned() data-field=dom_id.to_owned() value=option.clone() />
                    " " {option}
                </label>
            }
        })
        .collect_view()
}

/// One consent: a box, its label, and the page it is about.
fn consent_view(c: Consent) -> impl IntoView {
    let dom_id = FieldRef::Consent(c.id).dom_id();
    let link_text = c.link_text.unwrap_or_else(|| "Read it".to_owned());
    let label = c.label;
    view! {
        <div class="field checkbox">
            <input type="checkbox" id=dom_id.clone() name=dom_id.clone() data-field=dom_id.clone() required=c.required />
            <label for=dom_id>{label.clone()}{required_mark(c.required)}</label>
            {c.link.map(|href| view! {
                " " <a href=href rel="noopener">{link_text}<span class="visually-hidden">{format!(" ({label})")}</span></a>
            })}
        </div>
    }
}
