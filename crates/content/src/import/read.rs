//! What the two readers ([`super::sessionize`], [`super::pretalx`] for pretalx and frab) share:
//! the programme they return ([`Programme`]) and the problems they report, and the reading of
//! what both formats write alike: ids as text or numbers, text fields, HTML, local times in the
//! event's zone, zones, links and languages.

use std::fmt;

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};
use serde::Deserialize;

use crate::files::slugify;

/// A session as read from an export, before it is a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// The id in the export (`import_id` is `<source>:<this>`).
    pub source_id: String,
    /// Our `id`, derived from the export's id.
    pub id: String,
    /// The title.
    pub title: String,
    /// The speakers' source ids, in order.
    pub speakers: Vec<String>,
    /// Start and end, when scheduled.
    pub time: Option<(jiff::Timestamp, jiff::Timestamp)>,
    /// `session_type`.
    pub session_type: Option<String>,
    /// The track's name as the export gives it.
    pub track: Option<String>,
    /// `language`.
    pub language: Option<String>,
    /// `video`.
    pub video: Option<String>,
    /// `room`: the room's name.
    pub room: Option<String>,
    /// A service session (a break, lunch, the welcome): its type is no format of the event.
    pub service: bool,
    /// The abstract, Markdown.
    pub body: String,
}

/// A track as an export names it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportTrack {
    /// Its name.
    pub name: String,
    /// Its colour (`#rrggbb`), when the export gives one.
    pub color: Option<String>,
}

/// A speaker as read from an export.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// The id in the export.
    pub source_id: String,
    /// The name (`title`).
    pub name: String,
    /// `designation` (Sessionize's tag line).
    pub designation: Option<String>,
    /// Social fields (`twitter`, `linkedin`, `github`, `facebook`, `instagram`, `mastodon`,
    /// `bluesky`, `website`) and addresses.
    pub links: Vec<(&'static str, String)>,
    /// The photo's web address (Sessionize's `profilePicture`, pretalx's `avatar`), written
    /// as `image` for the organizer to review, or downloaded with `--photos`.
    pub photo_url: Option<String>,
    /// The bio, Markdown.
    pub body: String,
}

/// What an export holds, in our terms.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Programme {
    /// The sessions, in the export's order.
    pub sessions: Vec<Session>,
    /// The speakers, in the export's order.
    pub speakers: Vec<Speaker>,
    /// Things the reader noticed that are not errors (categories not used, zone differences).
    pub notes: Vec<String>,
    /// The export's tracks, in its order.
    pub tracks: Vec<ExportTrack>,
    /// The export's session formats (Sessionize's format group, pretalx `type`s), in its order.
    pub formats: Vec<String>,
}

/// Why an export could not be imported.
#[derive(Debug)]
pub enum ImportError {
    /// The file is not JSON of the expected shape.
    Json {
        /// What the file should be.
        expected: &'static str,
        /// serde_json's line and column (1-based).
        line: usize,
        /// The column.
        column: usize,
        /// What serde_json says.
        message: String,
    },
    /// Sessions whose data cannot be used; every one is listed.
    Sessions(Vec<SessionProblem>),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // serde_json's message ends with the line and column.
            ImportError::Json { expected, message, .. } => write!(
                f,
                "error: the export is not {expected}: {message}\n  help: export it again, and check that FILE is the export itself, not a web page saved from it"
            ),
            ImportError::Sessions(problems) => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// What is wrong with one session of an export.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionProblem {
    /// The session's id in the export.
    pub source_id: String,
    /// Its title.
    pub title: String,
    /// The export's field.
    pub field: &'static str,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// The kinds of [`SessionProblem`].
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// A local time the zone skips (the hour clocks jump over into summer time).
    NoSuchLocalTime { local: DateTime, zone: String, before: String, after: String },
    /// A local time the zone has twice (the hour clocks repeat leaving summer time).
    AmbiguousLocalTime { local: DateTime, zone: String, before: String, after: String },
    /// A time that is not a date and time.
    BadTime { written: String },
    /// An end not after the start.
    EndBeforeStart,
    /// A start without an end, or an end without a start.
    HalfScheduled,
    /// A speaker id that is not among the export's speakers.
    UnknownSpeaker { id: String },
}

impl fmt::Display for SessionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: session {} `{}`: field `{}`: ", self.source_id, self.title, self.field)?;
        match &self.kind {
            ProblemKind::NoSuchLocalTime { local, zone, before, after } => write!(
                f,
                "{local} does not exist in {zone}: its clocks skip that hour, going from UTC{before} to UTC{after}\n  help: move the session in the export to a time that exists (the hour after the change, or before it), then import again"
            ),
            ProblemKind::AmbiguousLocalTime { local, zone, before, after } => write!(
                f,
                "{local} happens twice in {zone} (first at UTC{before}, then at UTC{after}), so it does not say when the session is\n  help: move the session in the export out of the repeated hour, then import again"
            ),
            ProblemKind::BadTime { written } => write!(f, "`{written}` is not a date and time\n  help: schedule the session again in the export, then export it again"),
            ProblemKind::EndBeforeStart => write!(f, "the session ends before it starts (or when it starts)\n  help: correct its times in the export"),
            ProblemKind::HalfScheduled => write!(f, "the session has a start but no end, or an end but no start\n  help: give it both in the export, or neither"),
            ProblemKind::UnknownSpeaker { id } => write!(f, "the speaker `{id}` is not among the export's speakers\n  help: export again with the speakers (Sessionize: the \"All\" view)"),
        }
    }
}

/// Turns a local time of `zone` into an instant, refusing times the zone skips or repeats.
pub fn local_to_instant(local: DateTime, tz: &TimeZone, zone: &str) -> Result<jiff::Timestamp, ProblemKind> {
    let ambiguous = tz.to_ambiguous_timestamp(local);
    match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { offset } => {
            offset.to_timestamp(local).map_err(|_| ProblemKind::BadTime { written: local.to_string() })
        }
        AmbiguousOffset::Gap { before, after } => Err(ProblemKind::NoSuchLocalTime {
            local,
            zone: zone.to_owned(),
            before: before.to_string(),
            after: after.to_string(),
        }),
        AmbiguousOffset::Fold { before, after } => Err(ProblemKind::AmbiguousLocalTime {
            local,
            zone: zone.to_owned(),
            before: before.to_string(),
            after: after.to_string(),
        }),
    }
}

/// Whether two zones mean the same for a programme: the same offset in 1980 and the same
/// changes of offset from then on (the next 200 of each), as jiff's database gives them. An
/// old alias and its zone (`US/Eastern`, `America/New_York`) share their rules, so they do.
pub fn same_zone(a: &TimeZone, b: &TimeZone) -> bool {
    if a.iana_name().is_some() && a.iana_name() == b.iana_name() {
        return true;
    }
    let from = jiff::Timestamp::from_second(315_532_800).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    a.to_offset(from) == b.to_offset(from)
        && a.following(from).take(200).map(|t| (t.timestamp(), t.offset())).eq(b.following(from).take(200).map(|t| (t.timestamp(), t.offset())))
}

/// An export's description or bio as Markdown: `\r\n` as `\n`, and HTML (pretalx, frab and
/// Sessionize exports carry `<p>`, `<br>`, `<a>`, lists) converted to Markdown by htmd. Text
/// without HTML elements is Markdown already and stays as it is; what the conversion keeps
/// as HTML is sanitized when the site is built, as any Markdown is.
pub fn markdown_of(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if !has_html(&text) {
        return text.trim().to_owned();
    }
    match htmd::HtmlToMarkdown::builder().skip_tags(vec!["script", "style", "head"]).build().convert(&text) {
        Ok(md) => md.trim().to_owned(),
        Err(_) => text.trim().to_owned(),
    }
}

/// Whether `text` has an HTML element of the kinds exports use.
fn has_html(text: &str) -> bool {
    const TAGS: &[&str] = &[
        "p", "br", "a", "ul", "ol", "li", "strong", "em", "b", "i", "u", "h1", "h2", "h3", "h4", "h5", "h6", "div", "span",
        "code", "pre", "blockquote", "img", "hr", "table", "tr", "td", "th",
    ];
    text.match_indices('<').any(|(i, _)| {
        let rest = text[i + 1..].trim_start_matches('/');
        let name: String = rest.chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        let after = rest[name.len()..].chars().next();
        TAGS.contains(&name.as_str()) && matches!(after, Some('>' | ' ' | '/' | '\n' | '\t'))
    })
}

/// Our `id` from an export's id: lower case letters, digits and dashes.
pub fn session_id(source_id: &str) -> String {
    let slug = slugify(source_id);
    if slug.is_empty() { "session".to_owned() } else { slug }
}

/// The social field a link belongs in, by its kind (`Twitter`, `LinkedIn`, ...) or its host.
pub fn social_field(kind: &str, url: &str) -> Option<&'static str> {
    let host = url::Url::parse(url).ok().and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_lowercase()));
    let by_kind = match kind.trim().to_lowercase().as_str() {
        "twitter" | "x" => Some("twitter"),
        "linkedin" => Some("linkedin"),
        "github" => Some("github"),
        "facebook" => Some("facebook"),
        "instagram" => Some("instagram"),
        "mastodon" => Some("mastodon"),
        "bluesky" => Some("bluesky"),
        // Sessionize's "Blog" and "Company_Website", pretalx's and others' plain websites.
        "blog" | "company_website" | "company website" | "website" | "homepage" => Some("website"),
        _ => None,
    };
    by_kind.or(match host.as_deref() {
        Some("twitter.com" | "x.com") => Some("twitter"),
        Some("linkedin.com") => Some("linkedin"),
        Some("github.com") => Some("github"),
        Some("facebook.com") => Some("facebook"),
        Some("instagram.com") => Some("instagram"),
        Some("bsky.app") => Some("bluesky"),
        _ => None,
    })
}

/// A language as our files write it, from a name or an ISO 639-1 code (`en` -> `English`).
pub fn language_name(written: &str) -> String {
    let names = [
        ("en", "English"),
        ("zh", "Chinese"),
        ("de", "German"),
        ("fr", "French"),
        ("es", "Spanish"),
        ("pt", "Portuguese"),
        ("ja", "Japanese"),
        ("ko", "Korean"),
        ("it", "Italian"),
        ("nl", "Dutch"),
    ];
    let w = written.trim();
    let code = w.split(['-', '_']).next().unwrap_or(w).to_lowercase();
    names.iter().find(|(c, _)| *c == code).map_or_else(|| crate::files::normalize_language(w), |(_, n)| (*n).to_owned())
}

/// An id written as text or as a number (Sessionize writes both; frab numbers its events).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Id {
    Text(String),
    Number(i64),
}

impl Id {
    /// The id as text, trimmed.
    pub(super) fn text(&self) -> String {
        match self {
            Id::Text(s) => s.trim().to_owned(),
            Id::Number(n) => n.to_string(),
        }
    }
}

/// A text field that is there and not blank: trimmed, with `\r\n` as `\n`.
pub(super) fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| s.replace("\r\n", "\n"))
}

/// A description or bio as Markdown (HTML in it converted); empty when there is none.
pub(super) fn markdown(s: &Option<String>) -> String {
    nonempty(s).map(|t| markdown_of(&t)).unwrap_or_default()
}

/// A date and time as an export writes it: an instant with its offset (`Z`, `+02:00`), else a
/// local time of `tz` (named `zone`), refused when the zone skips or repeats it. A time that
/// is neither is reported as `written` has it.
pub(super) fn instant(written: &str, tz: &TimeZone, zone: &str) -> Result<jiff::Timestamp, ProblemKind> {
    let text = written.trim();
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Ok(ts);
    }
    match text.parse::<DateTime>() {
        Ok(local) => local_to_instant(local, tz, zone),
        Err(_) => Err(ProblemKind::BadTime { written: written.to_owned() }),
    }
}
