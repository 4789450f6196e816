//! The form's state: one [`FormState`], provided by the form and read by its parts with
//! [`use_form`].

use events_model::registration::validate::{check_answer, check_consent, Answer, FieldRef, FormValues, Problem};
use events_model::registration::{Pairs, Registration};
use leptos::prelude::*;

use crate::registration::BrowserPatterns;

/// The form's state, shared by its fields through a context ([`FormState::provide`]).
#[derive(Clone, Copy)]
pub(super) struct FormState {
    /// The registration the form asks for.
    pub reg: StoredValue<Registration>,
    /// The answers so far.
    pub values: RwSignal<FormValues>,
    /// Messages by the control's HTML id (`q-name`, `c-privacy`).
    pub problems: RwSignal<Pairs<String>>,
    /// Fields the visitor has typed in (checked when left).
    pub touched: RwSignal<Vec<String>>,
    /// Whether the visitor has pressed Register (or the endpoint named fields): the summary shows.
    pub submitted: RwSignal<bool>,
    /// The page's live region, for errors.
    pub announcement: RwSignal<String>,
}

/// The state of the form around the caller (provided by the form, which is always there).
pub(super) fn use_form() -> FormState {
    expect_context::<FormState>()
}

impl FormState {
    /// Makes this the state [`use_form`] finds under the current owner.
    pub fn provide(self) -> Self {
        provide_context(self);
        self
    }

    /// The message shown for the control with HTML id `dom_id`, if any.
    pub fn problem(self, dom_id: &str) -> Option<String> {
        self.problems.with(|p| p.get(dom_id).cloned())
    }

    /// Whether the control with HTML id `dom_id` shows an error (tracked).
    pub fn is_invalid(self, dom_id: &str) -> bool {
        self.problems.with(|p| p.contains_key(dom_id))
    }

    /// The text answer to question `id` (empty when none).
    pub fn text(self, id: &str) -> String {
        self.values.with(|v| v.answer(id).map(|a| a.text().to_owned()).unwrap_or_default())
    }

    /// Whether the box of `field` (a yes/no question or a consent) is ticked.
    pub fn ticked(self, field: &FieldRef) -> bool {
        self.values.with(|v| match field {
            FieldRef::Question(id) => matches!(v.answer(id), Some(Answer::Checked(true))),
            FieldRef::Consent(id) => v.consented(id),
        })
    }

    /// Whether `option` is among the choices answered to question `id`.
    pub fn has_choice(self, id: &str, option: &str) -> bool {
        self.values.with(|v| matches!(v.answer(id), Some(Answer::Choices(c)) if c.iter().any(|c| c == option)))
    }

    /// Ticks (`on`) or unticks `option` among the choices answered to question `field`.
    pub fn toggle(self, field: &FieldRef, option: &str, on: bool) {
        let FieldRef::Question(id) = field else { return };
        let mut chosen = self.values.with_untracked(|v| match v.answer(id) {
            Some(Answer::Choices(c)) => c.clone(),
            _ => Vec::new(),
        });
        chosen.retain(|c| c != option);
        if on {
            chosen.push(option.to_owned());
        }
        self.set(field.clone(), Answer::Choices(chosen));
    }

    /// Checks one field and shows (or clears) its error; announces a new error when `announce`.
    pub fn check(self, field: &FieldRef, announce: bool) {
        let found = self.values.with_untracked(|values| {
            self.reg.with_value(|reg| match field {
                FieldRef::Question(id) => reg.question(id).and_then(|q| {
                    check_answer(q, values.answer(id), &BrowserPatterns).err().map(|p| (q.label.clone(), p.message(q)))
                }),
                FieldRef::Consent(id) => reg.consents.iter().find(|c| &c.id == id).and_then(|c| {
                    check_consent(c, values.consented(id)).err().map(|_| (c.label.clone(), Problem::consent_message(c)))
                }),
            })
        });
        let dom_id = field.dom_id();
        match found {
            Some((label, message)) => {
                if announce {
                    self.announcement.set(format!("{label}: {message}"));
                }
                self.problems.update(|p| p.insert(dom_id, message));
            }
            None => {
                if self.problems.with_untracked(|p| p.contains_key(&dom_id)) {
                    self.problems.update(|p| p.remove(&dom_id));
                }
            }
        }
    }

    /// Records an answer; a field already showing an error is checked again at once, so the
    /// error goes as soon as the answer is right.
    pub fn set(self, field: FieldRef, answer: Answer) {
        let dom_id = field.dom_id();
        self.values.update(|v| match (&field, &answer) {
            (FieldRef::Consent(id), Answer::Checked(ticked)) => {
                v.consents.insert(id.clone(), *ticked);
            }
            (FieldRef::Question(id), _) => {
                v.answers.insert(id.clone(), answer);
            }
            _ => {}
        });
        if self.touched.with_untracked(|t| !t.contains(&dom_id)) {
            self.touched.update(|t| t.push(dom_id.clone()));
        }
        if self.problems.with_untracked(|p| p.contains_key(&dom_id)) {
            self.check(&field, false);
        }
    }

    /// The visitor leaves a field: check it if they typed in it or it shows an error.
    pub fn left(self, field: &FieldRef) {
        let dom_id = field.dom_id();
        if self.touched.with_untracked(|t| t.contains(&dom_id)) || self.problems.with_untracked(|p| p.contains_key(&dom_id)) {
            self.check(field, true);
        }
    }
}
