//! `content import sessionize|pretalx|frab FILE DIR`: an exported programme turned into session
//! and speaker files in an event folder, and the tracks and formats its sessions use added to
//! its `event.md`, again and again as the programme changes.
//!
//! The work is pure: [`plan`] takes the export's text, the event's zone and tracks and the
//! files already in the folder, and returns the files to write ([`Plan`]). Reading the folder,
//! checking the plan and writing it is the thin layer of [`read_existing`], [`verify`] and
//! [`write`], which `content import` runs.
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
//! - A speaker's photo is the export's address in `image`, or with `--photos` the photo
//!   downloaded beside the file, with a fingerprint of its bytes in `import_photo`; a photo file
//!   the organizer put there or changed is never replaced ([`photos`]).
//! - A session that was imported from this source before and is no longer in the export is
//!   reported, never deleted.
//! - `event.md` gets the export's tracks and formats that it lacks, added after its own (which
//!   are never changed or removed); a track or format it has already, by name or slug, is used
//!   as it is.
//!
//! [`verify`] checks the folder as the import would leave it, in a copy, so that an import
//! that would not pass `content check` writes nothing.
//!
//! The modules, by job:
//!
//! - [`sessionize`], [`pretalx`] (pretalx and frab): one reader per export format, each turning
//!   its JSON into a [`Programme`]; `read`: what the two share (the programme and its
//!   problems, ids, texts and HTML, local times and zones, links, languages).
//! - [`photos`]: `--photos`, the speakers' photos downloaded beside their files.
//! - `plan`: what an import will write ([`Plan`]): the export matched with the folder's files.
//! - `merge`: a file written anew, or over an existing one keeping what the organizer changed.
//! - [`event_md`]: the tracks and formats added to `event.md`, in its text.
//! - `yaml`: values as the import writes them; `folder`: the folder read, checked and written.

pub mod event_md;
mod folder;
mod merge;
pub mod photos;
mod plan;
pub mod pretalx;
mod read;
pub mod sessionize;
mod yaml;

pub use folder::{read_existing, verify, write, Verdict};
pub use merge::fingerprint;
pub use plan::{plan_programme, Action, Change, Event, Existing, Plan};
pub use read::{
    language_name, local_to_instant, markdown_of, same_zone, session_id, social_field, ExportTrack, ImportError, ProblemKind, Programme,
    Session, SessionProblem, Speaker,
};
pub use yaml::quoted;

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
    /// The photos `--photos` downloaded, by speaker `import_id` (see [`plan_with_photos`]):
    /// their files get `image` and `import_photo` for them instead of the address.
    pub downloaded: std::collections::BTreeMap<String, photos::Downloaded>,
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

/// Reads `export` (from `source`) and plans the files of the event folder that holds
/// `existing` (its files under `sessions/` and `speakers/`).
pub fn plan(source: Source, export: &str, event: &Event, existing: &[Existing], options: &Options) -> Result<Plan, ImportError> {
    // Editors on Windows save UTF-8 with a byte-order mark; serde_json refuses it.
    let export = export.strip_prefix('\u{feff}').unwrap_or(export);
    let programme = match source {
        Source::Sessionize => sessionize::read(export, &event.tz, &event.timezone, options)?,
        Source::Pretalx | Source::Frab => pretalx::read(export, &event.tz, &event.timezone, options)?,
    };
    Ok(plan_programme(source, &programme, event, existing, options))
}

/// [`plan`] with `--photos`: the photos the plan wants are downloaded with `get` (an address to
/// its bytes, or why not: [`photos::Downloader::get`]) and checked, the event folder `dir` is
/// read to compare them with the files there, and the files are planned again with their
/// names. Nothing is written: the photos are in the plan ([`Plan::photos`]), for
/// [`verify`] and [`write`].
pub fn plan_with_photos(
    source: Source,
    export: &str,
    event: &Event,
    existing: &[Existing],
    options: &Options,
    dir: &std::path::Path,
    get: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
) -> Result<Plan, ImportError> {
    let first = plan(source, export, event, existing, options)?;
    let photos = photos::fetch(&first.photos_wanted, dir, get);
    let options = Options { downloaded: photos.downloaded.clone(), ..options.clone() };
    let mut plan = plan(source, export, event, existing, &options)?;
    plan.photos_wanted = first.photos_wanted;
    plan.photos = Some(photos);
    Ok(plan)
}

#[cfg(test)]
mod tests;
