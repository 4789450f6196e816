//! Fetching the data `site-build data` compiled from the organizers' files.
//!
//! Pages name the data they need as a [`DataFile`] of the site map and get it through
//! [`crate::pages::loaded`], which uses [`cached`] data at once or [`load`]s it; errors are typed so a page can tell
//! "no such event" (a 404 page) from "the network failed" (a message with a retry button).
//! A prerendered page carries the data it was rendered from ([`Handover`]), so the browser
//! hydrates it without fetching anything; the next route's data is fetched with gloo-net, each
//! file once per visit. The prerenderer puts every data file in the same cache first.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

pub use events_model::SiteAddress;
use events_model::DataFile;
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
    // Development servers (and some static hosts) answer unknown paths with index.html and 200.
    let is_html = response.headers().get("content-type").is_some_and(|t| t.contains("text/html"));
    if is_html {
        return Err(DataError::NotFound);
    }
    response.json::<T>().await.map_err(|e| DataError::Decode(e.to_string()))
}

thread_local! {
    /// Data already loaded in this visit, by file: moving between an event's pages (overview,
    /// programme, tracks, sessions) fetches its file once. Failures are not kept, so a retry
    /// asks the network again. The prerenderer puts every data file here first.
    static LOADED: RefCell<HashMap<DataFile, Rc<dyn Any>>> = RefCell::new(HashMap::new());
}

/// The data of `file`, if it was loaded (or handed over by the prerendered page) already.
/// Where an event's outline is asked for, the full event serves too (it holds all of it).
pub fn cached<T: Clone + 'static>(file: &DataFile) -> Option<T> {
    let get = |file: &DataFile| LOADED.with(|l| l.borrow().get(file).and_then(|v| v.downcast_ref::<T>().cloned()));
    get(file).or_else(|| file.whole().and_then(|whole| get(&whole)))
}

/// Keeps `value` as the data of `file`.
pub fn remember<T: 'static>(file: DataFile, value: T) {
    LOADED.with(|l| l.borrow_mut().insert(file, Rc::new(value)));
}

/// The data of `file` (from [`cached`] or the network, under the site's address); `None` is
/// an address that names nothing.
pub async fn load<T: DeserializeOwned + Clone + 'static>(file: Option<DataFile>, site: &SiteAddress) -> Result<T, DataError> {
    let file = file.ok_or(DataError::NotFound)?;
    if let Some(value) = cached::<T>(&file) {
        return Ok(value);
    }
    let value: T = get_json(&site.href(&file)).await?;
    remember(file, value.clone());
    Ok(value)
}

/// The site's address as the visitor reached it (the page's origin and the base), for links in
/// files made in the browser and in shared addresses; the published address outside a browser.
pub fn here(site: &SiteAddress) -> SiteAddress {
    let origin = if cfg!(target_arch = "wasm32") { web_sys::window().and_then(|w| w.location().origin().ok()) } else { None };
    match origin {
        Some(origin) if origin != "null" => SiteAddress { origin, base: site.base.clone() },
        _ => site.clone(),
    }
}

/// The site's address, which whatever started the app provides (a missing one is a bug in
/// that starter, not something to guess).
pub fn use_site() -> SiteAddress {
    leptos::prelude::expect_context::<SiteAddress>()
}

/// The data a prerendered page was rendered from, and when and for which address it was
/// rendered: the prerenderer writes it into the page ([`Handover::to_script`]), and the browser
/// reads it before hydrating ([`Handover::from_page`]), so its first render matches the HTML
/// without a request.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Handover {
    /// When the page was rendered: until the app runs, states are as of then.
    pub built_at: events_model::Timestamp,
    /// The address (path) the page was rendered for, e.g. `/istiocon-2022/programme/`.
    pub url: String,
    /// Where the site is published (`SITE_URL`): its origin and base.
    pub site: SiteAddress,
    /// The data files the page shows.
    pub files: Vec<(DataFile, HandoverData)>,
}

/// One data file of a page, written as `{"event": {...}}` (serde's external tag: adjacently
/// tagged, `{"kind": ..., "value": ...}`, took 13.6 KB of Wasm to read, since its fields may come
/// in either order and the value must be buffered).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverData {
    /// The home page's list.
    Index(events_model::SiteIndex),
    /// An event, or its outline.
    Event(Box<events_model::Event>),
    /// A speaker's page.
    Speaker(Box<events_model::SpeakerPage>),
}

/// Why a page's handed-over data could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum HandoverError {
    /// The page has no data (Trunk's own `index.html`, under `trunk serve`).
    Missing,
    /// The data is not what this version of the app reads.
    Unreadable(String),
}

impl Handover {
    /// The id of the `<script type="application/json">` element that carries it.
    pub const ELEMENT_ID: &'static str = "page-data";

    /// Reads it from its JSON.
    pub fn from_json(json: &str) -> Result<Handover, HandoverError> {
        serde_json::from_str(json).map_err(|e| HandoverError::Unreadable(e.to_string()))
    }

    /// The page's handover, from its `<script id="page-data">`.
    pub fn from_page() -> Result<Handover, HandoverError> {
        let script = leptos::prelude::document().get_element_by_id(Self::ELEMENT_ID).ok_or(HandoverError::Missing)?;
        Handover::from_json(&script.text_content().unwrap_or_default())
    }

    /// Makes the data available to [`cached`].
    pub fn remember(&self) {
        for (file, data) in &self.files {
            let file = file.clone();
            match data {
                HandoverData::Index(v) => remember(file, v.clone()),
                HandoverData::Event(v) => remember(file, (**v).clone()),
                HandoverData::Speaker(v) => remember(file, (**v).clone()),
            }
        }
    }

    /// As a `<script>` element for the end of the page's `<body>`: a data block, which no
    /// browser runs ([`events_model::json_for_script`]: no text in it can end the element early).
    pub fn to_script(&self) -> String {
        let json = events_model::json_for_script(&serde_json::to_string(self).unwrap_or_default());
        format!(r#"<script id="{}" type="application/json">{json}</script>"#, Self::ELEMENT_ID)
    }
}

#[cfg(test)]
mod tests {
    use events_model::{DataFile, SiteIndex, Timestamp};

    use super::{Handover, HandoverData, HandoverError, SiteAddress};

    #[test]
    fn a_handover_reads_back_as_written_and_cannot_end_its_script_early() {
        let handover = Handover {
            built_at: Timestamp(1_700_000_000),
            url: "/</script><!--<script>alert(1)&amp;/".into(),
            site: SiteAddress { origin: "https://example.org".into(), base: String::new() },
            files: vec![(DataFile::Index, HandoverData::Index(SiteIndex { events: Vec::new() }))],
        };
        let script = handover.to_script();
        assert!(script.starts_with(r#"<script id="page-data" type="application/json">{"#), "{script}");
        let json = script.trim_start_matches(r#"<script id="page-data" type="application/json">"#).trim_end_matches("</script>");
        assert!(!json.contains('<') && !json.contains('>'));
        assert_eq!(Handover::from_json(json), Ok(handover));
        assert!(matches!(Handover::from_json("{}"), Err(HandoverError::Unreadable(_))));
    }
}
