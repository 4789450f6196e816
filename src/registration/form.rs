//! The registration form in the browser: a copy of its prerendered markup
//! (`crate::components::RegistrationFormTemplate`), run with a few DOM listeners.
//!
//! The answers are read from the controls when they are needed, so nothing typed is ever held
//! anywhere else, or cleared by an error or a refusal. A field is checked when the visitor
//! leaves it after typing in it, again as it is corrected while it shows an error, and every
//! field at once on submit; each error is written next to its field and tied to it
//! (`aria-describedby`, `aria-invalid`), a new one is announced in the page's live region, and
//! after a submit the summary lists them all, in form order, each a button to its field.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use events_model::registration::delivery::{idempotency_key, reference, summary, RegistrationBody, StoredRegistration};
use events_model::registration::validate::{check_answer, check_consent, check_form, Answer, FieldRef, FormValues, Problem};
use events_model::registration::{Pairs, QuestionKind, Registration, RegistrationState};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use super::{BrowserPatterns, Outbox};
use crate::clock::Clock;
use crate::components::FORM_TEMPLATE;
use crate::time;

/// What the form works with, besides its markup.
pub struct FormSetup {
    /// The event's slug.
    pub slug: String,
    /// The registration: questions, consents, dates, endpoint.
    pub registration: Registration,
    /// The answers to put back, with the endpoint's message, after a refusal.
    pub refused: Option<(String, FormValues)>,
    /// The page's live region.
    pub announcement: RwSignal<String>,
    /// The page's clock.
    pub clock: Clock,
    /// The page's outbox.
    pub outbox: Outbox,
    /// What to call once the registration is handed to the outbox.
    pub sent: fn(),
}

/// A listener for one kind of DOM event.
type Listener = Closure<dyn FnMut(web_sys::Event)>;

/// The form's listeners: the form works while this is kept, and stops when it is dropped.
pub struct RunningForm {
    form: Element,
    listeners: Vec<(&'static str, Listener)>,
}

impl Drop for RunningForm {
    fn drop(&mut self) {
        for (name, listener) in &self.listeners {
            let _ = self.form.remove_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        }
    }
}

/// Copies the form's markup into `parent`, puts back refused answers, and starts listening.
/// `None` when the page has no form template.
pub fn start(parent: &Element, setup: FormSetup) -> Option<RunningForm> {
    let form = copy_template(parent)?;
    let FormSetup { slug, registration, refused, announcement, clock, outbox, sent } = setup;
    let control = Rc::new(Control {
        slug,
        reg: registration,
        form: form.clone(),
        problems: RefCell::new(Pairs::default()),
        touched: RefCell::new(Vec::new()),
        submitted: Cell::new(false),
        announcement,
        clock,
        outbox,
        sent,
    });
    if let Some((message, values)) = refused {
        control.put_back(&values);
        control.show_message("refusal", |alert| {
            if let Some(text) = alert.query_selector(".refusal-text").ok().flatten() {
                text.set_text_content(Some(&message));
            }
        });
    }
    let on = |name: &'static str, handle: fn(&Control, web_sys::Event)| {
        let control = control.clone();
        let listener = Listener::new(move |ev: web_sys::Event| handle(&control, ev));
        let _ = form.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        (name, listener)
    };
    let listeners = vec![
        on("input", Control::changed),
        on("change", Control::changed),
        on("focusout", Control::left),
        on("click", Control::clicked),
        on("submit", Control::submitted),
    ];
    Some(RunningForm { form, listeners })
}

/// A copy of the page's form template, appended to `parent`.
fn copy_template(parent: &Element) -> Option<Element> {
    let form = template_copy(document().get_element_by_id(FORM_TEMPLATE)?)?;
    parent.append_child(&form).ok()?;
    Some(form)
}

/// A copy of what the `<template>` element `template` holds. A template built in the browser
/// (client rendering) holds its markup as children, not as content: they are moved into its
/// content first, so the page never has the form's ids twice.
fn template_copy(template: Element) -> Option<Element> {
    let template: web_sys::HtmlTemplateElement = template.dyn_into().ok()?;
    let content = template.content();
    while let Some(child) = template.first_child() {
        content.append_child(&child).ok()?;
    }
    content.first_element_child()?.clone_node_with_deep(true).ok()?.dyn_into().ok()
}

/// The running form.
struct Control {
    slug: String,
    reg: Registration,
    form: Element,
    /// Messages by the control's HTML id (`q-name`, `c-privacy`).
    problems: RefCell<Pairs<String>>,
    /// Fields the visitor has changed (checked when left).
    touched: RefCell<Vec<String>>,
    submitted: Cell<bool>,
    announcement: RwSignal<String>,
    clock: Clock,
    outbox: Outbox,
    sent: fn(),
}

impl Control {
    /// The field a control belongs to, from its `data-field`.
    fn field_of(&self, target: Option<web_sys::EventTarget>) -> Option<(FieldRef, String)> {
        let dom_id = target?.dyn_into::<Element>().ok()?.get_attribute("data-field")?;
        let field = if let Some(id) = dom_id.strip_prefix("q-") {
            self.reg.question(id).map(|q| FieldRef::Question(q.id.clone()))
        } else {
            let id = dom_id.strip_prefix("c-")?;
            self.reg.consents.iter().find(|c| c.id == id).map(|c| FieldRef::Consent(c.id.clone()))
        }?;
        Some((field, dom_id))
    }

    /// An answer changed: the field counts as touched, and one showing an error is checked
    /// again at once, so the error goes as soon as the answer is right.
    fn changed(&self, ev: web_sys::Event) {
        let Some((field, dom_id)) = self.field_of(ev.target()) else { return };
        if !self.touched.borrow().contains(&dom_id) {
            self.touched.borrow_mut().push(dom_id.clone());
        }
        if self.problems.borrow().contains_key(&dom_id) {
            self.check(&field, false);
        }
    }

    /// The visitor leaves a control: its field is checked if they changed it or it shows an
    /// error.
    fn left(&self, ev: web_sys::Event) {
        let Some((field, dom_id)) = self.field_of(ev.target()) else { return };
        if self.touched.borrow().contains(&dom_id) || self.problems.borrow().contains_key(&dom_id) {
            self.check(&field, true);
        }
    }

    /// A button of the error summary: the focus goes to its field.
    fn clicked(&self, ev: web_sys::Event) {
        let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        if let Some(id) = target.and_then(|t| t.closest("[data-target]").ok().flatten()).and_then(|b| b.get_attribute("data-target")) {
            focus_field(&id);
        }
    }

    /// Checks one field and shows (or clears) its error; announces a new error when `announce`.
    fn check(&self, field: &FieldRef, announce: bool) {
        let values = self.values();
        let found = match field {
            FieldRef::Question(id) => self.reg.question(id).and_then(|q| {
                check_answer(q, values.answer(id), &BrowserPatterns).err().map(|p| (q.label.clone(), p.message(q)))
            }),
            FieldRef::Consent(id) => self.reg.consents.iter().find(|c| &c.id == id).and_then(|c| {
                check_consent(c, values.consented(id)).err().map(|_| (c.label.clone(), Problem::consent_message(c)))
            }),
        };
        let dom_id = field.dom_id();
        match found {
            Some((label, message)) => {
                if announce {
                    self.announcement.set(format!("{label}: {message}"));
                }
                // The same error again changes nothing on the page: rebuilding the summary
                // then would take away a button the visitor is clicking.
                if self.problems.borrow().get(&dom_id) == Some(&message) {
                    return;
                }
                show_error(&dom_id, Some(&message));
                self.problems.borrow_mut().insert(dom_id, message);
            }
            None => {
                if !self.problems.borrow().contains_key(&dom_id) {
                    return;
                }
                show_error(&dom_id, None);
                self.problems.borrow_mut().remove(&dom_id);
            }
        }
        self.show_summary();
    }

    /// Shows one of the form's messages (`refusal`, `closed`): an alert copied from its
    /// `<template data-message>`, completed by `fill`, then put in place of the template, so
    /// it is announced, whole, as it appears.
    fn show_message(&self, name: &str, fill: impl FnOnce(&Element)) {
        let Some(template) = self.form.query_selector(&format!("template[data-message={name}]")).ok().flatten() else { return };
        let (Some(alert), Some(parent)) = (template_copy(template.clone()), template.parent_node()) else { return };
        fill(&alert);
        let _ = parent.insert_before(&alert, Some(&template));
    }

    /// The label of a field.
    fn label(&self, field: &FieldRef) -> String {
        match field {
            FieldRef::Question(id) => self.reg.question(id).map(|q| q.label.clone()),
            FieldRef::Consent(id) => self.reg.consents.iter().find(|c| &c.id == id).map(|c| c.label.clone()),
        }
        .unwrap_or_default()
    }

    /// Every field, in form order.
    fn fields(&self) -> impl Iterator<Item = FieldRef> + '_ {
        let questions = self.reg.questions.iter().map(|q| FieldRef::Question(q.id.clone()));
        questions.chain(self.reg.consents.iter().map(|c| FieldRef::Consent(c.id.clone())))
    }

    /// The error summary, once the form was submitted and while any answer needs a change.
    fn show_summary(&self) {
        let Some(summary) = self.form.query_selector(".error-summary").ok().flatten() else { return };
        let Some(list) = summary.query_selector("ul").ok().flatten() else { return };
        list.set_text_content(None);
        let problems = self.problems.borrow();
        if !self.submitted.get() || problems.is_empty() {
            let _ = summary.set_attribute("hidden", "");
            return;
        }
        for field in self.fields() {
            let dom_id = field.dom_id();
            let Some(message) = problems.get(&dom_id) else { continue };
            let (Some(item), Some(button)) = (create("li"), create("button")) else { return };
            let _ = button.set_attribute("type", "button");
            let _ = button.set_attribute("class", "link-button");
            let _ = button.set_attribute("data-target", &dom_id);
            button.set_text_content(Some(&format!("{}: {message}", self.label(&field))));
            let _ = item.append_child(&button);
            let _ = list.append_child(&item);
        }
        let _ = summary.remove_attribute("hidden");
    }

    /// The answers, as the controls hold them now.
    fn values(&self) -> FormValues {
        let mut values = FormValues::default();
        for q in &self.reg.questions {
            let Some(control) = by_id(&FieldRef::Question(q.id.clone()).dom_id()) else { continue };
            let answer = match &q.kind {
                QuestionKind::Choice { .. } => match options(&control).into_iter().find(checked) {
                    Some(option) => Answer::Text(option.get_attribute("value").unwrap_or_default()),
                    None => continue,
                },
                QuestionKind::MultiChoice { .. } => {
                    let chosen = options(&control).into_iter().filter(checked);
                    Answer::Choices(chosen.map(|o| o.get_attribute("value").unwrap_or_default()).collect())
                }
                QuestionKind::Checkbox => Answer::Checked(checked(&control)),
                _ => Answer::Text(property(&control, "value").as_string().unwrap_or_default()),
            };
            values.answers.insert(q.id.clone(), answer);
        }
        for c in &self.reg.consents {
            if let Some(control) = by_id(&FieldRef::Consent(c.id.clone()).dom_id()) {
                values.consents.insert(c.id.clone(), checked(&control));
            }
        }
        values
    }

    /// Puts `values` back into the controls (after a refusal).
    fn put_back(&self, values: &FormValues) {
        for q in &self.reg.questions {
            let Some(control) = by_id(&FieldRef::Question(q.id.clone()).dom_id()) else { continue };
            let answer = values.answer(&q.id);
            match (&q.kind, answer) {
                (QuestionKind::Choice { .. } | QuestionKind::MultiChoice { .. }, Some(answer)) => {
                    for option in options(&control) {
                        let value = option.get_attribute("value").unwrap_or_default();
                        let on = match answer {
                            Answer::Choices(chosen) => chosen.contains(&value),
                            other => other.text() == value,
                        };
                        set_property(&option, "checked", on.into());
                    }
                }
                (QuestionKind::Checkbox, Some(Answer::Checked(on))) => set_property(&control, "checked", (*on).into()),
                (_, Some(Answer::Text(text))) => set_property(&control, "value", text.as_str().into()),
                _ => {}
            }
        }
        for c in &self.reg.consents {
            if let Some(control) = by_id(&FieldRef::Consent(c.id.clone()).dom_id()) {
                set_property(&control, "checked", values.consented(&c.id).into());
            }
        }
    }

    /// Submit: every field is checked; with no errors the registration is saved and sent
    /// (never twice while one is on its way), and with errors nothing is sent, every error is
    /// shown and announced, and the first field with one gets the focus.
    fn submitted(&self, ev: web_sys::Event) {
        ev.prevent_default();
        // A registration on its way blocks double clicks and repeated submits.
        if self.outbox.is_pending(&self.slug) {
            return;
        }
        self.submitted.set(true);
        // Registration can close while the form is open.
        if self.reg.state_at(self.clock.now()) != RegistrationState::Open {
            if self.form.query_selector(".server-message.closed").ok().flatten().is_none() {
                self.show_message("closed", |_| {});
            }
            return;
        }
        let values = self.values();
        let found = check_form(&self.reg, &values, &BrowserPatterns);
        for field in self.fields() {
            let dom_id = field.dom_id();
            show_error(&dom_id, found.iter().find(|(f, _)| f == &field).map(|(_, m)| m.as_str()));
        }
        *self.problems.borrow_mut() = found.iter().map(|(f, m)| (f.dom_id(), m.clone())).collect();
        self.show_summary();
        if let Some((first, _)) = found.first() {
            let labels: Vec<String> = found.iter().map(|(f, m)| format!("{}: {m}", self.label(f))).collect();
            let count = if found.len() == 1 { "1 answer needs".to_owned() } else { format!("{} answers need", found.len()) };
            self.announcement.set(format!("Not sent: {count} a change. {}", labels.join(" ")));
            focus_field(&first.dom_id());
            return;
        }
        self.announcement.set(String::new());
        match prepare(&self.slug, &self.reg, values, self.clock.preview().and_then(|p| p.endpoint)) {
            Ok(stored) => {
                if self.outbox.submit(stored) {
                    (self.sent)();
                }
            }
            Err(e) => self.announcement.set(format!("Nothing was sent: {e}.")),
        }
    }
}

/// Why a registration could not be prepared (nothing is sent then).
#[derive(Clone, Debug, PartialEq, Eq)]
enum PrepareError {
    /// The event has no endpoint and no preview endpoint was given.
    NoEndpoint,
    /// The body could not be written as JSON.
    Json(String),
}

impl std::fmt::Display for PrepareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrepareError::NoEndpoint => write!(f, "this event has no registration endpoint"),
            PrepareError::Json(e) => write!(f, "the registration could not be written ({e})"),
        }
    }
}

/// The registration to save and send: a new idempotency key and reference, the JSON body, and
/// the summary and answers kept for the confirmation (or a refusal).
fn prepare(slug: &str, reg: &Registration, values: FormValues, preview_endpoint: Option<String>) -> Result<StoredRegistration, PrepareError> {
    let random = super::random_bytes();
    let (key, reference) = (idempotency_key(random), reference(random));
    let endpoint = preview_endpoint.or_else(|| reg.endpoint.clone()).ok_or(PrepareError::NoEndpoint)?;
    let body = RegistrationBody::new(reg, slug, &values, &key, &reference, &time::iso_utc(time::now()));
    let body = serde_json::to_string(&body).map_err(|e| PrepareError::Json(e.to_string()))?;
    Ok(StoredRegistration {
        version: StoredRegistration::VERSION,
        event: slug.to_owned(),
        endpoint,
        key,
        reference,
        body,
        summary: summary(reg, &values),
        values,
    })
}

/// Shows `message` as the error of the control with HTML id `dom_id`, or takes its error away:
/// the error line after the field's other lines, `aria-invalid` (on each box of a group of
/// boxes, on the control otherwise) and `aria-describedby` (its help, then its error).
fn show_error(dom_id: &str, message: Option<&str>) {
    let Some(control) = by_id(dom_id) else { return };
    let group = control.tag_name().eq_ignore_ascii_case("fieldset");
    let Some(container) = (if group { Some(control.clone()) } else { control.parent_element() }) else { return };
    let error_id = format!("{dom_id}-error");
    if let Some(old) = by_id(&error_id) {
        old.remove();
    }
    let marked = if group && control.get_attribute("role").is_none() { options(&control) } else { vec![control.clone()] };
    let help_id = format!("{dom_id}-help");
    let mut described: Vec<&str> = Vec::new();
    if by_id(&help_id).is_some() {
        described.push(&help_id);
    }
    match message.and_then(|m| create("p").map(|p| (m, p))) {
        Some((message, line)) => {
            let _ = line.set_attribute("class", "field-error");
            let _ = line.set_attribute("id", &error_id);
            line.set_text_content(Some(message));
            let _ = container.append_child(&line);
            described.push(&error_id);
            for element in &marked {
                let _ = element.set_attribute("aria-invalid", "true");
            }
        }
        None => {
            for element in &marked {
                let _ = element.remove_attribute("aria-invalid");
            }
        }
    }
    let _ = if described.is_empty() {
        control.remove_attribute("aria-describedby")
    } else {
        control.set_attribute("aria-describedby", &described.join(" "))
    };
}

/// The element with HTML id `id`.
fn by_id(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}

/// A new element.
fn create(tag: &str) -> Option<Element> {
    document().create_element(tag).ok()
}

/// The option boxes of a choice or multi-choice.
fn options(group: &Element) -> Vec<Element> {
    let Ok(list) = group.query_selector_all("input") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

/// A control's property (`value`, `checked`), as the page has it now.
fn property(element: &Element, name: &str) -> JsValue {
    js_sys::Reflect::get(element, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Sets a control's property.
fn set_property(element: &Element, name: &str, value: JsValue) {
    let _ = js_sys::Reflect::set(element, &JsValue::from_str(name), &value);
}

/// Whether a box is ticked.
fn checked(element: &Element) -> bool {
    property(element, "checked").is_truthy()
}

/// Focuses the control with HTML id `dom_id` (for a group, its first option).
pub fn focus_field(dom_id: &str) {
    let Some(element) = by_id(dom_id) else { return };
    let target = if element.tag_name().eq_ignore_ascii_case("fieldset") {
        element.query_selector("input").ok().flatten()
    } else {
        Some(element)
    };
    if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = target.focus();
    }
}
