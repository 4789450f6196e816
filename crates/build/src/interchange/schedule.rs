//! The frab-compatible schedule of an event, `schedule.json`: the [`ScheduleFile`] that
//! [`super::schedule_xml`] also writes as XML.
//!
//! `schedule.json` follows the c3voc schema `https://c3voc.de/schedule/schema.json` (the JSON
//! that frab and pretalx export and the c3voc tools read): `schedule.version`, `base_url`,
//! `conference` with `days`, each day's `rooms` mapping a room name to its events. The format
//! has no place for a session without a time (every event needs `date`, `start` and
//! `duration`), so such sessions are left out: an event whose organizers published no times
//! (Istio Day North America 2025) gets a valid file with its days and no events.
//!
//! Rooms: the site has no rooms, so they are derived. A virtual event's sessions are in
//! `Online`, an in-person event's in `Main stage`; workshops in `Online workshops` or
//! `Workshop room`. Sessions that would overlap in one room get another (`Online 2`), so no
//! room ever holds two sessions at once. Tracks stay in each event's `track`.

use std::collections::BTreeMap;
use std::path::Path;

use events_content::compile::markdown_to_text;
use events_content::site::Site;
use events_model::ics::{self, UID_DOMAIN};
use events_model::{Download, Event, Page, Place, Session, SiteAddress, Timestamp};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::calendars::at;
use crate::BuildError;

/// Why an event has no schedule: its zone is unknown, or a time is beyond what the zone's
/// rules cover.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// The event's `timezone` is not in the time-zone database.
    #[error("{zone}: {source}")]
    Zone {
        /// The zone's name.
        zone: String,
        /// What jiff said.
        source: jiff::Error,
    },
    /// A time (in seconds since 1970) cannot be put in the event's zone.
    #[error("time {seconds}: {source}")]
    Time {
        /// The time.
        seconds: i64,
        /// What jiff said.
        source: jiff::Error,
    },
}

/// Writes `event`'s `schedule.json` and `schedule.xml` under `out` (from one [`ScheduleFile`])
/// and returns how many files: 2.
pub fn write(site: &Site, event: &Event, out: &Path, address: &SiteAddress) -> Result<usize, BuildError> {
    let slug = &event.summary.slug;
    let json_path = at(out, Download::ScheduleJson(slug.clone()));
    let file = schedule(event, &abstracts(site, slug), address).map_err(|source| BuildError::Schedule { path: json_path.clone(), source })?;
    let json = serde_json::to_string_pretty(&file).map_err(|source| BuildError::Json { path: json_path.clone(), source })?;
    crate::write(&json_path, &(json + "\n"))?;
    crate::write(&at(out, Download::ScheduleXml(slug.clone())), &super::schedule_xml::to_xml(&file))?;
    Ok(2)
}

/// Each session's abstract as plain text, by session id.
fn abstracts(site: &Site, event_slug: &str) -> BTreeMap<String, String> {
    site.events
        .iter()
        .filter(|d| d.slug == event_slug)
        .flat_map(|d| d.sessions.iter().map(|(_, s)| (s.id.clone(), markdown_to_text(&s.body))))
        .collect()
}

/// The file: `{"$schema", "generator", "schedule"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleFile {
    /// The schema this file follows.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// What wrote it.
    pub generator: Generator,
    /// The schedule.
    pub schedule: Schedule,
}

/// What wrote the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Generator {
    /// The program.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// The schedule of one event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// Changes whenever the programme does (a fingerprint of `conference`), so apps can tell
    /// that a schedule they hold is out of date.
    pub version: String,
    /// The event's page; relative addresses in the file would be resolved against it.
    pub base_url: String,
    /// The programme page.
    pub url: String,
    /// The event and its days.
    pub conference: Conference,
}

/// The event and its programme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conference {
    /// The event's slug with `_` for `-` (the schema's acronym pattern allows no dashes before
    /// a year), e.g. `istiocon_2022`.
    pub acronym: String,
    /// The event's name.
    pub title: String,
    /// The first day, `YYYY-MM-DD` in the event's zone.
    pub start: String,
    /// The last day, `YYYY-MM-DD` in the event's zone.
    pub end: String,
    /// How many days.
    #[serde(rename = "daysCount")]
    pub days_count: u32,
    /// The grid apps draw the programme on, `HH:MM`.
    pub timeslot_duration: String,
    /// The event's IANA zone.
    pub time_zone_name: String,
    /// The event's page.
    pub url: String,
    /// Every room used by an event below.
    pub rooms: Vec<Room>,
    /// The event's tracks.
    pub tracks: Vec<TrackInfo>,
    /// The days, first day first.
    pub days: Vec<Day>,
}

/// A room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Room {
    /// Its name, the key in each day's `rooms`.
    pub name: String,
    /// A UUID derived from the event and the name.
    pub guid: String,
}

/// A track.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackInfo {
    /// Its name, as sessions' `track` gives it.
    pub name: String,
    /// Its slug.
    pub slug: String,
}

/// One day of the event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Day {
    /// 1 for the first day.
    pub index: u32,
    /// `YYYY-MM-DD` in the event's zone.
    pub date: String,
    /// Midnight, ISO 8601 with the zone's offset.
    pub day_start: String,
    /// The next midnight (or the end of a session running past it), ISO 8601 with offset.
    pub day_end: String,
    /// Room name to its sessions of the day, in time order.
    pub rooms: BTreeMap<String, Vec<ScheduleEvent>>,
}

/// One session, as the format calls it: an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleEvent {
    /// A positive number derived from `guid` (the format wants an integer id).
    pub id: u32,
    /// A UUID (version 5) derived from the session's calendar UID: the same in every build.
    pub guid: String,
    /// The start, ISO 8601 with the event zone's offset, e.g. `2022-04-26T01:15:00+00:00`.
    pub date: String,
    /// The start, `HH:MM` in the event's zone.
    pub start: String,
    /// The length, `HH:MM`.
    pub duration: String,
    /// The room (see the module's notes).
    pub room: String,
    /// `<event>-<id>-<title words>`, lower case.
    pub slug: String,
    /// The session's page.
    pub url: String,
    /// The title.
    pub title: String,
    /// Always empty: sessions have no subtitle.
    pub subtitle: String,
    /// The track's name, or null for events without tracks.
    pub track: Option<String>,
    /// The session type as the site shows it, e.g. `Lightning talk`.
    #[serde(rename = "type")]
    pub kind: String,
    /// ISO 639-1 code (`en`, `zh`), or empty when the language is not known.
    pub language: String,
    /// The abstract, plain text.
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    /// Empty: the abstract says it all.
    pub description: String,
    /// The speakers.
    pub persons: Vec<Person>,
    /// The recording, when there is one.
    pub links: Vec<LinkRef>,
    /// None.
    pub attachments: Vec<LinkRef>,
}

/// A speaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// The name.
    pub name: String,
    /// The name again, for readers of the older frab format.
    pub public_name: String,
    /// A UUID derived from the speaker page's slug, when the speaker has a page.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub guid: Option<String>,
    /// The speaker's page, when they have one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
}

/// A link of a session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkRef {
    /// Where it points.
    pub url: String,
    /// What it is, e.g. `Recording`.
    pub title: String,
    /// The kind of link, e.g. `media`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// The namespace of every UUID in the files: UUID v5 of [`UID_DOMAIN`] in the DNS namespace.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_DNS, UID_DOMAIN.as_bytes())
}

/// The `guid` of a session: UUID v5 of its calendar UID, so both name the same thing.
pub fn session_guid(event_slug: &str, session_id: &str) -> Uuid {
    Uuid::new_v5(&namespace(), ics::session_uid(event_slug, session_id).as_bytes())
}

/// The integer `id` of a session: the first 31 bits of its guid (never 0).
pub fn session_number(guid: &Uuid) -> u32 {
    let b = guid.as_bytes();
    (u32::from_be_bytes([b[0], b[1], b[2], b[3]]) & 0x7fff_ffff).max(1)
}

/// ISO 639-1 code of a language as the site writes it (`English` -> `en`); empty if unknown.
pub fn language_code(language: &str) -> &'static str {
    match language.trim().to_lowercase().as_str() {
        "english" | "en" => "en",
        "chinese" | "mandarin" | "zh" | "中文" => "zh",
        "german" | "de" => "de",
        "french" | "fr" => "fr",
        "spanish" | "es" => "es",
        "portuguese" | "pt" => "pt",
        "japanese" | "ja" => "ja",
        "korean" | "ko" => "ko",
        _ => "",
    }
}

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn zoned(t: Timestamp, tz: &TimeZone) -> Result<jiff::Zoned, ScheduleError> {
    jiff::Timestamp::from_second(t.0).map(|ts| ts.to_zoned(tz.clone())).map_err(|source| ScheduleError::Time { seconds: t.0, source })
}

fn iso(z: &jiff::Zoned) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// `<event>-<id>-<title words>`: lower-case ASCII words joined by dashes, at most 80
/// characters, ending with a letter or digit.
fn frab_slug(event_slug: &str, id: &str, title: &str) -> String {
    let mut slug = events_content::files::slugify(&format!("{event_slug} {id}"));
    let words = events_content::files::slugify(title);
    for word in words.split('-').filter(|w| !w.is_empty()) {
        if slug.len() + 1 + word.len() > 80 {
            break;
        }
        slug.push('-');
        slug.push_str(word);
    }
    slug
}

/// Room names: the main room and the workshop room for this kind of place.
fn room_bases(place: &Place) -> [&'static str; 2] {
    match place {
        Place::Virtual => ["Online", "Online workshops"],
        Place::InPerson { .. } => ["Main stage", "Workshop room"],
    }
}

/// Assigns every timed session a room so that no room holds two sessions at once: workshops
/// apart from the rest, each group filling its first room and opening `<name> 2` and so on
/// only for a session that overlaps one already there.
fn assign_rooms(event: &Event) -> Vec<(String, &Session)> {
    let bases = room_bases(&event.summary.place);
    let mut assigned = Vec::new();
    for (group, base) in bases.iter().enumerate() {
        let is_workshop = |s: &Session| s.kind.to_lowercase().contains("workshop");
        let mut sessions: Vec<&Session> =
            event.sessions.iter().filter(|s| s.time.is_some() && is_workshop(s) == (group == 1)).collect();
        sessions.sort_by_key(|s| s.time.map(|t| (t.start, std::cmp::Reverse(t.end))));
        // (room name, end of its last session)
        let mut rooms: Vec<(String, Timestamp)> = Vec::new();
        for session in sessions {
            let Some(time) = session.time else { continue };
            let index = match rooms.iter().position(|(_, end)| *end <= time.start) {
                Some(i) => i,
                None => {
                    let name = if rooms.is_empty() { (*base).to_owned() } else { format!("{base} {}", rooms.len() + 1) };
                    rooms.push((name, time.end));
                    rooms.len() - 1
                }
            };
            rooms[index].1 = time.end;
            assigned.push((rooms[index].0.clone(), session));
        }
    }
    assigned
}

/// The frab-compatible schedule of `event`. `abstracts` holds each session's abstract as plain
/// text, by id. Fails only if the event's zone is unknown or a time is out of range.
pub fn schedule(event: &Event, abstracts: &BTreeMap<String, String>, address: &SiteAddress) -> Result<ScheduleFile, ScheduleError> {
    let summary = &event.summary;
    let slug = &summary.slug;
    let tz = TimeZone::get(&summary.timezone).map_err(|source| ScheduleError::Zone { zone: summary.timezone.clone(), source })?;
    let default_language = match event.languages.as_slice() {
        [only] => Some(only.as_str()),
        _ => None,
    };

    let mut days: Vec<Day> = Vec::new();
    // Each day's end, pushed later by a session that runs past midnight.
    let mut day_ends: Vec<Timestamp> = Vec::new();
    for (i, start) in event.day_starts.iter().enumerate() {
        let end = event.day_starts.get(i + 1).copied().unwrap_or(summary.end);
        day_ends.push(end);
        let z = zoned(*start, &tz)?;
        days.push(Day {
            index: i as u32 + 1,
            date: z.strftime("%Y-%m-%d").to_string(),
            day_start: iso(&z),
            day_end: iso(&zoned(end, &tz)?),
            rooms: BTreeMap::new(),
        });
    }

    let mut room_names: Vec<String> = Vec::new();
    for (room, session) in assign_rooms(event) {
        let (Some(time), Some(index)) = (session.time, session.day) else { continue };
        let (Some(day), Some(day_end)) = (days.get_mut(index), day_ends.get_mut(index)) else { continue };
        let guid = session_guid(slug, &session.id);
        let start = zoned(time.start, &tz)?;
        let end = zoned(time.end, &tz)?;
        if time.end > *day_end {
            *day_end = time.end;
            day.day_end = iso(&end);
        }
        let language = session.language.as_deref().or(default_language).map_or("", language_code);
        let entry = ScheduleEvent {
            id: session_number(&guid),
            guid: guid.to_string(),
            date: iso(&start),
            start: start.strftime("%H:%M").to_string(),
            duration: hhmm(time.minutes()),
            room: room.clone(),
            slug: frab_slug(slug, &session.id, &session.title),
            url: address.published_href(&Page::Session { event: slug.clone(), id: session.id.clone() }),
            title: session.title.clone(),
            subtitle: String::new(),
            track: session.track.as_ref().map(|t| event.track(t).map_or(t.to_string(), |t| t.name.clone())),
            kind: session.kind.clone(),
            language: language.to_owned(),
            abstract_text: abstracts.get(session.id.as_str()).cloned().unwrap_or_default(),
            description: String::new(),
            persons: session
                .speakers
                .iter()
                .map(|s| Person {
                    name: s.name.clone(),
                    public_name: s.name.clone(),
                    guid: s.slug.as_ref().map(|slug| Uuid::new_v5(&namespace(), format!("speaker/{slug}").as_bytes()).to_string()),
                    url: s.slug.as_ref().map(|slug| address.published_href(&Page::Speaker(slug.clone()))),
                })
                .collect(),
            links: session
                .video
                .iter()
                .map(|v| LinkRef { url: v.clone(), title: "Recording".to_owned(), kind: "media".to_owned() })
                .collect(),
            attachments: Vec::new(),
        };
        if !room_names.contains(&room) {
            room_names.push(room.clone());
        }
        day.rooms.entry(room).or_default().push(entry);
    }
    for day in &mut days {
        for list in day.rooms.values_mut() {
            list.sort_by(|a, b| a.date.cmp(&b.date));
        }
    }

    let first = zoned(summary.start, &tz)?;
    let last_day = days.last().map_or_else(|| first.strftime("%Y-%m-%d").to_string(), |d| d.date.clone());
    let conference = Conference {
        acronym: slug.replace('-', "_"),
        title: summary.name.clone(),
        start: first.strftime("%Y-%m-%d").to_string(),
        end: last_day,
        days_count: days.len() as u32,
        timeslot_duration: "00:05".to_owned(),
        time_zone_name: summary.timezone.clone(),
        url: address.published_href(&Page::Event(slug.clone())),
        rooms: room_names
            .iter()
            .map(|name| Room { name: name.clone(), guid: Uuid::new_v5(&namespace(), format!("room/{slug}/{name}").as_bytes()).to_string() })
            .collect(),
        tracks: event.tracks.iter().map(|t| TrackInfo { name: t.name.clone(), slug: t.slug.to_string() }).collect(),
        days,
    };
    // Strings, numbers and maps keyed by strings: serializing cannot fail.
    let fingerprint = serde_json::to_vec(&conference).expect("the schedule serializes to JSON");
    let version = Uuid::new_v5(&namespace(), &fingerprint).simple().to_string()[..12].to_owned();
    Ok(ScheduleFile {
        schema: "https://c3voc.de/schedule/schema.json".to_owned(),
        // The name the files had when `content build` wrote them: apps that show it, and
        // anyone comparing files, see no change.
        generator: Generator { name: "istio-events-site content build".to_owned(), version: env!("CARGO_PKG_VERSION").to_owned() },
        schedule: Schedule {
            version,
            base_url: address.published_href(&Page::Event(slug.clone())),
            url: address.published_href(&Page::Programme(slug.clone())),
            conference,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes() {
        assert_eq!(language_code("English"), "en");
        assert_eq!(language_code("chinese"), "zh");
        assert_eq!(language_code("Subtitled"), "");
    }

    #[test]
    fn durations_are_hours_and_minutes() {
        assert_eq!(hhmm(35), "00:35");
        assert_eq!(hhmm(150), "02:30");
    }

    #[test]
    fn frab_slugs_are_lower_case_words_ending_in_a_letter_or_digit() {
        assert_eq!(
            frab_slug("istiocon-2022", "a3", "External CA integration with Istio explained"),
            "istiocon-2022-a3-external-ca-integration-with-istio-explained"
        );
        assert_eq!(frab_slug("istiocon-2022", "e5", "基于istio构建超大规模kubernetes集群的稳定性底盘"), "istiocon-2022-e5-ji-yu-istio-gou-jian-chao-da-gui-mo-kubernetes-ji-qun-de-wen");
        let long = frab_slug("istiocon-2022", "a1", &"word ".repeat(40));
        assert!(long.len() <= 80 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn guids_are_stable_uuids_and_ids_positive() {
        let a = session_guid("istiocon-2022", "a3");
        assert_eq!(a, session_guid("istiocon-2022", "a3"));
        assert_ne!(a, session_guid("istiocon-2021", "a3"));
        assert_eq!(a.get_version_num(), 5);
        assert!(session_number(&a) >= 1);
    }
}
