//! `content new-event SLUG --name NAME --start DATE --end DATE --timezone ZONE [--place PLACE]`:
//! a new event's folder with an `event.md` that explains every field in comments and passes
//! `content check` as it is, and empty `sessions/`, `speakers/` and `organizers/`.
//!
//! [`event_file`] makes the text (pure); [`create`] writes the folder.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::files::{is_slug, slugify};
use crate::import::quoted;

/// What the command was given.
#[derive(Clone, Debug, Default)]
pub struct NewEvent {
    /// The folder's name, the event's address.
    pub slug: String,
    /// `name`.
    pub name: String,
    /// `start_date`, as typed.
    pub start: String,
    /// `end_date`, as typed.
    pub end: String,
    /// `timezone`.
    pub timezone: String,
    /// `place`: `virtual` or the city (default `virtual`).
    pub place: Option<String>,
    /// `kind` (default `virtual conference` or `conference`).
    pub kind: Option<String>,
    /// `summary` (default: the name, dates and place in one sentence).
    pub summary: Option<String>,
}

/// Why the folder was not made.
#[derive(Debug)]
pub enum NewEventError {
    /// The slug is not lower case letters, digits and dashes.
    Slug(String),
    /// A date that is not year-month-day.
    Date { option: &'static str, written: String },
    /// The end is before the start.
    EndBeforeStart { start: Date, end: Date },
    /// Not an IANA zone.
    Zone(String),
    /// A required option is missing or empty.
    Missing(&'static str),
    /// The folder already has an event.md.
    Exists(PathBuf),
    /// The folder could not be written.
    Io(PathBuf, io::Error),
}

impl fmt::Display for NewEventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewEventError::Slug(s) => write!(f, "error: `{s}` cannot be an event's folder name\n  help: use lower case letters, digits and dashes, e.g. `{}`", slugify(s)),
            NewEventError::Date { option, written } => write!(f, "error: {option} `{written}` is not a date\n  help: write it as year-month-day, e.g. {option} 2030-03-18"),
            NewEventError::EndBeforeStart { start, end } => write!(f, "error: --end {end} is before --start {start}\n  help: for a one-day event give the same date twice"),
            NewEventError::Zone(z) => write!(f, "error: --timezone `{z}` is not an IANA time zone\n  help: write a zone name such as Europe/Amsterdam, America/New_York or UTC"),
            NewEventError::Missing(o) => write!(f, "error: {o} is missing\n  help: content new-event SLUG --name NAME --start DATE --end DATE --timezone ZONE [--place PLACE]"),
            NewEventError::Exists(p) => write!(f, "error: {} already exists\n  help: choose another SLUG, or edit that file", p.display()),
            NewEventError::Io(p, e) => write!(f, "error: could not write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for NewEventError {}

/// The text of the new `event.md`, or every reason it cannot be made.
pub fn event_file(e: &NewEvent) -> Result<String, Vec<NewEventError>> {
    let mut errors = Vec::new();
    if !is_slug(&e.slug) {
        errors.push(NewEventError::Slug(e.slug.clone()));
    }
    for (value, option) in [(&e.name, "--name"), (&e.start, "--start"), (&e.end, "--end"), (&e.timezone, "--timezone")] {
        if value.trim().is_empty() {
            errors.push(NewEventError::Missing(option));
        }
    }
    let mut date = |written: &str, option| match written.trim().parse::<Date>() {
        Ok(d) => Some(d),
        Err(_) if written.trim().is_empty() => None,
        Err(_) => {
            errors.push(NewEventError::Date { option, written: written.to_owned() });
            None
        }
    };
    let (start, end) = (date(&e.start, "--start"), date(&e.end, "--end"));
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        errors.push(NewEventError::EndBeforeStart { start, end });
    }
    if !e.timezone.trim().is_empty() && TimeZone::get(e.timezone.trim()).is_err() {
        errors.push(NewEventError::Zone(e.timezone.clone()));
    }
    let (Some(start), Some(end), true) = (start, end, errors.is_empty()) else { return Err(errors) };

    let place = e.place.as_deref().map(str::trim).filter(|p| !p.is_empty()).unwrap_or("virtual");
    let virtual_event = place.eq_ignore_ascii_case("virtual");
    let kind = e.kind.clone().unwrap_or_else(|| if virtual_event { "virtual conference" } else { "conference" }.to_owned());
    let when = if start == end { format!("on {start}") } else { format!("from {start} to {end}") };
    let where_ = if virtual_event { "online".to_owned() } else { format!("in {place}") };
    let summary = e.summary.clone().unwrap_or_else(|| format!("{} takes place {where_} {when}.", e.name.trim()));
    let name = e.name.trim();
    let zone = e.timezone.trim();
    Ok(format!(
        r#"---
# The event's file. Every field is explained in CONTENT.md, section 3. Lines starting with `#`
# are comments: remove the `#` of an optional field to use it. `content check` checks this file.

# The event's name, shown as its page title and in lists.
name: {name}
# What sort of event it is, shown as a label: any words.
kind: {kind}
# The first and the last day, in the event's own time zone (year-month-day).
start_date: {start}
end_date: {end}
# The event's zone, an IANA name. Session times are shown in it, and imported local times are
# read in it.
timezone: {zone}
# `virtual` for an online event, otherwise the city.
place: {place}
# The venue's name (in-person events only).
# venue: "Example Convention Centre"
# The larger event this one is part of.
# co_located_with: "KubeCon + CloudNativeCon Europe 2030"
# One sentence about the event, for the home page and search engines.
summary: {summary}
# The event's links, each a web address (https://...).
links:
  # website: "https://events.istio.io/{slug}/"
  # cfp: "https://sessionize.com/{slug}/"
  # registration: "https://example.com/register/"
  # schedule: "https://example.com/schedule/"
  # recordings: "https://www.youtube.com/playlist?list=..."
# The programme chairs.
chairs: []
# The event's languages, shown as written.
languages: ["English"]
# The session formats of the call for proposals: name, minutes, and optionally the fewest and
# most speakers.
formats: []
#  - name: "Presentation"
#    minutes: 25
#    min_speakers: 1
#    max_speakers: 2
# The tracks, in the order the tracks page shows them. Sessions name a track by its slug.
tracks: []
#  - name: "Getting started"
#    slug: "getting-started"
#    description: "Introductions to Istio and to taking part in the project."
# Registration on this site: see CONTENT.md, "registration".
# registration:
#   opens: {start}T09:00:00Z
#   closes: {end}T17:00:00Z
#   endpoint: "https://registration.example.com/{slug}"
---

The event's description, in Markdown. Replace this paragraph with a few sentences about
{name}: who it is for, and what to expect.
"#,
        name = quoted(name),
        kind = quoted(&kind),
        zone = quoted(zone),
        place = quoted(place),
        summary = quoted(&summary),
        slug = e.slug,
    ))
}

/// Makes `parent/<slug>/` with `event.md` and empty `sessions/`, `speakers/`, `organizers/`
/// (each with a `.gitkeep`, so that git keeps the empty folder). Returns the folder.
pub fn create(parent: &Path, e: &NewEvent) -> Result<PathBuf, Vec<NewEventError>> {
    let text = event_file(e)?;
    let dir = parent.join(&e.slug);
    let event_md = dir.join("event.md");
    if event_md.exists() {
        return Err(vec![NewEventError::Exists(event_md)]);
    }
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |err| vec![NewEventError::Io(p, err)]
    };
    for section in ["sessions", "speakers", "organizers"] {
        let sub = dir.join(section);
        fs::create_dir_all(&sub).map_err(io(&sub))?;
        let keep = sub.join(".gitkeep");
        if !keep.exists() {
            fs::write(&keep, "").map_err(io(&keep))?;
        }
    }
    fs::write(&event_md, text).map_err(io(&event_md))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::EventFile;

    fn amsterdam() -> NewEvent {
        NewEvent {
            slug: "istio-day-amsterdam-2030".into(),
            name: "Istio Day Amsterdam 2030".into(),
            start: "2030-03-18".into(),
            end: "2030-03-19".into(),
            timezone: "Europe/Amsterdam".into(),
            place: Some("Amsterdam, Netherlands".into()),
            ..NewEvent::default()
        }
    }

    #[test]
    fn the_new_event_file_reads_back_without_a_problem() {
        let text = event_file(&amsterdam()).unwrap();
        let (event, problems) = EventFile::parse(Path::new("event.md"), &text);
        assert!(problems.is_empty(), "{problems:?}");
        let event = event.unwrap();
        assert_eq!(event.name, "Istio Day Amsterdam 2030");
        assert_eq!(event.timezone, "Europe/Amsterdam");
        assert_eq!(event.city.as_deref(), Some("Amsterdam, Netherlands"));
        assert_eq!(event.kind, "conference");
        assert_eq!(event.summary, "Istio Day Amsterdam 2030 takes place in Amsterdam, Netherlands from 2030-03-18 to 2030-03-19.");
        assert_eq!(event.day_starts().len(), 2);
        // Every field CONTENT.md documents is there, in use or in a comment.
        for field in ["name", "kind", "start_date", "end_date", "timezone", "place", "venue", "co_located_with", "summary", "links", "chairs", "languages", "formats", "tracks", "registration"] {
            assert!(text.lines().any(|l| l.trim_start_matches(['#', ' ']).starts_with(&format!("{field}:"))), "{field}");
        }
    }

    #[test]
    fn a_virtual_event_with_quotes_in_its_name() {
        let e = NewEvent { place: None, name: "IstioCon \"Next\"".into(), ..amsterdam() };
        let (event, problems) = EventFile::parse(Path::new("event.md"), &event_file(&e).unwrap());
        assert!(problems.is_empty(), "{problems:?}");
        let event = event.unwrap();
        assert_eq!((event.name.as_str(), event.city.as_deref(), event.kind.as_str()), ("IstioCon \"Next\"", None, "virtual conference"));
    }

    #[test]
    fn every_mistake_is_reported_at_once() {
        let e = NewEvent { slug: "Istio Day".into(), start: "18 March".into(), timezone: "CET+1".into(), ..amsterdam() };
        let errors = event_file(&e).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 3, "{shown:?}");
        assert!(shown[0].contains("`istio-day`"), "{shown:?}");
        assert!(shown[1].contains("--start `18 March`"), "{shown:?}");
        assert!(shown[2].contains("CET+1"), "{shown:?}");
        let e = NewEvent { end: "2030-03-17".into(), ..amsterdam() };
        assert!(matches!(event_file(&e).unwrap_err().as_slice(), [NewEventError::EndBeforeStart { .. }]));
    }
}
