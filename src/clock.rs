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

/// Where the visitor's chosen zone is kept in browser storage.
const ZONE_KEY: &str = "istio-events:zone";

/// How often "now" moves on while the page is open (for the "now" and "next" marks).
const TICK: std::time::Duration = std::time::Duration::from_secs(30);

/// Provides the app's clock: it shows the build's moment until the app runs in the browser,
/// then goes live (an effect, which runs only in the browser, after hydration).
pub fn provide_clock() -> Clock {
    let built_at = use_context::<BuiltAt>().map_or_else(time::now, |b| b.0);
    let clock = Clock::new(false, built_at);
    provide_context(clock);
    Effect::new(move |_| {
        clock.go_live();
        set_interval(move || clock.now.set(time::now()), TICK);
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
    /// The zone the visitor's times are shown in: the one they chose, else their browser's;
    /// `None` until the clock goes live.
    visitor: RwSignal<Option<String>>,
    /// Whether the zone was chosen by the visitor rather than reported by the browser.
    chosen: RwSignal<bool>,
    /// The moment the page describes: the build's until live, then the visitor's "now".
    now: RwSignal<Timestamp>,
}

impl Clock {
    /// A clock that is `live` already (client rendering) or shows `built_at` until
    /// [`Clock::go_live`] (prerendering and hydration).
    pub fn new(live: bool, built_at: Timestamp) -> Self {
        let clock = Clock { visitor: RwSignal::new(None), chosen: RwSignal::new(false), now: RwSignal::new(built_at) };
        if live {
            clock.go_live();
        }
        clock
    }

    /// The moment the page describes: the visitor's "now" once live (moving on every
    /// 30 seconds), the build time before.
    pub fn now(self) -> Timestamp {
        self.now.get()
    }

    /// Whether the page runs in the visitor's browser yet (controls that need the app are
    /// enabled from then on).
    pub fn is_live(self) -> bool {
        self.visitor.with(Option::is_some)
    }

    /// The zone the visitor's times are shown in, once known.
    pub fn visitor_zone(self) -> Option<String> {
        self.visitor.get()
    }

    /// Whether the visitor chose the zone (rather than their browser reporting it).
    pub fn zone_is_chosen(self) -> bool {
        self.chosen.get()
    }

    /// Switches from the build's view of the world to the visitor's: their zone (the one they
    /// chose on an earlier visit, else their browser's) and the current time.
    pub fn go_live(self) {
        if self.visitor.with_untracked(Option::is_some) {
            return;
        }
        let chosen = crate::storage::get(ZONE_KEY).ok().flatten().and_then(|z| time::canonical_zone(&z));
        self.chosen.set(chosen.is_some());
        self.now.set(time::now());
        self.visitor.set(Some(chosen.unwrap_or_else(time::visitor_zone)));
    }

    /// Shows the visitor's times in `zone` from now on, and remembers it in this browser; `None`
    /// goes back to the browser's zone. Returns the zone in the browser's spelling, or `None`
    /// (changing nothing) when `zone` is not a zone the browser knows.
    pub fn choose_zone(self, zone: Option<&str>) -> Result<String, UnknownZone> {
        let zone = match zone {
            Some(input) => {
                let zone = time::canonical_zone(input).ok_or_else(|| UnknownZone(input.trim().to_owned()))?;
                // Without storage the choice still holds for this visit.
                let _ = crate::storage::set(ZONE_KEY, &zone);
                self.chosen.set(true);
                zone
            }
            None => {
                let _ = crate::storage::remove(ZONE_KEY);
                self.chosen.set(false);
                time::visitor_zone()
            }
        };
        self.visitor.set(Some(zone.clone()));
        Ok(zone)
    }
}

/// A zone name the browser does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownZone(pub String);

impl std::fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "“{}” is not a time zone this browser knows", self.0)
    }
}

/// The clock provided by the app, or a live one (components rendered on their own, in tests).
pub fn use_clock() -> Clock {
    use_context::<Clock>().unwrap_or_else(|| Clock::new(true, time::now()))
}
