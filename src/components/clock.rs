//! Times shown twice: in the event's zone and in the visitor's, both labelled in words.
//!
//! The event's time is known when the page is built and rendered once; the visitor's only in
//! the browser, so its row is always there (no layout shift) and fills in when the clock goes
//! live.

use events_model::{TimeRange, Timestamp};
use leptos::either::Either;
use leptos::prelude::*;

use crate::clock::use_clock;
use crate::time;

/// A session's time range in the event's zone and in the visitor's, with a "+1 day" mark when
/// the visitor's date is not the event's.
#[component]
pub fn SessionTime(
    /// When the session runs; `None` when the organizers have not published a time.
    time: Option<TimeRange>,
    /// The event's IANA zone.
    #[prop(into)]
    zone: String,
) -> impl IntoView {
    let Some(range) = time else {
        return Either::Left(view! { <p class="clock clock-unknown">"Time not published"</p> });
    };
    let clock = use_clock();
    // True when the page is built: rendered once, and hydration finds it in the page.
    let event_text = time::prerendered(|| time::format_range(range, &zone));
    let local_text = move || {
        clock.visitor_zone().map(|visitor| {
            if visitor == zone {
                ("same as the event time".to_owned(), None)
            } else {
                let shift = time::day_shift_label(time::day_shift(range.start, &zone, &visitor));
                (time::format_range(range, &visitor), shift)
            }
        })
    };
    Either::Right(view! {
        <dl class="clock">
            <div class="clock-event">
                <dt>"Event time"</dt>
                <dd><time datetime=time::iso_utc(range.start)>{event_text}</time></dd>
            </div>
            <LocalRow text=local_text />
        </dl>
    })
}

/// An event's dates in its own zone and when it starts in the visitor's.
#[component]
pub fn EventDates(
    /// First moment of the first day.
    start: Timestamp,
    /// First moment after the last day.
    end: Timestamp,
    /// The event's IANA zone.
    #[prop(into)]
    zone: String,
) -> impl IntoView {
    let clock = use_clock();
    let dates = time::prerendered(|| format!("{} ({zone})", time::format_dates(start, end, &zone)));
    let starts_local = move || {
        clock.visitor_zone().map(|visitor| {
            let text = if visitor == zone { "same zone as the event".to_owned() } else { time::format_moment(start, &visitor) };
            (text, None)
        })
    };
    view! {
        <dl class="clock">
            <div class="clock-event">
                <dt>"Dates"</dt>
                <dd><time datetime=time::iso_utc(start)>{dates}</time></dd>
            </div>
            <LocalRow text=starts_local label="Starts for you" />
        </dl>
    }
}

/// One moment in the event's zone and in the visitor's (when registration opens or closes).
#[component]
pub fn Moment(
    /// The moment.
    at: Timestamp,
    /// The event's IANA zone.
    #[prop(into)]
    zone: String,
    /// What happens then, e.g. "Opens".
    label: &'static str,
) -> impl IntoView {
    let clock = use_clock();
    let event_text = time::prerendered(|| time::format_moment(at, &zone));
    let local_text = move || {
        clock.visitor_zone().map(|visitor| {
            if visitor == zone { ("same as the event time".to_owned(), None) } else { (time::format_moment(at, &visitor), None) }
        })
    };
    view! {
        <dl class="clock">
            <div class="clock-event">
                <dt>{label} " (event time)"</dt>
                <dd><time datetime=time::iso_utc(at)>{event_text}</time></dd>
            </div>
            <LocalRow text=local_text />
        </dl>
    }
}

/// The visitor's row: filled in once the clock is live; without JavaScript it says why it is
/// empty.
#[component]
fn LocalRow(
    /// The text and a day-shift mark ("+1 day"), once the visitor's zone is known.
    text: impl Fn() -> Option<(String, Option<String>)> + Send + Sync + 'static,
    /// The row's label.
    #[prop(default = "Your time")]
    label: &'static str,
) -> impl IntoView {
    view! {
        <div class="clock-local">
            <dt>{label}</dt>
            <dd>
                {move || match text() {
                    Some((text, shift)) => Either::Left(view! {
                        <span>{text}</span>
                        {shift.map(|s| view! { " " <span class="day-shift">"(" {s} ")"</span> })}
                    }),
                    None => Either::Right(view! { <noscript>"shown in your time zone when JavaScript is on"</noscript> }),
                }}
            </dd>
        </div>
    }
}
