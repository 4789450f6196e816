//! Sessions as lists: the programme, the tracks page and a speaker's page use these.
//!
//! Links here are plain `<a>` (the router still handles their clicks): the router's `<A>`
//! watches the address to mark the current page, and thousands of them made every change of
//! the address (each keystroke of a search) quadratic.

use events_model::{Page, Session, Slug, Track};
use leptos::either::Either;
use leptos::prelude::*;

use super::{SessionTime, StarButton};
use crate::agenda::AgendaStore;
use crate::data::use_site;

/// A list of sessions of one event.
#[component]
pub fn SessionList(
    /// The sessions, in the order to show them.
    sessions: Vec<Session>,
    /// The event's slug, for links.
    event_slug: Slug,
    /// The event's IANA zone.
    #[prop(into)]
    zone: String,
    /// The event's tracks, to name a session's track.
    #[prop(optional)]
    tracks: Vec<Track>,
    /// How many of the sessions, from the first, are rendered (a page's [`super::Window`]);
    /// all when not given.
    #[prop(optional, into)]
    rendered: Option<Signal<usize>>,
) -> impl IntoView {
    if sessions.is_empty() {
        return Either::Left(view! { <p class="empty">"No sessions here yet."</p> });
    }
    let len = sessions.len();
    let sessions: Vec<(Session, Option<Track>)> = sessions
        .into_iter()
        .map(|session| {
            let track = session.track.as_ref().and_then(|t| tracks.iter().find(|x| &x.slug == t)).cloned();
            (session, track)
        })
        .collect();
    let sessions = StoredValue::new(sessions);
    let count = move || rendered.map_or(len, |r| r.get().min(len));
    let item = move |i: usize| {
        let (session, track) = sessions.with_value(|s| s[i].clone());
        view! {
            <li>
                <SessionItem session event_slug=event_slug.clone() zone=zone.clone() track />
            </li>
        }
    };
    Either::Right(view! {
        <ul class="session-list">
            <For each=move || 0..count() key=|i| *i children=item />
        </ul>
    })
}

/// One session: title (linked), time in both zones, type, track, language, speakers and its
/// recording; optionally a mark ("Live now", "Up next") and a star button.
#[component]
pub fn SessionItem(
    /// The session.
    session: Session,
    /// The event's slug, for links.
    event_slug: Slug,
    /// The event's IANA zone.
    #[prop(into)]
    zone: String,
    /// The session's track, when it has one.
    track: Option<Track>,
    /// A mark such as "Live now" or "Up next", shown beside the tags.
    #[prop(optional, into)]
    mark: Option<Signal<Option<&'static str>>>,
    /// The agenda a star button adds the session to; no button without it.
    #[prop(optional)]
    agenda: Option<AgendaStore>,
) -> impl IntoView {
    let site = use_site();
    let page = Page::Session { event: event_slug.clone(), id: session.id.clone() };
    let href = site.href(&page);
    // Printed after the title (style/main.css, `@media print`): paper has no links.
    let address = site.published_href(&page);
    let star = agenda.map(|store| view! { <StarButton store id=session.id.clone() title=session.title.clone() /> });
    let speakers = session.speakers.clone();
    // Organizers add a recording's address once the session has been given.
    let recording = session.video.clone().map(|url| {
        view! {
            <a class="recording" href=url rel="noopener">
                "Recording"<span class="visually-hidden">" of " {session.title.clone()}</span>
            </a>
        }
    });
    view! {
        <article class="session">
            <div class="session-head">
                <h3 class="session-title"><a href=href data-address=address>{session.title.clone()}</a></h3>
                {star}
            </div>
            <SessionTime time=session.time zone />
            <p class="tags">
                {mark.map(|mark| move || mark.get().map(|m| view! { <span class="tag tag-now">{m}</span> }))}
                <span class="tag tag-type">{session.kind.clone()}</span>
                {track.map(|t| view! {
                    <span class="tag tag-track">
                        <a href=site.href_to(&Page::Tracks(event_slug.clone()), &t.slug)>{t.name}</a>
                    </span>
                })}
                {session.language.clone().map(|l| view! { <span class="tag tag-lang" lang="en">{l}</span> })}
                {recording}
            </p>
            {(!speakers.is_empty()).then(|| view! {
                <p class="speakers">
                    <span class="visually-hidden">"Speakers: "</span>
                    {speakers
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| view! {
                            {(i > 0).then_some(", ")}
                            {match s.slug {
                                Some(slug) => Either::Left(view! { <a href=site.href(&Page::Speaker(slug))>{s.name}</a> }),
                                None => Either::Right(view! { <span>{s.name}</span> }),
                            }}
                        })
                        .collect_view()}
                </p>
            })}
        </article>
    }
}
