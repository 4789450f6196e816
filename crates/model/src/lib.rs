//! The data the site's pages read: what `site-build data` compiles from the organizers' files
//! and what the app fetches as JSON.
//!
//! This crate has no Leptos and no parsing dependencies, so the same types serve the native
//! content compiler, the native tests and the Wasm app. Times are [`Timestamp`]s (seconds since
//! the Unix epoch, UTC), never strings: the browser formats them with `Intl` in the event's zone
//! and in the visitor's.

use serde::{Deserialize, Serialize};

#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod grid;
pub mod ics;
pub mod programme;
pub mod registration;
pub mod site;
mod time;

pub use registration::Registration;
pub use site::{DataFile, Download, Page, PageKind, SiteAddress, SitePath, Slug};
pub use time::{time_until_label, EventState, TimeParseError, Timestamp, UtcDateTime};

/// JSON to put inside a `<script>` element (page data, JSON-LD): `<`, `>` and `&` written as
/// JSON escapes, so no text in it (`</script>`, `<!--<script>`, which would swallow the rest of
/// the page) can change how the HTML parser reads the element. The JSON means the same.
pub fn json_for_script(json: &str) -> String {
    json.replace('&', "\\u0026").replace('<', "\\u003c").replace('>', "\\u003e")
}

/// Every event, as the home page lists them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteIndex {
    /// The events, soonest first (see [`home_groups`] for the home page's order).
    pub events: Vec<EventSummary>,
}

/// Items sorted by start, as the home page groups them at `now`: upcoming and live ones (soonest
/// first), then past ones (most recent first). `when` gives an item's start and end. Needs no
/// sorting, so the browser runs it without a sort routine in the Wasm.
pub fn home_groups<T>(sorted: Vec<T>, when: impl Fn(&T) -> (Timestamp, Timestamp), now: Timestamp) -> (Vec<T>, Vec<T>) {
    let (current, mut past): (Vec<T>, Vec<T>) = sorted.into_iter().partition(|item| {
        let (start, end) = when(item);
        EventState::of(start, end, now) != EventState::Past
    });
    past.reverse();
    (current, past)
}

/// What a list of events needs to know about one event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventSummary {
    /// The URL segment, e.g. `istiocon-2022`.
    pub slug: Slug,
    /// The event's name, e.g. `IstioCon 2022`.
    pub name: String,
    /// What kind of event it is, e.g. `virtual conference`.
    pub kind: String,
    /// One sentence about the event.
    pub summary: String,
    /// The first moment of the first day, in the event's zone.
    pub start: Timestamp,
    /// The first moment after the last day, in the event's zone (exclusive).
    pub end: Timestamp,
    /// Number of days the event lasts.
    pub days: u32,
    /// The event's IANA time zone, e.g. `America/New_York`.
    pub timezone: String,
    /// Where it happens.
    pub place: Place,
    /// The larger event it is part of, e.g. `KubeCon + CloudNativeCon North America 2025`.
    pub co_located_with: Option<String>,
    /// How many published sessions the event has.
    pub session_count: usize,
}

impl EventSummary {
    /// Whether the event is upcoming, live or past at `now`.
    pub fn state_at(&self, now: Timestamp) -> EventState {
        EventState::of(self.start, self.end, now)
    }
}

/// Where an event happens. In JSON: `{"type": "virtual"}` or
/// `{"type": "in_person", "city": "...", "venue": "..."}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Place {
    /// Online only.
    Virtual,
    /// In a city, optionally at a named venue.
    InPerson {
        /// City and country, e.g. `Atlanta, Georgia, USA`.
        city: String,
        /// The venue, e.g. `ExCeL London`.
        venue: Option<String>,
    },
}

impl Place {
    /// A short human label: `Virtual` or the city with the venue.
    pub fn label(&self) -> String {
        match self {
            Place::Virtual => "Virtual".to_owned(),
            Place::InPerson { city, venue: Some(venue) } => format!("{venue}, {city}"),
            Place::InPerson { city, venue: None } => city.clone(),
        }
    }
}

/// One event with everything its pages show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The facts shared with the home page.
    pub summary: EventSummary,
    /// The description, sanitized HTML made from the event file's Markdown body.
    pub description_html: String,
    /// Links: website, call for proposals, recordings, registration.
    pub links: Vec<Link>,
    /// Programme chairs.
    pub chairs: Vec<String>,
    /// Languages sessions are given in.
    pub languages: Vec<String>,
    /// Session formats of the call for proposals.
    pub formats: Vec<SessionFormat>,
    /// Tracks, in the order the event declares them.
    pub tracks: Vec<Track>,
    /// The days of the event, in the event's zone.
    pub day_starts: Vec<Timestamp>,
    /// Published sessions, in programme order (by start time, then slot).
    pub sessions: Vec<Session>,
    /// Everyone who speaks at this event, by name.
    pub speakers: Vec<SpeakerSummary>,
    /// The people who organized the event.
    pub organizers: Vec<Organizer>,
    /// How to register, when the event file says.
    #[serde(default)]
    pub registration: Option<Registration>,
}

impl Event {
    /// The session with this id.
    pub fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// The track with this slug.
    pub fn track(&self, slug: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.slug == slug)
    }

    /// Sessions grouped by the day of the event they start on (event zone), in order.
    /// Sessions without a published time are grouped under `None`, last.
    pub fn sessions_by_day(&self) -> Vec<(Option<usize>, Vec<&Session>)> {
        let groups = self.session_indices_by_day();
        groups.into_iter().map(|(day, at)| (day, at.into_iter().map(|i| &self.sessions[i]).collect())).collect()
    }

    /// [`Event::sessions_by_day`] as indices into [`Event::sessions`].
    pub fn session_indices_by_day(&self) -> Vec<(Option<usize>, Vec<usize>)> {
        // Each day's group is put in its place when it is first seen (no sort routine in the Wasm).
        let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
        let order = |day: Option<usize>| day.unwrap_or(usize::MAX);
        for (i, session) in self.sessions.iter().enumerate() {
            match groups.binary_search_by_key(&order(session.day), |(d, _)| order(*d)) {
                Ok(at) => groups[at].1.push(i),
                Err(at) => groups.insert(at, (session.day, vec![i])),
            }
        }
        groups
    }

    /// Sessions grouped for the tracks page: by declared track when the event has tracks
    /// (sessions without one last, under `None`), otherwise by session type.
    pub fn sessions_by_track(&self) -> Vec<(TrackGroup, Vec<&Session>)> {
        let mut groups: Vec<(TrackGroup, Vec<&Session>)> = Vec::new();
        if self.tracks.is_empty() {
            for session in &self.sessions {
                let key = TrackGroup::Type(session.kind.clone());
                match groups.iter_mut().find(|(g, _)| *g == key) {
                    Some((_, list)) => list.push(session),
                    None => groups.push((key, vec![session])),
                }
            }
            return groups;
        }
        for track in &self.tracks {
            let list: Vec<&Session> =
                self.sessions.iter().filter(|s| s.track.as_deref() == Some(&track.slug)).collect();
            groups.push((TrackGroup::Track(track.clone()), list));
        }
        let rest: Vec<&Session> = self.sessions.iter().filter(|s| s.track.is_none()).collect();
        if !rest.is_empty() {
            groups.push((TrackGroup::NoTrack, rest));
        }
        groups
    }

    /// The event without what only its overview, session and register pages show (abstracts,
    /// the description, organizers, registration): the data of the programme, tracks and agenda pages, a fraction
    /// of the size.
    pub fn outline(&self) -> Event {
        let mut outline = self.clone();
        outline.description_html.clear();
        outline.organizers.clear();
        outline.registration = None;
        for session in &mut outline.sessions {
            session.abstract_html.clear();
        }
        outline
    }

    /// Distinct speakers with at least one session.
    pub fn speaker_count(&self) -> usize {
        self.speakers.len()
    }
}

/// How the tracks page groups sessions.
#[derive(Clone, Debug, PartialEq)]
pub enum TrackGroup {
    /// A track the event declares.
    Track(Track),
    /// Sessions outside every track (keynotes from sponsors, for example).
    NoTrack,
    /// For events without tracks: a session type such as `Lightning talk`.
    Type(String),
}

/// A link with its purpose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// What the link is for, e.g. `Recordings`.
    pub label: String,
    /// Where it points.
    pub url: String,
}

/// A session format of a call for proposals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionFormat {
    /// The format's name, e.g. `Lightning talk`.
    pub name: String,
    /// Length in minutes.
    pub minutes: u32,
    /// Fewest speakers, when the call says.
    pub min_speakers: Option<u32>,
    /// Most speakers, when the call says.
    pub max_speakers: Option<u32>,
}

impl SessionFormat {
    /// `1 speaker`, `1–2 speakers`, `3–5 speakers`, `up to 4 speakers`, or `not stated`.
    pub fn speakers_label(&self) -> String {
        match (self.min_speakers, self.max_speakers) {
            (_, Some(1)) => "1 speaker".to_owned(),
            (Some(a), Some(b)) if a == b => format!("{a} speakers"),
            (Some(a), Some(b)) if a > 0 => format!("{a}–{b} speakers"),
            (_, Some(b)) => format!("up to {b} speakers"),
            (Some(a), None) => format!("at least {a} speakers"),
            (None, None) => "not stated".to_owned(),
        }
    }

    /// `40 min`, `2 h 40 min`.
    pub fn length_label(&self) -> String {
        duration_label(self.minutes)
    }
}

/// A number of minutes as people say it: `40 min`, `2 h`, `2 h 40 min`.
pub fn duration_label(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A track of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Track {
    /// The track's name.
    pub name: String,
    /// Its URL fragment and the value sessions refer to it by.
    pub slug: Slug,
    /// One sentence on what belongs in it.
    pub description: String,
    /// Its colour as `#rrggbb` (from an export's track colours); shown nowhere yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// A published session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The id, unique within its event, e.g. `a3`.
    pub id: Slug,
    /// The title.
    pub title: String,
    /// Speakers, in the order the file names them.
    pub speakers: Vec<SpeakerRef>,
    /// Start and end, when published.
    pub time: Option<TimeRange>,
    /// The day of the event it starts on (0 = first day, event zone), when it has a time.
    pub day: Option<usize>,
    /// The session type, e.g. `Lightning talk`.
    pub kind: String,
    /// The slug of the track it belongs to.
    pub track: Option<Slug>,
    /// The language it is given in.
    pub language: Option<String>,
    /// The recording.
    pub video: Option<String>,
    /// The room it is in, as the organizers name it (`Hall A`), when the programme says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// The abstract, as sanitized HTML (left out of outlines, where it is empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub abstract_html: String,
}

/// A start and an end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRange {
    /// When it starts.
    pub start: Timestamp,
    /// When it ends.
    pub end: Timestamp,
}

impl TimeRange {
    /// Length in whole minutes.
    pub fn minutes(&self) -> u32 {
        u32::try_from((self.end.0 - self.start.0) / 60).unwrap_or(0)
    }

    /// Whether the two ranges share any moment.
    pub fn overlaps(&self, other: &TimeRange) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A speaker as a session names them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerRef {
    /// The name as written in the session file.
    pub name: String,
    /// The speaker page's slug, when the event has a speaker file for this name.
    pub slug: Option<Slug>,
}

/// A speaker as the event's pages list them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerSummary {
    /// The speaker page's slug (shared across events).
    pub slug: Slug,
    /// The name.
    pub name: String,
    /// Role and company.
    pub designation: String,
    /// Their photo, when their file gives one (else the pages show their initials).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Photo>,
}

/// A person's photo: the sizes the build made of it (square, centred, metadata stripped), each
/// as WebP and as JPEG for browsers without WebP. Written compact in the JSON, as the list of
/// its files' names, which say the rest (`["lin-sun-0123456789abcdef-96.webp", ...]`: width and
/// format; the variants are square): one string each keeps the app's JSON reading small.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Photo {
    /// Every variant, smallest first, WebP before JPEG at each width.
    pub variants: Vec<PhotoVariant>,
}

/// One file of a [`Photo`], under `/photos/` in the built site, named
/// `<person>-<16 hex digits of its hash>-<width>.<webp|jpg>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhotoVariant {
    /// The file's name, content-hashed (`lin-sun-0123456789abcdef-96.webp`).
    pub file: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The format.
    pub format: PhotoFormat,
}

impl PhotoVariant {
    /// The variant whose file is `file` (`<person>-<hash>-<width>.<webp|jpg>`), square.
    pub fn parse(file: &str) -> Option<PhotoVariant> {
        let (stem, ext) = file.rsplit_once('.')?;
        let format = [PhotoFormat::Webp, PhotoFormat::Jpeg].into_iter().find(|f| f.extension() == ext)?;
        let (rest, width) = stem.rsplit_once('-')?;
        let (person, hash) = rest.rsplit_once('-')?;
        let width: u32 = width.parse().ok().filter(|w| *w > 0)?;
        let hex = hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        (hex && Slug::is_valid(person)).then(|| PhotoVariant { file: file.to_owned(), width, height: width, format })
    }
}

impl From<PhotoVariant> for String {
    fn from(v: PhotoVariant) -> String {
        v.file
    }
}

impl TryFrom<String> for PhotoVariant {
    type Error = String;
    fn try_from(file: String) -> Result<PhotoVariant, String> {
        PhotoVariant::parse(&file).ok_or_else(|| format!("`{file}` is not a photo's file name"))
    }
}

/// The formats of a photo's variants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoFormat {
    /// Lossy WebP (libwebp, quality 80), the smallest.
    Webp,
    /// Baseline JPEG, the fallback.
    Jpeg,
}

impl PhotoFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            PhotoFormat::Webp => "webp",
            PhotoFormat::Jpeg => "jpg",
        }
    }

    /// The media type, for `<source type>`.
    pub fn media_type(self) -> &'static str {
        match self {
            PhotoFormat::Webp => "image/webp",
            PhotoFormat::Jpeg => "image/jpeg",
        }
    }
}

impl site::SitePath for PhotoVariant {
    fn path(&self) -> String {
        format!("/photos/{}", self.file)
    }
}

impl Photo {
    /// The variants of `format`, smallest first.
    pub fn of(&self, format: PhotoFormat) -> impl Iterator<Item = &PhotoVariant> {
        self.variants.iter().filter(move |v| v.format == format)
    }

    /// The smallest variant of `format` at least `width` wide, else the largest there is.
    pub fn at_least(&self, format: PhotoFormat, width: u32) -> Option<&PhotoVariant> {
        self.of(format).find(|v| v.width >= width).or_else(|| self.of(format).last())
    }
}

/// The initials shown where a person has no photo: the first letter of their first and of their
/// last word (`Lin Sun` → `LS`, `Craig` → `C`), put in upper case by `upper` (the app passes the
/// browser's in the Wasm, whose own case tables would add 12 KB: `src/text.rs`); empty for a name
/// without letters.
pub fn initials_with(name: &str, upper: fn(&str) -> String) -> String {
    let words: Vec<&str> = name.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    let first = |w: &str| w.chars().find(|c| c.is_alphanumeric());
    let letters: String = [words.first(), words.last().filter(|_| words.len() > 1)].into_iter().flatten().filter_map(|w| first(w)).collect();
    upper(&letters)
}

/// [`initials_with`] Rust's own upper case.
pub fn initials(name: &str) -> String {
    initials_with(name, str::to_uppercase)
}

/// How many colours initials avatars come in (`avatar-c0` to `avatar-c7` in the stylesheet).
pub const AVATAR_COLOURS: u32 = 8;

/// The colour of `name`'s initials avatar, the same on every page and build: FNV-1a of the name's
/// bytes, modulo [`AVATAR_COLOURS`].
pub fn avatar_colour(name: &str) -> u32 {
    let hash = name.trim().bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    hash % AVATAR_COLOURS
}

/// A speaker's page: who they are and what they presented, across all events.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerPage {
    /// The slug.
    pub slug: Slug,
    /// The name.
    pub name: String,
    /// Role and company (from their most recent event).
    pub designation: String,
    /// Their photo (from their most recent event that gives one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Photo>,
    /// Social links.
    pub links: Vec<Link>,
    /// Bio as sanitized HTML (from their most recent event that has one).
    pub bio_html: String,
    /// Their sessions, most recent event first.
    pub sessions: Vec<SpeakerSession>,
}

/// One session on a speaker's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerSession {
    /// The event's slug.
    pub event_slug: Slug,
    /// The event's name.
    pub event_name: String,
    /// The event's zone, to show the time as the event did.
    pub timezone: String,
    /// The session's id.
    pub id: Slug,
    /// The session's title.
    pub title: String,
    /// The session type.
    pub kind: String,
    /// When, if published.
    pub time: Option<TimeRange>,
}

/// An organizer of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organizer {
    /// The name.
    pub name: String,
    /// Role and company.
    pub designation: String,
    /// Their team.
    pub group: OrganizerGroup,
    /// Their photo, when their file gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Photo>,
}

/// The teams of an IstioCon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganizerGroup {
    /// Programme committee (`pc`).
    ProgrammeCommittee,
    /// Chinese programme committee (`cc`).
    ChineseProgrammeCommittee,
    /// Organizing committee (`oc`).
    OrganizingCommittee,
    /// Production team (`sg`).
    Production,
    /// Any other group.
    Other,
}

impl OrganizerGroup {
    /// The group's heading.
    pub fn label(self) -> &'static str {
        match self {
            OrganizerGroup::ProgrammeCommittee => "Programme committee",
            OrganizerGroup::ChineseProgrammeCommittee => "Chinese programme committee",
            OrganizerGroup::OrganizingCommittee => "Organizing committee",
            OrganizerGroup::Production => "Production team",
            OrganizerGroup::Other => "Organizers",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(slug: &str, start: i64, end: i64) -> EventSummary {
        let mut summary = fixtures::summary(slug, slug);
        (summary.start, summary.end, summary.days) = (Timestamp(start), Timestamp(end), 1);
        summary
    }

    #[test]
    fn home_lists_upcoming_soonest_first_then_past_most_recent_first() {
        let index = SiteIndex {
            events: vec![
                summary("old", 0, 10),
                summary("later", 300, 400),
                summary("recent", 50, 60),
                summary("live", 90, 200),
                summary("next", 150, 160),
            ],
        };
        let mut events: Vec<&EventSummary> = index.events.iter().collect();
        events.sort_by_key(|e| e.start);
        let (current, past) = home_groups(events, |e| (e.start, e.end), Timestamp(100));
        let slugs = |list: Vec<&EventSummary>| list.iter().map(|e| e.slug.clone()).collect::<Vec<_>>();
        assert_eq!(slugs(current), ["live", "next", "later"]);
        assert_eq!(slugs(past), ["recent", "old"]);
    }

    #[test]
    fn format_labels() {
        let f = SessionFormat { name: "Panel".into(), minutes: 40, min_speakers: Some(3), max_speakers: Some(5) };
        assert_eq!(f.speakers_label(), "3–5 speakers");
        assert_eq!(f.length_label(), "40 min");
        assert_eq!(duration_label(160), "2 h 40 min");
        assert_eq!(duration_label(120), "2 h");
        let one = SessionFormat { name: "Lightning".into(), minutes: 10, min_speakers: Some(1), max_speakers: Some(1) };
        assert_eq!(one.speakers_label(), "1 speaker");
        let open = SessionFormat { name: "Talk".into(), minutes: 25, min_speakers: None, max_speakers: None };
        assert_eq!(open.speakers_label(), "not stated");
    }

    #[test]
    fn time_ranges_overlap_only_when_they_share_a_moment() {
        let a = TimeRange { start: Timestamp(0), end: Timestamp(600) };
        let b = TimeRange { start: Timestamp(600), end: Timestamp(900) };
        let c = TimeRange { start: Timestamp(599), end: Timestamp(700) };
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&c));
        assert_eq!(a.minutes(), 10);
    }

    #[test]
    fn place_labels() {
        assert_eq!(Place::Virtual.label(), "Virtual");
        let p = Place::InPerson { city: "London, United Kingdom".into(), venue: Some("ExCeL London".into()) };
        assert_eq!(p.label(), "ExCeL London, London, United Kingdom");
    }

    #[test]
    fn places_read_back_what_they_write() {
        let read = |json: &str| serde_json::from_str::<Place>(json).map_err(|e| e.to_string());
        assert_eq!(read(r#"{"type":"virtual"}"#), Ok(Place::Virtual));
        let atlanta = Place::InPerson { city: "Atlanta, Georgia, USA".into(), venue: None };
        assert_eq!(read(&serde_json::to_string(&atlanta).unwrap()), Ok(atlanta));
        let err = read(r#"{"type":"in_person"}"#).unwrap_err();
        assert!(err.contains("missing field `city`"), "{err}");
        assert!(read(r#"{"type":"boat"}"#).unwrap_err().contains("unknown variant `boat`"));
    }
}

#[cfg(test)]
mod avatar_tests {
    use super::*;

    #[test]
    fn initials_take_the_first_and_last_word() {
        assert_eq!(initials("Lin Sun"), "LS");
        assert_eq!(initials("Josh van Leeuwen"), "JL");
        assert_eq!(initials("Craig"), "C");
        assert_eq!(initials("  édouard  o'brien "), "ÉO");
        assert_eq!(initials("张 三"), "张三");
        assert_eq!(initials(" - "), "");
    }

    #[test]
    fn photo_variants_are_their_file_names_in_the_json() {
        let photo = crate::fixtures::photo("lin-sun", &[96, 192]);
        let json = serde_json::to_string(&photo).unwrap();
        assert_eq!(json, r#"["lin-sun-0123456789abcdef-96.webp","lin-sun-0123456789abcdef-96.jpg","lin-sun-0123456789abcdef-192.webp","lin-sun-0123456789abcdef-192.jpg"]"#);
        assert_eq!(serde_json::from_str::<Photo>(&json).unwrap(), photo);
        let v = &photo.variants[2];
        assert_eq!((v.width, v.height, v.format), (192, 192, PhotoFormat::Webp));
        assert_eq!(crate::SitePath::path(v), "/photos/lin-sun-0123456789abcdef-192.webp");
        for bad in ["lin-sun-0123456789abcdef-96.gif", "lin-sun-0123-96.jpg", "Lin-0123456789abcdef-96.jpg", "x-0123456789abcdef-0.jpg", "../x-0123456789abcdef-96.jpg"] {
            assert!(serde_json::from_str::<PhotoVariant>(&format!("\"{bad}\"")).is_err(), "{bad}");
        }
    }

    #[test]
    fn avatar_colours_are_stable_and_spread() {
        assert_eq!(avatar_colour("Lin Sun"), avatar_colour(" Lin Sun "));
        let names = ["Lin Sun", "Craig Box", "Ada Okafor", "Bo Lindqvist", "Cy Initials", "Dee Ramos", "Eve", "Mallory", "Zack Butcher", "Neeraj Poddar"];
        let colours: std::collections::BTreeSet<u32> = names.iter().map(|n| avatar_colour(n)).collect();
        assert!(colours.len() >= 4, "{colours:?}");
        assert!(colours.iter().all(|c| *c < AVATAR_COLOURS));
    }
}
