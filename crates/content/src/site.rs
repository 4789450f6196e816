//! A whole content folder: finding the files, reading them all, and the checks that need more
//! than one file (ids, speaker names, tracks, dates, double bookings).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use events_model::TimeRange;

use crate::diag::{Diagnostic, Diagnostics};
use events_model::Slug;

use crate::files::{slugify, EventFile, OrganizerFile, PhotoFiles, SessionFile, SpeakerFile};

/// One event's files, as read.
#[derive(Debug)]
pub struct EventDir {
    /// The folder's name, which is the event's URL segment.
    pub slug: String,
    /// The folder.
    pub dir: PathBuf,
    /// `event.md`, when present and readable.
    pub event: Option<EventFile>,
    /// Published sessions (drafts left out), with their files.
    pub sessions: Vec<(PathBuf, SessionFile)>,
    /// Published speakers with their files and slugs.
    pub speakers: Vec<(PathBuf, String, SpeakerFile)>,
    /// Published organizers with their files.
    pub organizers: Vec<(PathBuf, OrganizerFile)>,
    /// Speaker files that are not published, with their slugs: drafts, and files that could
    /// not be read (their errors are reported). Used to point a session's speaker at them.
    pub unpublished_speakers: Vec<(PathBuf, String, Unpublished)>,
}

/// Why a speaker file is not published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unpublished {
    /// `draft: true`.
    Draft,
    /// It has errors that keep it from being read.
    Unreadable,
}

impl EventDir {
    /// The slug of the speaker file whose name is exactly `name`.
    pub fn speaker_slug(&self, name: &str) -> Option<&str> {
        self.speakers.iter().find(|(_, _, s)| s.name == name.trim()).map(|(_, slug, _)| slug.as_str())
    }
}

/// A content folder, read and checked.
#[derive(Debug, Default)]
pub struct Site {
    /// The events, in folder-name order.
    pub events: Vec<EventDir>,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// Things worth saying that are not problems (what was not checked, and why).
    pub notes: Vec<String>,
}

impl Site {
    /// Total published sessions.
    pub fn session_count(&self) -> usize {
        self.events.iter().map(|e| e.sessions.len()).sum()
    }

    /// Total speaker files.
    pub fn speaker_count(&self) -> usize {
        self.events.iter().map(|e| e.speakers.len()).sum()
    }

    /// Total organizer files.
    pub fn organizer_count(&self) -> usize {
        self.events.iter().map(|e| e.organizers.len()).sum()
    }

    /// The closing line of `content check`.
    pub fn summary_line(&self) -> String {
        format!(
            "checked: {} sessions, {} speakers, {} organizers; {} errors, {} warnings",
            self.session_count(),
            self.speaker_count(),
            self.organizer_count(),
            self.diagnostics.errors(),
            self.diagnostics.warnings()
        )
    }
}

/// Whether `dir` is one event's folder (it has `event.md` or a `sessions/`, `speakers/` or
/// `organizers/` folder) rather than a folder of events.
fn is_event_dir(dir: &Path) -> bool {
    dir.join("event.md").is_file() || ["sessions", "speakers", "organizers"].iter().any(|d| dir.join(d).is_dir())
}

/// Reads and checks `dir`: either the project's `content/` (one folder per event, each with
/// an `event.md`) or one event's folder in the organizers' Hugo layout.
pub fn load(dir: &Path) -> io::Result<Site> {
    let mut site = Site::default();
    if is_event_dir(dir) {
        let slug = dir.canonicalize()?.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let event = load_event(dir, slug, false, &mut site)?;
        site.events.push(event);
    } else {
        let mut subdirs: Vec<PathBuf> =
            fs::read_dir(dir)?.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
        subdirs.sort();
        for sub in subdirs {
            let slug = sub.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let event = load_event(&sub, slug, true, &mut site)?;
            site.events.push(event);
        }
        if site.events.is_empty() {
            site.diagnostics.push(
                Diagnostic::error(dir, 1, None, "no events here")
                    .help("give each event a folder with an `event.md` and `sessions/`, `speakers/`, `organizers/` folders"),
            );
        }
    }
    Ok(site)
}

fn load_event(dir: &Path, slug: String, need_event_file: bool, site: &mut Site) -> io::Result<EventDir> {
    // `image: /x.jpg` is under `public/` beside the content folder (the folder of events).
    let root = if need_event_file { dir.parent().unwrap_or(dir).to_path_buf() } else { dir.canonicalize()?.parent().unwrap_or(dir).to_path_buf() };
    let diags = &mut site.diagnostics;
    let event_path = dir.join("event.md");
    let event = if event_path.is_file() {
        match read_text(&event_path, diags)? {
            Some(text) => {
                let (event, problems) = EventFile::parse(&event_path, &text);
                diags.extend(problems);
                event
            }
            None => None,
        }
    } else {
        if need_event_file {
            diags.push(
                Diagnostic::error(&event_path, 1, None, "the event has no event.md")
                    .help("add an event.md with the event's name, dates and time zone (see CONTENT.md)"),
            );
        } else {
            site.notes.push(format!(
                "note: {} has no event.md, so session dates and tracks are not checked against the event",
                dir.display()
            ));
        }
        None
    };
    if !crate::files::is_slug(&slug) && need_event_file {
        diags.push(Diagnostic::error(dir, 1, None, format!("the folder name `{slug}` is used in the event's web address"))
            .help(format!("rename the folder to lower case letters, digits and dashes, e.g. `{}`", slugify(&slug))));
    }
    if events_model::Page::RESERVED.contains(&slug.as_str()) && need_event_file {
        diags.push(Diagnostic::error(dir, 1, None, format!("the folder name `{slug}` is taken by the site's own addresses (/{slug}/...)"))
            .help(format!("rename the folder, e.g. to `{slug}-2026`")));
    }

    let mut sessions = Vec::new();
    for (path, _) in entry_files(&dir.join("sessions"))? {
        let Some(text) = read_text(&path, diags)? else { continue };
        let formats = event.as_ref().map_or(&[][..], |e| e.formats.as_slice());
        let (session, problems) = SessionFile::parse_in(&path, &text, formats);
        diags.extend(problems);
        if let Some(s) = session.filter(|s| !s.draft) {
            sessions.push((path, s));
        }
    }
    let mut speakers = Vec::new();
    let mut unpublished_speakers = Vec::new();
    for (path, file_slug) in entry_files(&dir.join("speakers"))? {
        let Some(text) = read_text(&path, diags)? else {
            unpublished_speakers.push((path, file_slug, Unpublished::Unreadable));
            continue;
        };
        let (mut speaker, problems) = SpeakerFile::parse(&path, &text);
        diags.extend(problems);
        if let Some(s) = speaker.as_mut().filter(|s| !s.draft) {
            s.photo = read_photo(s.image.as_ref(), &file_slug, &path, &root, diags);
        }
        match speaker {
            Some(s) if !s.draft => speakers.push((path, file_slug, s)),
            Some(_) => unpublished_speakers.push((path, file_slug, Unpublished::Draft)),
            None => unpublished_speakers.push((path, file_slug, Unpublished::Unreadable)),
        }
    }
    let mut organizers = Vec::new();
    for (path, organizer_slug) in entry_files(&dir.join("organizers"))? {
        let Some(text) = read_text(&path, diags)? else { continue };
        let (mut organizer, problems) = OrganizerFile::parse(&path, &text);
        diags.extend(problems);
        if let Some(o) = organizer.as_mut().filter(|o| !o.draft) {
            o.photo = read_photo(o.image.as_ref(), &organizer_slug, &path, &root, diags);
        }
        if let Some(o) = organizer.filter(|o| !o.draft) {
            organizers.push((path, o));
        }
    }
    let event_dir = EventDir { slug, dir: dir.to_path_buf(), event, sessions, speakers, organizers, unpublished_speakers };
    check_event(&event_dir, diags);
    Ok(event_dir)
}

/// The photo `image` names, read, checked (its problems reported) and made into its variants
/// named after `stem`, when it can be shown.
fn read_photo(image: Option<&crate::photos::ImageRef>, stem: &str, file: &Path, root: &Path, diags: &mut Diagnostics) -> Option<PhotoFiles> {
    let image = image?;
    let (bytes, problems) = crate::photos::check(image, &crate::photos::resolve(&image.written, file, root), file);
    diags.extend(problems);
    match crate::photos::variants(stem, &bytes?) {
        Ok((photo, files)) => Some(PhotoFiles { photo, files: std::sync::Arc::new(files) }),
        Err(why) => {
            diags.push(
                Diagnostic::error(file, image.line, Some("image"), format!("the photo `{}` cannot be read: {why}", image.written))
                    .help("save it again as JPEG, PNG or WebP"),
            );
            None
        }
    }
}

/// The text of a content file. A file that is not UTF-8 is an error naming the line of its
/// first bad byte (and `None`), so that checking goes on with the other files.
fn read_text(path: &Path, diags: &mut Diagnostics) -> io::Result<Option<String>> {
    match String::from_utf8(fs::read(path)?) {
        Ok(text) => Ok(Some(text)),
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
            let column = 1 + at - bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            diags.push(
                Diagnostic::error(path, line, None, format!("the file is not UTF-8 text: byte {:#04x} at column {column} is not a character", bytes[at]))
                    .help("open the file in your editor and save it with the encoding UTF-8 (it was probably saved as Latin-1 or Windows-1252)"),
            );
            Ok(None)
        }
    }
}

/// The entry files of a section folder with their slugs: `<slug>.md`, `<slug>/index.md` or
/// `<slug>/_index.md`; the section's own `_index.md` is its listing page, not an entry.
pub(crate) fn entry_files(section: &Path) -> io::Result<Vec<(PathBuf, String)>> {
    let mut out = Vec::new();
    if !section.is_dir() {
        return Ok(out);
    }
    for entry in fs::read_dir(section)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_dir() {
            for index in ["_index.md", "index.md"] {
                if path.join(index).is_file() {
                    out.push((path.join(index), name.clone()));
                    break;
                }
            }
        } else if let Some(stem) = name.strip_suffix(".md") {
            if stem != "_index" && stem != "index" {
                out.push((path, stem.to_owned()));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The checks across an event's files.
fn check_event(e: &EventDir, diags: &mut Diagnostics) {
    // Ids.
    let mut ids: HashMap<&str, &Path> = HashMap::new();
    for (path, s) in &e.sessions {
        if let Some(first) = ids.get(s.id.as_str()) {
            diags.push(
                Diagnostic::error(path, s.id_line, Some("id"), format!("the id `{}` is also used by {}", s.id, first.display()))
                    .help("give every published session its own id, e.g. add a letter"),
            );
        } else {
            ids.insert(&s.id, path);
        }
    }

    // Speaker files with the same name.
    let mut names: HashMap<&str, &Path> = HashMap::new();
    for (path, _, s) in &e.speakers {
        if let Some(first) = names.get(s.name.as_str()) {
            diags.push(
                Diagnostic::warning(path, s.name_line, Some("title"), format!("{} already has a speaker called `{}`", first.display(), s.name))
                    .help("keep one file per speaker, or tell the two apart in their titles"),
            );
        } else {
            names.insert(&s.name, path);
        }
    }

    // Speakers named by sessions.
    for (path, s) in &e.sessions {
        for name in &s.speakers {
            if e.speaker_slug(name).is_some() {
                continue;
            }
            diags.push(
                Diagnostic::warning(path, s.speakers_line, Some("speakers"), format!("no speaker file for `{name}`"))
                    .help(speaker_help(e, name)),
            );
        }
    }

    // Dates and tracks against the event.
    if let Some(event) = &e.event {
        let (start, end) = (event.start(), event.end());
        for (path, s) in &e.sessions {
            if let Some((s_start, s_end)) = s.time {
                if s_start < start || s_end > end {
                    diags.push(
                        Diagnostic::error(
                            path,
                            s.time_line,
                            Some("time_start"),
                            format!(
                                "the session is outside {} ({} to {} in {})",
                                event.name, event.start_date, event.end_date, event.timezone
                            ),
                        )
                        .help("check the date (times are UTC, e.g. 2022-04-25T16:40:00Z), or the event's start_date and end_date in event.md"),
                    );
                }
            }
            if let Some(track) = &s.track {
                if resolve_track(event, &track.written).is_none() {
                    let help = if event.tracks.is_empty() {
                        "the event declares no tracks: remove this line, or add `tracks` to event.md".to_owned()
                    } else {
                        let slugs: Vec<&str> = event.tracks.iter().map(|t| t.slug.as_str()).collect();
                        format!("write one of the event's tracks: {}; or add it to `tracks` in event.md", slugs.join(", "))
                    };
                    diags.push(
                        Diagnostic::error(path, track.line, Some(track.key), format!("`{}` is not a track of {}", track.written, event.name))
                            .help(help),
                    );
                }
            }
        }
    }

    // Speakers booked twice at once.
    let mut by_speaker: BTreeMap<&str, Vec<(&Path, &SessionFile, TimeRange)>> = BTreeMap::new();
    for (path, s) in &e.sessions {
        if let Some((start, end)) = s.time {
            for name in &s.speakers {
                by_speaker.entry(name.as_str()).or_default().push((path, s, TimeRange { start, end }));
            }
        }
    }
    for (name, booked) in by_speaker {
        for (i, (path, s, range)) in booked.iter().enumerate() {
            if let Some((other_path, other, _)) = booked[..i].iter().find(|(_, _, r)| r.overlaps(range)) {
                diags.push(
                    Diagnostic::error(
                        path,
                        s.time_line,
                        Some("time_start"),
                        format!("`{name}` also speaks in `{}` ({}) at the same time", other.id, other_path.display()),
                    )
                    .help("move one of the two sessions, or correct the speaker list"),
                );
            }
        }
    }
}

/// What to do about a session's speaker without a speaker file, pointing at the file that is
/// there when there is one: a published file with a similar name or the same slug (the name
/// transliterated, `Núñez` -> `nunez`), a draft, or a file with errors; otherwise the file to add.
fn speaker_help(e: &EventDir, name: &str) -> String {
    let slug = slugify(name);
    let similar = e
        .speakers
        .iter()
        .map(|(p, file_slug, sp)| {
            let distance = if *file_slug == slug || slugify(&sp.name) == slug { 0 } else { strsim::levenshtein(&sp.name.to_lowercase(), &name.to_lowercase()) };
            (distance, p, &sp.name)
        })
        .filter(|(d, _, _)| *d <= 3)
        .min_by_key(|(d, _, _)| *d);
    if let Some((_, p, other)) = similar {
        return format!("{} is called `{other}`: write the name the same way in both files", p.display());
    }
    if let Some((p, _, why)) = e.unpublished_speakers.iter().find(|(_, file_slug, _)| *file_slug == slug) {
        return match why {
            Unpublished::Draft => format!("{} is a draft: remove its `draft: true` to publish it", p.display()),
            Unpublished::Unreadable => format!("{} is there but cannot be read: fix its error (reported for that file)", p.display()),
        };
    }
    format!("add a speaker file speakers/{slug}.md with `title: \"{name}\"`")
}

/// The slug of the event's track that `written` names: by slug, by name (any case), or by the
/// slug of the name.
pub fn resolve_track<'a>(event: &'a EventFile, written: &str) -> Option<&'a Slug> {
    let w = written.trim();
    event
        .tracks
        .iter()
        .find(|t| t.slug == w || t.name.eq_ignore_ascii_case(w) || t.slug == slugify(w))
        .map(|t| &t.slug)
}
