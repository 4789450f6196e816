//! Registrations on their way to an endpoint: the app's outbox.
//!
//! A registration is saved on the device (`localStorage`) before anything is sent, then POSTed
//! with its idempotency key until the endpoint answers 2xx (registered) or 4xx (refused);
//! network errors, timeouts and 5xx answers are retried with backoff, when the browser comes
//! back online, and after a reload (saved copies are picked up when the app starts, on any
//! page). The rules are [`events_model::registration::delivery`]; this module adds the browser.
//! Nothing here logs anything, and the only requests go to the registration's endpoint.

mod browser;

use std::time::Duration;

use events_model::registration::delivery::{Delivery, StoredRegistration, Timing};
use leptos::prelude::*;

pub use browser::{random_bytes, BrowserPatterns, StorageError};

/// One registration known to this visit, with how its delivery stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// What is sent, as saved on the device.
    pub stored: StoredRegistration,
    /// Its attempts.
    pub delivery: Delivery,
    /// Whether the copy on the device was saved (private modes and full storage refuse it).
    pub saved_on_device: bool,
}

/// The registrations of this visit, one per event at most, shared through context.
#[derive(Clone, Copy, Debug)]
pub struct Outbox {
    entries: RwSignal<Vec<Entry>>,
    timing: Timing,
}

/// Provides the outbox: saved copies are read at once (the page shows them only once the app
/// is live), then sent when the app runs, and again whenever the browser comes back online.
pub fn provide_outbox() -> Outbox {
    let outbox = Outbox::load();
    provide_context(outbox);
    Effect::new(move |_| outbox.start());
    outbox
}

/// The outbox the app provides ([`provide_outbox`]); whatever renders a component on its own
/// (a test) provides one first ([`Outbox::empty`]).
pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

impl Outbox {
    /// An outbox with nothing in it and nothing read from the device, for a component rendered
    /// on its own.
    pub fn empty() -> Self {
        Outbox { entries: RwSignal::new(Vec::new()), timing: Timing::default() }
    }

    /// The outbox with the copies saved on this device, and the retry timing set for this
    /// browser ([`Timing::SETTING`]), if any.
    pub fn load() -> Self {
        let entries = browser::saved()
            .into_iter()
            .map(|stored| Entry { stored, delivery: Delivery::default(), saved_on_device: true })
            .collect();
        Outbox { entries: RwSignal::new(entries), timing: Timing::from_setting(browser::setting(Timing::SETTING).as_deref()) }
    }

    /// The registration for `event`, if this visit has one (tracked).
    pub fn entry(self, event: &str) -> Option<Entry> {
        self.entries.with(|list| list.iter().find(|e| e.stored.event == event).cloned())
    }

    /// The registration for `event`, without tracking.
    pub fn entry_untracked(self, event: &str) -> Option<Entry> {
        self.entries.with_untracked(|list| list.iter().find(|e| e.stored.event == event).cloned())
    }

    /// Whether a registration for `event` is still on its way.
    pub fn is_pending(self, event: &str) -> bool {
        self.entries.with_untracked(|list| list.iter().any(|e| e.stored.event == event && e.delivery.is_pending()))
    }

    /// Saves `stored` on the device, then sends it. Refused (`false`) while another
    /// registration for the same event is on its way: a double click or a second submit never
    /// makes a second registration.
    pub fn submit(self, stored: StoredRegistration) -> bool {
        if self.is_pending(&stored.event) {
            return false;
        }
        let saved_on_device = browser::save(&stored).is_ok();
        let key = stored.key.clone();
        self.entries.update(|list| {
            list.retain(|e| e.stored.event != stored.event);
            list.push(Entry { stored, delivery: Delivery::default(), saved_on_device });
        });
        self.attempt(key);
        true
    }

    /// Sends what was saved on an earlier visit, and retries whenever the browser comes back
    /// online. Called once, when the app runs in the browser.
    pub fn start(self) {
        self.resume();
        // Never removed: the outbox lives as long as the page.
        let _ = window_event_listener(leptos::ev::online, move |_| self.retry_now());
    }

    /// Sends every registration saved and not yet sent in this visit (after a reload).
    pub fn resume(self) {
        let keys: Vec<String> = self.entries.with_untracked(|list| list.iter().map(|e| e.stored.key.clone()).collect());
        for key in keys {
            self.attempt(key);
        }
    }

    /// Retries every waiting registration now (the browser is back online).
    pub fn retry_now(self) {
        self.resume();
    }

    /// Forgets the finished registration for `event` (the visitor registers someone else).
    pub fn forget(self, event: &str) {
        self.entries.update(|list| list.retain(|e| e.stored.event != event || e.delivery.is_pending()));
    }

    /// Starts an attempt for the registration with `key`, if one may start now.
    fn attempt(self, key: String) {
        let request = self
            .entries
            .try_update(|list| {
                let entry = list.iter_mut().find(|e| e.stored.key == key)?;
                entry.delivery.start().then(|| (entry.stored.endpoint.clone(), entry.stored.body.clone(), entry.stored.reference.clone(), entry.stored.event.clone()))
            })
            .flatten();
        let Some((endpoint, body, reference, event)) = request else { return };
        let timing = self.timing;
        leptos::task::spawn_local(async move {
            let outcome = browser::post(&endpoint, &key, &body, timing.timeout_ms).await;
            let jitter = browser::random_fraction();
            let (plan, finished) = self
                .entries
                .try_update(|list| {
                    let entry = list.iter_mut().find(|e| e.stored.key == key)?;
                    let plan = entry.delivery.finish(outcome, &reference, &timing, jitter);
                    Some((plan, !entry.delivery.is_pending()))
                })
                .flatten()
                .unwrap_or((None, false));
            if finished {
                browser::remove(&event, &key);
            }
            if let Some(plan) = plan {
                set_timeout(
                    move || {
                        let due = self.entries.with_untracked(|list| list.iter().any(|e| e.stored.key == key && e.delivery.retry_due(plan.round)));
                        if due {
                            self.attempt(key);
                        }
                    },
                    Duration::from_millis(u64::from(plan.delay_ms)),
                );
            }
        });
    }
}
