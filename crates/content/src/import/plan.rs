//! What an import will write: the export's speakers and sessions matched with the files already
//! in the folder (by `import_id`, else by name or `id`), each a file to add, update or leave as
//! it is ([`Plan`]), with what is gone from the export, what was skipped and why, and the
//! report `content import` prints.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

use super::event_md::{self, format_name, track_slug_of};
use super::merge::{merge, render};
use super::photos::{Photos, Wanted};
use super::yaml::{list, quoted, utc};
use super::{Options, Programme, Source};
use crate::files::{slugify, EventFile};
use crate::frontmatter::{parse_document, ValueKind};

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
    /// The photos the export gives as addresses that `--photos` downloads: for speakers whose
    /// file has no photo of its own, or has the one an earlier `--photos` import downloaded.
    pub photos_wanted: Vec<Wanted>,
    /// With `--photos`: the photos downloaded, their files and the warnings (a dry run's is
    /// empty: it downloads nothing and lists [`Plan::photos_wanted`]).
    pub photos: Option<Photos>,
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

    /// The photo files to write (added or updated), with `--photos`.
    pub fn photo_writes(&self) -> impl Iterator<Item = &super::photos::PhotoFile> {
        self.photos.iter().flat_map(|p| &p.files).filter(|f| f.action != Action::Unchanged)
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
        if let Some(photos) = &self.photos {
            out.push_str(&self.photos_report(photos, dir, dry_run));
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

    /// The report's lines about `--photos`: what would be downloaded (a dry run), or the photo
    /// files written, the warnings, the notes and the counts.
    fn photos_report(&self, photos: &Photos, dir: &Path, dry_run: bool) -> String {
        let mut out = String::new();
        if dry_run {
            for w in &self.photos_wanted {
                out.push_str(&format!("would download the photo of `{}` from {} (for {})\n", w.speaker, w.url, dir.join(&w.file).display()));
            }
            out.push_str(&format!("photos: would download {}; a dry run downloads nothing\n", self.photos_wanted.len()));
            return out;
        }
        for f in &photos.files {
            let verb = match f.action {
                Action::Add => "add",
                Action::Update => "update",
                Action::Unchanged => continue,
            };
            out.push_str(&format!("{verb} {} (the photo of `{}`, from {})\n", dir.join(&f.path).display(), f.speaker, f.url));
        }
        for w in &photos.warnings {
            out.push_str(w);
            out.push('\n');
        }
        for n in &photos.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        let count = |a: Action| photos.files.iter().filter(|f| f.action == a).count();
        out.push_str(&format!(
            "photos: {} in the export to download; added {}, updated {}, unchanged {}; not downloaded {}\n",
            self.photos_wanted.len(),
            count(Action::Add),
            count(Action::Update),
            count(Action::Unchanged),
            photos.warnings.len()
        ));
        out
    }
}

/// Fields an import writes in session files, in the order a new file has them.
const SESSION_FIELDS: &[&str] =
    &["id", "title", "speakers", "time_start", "time_end", "session_type", "track_slug", "room", "language", "video", "import_id", "import_body"];

/// Fields an import writes in speaker files, in the order a new file has them.
const SPEAKER_FIELDS: &[&str] =
    &["title", "designation", "twitter", "linkedin", "github", "facebook", "instagram", "mastodon", "bluesky", "website", "image", "import_id", "import_photo", "import_body"];

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
    pub(super) fn track_slug(&self, name: &str) -> Option<&str> {
        let slug = slugify(name);
        self.tracks.iter().find(|(s, n)| n.trim().eq_ignore_ascii_case(name.trim()) || *s == slug).map(|(s, _)| s.as_str())
    }

    /// The event's format called `name` (any case).
    pub(super) fn format(&self, name: &str) -> Option<&str> {
        self.formats.iter().find(|f| f.trim().eq_ignore_ascii_case(name.trim())).map(String::as_str)
    }
}

/// A file as far as an import cares: its `import_id`, `id` (sessions), `title` and body.
struct Known<'a> {
    file: &'a Existing,
    import_id: Option<String>,
    id: Option<String>,
    title: Option<String>,
    /// `image` (speakers).
    image: Option<String>,
    /// `import_photo` (speakers): the fingerprint of the photo a `--photos` import downloaded.
    import_photo: Option<String>,
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
    Some(Known { file, import_id: text("import_id"), id: text("id"), title: text("title"), image: text("image"), import_photo: text("import_photo") })
}

/// Plans the files for a programme already read; `options.downloaded` names the photos
/// `--photos` downloaded.
pub fn plan_programme(source: Source, programme: &Programme, event: &Event, existing: &[Existing], options: &Options) -> Plan {
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
        // The export's photo: the file `--photos` downloaded for it, else its address for the
        // organizer to review (the build never fetches it). A photo file the folder has already
        // is kept; `--photos` downloads it again only when an earlier `--photos` import wrote it
        // (`import_photo`), and only the files the organizer did not write themselves.
        let local = matched.and_then(|k| k.image.as_deref()).filter(|i| !i.starts_with("http://") && !i.starts_with("https://"));
        let mut wanted = None;
        if let Some(url) = &sp.photo_url {
            let own = matched.is_some_and(|k| k.import_id.is_some());
            let wants = |current| Wanted { import_id: import_id.clone(), speaker: sp.name.clone(), url: url.clone(), file: PathBuf::new(), current };
            match (options.downloaded.get(&import_id), local) {
                (Some(d), _) => {
                    fields.push(("image", quoted(&d.name)));
                    fields.push(("import_photo", quoted(&d.fingerprint)));
                }
                (None, None) => {
                    fields.push(("image", quoted(url)));
                    wanted = (matched.is_none() || own).then(|| wants(None));
                }
                (None, Some(name)) => {
                    // Only a file name beside the speaker file, as `--photos` writes it.
                    let plain = !name.contains(['/', '\\']);
                    if let Some(fp) = matched.and_then(|k| k.import_photo.as_ref()).filter(|_| own && plain) {
                        wanted = Some(wants(Some((name.to_owned(), fp.clone()))));
                    }
                }
            }
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
            Some(k) => {
                plan.photos_wanted.extend(wanted.map(|w| Wanted { file: k.file.path.clone(), ..w }));
                plan.changes.push(merge(&k.file.path, &k.file.text, &fields, &sp.body, SPEAKER_FIELDS));
            }
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
                plan.photos_wanted.extend(wanted.map(|w| Wanted { file: path.clone(), ..w }));
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
    event_md::add_tracks_and_formats(programme, event, &undeclared, &mut plan);
    plan.changes.sort_by(|a, b| a.path.cmp(&b.path));
    plan
}
