//! The programme's days as schedule grids on wide screens (issue 22): the same lists of
//! sessions, laid out by `style/main.css` from the classes [`DayLayout`] gives each item
//! (events_model::grid has the rules), with column headings ([`GridHeads`]) and a [`Ruler`]
//! beside them. Phones, paper and visitors who chose the list see the lists.

use events_model::grid::{classes, Across, Columns, Rows};
use events_model::{Event, TimeRange, Timestamp};
use leptos::prelude::*;

use crate::clock::use_clock;
use crate::{storage, time};

/// Where the visitor's choice of list or grid is kept.
const VIEW_KEY: &str = "programme-view";

/// A day's grid: its columns (fixed), its rows in the zone the times are shown in (the
/// visitor's once the app runs, the event's before), and the day's sessions.
#[derive(Clone, Copy)]
pub struct DayLayout {
    /// The columns and each session's place across them.
    columns: StoredValue<Columns>,
    /// The rows and each session's place down them.
    rows: Memo<Rows>,
    /// The day's sessions, as indices into the event's (ascending).
    indices: StoredValue<Vec<usize>>,
    /// The zone the ruler is in.
    zone: Signal<String>,
}

impl DayLayout {
    /// The layout of the day of `event` whose sessions (each with a time) are `indices`.
    pub fn new(event: StoredValue<Event>, indices: Vec<usize>) -> Self {
        let clock = use_clock();
        let (columns, times, event_zone) = event.with_value(|e| {
            let none = TimeRange { start: Timestamp(0), end: Timestamp(0) };
            let times: Vec<TimeRange> = indices.iter().map(|&i| e.sessions[i].time.unwrap_or(none)).collect();
            (Columns::of(e, &indices), times, e.summary.timezone.clone())
        });
        let zone = Signal::derive(move || clock.visitor_zone().unwrap_or_else(|| event_zone.clone()));
        let rows = Memo::new(move |_| zone.with(|z| Rows::of(&times, |t| time::offset_minutes(t, z))));
        DayLayout { columns: StoredValue::new(columns), rows, indices: StoredValue::new(indices), zone }
    }

    /// The classes of the day's frame: `schedule` and the grid's width.
    pub fn frame_class(self) -> String {
        let mut class = String::from("schedule");
        self.columns.with_value(|c| classes::width(&mut class, c.width));
        class
    }

    /// The classes of the item of session `i` (an index into the event's sessions): its place,
    /// and `live` while it runs.
    pub fn item_class(self, i: usize, live: bool) -> String {
        let Some(at) = self.indices.with_value(|d| d.binary_search(&i).ok()) else { return String::new() };
        let mut class = String::with_capacity(40);
        if live {
            class.push_str("live");
        }
        self.columns.with_value(|c| classes::across(&mut class, c.places[at]));
        self.rows.with(|r| classes::down(&mut class, r.places[at]));
        class
    }
}

/// The column headings over a day's grid, hidden from screen readers (each session names its
/// track).
#[component]
pub fn GridHeads(
    /// The day's layout.
    layout: DayLayout,
) -> impl IntoView {
    let heads = layout.columns.with_value(|c| c.heads.clone());
    // One column (an event without tracks) needs no headings.
    (heads.len() > 1).then(|| {
        view! {
            <div class="grid-heads" aria-hidden="true">
                {heads
                    .into_iter()
                    .map(|h| {
                        let mut class = String::new();
                        classes::across(&mut class, Across { start: h.start, span: h.span });
                        view! { <span class=class>{h.name}</span> }
                    })
                    .collect_view()}
            </div>
        }
    })
}

/// The times down the side of a day's grid, a line every half hour of the zone shown, and a
/// "now" line while the day runs; hidden from screen readers (each session says its time).
#[component]
pub fn Ruler(
    /// The day's layout.
    layout: DayLayout,
) -> impl IntoView {
    let clock = use_clock();
    let ticks = move || {
        let zone = layout.zone.get();
        layout.rows.with(|r| {
            r.ruler()
                .into_iter()
                .enumerate()
                .map(|(n, (at, after_gap))| {
                    let class = if after_gap { "tick after-gap" } else { "tick" };
                    // The first line of each stretch names the zone: a time is never shown without it.
                    let label = if n == 0 || after_gap { time::format_clock_zone(at, &zone) } else { time::format_clock(at, &zone) };
                    view! { <div class=class><span>{label}</span></div> }
                })
                .collect_view()
        })
    };
    let now = move || {
        let row = layout.rows.with(|r| r.row_at(clock.now()))?;
        let mut class = String::from("now-line");
        classes::at(&mut class, row);
        Some(view! { <div class=class><span>"Now"</span></div> })
    };
    view! { <div class="ruler" aria-hidden="true">{ticks}{now}</div> }
}

/// Whether the programme is shown as grids (on wide screens; the default) or as lists, as this
/// browser remembers the visitor's choice once the app runs.
pub fn grid_choice() -> RwSignal<bool> {
    let clock = use_clock();
    let grid = RwSignal::new(true);
    Effect::new(move |_| {
        if clock.is_live() {
            if let Ok(Some(kept)) = storage::get(VIEW_KEY) {
                grid.set(kept != "list");
            }
        }
    });
    grid
}

/// The switch between the list and the grid, shown on wide screens only (style/main.css).
#[component]
pub fn ViewSwitch(
    /// Whether the grid is shown.
    grid: RwSignal<bool>,
) -> impl IntoView {
    let clock = use_clock();
    let choose = move |as_grid: bool| {
        grid.set(as_grid);
        // Kept where the browser lets the site keep things; the choice works for this visit anyway.
        let _ = storage::set(VIEW_KEY, if as_grid { "grid" } else { "list" });
    };
    view! {
        <div class="view-switch" role="group" aria-label="Show the programme as">
            <button type="button" disabled=move || !clock.is_live() aria-pressed=move || (!grid.get()).to_string() on:click=move |_| choose(false)>
                "List"
            </button>
            <button type="button" disabled=move || !clock.is_live() aria-pressed=move || grid.get().to_string() on:click=move |_| choose(true)>
                "Grid"
            </button>
        </div>
    }
}
