//! Files for other programs, written beside the pages: calendars (`.ics`) and a frab-compatible
//! `schedule.json` and `schedule.xml` for each event.
//!
//! | file ([`events_model::ics::files`]) | what |
//! |---|---|
//! | `<event>/sessions/<id>.ics` | one session (only sessions with a published time) |
//! | `<event>/programme.ics` | every session with a published time (not written when there is none) |
//! | `<event>/<event>.ics` | the event itself, as one entry |
//! | `<event>/schedule.json` | the programme in the frab/c3voc schedule JSON format |
//! | `<event>/schedule.xml` | the same programme in frab's XML ([`schedule_xml`]), which EventFahrplan and Giggity read |
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
use std::fs;
use std::io;
use std::path::Path;

use events_model::ics::{self, UID_DOMAIN};
use events_model::{Download, Event, Page, Place, Session, SiteAddress, SitePath, Timestamp};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::compile::{markdown_to_text, Compiled};
use crate::site::Site;

/// When the files are made, for the calendars' `DTSTAMP`: `SOURCE_DATE_EPOCH` (seconds, the
/// reproducible-builds convention) when set, else now.
pub fn stamp_from_env() -> Timestamp {
    if let Some(seconds) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()) {
        return Timestamp(seconds);
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Timestamp(i64::try_from(now).unwrap_or(i64::MAX))
}

/// Writes every event's calendars, `schedule.json` and `schedule.xml` under `out` and returns how many files it
/// wrote. Session calendars left by an earlier build in `<event>/sessions/` are removed first,
/// so a session that lost its time (or was removed) loses its file; nothing else is touched.
pub fn write(site: &Site, compiled: &Compiled, out: &Path, address: &SiteAddress, stamp: Timestamp) -> io::Result<usize> {
    let mut written = 0;
    // The paths the app links to (events_model::Download), under `out`.
    let at = |file: Download| out.join(file.path().trim_start_matches('/'));
    for event in &compiled.events {
        let slug = &event.summary.slug;
        let dir = out.join(slug.as_str());
        let sessions_dir = dir.join("sessions");
        remove_old_calendars(&sessions_dir)?;
        fs::create_dir_all(&dir)?;

        let timed: Vec<&Session> = event.sessions.iter().filter(|s| s.time.is_some()).collect();
        if !timed.is_empty() {
            fs::create_dir_all(&sessions_dir)?;
        }
        for session in &timed {
            let ics = ics::sessions_calendar(event, &[session], address, stamp);
            fs::write(at(Download::SessionCalendar { event: slug.clone(), id: session.id.clone() }), ics)?;
            written += 1;
        }
        let programme = at(Download::ProgrammeCalendar(slug.clone()));
        if timed.is_empty() {
            if programme.exists() {
                fs::remove_file(&programme)?;
            }
        } else {
            fs::write(programme, ics::sessions_calendar(event, &timed, address, stamp))?;
            written += 1;
        }
        fs::write(at(Download::EventCalendar(slug.clone())), ics::event_calendar(&event.summary, address, stamp))?;
        written += 1;

        let abstracts = abstracts(site, slug);
        let schedule = schedule(event, &abstracts, address).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let json = serde_json::to_string_pretty(&schedule).map_err(io::Error::other)?;
        fs::write(at(Download::ScheduleJson(slug.clone())), json + "\n")?;
        fs::write(at(Download::ScheduleXml(slug.clone())), schedule_xml(&schedule))?;
        written += 2;
    }
    Ok(written)
}

/// Text as XML 1.0 can hold it: the characters it forbids (controls other than tab, line feed
/// and carriage return, lone surrogates cannot occur in a `str`, U+FFFE and U+FFFF) become
/// U+FFFD. Escaping `<`, `&` and quotes is the writer's job.
fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}');
    if text.chars().all(allowed) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(|c| if allowed(c) { c } else { '\u{FFFD}' }).collect())
    }
}

/// The schedule as frab's XML (`schedule.xml`), the format EventFahrplan and Giggity read,
/// following the c3voc schema (`crates/content/tests/schedule.xml.xsd`): the same content as
/// `schedule.json`, since both are written from one [`ScheduleFile`]. Written by quick-xml,
/// which escapes every text and attribute.
pub fn schedule_xml(file: &ScheduleFile) -> String {
    use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event as X};
    // Writing to a Vec cannot fail.
    let mut w = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2);
    let mut put = |event: X<'_>| w.write_event(event).expect("writing XML to memory");
    let open = |name: &str, attrs: &[(&str, &str)]| {
        let mut start = BytesStart::new(name.to_owned());
        for (k, v) in attrs {
            start.push_attribute((*k, xml_chars(v).as_ref()));
        }
        X::Start(start)
    };
    let text = |value: &str| X::Text(BytesText::new(&xml_chars(value)).into_owned());
    let close = |name: &str| X::End(BytesEnd::new(name.to_owned()));
    // <name>value</name>
    macro_rules! element {
        ($name:expr, $value:expr) => {{
            put(open($name, &[]));
            put(text($value));
            put(close($name));
        }};
    }

    let s = &file.schedule;
    let c = &s.conference;
    put(X::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    put(open("schedule", &[]));
    put(X::Empty(BytesStart::new("generator").with_attributes([("name", file.generator.name.as_str()), ("version", file.generator.version.as_str())])));
    element!("version", &s.version);
    put(open("conference", &[]));
    element!("title", &c.title);
    element!("acronym", &c.acronym);
    element!("start", &c.start);
    element!("end", &c.end);
    element!("days", &c.days_count.to_string());
    element!("timeslot_duration", &c.timeslot_duration);
    element!("base_url", &s.base_url);
    element!("time_zone_name", &c.time_zone_name);
    put(close("conference"));
    for day in &c.days {
        let index = day.index.to_string();
        put(open("day", &[("index", &index), ("date", &day.date), ("start", &day.day_start), ("end", &day.day_end)]));
        for (room, events) in &day.rooms {
            put(open("room", &[("name", room)]));
            for e in events {
                let id = e.id.to_string();
                put(open("event", &[("guid", &e.guid), ("id", &id)]));
                element!("date", &e.date);
                element!("start", &e.start);
                element!("duration", &e.duration);
                element!("room", &e.room);
                element!("slug", &e.slug);
                element!("url", &e.url);
                element!("title", &e.title);
                element!("subtitle", &e.subtitle);
                element!("track", e.track.as_deref().unwrap_or(""));
                element!("type", &e.kind);
                element!("language", &e.language);
                element!("abstract", &e.abstract_text);
                element!("description", &e.description);
                put(open("persons", &[]));
                for p in &e.persons {
                    element!("person", &p.public_name);
                }
                put(close("persons"));
                put(open("links", &[]));
                for link in &e.links {
                    put(open("link", &[("href", &link.url)]));
                    put(text(&link.title));
                    put(close("link"));
                }
                put(close("links"));
                put(close("event"));
            }
            put(close("room"));
        }
        put(close("day"));
    }
    put(close("schedule"));
    let mut xml = String::from_utf8(w.into_inner()).expect("quick-xml writes the UTF-8 it is given");
    xml.push('\n');
    xml
}

fn remove_old_calendars(dir: &Path) -> io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "ics") {
            fs::remove_file(path)?;
        }
    }
    Ok(())
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

fn zoned(t: Timestamp, tz: &TimeZone) -> Result<jiff::Zoned, String> {
    jiff::Timestamp::from_second(t.0).map(|ts| ts.to_zoned(tz.clone())).map_err(|e| format!("time {}: {e}", t.0))
}

fn iso(z: &jiff::Zoned) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// `<event>-<id>-<title words>`: lower-case ASCII words joined by dashes, at most 80
/// characters, ending with a letter or digit.
fn frab_slug(event_slug: &str, id: &str, title: &str) -> String {
    let mut slug = crate::files::slugify(&format!("{event_slug} {id}"));
    let words = crate::files::slugify(title);
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
pub fn schedule(event: &Event, abstracts: &BTreeMap<String, String>, address: &SiteAddress) -> Result<ScheduleFile, String> {
    let summary = &event.summary;
    let slug = &summary.slug;
    let tz = TimeZone::get(&summary.timezone).map_err(|e| format!("{}: {e}", summary.timezone))?;
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
    let fingerprint = serde_json::to_vec(&conference).map_err(|e| e.to_string())?;
    let version = Uuid::new_v5(&namespace(), &fingerprint).simple().to_string()[..12].to_owned();
    Ok(ScheduleFile {
        schema: "https://c3voc.de/schedule/schema.json".to_owned(),
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

    /// A schedule with one session whose every text is hostile.
    fn hostile_schedule() -> ScheduleFile {
        let nasty = "</title><script>alert(\"x\")</script> & 'quoted' \u{1} ]]> <![CDATA[";
        let event = ScheduleEvent {
            id: 7,
            guid: "6ba7b810-9dad-51d1-80b4-00c04fd430c8".into(),
            date: "2022-04-25T14:00:00+00:00".into(),
            start: "14:00".into(),
            duration: "00:40".into(),
            room: format!("Room {nasty}"),
            slug: "e-a1-x".into(),
            url: "https://events.istio.io/e/sessions/a1/?a=1&b=2".into(),
            title: nasty.into(),
            subtitle: String::new(),
            track: None,
            kind: "Talk".into(),
            language: "en".into(),
            abstract_text: format!("line one\n{nasty}"),
            description: String::new(),
            persons: vec![Person { name: nasty.into(), public_name: nasty.into(), guid: None, url: None }],
            links: vec![LinkRef { url: "https://youtu.be/x?a=\"1\"&b=<2>".into(), title: "Recording".into(), kind: "media".into() }],
            attachments: Vec::new(),
        };
        let day = Day {
            index: 1,
            date: "2022-04-25".into(),
            day_start: "2022-04-25T00:00:00+00:00".into(),
            day_end: "2022-04-26T00:00:00+00:00".into(),
            rooms: BTreeMap::from([(event.room.clone(), vec![event])]),
        };
        ScheduleFile {
            schema: String::new(),
            generator: Generator { name: "g\"<&>".into(), version: "1".into() },
            schedule: Schedule {
                version: "abc".into(),
                base_url: "https://events.istio.io/e/".into(),
                url: "https://events.istio.io/e/programme/".into(),
                conference: Conference {
                    acronym: "e".into(),
                    title: nasty.into(),
                    start: "2022-04-25".into(),
                    end: "2022-04-25".into(),
                    days_count: 1,
                    timeslot_duration: "00:05".into(),
                    time_zone_name: "UTC".into(),
                    url: "https://events.istio.io/e/".into(),
                    rooms: Vec::new(),
                    tracks: Vec::new(),
                    days: vec![day],
                },
            },
        }
    }

    #[test]
    fn schedule_xml_escapes_every_text_and_attribute() {
        use quick_xml::events::Event as X;
        let xml = schedule_xml(&hostile_schedule());
        assert!(!xml.contains("<script>") && !xml.contains("</title><"), "{xml}");
        assert!(!xml.contains('\u{1}'), "a control character XML cannot hold is replaced");
        // Read back by an XML parser: the same texts and attribute values, whole.
        let mut reader = quick_xml::Reader::from_str(&xml);
        let (mut texts, mut attrs, mut path) = (Vec::new(), Vec::new(), Vec::<String>::new());
        let mut current = String::new();
        loop {
            match reader.read_event().unwrap() {
                X::Start(e) | X::Empty(e) => {
                    for a in e.attributes() {
                        attrs.push(a.unwrap().unescape_value().unwrap().into_owned());
                    }
                    path.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                    current.clear();
                    if matches!(path.last().map(String::as_str), Some("generator")) {
                        path.pop();
                    }
                }
                X::Text(t) => current.push_str(&t.decode().unwrap()),
                X::GeneralRef(r) => current.push(r.resolve_char_ref().unwrap().unwrap_or_else(|| match r.decode().unwrap().as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("{other}"),
                })),
                X::End(_) => {
                    let name = path.pop().unwrap();
                    if !current.trim().is_empty() {
                        texts.push((name, std::mem::take(&mut current)));
                    }
                    current.clear();
                }
                X::Eof => break,
                _ => {}
            }
        }
        let clean = "</title><script>alert(\"x\")</script> & 'quoted' \u{FFFD} ]]> <![CDATA[";
        let text_of = |name: &str| texts.iter().filter(|(n, _)| n == name).map(|(_, t)| t.as_str()).collect::<Vec<_>>();
        assert_eq!(text_of("title"), [clean, clean], "the conference's and the session's");
        assert_eq!(text_of("person"), [clean]);
        assert_eq!(text_of("abstract"), [format!("line one\n{clean}")]);
        assert_eq!(text_of("url"), ["https://events.istio.io/e/sessions/a1/?a=1&b=2"]);
        assert!(attrs.contains(&"g\"<&>".to_owned()), "{attrs:?}");
        assert!(attrs.contains(&format!("Room {clean}")), "{attrs:?}");
        assert!(attrs.contains(&"https://youtu.be/x?a=\"1\"&b=<2>".to_owned()), "{attrs:?}");
        // Elements with no text are empty, not whitespace.
        assert!(xml.contains("<subtitle></subtitle>") || xml.contains("<subtitle/>"), "{xml}");
    }

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
