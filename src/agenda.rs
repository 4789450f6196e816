//! The visitor's starred sessions, per event, kept in this browser (no account).

use events_model::programme::{programme_order, Agenda};
use events_model::Event;
use leptos::prelude::*;

/// The storage key of an event's agenda.
fn key(slug: &str) -> String {
    format!("istio-events:agenda:{slug}")
}

/// An event's agenda as the page shows it, saved to browser storage on every change.
#[derive(Clone, Copy, Debug)]
pub struct AgendaStore {
    agenda: RwSignal<Agenda>,
    /// The event's slug.
    slug: StoredValue<String>,
    /// The event's session ids in programme order: what an agenda may hold, and its order.
    order: StoredValue<Vec<String>>,
    /// What went wrong the last time the agenda was saved, shown next to it.
    error: RwSignal<Option<String>>,
    /// Counts loads and imports (not single stars), for lists that should not jump while the
    /// visitor unstars sessions in them.
    replaced: RwSignal<u32>,
}

impl AgendaStore {
    /// The agenda of `event`, empty until [`AgendaStore::load`] reads it from storage (which
    /// only the browser can do: the prerendered page shows no stars).
    pub fn new(event: &Event) -> Self {
        let order = programme_order(event).into_iter().map(str::to_owned).collect();
        AgendaStore::for_sessions(event.summary.slug.to_string(), order)
    }

    /// The agenda of the event `slug`, whose sessions are `order` (ids, in programme order).
    pub fn for_sessions(slug: String, order: Vec<String>) -> Self {
        AgendaStore {
            agenda: RwSignal::new(Agenda::default()),
            slug: StoredValue::new(slug),
            order: StoredValue::new(order),
            error: RwSignal::new(None),
            replaced: RwSignal::new(0),
        }
    }

    /// Reads the agenda kept in this browser.
    pub fn load(self) {
        let slug = self.slug.get_value();
        match crate::storage::get(&key(&slug)) {
            Ok(text) => {
                let agenda = self.with_order(|order| Agenda::decode_in(order, text.as_deref().unwrap_or("")));
                self.agenda.set(agenda);
                self.replaced.update(|n| *n += 1);
            }
            Err(e) => self.error.set(Some(format!("Your agenda cannot be kept: {e}."))),
        }
    }

    /// The starred sessions.
    pub fn get(self) -> Agenda {
        self.agenda.get()
    }

    /// The agenda as it was last loaded or imported: what a list of it shows, so that a
    /// session unstarred from the list stays there (its star off) until the page is loaded
    /// again, and keyboard focus stays on its button.
    pub fn listed(self) -> Agenda {
        self.replaced.track();
        self.agenda.get_untracked()
    }

    /// Whether the session is starred.
    pub fn contains(self, id: &str) -> bool {
        self.agenda.with(|a| a.contains(id))
    }

    /// Why the agenda could not be saved, if it could not.
    pub fn error(self) -> Option<String> {
        self.error.get()
    }

    /// Stars or unstars a session.
    pub fn toggle(self, id: &str) {
        self.agenda.update(|a| {
            self.with_order(|order| a.toggle_in(order, id));
        });
        self.save();
    }

    /// Adds every session of `other` (a shared agenda).
    pub fn import(self, other: &Agenda) {
        self.agenda.update(|a| *a = self.with_order(|order| a.merged_in(order, other)));
        self.replaced.update(|n| *n += 1);
        self.save();
    }

    fn with_order<R>(self, f: impl FnOnce(&[&str]) -> R) -> R {
        self.order.with_value(|order| f(&order.iter().map(String::as_str).collect::<Vec<_>>()))
    }

    fn save(self) {
        let slug = self.slug.get_value();
        let text = self.agenda.with_untracked(Agenda::encode);
        let result =
            if text.is_empty() { crate::storage::remove(&key(&slug)) } else { crate::storage::set(&key(&slug), &text) };
        self.error.set(result.err().map(|e| format!("Your agenda holds for this visit only: {e}.")));
    }
}
