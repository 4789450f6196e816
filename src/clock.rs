//! What the page knows about "now" and about the visitor.
//!
//! A prerendered page is built long before it is read, without knowing its reader: it shows the
//! event's own times and each event's state as of the build. Once the app runs in the browser
//! (right after hydration, or at once when rendering on the client), the clock goes live and
//! everything that depends on the current time or the visitor's zone updates itself.
//!
//! The address can ask for a preview: `?preview-at=<RFC 3339 date-time>` makes the live clock
//! read that moment, so every page shows the site as it was or will be then (event states,
//! registration, countdowns), for as long as the visit lasts. Only what is displayed changes:
//! data sent anywhere keeps the device's real time.

use events_model::registration::is_loopback_url;
use events_model::Timestamp;
use leptos::prelude::*;

use crate::time;

/// When the page was rendered ahead of time; provided by the prerenderer, and by a hydrating
/// page from its data (`crate::start`). Without it (client rendering) the clock starts at the
/// current time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltAt(pub Timestamp);

/// Where the visitor's chosen zone is kept in browser storage.
const ZONE_KEY: &str = "istio-events:zone";

/// How often "now" moves on while the page is open (for the "now" and "next" marks).
const TICK: std::time::Duration = std::time::Duration::from_secs(30);

/// Provides the app's clock: it shows the build's moment until the app runs in the browser,
/// then goes live (an effect, which runs only in the browser, right after hydration).
pub fn provide_clock() -> Clock {
    let built_at = use_context::<BuiltAt>().map_or_else(time::now, |b| b.0);
    let clock = Clock::new(false, built_at);
    provide_context(clock);
    Effect::new(move |_| clock.start());
    clock
}

/// The address's parameters of a preview: the moment, and a registration receiver.
pub const PREVIEW_PARAMETERS: [&str; 2] = ["preview-at", "preview-endpoint"];

/// What the address asks to preview.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    /// `?preview-at=`: the moment the site is shown as of.
    pub at: Option<Timestamp>,
    /// `?preview-endpoint=`: a receiver on this computer that registration forms send to instead
    /// of the organizers' endpoint (for trying a form out, and for the end-to-end tests).
    pub endpoint: Option<String>,
    /// Parameters that were given but could not be used, with the reason.
    pub refused: Vec<String>,
}

impl Preview {
    /// Reads the preview parameters with `get` (the address's query, by name).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Preview {
        let mut refused = Vec::new();
        let [at_key, endpoint_key] = PREVIEW_PARAMETERS;
        let at = get(at_key).and_then(|text| match Timestamp::parse_rfc3339(&text) {
            Ok(at) => Some(at),
            Err(e) => {
                refused.push(format!("preview-at: {e}"));
                None
            }
        });
        let endpoint = get(endpoint_key).and_then(|url| {
            if is_loopback_url(&url) {
                Some(url)
            } else {
                refused.push(format!(
                    "preview-endpoint: `{url}` is not on this computer (http://127.0.0.1:PORT/...), so registrations still go to the organizers"
                ));
                None
            }
        });
        Preview { at, endpoint, refused }
    }

    /// Whether the address asked for anything.
    pub fn is_active(&self) -> bool {
        self.at.is_some() || self.endpoint.is_some() || !self.refused.is_empty()
    }
}

/// The page's clock, shared through context.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    /// The zone the visitor's times are shown in: the one they chose, else their browser's;
    /// `None` until the clock goes live.
    visitor: RwSignal<Option<String>>,
    /// Whether the zone was chosen by the visitor rather than reported by the browser.
    chosen: RwSignal<bool>,
    /// The moment the page describes: the build's until live, then the previewed moment or the
    /// visitor's "now" (moving on every 30 seconds).
    now: RwSignal<Timestamp>,
    /// What the address asked to preview; `None` until live.
    preview: RwSignal<Option<Preview>>,
}

impl Clock {
    /// A clock that is `live` already (client rendering) or shows `built_at` until
    /// [`Clock::go_live`] (prerendering and hydration).
    pub fn new(live: bool, built_at: Timestamp) -> Self {
        let clock = Clock {
            visitor: RwSignal::new(None),
            chosen: RwSignal::new(false),
            now: RwSignal::new(built_at),
            preview: RwSignal::new(None),
        };
        if live {
            clock.go_live_with(Preview::default());
        }
        clock
    }

    /// The moment the page describes: the build time before the clock is live; then the
    /// previewed moment, or the visitor's "now".
    pub fn now(self) -> Timestamp {
        self.now.get()
    }

    /// Whether the app runs in the browser (the page was hydrated or rendered there); controls
    /// that need the app are enabled from then on.
    pub fn is_live(self) -> bool {
        self.visitor.with(Option::is_some)
    }

    /// [`Clock::is_live`], without subscribing to it: whether this view is made inside the
    /// running app (an in-app navigation) rather than prerendered or hydrated.
    pub fn is_live_untracked(self) -> bool {
        self.visitor.with_untracked(Option::is_some)
    }

    /// The zone the visitor's times are shown in, once known.
    pub fn visitor_zone(self) -> Option<String> {
        self.visitor.get()
    }

    /// Whether the visitor chose the zone (rather than their browser reporting it).
    pub fn zone_is_chosen(self) -> bool {
        self.chosen.get()
    }

    /// The preview the address asked for, if any (known once live).
    pub fn preview(self) -> Option<Preview> {
        self.preview.with(|p| p.clone().filter(Preview::is_active))
    }

    /// Goes live (see [`Clock::go_live`]) and moves on every 30 seconds from then on.
    pub fn start(self) {
        if self.visitor.with_untracked(Option::is_some) {
            return;
        }
        self.go_live();
        set_interval(move || self.tick(), TICK);
        if let Some(zone) = self.visitor.get_untracked() {
            let prepare = move || time::prepare(&zone);
            if request_idle_callback_with_handle(prepare.clone()).is_err() {
                set_timeout(prepare, std::time::Duration::ZERO);
            }
        }
        // A mark for tests and tools: the app runs (hydrated, or rendered in the browser).
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-app", "live");
        }
    }

    /// Switches from the build's view of the world to the visitor's, with the preview the
    /// address asks for.
    pub fn go_live(self) {
        self.go_live_with(Preview::from_query(query_parameter));
    }

    /// Switches to the visitor's view with `preview` (tests give their own): their zone (the
    /// one they chose on an earlier visit, else their browser's) and the current or previewed
    /// moment.
    pub fn go_live_with(self, preview: Preview) {
        if self.visitor.with_untracked(Option::is_some) {
            return;
        }
        let chosen = crate::storage::get(ZONE_KEY).ok().flatten().and_then(|z| time::canonical_zone(&z));
        self.chosen.set(chosen.is_some());
        self.now.set(preview.at.unwrap_or_else(time::now));
        self.preview.set(Some(preview));
        self.visitor.set(Some(chosen.unwrap_or_else(time::visitor_zone)));
    }

    /// Moves "now" on to the current time (a preview's moment stays where it is).
    fn tick(self) {
        if self.preview.with_untracked(|p| p.as_ref().is_none_or(|p| p.at.is_none())) {
            self.now.set(time::now());
        }
    }

    /// Shows the visitor's times in `zone` from now on, and remembers it in this browser; `None`
    /// goes back to the browser's zone. Returns the zone in the browser's spelling, or an error
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

/// The clock the app provides ([`provide_clock`]); whatever renders a component on its own (a
/// test) provides one first.
pub fn use_clock() -> Clock {
    expect_context::<Clock>()
}

/// A parameter of the page's address (`?name=value`).
#[cfg(target_arch = "wasm32")]
pub fn query_parameter(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Natively there is no address bar.
#[cfg(not(target_arch = "wasm32"))]
pub fn query_parameter(_name: &str) -> Option<String> {
    None
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn preview(pairs: &[(&str, &str)]) -> Preview {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        Preview::from_query(|name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn preview_reads_a_moment_and_a_receiver_on_this_computer_only() {
        assert!(!preview(&[]).is_active());
        let p = preview(&[("preview-at", "2022-04-01T12:00:00Z"), ("preview-endpoint", "http://127.0.0.1:9999/register")]);
        assert_eq!(p.at, Some(Timestamp(1_648_814_400)));
        assert_eq!(p.endpoint.as_deref(), Some("http://127.0.0.1:9999/register"));
        assert!(p.refused.is_empty());
        let p = preview(&[("preview-at", "tomorrow"), ("preview-endpoint", "https://collector.example/steal")]);
        assert_eq!((p.at, p.endpoint.as_deref()), (None, None));
        assert_eq!(p.refused.len(), 2);
        assert!(p.refused[0].starts_with("preview-at: `tomorrow` is not a date-time"), "{:?}", p.refused);
        assert!(p.is_active());
    }

    #[test]
    fn the_clock_shows_the_build_then_the_preview() {
        let owner = Owner::new();
        owner.with(|| {
            let clock = Clock::new(false, Timestamp(1_000));
            assert_eq!(clock.now(), Timestamp(1_000));
            assert!(!clock.is_live());
            assert_eq!(clock.preview(), None);
            clock.go_live_with(Preview { at: Some(Timestamp(42)), ..Preview::default() });
            assert!(clock.is_live());
            assert_eq!(clock.now(), Timestamp(42));
            assert_eq!(clock.preview().and_then(|p| p.at), Some(Timestamp(42)));
            let plain = Clock::new(false, Timestamp(1_000));
            plain.go_live_with(Preview::default());
            assert!(plain.now().0 > 1_600_000_000);
            assert_eq!(plain.preview(), None);
        });
    }
}
