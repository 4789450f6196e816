//! What the page knows about "now" and about the visitor.
//!
//! A prerendered page is built long before it is read, without knowing its reader: it shows the
//! event's own times and each event's state as of the build. Once the app runs in the browser
//! (right after hydration, or at once when rendering on the client), the clock goes live and
//! everything that depends on the current time or the visitor's zone updates itself.

use events_model::Timestamp;
use leptos::prelude::*;

use crate::time;

/// When the page was rendered ahead of time; provided by the prerenderer and, from the page,
/// by the hydrating app. Without it (client rendering) the clock starts at the current time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltAt(pub Timestamp);

/// Provides the app's clock: it shows the build's moment until the app runs in the browser,
/// then goes live (an effect, which runs only in the browser, after hydration).
pub fn provide_clock() -> Clock {
    let built_at = use_context::<BuiltAt>().map_or_else(time::now, |b| b.0);
    let clock = Clock::new(false, built_at);
    provide_context(clock);
    Effect::new(move |_| {
        clock.go_live();
        // A mark for tests and tools: the app runs (hydrated, or rendered in the browser).
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-app", "live");
        }
    });
    clock
}

/// The page's clock, shared through context.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    /// The visitor's zone, asked of the browser once, when the clock goes live; `None` before.
    visitor: RwSignal<Option<String>>,
    built_at: Timestamp,
}

impl Clock {
    /// A clock that is `live` already (client rendering) or shows `built_at` until
    /// [`Clock::go_live`] (prerendering and hydration).
    pub fn new(live: bool, built_at: Timestamp) -> Self {
        Clock { visitor: RwSignal::new(live.then(time::visitor_zone)), built_at }
    }

    /// The moment the page describes: the visitor's "now" once live, the build time before.
    pub fn now(self) -> Timestamp {
        if self.visitor.with(Option::is_some) { time::now() } else { self.built_at }
    }

    /// The visitor's zone, once known.
    pub fn visitor_zone(self) -> Option<String> {
        self.visitor.get()
    }

    /// Switches from the build's view of the world to the visitor's.
    pub fn go_live(self) {
        if self.visitor.with_untracked(Option::is_none) {
            self.visitor.set(Some(time::visitor_zone()));
        }
    }
}

/// The clock provided by the app, or a live one (components rendered on their own, in tests).
pub fn use_clock() -> Clock {
    use_context::<Clock>().unwrap_or_else(|| Clock::new(true, time::now()))
}
