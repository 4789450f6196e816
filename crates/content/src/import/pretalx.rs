//! pretalx's schedule export, the frab/c3voc `schedule.json` (pretalx publishes it at
//! `/<event>/schedule/export/schedule.json`; schema `https://c3voc.de/schedule/schema.json`),
//! and the same file as frab writes it (events with numeric `id`s, persons with only `id` and
//! `public_name`, `logo: null`, no `time_zone_name`).
//!
//! The fields relied on (anything else is ignored):
//!
//! | field | use |
//! |---|---|
//! | `schedule.conference.time_zone_name` | compared with event.md's zone by its rules (`US/Eastern` is `America/New_York`): a note when they differ |
//! | `schedule.conference.tracks[]` `{name, color}` (pretalx) | the event's tracks, in this order, with their colours |
//! | `schedule.conference.days[].rooms.<room>[]` | the sessions ("events" in the format) |
//! | event `code` (pretalx), else `id` (frab), else `guid` | the session's `id` and `import_id` |
//! | event `date` | the start: ISO 8601 with an offset; without one, a local time of event.md's zone (kept as it is when it is before its day's `day_start`) |
//! | event `room`, else the key in the day's `rooms` | `room` |
//! | event `duration` | `HH:MM` (or `HH:MM:00`): the end is the start plus it |
//! | event `title`, `abstract`, `description` | `title`, the body (abstract, then description; HTML becomes Markdown) |
//! | event `type`, `track`, `language` | `session_type`, `track_slug`, `language` (`en` -> English) |
//! | event `links[]` `{url, title, type}` | `video`: the first of type `media`, or titled as a recording or video |
//! | `persons[]` `code` (pretalx), else `guid`, else `id` | the speaker's `import_id` |
//! | `persons[]` `public_name`, else `name`; `biography` | `title`, the body |
//! | `persons[]` `avatar` (empty when the speaker has none) | `image`: the address, or with `--photos` the file downloaded beside the speaker file |
//!
//! A session of type `break` with no speakers is a service session. `answers` (of events and
//! persons), e-mail addresses and phone numbers are never read.

use std::collections::BTreeMap;

use jiff::tz::TimeZone;
use serde::Deserialize;

use super::read::{instant, markdown, nonempty, Id};
use super::{language_name, markdown_of, same_zone, session_id, ExportTrack, ImportError, Options, ProblemKind, Programme, Session, SessionProblem, Speaker};

#[derive(Debug, Deserialize)]
struct File {
    schedule: Schedule,
}

#[derive(Debug, Deserialize)]
struct Schedule {
    conference: Conference,
}

#[derive(Debug, Deserialize)]
struct Conference {
    #[serde(default)]
    time_zone_name: Option<String>,
    #[serde(default)]
    tracks: Vec<ConferenceTrack>,
    days: Vec<Day>,
}

#[derive(Debug, Deserialize)]
struct ConferenceTrack {
    name: String,
    #[serde(default)]
    color: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Day {
    rooms: BTreeMap<String, Vec<Event>>,
}

#[derive(Debug, Deserialize)]
struct Event {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    id: Option<Id>,
    #[serde(default)]
    guid: Option<String>,
    date: String,
    duration: String,
    title: String,
    #[serde(default)]
    track: Option<String>,
    #[serde(default)]
    room: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default, rename = "abstract")]
    abstract_text: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    persons: Vec<Person>,
    #[serde(default)]
    links: Vec<Link>,
}

#[derive(Debug, Deserialize)]
struct Person {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    avatar: Option<String>,
    #[serde(default)]
    guid: Option<String>,
    #[serde(default)]
    id: Option<Id>,
    #[serde(default)]
    public_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    biography: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Link {
    url: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

/// Minutes in a frab duration: `HH:MM` (the schema's form) or `HH:MM:SS`.
fn minutes(duration: &str) -> Option<i64> {
    let parts: Vec<i64> = duration.trim().split(':').map(|p| p.parse::<i64>().ok()).collect::<Option<_>>()?;
    match parts.as_slice() {
        [h, m] | [h, m, 0] if *m < 60 => Some(h * 60 + m),
        _ => None,
    }
}

/// Reads a pretalx/frab `schedule.json`. Dates without an offset are read in `tz` (`zone`).
pub fn read(text: &str, tz: &TimeZone, zone: &str, options: &Options) -> Result<Programme, ImportError> {
    let file: File = serde_json::from_str(text).map_err(|e| ImportError::Json {
        expected: "a pretalx or frab schedule.json (JSON with `schedule.conference.days`)",
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let conference = file.schedule.conference;
    let mut programme = Programme::default();
    if let Some(name) = nonempty(&conference.time_zone_name) {
        match jiff::tz::TimeZone::get(&name) {
            Ok(theirs) if same_zone(&theirs, tz) => {}
            _ => programme.notes.push(format!(
                "the export's zone is {name} but event.md's is {zone}; times keep their offsets, and the site shows them in {zone}"
            )),
        }
    }
    for t in &conference.tracks {
        let name = t.name.trim().to_owned();
        let color = nonempty(&t.color).filter(|c| crate::files::is_color(c)).map(|c| c.to_lowercase());
        if !name.is_empty() && !programme.tracks.iter().any(|k| k.name == name) {
            programme.tracks.push(ExportTrack { name, color });
        }
    }
    let mut problems = Vec::new();
    let mut speakers: Vec<Speaker> = Vec::new();
    for day in &conference.days {
        for (room, events) in &day.rooms {
            for e in events {
                let service = e.persons.is_empty() && e.kind.as_deref().is_some_and(|k| k.trim().eq_ignore_ascii_case("break"));
                if service && options.skip_service {
                    continue;
                }
                let source_id = nonempty(&e.code)
                    .or_else(|| e.id.as_ref().map(Id::text))
                    .or_else(|| nonempty(&e.guid))
                    .unwrap_or_else(|| e.title.clone());
                let problem = |field, kind| SessionProblem { source_id: source_id.clone(), title: e.title.clone(), field, kind };
                let start = instant(&e.date, tz, zone).map_err(|kind| problem("date", kind));
                let time = match (start, minutes(&e.duration)) {
                    (Ok(start), Some(m)) if m > 0 => Some((start, start + jiff::SignedDuration::from_mins(m))),
                    (Ok(_), Some(_)) => {
                        problems.push(problem("duration", ProblemKind::EndBeforeStart));
                        None
                    }
                    (Ok(_), None) => {
                        problems.push(problem("duration", ProblemKind::BadTime { written: e.duration.clone() }));
                        None
                    }
                    (Err(p), _) => {
                        problems.push(p);
                        None
                    }
                };
                let mut ids = Vec::new();
                for p in &e.persons {
                    let name = nonempty(&p.public_name).or_else(|| nonempty(&p.name)).unwrap_or_default();
                    let id = nonempty(&p.code)
                        .or_else(|| nonempty(&p.guid))
                        .or_else(|| p.id.as_ref().map(Id::text))
                        .unwrap_or_else(|| name.clone());
                    if !speakers.iter().any(|s| s.source_id == id) {
                        speakers.push(Speaker {
                            source_id: id.clone(),
                            name,
                            designation: None,
                            links: Vec::new(),
                            photo_url: nonempty(&p.avatar).filter(|u| crate::frontmatter::web_address(u).is_ok()),
                            body: markdown(&p.biography),
                        });
                    }
                    ids.push(id);
                }
                let body = [nonempty(&e.abstract_text), nonempty(&e.description)].into_iter().flatten().map(|t| markdown_of(&t)).collect::<Vec<_>>().join("\n\n");
                let video = e
                    .links
                    .iter()
                    .find(|l| {
                        let title = l.title.as_deref().unwrap_or("").to_lowercase();
                        l.kind.as_deref() == Some("media") || title.contains("recording") || title.contains("video")
                    })
                    .map(|l| l.url.trim().to_owned());
                let session_type = nonempty(&e.kind).or_else(|| service.then(|| "Break".to_owned()));
                if let Some(t) = session_type.as_ref().filter(|_| !service)
                    && !programme.formats.contains(t)
                {
                    programme.formats.push(t.clone());
                }
                let track = nonempty(&e.track);
                if let Some(name) = &track
                    && !programme.tracks.iter().any(|k| k.name == *name)
                {
                    programme.tracks.push(ExportTrack { name: name.clone(), color: None });
                }
                programme.sessions.push(Session {
                    id: session_id(&source_id),
                    source_id: source_id.clone(),
                    title: e.title.trim().to_owned(),
                    speakers: ids,
                    time,
                    session_type,
                    track,
                    language: nonempty(&e.language).map(|l| language_name(&l)),
                    video,
                    room: nonempty(&e.room).or_else(|| Some(room.trim().to_owned()).filter(|r| !r.is_empty())),
                    service,
                    body,
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Sessions(problems));
    }
    programme.speakers = speakers;
    Ok(programme)
}
