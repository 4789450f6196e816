//! Data the test crates share (`tests/web.rs` in the browser, `crates/build/tests/hydration_fixture.rs`
//! natively): one small event in both, so the hydrated fixture and the components' tests
//! describe one programme. Built from the model's own test values (`events_model::fixtures`).

use events_model::fixtures::{self, slug, speaker, speaker_summary, timed, track};
pub use events_model::fixtures::{DAY, MON};
use events_model::{Event, EventSummary, Link, OrganizerGroup, Session, SessionFormat, Timestamp};

/// A presentation `id` called `title`, `minutes` long from `start` (seconds), on the day it
/// falls on counted from [`MON`], by a speaker with a page and one without.
pub fn session(id: &str, title: &str, start: i64, minutes: i64, track: Option<&str>) -> Session {
    let mut s = fixtures::session(id, title);
    s.speakers = vec![speaker("Lin Sun", Some("lin-sun")), speaker("No File", None)];
    s.time = Some(timed(start, minutes));
    s.day = Some(((start - MON) / DAY) as usize);
    s.track = track.map(slug);
    s.language = Some("English".into());
    s.video = Some("https://youtu.be/x".into());
    s.abstract_html = "<p>An <em>abstract</em>.</p>".into();
    s
}

/// A virtual event `slug` called `name`, `days` long in UTC from `start`.
pub fn summary(slug: &str, name: &str, start: i64, days: i64) -> EventSummary {
    let mut s = fixtures::summary(slug, name);
    (s.start, s.end, s.days) = (Timestamp(start), Timestamp(start + days * DAY), days as u32);
    s
}

/// IstioCon 2022 in small, the same on every run: two days in UTC from [`MON`], three sessions
/// (`titles` of a1, a2 and b1), one track, one speaker with a page, one organizer.
pub fn event(titles: [&str; 3]) -> Event {
    let sessions = vec![
        session("a1", titles[0], MON + 15 * 3600, 25, Some("getting-started")),
        session("a2", titles[1], MON + 16 * 3600, 35, None),
        session("b1", titles[2], MON + DAY + 3600, 40, Some("getting-started")),
    ];
    let mut event = fixtures::event(summary("istiocon-2022", "IstioCon 2022", MON, 2), sessions);
    event.summary.summary = "The second IstioCon.".into();
    event.description_html = "<p>Hello <strong>world</strong></p>".into();
    event.links = vec![Link { label: "Website".into(), url: "https://events.istio.io/".into() }];
    event.chairs = vec!["Lin Sun".into()];
    event.languages = vec!["English".into()];
    event.formats = vec![SessionFormat { name: "Presentation".into(), minutes: 40, min_speakers: Some(1), max_speakers: Some(2) }];
    event.tracks = vec![track("getting-started", "Getting started")];
    event.tracks[0].description = "Basics.".into();
    event.day_starts = vec![Timestamp(MON), Timestamp(MON + DAY)];
    event.speakers = vec![speaker_summary("lin-sun", "Lin Sun", "Solo.io")];
    event.organizers = vec![events_model::fixtures::organizer("Craig Box", "Google", OrganizerGroup::ProgrammeCommittee)];
    event
}
