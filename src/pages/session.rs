//! One session.

use events_model::{Download, Event, Page, Session};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos::either::Either;

use super::{loaded, route_data, slug_of, slug_param, NotFound};
use crate::components::{Avatar, EventNav, SessionStar, SessionTime};
use crate::data::use_site;

/// Route `/:event/sessions/:id`.
#[component]
pub fn SessionPage() -> impl IntoView {
    let id = slug_param("id");
    loaded(route_data(|p| Some(Page::Session { event: slug_of(p, "event")?, id: slug_of(p, "id")? })), "the session", move |event: Event| {
        match id().and_then(|id| event.session(&id).cloned()) {
            Some(session) => view! { <SessionDetails event session /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    })
}

/// A session with its time, type, track, language, speakers, recording and abstract.
#[component]
pub fn SessionDetails(
    /// The event it belongs to.
    event: Event,
    /// The session.
    session: Session,
) -> impl IntoView {
    let s = &event.summary;
    let order: Vec<String> = event.sessions.iter().map(|s| s.id.to_string()).collect();
    // Built with the site for every session with a time, so it works without JavaScript.
    let site = use_site();
    let calendar = session.time.map(|_| site.href(&Download::SessionCalendar { event: s.slug.clone(), id: session.id.clone() }));
    let track = session.track.as_ref().and_then(|t| event.track(t)).cloned();
    let speakers: Vec<_> = session
        .speakers
        .iter()
        .map(|r| {
            let summary = r.slug.as_ref().and_then(|slug| event.speakers.iter().find(|x| &x.slug == slug));
            let designation = summary.map(|x| x.designation.clone()).unwrap_or_default();
            (r.clone(), designation, summary.and_then(|x| x.photo.clone()))
        })
        .collect();
    let names: Vec<&str> = session.speakers.iter().map(|r| r.name.as_str()).collect();
    let description = if names.is_empty() {
        format!("{} at {}.", session.kind, s.name)
    } else {
        format!("{} by {} at {}.", session.kind, names.join(", "), s.name)
    };
    view! {
        <Title text=format!("{} · {}", session.title, s.name) />
        <Meta name="description" content=description />
        <div class="event-head">
            <div class="wrap">
                <p class="kicker"><a href=site.href(&Page::Programme(s.slug.clone()))>{format!("{} programme", s.name)}</a></p>
                <h1>{session.title.clone()}</h1>
                <EventNav slug=s.slug.clone() name=s.name.clone() />
            </div>
        </div>
        <div class="wrap session-body">
            <SessionTime time=session.time zone=s.timezone.clone() />
            <div class="actions">
                <SessionStar slug=s.slug.to_string() order id=session.id.to_string() title=session.title.clone() />
                {calendar.map(|href| view! {
                    <a class="button secondary" href=href download>"Add to your calendar (.ics, for Google Calendar, Apple Calendar, Outlook)"</a>
                })}
                <a href=site.href(&Page::Agenda(s.slug.clone())) class="button secondary">"My agenda"</a>
            </div>
            <dl class="fact-list">
                <div><dt>"Type"</dt><dd>{session.kind.clone()}</dd></div>
                {track.map(|t| view! {
                    <div><dt>"Track"</dt><dd><a href=site.href_to(&Page::Tracks(s.slug.clone()), &t.slug)>{t.name}</a></dd></div>
                })}
                {session.language.clone().map(|l| view! { <div><dt>"Language"</dt><dd>{l}</dd></div> })}
                {session.time.map(|t| view! { <div><dt>"Length"</dt><dd>{events_model::duration_label(t.minutes())}</dd></div> })}
            </dl>
            {session.video.clone().map(|v| view! {
                <p><a class="button" href=v rel="noopener">"Watch the recording"<span class="visually-hidden">" of " {session.title.clone()}</span></a></p>
            })}
            {(!session.abstract_html.is_empty()).then(|| view! {
                <section aria-labelledby="abstract-heading">
                    <h2 id="abstract-heading">"Abstract"</h2>
                    <div class="prose" inner_html=session.abstract_html.clone()></div>
                </section>
            })}
            {(!speakers.is_empty()).then(|| view! {
                <section aria-labelledby="speakers-heading">
                    <h2 id="speakers-heading">{if speakers.len() == 1 { "Speaker" } else { "Speakers" }}</h2>
                    <ul class="people">
                        {speakers.into_iter().map(|(r, designation, photo)| view! {
                            <li class="person">
                                <Avatar name=r.name.clone() photo size=48 lazy=true />
                                {match r.slug {
                                    Some(slug) => Either::Left(view! { <a href=site.href(&Page::Speaker(slug)) class="name">{r.name}</a> }),
                                    None => Either::Right(view! { <span class="name">{r.name}</span> }),
                                }}
                                " "
                                <span class="designation">{designation}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </div>
    }
}
