//! Times shown twice: in the event's zone and in the visitor's, both labelled in words.

use events_model::{TimeRange, Timestamp};
use leptos::prelude::*;

use crate::time;

/// A session's time range in the event's zone and, when it differs, in the visitor's zone,
/// with a "+1 day" mark when the visitor's date is not the event's.
#[component]
pub fn SessionTime(
    /// When the session runs; `None` when the organizers have not published a time.
    time: Option<TimeRange>,
    /// The event's IANA zone.
    #[prop(into)]
    zone: String,
) -> impl IntoView {
    let Some(range) = time else {
        return view! { <p class="clock clock-unknown">"Time not published"</p> }.into_any();
    };
    let visitor = time::visitor_zone();
    let event_text = time::format_range(range, &zone);
    let local = (visitor != zone).then(|| {
        let shift = time::day_shift_label(time::day_shift(range.start, &zone, &visitor));
        (time::format_range(range, &visitor), shift)
    });
    view! {
        <dl class="clock">
            <div class="clock-event">
                <dt>"Event time"</dt>
                <dd><time datetime=time::iso_utc(range.start)>{event_text}</time></dd>
            </div>
            {local.map(|(text, shift)| view! {
                <div class="clock-local">
                    <dt>"Your time"</dt>
                    <dd>
                        {text}
                        {shift.map(|s| view! { <span class="day-shift">" (" {s} ")"</span> })}
                    </dd>
                </div>
            })}
        </dl>
    }
    .into_any()
}

/// An event's dates in its own zone and, when the visitor is elsewhere, when it starts for them.
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
    let visitor = time::visitor_zone();
    let dates = time::format_dates(start, end, &zone);
    let starts_local = (visitor != zone).then(|| time::format_moment(start, &visitor));
    view! {
        <dl class="clock">
            <div class="clock-event">
                <dt>"Dates"</dt>
                <dd><time datetime=time::iso_utc(start)>{dates}</time>" (" {zone.clone()} ")"</dd>
            </div>
            {starts_local.map(|text| view! {
                <div class="clock-local">
                    <dt>"Starts for you"</dt>
                    <dd>{text}</dd>
                </div>
            })}
        </dl>
    }
}
