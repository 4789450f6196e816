//! The four kinds of content file, each read on its own: `parse(path, text)` takes a file's
//! text and returns what it says plus every problem found in it. Checks that need more than one
//! file (ids, speakers, tracks, dates) are in [`crate::site`].

use std::path::Path;

use events_model::{OrganizerGroup, Registration, SessionFormat, Slug, Timestamp, Track};
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::diag::Diagnostic;
use crate::frontmatter::{parse_document, Fields};
use crate::photos::ImageRef;

/// Hugo fields the site does not use but organizers' files carry; never reported as unknown.
const HUGO_FIELDS: &[&str] =
    &["url", "summary", "date", "images", "aliases", "tags", "slides", "description", "keywords", "layout", "type"];

/// Written by `content import` to find a file again on the next import (see
/// [`crate::import`]); not used by the site.
pub const IMPORT_FIELDS: &[&str] = &["import_id", "import_body", "import_photo"];

/// Social and profile fields of speaker and organizer files.
const PROFILE_FIELDS: &[&str] =
    &["image", "twitter", "linkedin", "github", "facebook", "instagram", "mastodon", "bluesky", "website", "country", "weight"];

/// What an event file (`<event>/event.md`) says.
#[derive(Clone, Debug)]
pub struct EventFile {
    /// The event's name.
    pub name: String,
    /// E.g. `virtual conference`, `co-located day`.
    pub kind: String,
    /// First day, in the event's zone.
    pub start_date: Date,
    /// Last day, in the event's zone.
    pub end_date: Date,
    /// The IANA zone name.
    pub timezone: String,
    /// The zone itself.
    pub tz: TimeZone,
    /// `None` for a virtual event, else the city.
    pub city: Option<String>,
    /// The venue, if named.
    pub venue: Option<String>,
    /// The larger event it belongs to.
    pub co_located_with: Option<String>,
    /// One sentence for lists and the meta description.
    pub summary: String,
    /// Links as (label, url), in a fixed order.
    pub links: Vec<(String, String)>,
    /// Programme chairs.
    pub chairs: Vec<String>,
    /// Languages.
    pub languages: Vec<String>,
    /// Call-for-proposals formats.
    pub formats: Vec<SessionFormat>,
    /// Tracks, with the line each is declared on.
    pub tracks: Vec<Track>,
    /// The Markdown body.
    pub body: String,
    /// Line of `start_date`, for cross-file messages.
    pub dates_line: usize,
    /// How to register, when the file has a `registration` block without errors.
    pub registration: Option<Registration>,
}

impl EventFile {
    /// The first moment of the first day, in the event's zone.
    pub fn start(&self) -> Timestamp {
        midnight(self.start_date, &self.tz)
    }

    /// The first moment after the last day, in the event's zone.
    pub fn end(&self) -> Timestamp {
        midnight(self.end_date.tomorrow().unwrap_or(self.end_date), &self.tz)
    }

    /// The start of every day of the event.
    pub fn day_starts(&self) -> Vec<Timestamp> {
        self.start_date
            .series(jiff::ToSpan::days(1))
            .take_while(|d| *d <= self.end_date)
            .map(|d| midnight(d, &self.tz))
            .collect()
    }

    /// Which day of the event (0-based, event zone) `t` falls on.
    pub fn day_of(&self, t: Timestamp) -> Option<usize> {
        let ts = jiff::Timestamp::from_second(t.0).ok()?;
        let date = ts.to_zoned(self.tz.clone()).date();
        let days = (date - self.start_date).get_days();
        usize::try_from(days).ok()
    }

    /// Reads an event file.
    pub fn parse(path: &Path, text: &str) -> (Option<EventFile>, Vec<Diagnostic>) {
        let doc = match parse_document(path, text) {
            Ok(doc) => doc,
            Err(e) => return (None, vec![e]),
        };
        let f = Fields::new(path, &doc.fields);
        f.extend(doc.warnings.iter().cloned());
        let name = f.required_text("name", "\"IstioCon 2026\"");
        let kind = f.required_text("kind", "\"virtual conference\" (or \"co-located day\", \"conference\")");
        let start_date = date_field(&f, "start_date", true);
        let end_date = date_field(&f, "end_date", true);
        let timezone = f.required_text("timezone", "\"UTC\" (an IANA zone such as \"Europe/London\")");
        let tz = timezone.as_deref().and_then(|name| match TimeZone::get(name) {
            Ok(tz) => Some(tz),
            Err(_) => {
                f.error(
                    "timezone",
                    f.line_of("timezone"),
                    format!("`{name}` is not an IANA time zone"),
                    "write a zone name such as \"UTC\", \"America/New_York\" or \"Asia/Shanghai\"",
                );
                None
            }
        });
        let place = f.required_text("place", "\"virtual\" (or the city, e.g. \"Atlanta, Georgia, USA\")");
        let venue = f.text("venue");
        let co_located_with = f.text("co_located_with");
        let summary = f.required_text("summary", "\"One sentence about the event.\"");
        if let (Some(s), Some(e)) = (start_date, end_date) {
            if e < s {
                f.error(
                    "end_date",
                    f.line_of("end_date"),
                    format!("the event ends ({e}) before it starts ({s})"),
                    "make `end_date` the same day as `start_date` or later",
                );
            }
        }
        let links = read_links(&f);
        let chairs = f.text_list("chairs");
        let languages = f.text_list("languages");
        let formats = read_formats(&f);
        let tracks = read_tracks(&f);
        let registration = crate::registration::read(&f, tz.as_ref());
        if let (Some((reg, lines)), Some(end_date), Some(tz), Some(zone)) = (&registration, end_date, &tz, &timezone) {
            let end = midnight(end_date.tomorrow().unwrap_or(end_date), tz);
            crate::registration::check_dates(&f, reg, *lines, end, &format!("its last day is {end_date} in {zone}"));
        }
        let registration = registration.map(|(reg, _)| reg);
        let dates_line = f.line_of("start_date");
        let mut problems = f.finish();
        let event = match (name, kind, start_date, end_date, timezone, tz, place, summary) {
            (Some(name), Some(kind), Some(start_date), Some(end_date), Some(timezone), Some(tz), Some(place), Some(summary))
                if end_date >= start_date =>
            {
                let city = (!place.eq_ignore_ascii_case("virtual")).then_some(place);
                Some(EventFile {
                    name,
                    kind,
                    start_date,
                    end_date,
                    timezone,
                    tz,
                    city,
                    venue,
                    co_located_with,
                    summary,
                    links,
                    chairs,
                    languages,
                    formats,
                    tracks,
                    body: doc.body,
                    dates_line,
                    registration,
                })
            }
            _ => None,
        };
        if event.is_none() && !problems.iter().any(Diagnostic::is_error) {
            problems.push(Diagnostic::error(path, 1, None, "the event file is incomplete"));
        }
        (event, problems)
    }
}

fn midnight(date: Date, tz: &TimeZone) -> Timestamp {
    let ts = date.to_zoned(tz.clone()).map(|z| z.timestamp().as_second()).unwrap_or(0);
    Timestamp(ts)
}

fn date_field(f: &Fields<'_>, key: &str, required: bool) -> Option<Date> {
    let text = if required { f.required_text(key, "2026-04-25") } else { f.text(key) }?;
    match text.parse::<Date>() {
        Ok(d) => Some(d),
        Err(_) => {
            f.error(key, f.line_of(key), format!("`{text}` is not a date"), format!("write the date as year-month-day: `{key}: 2026-04-25`"));
            None
        }
    }
}

const LINK_KINDS: &[(&str, &str)] = &[
    ("website", "Website"),
    ("cfp", "Call for proposals"),
    ("registration", "Registration"),
    ("schedule", "Schedule"),
    ("recordings", "Recordings"),
];

fn read_links(f: &Fields<'_>) -> Vec<(String, String)> {
    let Some((line, entries)) = f.group("links") else { return Vec::new() };
    let g = Fields::nested(f.file(), entries, line, "links".into());
    let links = LINK_KINDS.iter().filter_map(|(key, label)| g.url(key).map(|u| ((*label).to_owned(), u))).collect();
    for d in g.finish() {
        f.push(d);
    }
    links
}

fn read_formats(f: &Fields<'_>) -> Vec<SessionFormat> {
    let mut formats = Vec::new();
    for (i, (line, entries)) in f.groups("formats").into_iter().enumerate() {
        let g = Fields::nested(f.file(), entries, line, format!("formats[{}]", i + 1));
        let name = g.required_text("name", "\"Lightning talk\"");
        let minutes = g.number("minutes", 1, 40);
        if minutes.is_none() && !g.has("minutes") {
            g.error("minutes", line, "required field is missing", "add `minutes: 40` (the length in minutes)");
        }
        let min = g.number("min_speakers", 0, 1);
        let max = g.number("max_speakers", 1, 2);
        if let (Some(a), Some(b)) = (min, max) {
            if a > b {
                g.error("min_speakers", g.line_of("min_speakers"), format!("at least {a} but at most {b} speakers"), "make `min_speakers` no larger than `max_speakers`");
            }
        }
        if let (Some(name), Some(minutes)) = (name, minutes) {
            formats.push(SessionFormat {
                name,
                minutes: minutes as u32,
                min_speakers: min.map(|n| n as u32),
                max_speakers: max.map(|n| n as u32),
            });
        }
        for d in g.finish() {
            f.push(d);
        }
    }
    formats
}

fn read_tracks(f: &Fields<'_>) -> Vec<Track> {
    let mut tracks: Vec<Track> = Vec::new();
    for (i, (line, entries)) in f.groups("tracks").into_iter().enumerate() {
        let g = Fields::nested(f.file(), entries, line, format!("tracks[{}]", i + 1));
        let name = g.required_text("name", "\"Getting started\"");
        let slug = g.required_text("slug", "\"getting-started\" (lower case letters, digits and dashes)");
        let description = g.text("description").unwrap_or_default();
        let color = g.text("color").filter(|c| {
            let ok = is_color(c);
            if !ok {
                g.error("color", g.line_of("color"), format!("`{c}` is not a colour"), "write it as `#` and six hex digits, e.g. `color: \"#466bb0\"`, or remove the line");
            }
            ok
        });
        if let Some(slug) = &slug {
            if !is_slug(slug) {
                g.error("slug", g.line_of("slug"), format!("`{slug}` is not a slug"), format!("use lower case letters, digits and dashes, e.g. `{}`", slugify(slug)));
            } else if tracks.iter().any(|t| t.slug == *slug) {
                g.error("slug", g.line_of("slug"), format!("another track already uses the slug `{slug}`"), "give every track its own slug");
            }
        }
        if let (Some(name), Some(Ok(slug))) = (name, slug.map(Slug::try_from)) {
            tracks.push(Track { name, slug, description, color: color.map(|c| c.to_lowercase()) });
        }
        for d in g.finish() {
            f.push(d);
        }
    }
    tracks
}

/// Whether `s` is a colour as exports and CSS write it: `#` and three or six hex digits.
pub fn is_color(s: &str) -> bool {
    s.strip_prefix('#').is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Whether `s` is lower case letters, digits and single dashes: the site's one rule for the
/// words of an address ([`Slug::is_valid`]).
pub fn is_slug(s: &str) -> bool {
    Slug::is_valid(s)
}

/// A slug made from any text: transliterated to ASCII (`Núñez` -> `nunez`, `Łódź` -> `lodz`,
/// with the `deunicode` crate), then lower case letters and digits joined by dashes.
pub fn slugify(s: &str) -> String {
    // Characters of scripts without case (CJK) transliterate to syllables that deunicode ends
    // with a space; a dash before each keeps them apart from the word before (`istio构建` ->
    // `istio-gou-jian`).
    let mut ascii = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            let t = deunicode::deunicode_char(c).unwrap_or("");
            if t.ends_with(' ') {
                ascii.push(' ');
            }
            ascii.push_str(t);
        }
    }
    let mut out = String::new();
    // An apostrophe joins (`what's` -> `whats`); every other sign separates words.
    for c in ascii.chars().filter(|c| *c != '\'') {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// What a session file (`sessions/<id>.md`) says.
#[derive(Clone, Debug)]
pub struct SessionFile {
    /// The id.
    pub id: String,
    /// Line of `id`.
    pub id_line: usize,
    /// The title.
    pub title: String,
    /// Speaker names.
    pub speakers: Vec<String>,
    /// Line of `speakers`.
    pub speakers_line: usize,
    /// Start and end, with the line of `time_start`.
    pub time: Option<(Timestamp, Timestamp)>,
    /// Line of `time_start`.
    pub time_line: usize,
    /// The session type, normalized (`Lightning talk`).
    pub kind: String,
    /// The track as written (`track_slug`, else `track`), with the key and its line.
    pub track: Option<TrackRef>,
    /// The language, normalized (`English`).
    pub language: Option<String>,
    /// The slot, for ordering sessions without times (`3`, `1a`).
    pub slot: Option<String>,
    /// The recording.
    pub video: Option<String>,
    /// The room, as written (`Hall A`).
    pub room: Option<String>,
    /// Whether it is a draft (not published).
    pub draft: bool,
    /// The Markdown body (abstract).
    pub body: String,
}

/// The track a session names, and where.
#[derive(Clone, Debug)]
pub struct TrackRef {
    /// The value as written.
    pub written: String,
    /// `track_slug` or `track`.
    pub key: &'static str,
    /// Its line.
    pub line: usize,
}

/// Session types as the two IstioCons wrote them, with the name the site shows.
const SESSION_TYPES: &[(&str, &str)] = &[
    ("keynote", "Keynote"),
    ("presentation", "Presentation"),
    ("lightning", "Lightning talk"),
    ("lightning talk", "Lightning talk"),
    ("workshop", "Workshop"),
    ("panel", "Panel"),
    ("adoption", "Adoption story"),
    ("spotlight", "Spotlight"),
    ("networking", "Networking"),
    ("listening", "Listening session"),
    ("listening session", "Listening session"),
    ("break", "Break"),
];

/// The name the site shows for a session type as written in a file, if it is a known one.
pub fn known_session_type(written: &str) -> Option<&'static str> {
    let key = written.trim().to_lowercase();
    SESSION_TYPES.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The language as the site shows it (`english` -> `English`, `subtitled` -> `Subtitled`).
pub fn normalize_language(written: &str) -> String {
    let lower = written.trim().to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl SessionFile {
    /// Reads a session file on its own (no event's formats to know its type by).
    pub fn parse(path: &Path, text: &str) -> (Option<SessionFile>, Vec<Diagnostic>) {
        SessionFile::parse_in(path, text, &[])
    }

    /// Reads a session file of an event with `formats`: a session type that names one of them
    /// (any case) is the format's name, and is no warning.
    pub fn parse_in(path: &Path, text: &str, formats: &[SessionFormat]) -> (Option<SessionFile>, Vec<Diagnostic>) {
        let doc = match parse_document(path, text) {
            Ok(doc) => doc,
            Err(e) => return (None, vec![e]),
        };
        let f = Fields::new(path, &doc.fields);
        f.extend(doc.warnings.iter().cloned());
        f.ignore(HUGO_FIELDS);
        f.ignore(&["block", "weight", "level"]);
        f.ignore(IMPORT_FIELDS);
        let draft = f.flag("draft").unwrap_or(false);
        let id = f.required_text("id", "\"a3\" (short, unique within the event)");
        if let Some(id) = id.as_deref().filter(|id| !is_slug(id)) {
            let help = format!("the id is part of the session's address: use lower case letters, digits and single dashes, e.g. `{}`", slugify(id));
            f.error("id", f.line_of("id"), format!("`{id}` is not a slug"), help);
        }
        let title = f.required_text("title", "\"The session's title\"");
        let speakers = f.text_list("speakers");
        let speakers_line = f.line_of("speakers");
        let start = time_field(&f, "time_start");
        let end = time_field(&f, "time_end");
        let time_line = f.line_of("time_start");
        let time = match (start, end) {
            (Some(s), Some(e)) if e <= s => {
                f.error(
                    "time_end",
                    f.line_of("time_end"),
                    "the session ends before it starts (or when it starts)",
                    "make `time_end` later than `time_start`; both are UTC, e.g. 2022-04-25T16:40:00Z",
                );
                None
            }
            (Some(s), Some(e)) => Some((s, e)),
            (Some(_), None) if !f.has("time_end") => {
                f.error("time_end", time_line, "`time_start` is given but `time_end` is missing", "add `time_end:` with the UTC end time, e.g. 2022-04-25T17:15:00Z");
                None
            }
            (None, Some(_)) if !f.has("time_start") => {
                f.error("time_start", f.line_of("time_end"), "`time_end` is given but `time_start` is missing", "add `time_start:` with the UTC start time, e.g. 2022-04-25T16:40:00Z");
                None
            }
            _ => None,
        };
        let kind = session_type(&f, formats);
        let track = ["track_slug", "track"]
            .into_iter()
            .find_map(|key| f.text(key).map(|written| TrackRef { written, key, line: f.line_of(key) }));
        f.ignore(&["track"]);
        let language = f.text("language").map(|l| normalize_language(&l));
        let slot = f.text("slot");
        let video = f.url("video");
        let room = f.text("room");
        let id_line = f.line_of("id");
        let problems = f.finish();
        let session = match (id, title) {
            (Some(id), Some(title)) => Some(SessionFile {
                id,
                id_line,
                title,
                speakers,
                speakers_line,
                time,
                time_line,
                kind,
                track,
                language,
                slot,
                video,
                room,
                draft,
                body: doc.body,
            }),
            _ => None,
        };
        (session, problems)
    }
}

/// The session type from `session_type` (2022) or `format` (2021): one of the event's
/// `formats`, else a known type, else as written (with a warning).
fn session_type(f: &Fields<'_>, formats: &[SessionFormat]) -> String {
    let written = f.text("session_type").map(|t| (t, "session_type")).or_else(|| f.text("format").map(|t| (t, "format")));
    f.ignore(&["format", "session_type"]);
    if let Some(format) = written.as_ref().and_then(|(t, _)| formats.iter().find(|fm| fm.name.trim().eq_ignore_ascii_case(t.trim()))) {
        return format.name.trim().to_owned();
    }
    match written {
        Some((t, key)) => match known_session_type(&t) {
            Some(known) => known.to_owned(),
            None => {
                let names: Vec<&str> = SESSION_TYPES.iter().map(|(k, _)| *k).collect();
                f.warn(
                    key,
                    f.line_of(key),
                    format!("`{t}` is not a known session type; it is shown as written"),
                    format!("if it is one of these, write it so: {}; or add it to `formats` in event.md", names.join(", ")),
                );
                normalize_language(&t)
            }
        },
        None => "Session".to_owned(),
    }
}

fn time_field(f: &Fields<'_>, key: &str) -> Option<Timestamp> {
    let text = f.text(key)?;
    match text.parse::<jiff::Timestamp>() {
        Ok(ts) => Some(Timestamp(ts.as_second())),
        Err(_) => {
            f.error(
                key,
                f.line_of(key),
                format!("`{text}` is not a date-time with a zone"),
                format!("write it in UTC as RFC 3339: `{key}: 2022-04-25T16:40:00Z`"),
            );
            None
        }
    }
}

/// What a speaker file (`speakers/<slug>.md` or `speakers/<slug>/_index.md`) says.
#[derive(Clone, Debug)]
pub struct SpeakerFile {
    /// The name (`title` in the file).
    pub name: String,
    /// Line of `title`.
    pub name_line: usize,
    /// Role and company.
    pub designation: String,
    /// Social links as (label, url).
    pub links: Vec<(String, String)>,
    /// `image`, as written, when given.
    pub image: Option<ImageRef>,
    /// The photo's variants, once the site's load has read, checked and made them.
    pub photo: Option<PhotoFiles>,
    /// Whether it is a draft.
    pub draft: bool,
    /// The Markdown bio.
    pub body: String,
}

/// A photo made into its variants ([`crate::photos::variants`]): what the pages say, and the
/// files to write.
#[derive(Clone, PartialEq, Eq)]
pub struct PhotoFiles {
    /// What the pages say about it.
    pub photo: events_model::Photo,
    /// The files, shared.
    pub files: std::sync::Arc<Vec<crate::photos::Encoded>>,
}

impl std::fmt::Debug for PhotoFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhotoFiles({:?})", self.photo)
    }
}

fn image_field(f: &Fields<'_>) -> Option<ImageRef> {
    f.text("image").filter(|t| !t.trim().is_empty()).map(|t| ImageRef { written: t.trim().to_owned(), line: f.line_of("image") })
}

/// The profile fields shown as links, with the name of the site each one is on.
const SOCIAL: &[(&str, &str)] = &[
    ("twitter", "Twitter"),
    ("linkedin", "LinkedIn"),
    ("github", "GitHub"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("website", "Website"),
];

fn social_links(f: &Fields<'_>) -> Vec<(String, String)> {
    SOCIAL.iter().filter_map(|(key, label)| f.url(key).map(|u| ((*label).to_owned(), u))).collect()
}

impl SpeakerFile {
    /// Reads a speaker file.
    pub fn parse(path: &Path, text: &str) -> (Option<SpeakerFile>, Vec<Diagnostic>) {
        let doc = match parse_document(path, text) {
            Ok(doc) => doc,
            Err(e) => return (None, vec![e]),
        };
        let f = Fields::new(path, &doc.fields);
        f.extend(doc.warnings.iter().cloned());
        f.ignore(HUGO_FIELDS);
        f.ignore(PROFILE_FIELDS);
        f.ignore(IMPORT_FIELDS);
        let name = f.required_text("title", "\"Ada Lovelace\" (the speaker's name)");
        let designation = f.text("designation").unwrap_or_default();
        let links = social_links(&f);
        let image = image_field(&f);
        let draft = f.flag("draft").unwrap_or(false);
        let name_line = f.line_of("title");
        let problems = f.finish();
        (name.map(|name| SpeakerFile { name, name_line, designation, links, image, photo: None, draft, body: doc.body }), problems)
    }
}

/// What an organizer file (`organizers/<slug>.md`) says.
#[derive(Clone, Debug)]
pub struct OrganizerFile {
    /// The name (`title`).
    pub name: String,
    /// Role and company.
    pub designation: String,
    /// The team.
    pub group: OrganizerGroup,
    /// Order within the team (lower first).
    pub weight: i64,
    /// `image`, as written, when given.
    pub image: Option<ImageRef>,
    /// The photo's variants, once the site's load has read, checked and made them.
    pub photo: Option<PhotoFiles>,
    /// Whether it is a draft.
    pub draft: bool,
}

impl OrganizerFile {
    /// Reads an organizer file.
    pub fn parse(path: &Path, text: &str) -> (Option<OrganizerFile>, Vec<Diagnostic>) {
        let doc = match parse_document(path, text) {
            Ok(doc) => doc,
            Err(e) => return (None, vec![e]),
        };
        let f = Fields::new(path, &doc.fields);
        f.extend(doc.warnings.iter().cloned());
        f.ignore(HUGO_FIELDS);
        f.ignore(PROFILE_FIELDS);
        let name = f.required_text("title", "\"Ada Lovelace\" (the organizer's name)");
        let designation = f.text("designation").unwrap_or_default();
        let group = match f.text("group").map(|g| g.to_lowercase()) {
            Some(g) => match g.as_str() {
                "pc" => OrganizerGroup::ProgrammeCommittee,
                "cc" => OrganizerGroup::ChineseProgrammeCommittee,
                "oc" => OrganizerGroup::OrganizingCommittee,
                "sg" => OrganizerGroup::Production,
                other => {
                    f.warn("group", f.line_of("group"), format!("`{other}` is not a known group; listed under Organizers"), "write pc (programme committee), cc (Chinese programme committee), oc (organizing committee) or sg (production team)");
                    OrganizerGroup::Other
                }
            },
            None => OrganizerGroup::Other,
        };
        let weight = f.number("weight", i64::MIN, 10).unwrap_or(i64::MAX);
        let image = image_field(&f);
        let draft = f.flag("draft").unwrap_or(false);
        let problems = f.finish();
        (name.map(|name| OrganizerFile { name, designation, group, weight, image, photo: None, draft }), problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(text: &str) -> (Option<SessionFile>, Vec<Diagnostic>) {
        SessionFile::parse(Path::new("s.md"), text)
    }

    #[test]
    fn reads_a_2021_session_with_format_and_lower_case_language() {
        let (s, problems) = session(
            "---\nid: a1k\ntitle: Welcome & opening keynote\nspeakers:\n  - Craig Box\n  - Lin Sun\ntime_start: 2021-02-22T16:00:00.000Z\ntime_end:   2021-02-22T16:50:00Z\nformat: keynote\nlanguage: english\nblock: a\nslot: 1\nvideo: https://www.youtube.com/embed/QNs7Fiyw4Xk\ntags:\n---\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let s = s.unwrap();
        assert_eq!(s.kind, "Keynote");
        assert_eq!(s.language.as_deref(), Some("English"));
        assert_eq!(s.speakers, ["Craig Box", "Lin Sun"]);
        assert_eq!(s.time, Some((Timestamp(1_614_009_600), Timestamp(1_614_012_600))));
        assert_eq!(s.slot.as_deref(), Some("1"));
    }

    #[test]
    fn reads_a_2022_session_with_session_type_track_and_string_slot() {
        let (s, problems) = session(
            "---\nid: a1a\ntitle: \"State of Istio\"\nspeakers: [Lin Sun, Mitch Connors]\ntime_start: 2022-04-25T15:00:00Z\ntime_end: 2022-04-25T15:25:00Z\nsession_type: Lightning talk\ntrack: Keynote\ntrack_slug: keynote\nlanguage: CHINESE\nslot: \"1a\"\nunknown_thing: 3\n---\nBody\n",
        );
        let s = s.unwrap();
        assert_eq!(s.kind, "Lightning talk");
        assert_eq!(s.track.as_ref().map(|t| (t.written.as_str(), t.key)), Some(("keynote", "track_slug")));
        assert_eq!(s.language.as_deref(), Some("Chinese"));
        assert_eq!(s.slot.as_deref(), Some("1a"));
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].is_error());
        assert_eq!(problems[0].field.as_deref(), Some("unknown_thing"));
        assert_eq!(problems[0].line, 12);
    }

    #[test]
    fn end_before_start_names_time_end() {
        let (_, problems) = session("---\nid: x\ntitle: t\ntime_start: 2022-04-25T15:00:00Z\ntime_end: 2022-04-25T14:00:00Z\n---\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field.as_deref(), Some("time_end"));
        assert_eq!(problems[0].line, 5);
    }

    #[test]
    fn bad_time_and_missing_title_are_both_reported() {
        let (s, problems) = session("---\nid: x\ntime_start: 25 April 2022 15:00\ntime_end: 2022-04-25T16:00:00Z\n---\n");
        assert!(s.is_none());
        let fields: Vec<_> = problems.iter().map(|p| p.field.clone().unwrap()).collect();
        assert!(fields.contains(&"title".to_owned()), "{problems:?}");
        assert!(fields.contains(&"time_start".to_owned()), "{problems:?}");
    }

    #[test]
    fn event_file_reads_formats_tracks_and_zone() {
        let text = "---\nname: IstioCon 2022\nkind: virtual conference\nstart_date: 2022-04-25\nend_date: 2022-04-29\ntimezone: UTC\nplace: virtual\nsummary: s\nlinks:\n  website: https://events.istio.io/\nformats:\n  - name: Panel\n    minutes: 40\n    min_speakers: 3\n    max_speakers: 5\ntracks:\n  - name: Getting started\n    slug: getting-started\n---\n";
        let (e, problems) = EventFile::parse(Path::new("event.md"), text);
        assert!(problems.is_empty(), "{problems:?}");
        let e = e.unwrap();
        assert_eq!(e.formats[0].max_speakers, Some(5));
        assert_eq!(e.tracks[0].slug, "getting-started");
        assert_eq!(e.day_starts().len(), 5);
        assert_eq!(e.end().0 - e.start().0, 5 * 86_400);
        assert_eq!(e.city, None);
    }

    #[test]
    fn event_days_follow_the_zone_across_daylight_saving() {
        // Europe/London moves to summer time on 2025-03-30.
        let text = "---\nname: x\nkind: k\nstart_date: 2025-03-29\nend_date: 2025-03-31\ntimezone: Europe/London\nplace: London\nsummary: s\n---\n";
        let (e, problems) = EventFile::parse(Path::new("event.md"), text);
        assert!(problems.is_empty(), "{problems:?}");
        let e = e.unwrap();
        let days = e.day_starts();
        assert_eq!(days[1].0 - days[0].0, 86_400);
        assert_eq!(days[2].0 - days[1].0, 82_800);
        // 23:30 UTC on the 30th is 00:30 BST on the 31st: the third day.
        assert_eq!(e.day_of(Timestamp(days[2].0 - 1_800 + 3_600)), Some(2));
    }

    #[test]
    fn bad_zone_track_slug_and_dates_are_reported_with_fixes() {
        let text = "---\nname: x\nkind: k\nstart_date: 2025-03-29\nend_date: 2025-03-28\ntimezone: Mars/Olympus\nplace: virtual\nsummary: s\ntracks:\n  - name: A B\n    slug: A B\n---\n";
        let (e, problems) = EventFile::parse(Path::new("event.md"), text);
        assert!(e.is_none());
        let fields: Vec<_> = problems.iter().map(|p| (p.field.clone().unwrap_or_default(), p.line)).collect();
        assert!(fields.contains(&("timezone".into(), 6)), "{fields:?}");
        assert!(fields.contains(&("end_date".into(), 5)), "{fields:?}");
        assert!(fields.contains(&("tracks[1].slug".into(), 11)), "{fields:?}");
        let slug = problems.iter().find(|p| p.field.as_deref() == Some("tracks[1].slug")).unwrap();
        assert!(slug.help.as_deref().unwrap().contains("`a-b`"));
    }

    #[test]
    fn speaker_and_organizer_files() {
        let (s, p) = SpeakerFile::parse(Path::new("s.md"), "---\ntitle: Lin Sun\ndesignation: Solo.io\nimage : /x.jpg\ntwitter: https://twitter.com/x\nlinkedin:\n---\nBio");
        assert!(p.is_empty(), "{p:?}");
        let s = s.unwrap();
        assert_eq!(s.links, vec![("Twitter".to_owned(), "https://twitter.com/x".to_owned())]);
        // Mastodon, Bluesky and a website too, in the order the page lists them; a Mastodon
        // handle is not an address.
        let text = "---\ntitle: Lin Sun\nwebsite: https://lin.example/\nbluesky: https://bsky.app/profile/lin.example\nmastodon: https://hachyderm.io/@lin\ngithub: https://github.com/linsun\n---\n";
        let (s, p) = SpeakerFile::parse(Path::new("s.md"), text);
        assert!(p.is_empty(), "{p:?}");
        let labels: Vec<_> = s.unwrap().links.into_iter().map(|(label, _)| label).collect();
        assert_eq!(labels, ["GitHub", "Mastodon", "Bluesky", "Website"]);
        let (_, p) = SpeakerFile::parse(Path::new("s.md"), "---\ntitle: Lin Sun\nmastodon: \"@lin@hachyderm.io\"\n---\n");
        assert_eq!(p.iter().map(|p| (p.field.as_deref(), p.line)).collect::<Vec<_>>(), [(Some("mastodon"), 3)], "{p:?}");
        let (o, p) = OrganizerFile::parse(Path::new("o.md"), "---\ntitle: Craig Box\ngroup: pc\nweight: 2\n---\n");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(o.unwrap().group, OrganizerGroup::ProgrammeCommittee);
    }

    #[test]
    fn slugs() {
        assert!(is_slug("getting-started"));
        assert!(!is_slug("Getting started"));
        assert_eq!(slugify("Tools, features & functionality"), "tools-features-functionality");
        assert_eq!(slugify("Santiago Núñez Cacho"), "santiago-nunez-cacho");
        assert_eq!(slugify("Gergő Huszty"), "gergo-huszty");
        assert_eq!(slugify("Łukasz Żółć-Nguyễn"), "lukasz-zolc-nguyen");
        assert_eq!(slugify("Ștefan Țurcan"), "stefan-turcan");
        assert_eq!(slugify("Tech evolution & what’s next"), "tech-evolution-whats-next");
    }
}
