//! An event's programme, day by day.

use events_model::Event;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::{event_from_route, loaded};
use crate::components::{EventNav, SessionList};
use crate::time;

/// Route `/:event/programme`.
#[component]
pub fn ProgrammePage() -> impl IntoView {
    loaded(event_from_route(), "the programme", |event: Event| view! { <Programme event /> })
}

/// Sessions grouped by day (event zone), each with its time in the event's zone and the
/// visitor's.
#[component]
pub fn Programme(
    /// The event.
    event: Event,
) -> impl IntoView {
    let s = event.summary.clone();
    let days: Vec<_> = event
        .sessions_by_day()
        .into_iter()
        .map(|(day, sessions)| (day, sessions.into_iter().cloned().collect::<Vec<_>>()))
        .collect();
    // The same words before and after the visitor's zone is known: no layout shift.
    let zone_note = format!("Each time is shown in the event's zone ({}) and in yours.", s.timezone);
    view! {
        <Title text=format!("Programme · {}", s.name) />
        <Meta name="description" content=format!("The programme of {}: {} sessions, day by day.", s.name, event.sessions.len()) />
        <div class="event-head">
            <div class="wrap">
                <p class="kicker">{s.name.clone()}</p>
                <h1>"Programme"</h1>
                <p class="lead">{zone_note}</p>
                <EventNav slug=s.slug.clone() name=s.name.clone() />
            </div>
        </div>
        <div class="wrap">
            {if days.is_empty() {
                view! { <p class="empty">"The programme of this event is not on this site yet."</p> }.into_any()
            } else {
                days.into_iter().map(|(day, sessions)| {
                    let (id, heading, note) = match day {
                        Some(d) => {
                            let start = event.day_starts.get(d).copied().unwrap_or(s.start);
                            let heading = format!("Day {}: {}", d + 1, time::format_day(start, &s.timezone));
                            (format!("day-{}", d + 1), heading.into_any(), None)
                        }
                        None => (
                            "unscheduled".to_owned(),
                            "Sessions in programme order".into_any(),
                            Some("The organizers have not published the times of these sessions; they are listed in the order of the published agenda."),
                        ),
                    };
                    view! {
                        <section class="day" aria-labelledby=format!("{id}-heading")>
                            <h2 id=format!("{id}-heading")>{heading}</h2>
                            {note.map(|n| view! { <p class="note">{n}</p> })}
                            <SessionList sessions event_slug=s.slug.clone() zone=s.timezone.clone() tracks=event.tracks.clone() />
                        </section>
                    }
                }).collect_view().into_any()
            }}
        </div>
    }
}
