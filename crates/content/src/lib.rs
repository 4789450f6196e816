//! Reading, checking and compiling the organizers' content files.
//!
//! - [`frontmatter`]: Markdown files with YAML front matter, values with their lines.
//! - [`files`]: the four kinds of file (event, session, speaker, organizer), each on its own.
//! - [`registration`]: the `registration` block of an event file.
//! - [`site`]: a whole folder, with the checks across files.
//! - [`compile`]: the JSON data the app fetches.
//! - [`interchange`]: calendars (`.ics`), `schedule.json` and `schedule.xml` for other programs.
//! - [`import`]: a Sessionize or pretalx export turned into session and speaker files.
//! - [`photos`]: speakers' and organizers' photos, checked and made into responsive variants.
//! - [`new_event`]: a new event's folder, ready to fill.

pub mod compile;
pub mod diag;
pub mod files;
pub mod frontmatter;
pub mod import;
pub mod interchange;
pub mod new_event;
pub mod photos;
pub mod registration;
pub mod site;
