//! The visitor's starred sessions, per event, kept in this browser (no account).

use events_model::programme::Agenda;
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
    event: StoredValue<Event>,
    /// What went wrong the last time the agenda was saved, shown next to it.
    error: RwSignal<Option<String>>,
    /// Counts loads and imports (not single stars), for lists that should not jump while the
    /// visitor unstars sessions in them.
    replaced: RwSignal<u32>,
}

impl AgendaStore {
    /// The agenda of `event`, empty until [`AgendaStore::load`] reads it from storage (which
    /// only the browser can do: the prerendered page shows no stars).
    pub fn new(event: Event) -> Self {
        AgendaStore {
            agenda: RwSignal::new(Agenda::default()),
            event: StoredValue::new(event),
            error: RwSignal::new(None),
            replaced: RwSignal::new(0),
        }
    }

    /// Reads the agenda kept in this browser.
    pub fn load(self) {
        let slug = self.event.with_value(|e| e.summary.slug.clone());
        match crate::storage::get(&key(&slug)) {
            Ok(text) => {
                let agenda = self.event.with_value(|e| Agenda::decode(e, text.as_deref().unwrap_or("")));
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
        let event = self.event;
        self.agenda.update(|a| {
            event.with_value(|e| a.toggle(e, id));
        });
        self.save();
    }

    /// Adds every session of `other` (a shared agenda).
    pub fn import(self, other: &Agenda) {
        let event = self.event;
        self.agenda.update(|a| *a = event.with_value(|e| a.merged(e, other)));
        self.replaced.update(|n| *n += 1);
        self.save();
    }

    fn save(self) {
        let slug = self.event.with_value(|e| e.summary.slug.clone());
        let text = self.agenda.with_untracked(Agenda::encode);
        let result =
            if text.is_empty() { crate::storage::remove(&key(&slug)) } else { crate::storage::set(&key(&slug), &text) };
        self.error.set(result.err().map(|e| format!("Your agenda holds for this visit only: {e}.")));
    }
}
