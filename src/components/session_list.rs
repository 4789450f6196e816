//! Sessions as lists: the programme, the tracks page and a speaker's page use these.

use events_model::{Session, Track};
use leptos::prelude::*;
use leptos_router::components::A;

use super::SessionTime;

/// A list of sessions of one event.
#[component]
pub fn SessionList(
    /// The sessions, in the order to show them.
    sessions: Vec<Session>,
    /// The event's slug, for links.
    #[prop(into)]
    event_slug: String,
    /// The event's IANA zone.
    #[prop(into)]
    zone: String,
    /// The event's tracks, to name a session's track.
    #[prop(optional)]
    tracks: Vec<Track>,
) -> impl IntoView {
    if sessions.is_empty() {
        return view! { <p class="empty">"No sessions here yet."</p> }.into_any();
    }
    view! {
        <ul class="session-list">
            {sessions
                .into_iter()
                .map(|session| {
                    let track = session.track.as_ref().and_then(|t| tracks.iter().find(|x| &x.slug == t)).cloned();
                    view! {
                        <li>
                            <SessionItem session event_slug=event_slug.clone() zone=zone.clone() track />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// One session: title (linked), time in both zones, type, track, language and speakers.
#[component]
pub fn SessionItem(
    /// The session.
    session: Session,
    /// The event's slug, for links.
    #[prop(into)]
    event_slug: String,
    /// The event's IANA zone.
    #[prop(into)]
    zone: String,
    /// The session's track, when it has one.
    track: Option<Track>,
) -> impl IntoView {
    let href = format!("/{event_slug}/sessions/{}/", session.id);
    let speakers = session.speakers.clone();
    view! {
        <article class="session">
            <h3 class="session-title"><A href=href>{session.title.clone()}</A></h3>
            <SessionTime time=session.time zone />
            <p class="tags">
                <span class="tag tag-type">{session.kind.clone()}</span>
                {track.map(|t| view! {
                    <span class="tag tag-track">
                        <A href=format!("/{event_slug}/tracks/#{}", t.slug)>{t.name}</A>
                    </span>
                })}
                {session.language.clone().map(|l| view! { <span class="tag tag-lang" lang="en">{l}</span> })}
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
                                Some(slug) => view! { <A href=format!("/speakers/{slug}/")>{s.name}</A> }.into_any(),
                                None => view! { <span>{s.name}</span> }.into_any(),
                            }}
                        })
                        .collect_view()}
                </p>
            })}
        </article>
    }
}
