//! The home page: every event, upcoming first.

use events_model::{home_groups, EventSummary, Page, SiteIndex, Slug, Timestamp};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::{loaded, route_data};
use crate::components::StateBadge;
use crate::clock::use_clock;
use crate::data::use_site;
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
        <div class="wrap">{loaded(route_data(|_| Some(Page::Home)), "the events", |index: SiteIndex| view! { <EventList index /> })}</div>
    }
}

/// Events in two groups: upcoming and live first (soonest first), then past (latest first).
#[component]
pub fn EventList(
    /// All events.
    index: SiteIndex,
) -> impl IntoView {
    let mut cards: Vec<Card> = index.events.iter().map(Card::of).collect();
    cards.sort_by_key(|c| c.start);
    view! { <EventGroups cards /> }
}

/// What an event's card shows, its words ready (no place or zone rules in the Wasm).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Card {
    /// The event's slug, for its link.
    slug: Slug,
    /// Its name.
    name: String,
    /// "IstioCon", "Istio Day"...
    kind: String,
    /// Its dates in its zone, as the page shows them.
    dates: String,
    /// Where: "Virtual" or the city.
    place: String,
    /// One sentence about it.
    summary: String,
    /// How many sessions it has.
    session_count: usize,
    /// Its first moment.
    start: Timestamp,
    /// The first moment after it.
    end: Timestamp,
}

impl Card {
    fn of(event: &EventSummary) -> Card {
        Card {
            slug: event.slug.clone(),
            name: event.name.clone(),
            kind: event.kind.clone(),
            dates: time::format_dates(event.start, event.end, &event.timezone),
            place: event.place.label(),
            summary: event.summary.clone(),
            session_count: event.session_count,
            start: event.start,
            end: event.end,
        }
    }
}

/// [`EventList`]'s groups, put in place by the running app: which group an event is in depends
/// on the day the page is read.
#[component]
fn EventGroups(
    /// Every event's card, soonest first.
    cards: Vec<Card>,
) -> impl IntoView {
    let clock = use_clock();
    // Which events are upcoming depends on "now": the build time, then the visitor's.
    let groups = Memo::new(move |_| home_groups(cards.clone(), |c| (c.start, c.end), clock.now()));
    let cards = |cards: Vec<Card>| cards.into_iter().map(|card| view! { <li><EventCard card /></li> }).collect_view();
    view! {
        <section aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">"Upcoming and live"</h2>
            {move || {
                let current = groups.get().0;
                if current.is_empty() {
                    Either::Left(view! { <p class="empty">"No event is announced yet. The past events below have their programmes and recordings."</p> })
                } else {
                    Either::Right(view! { <ul class="event-grid">{cards(current)}</ul> })
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
    /// The event's card.
    card: Card,
) -> impl IntoView {
    let sessions = match card.session_count {
        0 => None,
        1 => Some("1 session".to_owned()),
        n => Some(format!("{n} sessions")),
    };
    let href = use_site().href(&Page::Event(card.slug));
    view! {
        <article class="card event-card">
            <p class="card-top">
                <StateBadge start=card.start end=card.end />
                <span class="kind">{card.kind}</span>
            </p>
            <h3><a href=href>{card.name}</a></h3>
            <p class="meta">
                <time datetime=time::iso_utc(card.start)>{card.dates}</time>
                " · "
                {card.place}
            </p>
            <p>{card.summary}</p>
            {sessions.map(|s| view! { <p class="meta">{s}</p> })}
        </article>
    }
}
