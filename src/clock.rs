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
        let at = get("preview-at").and_then(|text| match Timestamp::parse_rfc3339(&text) {
            Ok(at) => Some(at),
            Err(e) => {
                refused.push(format!("preview-at: {e}"));
                None
            }
        });
        let endpoint = get("preview-endpoint").and_then(|url| {
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

/// What the live clock knows.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Live {
    zone: String,
    preview: Preview,
}

/// The page's clock, shared through context.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    /// The visitor's zone and the preview, known once the clock goes live; `None` before.
    live: RwSignal<Option<Live>>,
    built_at: Timestamp,
}

impl Clock {
    /// A clock that is `live` already (client rendering) or shows `built_at` until
    /// [`Clock::go_live`] (prerendering and hydration).
    pub fn new(live: bool, built_at: Timestamp) -> Self {
        let live = live.then(|| Live { zone: time::visitor_zone(), preview: Preview::default() });
        Clock { live: RwSignal::new(live), built_at }
    }

    /// The moment the page describes: the build time before the clock is live; then the
    /// previewed moment, or the visitor's "now".
    pub fn now(self) -> Timestamp {
        self.live.with(|live| match live {
            None => self.built_at,
            Some(Live { preview: Preview { at: Some(at), .. }, .. }) => *at,
            Some(_) => time::now(),
        })
    }

    /// Whether the app runs in the browser (the page was hydrated or rendered there).
    pub fn is_live(self) -> bool {
        self.live.with(Option::is_some)
    }

    /// The visitor's zone, once known.
    pub fn visitor_zone(self) -> Option<String> {
        self.live.with(|live| live.as_ref().map(|l| l.zone.clone()))
    }

    /// The preview the address asked for, if any (known once live).
    pub fn preview(self) -> Option<Preview> {
        self.live.with(|live| live.as_ref().map(|l| l.preview.clone()).filter(Preview::is_active))
    }

    /// Switches from the build's view of the world to the visitor's, with the preview the
    /// address asks for.
    pub fn go_live(self) {
        self.go_live_with(Preview::from_query(query_parameter));
    }

    /// Switches to the visitor's view with `preview` (tests give their own).
    pub fn go_live_with(self, preview: Preview) {
        if self.live.with_untracked(Option::is_none) {
            self.live.set(Some(Live { zone: time::visitor_zone(), preview }));
        }
    }
}

/// The clock provided by the app, or a live one (components rendered on their own, in tests).
pub fn use_clock() -> Clock {
    use_context::<Clock>().unwrap_or_else(|| Clock::new(true, time::now()))
}

/// A parameter of the page's address (`?name=value`).
#[cfg(target_arch = "wasm32")]
fn query_parameter(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Natively there is no address bar.
#[cfg(not(target_arch = "wasm32"))]
fn query_parameter(_name: &str) -> Option<String> {
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
