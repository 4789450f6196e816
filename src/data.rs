//! Fetching the data `content build` compiled from the organizers' files.
//!
//! Pages name the data they need by path ([`event_path`] and friends) and get it through
//! [`crate::pages::loaded`], which uses [`cached`] data at once or [`load`]s it; errors are typed so a page can tell
//! "no such event" (a 404 page) from "the network failed" (a message with a retry button).

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

thread_local! {
    /// Data already loaded in this visit, by path: moving between an event's pages (overview,
    /// programme, tracks, sessions) fetches its file once. Failures are not kept, so a retry
    /// asks the network again. Prerendering and hydration put a page's data here first, so the
    /// page renders at once, exactly as it was rendered ahead of time.
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

/// What a prerendered page hands over to the app that hydrates it: when it was built, and the
/// data it was rendered from, so the first render in the browser is the same page, at once.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Handover {
    /// When the page was rendered.
    pub built_at: events_model::Timestamp,
    /// Where the data below lives (its path under `/data/`).
    pub path: String,
    /// The page's data.
    pub data: HandoverData,
}

/// The data of one page.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum HandoverData {
    /// The home page's list.
    Index(events_model::SiteIndex),
    /// An event's pages.
    Event(Box<events_model::Event>),
    /// A speaker's page.
    Speaker(events_model::SpeakerPage),
}

impl Handover {
    /// The id of the `<script type="application/json">` element that carries it.
    pub const ELEMENT_ID: &'static str = "handover";

    /// Makes the data available to [`cached`].
    pub fn remember(self) {
        match self.data {
            HandoverData::Index(v) => remember(&self.path, v),
            HandoverData::Event(v) => remember(&self.path, *v),
            HandoverData::Speaker(v) => remember(&self.path, v),
        }
    }

    /// As a `<script>` element for the page's `<head>` (`</` is escaped so the JSON cannot end
    /// the element early).
    pub fn to_script(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default().replace("</", "<\\/");
        format!(r#"<script id="{}" type="application/json">{json}</script>"#, Self::ELEMENT_ID)
    }
}
