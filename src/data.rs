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
#[derive(Clone, Debug, PartialEq)]
pub struct Outline(pub events_model::Event);

impl From<events_model::Event> for Outline {
    fn from(event: events_model::Event) -> Self {
        Outline(event)
    }
}

#[cfg(not(feature = "hydrate"))]
impl serde::Serialize for Outline {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use events_model::{Place, Session, Timestamp};
        #[derive(serde::Serialize)]
        struct Written<'a> {
            summary: Summary<'a>,
            languages: &'a [String],
            tracks: Vec<TrackName<'a>>,
            day_starts: &'a [Timestamp],
            sessions: &'a [Session],
            speakers: Vec<Designation<'a>>,
        }
        #[derive(serde::Serialize)]
        struct TrackName<'a> {
            slug: &'a str,
            name: &'a str,
        }
        #[derive(serde::Serialize)]
        struct Summary<'a> {
            slug: &'a str,
            name: &'a str,
            start: Timestamp,
            end: Timestamp,
            timezone: &'a str,
            place: &'a Place,
            co_located_with: &'a Option<String>,
        }
        #[derive(serde::Serialize)]
        struct Designation<'a> {
            slug: &'a str,
            designation: &'a str,
        }
        let e = &self.0;
        let m = &e.summary;
        Written {
            summary: Summary {
                slug: &m.slug,
                name: &m.name,
                start: m.start,
                end: m.end,
                timezone: &m.timezone,
                place: &m.place,
                co_located_with: &m.co_located_with,
            },
            languages: &e.languages,
            tracks: e.tracks.iter().map(|t| TrackName { slug: &t.slug, name: &t.name }).collect(),
            day_starts: &e.day_starts,
            sessions: &e.sessions,
            speakers: e
                .speakers
                .iter()
                .filter(|s| !s.designation.is_empty())
                .map(|s| Designation { slug: &s.slug, designation: &s.designation })
                .collect(),
        }
        .serialize(serializer)
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
        use events_model::{Event, EventSummary, Place, Session, SpeakerSummary, Timestamp, Track};
        #[derive(serde::Deserialize)]
        struct Summary {
            slug: String,
            name: String,
            start: Timestamp,
            end: Timestamp,
            timezone: String,
            place: Place,
            co_located_with: Option<String>,
        }
        #[derive(serde::Deserialize)]
        struct Read {
            summary: Summary,
            languages: Vec<String>,
            tracks: Vec<TrackName>,
            day_starts: Vec<Timestamp>,
            sessions: Vec<Session>,
            speakers: Vec<Designation>,
        }
        #[derive(serde::Deserialize)]
        struct TrackName {
            slug: String,
            name: String,
        }
        #[derive(serde::Deserialize)]
        struct Designation {
            slug: String,
            designation: String,
        }
        let r = Read::deserialize(deserializer)?;
        let m = r.summary;
        let summary = EventSummary {
            slug: m.slug,
            name: m.name,
            kind: String::new(),
            summary: String::new(),
            start: m.start,
            end: m.end,
            days: 0,
            timezone: m.timezone,
            place: m.place,
            co_located_with: m.co_located_with,
            session_count: r.sessions.len(),
        };
        Ok(Outline(Event {
            summary,
            description_html: String::new(),
            links: Vec::new(),
            chairs: Vec::new(),
            languages: r.languages,
            formats: Vec::new(),
            tracks: r.tracks.into_iter().map(|t| Track { slug: t.slug, name: t.name, description: String::new() }).collect(),
            day_starts: r.day_starts,
            sessions: r.sessions,
            speakers: r
                .speakers
                .into_iter()
                .map(|s| SpeakerSummary { slug: s.slug, name: String::new(), designation: s.designation })
                .collect(),
            organizers: Vec::new(),
            registration: None,
        }))
    }
}

/// The `<meta name>` that tells the browser when a prerendered page was built (seconds since
/// the epoch): until the app runs, states ("upcoming", "registration open") are as of then.
pub const BUILT_AT_META: &str = "built-at";
