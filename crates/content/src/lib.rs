//! Reading, checking and compiling the organizers' content files.
//!
//! - [`frontmatter`]: Markdown files with YAML front matter, values with their lines.
//! - [`files`]: the four kinds of file (event, session, speaker, organizer), each on its own.
//! - [`registration`]: the `registration` block of an event file.
//! - [`site`]: a whole folder, with the checks across files.
//! - [`compile`]: the JSON data the app fetches (written by the site's build, `site-build data`
//!   in crates/build, which also writes the calendars and schedules).
//! - [`import`]: a Sessionize or pretalx export turned into session and speaker files.
//! - [`photos`]: speakers' and organizers' photos, checked and made into responsive variants.
//! - [`new_event`]: a new event's folder, ready to fill.

pub mod compile;
pub mod diag;
pub mod files;
pub mod frontmatter;
pub mod import;
pub mod new_event;
pub mod photos;
pub mod registration;
pub mod site;
