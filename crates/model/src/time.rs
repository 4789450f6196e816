//! Instants and event states. No time-zone database here: zones are applied by the content
//! compiler (natively) and by the browser's `Intl` (in the app).

use serde::{Deserialize, Serialize};

/// An instant, in whole seconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Milliseconds since the epoch, as JavaScript's `Date` takes them.
    pub fn as_millis_f64(self) -> f64 {
        self.0 as f64 * 1000.0
    }

    /// The instant from JavaScript milliseconds (`Date.now()`), rounded down to the second.
    pub fn from_millis_f64(ms: f64) -> Self {
        Timestamp((ms / 1000.0).floor() as i64)
    }
}

/// Where an event stands at a given moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventState {
    /// It has not started.
    Upcoming,
    /// It is happening now.
    Live,
    /// It is over.
    Past,
}

impl EventState {
    /// The state of an event running from `start` (inclusive) to `end` (exclusive) at `now`.
    pub fn of(start: Timestamp, end: Timestamp, now: Timestamp) -> Self {
        if now < start {
            EventState::Upcoming
        } else if now < end {
            EventState::Live
        } else {
            EventState::Past
        }
    }

    /// The word shown on badges.
    pub fn label(self) -> &'static str {
        match self {
            EventState::Upcoming => "Upcoming",
            EventState::Live => "Live now",
            EventState::Past => "Past",
        }
    }

    /// A CSS-friendly name.
    pub fn class(self) -> &'static str {
        match self {
            EventState::Upcoming => "upcoming",
            EventState::Live => "live",
            EventState::Past => "past",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_boundaries_are_inclusive_start_exclusive_end() {
        let (s, e) = (Timestamp(100), Timestamp(200));
        assert_eq!(EventState::of(s, e, Timestamp(99)), EventState::Upcoming);
        assert_eq!(EventState::of(s, e, Timestamp(100)), EventState::Live);
        assert_eq!(EventState::of(s, e, Timestamp(199)), EventState::Live);
        assert_eq!(EventState::of(s, e, Timestamp(200)), EventState::Past);
    }

    #[test]
    fn millis_round_down() {
        assert_eq!(Timestamp::from_millis_f64(1_500.9), Timestamp(1));
        assert_eq!(Timestamp(2).as_millis_f64(), 2000.0);
    }
}
