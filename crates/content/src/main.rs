//! `content check DIR` and `content build DIR OUT`: the organizers' checker and the build step
//! that turns content files into the data the site fetches; `content import` and
//! `content new-event`: a programme exported from Sessionize or pretalx, and a new event's
//! folder.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use events_content::import::{self, Options, Source, Target};
use events_content::new_event::{self, NewEvent};
use events_content::{compile, files::EventFile, interchange, site};

const USAGE: &str = "usage:
  content check DIR        check the content files in DIR (the project's content/ or one event's folder)
  content build DIR OUT    check DIR, then write the site's data files to OUT/data/ and each
                           event's calendars, schedule.json and schedule.xml to OUT/<event>/
                           (SITE_URL: the published address, default https://events.istio.io;
                           SOURCE_DATE_EPOCH: the calendars' DTSTAMP, default now)
  content watch DIR OUT    build, then build again each time a file in DIR changes (checked
                           every 200 ms), until stopped: scripts/serve runs it beside trunk serve
  content import sessionize FILE DIR [OPTIONS]
                           write the sessions and speakers of a Sessionize API \"All\" export
                           (/api/v2/<id>/view/All) into the event folder DIR (with its event.md),
                           then check DIR; importing again updates what came from the export
  content import pretalx FILE DIR [OPTIONS]
                           the same for a pretalx (frab/c3voc) schedule.json
  content import frab FILE DIR [OPTIONS]
                           the same for a schedule.json written by frab
                           The import adds the tracks and formats the sessions use to
                           event.md, and writes nothing when the folder would not pass
                           `content check` afterwards
      --dry-run            list what would be added (files, tracks, formats), updated and
                           removed, and check it; write nothing
      --no-service-sessions  leave out service sessions (breaks, lunch, welcome)
      --map \"TITLE=FIELD\"  a Sessionize category TITLE holds FIELD: session_type, track,
                           language or ignore (repeatable)
  content new-event SLUG --name NAME --start DATE --end DATE --timezone ZONE
                    [--place PLACE] [--kind KIND] [--summary TEXT] [--in FOLDER]
                           make FOLDER/SLUG/ (FOLDER: content) with a commented event.md and
                           empty sessions/, speakers/, organizers/";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["check", dir] => check(Path::new(dir), None),
        ["build", dir, out] => check(Path::new(dir), Some(Path::new(out))),
        ["watch", dir, out] => watch(Path::new(dir), Path::new(out)),
        ["import", source, file, dir, rest @ ..] => match import_options(rest) {
            Some((options, dry_run)) => {
                let source = match *source {
                    "sessionize" => Source::Sessionize,
                    "pretalx" => Source::Pretalx,
                    "frab" => Source::Frab,
                    _ => return usage(),
                };
                run_import(source, Path::new(file), Path::new(dir), &options, dry_run)
            }
            None => usage(),
        },
        ["new-event", slug, rest @ ..] => match new_event_options(slug, rest) {
            Some((e, parent)) => run_new_event(&e, &parent),
            None => usage(),
        },
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

/// `--dry-run`, `--no-service-sessions`, `--map TITLE=FIELD`; `None` for anything else.
fn import_options(args: &[&str]) -> Option<(Options, bool)> {
    let (mut options, mut dry_run) = (Options::default(), false);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--dry-run" => dry_run = true,
            "--no-service-sessions" => options.skip_service = true,
            "--map" => {
                let (title, field) = args.next()?.rsplit_once('=')?;
                options.map.push((title.trim().to_owned(), Target::parse(field)?));
            }
            _ => return None,
        }
    }
    Some((options, dry_run))
}

fn new_event_options(slug: &str, args: &[&str]) -> Option<(NewEvent, String)> {
    let mut e = NewEvent { slug: slug.to_owned(), ..NewEvent::default() };
    let mut parent = "content".to_owned();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = (*args.next()?).to_owned();
        match *arg {
            "--name" => e.name = value,
            "--start" => e.start = value,
            "--end" => e.end = value,
            "--timezone" => e.timezone = value,
            "--place" => e.place = Some(value),
            "--kind" => e.kind = Some(value),
            "--summary" => e.summary = Some(value),
            "--in" => parent = value,
            _ => return None,
        }
    }
    Some((e, parent))
}

fn run_new_event(e: &NewEvent, parent: &str) -> ExitCode {
    match new_event::create(Path::new(parent), e) {
        Ok(dir) => {
            println!("made {}: event.md, sessions/, speakers/, organizers/", dir.display());
            check(&dir, None)
        }
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run_import(source: Source, file: &Path, dir: &Path, options: &Options, dry_run: bool) -> ExitCode {
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
    let plan = match import::plan(source, &export, &import::Event::from_file(&event, &event_text), &existing, options) {
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
    check(dir, None)
}

/// Builds `dir` into `out`, then again whenever a file under `dir` changes (a save, a new or
/// removed file), so what is served follows an organizer's edits without compiling any Rust.
/// Runs until stopped; a build with content errors says so and waits for the next save.
fn watch(dir: &Path, out: &Path) -> ExitCode {
    let mut seen = None;
    loop {
        let now = newest_change(dir);
        if seen != Some(now) {
            seen = Some(now);
            let _ = check(dir, Some(out));
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// The newest modification time under `dir`, and how many files there are (a removed file
/// changes the count).
fn newest_change(dir: &Path) -> (Option<std::time::SystemTime>, usize) {
    let mut newest = None;
    let mut count = 0;
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                folders.push(entry.path());
            } else {
                count += 1;
                newest = newest.max(meta.modified().ok());
            }
        }
    }
    (newest, count)
}

fn check(dir: &Path, out: Option<&Path>) -> ExitCode {
    let started = Instant::now();
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
    // Diagnostics go to stdout for `check` (they are its answer) and stderr for `build`.
    let say = |line: String| if out.is_some() { eprintln!("{line}") } else { println!("{line}") };
    for d in site.diagnostics.sorted() {
        say(d.to_string());
    }
    for note in &site.notes {
        say(note.clone());
    }
    say(site.summary_line());
    if site.diagnostics.errors() > 0 {
        if out.is_some() {
            eprintln!("the site was not built: fix the errors above, then save again");
        }
        return ExitCode::FAILURE;
    }
    if let Some(out) = out {
        let compiled = compile::compile(&site);
        let data = match compile::write(&compiled, out) {
            Ok(n) => n,
            Err(e) => {
                eprintln!("error: could not write to {}: {e}", out.display());
                return ExitCode::FAILURE;
            }
        };
        let address = match events_model::SiteAddress::from_env() {
            Ok(address) => address,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        let files = match interchange::write(&site, &compiled, out, &address, interchange::stamp_from_env()) {
            Ok(n) => n,
            Err(e) => {
                eprintln!("error: could not write the calendars and schedules to {}: {e}", out.display());
                return ExitCode::FAILURE;
            }
        };
        eprintln!(
            "wrote {data} data files to {} and {files} calendar and schedule files in {} ms",
            out.join("data").display(),
            started.elapsed().as_millis()
        );
    }
    ExitCode::SUCCESS
}
