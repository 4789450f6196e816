//! Model values for tests, built in one place: a test names what it cares about and takes the
//! rest from here, so a new field of a model type touches this file, not every test. Compiled
//! for this crate's tests and, with the `fixtures` feature, for other crates' tests.

use crate::{Event, EventSummary, Place, Session, SpeakerRef, SpeakerSummary, TimeRange, Timestamp, Track};
use crate::site::Slug;

/// 2022-04-25T00:00:00Z: the first day of the events these fixtures make.
pub const MON: i64 = 1_650_844_800;
/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// `text` as a slug; a test that gives anything else is wrong, so it panics.
pub fn slug(text: &str) -> Slug {
    Slug::parse(text).unwrap_or_else(|e| panic!("a test's slug: {e}"))
}

/// A virtual event called `name` at `slug`, five days in UTC from [`MON`], with no sessions.
pub fn summary(slug_text: &str, name: &str) -> EventSummary {
    EventSummary {
        slug: slug(slug_text),
        name: name.to_owned(),
        kind: "virtual conference".to_owned(),
        summary: String::new(),
        start: Timestamp(MON),
        end: Timestamp(MON + 5 * DAY),
        days: 5,
        timezone: "UTC".to_owned(),
        place: Place::Virtual,
        co_located_with: None,
        session_count: 0,
    }
}

/// The event of `summary` with these sessions (its `session_count` set to theirs) and nothing
/// else: no tracks, speakers, organizers, links or registration.
pub fn event(mut summary: EventSummary, sessions: Vec<Session>) -> Event {
    summary.session_count = sessions.len();
    Event {
        summary,
        description_html: String::new(),
        links: Vec::new(),
        chairs: Vec::new(),
        languages: Vec::new(),
        formats: Vec::new(),
        tracks: Vec::new(),
        day_starts: Vec::new(),
        sessions,
        speakers: Vec::new(),
        organizers: Vec::new(),
        registration: None,
    }
}

/// A presentation `id` called `title`, without time, speakers, track, language, recording or
/// abstract.
pub fn session(id: &str, title: &str) -> Session {
    Session {
        id: slug(id),
        title: title.to_owned(),
        speakers: Vec::new(),
        time: None,
        day: None,
        kind: "Presentation".to_owned(),
        track: None,
        language: None,
        video: None,
        room: None,
        abstract_html: String::new(),
    }
}

/// `minutes` from `start` (seconds since the epoch).
pub fn timed(start: i64, minutes: i64) -> TimeRange {
    TimeRange { start: Timestamp(start), end: Timestamp(start + minutes * 60) }
}

/// A speaker as a session names them, with a page at `slug` or without one.
pub fn speaker(name: &str, page: Option<&str>) -> SpeakerRef {
    SpeakerRef { name: name.to_owned(), slug: page.map(slug) }
}

/// A speaker as an event lists them.
pub fn speaker_summary(slug_text: &str, name: &str, designation: &str) -> SpeakerSummary {
    SpeakerSummary { slug: slug(slug_text), name: name.to_owned(), designation: designation.to_owned(), photo: None }
}

/// A track called `name` at `slug`, without a description.
pub fn track(slug_text: &str, name: &str) -> Track {
    Track { name: name.to_owned(), slug: slug(slug_text), description: String::new(), color: None }
}

/// Registration from `opens` to `closes` through a form sending to `endpoint`, with no
/// questions of the event's own and no consents.
pub fn registration(opens: i64, closes: i64, endpoint: &str) -> crate::Registration {
    crate::Registration {
        opens: Timestamp(opens),
        closes: Timestamp(closes),
        endpoint: Some(endpoint.to_owned()),
        url: None,
        capacity_note: None,
        capacity: None,
        questions: Vec::new(),
        consents: Vec::new(),
    }
}

/// A speaker's page with one session of `event`.
pub fn speaker_page(slug_text: &str, name: &str, event: &Event, session: &Session) -> crate::SpeakerPage {
    crate::SpeakerPage {
        slug: slug(slug_text),
        name: name.to_owned(),
        designation: String::new(),
        photo: None,
        links: Vec::new(),
        bio_html: String::new(),
        sessions: vec![crate::SpeakerSession {
            event_slug: event.summary.slug.clone(),
            event_name: event.summary.name.clone(),
            timezone: event.summary.timezone.clone(),
            id: session.id.clone(),
            title: session.title.clone(),
            kind: session.kind.clone(),
            time: session.time,
        }],
    }
}

/// An organizer of `group` without a photo.
pub fn organizer(name: &str, designation: &str, group: crate::OrganizerGroup) -> crate::Organizer {
    crate::Organizer { name: name.to_owned(), designation: designation.to_owned(), group, photo: None }
}

/// A photo of `name` (a slug-like stem) at `widths`, WebP and JPEG at each (file names as the
/// build writes them, with a made-up hash).
pub fn photo(name: &str, widths: &[u32]) -> crate::Photo {
    let mut variants = Vec::new();
    for &w in widths {
        for format in [crate::PhotoFormat::Webp, crate::PhotoFormat::Jpeg] {
            variants.push(crate::PhotoVariant { file: format!("{name}-0123456789abcdef-{w}.{}", format.extension()), width: w, height: w, format });
        }
    }
    crate::Photo { variants }
}
