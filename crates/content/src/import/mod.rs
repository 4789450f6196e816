//! `content import sessionize|pretalx|frab FILE DIR`: an exported programme turned into session
//! and speaker files in an event folder, and the tracks and formats its sessions use added to
//! its `event.md`, again and again as the programme changes.
//!
//! The work is pure: [`plan`] takes the export's text, the event's zone and tracks and the
//! files already in the folder, and returns the files to write ([`Plan`]). Reading the folder
//! and writing the plan is the thin layer in [`run`].
//!
//! What an import owns in a file, and what it leaves alone:
//!
//! - Every file it writes has `import_id: "<source>:<id in the export>"`. That is how the next
//!   import finds the file again (even if a speaker's name changed) and how it knows which
//!   files came from this source. A file without `import_id` is the organizers' own: it is
//!   never changed, and a session of the export with the same `id` is reported instead.
//! - The fields the export gives (`title`, `speakers`, `time_start`, ...) are written from the
//!   export each time. A field the export does not give is left as it is, so a `video` added by
//!   hand stays; fields the import never writes (a `slot`, `draft: true`, comments) stay too.
//! - The body (abstract or bio) is written with a fingerprint of it in `import_body`. A body
//!   that no longer matches its fingerprint was edited by hand and is kept; the others follow
//!   the export.
//! - A session that was imported from this source before and is no longer in the export is
//!   reported, never deleted.
//! - `event.md` gets the export's tracks and formats that it lacks, added after its own (which
//!   are never changed or removed); a track or format it has already, by name or slug, is used
//!   as it is.
//!
//! [`verify`] checks the folder as the import would leave it, in a copy, so that an import
//! that would not pass `content check` writes nothing.

pub mod event_md;
pub mod pretalx;
pub mod sessionize;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};

use crate::diag::Diagnostic;
use crate::files::{slugify, EventFile};
use crate::frontmatter::{parse_document, Entry, ValueKind};

/// The program a programme was exported from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Sessionize's API view "All" (`/api/v2/<id>/view/All`).
    Sessionize,
    /// pretalx's (frab/c3voc) `schedule.json`.
    Pretalx,
    /// frab's `schedule.json`: the same format, read by the same reader.
    Frab,
}

impl Source {
    /// The prefix of `import_id` values from this source.
    pub fn prefix(self) -> &'static str {
        match self {
            Source::Sessionize => "sessionize",
            Source::Pretalx => "pretalx",
            Source::Frab => "frab",
        }
    }
}

/// Which of our session fields a category (Sessionize) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `session_type`.
    SessionType,
    /// `track_slug` (the category item's name, as a slug).
    Track,
    /// `language`.
    Language,
    /// Not used.
    Ignore,
}

impl Target {
    /// The target named on the command line (`--map "Title=session_type"`).
    pub fn parse(name: &str) -> Option<Target> {
        match name.trim() {
            "session_type" | "format" | "type" => Some(Target::SessionType),
            "track" | "track_slug" => Some(Target::Track),
            "language" => Some(Target::Language),
            "ignore" | "none" | "-" => Some(Target::Ignore),
            _ => None,
        }
    }

    /// Which field a category with this title holds, when nothing maps it: session format ->
    /// `session_type`, track -> `track_slug`, language -> `language`; anything else is ignored.
    pub fn from_title(title: &str) -> Target {
        let t = title.to_lowercase();
        if t.contains("track") {
            Target::Track
        } else if t.contains("language") || t.contains("sprache") || t.contains("langue") {
            Target::Language
        } else if t.contains("format") || t.contains("type") {
            Target::SessionType
        } else {
            Target::Ignore
        }
    }
}

/// How an import runs.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--map TITLE=FIELD`: categories whose titles the defaults do not recognize.
    pub map: Vec<(String, Target)>,
    /// `--no-service-sessions`: leave out service sessions (breaks, welcome, lunch).
    pub skip_service: bool,
}

impl Options {
    /// The field a category with `title` holds.
    pub fn target(&self, title: &str) -> Target {
        self.map
            .iter()
            .find(|(t, _)| t.trim().eq_ignore_ascii_case(title.trim()))
            .map_or_else(|| Target::from_title(title), |(_, target)| *target)
    }
}

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
    /// Social fields (`twitter`, `linkedin`, `github`, `facebook`, `instagram`) and addresses.
    pub links: Vec<(&'static str, String)>,
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

/// One file of the folder as it is now.
#[derive(Clone, Debug)]
pub struct Existing {
    /// Relative to the event folder, e.g. `sessions/a3.md`.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// What happens to one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// A new file.
    Add,
    /// A file that changes.
    Update,
    /// A file the export would change, but that stays as it is.
    Unchanged,
}

/// One file an import writes or leaves.
#[derive(Clone, Debug)]
pub struct Change {
    /// Relative to the event folder.
    pub path: PathBuf,
    /// Added, updated or unchanged.
    pub action: Action,
    /// The file's text after the import.
    pub text: String,
    /// Why it is as it is, when it is worth saying (a body kept because it was edited by hand).
    pub note: Option<String>,
}

/// What an import would do.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Every file the export leads to, in path order.
    pub changes: Vec<Change>,
    /// Files imported from this source before whose session or speaker is gone from the export:
    /// (path, what it is). They are not deleted.
    pub removed: Vec<(PathBuf, String)>,
    /// Sessions and speakers of the export that were not written, and why (a file written by
    /// hand has the same id).
    pub skipped: Vec<String>,
    /// Other things to tell the organizer (tracks event.md does not declare, with the lines to
    /// add).
    pub notes: Vec<String>,
    /// Tracks added to event.md: (name, slug).
    pub tracks_added: Vec<(String, String)>,
    /// Formats added to event.md: (name, minutes).
    pub formats_added: Vec<(String, u32)>,
    /// Sessions in the export (after leaving out service sessions when asked).
    pub sessions: usize,
    /// Speakers in the export.
    pub speakers: usize,
}

impl Plan {
    /// How many files get `action`.
    pub fn count(&self, action: Action) -> usize {
        self.changes.iter().filter(|c| c.action == action).count()
    }

    /// The files to write (added or updated).
    pub fn writes(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.action != Action::Unchanged)
    }

    /// The report printed by `content import`, one line per file that changes (prefixed with
    /// "would" on a dry run), every removed session, then the counts.
    pub fn report(&self, dir: &Path, dry_run: bool) -> String {
        let would = if dry_run { "would " } else { "" };
        let mut out = String::new();
        for c in &self.changes {
            let verb = match c.action {
                Action::Add => "add",
                Action::Update => "update",
                Action::Unchanged => {
                    if let Some(note) = &c.note {
                        out.push_str(&format!("keep {}: {note}\n", dir.join(&c.path).display()));
                    }
                    continue;
                }
            };
            out.push_str(&format!("{would}{verb} {}", dir.join(&c.path).display()));
            if let Some(note) = &c.note {
                out.push_str(&format!(" ({note})"));
            }
            out.push('\n');
        }
        for (name, slug) in &self.tracks_added {
            out.push_str(&format!("{would}add the track {} (slug `{slug}`) to {}\n", quoted(name), dir.join("event.md").display()));
        }
        for (name, minutes) in &self.formats_added {
            out.push_str(&format!("{would}add the format {} ({minutes} minutes) to {}\n", quoted(name), dir.join("event.md").display()));
        }
        for (path, what) in &self.removed {
            out.push_str(&format!(
                "removed from the export: {} ({what}); the file is kept\n  help: delete it, or add `draft: true` to unpublish it\n",
                dir.join(path).display()
            ));
        }
        for s in &self.skipped {
            out.push_str(&format!("skipped: {s}\n"));
        }
        for n in &self.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        let (add, update) = if dry_run { ("would add", "would update") } else { ("added", "updated") };
        out.push_str(&format!(
            "import: {} sessions, {} speakers in the export; files: {add} {}, {update} {}, unchanged {}; removed from the export {}; event.md: {add} {} tracks, {} formats\n",
            self.sessions,
            self.speakers,
            self.count(Action::Add),
            self.count(Action::Update),
            self.count(Action::Unchanged),
            self.removed.len(),
            self.tracks_added.len(),
            self.formats_added.len()
        ));
        out
    }
}

/// Fields an import writes in session files, in the order a new file has them.
const SESSION_FIELDS: &[&str] =
    &["id", "title", "speakers", "time_start", "time_end", "session_type", "track_slug", "room", "language", "video", "import_id", "import_body"];

/// Fields an import writes in speaker files, in the order a new file has them.
const SPEAKER_FIELDS: &[&str] =
    &["title", "designation", "twitter", "linkedin", "github", "facebook", "instagram", "import_id", "import_body"];

/// The event an export is imported into.
#[derive(Clone, Debug)]
pub struct Event {
    /// The IANA zone, for local times.
    pub timezone: String,
    /// The zone.
    pub tz: TimeZone,
    /// The slugs and names of its tracks.
    pub tracks: Vec<(String, String)>,
    /// The names of its formats.
    pub formats: Vec<String>,
    /// The text of its `event.md`, which the import adds tracks and formats to; `None` to
    /// leave the file alone (the plan's notes then say what to add).
    pub text: Option<String>,
}

impl Event {
    /// The zone, tracks and formats of an event file whose text is `text`.
    pub fn from_file(e: &EventFile, text: &str) -> Event {
        Event {
            timezone: e.timezone.clone(),
            tz: e.tz.clone(),
            tracks: e.tracks.iter().map(|t| (t.slug.to_string(), t.name.clone())).collect(),
            formats: e.formats.iter().map(|f| f.name.clone()).collect(),
            text: Some(text.to_owned()),
        }
    }

    /// The slug of the event's track called `name` (any case) or slugged so.
    fn track_slug(&self, name: &str) -> Option<&str> {
        let slug = slugify(name);
        self.tracks.iter().find(|(s, n)| n.trim().eq_ignore_ascii_case(name.trim()) || *s == slug).map(|(s, _)| s.as_str())
    }

    /// The event's format called `name` (any case).
    fn format(&self, name: &str) -> Option<&str> {
        self.formats.iter().find(|f| f.trim().eq_ignore_ascii_case(name.trim())).map(String::as_str)
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

/// Reads `export` (from `source`) and plans the files of the event folder that holds
/// `existing` (its files under `sessions/` and `speakers/`).
pub fn plan(source: Source, export: &str, event: &Event, existing: &[Existing], options: &Options) -> Result<Plan, ImportError> {
    // Editors on Windows save UTF-8 with a byte-order mark; serde_json refuses it.
    let export = export.strip_prefix('\u{feff}').unwrap_or(export);
    let programme = match source {
        Source::Sessionize => sessionize::read(export, &event.tz, &event.timezone, options)?,
        Source::Pretalx | Source::Frab => pretalx::read(export, &event.tz, &event.timezone, options)?,
    };
    Ok(plan_programme(source, &programme, event, existing))
}

/// A file as far as an import cares: its `import_id`, `id` (sessions), `title` and body.
struct Known<'a> {
    file: &'a Existing,
    import_id: Option<String>,
    id: Option<String>,
    title: Option<String>,
}

fn known(file: &Existing) -> Option<Known<'_>> {
    let doc = parse_document(&file.path, &file.text).ok()?;
    let text = |key: &str| {
        doc.fields.iter().rev().find(|e| e.key == key).and_then(|e| match &e.value.kind {
            ValueKind::Str(s) => Some(s.trim().to_owned()),
            ValueKind::Int(i) => Some(i.to_string()),
            _ => None,
        })
    };
    Some(Known { file, import_id: text("import_id"), id: text("id"), title: text("title") })
}

/// Plans the files for a programme already read.
pub fn plan_programme(source: Source, programme: &Programme, event: &Event, existing: &[Existing]) -> Plan {
    let mut plan = Plan { sessions: programme.sessions.len(), speakers: programme.speakers.len(), ..Plan::default() };
    plan.notes.extend(programme.notes.iter().cloned());
    let in_section = |section: &str| -> Vec<Known<'_>> {
        existing.iter().filter(|f| f.path.starts_with(section)).filter_map(known).collect()
    };
    let sessions_now = in_section("sessions");
    let speakers_now = in_section("speakers");
    let prefix = format!("{}:", source.prefix());

    // Speakers first: sessions name them by the name their file has.
    let mut names: BTreeMap<&str, String> = BTreeMap::new();
    let mut taken: BTreeSet<PathBuf> = speakers_now.iter().map(|k| k.file.path.clone()).collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for sp in &programme.speakers {
        let import_id = format!("{prefix}{}", sp.source_id);
        seen.insert(import_id.clone());
        names.insert(sp.source_id.as_str(), sp.name.clone());
        let matched = speakers_now
            .iter()
            .find(|k| k.import_id.as_deref() == Some(import_id.as_str()))
            .or_else(|| speakers_now.iter().find(|k| k.title.as_deref() == Some(sp.name.as_str())));
        let mut fields: Vec<(&str, String)> = vec![("title", quoted(&sp.name))];
        if let Some(d) = &sp.designation {
            fields.push(("designation", quoted(d)));
        }
        for (key, url) in &sp.links {
            fields.push((key, quoted(url)));
        }
        fields.push(("import_id", quoted(&import_id)));
        match matched {
            Some(k) if k.import_id.is_none() => {
                // The organizers' own file for this speaker: sessions link to it by its name.
                if let Some(title) = &k.title {
                    names.insert(sp.source_id.as_str(), title.clone());
                }
                plan.changes.push(Change {
                    path: k.file.path.clone(),
                    action: Action::Unchanged,
                    text: k.file.text.clone(),
                    note: Some("written by hand (no `import_id`), not changed".to_owned()),
                });
            }
            Some(k) => plan.changes.push(merge(&k.file.path, &k.file.text, &fields, &sp.body, SPEAKER_FIELDS)),
            None => {
                let base = slugify(&sp.name);
                let base = if base.is_empty() { format!("speaker-{}", slugify(&sp.source_id)) } else { base };
                let mut path = PathBuf::from(format!("speakers/{base}.md"));
                let mut n = 2;
                while taken.contains(&path) || taken.contains(&PathBuf::from(format!("speakers/{}/_index.md", path.file_stem().unwrap_or_default().to_string_lossy()))) {
                    path = PathBuf::from(format!("speakers/{base}-{n}.md"));
                    n += 1;
                }
                taken.insert(path.clone());
                plan.changes.push(Change { action: Action::Add, note: None, text: render(&fields, &sp.body, SPEAKER_FIELDS), path });
            }
        }
    }
    for k in &speakers_now {
        if let Some(id) = &k.import_id
            && id.starts_with(&prefix)
            && !seen.contains(id)
        {
            plan.removed.push((k.file.path.clone(), format!("speaker `{}`", k.title.as_deref().unwrap_or("?"))));
        }
    }

    // Sessions.
    let mut undeclared: BTreeMap<String, String> = BTreeMap::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for s in &programme.sessions {
        let import_id = format!("{prefix}{}", s.source_id);
        seen.insert(import_id.clone());
        let speakers: Vec<String> = s.speakers.iter().filter_map(|id| names.get(id.as_str()).cloned()).collect();
        let mut fields: Vec<(&str, String)> = vec![("id", quoted(&s.id)), ("title", quoted(&s.title)), ("speakers", list(&speakers))];
        if let Some((start, end)) = s.time {
            fields.push(("time_start", utc(start)));
            fields.push(("time_end", utc(end)));
        }
        if let Some(t) = &s.session_type {
            // The event's own spelling of a format it has, else the one the import gives it.
            fields.push(("session_type", quoted(&event.format(t).map_or_else(|| format_name(t), str::to_owned))));
        }
        if let Some(track) = &s.track {
            let slug = event.track_slug(track).map_or_else(|| track_slug_of(track), str::to_owned);
            if !event.tracks.iter().any(|(s, _)| *s == slug) {
                undeclared.entry(slug.clone()).or_insert_with(|| track.trim().to_owned());
            }
            fields.push(("track_slug", quoted(&slug)));
        }
        if let Some(room) = &s.room {
            fields.push(("room", quoted(room)));
        }
        if let Some(l) = &s.language {
            fields.push(("language", quoted(l)));
        }
        if let Some(v) = &s.video {
            fields.push(("video", quoted(v)));
        }
        fields.push(("import_id", quoted(&import_id)));
        let matched = sessions_now
            .iter()
            .find(|k| k.import_id.as_deref() == Some(import_id.as_str()))
            .or_else(|| sessions_now.iter().find(|k| k.id.as_deref() == Some(s.id.as_str())));
        match matched {
            Some(k) if k.import_id.as_deref() != Some(import_id.as_str()) => plan.skipped.push(format!(
                "session {} `{}`: {} already has the id `{}` and was not imported from this export; it is not changed",
                s.source_id,
                s.title,
                k.file.path.display(),
                s.id
            )),
            Some(k) => plan.changes.push(merge(&k.file.path, &k.file.text, &fields, &s.body, SESSION_FIELDS)),
            None => {
                let path = PathBuf::from(format!("sessions/{}.md", s.id));
                // A file there that reads as another session (or not at all) is never written over.
                let taken = existing.iter().find(|f| f.path == path || f.path == Path::new("sessions").join(&s.id).join("_index.md") || f.path == Path::new("sessions").join(&s.id).join("index.md"));
                match taken {
                    Some(f) => plan.skipped.push(format!(
                        "session {} `{}`: {} is there and is another session's file (or cannot be read); it is not changed",
                        s.source_id,
                        s.title,
                        f.path.display()
                    )),
                    None => plan.changes.push(Change { action: Action::Add, text: render(&fields, &s.body, SESSION_FIELDS), note: None, path }),
                }
            }
        }
    }
    for k in &sessions_now {
        if let Some(id) = &k.import_id
            && id.starts_with(&prefix)
            && !seen.contains(id)
        {
            plan.removed.push((k.file.path.clone(), format!("session `{}`", k.title.as_deref().unwrap_or("?"))));
        }
    }
    event_md(programme, event, &undeclared, &mut plan);
    plan.changes.sort_by(|a, b| a.path.cmp(&b.path));
    plan
}

/// A format's name in event.md from a session type: a known type as the site writes it
/// (`workshop` -> `Workshop`), a name all in lower case with a capital (`lecture` -> `Lecture`),
/// any other as the export has it. Sessions name it in any case.
fn format_name(written: &str) -> String {
    let w = written.trim();
    match crate::files::known_session_type(w) {
        Some(known) => known.to_owned(),
        None if w.chars().all(|c| !c.is_uppercase()) => crate::files::normalize_language(w),
        None => w.to_owned(),
    }
}

/// A track's slug from its name; `track` when the name has no letters or digits.
fn track_slug_of(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() { "track".to_owned() } else { slug }
}

/// Adds the tracks the sessions use and the formats of its sessions that event.md lacks, in
/// the export's order, to the plan's `event.md`; or, when the file cannot take them, says what
/// to add.
fn event_md(programme: &Programme, event: &Event, undeclared: &BTreeMap<String, String>, plan: &mut Plan) {
    // Tracks: the export's list first (its order, its colours), then any other a session names.
    let mut tracks: Vec<(String, String, Option<String>)> = Vec::new();
    let listed = programme.tracks.iter().map(|t| (t.name.clone(), t.color.clone()));
    let named = programme.sessions.iter().filter_map(|s| s.track.clone()).map(|n| (n, None));
    for (name, color) in listed.chain(named) {
        let slug = track_slug_of(&name);
        if undeclared.contains_key(&slug) && !tracks.iter().any(|(s, _, _)| *s == slug) {
            tracks.push((slug, name.trim().to_owned(), color));
        }
    }
    // Formats: the types of the sessions that are not service sessions, with their length in
    // minutes (the one they all have, else the most common one).
    let mut formats: Vec<(String, u32)> = Vec::new();
    let mut unknown_length: Vec<String> = Vec::new();
    let order = programme.formats.iter().chain(programme.sessions.iter().filter_map(|s| s.session_type.as_ref()));
    for name in order {
        let of_type = || programme.sessions.iter().filter(|s| !s.service && s.session_type.as_deref() == Some(name.as_str()));
        if of_type().next().is_none()
            || event.format(name).is_some()
            || formats.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
            || unknown_length.contains(name)
        {
            continue;
        }
        let mut lengths: BTreeMap<u32, usize> = BTreeMap::new();
        for s in of_type() {
            if let Some((start, end)) = s.time {
                let minutes = u32::try_from((end - start).get_seconds() / 60).unwrap_or(0);
                *lengths.entry(minutes).or_default() += 1;
            }
        }
        // The most common length; of two as common, the shorter.
        match lengths.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
            Some((&minutes, _)) if minutes > 0 => {
                if lengths.len() > 1 {
                    let (lo, hi) = (lengths.keys().next().copied().unwrap_or(0), lengths.keys().last().copied().unwrap_or(0));
                    plan.notes.push(format!(
                        "the sessions of the format `{name}` last {lo} to {hi} minutes; event.md gets `minutes: {minutes}`, the most common length: change it if the call for proposals said otherwise"
                    ));
                }
                formats.push((format_name(name), minutes));
            }
            _ => unknown_length.push(name.clone()),
        }
    }
    for name in &unknown_length {
        plan.notes.push(format!(
            "no session of the format `{name}` has a time in the export, so its length is unknown and it was not added to event.md; `content check` warns about its sessions until you add it under `formats:` with its `minutes`"
        ));
    }
    if tracks.is_empty() && formats.is_empty() {
        return;
    }
    let track_items: Vec<event_md::Item> = tracks
        .iter()
        .map(|(slug, name, color)| {
            let mut item = vec![("name", quoted(name)), ("slug", quoted(slug))];
            if let Some(c) = color {
                item.push(("color", quoted(c)));
            }
            item
        })
        .collect();
    let format_items: Vec<event_md::Item> = formats.iter().map(|(name, minutes)| vec![("name", quoted(name)), ("minutes", minutes.to_string())]).collect();
    let edited = event.text.as_deref().and_then(|text| {
        let with_tracks = event_md::add_items(text, "tracks", &track_items)?;
        let with_formats = event_md::add_items(&with_tracks, "formats", &format_items)?;
        // What is written must read back with exactly the tracks and formats it should have.
        let (file, problems) = EventFile::parse(Path::new("event.md"), &with_formats);
        let file = file.filter(|_| problems.iter().all(|p| !p.is_error()))?;
        let ok = file.tracks.len() == event.tracks.len() + tracks.len() && file.formats.len() == event.formats.len() + formats.len();
        ok.then_some(with_formats)
    });
    match edited {
        Some(after) => {
            let mut said = Vec::new();
            if !tracks.is_empty() {
                said.push(format!("tracks: {}", tracks.iter().map(|(_, n, _)| format!("+{n}")).collect::<Vec<_>>().join(", ")));
            }
            if !formats.is_empty() {
                said.push(format!("formats: {}", formats.iter().map(|(n, m)| format!("+{n} ({m} min)")).collect::<Vec<_>>().join(", ")));
            }
            plan.changes.push(Change { path: PathBuf::from("event.md"), action: Action::Update, text: after, note: Some(said.join("; ")) });
            plan.tracks_added = tracks.into_iter().map(|(slug, name, _)| (name, slug)).collect();
            plan.formats_added = formats;
        }
        None => {
            let mut lines = String::new();
            for item in &track_items {
                lines.push_str(&format!("\n  - name: {}\n    slug: {}", item[0].1, item[1].1));
            }
            if !track_items.is_empty() {
                plan.notes.push(format!(
                    "the export has tracks that event.md does not declare ({}); `content check` reports their sessions until you add them under `tracks:` in event.md:{lines}",
                    tracks.iter().map(|(s, _, _)| s.clone()).collect::<Vec<_>>().join(", ")
                ));
            }
            if !format_items.is_empty() {
                let lines: String = formats.iter().map(|(n, m)| format!("\n  - name: {}\n    minutes: {m}", quoted(n))).collect();
                plan.notes.push(format!("the export has formats that event.md does not declare; add them under `formats:` in event.md:{lines}"));
            }
        }
    }
}

/// The fingerprint of a body in `import_body`: 12 hex digits of a UUID v5 of its text.
pub fn fingerprint(body: &str) -> String {
    let namespace = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"https://events.istio.io/import");
    uuid::Uuid::new_v5(&namespace, body.trim().as_bytes()).simple().to_string()[..12].to_owned()
}

/// The body as written after the front matter: a blank line, the text, a line break.
fn body_text(body: &str) -> String {
    let body = body.trim();
    if body.is_empty() { String::new() } else { format!("\n{body}\n") }
}

/// A new file: the fields in `order`, the body and its fingerprint.
fn render(fields: &[(&str, String)], body: &str, order: &[&str]) -> String {
    let mut out = String::from("---\n");
    let mut all = fields.to_vec();
    all.push(("import_body", quoted(&fingerprint(body))));
    for key in order {
        if let Some((_, value)) = all.iter().find(|(k, _)| k == key) {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
    out.push_str("---\n");
    out.push_str(&body_text(body));
    out
}

/// An existing file with the export's `fields` written over the same fields, every other line
/// kept; its body replaced only when it is still the one the last import wrote.
fn merge(path: &Path, text: &str, fields: &[(&str, String)], body: &str, order: &[&str]) -> Change {
    let Ok(doc) = parse_document(path, text) else {
        return Change {
            path: path.to_path_buf(),
            action: Action::Unchanged,
            text: text.to_owned(),
            note: Some("its front matter cannot be read, so it is not changed; `content check` says why".to_owned()),
        };
    };
    let recorded = doc.fields.iter().rev().find(|e| e.key == "import_body").and_then(|e| match &e.value.kind {
        ValueKind::Str(s) => Some(s.trim().to_owned()),
        _ => None,
    });
    let hand_body = recorded.as_deref() != Some(fingerprint(&doc.body).as_str()) && doc.body.trim() != body.trim();
    let new_body = if hand_body { doc.body.clone() } else { body_text(body) };
    let mut all = fields.to_vec();
    if !hand_body {
        all.push(("import_body", quoted(&fingerprint(body))));
    }

    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // The front matter is lines[1..close]; entries' lines count the opening `---` as line 1.
    let close = lines.iter().enumerate().skip(1).find(|(_, l)| matches!(l.trim_end(), "---" | "...")).map_or(lines.len(), |(i, _)| i);
    let starts: Vec<(usize, &Entry)> = doc.fields.iter().map(|e| (e.line - 1, e)).collect();
    let mut out = String::new();
    out.push_str(lines.first().copied().unwrap_or("---\n"));
    let mut written: BTreeSet<&str> = BTreeSet::new();
    let mut changed: Vec<&str> = Vec::new();
    let mut i = 1;
    while i < close {
        let entry = starts.iter().find(|(start, _)| *start == i).map(|(_, e)| *e);
        match entry.and_then(|e| all.iter().find(|(k, _)| *k == e.key)) {
            Some((key, value)) => {
                // The entry runs to the next entry, less trailing blank and comment lines.
                let next = starts.iter().map(|(s, _)| *s).filter(|s| *s > i).min().unwrap_or(close);
                let mut end = next;
                while end > i + 1 && (lines[end - 1].trim().is_empty() || lines[end - 1].starts_with('#')) {
                    end -= 1;
                }
                let line = format!("{key}: {value}\n");
                if lines[i..end].concat() != line && !changed.contains(key) {
                    changed.push(key);
                }
                if written.insert(key) {
                    out.push_str(&line);
                }
                i = end;
            }
            None => {
                out.push_str(lines[i]);
                i += 1;
            }
        }
    }
    for key in order {
        if !written.contains(key)
            && let Some((_, value)) = all.iter().find(|(k, _)| k == key)
        {
            out.push_str(&format!("{key}: {value}\n"));
            changed.push(key);
        }
    }
    out.push_str(lines.get(close).copied().unwrap_or("---\n"));
    out.push_str(&new_body);
    let action = if out == text { Action::Unchanged } else { Action::Update };
    // What changes, for the report: the export's fields, then the body.
    changed.retain(|k| *k != "import_body");
    let mut said: Vec<String> = Vec::new();
    if !changed.is_empty() {
        said.push(changed.join(", "));
    }
    if hand_body {
        said.push("its text was edited by hand and is kept".to_owned());
    } else if doc.body != new_body {
        said.push("text".to_owned());
    }
    let note = (action == Action::Update && !said.is_empty()).then(|| said.join("; "));
    Change { path: path.to_path_buf(), action, text: out, note }
}

/// A YAML double-quoted string.
pub fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML flow list of quoted strings.
fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", "))
}

/// An instant as our files write it: RFC 3339 in UTC, whole seconds.
fn utc(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
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
        _ => None,
    };
    by_kind.or(match host.as_deref() {
        Some("twitter.com" | "x.com") => Some("twitter"),
        Some("linkedin.com") => Some("linkedin"),
        Some("github.com") => Some("github"),
        Some("facebook.com") => Some("facebook"),
        Some("instagram.com") => Some("instagram"),
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

/// The files under `dir/sessions/` and `dir/speakers/`, relative to `dir`.
pub fn read_existing(dir: &Path) -> io::Result<Vec<Existing>> {
    let mut out = Vec::new();
    for section in ["sessions", "speakers"] {
        for (path, _) in crate::site::entry_files(&dir.join(section))? {
            let bytes = fs::read(&path)?;
            // A file that is not UTF-8 is read as far as it goes; `content check` reports it.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
            out.push(Existing { path: rel, text });
        }
    }
    Ok(out)
}

/// What `content check` would say of an event folder after an import.
#[derive(Debug)]
pub struct Verdict {
    /// Errors the import would bring (that the folder does not have now), with their paths in
    /// the event folder.
    pub new_errors: Vec<Diagnostic>,
    /// Errors and warnings after the import, in all.
    pub errors: usize,
    /// Warnings after the import.
    pub warnings: usize,
}

/// Checks the event folder `dir` as `plan` would leave it: a copy of it (in the system's
/// temporary folder, removed afterwards) gets the plan's files and is checked as `content
/// check` does, and its errors are compared with those `dir` has now. Nothing in `dir` is
/// changed.
pub fn verify(dir: &Path, plan: &Plan) -> io::Result<Verdict> {
    let name = dir.canonicalize()?.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "event".into());
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let root = Staging(std::env::temp_dir().join(format!("istio-events-import-{}-{nanos}", std::process::id())));
    let stage = root.0.join(name);
    copy_dir(dir, &stage)?;
    write(&stage, plan)?;
    let before = crate::site::load(dir)?;
    let after = crate::site::load(&stage)?;
    let key = |d: &Diagnostic, base: &Path| (d.file.strip_prefix(base).unwrap_or(&d.file).to_path_buf(), d.field.clone(), d.message.clone());
    let known: BTreeSet<_> = before.diagnostics.all().iter().filter(|d| d.is_error()).map(|d| key(d, dir)).collect();
    let new_errors = after
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.is_error() && !known.contains(&key(d, &stage)))
        .map(|d| Diagnostic { file: dir.join(d.file.strip_prefix(&stage).unwrap_or(&d.file)), ..d.clone() })
        .collect();
    Ok(Verdict { new_errors, errors: after.diagnostics.errors(), warnings: after.diagnostics.warnings() })
}

/// A temporary folder, removed when dropped.
struct Staging(PathBuf);

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Copies the folder `from` (its files and folders, not following links) to `to`.
fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()))?;
        } else if kind.is_file() {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// Writes the plan's added and updated files under `dir`; returns how many it wrote.
pub fn write(dir: &Path, plan: &Plan) -> io::Result<usize> {
    let mut n = 0;
    for c in plan.writes() {
        let path = dir.join(&c.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, &c.text)?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests;
