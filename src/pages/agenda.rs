//! "My agenda": the sessions a visitor starred, kept in their browser, with clashes marked, a
//! link to share them and a calendar file.

use events_model::programme::Agenda;
use events_model::{Event, Page, Session};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::{loaded, route_data, slug_of};
use crate::agenda::AgendaStore;
use crate::clock::{query_parameter, use_clock};
use crate::data::{here, use_site};
use crate::components::{EventNav, SessionItem, ZonePicker};
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
    // Shared addresses and calendar files name the site as the visitor reached it.
    let here = StoredValue::new(here(&site));
    let programme = site.href(&Page::Programme(event.summary.slug.clone()));
    let store = AgendaStore::new(&event);
    Effect::new(move |_| store.load());
    let event = StoredValue::new(event);
    // What the address shares, once the app runs (the prerendered page shares nothing).
    let shared = Memo::new(move |_| {
        let text = if clock.is_live() { query_parameter(SHARED_KEY) } else { None };
        text.map(|t| event.with_value(|e| Agenda::decode(e, &t))).filter(|a| !a.is_empty())
    });
    let mine = Memo::new(move |_| store.get());
    let listed = Memo::new(move |_| store.listed());
    let imported = RwSignal::new(false);
    let share_url = move || {
        let page = event.with_value(|e| Page::Agenda(e.summary.slug.clone()));
        format!("{}?{SHARED_KEY}={}", here.with_value(|h| h.published_href(&page)), mine.with(Agenda::encode))
    };
    // A download the browser refused is said next to the buttons, not silently dropped.
    let download_failed = RwSignal::new(false);
    let calendar = move |agenda: &Agenda, name: &str| {
        let text = event.with_value(|e| {
            events_model::ics::sessions_calendar(e, &agenda.sessions(e), &here.get_value(), time::now())
        });
        download_failed.set(!download::offer(name, "text/calendar", &text));
    };
    view! {
        <div class="wrap">
            <noscript><p class="note">"Your agenda is kept by the site's app in your browser: it needs JavaScript. The programme lists every session without it."</p></noscript>
            <ZonePicker />
            {move || shared.get().map(|theirs: Agenda| {
                let count = theirs.len();
                let sessions: Vec<Session> = event.with_value(|e| theirs.sessions(e).into_iter().cloned().collect());
                let theirs_for_import = theirs.clone();
                let theirs_for_file = theirs.clone();
                let file = format!("{}-shared-agenda.ics", event.with_value(|e| e.summary.slug.clone()));
                // A calendar needs at least one session with a time.
                let timed = sessions.iter().any(|s| s.time.is_some());
                view! {
                    <section class="shared-agenda" aria-labelledby="shared-heading">
                        <h2 id="shared-heading">{format!("An agenda shared with you: {count} {}", if count == 1 { "session" } else { "sessions" })}</h2>
                        <div class="actions">
                            <button type="button" on:click=move |_| { store.import(&theirs_for_import); imported.set(true); }>
                                "Add these to my agenda"
                            </button>
                            {timed.then(|| view! {
                                <button type="button" class="secondary" on:click=move |_| calendar(&theirs_for_file, &file)>
                                    "Calendar file of these sessions (.ics, for Google Calendar, Apple Calendar, Outlook)"
                                </button>
                            })}
                        </div>
                        <p role="status" class="note">{move || imported.get().then(|| format!("Added. Your agenda has {} sessions.", mine.with(Agenda::len)))}</p>
                        <SessionRows event sessions store=None />
                    </section>
                }
            })}
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
                {move || Some(listed.get()).filter(|a| !a.is_empty()).map(|agenda: Agenda| {
                    let sessions: Vec<Session> = event.with_value(|e| agenda.sessions(e).into_iter().cloned().collect());
                    let file = format!("{}-my-agenda.ics", event.with_value(|e| e.summary.slug.clone()));
                    let for_file = move || mine.get_untracked();
                    let timed = sessions.iter().any(|s| s.time.is_some());
                    view! {
                        {timed.then(|| view! {
                            <div class="actions">
                                <button type="button" on:click=move |_| calendar(&for_file(), &file)>"Calendar file of my agenda (.ics, for Google Calendar, Apple Calendar, Outlook)"</button>
                            </div>
                        })}
                        <div class="field share">
                            <label for="share-link">"Link to share this agenda"</label>
                            <input id="share-link" type="url" readonly prop:value=share_url on:focus=|ev| {
                                use wasm_bindgen::JsCast;
                                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    input.select();
                                }
                            } />
                        </div>
                        <SessionRows event sessions store=Some(store) />
                    }
                })}
            </section>
        </div>
    }
}

/// Sessions of an agenda, each with a star (for one's own agenda) and, when it overlaps another
/// session of the same list, the titles it clashes with.
#[component]
fn SessionRows(
    /// The event.
    event: StoredValue<Event>,
    /// The sessions, in programme order.
    sessions: Vec<Session>,
    /// The visitor's agenda, for star buttons; `None` for someone else's.
    store: Option<AgendaStore>,
) -> impl IntoView {
    let (slug, zone) = event.with_value(|e| (e.summary.slug.clone(), e.summary.timezone.clone()));
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
