//! Turning a checked [`Site`] into the JSON files the app fetches.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use events_model::{
    DataFile, Event, EventSummary, Link, Organizer, Place, Session, SiteIndex, SitePath, Slug, SpeakerPage, SpeakerRef,
    SpeakerSession, SpeakerSummary, TimeRange,
};

use crate::site::{resolve_track, EventDir, Site};

/// Everything the app reads, ready to be written.
#[derive(Debug, Default)]
pub struct Compiled {
    /// The home page's list.
    pub index: SiteIndex,
    /// One per event.
    pub events: Vec<Event>,
    /// One per speaker, across events.
    pub speakers: Vec<SpeakerPage>,
    /// The photos' files (under `photos/`), each once.
    pub photos: Vec<crate::photos::Encoded>,
}

/// Markdown to HTML, sanitized: what organizers write cannot run scripts on the site.
pub fn markdown_to_html(markdown: &str) -> String {
    use pulldown_cmark::{html, Options, Parser};
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut out = String::new();
    html::push_html(&mut out, parser);
    ammonia::Builder::default().link_rel(Some("noopener noreferrer")).clean(&out).to_string()
}

/// Markdown to plain text, for files read by other programs (schedule.json): the words without
/// markup or HTML, paragraphs separated by a blank line, list items on lines of their own
/// starting with `- `, and a link's address after its text when the two differ.
pub fn markdown_to_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::new();
    let mut links: Vec<String> = Vec::new();
    let mut link_text_start = Vec::new();
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Item) => {
                block_break(&mut out, "\n");
                out.push_str("- ");
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(dest_url.into_string());
                link_text_start.push(out.len());
            }
            Event::End(TagEnd::Link) => {
                if let (Some(url), Some(start)) = (links.pop(), link_text_start.pop())
                    && out[start..].trim() != url
                    && !url.is_empty()
                {
                    out.push_str(&format!(" ({url})"));
                }
            }
            Event::End(TagEnd::TableCell) => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table,
            ) => block_break(&mut out, "\n\n"),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => block_break(&mut out, "\n"),
            // Raw HTML is markup, not words; images and the rest keep their text through the
            // events above.
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// Ends the current block with `separator` (a line break, or a blank line), unless the text is
/// empty or already ends with at least as many line breaks.
fn block_break(out: &mut String, separator: &str) {
    let kept = out.trim_end_matches(' ').len();
    out.truncate(kept);
    let breaks = out.len() - out.trim_end_matches('\n').len();
    if !out.is_empty() && breaks < separator.len() {
        out.push_str(&separator[breaks..]);
    }
}

/// Order of slots written as `3`, `1a`, `w`: the number first, then the rest.
fn slot_key(slot: Option<&str>) -> (u32, String) {
    let slot = slot.unwrap_or("");
    let digits: String = slot.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u32::MAX), slot[digits.len()..].to_owned())
}

/// Builds the app's data from a site that has no errors. Events without an `event.md` are
/// left out (the checker has reported them), as is anything whose address word is not a
/// [`Slug`] (the checker reports those as errors too).
pub fn compile(site: &Site) -> Compiled {
    let mut out = Compiled::default();
    for dir in &site.events {
        if let Some(event) = compile_event(dir) {
            out.events.push(event);
        }
    }
    out.events.sort_by_key(|e| e.summary.start);
    out.index = SiteIndex { events: out.events.iter().map(|e| e.summary.clone()).collect() };
    out.speakers = speaker_pages(site, &out.events);
    let mut photos = BTreeMap::new();
    for dir in &site.events {
        let speakers = dir.speakers.iter().filter_map(|(_, _, s)| s.photo.as_ref());
        for set in speakers.chain(dir.organizers.iter().filter_map(|(_, o)| o.photo.as_ref())) {
            for f in set.files.iter() {
                photos.entry(f.variant.file.clone()).or_insert_with(|| f.clone());
            }
        }
    }
    out.photos = photos.into_values().collect();
    out
}

fn compile_event(dir: &EventDir) -> Option<Event> {
    let file = dir.event.as_ref()?;
    let event_slug = Slug::parse(&dir.slug).ok()?;
    let mut sessions: Vec<Session> = dir
        .sessions
        .iter()
        .filter_map(|(_, s)| Some(Session {
            id: Slug::parse(&s.id).ok()?,
            title: s.title.clone(),
            speakers: s
                .speakers
                .iter()
                .map(|name| SpeakerRef { name: name.clone(), slug: dir.speaker_slug(name).and_then(|s| Slug::parse(s).ok()) })
                .collect(),
            time: s.time.map(|(start, end)| TimeRange { start, end }),
            day: s.time.and_then(|(start, _)| file.day_of(start)),
            kind: s.kind.clone(),
            track: s.track.as_ref().and_then(|t| resolve_track(file, &t.written)).cloned(),
            language: s.language.clone(),
            video: s.video.clone(),
            room: s.room.clone(),
            abstract_html: markdown_to_html(&s.body),
        }))
        .collect();
    let slots: BTreeMap<&str, (u32, String)> =
        dir.sessions.iter().map(|(_, s)| (s.id.as_str(), slot_key(s.slot.as_deref()))).collect();
    sessions.sort_by(|a, b| {
        let ka = (a.time.map(|t| (t.start, t.end)), slots.get(a.id.as_str()), &a.id);
        let kb = (b.time.map(|t| (t.start, t.end)), slots.get(b.id.as_str()), &b.id);
        // Sessions without a time go last, in slot order.
        (ka.0.is_none(), ka).cmp(&(kb.0.is_none(), kb))
    });

    let mut speakers: Vec<SpeakerSummary> = dir
        .speakers
        .iter()
        .filter(|(_, slug, _)| sessions.iter().any(|s| s.speakers.iter().any(|r| r.slug.as_deref() == Some(slug))))
        .filter_map(|(_, slug, s)| Some(SpeakerSummary {
            slug: Slug::parse(slug).ok()?,
            name: s.name.clone(),
            designation: s.designation.clone(),
            photo: s.photo.as_ref().map(|p| p.photo.clone()),
        }))
        .collect();
    speakers.sort_by_key(|s| s.name.to_lowercase());

    let mut organizers: Vec<(i64, Organizer)> = dir
        .organizers
        .iter()
        .map(|(_, o)| (o.weight, Organizer { name: o.name.clone(), designation: o.designation.clone(), group: o.group, photo: o.photo.as_ref().map(|p| p.photo.clone()) }))
        .collect();
    organizers.sort_by(|(wa, a), (wb, b)| (a.group, wa, &a.name).cmp(&(b.group, wb, &b.name)));

    let place = match &file.city {
        None => Place::Virtual,
        Some(city) => Place::InPerson { city: city.clone(), venue: file.venue.clone() },
    };
    let day_starts = file.day_starts();
    Some(Event {
        summary: EventSummary {
            slug: event_slug,
            name: file.name.clone(),
            kind: file.kind.clone(),
            summary: file.summary.clone(),
            start: file.start(),
            end: file.end(),
            days: day_starts.len() as u32,
            timezone: file.timezone.clone(),
            place,
            co_located_with: file.co_located_with.clone(),
            session_count: sessions.len(),
        },
        description_html: markdown_to_html(&file.body),
        links: file.links.iter().map(|(label, url)| Link { label: label.clone(), url: url.clone() }).collect(),
        chairs: file.chairs.clone(),
        languages: file.languages.clone(),
        formats: file.formats.clone(),
        tracks: file.tracks.clone(),
        day_starts,
        sessions,
        speakers,
        organizers: organizers.into_iter().map(|(_, o)| o).collect(),
        registration: file.registration.clone(),
    })
}

/// One page per speaker slug, merging the same person across events (most recent event
/// first: its name, designation and bio win).
fn speaker_pages(site: &Site, events: &[Event]) -> Vec<SpeakerPage> {
    let mut pages: BTreeMap<String, SpeakerPage> = BTreeMap::new();
    let mut dirs: Vec<(&EventDir, &Event)> = site
        .events
        .iter()
        .filter_map(|d| events.iter().find(|e| e.summary.slug == d.slug.as_str()).map(|e| (d, e)))
        .collect();
    dirs.sort_by_key(|(_, e)| std::cmp::Reverse(e.summary.start));
    for (dir, event) in dirs {
        for (_, slug, file) in &dir.speakers {
            let Ok(page_slug) = Slug::parse(slug) else { continue };
            let page = pages.entry(slug.clone()).or_insert_with(|| SpeakerPage {
                slug: page_slug,
                name: file.name.clone(),
                designation: String::new(),
                photo: None,
                links: Vec::new(),
                bio_html: String::new(),
                sessions: Vec::new(),
            });
            if page.designation.is_empty() {
                page.designation = file.designation.clone();
            }
            if page.photo.is_none() {
                page.photo = file.photo.as_ref().map(|p| p.photo.clone());
            }
            if page.bio_html.is_empty() {
                page.bio_html = markdown_to_html(&file.body);
            }
            for (label, url) in &file.links {
                if !page.links.iter().any(|l| &l.label == label) {
                    page.links.push(Link { label: label.clone(), url: url.clone() });
                }
            }
            for s in event.sessions.iter().filter(|s| s.speakers.iter().any(|r| r.slug.as_deref() == Some(slug.as_str()))) {
                page.sessions.push(SpeakerSession {
                    event_slug: event.summary.slug.clone(),
                    event_name: event.summary.name.clone(),
                    timezone: event.summary.timezone.clone(),
                    id: s.id.clone(),
                    title: s.title.clone(),
                    kind: s.kind.clone(),
                    time: s.time,
                });
            }
        }
    }
    pages.into_values().collect()
}

/// Writes the compiled data under `out` (`out/data/...`) and the photos' files
/// (`out/photos/...`), replacing what was there.
pub fn write(compiled: &Compiled, out: &Path) -> io::Result<usize> {
    let data = out.join("data");
    if data.exists() {
        fs::remove_dir_all(&data)?;
    }
    // Every file is where its address says (`/photos/<file>`).
    let photos = out.join("photos");
    if photos.exists() {
        fs::remove_dir_all(&photos)?;
    }
    if !compiled.photos.is_empty() {
        fs::create_dir_all(&photos)?;
        for f in &compiled.photos {
            fs::write(out.join(f.variant.path().trim_start_matches('/')), &f.bytes)?;
        }
    }
    fs::create_dir_all(data.join("events"))?;
    fs::create_dir_all(data.join("speakers"))?;
    let mut written = 0;
    let mut put = |rel: &str, json: String| -> io::Result<()> {
        fs::write(out.join(rel.trim_start_matches('/')), json)?;
        written += 1;
        Ok(())
    };
    put(&DataFile::Index.path(), to_json(&compiled.index))?;
    for e in &compiled.events {
        put(&DataFile::Event(e.summary.slug.clone()).path(), to_json(e))?;
        put(&DataFile::Outline(e.summary.slug.clone()).path(), to_json(&e.outline()))?;
    }
    for s in &compiled.speakers {
        put(&DataFile::Speaker(s.slug.clone()).path(), to_json(s))?;
    }
    Ok(written)
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("the data types serialize to JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_rendered_and_sanitized() {
        let html = markdown_to_html("Hello *world* <script>alert(1)</script> [x](javascript:alert(1))");
        assert!(html.contains("<em>world</em>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn markdown_becomes_plain_text() {
        let text = markdown_to_text(
            "Hello *world*, `code` <b>bold</b>\nsame paragraph.\n\n- one\n- [two](https://istio.io/)\n\n## Next\n\nSee <https://istio.io/>.",
        );
        assert_eq!(text, "Hello world, code bold same paragraph.\n\n- one\n- two (https://istio.io/)\n\nNext\n\nSee https://istio.io/.");
        assert_eq!(markdown_to_text(""), "");
        assert_eq!(markdown_to_text("基于istio构建 *超大规模*"), "基于istio构建 超大规模");
    }

    #[test]
    fn slots_sort_by_number_then_suffix() {
        let mut slots = vec!["w", "10", "2", "1b", "1a"];
        slots.sort_by_key(|s| slot_key(Some(s)));
        assert_eq!(slots, ["1a", "1b", "2", "10", "w"]);
    }
}
