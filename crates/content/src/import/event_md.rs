//! What an import adds to `event.md`: the tracks and formats its sessions use that the file
//! lacks (`add_tracks_and_formats`), added to its lists in its text ([`add_items`]) so that
//! every other line, comment and the order of the organizer's own items stay as they are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::plan::{Action, Change, Event, Plan};
use super::yaml::quoted;
use super::Programme;
use crate::files::{slugify, EventFile};
use crate::frontmatter::{parse_document, ValueKind};

/// One item of a list: its fields in order, each value already written as YAML.
pub type Item = Vec<(&'static str, String)>;

/// `text` (an event file) with `items` added at the end of the top-level list `key`:
///
/// - `key: []` or `key:` with nothing: the line becomes `key:` and the items follow it;
/// - a block list (`key:` then `  - name: ...` lines): the items follow its last item, with
///   its indentation;
/// - no `key`: `key:` and the items are added before the closing `---`.
///
/// `None` when the list is written in another way (a flow list with items, `[{...}]`) or the
/// front matter cannot be read: the caller then says which lines to add.
pub fn add_items(text: &str, key: &str, items: &[Item]) -> Option<String> {
    if items.is_empty() {
        return Some(text.to_owned());
    }
    let doc = parse_document(Path::new("event.md"), text).ok()?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // The closing `---` (0-based index); entries' lines are 1-based file lines.
    let close = lines.iter().enumerate().skip(1).find(|(_, l)| matches!(l.trim_end(), "---" | "..."))?.0;
    let render = |indent: &str| {
        let mut out = String::new();
        for item in items {
            for (i, (k, v)) in item.iter().enumerate() {
                let lead = if i == 0 { "- " } else { "  " };
                out.push_str(&format!("{indent}{lead}{k}: {v}\n"));
            }
        }
        out
    };
    let newline = |s: &str| if s.ends_with('\n') { String::new() } else { "\n".to_owned() };
    let join = |before: &[&str], middle: &str, after: &[&str]| {
        let mut out = before.concat();
        out.push_str(&newline(&out));
        out.push_str(middle);
        out.push_str(&after.concat());
        out
    };
    let Some(entry) = doc.fields.iter().rev().find(|e| e.key == key) else {
        return Some(join(&lines[..close], &format!("{key}:\n{}", render("  ")), &lines[close..]));
    };
    let at = entry.line - 1;
    let empty_line = |l: &str| {
        let rest = l.trim_start().strip_prefix(key).and_then(|r| r.trim_start().strip_prefix(':')).map(str::trim);
        let rest = rest.map(|r| r.split(" #").next().unwrap_or("").trim());
        matches!(rest, Some("" | "[]"))
    };
    match &entry.value.kind {
        ValueKind::Null => {}
        ValueKind::List(v) if v.is_empty() => {}
        ValueKind::List(v) if v.iter().all(|item| item.line > entry.line) => {
            // A block list: after its last item's last line (less trailing blank and comment
            // lines), with the first item's indentation.
            let first = lines.get(v[0].line - 1)?;
            let indent = first.len() - first.trim_start_matches(' ').len();
            if !first.trim_start().starts_with("- ") {
                return None;
            }
            let next = doc.fields.iter().map(|e| e.line - 1).filter(|l| *l > at).min().unwrap_or(close);
            let mut end = next;
            while end > at + 1 && (lines[end - 1].trim().is_empty() || lines[end - 1].trim_start().starts_with('#')) {
                end -= 1;
            }
            return Some(join(&lines[..end], &render(&" ".repeat(indent)), &lines[end..]));
        }
        _ => return None,
    }
    if !empty_line(lines.get(at)?) {
        return None;
    }
    Some(join(&lines[..at], &format!("{key}:\n{}", render("  ")), &lines[at + 1..]))
}

/// A format's name in event.md from a session type: a known type as the site writes it
/// (`workshop` -> `Workshop`), a name all in lower case with a capital (`lecture` -> `Lecture`),
/// any other as the export has it. Sessions name it in any case.
pub(super) fn format_name(written: &str) -> String {
    let w = written.trim();
    match crate::files::known_session_type(w) {
        Some(known) => known.to_owned(),
        None if w.chars().all(|c| !c.is_uppercase()) => crate::files::normalize_language(w),
        None => w.to_owned(),
    }
}

/// A track's slug from its name; `track` when the name has no letters or digits.
pub(super) fn track_slug_of(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() { "track".to_owned() } else { slug }
}

/// Adds the tracks the sessions use and the formats of its sessions that event.md lacks, in
/// the export's order, to the plan's `event.md`; or, when the file cannot take them, says what
/// to add.
pub(super) fn add_tracks_and_formats(programme: &Programme, event: &Event, undeclared: &BTreeMap<String, String>, plan: &mut Plan) {
    // Tracks: the export's list first (its order, its colours), then any other a session names.
    let mut tracks: Vec<(String, String, Option<String>)> = Vec::new();
    let listed = programme.tracks.iter().map(|t| (t.name.clone(), t.color.clone()));
    let named = programme.sessions.iter().filter_map(|s| s.track.clone()).map(|n| (n, None));
    for (name, color) in listed.chain(named) {
        let slug = track_slug_of(&name);
        if undeclared.contains_key(&slug) && !tracks.iter().any(|(s, _, _)| *s == slug) {
            tracks.push((slug, name.trim().to_owned(), color));
        }
    }
    // Formats: the types of the sessions that are not service sessions, with their length in
    // minutes (the one they all have, else the most common one).
    let mut formats: Vec<(String, u32)> = Vec::new();
    let mut unknown_length: Vec<String> = Vec::new();
    let order = programme.formats.iter().chain(programme.sessions.iter().filter_map(|s| s.session_type.as_ref()));
    for name in order {
        let of_type = || programme.sessions.iter().filter(|s| !s.service && s.session_type.as_deref() == Some(name.as_str()));
        if of_type().next().is_none()
            || event.format(name).is_some()
            || formats.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
            || unknown_length.contains(name)
        {
            continue;
        }
        let mut lengths: BTreeMap<u32, usize> = BTreeMap::new();
        for s in of_type() {
            if let Some((start, end)) = s.time {
                let minutes = u32::try_from((end - start).get_seconds() / 60).unwrap_or(0);
                *lengths.entry(minutes).or_default() += 1;
            }
        }
        // The most common length; of two as common, the shorter.
        match lengths.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
            Some((&minutes, _)) if minutes > 0 => {
                if lengths.len() > 1 {
                    let (lo, hi) = (lengths.keys().next().copied().unwrap_or(0), lengths.keys().last().copied().unwrap_or(0));
                    plan.notes.push(format!(
                        "the sessions of the format `{name}` last {lo} to {hi} minutes; event.md gets `minutes: {minutes}`, the most common length: change it if the call for proposals said otherwise"
                    ));
                }
                formats.push((format_name(name), minutes));
            }
            _ => unknown_length.push(name.clone()),
        }
    }
    for name in &unknown_length {
        plan.notes.push(format!(
            "no session of the format `{name}` has a time in the export, so its length is unknown and it was not added to event.md; `content check` warns about its sessions until you add it under `formats:` with its `minutes`"
        ));
    }
    if tracks.is_empty() && formats.is_empty() {
        return;
    }
    let track_items: Vec<Item> = tracks
        .iter()
        .map(|(slug, name, color)| {
            let mut item = vec![("name", quoted(name)), ("slug", quoted(slug))];
            if let Some(c) = color {
                item.push(("color", quoted(c)));
            }
            item
        })
        .collect();
    let format_items: Vec<Item> = formats.iter().map(|(name, minutes)| vec![("name", quoted(name)), ("minutes", minutes.to_string())]).collect();
    let edited = event.text.as_deref().and_then(|text| {
        let with_tracks = add_items(text, "tracks", &track_items)?;
        let with_formats = add_items(&with_tracks, "formats", &format_items)?;
        // What is written must read back with exactly the tracks and formats it should have.
        let (file, problems) = EventFile::parse(Path::new("event.md"), &with_formats);
        let file = file.filter(|_| problems.iter().all(|p| !p.is_error()))?;
        let ok = file.tracks.len() == event.tracks.len() + tracks.len() && file.formats.len() == event.formats.len() + formats.len();
        ok.then_some(with_formats)
    });
    match edited {
        Some(after) => {
            let mut said = Vec::new();
            if !tracks.is_empty() {
                said.push(format!("tracks: {}", tracks.iter().map(|(_, n, _)| format!("+{n}")).collect::<Vec<_>>().join(", ")));
            }
            if !formats.is_empty() {
                said.push(format!("formats: {}", formats.iter().map(|(n, m)| format!("+{n} ({m} min)")).collect::<Vec<_>>().join(", ")));
            }
            plan.changes.push(Change { path: PathBuf::from("event.md"), action: Action::Update, text: after, note: Some(said.join("; ")) });
            plan.tracks_added = tracks.into_iter().map(|(slug, name, _)| (name, slug)).collect();
            plan.formats_added = formats;
        }
        None => {
            let mut lines = String::new();
            for item in &track_items {
                lines.push_str(&format!("\n  - name: {}\n    slug: {}", item[0].1, item[1].1));
            }
            if !track_items.is_empty() {
                plan.notes.push(format!(
                    "the export has tracks that event.md does not declare ({}); `content check` reports their sessions until you add them under `tracks:` in event.md:{lines}",
                    tracks.iter().map(|(s, _, _)| s.clone()).collect::<Vec<_>>().join(", ")
                ));
            }
            if !format_items.is_empty() {
                let lines: String = formats.iter().map(|(n, m)| format!("\n  - name: {}\n    minutes: {m}", quoted(n))).collect();
                plan.notes.push(format!("the export has formats that event.md does not declare; add them under `formats:` in event.md:{lines}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(name: &str, slug: &str) -> Item {
        vec![("name", format!("\"{name}\"")), ("slug", format!("\"{slug}\""))]
    }

    #[test]
    fn an_empty_list_gets_the_items_and_keeps_its_comments() {
        let text = "---\nname: x\ntracks: []\n#  - name: \"Example\"\nsummary: s\n---\nBody\n";
        let out = add_items(text, "tracks", &[track("A", "a"), track("B", "b")]).unwrap();
        assert_eq!(out, "---\nname: x\ntracks:\n  - name: \"A\"\n    slug: \"a\"\n  - name: \"B\"\n    slug: \"b\"\n#  - name: \"Example\"\nsummary: s\n---\nBody\n");
    }

    #[test]
    fn a_block_list_gets_the_items_after_its_last_one_with_its_indentation() {
        let text = "---\ntracks:\n- name: Mine\n  slug: mine\n  description: \"Kept.\"\n\n# Formats next.\nformats: []\n---\n";
        let out = add_items(text, "tracks", &[track("A", "a")]).unwrap();
        assert_eq!(out, "---\ntracks:\n- name: Mine\n  slug: mine\n  description: \"Kept.\"\n- name: \"A\"\n  slug: \"a\"\n\n# Formats next.\nformats: []\n---\n");
    }

    #[test]
    fn a_missing_list_is_added_before_the_end_and_a_flow_list_is_left_to_the_organizer() {
        let out = add_items("---\nname: x\n---\n", "formats", &[vec![("name", "\"Talk\"".into()), ("minutes", "30".into())]]).unwrap();
        assert_eq!(out, "---\nname: x\nformats:\n  - name: \"Talk\"\n    minutes: 30\n---\n");
        assert_eq!(add_items("---\ntracks: [{name: A, slug: a}]\n---\n", "tracks", &[track("B", "b")]), None);
    }
}
