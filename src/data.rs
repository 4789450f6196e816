//! Fetching the data `content build` compiled from the organizers' files.
//!
//! Pages name the data they need by path ([`event_path`] and friends) and get it through
//! [`crate::pages::loaded`], which uses [`cached`] data at once or [`load`]s it; errors are typed so a page can tell
//! "no such event" (a 404 page) from "the network failed" (a message with a retry button).
//! That is how the app renders in the browser (`trunk serve`) and how the prerenderer finds
//! each page's data; a prerendered page carries its islands' data itself ([`Shipped`]).

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use events_model::paths;
use serde::de::DeserializeOwned;

/// Why data could not be loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum DataError {
    /// The file does not exist: the address names no event, session or speaker.
    NotFound,
    /// The request did not complete (offline, DNS, connection reset...).
    Network(String),
    /// The server answered with an error status.
    Status(u16),
    /// The answer was not the data we expected.
    Decode(String),
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::NotFound => write!(f, "this page does not exist"),
            DataError::Network(e) => write!(f, "the network request failed ({e})"),
            DataError::Status(code) => write!(f, "the server answered with status {code}"),
            DataError::Decode(e) => write!(f, "the data could not be read ({e})"),
        }
    }
}

impl std::error::Error for DataError {}

#[cfg(feature = "csr")]
async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, DataError> {
    let response = gloo_net::http::Request::get(path)
        .send()
        .await
        .map_err(|e| DataError::Network(e.to_string()))?;
    match response.status() {
        200..=299 => {}
        404 | 410 => return Err(DataError::NotFound),
        code => return Err(DataError::Status(code)),
    }
    // Development servers answer unknown paths with index.html and 200.
    let is_html = response.headers().get("content-type").is_some_and(|t| t.contains("text/html"));
    if is_html {
        return Err(DataError::NotFound);
    }
    response.json::<T>().await.map_err(|e| DataError::Decode(e.to_string()))
}

/// Only the client-rendered app fetches data: prerendered pages carry their islands' data, and
/// the prerenderer reads the files.
#[cfg(not(feature = "csr"))]
async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, DataError> {
    Err(DataError::Network(format!("{path}: this build does not fetch data")))
}

thread_local! {
    /// Data already loaded in this visit, by path: moving between an event's pages (overview,
    /// programme, tracks, sessions) fetches its file once. Failures are not kept, so a retry
    /// asks the network again. The prerenderer puts every data file here first.
    static LOADED: RefCell<HashMap<String, Rc<dyn Any>>> = RefCell::new(HashMap::new());
}

/// The data at `path`, if it was loaded (or handed over by the prerendered page) already.
/// Where an event's outline is asked for, the full event serves too (it holds all of it).
pub fn cached<T: Clone + 'static>(path: &str) -> Option<T> {
    let get = |path: &str| LOADED.with(|l| l.borrow().get(path).and_then(|v| v.downcast_ref::<T>().cloned()));
    get(path).or_else(|| paths::full_event_of(path).and_then(|full| get(&full)))
}

/// Keeps `value` as the data at `path`.
pub fn remember<T: 'static>(path: &str, value: T) {
    LOADED.with(|l| l.borrow_mut().insert(path.to_owned(), Rc::new(value)));
}

/// The data at `path` (from [`cached`] or the network); `None` is an address that names nothing.
pub async fn load<T: DeserializeOwned + Clone + 'static>(path: Option<String>) -> Result<T, DataError> {
    let path = path.ok_or(DataError::NotFound)?;
    if let Some(value) = cached::<T>(&path) {
        return Ok(value);
    }
    let value: T = get_json(&path).await?;
    remember(&path, value.clone());
    Ok(value)
}

/// Where the home page's data is.
pub fn index_path() -> Option<String> {
    Some(paths::INDEX.to_owned())
}

/// Where an event's data is, if `slug` can be one.
pub fn event_path(slug: &str) -> Option<String> {
    is_safe_slug(slug).then(|| paths::event(slug))
}

/// Where an event's outline is (for its programme, tracks and agenda pages), if `slug` can be one.
pub fn event_outline_path(slug: &str) -> Option<String> {
    is_safe_slug(slug).then(|| paths::event_outline(slug))
}

/// Where a speaker's data is, if `slug` can be one.
pub fn speaker_path(slug: &str) -> Option<String> {
    is_safe_slug(slug).then(|| paths::speaker(slug))
}

/// Slugs come from the address bar: keep them to what content slugs are made of.
fn is_safe_slug(slug: &str) -> bool {
    !slug.is_empty() && slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Data an island of a prerendered page starts from, carried by the page (the island's
/// `data-props`), so the browser hydrates it without fetching anything.
///
/// The prerenderer writes it; the browser only reads it, so in the Wasm (feature `hydrate`)
/// writing it does nothing and no code to write these types is compiled in.
#[derive(Clone, Debug, PartialEq)]
pub struct Shipped<T>(pub T);

impl<T> From<T> for Shipped<T> {
    fn from(value: T) -> Self {
        Shipped(value)
    }
}

impl<T: serde::Serialize> serde::Serialize for Shipped<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[cfg(not(feature = "hydrate"))]
        return self.0.serialize(serializer);
        #[cfg(feature = "hydrate")]
        serializer.serialize_unit()
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Shipped<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Shipped)
    }
}

/// An event's outline as an island's data: what its programme and My agenda read (its name,
/// slug, dates, zone and place, languages, tracks' names, days, sessions, and its speakers'
/// designations, which search reads). The rest of an event (summary, description, links,
/// formats, organizers, registration, tracks' descriptions; speakers' names, which each session
/// has) is neither written nor read, so the Wasm carries no code to read it;
/// in the browser those fields are empty.
///
/// Written as JSON arrays in a fixed order ([`wire`]), not objects: reading an array needs no
/// field names matched, which makes the Wasm's reading code about half as large, and the page
/// carries no key names.
#[derive(Clone, Debug, PartialEq)]
pub struct Outline(pub events_model::Event);

impl From<events_model::Event> for Outline {
    fn from(event: events_model::Event) -> Self {
        Outline(event)
    }
}

/// The outline's JSON, positional: the prerenderer writes it and the Wasm reads it, so both
/// sides are this one list of fields.
mod wire {
    use events_model::{Place, Timestamp};

    /// Slug, name, start, end, IANA zone, place (city and venue, none when virtual), the larger
    /// event it is co-located with.
    pub type Summary<S, P, O> = (S, S, Timestamp, Timestamp, S, P, O);
    /// Where an event is: `None` online, else its city and venue.
    pub type Where<S, O> = Option<(S, O)>;

    /// What the place is written as.
    #[cfg(not(feature = "hydrate"))]
    pub fn place(place: &Place) -> Where<&str, Option<&str>> {
        match place {
            Place::Virtual => None,
            Place::InPerson { city, venue } => Some((city, venue.as_deref())),
        }
    }

    /// The place it was written as.
    pub fn read_place(place: Where<String, Option<String>>) -> Place {
        match place {
            None => Place::Virtual,
            Some((city, venue)) => Place::InPerson { city, venue },
        }
    }
    /// Id, title, speakers (name, speaker page slug), time (start, end), day, type, track,
    /// language, recording.
    pub type Session<S, O> = (S, S, Vec<(S, O)>, Option<(Timestamp, Timestamp)>, Option<usize>, S, O, O, O);
    /// Summary, languages, tracks (slug, name), day starts, sessions, speakers' designations
    /// (slug, designation).
    pub type Outline<S, P, O, L> = (Summary<S, P, O>, L, Vec<(S, S)>, Vec<Timestamp>, Vec<Session<S, O>>, Vec<(S, S)>);
    /// As the prerenderer writes it.
    #[cfg(not(feature = "hydrate"))]
    pub type Written<'a> = Outline<&'a str, Where<&'a str, Option<&'a str>>, Option<&'a str>, &'a [String]>;
    /// As the Wasm reads it.
    pub type Read = Outline<String, Where<String, Option<String>>, Option<String>, Vec<String>>;
}

#[cfg(not(feature = "hydrate"))]
impl serde::Serialize for Outline {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let e = &self.0;
        let m = &e.summary;
        let written: wire::Written = (
            (&m.slug, &m.name, m.start, m.end, &m.timezone, wire::place(&m.place), m.co_located_with.as_deref()),
            &e.languages,
            e.tracks.iter().map(|t| (t.slug.as_str(), t.name.as_str())).collect(),
            e.day_starts.clone(),
            e.sessions
                .iter()
                .map(|s| {
                    (
                        s.id.as_str(),
                        s.title.as_str(),
                        s.speakers.iter().map(|p| (p.name.as_str(), p.slug.as_deref())).collect(),
                        s.time.map(|t| (t.start, t.end)),
                        s.day,
                        s.kind.as_str(),
                        s.track.as_deref(),
                        s.language.as_deref(),
                        s.video.as_deref(),
                    )
                })
                .collect(),
            e.speakers
                .iter()
                .filter(|s| !s.designation.is_empty())
                .map(|s| (s.slug.as_str(), s.designation.as_str()))
                .collect(),
        );
        written.serialize(serializer)
    }
}

#[cfg(feature = "hydrate")]
impl serde::Serialize for Outline {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de> serde::Deserialize<'de> for Outline {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use events_model::{Event, EventSummary, Session, SpeakerRef, SpeakerSummary, TimeRange, Track};
        let (summary, languages, tracks, day_starts, sessions, speakers): wire::Read = serde::Deserialize::deserialize(deserializer)?;
        let (slug, name, start, end, timezone, place, co_located_with) = summary;
        let sessions: Vec<Session> = sessions
            .into_iter()
            .map(|(id, title, speakers, time, day, kind, track, language, video)| Session {
                id,
                title,
                speakers: speakers.into_iter().map(|(name, slug)| SpeakerRef { name, slug }).collect(),
                time: time.map(|(start, end)| TimeRange { start, end }),
                day,
                kind,
                track,
                language,
                video,
                abstract_html: String::new(),
            })
            .collect();
        let summary = EventSummary {
            slug,
            name,
            kind: String::new(),
            summary: String::new(),
            start,
            end,
            days: 0,
            timezone,
            place: wire::read_place(place),
            co_located_with,
            session_count: sessions.len(),
        };
        Ok(Outline(Event {
            summary,
            description_html: String::new(),
            links: Vec::new(),
            chairs: Vec::new(),
            languages,
            formats: Vec::new(),
            tracks: tracks.into_iter().map(|(slug, name)| Track { slug, name, description: String::new() }).collect(),
            day_starts,
            sessions,
            speakers: speakers
                .into_iter()
                .map(|(slug, designation)| SpeakerSummary { slug, name: String::new(), designation })
                .collect(),
            organizers: Vec::new(),
            registration: None,
        }))
    }
}

/// The `<meta name>` that tells the browser when a prerendered page was built (seconds since
/// the epoch): until the app runs, states ("upcoming", "registration open") are as of then.
pub const BUILT_AT_META: &str = "built-at";

#[cfg(test)]
mod tests {
    use events_model::{Event, EventSummary, Place, Session, SpeakerRef, SpeakerSummary, TimeRange, Timestamp, Track};

    use super::Outline;

    fn event() -> Event {
        let session = |id: &str, time: Option<TimeRange>| Session {
            id: id.into(),
            title: format!("Session {id} · “quoted” & <b>"),
            speakers: vec![
                SpeakerRef { name: "Santiago Núñez-Cacho".into(), slug: Some("santiago".into()) },
                SpeakerRef { name: "Guest".into(), slug: None },
            ],
            time,
            day: time.map(|_| 0),
            kind: "Presentation".into(),
            track: time.map(|_| "use-case".into()),
            language: Some("English".into()),
            video: time.map(|_| "https://youtu.be/x".into()),
            abstract_html: "<p>Not in an outline.</p>".into(),
        };
        let start = Timestamp(1_650_844_800);
        Event {
            summary: EventSummary {
                slug: "istiocon-2022".into(),
                name: "IstioCon 2022".into(),
                kind: "virtual conference".into(),
                summary: "Not in an outline.".into(),
                start,
                end: Timestamp(start.0 + 86_400),
                days: 1,
                timezone: "UTC".into(),
                place: Place::InPerson { city: "Atlanta, Georgia, USA".into(), venue: None },
                co_located_with: Some("KubeCon".into()),
                session_count: 2,
            },
            description_html: "<p>Not in an outline.</p>".into(),
            links: Vec::new(),
            chairs: Vec::new(),
            languages: vec!["English".into()],
            formats: Vec::new(),
            tracks: vec![Track { slug: "use-case".into(), name: "Use case".into(), description: "Not in an outline.".into() }],
            day_starts: vec![start],
            sessions: vec![session("a1", Some(TimeRange { start, end: Timestamp(start.0 + 1800) })), session("x", None)],
            speakers: vec![
                SpeakerSummary { slug: "santiago".into(), name: "Santiago Núñez-Cacho".into(), designation: "Engineer".into() },
                SpeakerSummary { slug: "guest".into(), name: "Guest".into(), designation: String::new() },
            ],
            organizers: Vec::new(),
            registration: None,
        }
    }

    #[test]
    fn an_outline_reads_back_what_the_programme_and_agenda_use() {
        let full = event();
        let json = serde_json::to_string(&Outline(full.clone())).unwrap();
        // Positional: no key names, nothing the lists do not read.
        assert!(json.starts_with(r#"[["istiocon-2022","IstioCon 2022",1650844800,1650931200,"UTC",["Atlanta, Georgia, USA",null],"KubeCon"]"#), "{json}");
        assert!(!json.contains("Not in an outline") && !json.contains("\"title\""), "{json}");
        let Outline(read) = serde_json::from_str(&json).unwrap();
        let mut expected = full.outline();
        expected.summary.kind.clear();
        expected.summary.summary.clear();
        expected.summary.days = 0;
        expected.links.clear();
        expected.tracks[0].description.clear();
        expected.speakers = vec![SpeakerSummary { slug: "santiago".into(), name: String::new(), designation: "Engineer".into() }];
        assert_eq!(read, expected);
        // An online event reads back as one.
        let mut online = event();
        online.summary.place = Place::Virtual;
        let Outline(read) = serde_json::from_str(&serde_json::to_string(&Outline(online)).unwrap()).unwrap();
        assert_eq!(read.summary.place, Place::Virtual);
    }
}
