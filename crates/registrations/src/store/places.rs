//! The waiting-list rule, for both databases: an event with a capacity gives its places to
//! registrations in the order they are stored; once they are all held, the next ones go on the
//! waiting list. The rule is pure; the database only says how many places were held before the
//! batch (once per event and batch).

use std::collections::HashMap;

/// Whether a new registration goes on the waiting list, when `placed` registrations already
/// hold a place of the event's `capacity` (none: every registration gets a place). `placed`
/// can be past `capacity` when the capacity was lowered after they registered.
pub(super) fn on_waiting_list(capacity: Option<u32>, placed: i64) -> bool {
    capacity.is_some_and(|capacity| placed >= i64::from(capacity))
}

/// The places held per event while one batch is stored, its registrations placed in order.
#[derive(Debug, Default)]
pub(super) struct Places(HashMap<String, i64>);

impl Places {
    /// How many places of `event` are held, if the batch has placed one of its registrations.
    pub(super) fn held(&self, event: &str) -> Option<i64> {
        self.0.get(event).copied()
    }

    /// Places the next registration of `event`, `held` places being taken before it (from
    /// [`Places::held`], or counted in the database the first time): whether it goes on the
    /// waiting list.
    pub(super) fn place(&mut self, event: &str, capacity: u32, held: i64) -> bool {
        let waiting = on_waiting_list(Some(capacity), held);
        self.0.insert(event.to_owned(), if waiting { held } else { held + 1 });
        waiting
    }

    /// A registration placed with a place was not stored after all (another instance stored
    /// its key first): the place is free again.
    pub(super) fn release(&mut self, event: &str) {
        if let Some(n) = self.0.get_mut(event) {
            *n -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Places `n` registrations of `event` in order, the database having `counted` places held.
    fn run(places: &mut Places, event: &str, capacity: u32, counted: i64, n: usize) -> Vec<bool> {
        (0..n)
            .map(|_| {
                let held = places.held(event).unwrap_or(counted);
                places.place(event, capacity, held)
            })
            .collect()
    }

    #[test]
    fn without_a_capacity_everyone_has_a_place() {
        assert!(!on_waiting_list(None, 0));
        assert!(!on_waiting_list(None, i64::MAX));
    }

    #[test]
    fn the_first_arrivals_take_the_places_left_and_the_rest_wait() {
        let mut places = Places::default();
        assert_eq!(run(&mut places, "small", 2, 0, 4), [false, false, true, true]);
        assert_eq!(places.held("small"), Some(2));
        let mut places = Places::default();
        assert_eq!(run(&mut places, "small", 3, 1, 3), [false, false, true], "one place was held before the batch");
    }

    #[test]
    fn a_full_or_shrunk_event_puts_everyone_on_the_waiting_list() {
        assert_eq!(run(&mut Places::default(), "small", 2, 2, 2), [true, true]);
        assert_eq!(run(&mut Places::default(), "small", 2, 5, 1), [true], "capacity lowered below the places held");
        assert_eq!(run(&mut Places::default(), "none", 0, 0, 2), [true, true]);
    }

    #[test]
    fn events_are_counted_apart() {
        let mut places = Places::default();
        assert_eq!(run(&mut places, "a", 1, 0, 2), [false, true]);
        assert_eq!(run(&mut places, "b", 1, 0, 2), [false, true]);
        assert_eq!(places.held("c"), None, "an event not yet seen is counted in the database");
    }

    #[test]
    fn a_released_place_goes_to_the_next_arrival() {
        let mut places = Places::default();
        assert_eq!(run(&mut places, "small", 1, 0, 1), [false]);
        places.release("small");
        assert_eq!(run(&mut places, "small", 1, 0, 2), [false, true]);
        places.release("unseen");
        assert_eq!(places.held("unseen"), None);
    }
}
