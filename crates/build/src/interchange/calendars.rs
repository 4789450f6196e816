//! An event's calendars (`.ics`, written by [`events_model::ics`], the same code the app makes
//! its filtered calendars with): one per session with a published time, the programme's and
//! the event's own.

use std::fs;
use std::path::{Path, PathBuf};

use events_model::ics;
use events_model::{Download, Event, Session, SiteAddress, SitePath, Timestamp};

use crate::BuildError;

/// Where `file` (a path the app links to, [`Download`]) is under `out`.
pub(crate) fn at(out: &Path, file: Download) -> PathBuf {
    out.join(file.path().trim_start_matches('/'))
}

/// Writes `event`'s calendars under `out` and returns how many: its session calendars (after
/// removing those an earlier build left), its programme's (removed when no session has a
/// time) and its own.
pub fn write(event: &Event, out: &Path, address: &SiteAddress, stamp: Timestamp) -> Result<usize, BuildError> {
    let mut written = 0;
    let slug = &event.summary.slug;
    let dir = out.join(slug.as_str());
    let sessions_dir = dir.join("sessions");
    remove_old_calendars(&sessions_dir)?;
    fs::create_dir_all(&dir).map_err(BuildError::io(&dir))?;

    let timed: Vec<&Session> = event.sessions.iter().filter(|s| s.time.is_some()).collect();
    if !timed.is_empty() {
        fs::create_dir_all(&sessions_dir).map_err(BuildError::io(&sessions_dir))?;
    }
    for session in &timed {
        let path = at(out, Download::SessionCalendar { event: slug.clone(), id: session.id.clone() });
        fs::write(&path, ics::sessions_calendar(event, &[session], address, stamp)).map_err(BuildError::io(&path))?;
        written += 1;
    }
    let programme = at(out, Download::ProgrammeCalendar(slug.clone()));
    if timed.is_empty() {
        if programme.exists() {
            fs::remove_file(&programme).map_err(BuildError::io(&programme))?;
        }
    } else {
        fs::write(&programme, ics::sessions_calendar(event, &timed, address, stamp)).map_err(BuildError::io(&programme))?;
        written += 1;
    }
    let own = at(out, Download::EventCalendar(slug.clone()));
    fs::write(&own, ics::event_calendar(&event.summary, address, stamp)).map_err(BuildError::io(&own))?;
    Ok(written + 1)
}

/// Removes the `.ics` files of `dir` (an event's `sessions/`), if it is there.
fn remove_old_calendars(dir: &Path) -> Result<(), BuildError> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in fs::read_dir(dir).map_err(BuildError::io(dir))? {
        let path = entry.map_err(BuildError::io(dir))?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "ics") {
            fs::remove_file(&path).map_err(BuildError::io(&path))?;
        }
    }
    Ok(())
}
