//! Sessionize's API view "All" (the JSON of `https://sessionize.com/api/v2/<id>/view/All`).
//!
//! The fields relied on (anything else in the export is ignored):
//!
//! | field | use |
//! |---|---|
//! | `sessions[].id` | the session's `id` and `import_id` (text or a number) |
//! | `sessions[].title`, `.description` | `title`, the body |
//! | `sessions[].startsAt`, `.endsAt` | `time_start`, `time_end`: local times of the event's zone, without an offset |
//! | `sessions[].isServiceSession` | breaks and the like: kept without speakers, or left out with `--no-service-sessions` |
//! | `sessions[].speakers` | speaker ids (in "All"), or `{id, name}` objects (other views) |
//! | `sessions[].categoryItems` | ids of items of `categories`, mapped by the category's title |
//! | `sessions[].recordingUrl` | `video` |
//! | `sessions[].roomId`, `rooms[]` `{id, name}` | `room` |
//! | `speakers[].id`, `.fullName` (else `firstName` `lastName`) | `import_id`, `title` |
//! | `speakers[].tagLine`, `.bio` | `designation`, the body |
//! | `speakers[].profilePicture` | `image`: the address, or with `--photos` the file downloaded beside the speaker file |
//! | `speakers[].links[]` `{title, url, linkType}` | `twitter`, `linkedin`, `github`, `facebook`, `instagram` |
//! | `categories[]` `{id, title, items[] {id, name}}` | `session_type`, `track_slug`, `language` by title (see [`super::Target::from_title`]); the items of the track group and of the format group, in their order, are the event's tracks and formats |
//!
//! `questionAnswers` (of sessions and speakers), e-mail addresses and phone numbers are never
//! read: they are the speakers' private answers to the call for proposals.

use std::collections::BTreeMap;

use jiff::tz::TimeZone;
use serde::Deserialize;

use super::read::{instant, markdown, nonempty, Id};
use super::{language_name, session_id, social_field, ExportTrack, ImportError, Options, ProblemKind, Programme, Session, SessionProblem, Speaker, Target};

/// A session's speaker: an id ("All") or an object with one.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
enum SpeakerRef {
    Id(Id),
    Object { id: Id },
}

#[derive(Debug, Deserialize)]
struct Export {
    sessions: Vec<ExportSession>,
    #[serde(default)]
    speakers: Vec<ExportSpeaker>,
    #[serde(default)]
    categories: Vec<Category>,
    #[serde(default)]
    rooms: Vec<Room>,
}

#[derive(Debug, Deserialize)]
struct Room {
    id: Id,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExportSession {
    id: Id,
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    starts_at: Option<String>,
    #[serde(default)]
    ends_at: Option<String>,
    #[serde(default)]
    is_service_session: bool,
    #[serde(default)]
    speakers: Vec<SpeakerRef>,
    #[serde(default)]
    category_items: Vec<Id>,
    #[serde(default)]
    recording_url: Option<String>,
    #[serde(default)]
    room_id: Option<Id>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExportSpeaker {
    id: Id,
    #[serde(default)]
    full_name: Option<String>,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    bio: Option<String>,
    #[serde(default)]
    tag_line: Option<String>,
    #[serde(default)]
    profile_picture: Option<String>,
    #[serde(default)]
    links: Vec<Link>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Link {
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    link_type: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Category {
    title: String,
    #[serde(default)]
    items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
struct Item {
    id: Id,
    name: String,
}

/// Reads a Sessionize "All" export. Local times are read in `tz` (named `zone`).
pub fn read(text: &str, tz: &TimeZone, zone: &str, options: &Options) -> Result<Programme, ImportError> {
    let export: Export = serde_json::from_str(text).map_err(|e| ImportError::Json {
        expected: "a Sessionize \"All\" export (JSON with `sessions`, `speakers`, `categories`)",
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let mut programme = Programme::default();

    // Category items by id: which field, and the item's name.
    let mut items: BTreeMap<String, (Target, String)> = BTreeMap::new();
    let mut unused = Vec::new();
    for c in &export.categories {
        let target = options.target(&c.title);
        if target == Target::Ignore {
            unused.push(c.title.clone());
        }
        for item in &c.items {
            let name = item.name.trim().to_owned();
            match target {
                Target::Track if !programme.tracks.iter().any(|t| t.name == name) => programme.tracks.push(ExportTrack { name: name.clone(), color: None }),
                Target::SessionType if !programme.formats.contains(&name) => programme.formats.push(name.clone()),
                _ => {}
            }
            items.insert(item.id.text(), (target, name));
        }
    }
    if !unused.is_empty() {
        programme.notes.push(format!(
            "categories not imported: {}; to import one, say which field it is, e.g. --map \"{}=session_type\" (or track, language)",
            unused.join(", "),
            unused[0]
        ));
    }

    let rooms: BTreeMap<String, String> = export.rooms.iter().map(|r| (r.id.text(), r.name.trim().to_owned())).collect();
    let speakers: BTreeMap<String, &ExportSpeaker> = export.speakers.iter().map(|s| (s.id.text(), s)).collect();
    let mut used_speakers: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for s in &export.sessions {
        if s.is_service_session && options.skip_service {
            continue;
        }
        let source_id = s.id.text();
        let problem = |field, kind| SessionProblem { source_id: source_id.clone(), title: s.title.clone(), field, kind };
        let time = |field: &'static str, value: &Option<String>| -> Result<Option<jiff::Timestamp>, SessionProblem> {
            let Some(written) = nonempty(value) else { return Ok(None) };
            instant(&written, tz, zone).map(Some).map_err(|kind| problem(field, kind))
        };
        let start = time("startsAt", &s.starts_at);
        let end = time("endsAt", &s.ends_at);
        let time = match (start, end) {
            (Ok(Some(a)), Ok(Some(b))) if b <= a => {
                problems.push(problem("endsAt", ProblemKind::EndBeforeStart));
                None
            }
            (Ok(Some(a)), Ok(Some(b))) => Some((a, b)),
            (Ok(None), Ok(None)) => None,
            (Ok(_), Ok(_)) => {
                problems.push(problem("startsAt", ProblemKind::HalfScheduled));
                None
            }
            (a, b) => {
                problems.extend(a.err());
                problems.extend(b.err());
                None
            }
        };
        let mut ids = Vec::new();
        for r in &s.speakers {
            let id = match r {
                SpeakerRef::Id(id) | SpeakerRef::Object { id } => id.text(),
            };
            if speakers.contains_key(&id) {
                if !used_speakers.contains(&id) {
                    used_speakers.push(id.clone());
                }
                ids.push(id);
            } else {
                problems.push(problem("speakers", ProblemKind::UnknownSpeaker { id }));
            }
        }
        let mut session = Session {
            id: session_id(&source_id),
            source_id: source_id.clone(),
            title: s.title.trim().to_owned(),
            speakers: ids,
            time,
            session_type: None,
            track: None,
            language: None,
            video: nonempty(&s.recording_url),
            room: s.room_id.as_ref().and_then(|id| rooms.get(&id.text())).filter(|r| !r.is_empty()).cloned(),
            service: s.is_service_session,
            body: markdown(&s.description),
        };
        for item in &s.category_items {
            match items.get(&item.text()) {
                Some((Target::SessionType, name)) => session.session_type = Some(name.clone()),
                Some((Target::Track, name)) => session.track = Some(name.clone()),
                Some((Target::Language, name)) => session.language = Some(language_name(name)),
                _ => {}
            }
        }
        if s.is_service_session && session.session_type.is_none() {
            session.session_type = Some("Break".to_owned());
        }
        programme.sessions.push(session);
    }
    if !problems.is_empty() {
        return Err(ImportError::Sessions(problems));
    }
    for id in used_speakers {
        let sp = speakers[&id];
        let name = nonempty(&sp.full_name).unwrap_or_else(|| {
            [nonempty(&sp.first_name), nonempty(&sp.last_name)].into_iter().flatten().collect::<Vec<_>>().join(" ")
        });
        let links = sp
            .links
            .iter()
            .filter_map(|l| {
                let url = nonempty(&l.url)?;
                let kind = nonempty(&l.link_type).or_else(|| nonempty(&l.title)).unwrap_or_default();
                social_field(&kind, &url).map(|field| (field, url))
            })
            .fold(Vec::new(), |mut v: Vec<(&'static str, String)>, (f, u)| {
                if !v.iter().any(|(g, _)| *g == f) {
                    v.push((f, u));
                }
                v
            });
        programme.speakers.push(Speaker {
            source_id: id,
            name,
            designation: nonempty(&sp.tag_line),
            links,
            photo_url: nonempty(&sp.profile_picture).filter(|u| crate::frontmatter::web_address(u).is_ok()),
            body: markdown(&sp.bio),
        });
    }
    Ok(programme)
}
