//! The events that take registrations, read from the organizers' content folder with the same
//! reader and checks the site is built with.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use events_model::registration::validate::Patterns;
use events_model::registration::Registration;

/// One event's registration, with what the confirmation email needs.
#[derive(Clone, Debug)]
pub struct EventConfig {
    /// The event's name.
    pub name: String,
    /// Its registration block.
    pub registration: Registration,
    /// The event's calendar (`.ics`), attached to confirmations.
    pub ics: String,
}

/// Events by slug.
pub type Events = HashMap<String, EventConfig>;

/// Why the content could not be read.
#[derive(Debug)]
pub enum ContentError {
    /// The folder could not be read.
    Io(std::io::Error),
    /// The content has errors (as `content check` prints them).
    Invalid(Vec<String>),
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContentError::Io(e) => write!(f, "cannot read the content folder: {e}"),
            ContentError::Invalid(errors) => write!(f, "the content has errors (run `content check`):\n{}", errors.join("\n")),
        }
    }
}

impl std::error::Error for ContentError {}

/// Reads every event with a registration block from `dir`; refuses content with errors.
pub fn load(dir: &Path, address: &events_model::SiteAddress) -> Result<Events, ContentError> {
    let site = events_content::site::load(dir).map_err(ContentError::Io)?;
    let errors: Vec<String> = site.diagnostics.sorted().into_iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    if !errors.is_empty() {
        return Err(ContentError::Invalid(errors));
    }
    let compiled = events_content::compile::compile(&site);
    let stamp = events_model::Timestamp(jiff::Timestamp::now().as_second());
    Ok(compiled
        .events
        .into_iter()
        .filter_map(|e| {
            let registration = e.registration?;
            let ics = events_model::ics::event_calendar(&e.summary, address, stamp);
            Some((e.summary.slug.to_string(), EventConfig { name: e.summary.name.clone(), registration, ics }))
        })
        .collect())
}

/// Organizers' patterns with JavaScript's semantics (the `regress` crate), as the browser's
/// `RegExp` matches them: the whole answer, Unicode aware (`u`).
pub struct JsPatterns;

impl Patterns for JsPatterns {
    fn full_match(&self, pattern: &str, text: &str) -> Option<bool> {
        let re = regress::Regex::with_flags(&format!("^(?:{pattern})$"), "u").ok()?;
        Some(re.find(text).is_some())
    }
}
