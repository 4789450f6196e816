//! `content check DIR`: the organizers' checker; `content import` and `content new-event`: a
//! programme exported from Sessionize, pretalx or frab, and a new event's folder. (The build
//! step that turns content files into the data the site fetches, with the calendars and
//! schedules, is `site-build data` in crates/build, which Trunk runs.) The arguments are
//! parsed by clap, so `content <subcommand> --help` says what each takes; a command line it
//! cannot take exits with 2, a command that fails with 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use events_content::import::{self, Options, Source, Target};
use events_content::new_event::{self, NewEvent};
use events_content::{files::EventFile, site};

/// Check and import the content files of the Istio community events site.
#[derive(Debug, Parser)]
#[command(name = "content", version, args_override_self = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, PartialEq, Subcommand)]
enum Command {
    /// Check the content files in DIR (the project's content/ or one event's folder).
    Check {
        /// The content folder, or one event's folder.
        dir: PathBuf,
    },
    /// Write the sessions and speakers of an export into the event folder DIR (with its
    /// event.md), then check DIR; importing again updates what came from the export.
    ///
    /// The import adds the tracks and formats the sessions use to event.md, and writes nothing
    /// when the folder would not pass `content check` afterwards.
    Import {
        /// The program the export is from.
        source: ImportSource,
        /// The export.
        file: PathBuf,
        /// The event folder (with its event.md).
        dir: PathBuf,
        /// List what would be added (files, tracks, formats), updated and removed, and check
        /// it; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Leave out service sessions (breaks, lunch, welcome).
        #[arg(long)]
        no_service_sessions: bool,
        /// A Sessionize category TITLE holds FIELD: session_type, track, language or ignore
        /// (repeatable).
        #[arg(long, value_name = "TITLE=FIELD", value_parser = category_map, action = clap::ArgAction::Append)]
        map: Vec<(String, Target)>,
        /// Download the speakers' photos the export gives as web addresses (Sessionize's
        /// profilePicture, pretalx's avatar) and save each beside the speaker's file
        /// (speakers/<slug>.jpg, .png or .webp), written as its `image`. A photo that cannot be
        /// downloaded (an error, no answer in 30 s, not a JPEG, PNG or WebP, over 5 MB) is a
        /// warning and its address stays in the file. Without it, the addresses are written for
        /// review. With --dry-run, lists what it would download.
        #[arg(long)]
        photos: bool,
    },
    /// Make FOLDER/SLUG/ with a commented event.md and empty sessions/, speakers/, organizers/.
    ///
    /// --name, --start, --end and --timezone are needed; a missing one is reported with every
    /// other problem of the command at once.
    #[command(override_usage = "content new-event <SLUG> --name <NAME> --start <DATE> --end <DATE> --timezone <ZONE> [OPTIONS]")]
    NewEvent {
        /// The event's folder name and address: lower case letters, digits and dashes.
        slug: String,
        /// The event's name (needed).
        #[arg(long, allow_hyphen_values = true)]
        name: Option<String>,
        /// The first day, year-month-day (needed).
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        start: Option<String>,
        /// The last day, year-month-day, the same as --start for a one-day event (needed).
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        end: Option<String>,
        /// The IANA time zone of the event's times, e.g. Europe/Amsterdam (needed).
        #[arg(long, value_name = "ZONE", allow_hyphen_values = true)]
        timezone: Option<String>,
        /// `virtual` or the city (default virtual).
        #[arg(long, allow_hyphen_values = true)]
        place: Option<String>,
        /// The kind of event (default `virtual conference` or `conference`).
        #[arg(long, allow_hyphen_values = true)]
        kind: Option<String>,
        /// One sentence about the event (default: its name, place and dates).
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        summary: Option<String>,
        /// The folder the event's folder is made in.
        #[arg(long = "in", value_name = "FOLDER", default_value = "content", allow_hyphen_values = true)]
        parent: String,
    },
}

/// The exports `content import` reads.
#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
enum ImportSource {
    /// A Sessionize API "All" export (/api/v2/<id>/view/All).
    Sessionize,
    /// A pretalx (frab/c3voc) schedule.json.
    Pretalx,
    /// A schedule.json written by frab.
    Frab,
}

impl From<ImportSource> for Source {
    fn from(s: ImportSource) -> Source {
        match s {
            ImportSource::Sessionize => Source::Sessionize,
            ImportSource::Pretalx => Source::Pretalx,
            ImportSource::Frab => Source::Frab,
        }
    }
}

/// `--map "TITLE=FIELD"`: the category's title (trimmed) and the field it holds.
fn category_map(arg: &str) -> Result<(String, Target), String> {
    let (title, field) = arg.rsplit_once('=').ok_or_else(|| format!("`{arg}` is not TITLE=FIELD"))?;
    let target = Target::parse(field).ok_or_else(|| format!("`{}` is not a field: use session_type, track, language or ignore", field.trim()))?;
    Ok((title.trim().to_owned(), target))
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { dir } => check(&dir),
        Command::Import { source, file, dir, dry_run, no_service_sessions, map, photos } => {
            let options = Options { map, skip_service: no_service_sessions, ..Options::default() };
            run_import(source.into(), &file, &dir, &options, dry_run, photos)
        }
        Command::NewEvent { slug, name, start, end, timezone, place, kind, summary, parent } => {
            let e = NewEvent {
                slug,
                name: name.unwrap_or_default(),
                start: start.unwrap_or_default(),
                end: end.unwrap_or_default(),
                timezone: timezone.unwrap_or_default(),
                place,
                kind,
                summary,
            };
            run_new_event(&e, &parent)
        }
    }
}

fn run_new_event(e: &NewEvent, parent: &str) -> ExitCode {
    match new_event::create(Path::new(parent), e) {
        Ok(dir) => {
            println!("made {}: event.md, sessions/, speakers/, organizers/", dir.display());
            check(&dir)
        }
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run_import(source: Source, file: &Path, dir: &Path, options: &Options, dry_run: bool, photos: bool) -> ExitCode {
    let started = Instant::now();
    let export = match std::fs::read(file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                eprintln!("error: {} is not UTF-8 text\n  help: export it again; JSON exports are UTF-8", file.display());
                return ExitCode::FAILURE;
            }
        },
        Err(e) => {
            eprintln!("error: could not read {}: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    let event_path = dir.join("event.md");
    let (event, event_text) = match std::fs::read_to_string(&event_path) {
        Ok(text) => match EventFile::parse(&event_path, &text) {
            (Some(event), _) => (event, text),
            (None, problems) => {
                for p in problems {
                    eprintln!("{p}");
                }
                eprintln!("error: the import needs {} without errors (its time zone and tracks)", event_path.display());
                return ExitCode::FAILURE;
            }
        },
        Err(e) => {
            eprintln!(
                "error: could not read {}: {e}\n  help: import into an event folder; make one with `content new-event SLUG --name NAME --start DATE --end DATE --timezone ZONE`",
                event_path.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let existing = match import::read_existing(dir) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: could not read {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let event = import::Event::from_file(&event, &event_text);
    // With --photos the photos are downloaded now (not on a dry run), and written with the
    // files only if the import is.
    let planned = if photos && !dry_run {
        let downloader = import::photos::Downloader::new();
        import::plan_with_photos(source, &export, &event, &existing, options, dir, &mut |url| downloader.get(url))
    } else {
        import::plan(source, &export, &event, &existing, options).map(|plan| import::Plan { photos: photos.then(Default::default), ..plan })
    };
    let plan = match planned {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("nothing was written");
            return ExitCode::FAILURE;
        }
    };
    print!("{}", plan.report(dir, dry_run));
    // The folder as the import would leave it must pass the check: otherwise nothing is written.
    let verdict = match import::verify(dir, &plan) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: could not check the import in a copy of {}: {e}\nnothing was written", dir.display());
            return ExitCode::FAILURE;
        }
    };
    if !verdict.new_errors.is_empty() {
        for d in &verdict.new_errors {
            eprintln!("{d}");
        }
        eprintln!(
            "the import would leave {} errors in {}, so nothing was written\n  help: each message says what to change (in event.md, or in the export); then import again",
            verdict.new_errors.len(),
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    if dry_run {
        println!("check after the import: {} errors, {} warnings", verdict.errors, verdict.warnings);
        return ExitCode::SUCCESS;
    }
    if let Err(e) = import::write(dir, &plan) {
        eprintln!("error: could not write to {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    println!("imported in {} ms; checking {}:", started.elapsed().as_millis(), dir.display());
    check(dir)
}

/// Checks `dir`, printing every problem (`file:line: field: message`), the notes and the
/// summary line; fails if there is an error.
fn check(dir: &Path) -> ExitCode {
    if !dir.is_dir() {
        eprintln!("error: {} is not a folder", dir.display());
        return ExitCode::FAILURE;
    }
    let site = match site::load(dir) {
        Ok(site) => site,
        Err(e) => {
            eprintln!("error: could not read {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    for d in site.diagnostics.sorted() {
        println!("{d}");
    }
    for note in &site.notes {
        println!("{note}");
    }
    println!("{}", site.summary_line());
    if site.diagnostics.errors() > 0 {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Command {
        // The lines as the docs write them, split as a shell would (no quoting needed here).
        let args = std::iter::once("content").chain(line.split(' '));
        Cli::try_parse_from(args).unwrap_or_else(|e| panic!("{line}: {e}")).command
    }

    #[test]
    fn the_arguments_are_declared_consistently() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn the_invocations_of_the_readme_content_md_trunk_and_scripts_parse_as_before() {
        // README.md, CONTENT.md.
        assert_eq!(parse("check content/"), Command::Check { dir: "content/".into() });
        assert_eq!(
            parse("import sessionize All.json content/istio-day-europe-2026 --dry-run"),
            Command::Import {
                source: ImportSource::Sessionize,
                file: "All.json".into(),
                dir: "content/istio-day-europe-2026".into(),
                dry_run: true,
                no_service_sessions: false,
                map: vec![],
                photos: false,
            }
        );
        assert!(matches!(parse("import pretalx schedule.json content/x"), Command::Import { source: ImportSource::Pretalx, dry_run: false, .. }));
        assert!(matches!(parse("import frab schedule.json content/x"), Command::Import { source: ImportSource::Frab, .. }));
        assert!(matches!(parse("import sessionize All.json content/x --photos --dry-run"), Command::Import { photos: true, dry_run: true, .. }));
        // CONTENT.md's options, each repeatable `--map` kept in order with its title trimmed.
        let Command::Import { map, no_service_sessions, .. } =
            parse("import sessionize All.json content/x --no-service-sessions --map Level=session_type --map Talk_kind=ignore --map Spoken=language")
        else {
            panic!("not an import");
        };
        assert!(no_service_sessions);
        assert_eq!(map, [("Level".to_owned(), Target::SessionType), ("Talk_kind".to_owned(), Target::Ignore), ("Spoken".to_owned(), Target::Language)]);
        assert_eq!(
            parse("new-event istio-day-boston-2031 --name Boston --start 2031-10-20 --end 2031-10-21 --timezone America/New_York --place Boston --in tests/fixtures/hostile"),
            Command::NewEvent {
                slug: "istio-day-boston-2031".into(),
                name: Some("Boston".into()),
                start: Some("2031-10-20".into()),
                end: Some("2031-10-21".into()),
                timezone: Some("America/New_York".into()),
                place: Some("Boston".into()),
                kind: None,
                summary: None,
                parent: "tests/fixtures/hostile".into(),
            }
        );
    }

    #[test]
    fn new_event_takes_its_options_as_the_hand_written_parser_did() {
        // Without --in the folder is made in content/; a value may start with a dash; an
        // option given twice takes the last value; the needed ones are left to new_event,
        // which names every missing one.
        let Command::NewEvent { parent, summary, name, timezone, .. } = parse("new-event x --summary -dash --name a --name b") else { panic!() };
        assert_eq!((parent.as_str(), summary.as_deref(), name.as_deref(), timezone), ("content", Some("-dash"), Some("b"), None));
    }

    #[test]
    fn a_map_without_a_field_we_know_is_refused() {
        assert_eq!(category_map(" Session format =format"), Ok(("Session format".to_owned(), Target::SessionType)));
        assert!(category_map("Level").unwrap_err().contains("not TITLE=FIELD"));
        assert!(category_map("Level=colour").unwrap_err().contains("`colour` is not a field"));
        assert!(Cli::try_parse_from(["content", "import", "sessionize", "a", "b", "--map", "Level=colour"]).is_err());
        assert!(Cli::try_parse_from(["content", "import", "nosuch", "a", "b"]).is_err());
    }
}
