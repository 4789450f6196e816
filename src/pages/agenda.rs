//! "My agenda": the sessions a visitor starred, kept in their browser, with clashes marked, a
//! link to share them and a calendar file.

use events_model::programme::Agenda;
use events_model::{Event, Page, Session, SiteAddress};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::programme::day_heading;
use super::{loaded, route_data, slug_of};
use crate::agenda::AgendaStore;
use crate::clock::{query_parameter, use_clock};
use crate::data::{here, use_site};
use crate::components::{EventNav, PrintButton, SessionItem, ZonePicker};
use crate::{download, time};

/// The query key of a shared agenda: `?s=a1,b3,c2`.
pub const SHARED_KEY: &str = "s";

/// Route `/:event/agenda`.
#[component]
pub fn AgendaPage() -> impl IntoView {
    loaded(route_data(|p| Some(Page::Agenda(slug_of(p, "event")?))), "your agenda", |event: Event| view! { <MyAgenda event /> })
}

/// The page "My agenda" of one event: its heading, then [`AgendaBody`].
#[component]
pub fn MyAgenda(
    /// The event (its outline is enough).
    event: Event,
) -> impl IntoView {
    let s = event.summary.clone();
    view! {
        <Title text=format!("My agenda · {}", s.name) />
        <Meta name="description" content=format!("The sessions of {} you starred, kept in your browser.", s.name) />
        <div class="event-head">
            <div class="wrap">
                <p class="kicker">{s.name.clone()}</p>
                <h1>"My agenda"</h1>
                <p class="lead">"The sessions you star are kept in this browser, without an account. Share them with a link or add them to your calendar."</p>
                <EventNav slug=s.slug.clone() name=s.name.clone() />
            </div>
        </div>
        <AgendaBody event />
    }
}

/// What the agenda page's parts share: handles only, so it is copied into each of them.
#[derive(Clone, Copy)]
struct AgendaParts {
    /// The event.
    event: StoredValue<Event>,
    /// The site as the visitor reached it: shared addresses and calendar files name it.
    here: StoredValue<SiteAddress>,
    /// The visitor's stars.
    store: AgendaStore,
    /// The visitor's agenda.
    mine: Memo<Agenda>,
    /// Whether the browser refused the last calendar download.
    download_failed: RwSignal<bool>,
}

impl AgendaParts {
    /// Offers `agenda` as a calendar file called `name`; a refusal is said next to the buttons.
    fn calendar(self, agenda: &Agenda, name: &str) {
        let text = self.event.with_value(|e| {
            events_model::ics::sessions_calendar(e, &agenda.sessions(e), &self.here.get_value(), time::now())
        });
        self.download_failed.set(!download::offer(name, "text/calendar", &text));
    }

    /// The address that shares the visitor's agenda.
    fn share_url(self) -> String {
        let page = self.event.with_value(|e| Page::Agenda(e.summary.slug.clone()));
        format!("{}?{SHARED_KEY}={}", self.here.with_value(|h| h.published_href(&page)), self.mine.with(Agenda::encode))
    }

    /// The sessions of `agenda`, in programme order.
    fn sessions(self, agenda: &Agenda) -> Vec<Session> {
        self.event.with_value(|e| agenda.sessions(e).into_iter().cloned().collect())
    }

    /// A calendar file's name for this event.
    fn file(self, what: &str) -> String {
        format!("{}-{what}.ics", self.event.with_value(|e| e.summary.slug.clone()))
    }
}

/// The visitor's starred sessions of one event and, when the address carries one, an agenda
/// someone shared, with a button to add it. All of it lives in the browser: the prerendered
/// page says the agenda is being read.
#[component]
pub fn AgendaBody(
    /// The event (its outline is enough).
    event: Event,
) -> impl IntoView {
    let clock = use_clock();
    let site = use_site();
    let programme = site.href(&Page::Programme(event.summary.slug.clone()));
    let store = AgendaStore::new(&event);
    Effect::new(move |_| store.load());
    let event = StoredValue::new(event);
    let mine = Memo::new(move |_| store.get());
    let parts = AgendaParts { event, here: StoredValue::new(here(&site)), store, mine, download_failed: RwSignal::new(false) };
    // What the address shares, once the app runs (the prerendered page shares nothing).
    let shared = Memo::new(move |_| {
        let text = if clock.is_live() { query_parameter(SHARED_KEY) } else { None };
        text.map(|t| event.with_value(|e| Agenda::decode(e, &t))).filter(|a| !a.is_empty())
    });
    view! {
        <div class="wrap">
            <noscript><p class="note">"Your agenda is kept by the site's app in your browser: it needs JavaScript. The programme lists every session without it."</p></noscript>
            <ZonePicker />
            {move || shared.get().map(|theirs: Agenda| view! { <SharedAgenda parts theirs /> })}
            <StarredSessions parts programme />
        </div>
    }
}

/// An agenda someone shared through the address, with a button that adds it to the visitor's.
#[component]
fn SharedAgenda(
    /// The page's shared handles.
    parts: AgendaParts,
    /// The shared agenda (not empty).
    theirs: Agenda,
) -> impl IntoView {
    let imported = RwSignal::new(false);
    let count = theirs.len();
    let sessions = parts.sessions(&theirs);
    let theirs_for_import = theirs.clone();
    let file = parts.file("shared-agenda");
    // A calendar needs at least one session with a time.
    let timed = sessions.iter().any(|s| s.time.is_some());
    view! {
        <section class="shared-agenda" aria-labelledby="shared-heading">
            <h2 id="shared-heading">{format!("An agenda shared with you: {count} {}", if count == 1 { "session" } else { "sessions" })}</h2>
            <div class="actions">
                <button type="button" on:click=move |_| { parts.store.import(&theirs_for_import); imported.set(true); }>
                    "Add these to my agenda"
                </button>
                {timed.then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| parts.calendar(&theirs, &file)>
                        "Calendar file of these sessions (.ics, for Google Calendar, Apple Calendar, Outlook)"
                    </button>
                })}
            </div>
            <p role="status" class="note">{move || imported.get().then(|| format!("Added. Your agenda has {} sessions.", parts.mine.with(Agenda::len)))}</p>
            <SessionRows event=parts.event sessions store=None />
        </section>
    }
}

/// The visitor's own starred sessions: how many, then the calendar file, the link to share them
/// and the list.
#[component]
fn StarredSessions(
    /// The page's shared handles.
    parts: AgendaParts,
    /// The event's programme, where sessions are starred.
    programme: String,
) -> impl IntoView {
    let clock = use_clock();
    let AgendaParts { event, store, mine, download_failed, .. } = parts;
    let listed = Memo::new(move |_| store.listed());
    view! {
        <section aria-labelledby="mine-heading">
            <h2 id="mine-heading">"Your starred sessions"</h2>
            <p role="status" class="result-count">{move || {
                if !clock.is_live() {
                    "Reading your agenda…".to_owned()
                } else {
                    let (n, clashes) = event.with_value(|e| mine.with(|a| (a.len(), a.clashes(e).len())));
                    match (n, clashes) {
                        (0, _) => "You have not starred any session of this event yet.".to_owned(),
                        (1, _) => "1 session.".to_owned(),
                        (n, 0) => format!("{n} sessions, none at the same time."),
                        (n, c) => format!("{n} sessions; {c} of them overlap another."),
                    }
                }
            }}</p>
            {move || store.error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <p class="field-error" role="alert">
                {move || download_failed.get().then_some("This browser did not accept the calendar file. The session pages link each session's file.")}
            </p>
            <p hidden=move || !mine.with(Agenda::is_empty)>
                <a href=programme>"Star sessions on the programme"</a>
            </p>
            {move || Some(listed.get()).filter(|a| !a.is_empty()).map(|agenda: Agenda| view! { <StarredList parts agenda /> })}
        </section>
    }
}

/// The starred sessions with their calendar file and share link (the agenda is not empty).
#[component]
fn StarredList(
    /// The page's shared handles.
    parts: AgendaParts,
    /// The sessions listed (as they were starred when the page showed them).
    agenda: Agenda,
) -> impl IntoView {
    let sessions = parts.sessions(&agenda);
    let file = parts.file("my-agenda");
    let timed = sessions.iter().any(|s| s.time.is_some());
    view! {
        <div class="actions">
            {timed.then(|| view! {
                <button type="button" on:click=move |_| parts.calendar(&parts.mine.get_untracked(), &file)>"Calendar file of my agenda (.ics, for Google Calendar, Apple Calendar, Outlook)"</button>
            })}
            <PrintButton label="Print my agenda" />
        </div>
        <div class="field share">
            <label for="share-link">"Link to share this agenda"</label>
            <input id="share-link" type="url" readonly prop:value=move || parts.share_url() on:focus=|ev| {
                use wasm_bindgen::JsCast;
                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    input.select();
                }
            } />
        </div>
        <SessionRows event=parts.event sessions store=Some(parts.store) />
    }
}

/// Sessions of an agenda, day by day (one day per printed page), each with a star (for one's
/// own agenda) and, when it overlaps another session of the same list, the titles it clashes
/// with.
#[component]
fn SessionRows(
    /// The event.
    event: StoredValue<Event>,
    /// The sessions, in programme order.
    sessions: Vec<Session>,
    /// The visitor's agenda, for star buttons; `None` for someone else's.
    store: Option<AgendaStore>,
) -> impl IntoView {
    let rows: Vec<(Session, Vec<String>)> = sessions
        .iter()
        .map(|a| {
            let clashes = sessions
                .iter()
                .filter(|b| b.id != a.id)
                .filter(|b| matches!((a.time, b.time), (Some(x), Some(y)) if x.overlaps(&y)))
                .map(|b| b.title.clone())
                .collect();
            (a.clone(), clashes)
        })
        .collect();
    let days = event.with_value(|e| {
        e.session_indices_by_day()
            .into_iter()
            .map(|(day, at)| {
                let heading = day.map_or_else(|| "Time not published".to_owned(), |d| day_heading(e, d));
                let of_day: Vec<_> = rows.iter().filter(|(s, _)| at.iter().any(|&i| e.sessions[i].id == s.id)).cloned().collect();
                (heading, of_day)
            })
            .filter(|(_, of_day)| !of_day.is_empty())
            .collect::<Vec<_>>()
    });
    days.into_iter()
        .map(|(heading, rows)| view! {
            <div class="day">
                <h3 class="day-heading">{heading}</h3>
                <DayRows event rows store />
            </div>
        })
        .collect_view()
}

/// The list of one day's sessions of an agenda.
#[component]
fn DayRows(
    /// The event.
    event: StoredValue<Event>,
    /// The day's sessions, each with the titles it clashes with.
    rows: Vec<(Session, Vec<String>)>,
    /// The visitor's agenda, for star buttons; `None` for someone else's.
    store: Option<AgendaStore>,
) -> impl IntoView {
    let (slug, zone) = event.with_value(|e| (e.summary.slug.clone(), e.summary.timezone.clone()));
    view! {
        <ul class="session-list">
            {rows.into_iter().map(|(session, clashes)| {
                let track = event.with_value(|e| session.track.as_ref().and_then(|t| e.track(t)).cloned());
                let clash = (!clashes.is_empty()).then(|| view! {
                    <p class="clash"><strong>"Clashes with: "</strong>{clashes.join("; ")}</p>
                });
                let item = match store {
                    Some(agenda) => Either::Left(view! { <SessionItem session event_slug=slug.clone() zone=zone.clone() track agenda /> }),
                    None => Either::Right(view! { <SessionItem session event_slug=slug.clone() zone=zone.clone() track /> }),
                };
                let has_clash = clash.is_some();
                view! { <li class:has-clash=has_clash>{item}{clash}</li> }
            }).collect_view()}
        </ul>
    }
}
