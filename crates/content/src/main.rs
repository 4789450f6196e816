//! `content check DIR` and `content build DIR OUT`: the organizers' checker and the build step
//! that turns content files into the data the site fetches.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use events_content::{compile, interchange, site};

const USAGE: &str = "usage:
  content check DIR        check the content files in DIR (the project's content/ or one event's folder)
  content build DIR OUT    check DIR, then write the site's data files to OUT/data/ and each
                           event's calendars, schedule.json and schedule.xml to OUT/<event>/
                           (SITE_URL: the published address, default https://events.istio.io;
                           SOURCE_DATE_EPOCH: the calendars' DTSTAMP, default now)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["check", dir] => check(Path::new(dir), None),
        ["build", dir, out] => check(Path::new(dir), Some(Path::new(out))),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
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
        let site_url = interchange::site_url_from_env();
        let files = match interchange::write(&site, &compiled, out, &site_url, interchange::stamp_from_env()) {
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
