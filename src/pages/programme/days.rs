//! The programme's days: the sessions that pass the filters, day by day.
//!
//! A prerendered page lists every session (read without JavaScript, found by find-in-page, and
//! hydrated as it is). Inside the running app, a navigation or a new search renders the first
//! screen of the list in its own task and the rest in idle callbacks after that screen is
//! painted (never ahead of the visitor's input or of a timer), a step per callback up to
//! [`BY_ITSELF`] sessions; past that, the visitor asks for more, by
//! scrolling near the end of the list or with its "Show more" button (as ConClar does). Items
//! carry `aria-setsize` and `aria-posinset`, so a screen reader tells how long a day's list is
//! while part of it is rendered; rendered items stay in programme (time) order, which is the
//! keyboard's order too.

use events_model::programme::now_and_next;
use events_model::{Event, Track};
use leptos::prelude::*;

use crate::agenda::AgendaStore;
use crate::clock::use_clock;
use crate::components::SessionItem;
use crate::time;

/// How many sessions that pass the filters a navigation or a new search renders in its own
/// task: more than the first screen of a phone or a laptop shows (the heading, the event's
/// links and the filters fill it: the list starts 1,293 px down at 412 x 823, 847 px at
/// 1440 x 900, where one session shows).
pub const FIRST: usize = 4;
/// How many more each later task adds.
const STEP: usize = 24;
/// Up to how many the list grows by itself after its first screen is painted.
const BY_ITSELF: usize = 240;
/// How many more the visitor's "Show more" (or scrolling near the end) adds.
const MORE: usize = 120;

/// How many of the sessions that pass the filters are rendered, and the growth of that number
/// after a paint.
#[derive(Clone, Copy)]
pub struct Window {
    /// How many are rendered at most (`usize::MAX`: all).
    limit: RwSignal<usize>,
    /// Bumped by every restart, so that growth scheduled for earlier filters stops.
    generation: StoredValue<u32>,
    /// How many pass the filters, once the programme has said ([`Window::grow_after_paint`]).
    shown: StoredValue<Option<Memo<usize>>>,
}

impl Window {
    /// A window of `first` sessions (`usize::MAX` for every one).
    pub fn new(first: usize) -> Self {
        Window { limit: RwSignal::new(first), generation: StoredValue::new(0), shown: StoredValue::new(None) }
    }

    /// Grows the window, after the next paint, towards `shown` (how many pass the filters).
    pub fn grow_after_paint(self, shown: Memo<usize>) {
        self.shown.set_value(Some(shown));
        self.schedule();
    }

    /// Renders the list again from its first screen (the filters changed), then grows it.
    pub fn restart(self) {
        self.generation.update_value(|g| *g = g.wrapping_add(1));
        self.limit.set(FIRST);
        self.schedule();
    }

    /// How far the window grows by itself: every session that passes, up to [`BY_ITSELF`].
    fn goal(self) -> usize {
        let shown = self.shown.get_value().map_or(0, |s| s.get_untracked());
        shown.min(BY_ITSELF)
    }

    /// One step of growth when the browser is idle after the next frame is painted, and the next
    /// step after it, for as long as the filters stay the same. How far to grow is read in that task, not
    /// here: a restart comes before the new filters are in force, so the count here may still be
    /// the old filters' (none, after a search without a match).
    fn schedule(self) {
        if self.limit.get_untracked() == usize::MAX {
            // Every session is rendered (a prerendered or hydrated page): nothing to grow.
            return;
        }
        let generation = self.generation.get_value();
        let step = move || {
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            let goal = self.goal();
            if self.limit.get_untracked() < goal {
                self.limit.set((self.limit.get_untracked() + STEP).min(goal));
                self.schedule();
            }
        };
        request_animation_frame(move || when_idle(step));
    }

    /// Adds [`MORE`] sessions at the visitor's request.
    fn more(self) {
        self.limit.update(|l| *l = l.saturating_add(MORE));
    }
}

/// Runs `f` when the browser is idle (`requestIdleCallback`): after any input, timer or frame
/// that waits, so growing the list never delays what the visitor does. Where the browser has no
/// idle callbacks (Safari), in a task of its own.
fn when_idle(f: impl Fn() + Copy + 'static) {
    if request_idle_callback_with_handle(f).is_err() {
        set_timeout(f, std::time::Duration::ZERO);
    }
}

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
        let mut left = window.limit.get();
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
    let growing = move || window.limit.get() < window.goal();
    view! {
        {days.into_iter().enumerate().map(|(at, (day, _))| view! { <Day at day event rendered marks agenda /> }).collect_view()}
        <div class="show-more" hidden=move || remaining() == 0 || growing()>
            <button type="button" on:click=move |_| window.more()>
                "Show more sessions " <span class="count">"(" {remaining} " not shown yet)"</span>
            </button>
        </div>
    }
}

/// Each session's mark ("Live now", "Up next"), in the event's order: one signal per session,
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
                    Some("Live now")
                } else if next.contains(&id) {
                    Some("Up next")
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

/// One day of the programme (or the untimed sessions): its heading and the sessions rendered.
#[component]
fn Day(
    /// Where the day is among the programme's days.
    at: usize,
    /// The day's number from 0, or `None` for the sessions without a published time.
    day: Option<usize>,
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
        Some(d) => {
            let start = e.day_starts.get(d).copied().unwrap_or(e.summary.start);
            (format!("day-{}", d + 1), format!("Day {}: {}", d + 1, time::format_day(start, &zone)), None)
        }
        None => (
            "unscheduled".to_owned(),
            "Sessions in programme order".to_owned(),
            Some("The organizers have not published the times of these sessions; they are listed in the order of the published agenda."),
        ),
    });
    let list = Memo::new(move |_| rendered.with(|r| r[at].0.clone()));
    let size = Memo::new(move |_| rendered.with(|r| r[at].1));
    let item = move |position: ReadSignal<usize>, i: usize| {
        let (session, track): (_, Option<Track>) = event.with_value(|e| {
            let session = e.sessions[i].clone();
            let track = session.track.as_ref().and_then(|t| e.track(t)).cloned();
            (session, track)
        });
        let mark: Signal<Option<&'static str>> = marks.with_value(|m| m[i]).into();
        view! {
            <li aria-setsize=move || size.get() aria-posinset=move || position.get() + 1>
                <SessionItem session event_slug=slug.clone() zone=zone.clone() track mark agenda />
            </li>
        }
    };
    view! {
        <section class="day" aria-labelledby=format!("{id}-heading") hidden=move || list.with(Vec::is_empty)>
            <h2 id=format!("{id}-heading")>{heading}</h2>
            {note.map(|n| view! { <p class="note">{n}</p> })}
            <ul class="session-list">
                <ForEnumerate each=move || list.get() key=|i| *i children=item />
            </ul>
        </section>
    }
}
