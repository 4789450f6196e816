//! Long lists of sessions (the programme, the tracks page) rendered a screen at a time.
//!
//! A prerendered page lists every session (read without JavaScript, found by find-in-page, and
//! hydrated as it is). Inside the running app, a navigation or a new search renders the first
//! screen of the list in its own task and the rest in idle callbacks after that screen is
//! painted (never ahead of the visitor's input or of a timer), a step per callback up to
//! [`BY_ITSELF`] sessions; past that, the visitor asks for more with its "Show more" button
//! ([`ShowMore`], as ConClar does).

use leptos::prelude::*;

/// How many sessions that pass the filters a navigation or a new search renders in its own
/// task: as many as the first screen of a phone or a laptop shows (the heading, the event's
/// links and the filters fill it: the list starts 1,293 px down at 412 x 823, where none
/// shows, and 847 px at 1440 x 900, where one does). Each more cost about 10 ms of the click's
/// task at 4x (issue 21); the next ones follow in the first idle callback after the paint.
pub const FIRST: usize = 1;
/// How many more each later task adds.
const STEP: usize = 24;
/// Up to how many the list grows by itself after its first screen is painted.
const BY_ITSELF: usize = 240;
/// How many more the visitor's "Show more" adds.
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
    shown: StoredValue<Option<Signal<usize>>>,
}

impl Window {
    /// A window of `first` sessions (`usize::MAX` for every one).
    pub fn new(first: usize) -> Self {
        Window { limit: RwSignal::new(first), generation: StoredValue::new(0), shown: StoredValue::new(None) }
    }

    /// Grows the window, after the next paint, towards `shown` (how many pass the filters).
    pub fn grow_after_paint(self, shown: impl Into<Signal<usize>>) {
        self.shown.set_value(Some(shown.into()));
        self.schedule();
    }

    /// Renders the list again from its first screen (the filters changed), then grows it.
    pub fn restart(self) {
        self.generation.update_value(|g| *g = g.wrapping_add(1));
        self.limit.set(FIRST);
        self.schedule();
    }

    /// How many are rendered at most (`usize::MAX`: all); views that read it follow it.
    pub fn limit(self) -> usize {
        self.limit.get()
    }

    /// Whether the window is still growing by itself (so a "Show more" button would be early).
    fn growing(self) -> bool {
        self.limit.get() < self.goal()
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

    /// Renders every session that passes the filters at once (before printing); growth
    /// scheduled earlier stops.
    pub fn all(self) {
        self.generation.update_value(|g| *g = g.wrapping_add(1));
        self.limit.set(usize::MAX);
    }

    /// Adds [`MORE`] sessions at the visitor's request.
    pub fn more(self) {
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

/// The "Show more sessions" button under a list whose [`Window`] stopped growing by itself.
#[component]
pub fn ShowMore(
    /// The list's window.
    window: Window,
    /// How many sessions are not rendered yet.
    remaining: Signal<usize>,
) -> impl IntoView {
    view! {
        <div class="show-more" hidden=move || remaining.get() == 0 || window.growing()>
            <button type="button" on:click=move |_| window.more()>
                "Show more sessions " <span class="count">"(" {remaining} " not shown yet)"</span>
            </button>
        </div>
    }
}
