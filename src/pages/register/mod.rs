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

use events_model::registration::delivery::{idempotency_key, reference, summary, Phase, RegistrationBody, StoredRegistration};
use events_model::registration::validate::{check_answer, check_consent, check_form, Answer, FieldRef, FormValues, Problem};
use events_model::registration::{Consent, Pairs, Question, QuestionKind, Registration, RegistrationState};
use events_model::{time_until_label, Download, Event, Page, Slug};
use leptos::either::{Either, EitherOf5};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use wasm_bindgen::JsCast;

use super::{loaded, route_data, slug_of, NotFound};
use crate::clock::use_clock;
use crate::data::{use_site, SiteAddress};
use crate::components::{EventNav, Moment};
use crate::registration::{random_bytes, use_outbox, BrowserPatterns, Entry};
use crate::time;

/// Route `/:event/register/`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    loaded(route_data(|p| Some(Page::Register(slug_of(p, "event")?))), "the registration form", |event: Event| match event.registration.clone() {
        Some(registration) if registration.endpoint.is_some() => view! { <Register event registration /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
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
    slug: Slug,
    name: String,
    timezone: String,
}

/// What the browser-only part of the page needs.
#[derive(Clone)]
struct BrowserPart {
    slug: Slug,
    name: String,
    registration: Registration,
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
fn Progress(
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

/// The form's state, shared by its fields.
#[derive(Clone, Copy)]
struct FormState {
    reg: StoredValue<Registration>,
    values: RwSignal<FormValues>,
    /// Messages by the control's HTML id (`q-name`, `c-privacy`).
    problems: RwSignal<Pairs<String>>,
    /// Fields the visitor has typed in (checked when left).
    touched: RwSignal<Vec<String>>,
    announcement: RwSignal<String>,
}

impl FormState {
    fn problem(self, dom_id: &str) -> Option<String> {
        self.problems.with(|p| p.get(dom_id).cloned())
    }

    fn text(self, id: &str) -> String {
        self.values.with(|v| v.answer(id).map(|a| a.text().to_owned()).unwrap_or_default())
    }

    /// Checks one field and shows (or clears) its error; announces a new error when `announce`.
    fn check(self, field: &FieldRef, announce: bool) {
        let found = self.values.with_untracked(|values| {
            self.reg.with_value(|reg| match field {
                FieldRef::Question(id) => reg.question(id).and_then(|q| {
                    check_answer(q, values.answer(id), &BrowserPatterns).err().map(|p| (q.label.clone(), p.message(q)))
                }),
                FieldRef::Consent(id) => reg.consents.iter().find(|c| &c.id == id).and_then(|c| {
                    check_consent(c, values.consented(id)).err().map(|_| (c.label.clone(), Problem::consent_message(c)))
                }),
            })
        });
        let dom_id = field.dom_id();
        match found {
            Some((label, message)) => {
                if announce {
                    self.announcement.set(format!("{label}: {message}"));
                }
                self.problems.update(|p| p.insert(dom_id, message));
            }
            None => {
                if self.problems.with_untracked(|p| p.contains_key(&dom_id)) {
                    self.problems.update(|p| p.remove(&dom_id));
                }
            }
        }
    }

    /// Records an answer; a field already showing an error is checked again at once, so the
    /// error goes as soon as the answer is right.
    fn set(self, field: FieldRef, answer: Answer) {
        let dom_id = field.dom_id();
        self.values.update(|v| match (&field, &answer) {
            (FieldRef::Consent(id), Answer::Checked(ticked)) => {
                v.consents.insert(id.clone(), *ticked);
            }
            (FieldRef::Question(id), _) => {
                v.answers.insert(id.clone(), answer);
            }
            _ => {}
        });
        if self.touched.with_untracked(|t| !t.contains(&dom_id)) {
            self.touched.update(|t| t.push(dom_id.clone()));
        }
        if self.problems.with_untracked(|p| p.contains_key(&dom_id)) {
            self.check(&field, false);
        }
    }

    /// The visitor leaves a field: check it if they typed in it or it shows an error.
    fn left(self, field: &FieldRef) {
        let dom_id = field.dom_id();
        if self.touched.with_untracked(|t| t.contains(&dom_id)) || self.problems.with_untracked(|p| p.contains_key(&dom_id)) {
            self.check(field, true);
        }
    }

    /// `aria-describedby` for a control: its help, then its error when it has one.
    fn described_by(self, dom_id: String, has_help: bool) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        move || {
            let mut ids = Vec::new();
            if has_help {
                ids.push(format!("{dom_id}-help"));
            }
            if self.problems.with(|p| p.contains_key(&dom_id)) {
                ids.push(format!("{dom_id}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }
}

/// The registration form: the questions, the consents, the endpoint's message after a refusal,
/// and the button. Disabled, and saying why, until the app runs.
#[component]
fn RegistrationForm(
    /// The event's slug.
    slug: Slug,
    /// The registration.
    registration: Registration,
    /// The page's live region, for errors.
    announcement: RwSignal<String>,
) -> impl IntoView {
    let clock = use_clock();
    let outbox = use_outbox();
    let site = use_site();
    // After a refusal (or a reload that found one), the visitor's answers come back, with what
    // the endpoint said of single answers next to them.
    let refused = outbox.entry_untracked(&slug).and_then(|e| match e.delivery.phase {
        Phase::Refused { message, fields, .. } => Some((message, fields, e.stored.values)),
        _ => None,
    });
    let (refusal, fields, initial) = match refused {
        Some((message, fields, values)) => (Some(message), fields, values),
        None => (None, Vec::new(), FormValues::default()),
    };
    let server_found = !fields.is_empty();
    let questions = registration.questions.clone();
    let consents = registration.consents.clone();
    let form = FormState {
        reg: StoredValue::new(registration),
        values: RwSignal::new(initial),
        problems: RwSignal::new(fields.into_iter().collect()),
        touched: RwSignal::new(Vec::new()),
        announcement,
    };
    // The endpoint's field errors show in the summary too, as after a submit.
    let submitted = RwSignal::new(server_found);
    // Registration can close while the form is open.
    let closed = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A registration on its way blocks double clicks and repeated submits.
        if outbox.is_pending(&slug) {
            return;
        }
        submitted.set(true);
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
            announcement.set(format!("Not sent: {count} a change. {}", labels.join(" ")));
            let first = first.dom_id();
            form.problems.set(found.into_iter().map(|(f, m)| (f.dom_id(), m)).collect());
            focus_field(&first);
            return;
        }
        form.problems.set(Pairs::default());
        announcement.set(String::new());
        let stored = match prepare(&slug, form, &site, clock.preview().and_then(|p| p.endpoint)) {
            Ok(stored) => stored,
            Err(e) => {
                announcement.set(format!("Nothing was sent: {e}."));
                return;
            }
        };
        if outbox.submit(stored) {
            focus_later("progress-heading");
        }
    };

    view! {
        <form class="registration-form" novalidate=true on:submit=on_submit aria-labelledby="registration-form-heading">
            <h2 id="registration-form-heading" tabindex="-1">"Your registration"</h2>
            <p class="note">"Questions marked (required) must be answered."</p>
            <ErrorSummary form submitted />
            <fieldset class="form-fields">
                <legend class="visually-hidden">"Your answers"</legend>
                {questions.into_iter().map(|q| question_view(q, form)).collect_view()}
                {(!consents.is_empty()).then(|| view! {
                    <fieldset class="consents">
                        <legend>"Agreements"</legend>
                        {consents.into_iter().map(|c| consent_view(c, form)).collect_view()}
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

/// After a submit with errors: every answer that needs a change, in form order, each a button
/// that moves the focus to its field.
#[component]
fn ErrorSummary(
    /// The form's state.
    form: FormState,
    /// Whether the visitor has pressed Register.
    submitted: RwSignal<bool>,
) -> impl IntoView {
    move || {
        let problems = form.problems.get();
        (submitted.get() && !problems.is_empty()).then(|| {
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
/// the summary and input kept for the confirmation (or a refusal).
fn prepare(slug: &str, form: FormState, site: &SiteAddress, preview_endpoint: Option<String>) -> Result<StoredRegistration, PrepareError> {
    let random = random_bytes();
    let (key, reference) = (idempotency_key(random), reference(random));
    let values = form.values.get_untracked();
    form.reg.with_value(|reg| {
        let endpoint = preview_endpoint.or_else(|| reg.endpoint.as_deref().map(|e| site.endpoint(e))).ok_or(PrepareError::NoEndpoint)?;
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
    })
}

/// The label's mark for a required question.
fn required_mark(required: bool) -> Option<impl IntoView> {
    required.then(|| view! { <span class="required">" (required)"</span> })
}

/// A question's help and error lines.
fn help_and_error(dom_id: String, help: Option<String>, form: FormState) -> impl IntoView {
    let help_id = format!("{dom_id}-help");
    let error_id = format!("{dom_id}-error");
    view! {
        {help.map(|h| view! { <p class="help" id=help_id>{h}</p> })}
        {move || form.problem(&dom_id).map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
    }
}

/// One question, as its kind asks.
fn question_view(q: Question, form: FormState) -> impl IntoView {
    let field = FieldRef::Question(q.id.clone());
    let dom_id = field.dom_id();
    let has_help = q.help.is_some();
    let describedby = form.described_by(dom_id.clone(), has_help);
    let invalid = {
        let dom_id = dom_id.clone();
        move || form.problems.with(|p| p.contains_key(&dom_id)).then_some("true")
    };
    let id = q.id.clone();
    let (f1, f2) = (field.clone(), field.clone());
    let extras = help_and_error(dom_id.clone(), q.help.clone(), form);
    match q.kind.clone() {
        QuestionKind::Text(_) | QuestionKind::Email | QuestionKind::Number { .. } => {
            let input_type = if q.kind == QuestionKind::Email { "email" } else { "text" };
            let inputmode = matches!(q.kind, QuestionKind::Number { .. }).then_some("numeric");
            let spellcheck = matches!(q.kind, QuestionKind::Email).then_some("false");
            EitherOf5::A(view! {
                <div class="field">
                    <label for=dom_id.clone()>{q.label.clone()}{required_mark(q.required)}</label>
                    <input
                        type=input_type
                        id=dom_id.clone()
                        name=q.id.clone()
                        autocomplete=q.autocomplete.clone()
                        inputmode=inputmode
                        spellcheck=spellcheck
                        required=q.required
                        aria-invalid=invalid
                        aria-describedby=describedby
                        prop:value=move || form.text(&id)
                        on:input=move |ev| form.set(f1.clone(), Answer::Text(event_target_value(&ev)))
                        on:blur=move |_| form.left(&f2)
                    />
                    {extras}
                </div>
            })
        }
        QuestionKind::LongText(_) => EitherOf5::B(view! {
            <div class="field">
                <label for=dom_id.clone()>{q.label.clone()}{required_mark(q.required)}</label>
                <textarea
                    id=dom_id.clone()
                    name=q.id.clone()
                    rows="4"
                    required=q.required
                    aria-invalid=invalid
                    aria-describedby=describedby
                    prop:value=move || form.text(&id)
                    on:input=move |ev| form.set(f1.clone(), Answer::Text(event_target_value(&ev)))
                    on:blur=move |_| form.left(&f2)
                ></textarea>
                {extras}
            </div>
        }),
        QuestionKind::Choice { options } => EitherOf5::C(view! {
            <fieldset class="field" id=dom_id.clone() role="radiogroup" aria-required=q.required.then_some("true") aria-invalid=invalid aria-describedby=describedby>
                <legend>{q.label.clone()}{required_mark(q.required)}</legend>
                {options.into_iter().enumerate().map(|(i, option)| {
                    let (id, field, value) = (id.clone(), field.clone(), option.clone());
                    let chosen = option.clone();
                    view! {
                        <label class="option">
                            <input
                                type="radio"
                                id=format!("{dom_id}-{i}")
                                name=dom_id.clone()
                                value=option.clone()
                                prop:checked=move || form.text(&id) == chosen
                                on:change=move |_| form.set(field.clone(), Answer::Text(value.clone()))
                            />
                            " " {option}
                        </label>
                    }
                }).collect_view()}
                {extras}
            </fieldset>
        }),
        QuestionKind::MultiChoice { options } => EitherOf5::D(view! {
            <fieldset class="field" id=dom_id.clone() aria-describedby=describedby>
                <legend>{q.label.clone()}{required_mark(q.required)}</legend>
                {options.into_iter().enumerate().map(|(i, option)| {
                    let (id, field, value) = (id.clone(), field.clone(), option.clone());
                    let ticked = {
                        let (id, option) = (id.clone(), option.clone());
                        move || form.values.with(|v| matches!(v.answer(&id), Some(Answer::Choices(c)) if c.contains(&option)))
                    };
                    let invalid = invalid.clone();
                    view! {
                        <label class="option">
                            <input
                                type="checkbox"
                                id=format!("{dom_id}-{i}")
                                name=dom_id.clone()
                                value=option.clone()
                                aria-invalid=invalid
                                prop:checked=ticked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let mut chosen = form.values.with_untracked(|v| match v.answer(&id) {
                                        Some(Answer::Choices(c)) => c.clone(),
                                        _ => Vec::new(),
                                    });
                                    chosen.retain(|c| c != &value);
                                    if on {
                                        chosen.push(value.clone());
                                    }
                                    form.set(field.clone(), Answer::Choices(chosen));
                                }
                            />
                            " " {option}
                        </label>
                    }
                }).collect_view()}
                {extras}
            </fieldset>
        }),
        QuestionKind::Checkbox => EitherOf5::E(view! {
            <div class="field checkbox">
                <input
                    type="checkbox"
                    id=dom_id.clone()
                    name=q.id.clone()
                    required=q.required
                    aria-invalid=invalid
                    aria-describedby=describedby
                    prop:checked=move || form.values.with(|v| matches!(v.answer(&id), Some(Answer::Checked(true))))
                    on:change=move |ev| form.set(f1.clone(), Answer::Checked(event_target_checked(&ev)))
                />
                <label for=dom_id.clone()>{q.label.clone()}{required_mark(q.required)}</label>
                {extras}
            </div>
        }),
    }
}

/// One consent: a box, its label, and the page it is about.
fn consent_view(c: Consent, form: FormState) -> impl IntoView {
    let field = FieldRef::Consent(c.id.clone());
    let dom_id = field.dom_id();
    let describedby = form.described_by(dom_id.clone(), false);
    let invalid = {
        let dom_id = dom_id.clone();
        move || form.problems.with(|p| p.contains_key(&dom_id)).then_some("true")
    };
    let id = c.id.clone();
    let link_text = c.link_text.clone().unwrap_or_else(|| "Read it".to_owned());
    let label = c.label.clone();
    view! {
        <div class="field checkbox">
            <input
                type="checkbox"
                id=dom_id.clone()
                name=dom_id.clone()
                required=c.required
                aria-invalid=invalid
                aria-describedby=describedby
                prop:checked=move || form.values.with(|v| v.consented(&id))
                on:change=move |ev| form.set(field.clone(), Answer::Checked(event_target_checked(&ev)))
            />
            <label for=dom_id.clone()>{c.label.clone()}{required_mark(c.required)}</label>
            {c.link.map(|href| view! {
                " " <a href=href rel="noopener">{link_text}<span class="visually-hidden">{format!(" ({label})")}</span></a>
            })}
            {help_and_error(dom_id, None, form)}
        </div>
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
