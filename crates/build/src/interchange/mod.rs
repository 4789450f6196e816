//! Files for other programs, written beside the pages: calendars (`.ics`) and a frab-compatible
//! `schedule.json` and `schedule.xml` for each event.
//!
//! | file ([`events_model::ics::files`]) | what | module |
//! |---|---|---|
//! | `<event>/sessions/<id>.ics` | one session (only sessions with a published time) | [`calendars`] |
//! | `<event>/programme.ics` | every session with a published time (not written when there is none) | [`calendars`] |
//! | `<event>/<event>.ics` | the event itself, as one entry | [`calendars`] |
//! | `<event>/schedule.json` | the programme in the frab/c3voc schedule JSON format | [`schedule`] |
//! | `<event>/schedule.xml` | the same programme in frab's XML, which EventFahrplan and Giggity read | [`schedule_xml`] |

use std::path::Path;

use events_content::compile::Compiled;
use events_content::site::Site;
use events_model::{SiteAddress, Timestamp};

use crate::BuildError;

pub mod calendars;
pub mod schedule;
pub mod schedule_xml;

/// When the files are made, for the calendars' `DTSTAMP`: `SOURCE_DATE_EPOCH` (seconds, the
/// reproducible-builds convention) when set, else now.
pub fn stamp_from_env() -> Timestamp {
    if let Some(seconds) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()) {
        return Timestamp(seconds);
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Timestamp(i64::try_from(now).unwrap_or(i64::MAX))
}

/// Writes every event's calendars, `schedule.json` and `schedule.xml` under `out` and returns
/// how many files it wrote. Session calendars left by an earlier build in `<event>/sessions/`
/// are removed first, so a session that lost its time (or was removed) loses its file; nothing
/// else is touched.
pub fn write(site: &Site, compiled: &Compiled, out: &Path, address: &SiteAddress, stamp: Timestamp) -> Result<usize, BuildError> {
    let mut written = 0;
    for event in &compiled.events {
        written += calendars::write(event, out, address, stamp)?;
        written += schedule::write(site, event, out, address)?;
    }
    Ok(written)
}
