//! `site-build data`: the content folder checked, compiled into the data the app fetches
//! (`data/`, `photos/`: [`events_content::compile`]) and written out with each event's
//! calendars and schedules ([`crate::interchange`]); `site-build watch` does it again on each
//! save.

use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use events_content::{compile, site};
use events_model::{SiteAddress, Timestamp};

use crate::{interchange, BuildError};

/// What a build of the data wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    /// Files under `data/`.
    pub data: usize,
    /// Calendars and schedules.
    pub files: usize,
}

/// Checks `dir` (the content folder, or one event's folder), printing the checker's messages
/// (`file:line: field: message`), notes and summary line to stderr; then, when there is no
/// error, writes the data and each event's calendars and schedules under `out`.
pub fn build(dir: &Path, out: &Path, address: &SiteAddress, stamp: Timestamp) -> Result<Written, BuildError> {
    if !dir.is_dir() {
        return Err(BuildError::NotAFolder(dir.to_owned()));
    }
    let site = site::load(dir).map_err(BuildError::io(dir))?;
    for d in site.diagnostics.sorted() {
        eprintln!("{d}");
    }
    for note in &site.notes {
        eprintln!("{note}");
    }
    eprintln!("{}", site.summary_line());
    let errors = site.diagnostics.errors();
    if errors > 0 {
        return Err(BuildError::Content { dir: dir.to_owned(), errors });
    }
    let compiled = compile::compile(&site);
    let data = compile::write(&compiled, out).map_err(BuildError::io(out))?;
    let files = interchange::write(&site, &compiled, out, address, stamp)?;
    Ok(Written { data, files })
}

/// [`build`] with the published address from `SITE_URL` and the calendars' stamp from
/// `SOURCE_DATE_EPOCH`, saying what it wrote (or why not) on stderr; whether it succeeded.
pub fn build_and_report(dir: &Path, out: &Path) -> bool {
    let started = Instant::now();
    let result = SiteAddress::from_env().map_err(BuildError::from).and_then(|address| build(dir, out, &address, interchange::stamp_from_env()));
    match result {
        Ok(Written { data, files }) => {
            eprintln!(
                "wrote {data} data files to {} and {files} calendar and schedule files in {} ms",
                out.join("data").display(),
                started.elapsed().as_millis()
            );
            true
        }
        // The checker's messages above say what to fix.
        Err(e @ BuildError::Content { .. }) => {
            eprintln!("{e}");
            false
        }
        Err(e) => {
            eprintln!("error: {e}");
            false
        }
    }
}

/// Builds `dir` into `out`, then again whenever a file under `dir` changes (a save, a new or
/// removed file), so what is served follows an organizer's edits without compiling any Rust.
/// Runs until stopped; a build with content errors says so and waits for the next save.
pub fn watch(dir: &Path, out: &Path) -> ! {
    let mut seen = None;
    loop {
        let now = newest_change(dir);
        if seen != Some(now) {
            seen = Some(now);
            build_and_report(dir, out);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The newest modification time under `dir`, and how many files there are (a removed file
/// changes the count).
fn newest_change(dir: &Path) -> (Option<SystemTime>, usize) {
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
