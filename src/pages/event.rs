//! An event's overview: what, when, where, who, formats and tracks.

use events_model::{Event, Organizer, OrganizerGroup, Page, SessionFormat, Slug, Track};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::{loaded, route_data, slug_of};
use crate::components::{Avatar, EventDates, EventNav, LinkList, RegistrationStatus, SaveOffline, StateBadge};
use crate::data::use_site;

/// Route `/:event/`.
#[component]
pub fn EventPage() -> impl IntoView {
    loaded(route_data(|p| Some(Page::Event(slug_of(p, "event")?))), "the event", |event: Event| view! { <EventOverview event /> })
}

/// Everything about one event.
#[component]
pub fn EventOverview(
    /// The event.
    event: Event,
) -> impl IntoView {
    let site = use_site();
    let s = event.summary.clone();
    let counts = [
        (event.sessions.len(), "sessions"),
        (event.speaker_count(), "speakers"),
        (event.languages.len(), "languages"),
    ];
    view! {
        <Title text=s.name.clone() />
        <Meta name="description" content=s.summary.clone() />
        <div class="event-head">
            <div class="wrap">
                <p class="card-top"><StateBadge start=s.start end=s.end /><span class="kind">{s.kind.clone()}</span></p>
                <h1>{s.name.clone()}</h1>
                <p class="lead">{s.summary.clone()}</p>
                <EventNav slug=s.slug.clone() name=s.name.clone() />
            </div>
        </div>
        <div class="wrap event-body">
            <section class="facts" aria-labelledby="facts-heading">
                <h2 id="facts-heading" class="visually-hidden">"Key facts"</h2>
                <EventDates start=s.start end=s.end zone=s.timezone.clone() />
                <dl class="fact-list">
                    <div><dt>"Where"</dt><dd>{s.place.label()}</dd></div>
                    {s.co_located_with.clone().map(|c| view! { <div><dt>"Part of"</dt><dd>{c}</dd></div> })}
                    {(!event.chairs.is_empty()).then(|| view! {
                        <div><dt>"Programme chairs"</dt><dd>{event.chairs.join(", ")}</dd></div>
                    })}
                    {(!event.languages.is_empty()).then(|| view! {
                        <div><dt>"Languages"</dt><dd>{event.languages.join(", ")}</dd></div>
                    })}
                </dl>
                <ul class="counts" aria-label="In numbers">
                    {counts.into_iter().filter(|(n, _)| *n > 0).map(|(n, what)| view! {
                        <li><strong>{n}</strong>" " {what}</li>
                    }).collect_view()}
                </ul>
                <LinkList links=event.links.clone() label="Links" />
                {event.registration.clone().map(|registration| view! {
                    <RegistrationStatus registration slug=s.slug.clone() zone=s.timezone.clone() />
                })}
                <SaveOffline slug=s.slug.clone() files=events_model::site::offline_files(&event) />
            </section>
            <section class="about" aria-labelledby="about-heading">
                <h2 id="about-heading">"About"</h2>
                <div class="prose" inner_html=event.description_html.clone()></div>
                {(!event.sessions.is_empty()).then(|| view! {
                    <p><a href=site.href(&Page::Programme(s.slug.clone())) class="button">"See the programme"</a></p>
                })}
            </section>
            <FormatTable formats=event.formats.clone() />
            <TrackCards event=s.slug.clone() tracks=event.tracks.clone() />
            <Organizers organizers=event.organizers.clone() />
        </div>
    }
}

/// The event's session formats as a table, when it has any.
#[component]
fn FormatTable(
    /// The formats, in the event's order.
    formats: Vec<SessionFormat>,
) -> impl IntoView {
    (!formats.is_empty()).then(|| view! {
        <section aria-labelledby="formats-heading">
            <h2 id="formats-heading">"Session formats"</h2>
            <p>"The formats the call for proposals asked for."</p>
            <div class="table-wrap">
                <table>
                    <thead><tr><th scope="col">"Format"</th><th scope="col">"Length"</th><th scope="col">"Speakers"</th></tr></thead>
                    <tbody>
                        {formats.iter().map(|f| view! {
                            <tr><th scope="row">{f.name.clone()}</th><td>{f.length_label()}</td><td>{f.speakers_label()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    })
}

/// The event's tracks as cards, each linking to its part of the tracks page, when it has any.
#[component]
fn TrackCards(
    /// The event the tracks belong to.
    event: Slug,
    /// The tracks, in the event's order.
    tracks: Vec<Track>,
) -> impl IntoView {
    let site = use_site();
    (!tracks.is_empty()).then(|| view! {
        <section aria-labelledby="tracks-heading">
            <h2 id="tracks-heading">"Tracks"</h2>
            <ul class="track-grid">
                {tracks.into_iter().map(|t| view! {
                    <li class="card">
                        <h3><a href=site.href_to(&Page::Tracks(event.clone()), &t.slug)>{t.name}</a></h3>
                        <p>{t.description}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    })
}

/// The organizers, grouped in the order their groups first appear, when there are any.
#[component]
fn Organizers(
    /// The organizers, in the event's order.
    organizers: Vec<Organizer>,
) -> impl IntoView {
    let mut groups: Vec<(OrganizerGroup, Vec<Organizer>)> = Vec::new();
    for o in organizers {
        match groups.iter_mut().find(|(g, _)| *g == o.group) {
            Some((_, list)) => list.push(o),
            None => groups.push((o.group, vec![o])),
        }
    }
    (!groups.is_empty()).then(|| view! {
        <section aria-labelledby="organizers-heading">
            <h2 id="organizers-heading">"Organizers"</h2>
            {groups.into_iter().map(|(group, people)| view! {
                <h3>{group.label()}</h3>
                <ul class="people">
                    {people.into_iter().map(|p| view! {
                        <li class=p.photo.is_some().then_some("person")>
                            {p.photo.clone().map(|photo| view! { <Avatar name=p.name.clone() photo=Some(photo) size=48 lazy=true /> })}
                            <span class="name">{p.name}</span>" " <span class="designation">{p.designation}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }).collect_view()}
        </section>
    })
}
