//! An event's tracks, each with its sessions (by session type for events without tracks).

use events_model::{Event, Page, TrackGroup};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::{loaded, route_data, slug_of};
use crate::clock::use_clock;
use crate::components::{print_whole_list, EventNav, SessionList, ShowMore, Window, FIRST};

/// Route `/:event/tracks`.
#[component]
pub fn TracksPage() -> impl IntoView {
    loaded(route_data(|p| Some(Page::Tracks(slug_of(p, "event")?))), "the tracks", |event: Event| view! { <TrackList event /> })
}

/// The sessions of an event grouped by track, or by type when the event has no tracks. Inside
/// the running app the sessions come through a [`Window`] (the first screen in the click's
/// task, the rest after the paint), unless the address names a section to scroll to, which
/// needs every section above it at its full height.
#[component]
pub fn TrackList(
    /// The event.
    event: Event,
) -> impl IntoView {
    let s = &event.summary;
    let by_type = event.tracks.is_empty();
    let heading = if by_type { "Sessions by type" } else { "Tracks" };
    scroll_to_hash();
    let groups: Vec<_> = event
        .sessions_by_track()
        .into_iter()
        .map(|(group, sessions)| (group, sessions.into_iter().cloned().collect::<Vec<_>>()))
        .collect();
    let total: usize = groups.iter().map(|(_, sessions)| sessions.len()).sum();
    let to_section = !leptos_router::hooks::use_location().hash.get_untracked().is_empty();
    let window = Window::new(if use_clock().is_live_untracked() && !to_section { FIRST } else { usize::MAX });
    window.grow_after_paint(Signal::stored(total));
    print_whole_list(window);
    let mut before = 0;
    view! {
        <Title text=format!("{heading} · {}", s.name) />
        <Meta name="description" content=format!("{heading} of {}: every session, grouped.", s.name) />
        <div class="event-head">
            <div class="wrap">
                <p class="kicker">{s.name.clone()}</p>
                <h1>{heading}</h1>
                {by_type.then(|| view! { <p class="lead">"This event had no tracks, so its sessions are grouped by type."</p> })}
                <EventNav slug=s.slug.clone() name=s.name.clone() />
            </div>
        </div>
        <div class="wrap">
            {groups.into_iter().map(|(group, sessions)| {
                // The sessions of the sections above come first.
                let offset = before;
                before += sessions.len();
                let rendered = Signal::derive(move || window.limit().saturating_sub(offset));
                let (id, name, description) = match group {
                    TrackGroup::Track(t) => (t.slug.to_string(), t.name, Some(t.description)),
                    TrackGroup::NoTrack => ("other".to_owned(), "Outside the tracks".to_owned(), None),
                    TrackGroup::Type(kind) => (crate::pages::tracks::anchor(&kind), kind, None),
                };
                let count = match sessions.len() { 1 => "1 session".to_owned(), n => format!("{n} sessions") };
                view! {
                    <section class="track" id=id.clone() aria-labelledby=format!("{id}-heading")>
                        <h2 id=format!("{id}-heading")>{name}</h2>
                        {description.filter(|d| !d.is_empty()).map(|d| view! { <p>{d}</p> })}
                        <p class="meta">{count}</p>
                        <SessionList sessions event_slug=s.slug.clone() zone=s.timezone.clone() tracks=event.tracks.clone() rendered />
                    </section>
                }
            }).collect_view()}
            <ShowMore window remaining=Signal::derive(move || total.saturating_sub(window.limit())) />
        </div>
    }
}

/// Track links point at `/tracks#<slug>`; the section only exists once the data has loaded,
/// after the browser looked for it, so scroll to it when it appears.
fn scroll_to_hash() {
    Effect::new(move |_| {
        // After this frame's layout, when the sections are in the document.
        request_animation_frame(|| {
            let hash = window().location().hash().unwrap_or_default();
            let id = hash.trim_start_matches('#');
            if !id.is_empty() {
                if let Some(section) = document().get_element_by_id(id) {
                    section.scroll_into_view();
                }
            }
        });
    });
}

/// An anchor for a session type: lower case with dashes.
pub fn anchor(text: &str) -> String {
    text.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}
