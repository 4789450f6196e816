//! The home page: every event, upcoming first.

use events_model::{EventState, EventSummary, SiteIndex};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::loaded;
use crate::components::StateBadge;
use crate::clock::use_clock;
use crate::data::{self, Shipped};
use crate::time;

/// Route `/`.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Istio community events" />
        <Meta
            name="description"
            content="IstioCon and Istio Day: programmes, speakers, recordings and dates of the Istio community's events."
        />
        <section class="hero">
            <div class="wrap">
                <h1>"Istio community events"</h1>
                <p class="lead">
                    "IstioCon, the Istio community's own conference, and Istio Day at KubeCon + CloudNativeCon: "
                    "programmes, speakers and recordings, with every time shown in the event's zone and in yours."
                </p>
            </div>
        </section>
        <div class="wrap">{loaded(data::index_path, "the events", |index: SiteIndex| view! { <EventList index /> })}</div>
    }
}

/// Events in two groups: upcoming and live first (soonest first), then past (latest first).
/// An island: which group an event is in depends on the day the page is read.
#[island]
pub fn EventList(
    /// All events.
    #[prop(into)]
    index: Shipped<SiteIndex>,
) -> impl IntoView {
    let clock = use_clock();
    let Shipped(index) = index;
    // Which events are upcoming depends on "now": the build time, then the visitor's.
    let groups = Memo::new(move |_| {
        let now = clock.now();
        let (current, past): (Vec<&EventSummary>, Vec<&EventSummary>) =
            index.sorted_for_home(now).into_iter().partition(|e| e.state_at(now) != EventState::Past);
        (current.into_iter().cloned().collect::<Vec<_>>(), past.into_iter().cloned().collect::<Vec<_>>())
    });
    let cards = |events: Vec<EventSummary>| {
        events.into_iter().map(|event| view! { <li><EventCard event /></li> }).collect_view()
    };
    view! {
        <section aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">"Upcoming and live"</h2>
            {move || {
                let current = groups.get().0;
                if current.is_empty() {
                    view! { <p class="empty">"No event is announced yet. The past events below have their programmes and recordings."</p> }.into_any()
                } else {
                    view! { <ul class="event-grid">{cards(current)}</ul> }.into_any()
                }
            }}
        </section>
        <section aria-labelledby="past-heading">
            <h2 id="past-heading">"Past events"</h2>
            {move || view! { <ul class="event-grid">{cards(groups.get().1)}</ul> }}
        </section>
    }
}

/// One event as a card.
#[component]
fn EventCard(
    /// The event.
    event: EventSummary,
) -> impl IntoView {
    let dates = time::format_dates(event.start, event.end, &event.timezone);
    let sessions = match event.session_count {
        0 => None,
        1 => Some("1 session".to_owned()),
        n => Some(format!("{n} sessions")),
    };
    view! {
        <article class="card event-card">
            <p class="card-top">
                <StateBadge start=event.start end=event.end />
                <span class="kind">{event.kind.clone()}</span>
            </p>
            <h3><a href=format!("/{}/", event.slug)>{event.name.clone()}</a></h3>
            <p class="meta">
                <time datetime=time::iso_utc(event.start)>{dates}</time>
                " · "
                {event.place.label()}
            </p>
            <p>{event.summary.clone()}</p>
            {sessions.map(|s| view! { <p class="meta">{s}</p> })}
        </article>
    }
}
