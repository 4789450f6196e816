//! The programme's days: the sessions that pass the filters, day by day, rendered through a
//! [`Window`] (the first screen in the click's task, the rest after the paint). Items
//! carry `aria-setsize` and `aria-posinset`, so a screen reader tells how long a day's list is
//! while part of it is rendered; rendered items stay in programme (time) order, which is the
//! keyboard's order too.

use events_model::programme::now_and_next;
use events_model::{Event, Track};
use leptos::prelude::*;

use super::grid::{DayLayout, GridHeads, Ruler};
use crate::agenda::AgendaStore;
use crate::clock::use_clock;
use crate::components::{SessionItem, ShowMore, Window};
use crate::time;

/// The sessions rendered on each day (indices into the event's sessions) and how many of the
/// day's sessions pass the filters.
type Rendered = Vec<(Vec<usize>, usize)>;

/// The days of the programme, each a section with its heading and its list of sessions.
#[component]
pub fn ProgrammeDays(
    /// The event.
    event: StoredValue<Event>,
    /// Which sessions pass the filters, in the event's order.
    matches: Memo<Vec<bool>>,
    /// How many of them are rendered.
    window: Window,
) -> impl IntoView {
    let marks = session_marks(event);
    let agenda = event.with_value(AgendaStore::new);
    Effect::new(move |_| agenda.load());
    // The days, as indices into the event's sessions.
    let days: Vec<(Option<usize>, Vec<usize>)> = event.with_value(Event::session_indices_by_day);
    let groups: Vec<Vec<usize>> = days.iter().map(|(_, at)| at.clone()).collect();
    let rendered: Memo<Rendered> = Memo::new(move |_| {
        let mut left = window.limit();
        matches.with(|m| {
            groups
                .iter()
                .map(|day| {
                    let passing: Vec<usize> = day.iter().copied().filter(|&i| m.get(i).copied().unwrap_or(true)).collect();
                    let count = passing.len();
                    let take = count.min(left);
                    left -= take;
                    (passing.into_iter().take(take).collect(), count)
                })
                .collect()
        })
    });
    let remaining = move || {
        rendered.with(|r| r.iter().map(|(shown, count)| count - shown.len()).sum::<usize>())
    };
    view! {
        {days.into_iter().enumerate().map(|(at, (day, indices))| view! { <Day at day indices event rendered marks agenda /> }).collect_view()}
        <ShowMore window remaining=Signal::derive(remaining) />
    }
}

/// The mark of a session that runs now (and whose grid box is outlined).
const LIVE_NOW: &str = "Live now";
/// The mark of the sessions that start next.
const UP_NEXT: &str = "Up next";

/// Each session's mark ([`LIVE_NOW`], [`UP_NEXT`]), in the event's order: one signal per session,
/// set by one effect, since thousands of views subscribing to one memo would make each change
/// quadratic (each re-run leaves and rejoins the memo's subscriber list).
fn session_marks(event: StoredValue<Event>) -> StoredValue<Vec<RwSignal<Option<&'static str>>>> {
    let clock = use_clock();
    let marks = Memo::new(move |_| {
        let now = clock.now();
        event.with_value(|e| {
            let (running, next) = now_and_next(e, now);
            let mark = |id: &str| {
                if running.contains(&id) {
                    Some(LIVE_NOW)
                } else if next.contains(&id) {
                    Some(UP_NEXT)
                } else {
                    None
                }
            };
            e.sessions.iter().map(|s| mark(&s.id)).collect::<Vec<Option<&'static str>>>()
        })
    });
    let flags: Vec<RwSignal<Option<&'static str>>> = marks.with_untracked(|m| m.iter().map(|m| RwSignal::new(*m)).collect());
    let each = flags.clone();
    Effect::new(move |_| {
        marks.with(|m| {
            for (flag, &mark) in each.iter().zip(m) {
                if flag.get_untracked() != mark {
                    flag.set(mark);
                }
            }
        });
    });
    StoredValue::new(flags)
}

/// A day's heading in the event's zone, `Day 2: Tuesday, April 26, 2022` (`day` from 0): the
/// programme's and My agenda's.
pub fn day_heading(event: &Event, day: usize) -> String {
    let start = event.day_starts.get(day).copied().unwrap_or(event.summary.start);
    format!("Day {}: {}", day + 1, time::format_day(start, &event.summary.timezone))
}

/// One day of the programme (or the untimed sessions): its heading and the sessions rendered.
#[component]
fn Day(
    /// Where the day is among the programme's days.
    at: usize,
    /// The day's number from 0, or `None` for the sessions without a published time.
    day: Option<usize>,
    /// The day's sessions, as indices into the event's.
    indices: Vec<usize>,
    /// The event.
    event: StoredValue<Event>,
    /// The sessions rendered on each day, and how many pass the filters.
    rendered: Memo<Rendered>,
    /// Each session's mark.
    marks: StoredValue<Vec<RwSignal<Option<&'static str>>>>,
    /// The agenda the stars add to.
    agenda: AgendaStore,
) -> impl IntoView {
    let (slug, zone) = event.with_value(|e| (e.summary.slug.clone(), e.summary.timezone.clone()));
    let (id, heading, note) = event.with_value(|e| match day {
        Some(d) => (format!("day-{}", d + 1), time::prerendered(|| day_heading(e, d)), None),
        None => (
            "unscheduled".to_owned(),
            "Sessions in programme order".to_owned(),
            Some("The organizers have not published the times of these sessions; they are listed in the order of the published agenda."),
        ),
    });
    // A timed day is also a grid on wide screens; the untimed sessions stay a list under them.
    let layout = day.map(|_| DayLayout::new(event, indices));
    let list = Memo::new(move |_| rendered.with(|r| r[at].0.clone()));
    let size = Memo::new(move |_| rendered.with(|r| r[at].1));
    let item = move |position: ReadSignal<usize>, i: usize| {
        let (session, track): (_, Option<Track>) = event.with_value(|e| {
            let session = e.sessions[i].clone();
            let track = session.track.as_ref().and_then(|t| e.track(t)).cloned();
            (session, track)
        });
        let mark: Signal<Option<&'static str>> = marks.with_value(|m| m[i]).into();
        let class = move || layout.map(|l| l.item_class(i, mark.get() == Some(LIVE_NOW))).unwrap_or_default();
        view! {
            <li class=class aria-setsize=move || size.get() aria-posinset=move || position.get() + 1>
                <SessionItem session event_slug=slug.clone() zone=zone.clone() track mark agenda />
            </li>
        }
    };
    view! {
        <section class="day" aria-labelledby=format!("{id}-heading") hidden=move || list.with(Vec::is_empty)>
            <h2 id=format!("{id}-heading")>{heading}</h2>
            {note.map(|n| view! { <p class="note">{n}</p> })}
            <div class=layout.map(DayLayout::frame_class)>
                {layout.map(|layout| view! { <GridHeads layout /> })}
                <div class="grid-body">
                    {layout.map(|layout| view! { <Ruler layout /> })}
                    <ul class="session-list">
                        <ForEnumerate each=move || list.get() key=|i| *i children=item />
                    </ul>
                </div>
            </div>
        </section>
    }
}
