//! Data the test crates share (`tests/web.rs` in the browser, `tests/hydration_fixture.rs`
//! natively): the same small event's sessions in both, so the hydrated fixture and the
//! components' tests describe one programme.

use events_model::{Session, SpeakerRef, TimeRange, Timestamp};

/// Seconds in a day.
pub const DAY: i64 = 86_400;
/// 2022-04-25T00:00:00Z, the event's first day.
pub const MON: i64 = 1_650_844_800;

/// A presentation `id` called `title`, `minutes` long from `start` (seconds), on the day it
/// falls on counted from [`MON`], by a speaker with a page and one without.
pub fn session(id: &str, title: &str, start: i64, minutes: i64, track: Option<&str>) -> Session {
    Session {
        id: id.into(),
        title: title.into(),
        speakers: vec![
            SpeakerRef { name: "Lin Sun".into(), slug: Some("lin-sun".into()) },
            SpeakerRef { name: "No File".into(), slug: None },
        ],
        time: Some(TimeRange { start: Timestamp(start), end: Timestamp(start + minutes * 60) }),
        day: Some(((start - MON) / DAY) as usize),
        kind: "Presentation".into(),
        track: track.map(str::to_owned),
        language: Some("English".into()),
        video: Some("https://youtu.be/x".into()),
        abstract_html: "<p>An <em>abstract</em>.</p>".into(),
    }
}
