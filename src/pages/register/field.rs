//! One field of the form: [`Field`] owns its label, help, error and `aria-*`, whatever it
//! asks; the control inside is the question kind's.

use events_model::registration::validate::{Answer, FieldRef};
use events_model::registration::{Consent, Question, QuestionKind};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use super::state::{use_form, FormState};

/// What one field asks: one of the event's questions, or one of its consents.
#[derive(Clone)]
pub(super) enum Ask {
    /// A question, asked as its kind says.
    Question(Question),
    /// A consent: a box to tick, with the page it is about.
    Consent(Consent),
}

/// What every control of a field carries: its HTML id and whether it is required, described
/// (help, error) and invalid.
#[derive(Clone)]
struct Aria {
    /// The control's HTML id (`q-name`, `c-privacy`).
    dom_id: String,
    /// Whether the field has a help line.
    has_help: bool,
    /// Whether it must be answered.
    required: bool,
    /// The form's state.
    form: FormState,
}

impl Aria {
    /// `aria-invalid`: `true` while the field shows an error.
    fn invalid(&self) -> impl Fn() -> Option<&'static str> + Clone + Send + Sync + use<> {
        let (form, dom_id) = (self.form, self.dom_id.clone());
        move || form.is_invalid(&dom_id).then_some("true")
    }

    /// `aria-describedby`: the help, then the error when there is one.
    fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + use<> {
        let (form, dom_id, has_help) = (self.form, self.dom_id.clone(), self.has_help);
        move || {
            let mut ids = Vec::new();
            if has_help {
                ids.push(format!("{dom_id}-help"));
            }
            if form.is_invalid(&dom_id) {
                ids.push(format!("{dom_id}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }
}

/// One field: a label and its control, or a group of options under a legend, or a box then its
/// label; then its help and its error, tied to the control by `aria-describedby`.
#[component]
pub(super) fn Field(
    /// The question or consent it asks.
    ask: Ask,
) -> impl IntoView {
    let form = use_form();
    let (field, label, help, required) = match &ask {
        Ask::Question(q) => (FieldRef::Question(q.id.clone()), q.label.clone(), q.help.clone(), q.required),
        Ask::Consent(c) => (FieldRef::Consent(c.id.clone()), c.label.clone(), None, c.required),
    };
    let aria = Aria { dom_id: field.dom_id(), has_help: help.is_some(), required, form };
    let dom_id = aria.dom_id.clone();
    let mark = required.then(|| view! { <span class="required">" (required)"</span> });
    let help = help.map(|h| view! { <p class="help" id=format!("{dom_id}-help")>{h}</p> });
    let error = {
        let (dom_id, error_id) = (dom_id.clone(), format!("{dom_id}-error"));
        move || form.problem(&dom_id).map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })
    };
    let extras = view! { {help}{error} };
    match ask {
        Ask::Question(q @ Question { kind: QuestionKind::Choice { .. } | QuestionKind::MultiChoice { .. }, .. }) => {
            let (multi, options) = match q.kind {
                QuestionKind::MultiChoice { options } => (true, options),
                QuestionKind::Choice { options } => (false, options),
                _ => (false, Vec::new()),
            };
            let (invalid, describedby) = (aria.invalid(), aria.described_by());
            EitherOf3::A(view! {
                <fieldset
                    class="field"
                    id=dom_id.clone()
                    role=(!multi).then_some("radiogroup")
                    aria-required=(!multi && required).then_some("true")
                    aria-invalid=move || if multi { None } else { invalid() }
                    aria-describedby=describedby
                >
                    <legend>{label}{mark}</legend>
                    <Options field aria options multi />
                    {extras}
                </fieldset>
            })
        }
        Ask::Question(q) if q.kind != QuestionKind::Checkbox => EitherOf3::B(view! {
            <div class="field">
                <label for=dom_id>{label}{mark}</label>
                <TextControl question=q aria field />
                {extras}
            </div>
        }),
        ask => {
            // The consent's page after its label (a question's box has none: no node at all).
            let (name, tail) = match ask {
                Ask::Question(q) => (q.id, Either::Left(extras)),
                Ask::Consent(c) => (dom_id.clone(), Either::Right((consent_link(c), extras))),
            };
            EitherOf3::C(view! {
                <div class="field checkbox">
                    <TickBox field aria name />
                    <label for=dom_id>{label}{mark}</label>
                    {tail}
                </div>
            })
        }
    }
}

/// A consent's link to the page it is about, when it has one.
fn consent_link(c: Consent) -> Option<impl IntoView> {
    let link_text = c.link_text.unwrap_or_else(|| "Read it".to_owned());
    let label = c.label;
    c.link.map(|href| view! {
        " " <a href=href rel="noopener">{link_text}<span class="visually-hidden">{format!(" ({label})")}</span></a>
    })
}

/// A text question's control: one line (text, email, number) or several (a `textarea`).
#[component]
fn TextControl(
    /// The question.
    question: Question,
    /// Its id and `aria-*`.
    aria: Aria,
    /// The field it answers.
    field: FieldRef,
) -> impl IntoView {
    let form = aria.form;
    let (invalid, describedby) = (aria.invalid(), aria.described_by());
    let (id, dom_id, name) = (question.id.clone(), aria.dom_id, question.id);
    let value = move || form.text(&id);
    let f1 = field.clone();
    let on_input = move |ev| form.set(f1.clone(), Answer::Text(event_target_value(&ev)));
    let on_blur = move |_| form.left(&field);
    match question.kind {
        QuestionKind::LongText(_) => Either::Left(view! {
            <textarea id=dom_id name=name rows="4" required=aria.required aria-invalid=invalid aria-describedby=describedby
                prop:value=value on:input=on_input on:blur=on_blur></textarea>
        }),
        kind => Either::Right(view! {
            <input
                type=if kind == QuestionKind::Email { "email" } else { "text" }
                id=dom_id
                name=name
                autocomplete=question.autocomplete
                inputmode=matches!(kind, QuestionKind::Number { .. }).then_some("numeric")
                spellcheck=matches!(kind, QuestionKind::Email).then_some("false")
                required=aria.required
                aria-invalid=invalid
                aria-describedby=describedby
                prop:value=value
                on:input=on_input
                on:blur=on_blur
            />
        }),
    }
}

/// A choice question's options: radio buttons (one) or checkboxes (any), each `invalid` with
/// the question when they are checkboxes.
#[component]
fn Options(
    /// The question's field.
    field: FieldRef,
    /// Its id and `aria-*`.
    aria: Aria,
    /// The options, as shown and sent.
    options: Vec<String>,
    /// Whether any number may be chosen (checkboxes) rather than one (radio buttons).
    multi: bool,
) -> impl IntoView {
    let form = aria.form;
    let (FieldRef::Question(id) | FieldRef::Consent(id)) = field.clone();
    let invalid = aria.invalid();
    options.into_iter().enumerate().map(|(i, option)| {
        let (id, field, value, chosen) = (id.clone(), field.clone(), option.clone(), option.clone());
        let invalid = invalid.clone();
        view! {
            <label class="option">
                <input
                    type=if multi { "checkbox" } else { "radio" }
                    id=format!("{}-{i}", aria.dom_id)
                    name=aria.dom_id.clone()
                    value=option.clone()
                    aria-invalid=move || if multi { invalid() } else { None }
                    prop:checked=move || if multi { form.has_choice(&id, &chosen) } else { form.text(&id) == chosen }
                    on:change=move |ev| if multi { form.toggle(&field, &value, event_target_checked(&ev)) } else { form.set(field.clone(), Answer::Text(value.clone())) }
                />
                " " {option}
            </label>
        }
    }).collect_view()
}

/// A box to tick: a yes/no question, or a consent.
#[component]
fn TickBox(
    /// The question's or consent's field.
    field: FieldRef,
    /// Its id and `aria-*`.
    aria: Aria,
    /// The box's `name`.
    name: String,
) -> impl IntoView {
    let form = aria.form;
    let ticked = {
        let field = field.clone();
        move || form.ticked(&field)
    };
    view! {
        <input
            type="checkbox"
            id=aria.dom_id.clone()
            name=name
            required=aria.required
            aria-invalid=aria.invalid()
            aria-describedby=aria.described_by()
            prop:checked=ticked
            on:change=move |ev| form.set(field.clone(), Answer::Checked(event_target_checked(&ev)))
        />
    }
}
