//! A session or speaker file as an import writes it: a new file ([`render`]), or an existing
//! one with the export's fields written over the same fields and everything the organizer
//! changed kept ([`merge`]): other fields, comments, blank lines, and a body edited by hand
//! (its fingerprint in `import_body` no longer matches it).

use std::collections::BTreeSet;
use std::path::Path;

use super::plan::{Action, Change};
use super::yaml::quoted;
use crate::frontmatter::{parse_document, Entry, ValueKind};

/// The fingerprint of a body in `import_body`: 12 hex digits of a UUID v5 of its text.
pub fn fingerprint(body: &str) -> String {
    let namespace = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"https://events.istio.io/import");
    uuid::Uuid::new_v5(&namespace, body.trim().as_bytes()).simple().to_string()[..12].to_owned()
}

/// The body as written after the front matter: a blank line, the text, a line break.
fn body_text(body: &str) -> String {
    let body = body.trim();
    if body.is_empty() { String::new() } else { format!("\n{body}\n") }
}

/// A new file: the fields in `order`, the body and its fingerprint.
pub(super) fn render(fields: &[(&str, String)], body: &str, order: &[&str]) -> String {
    let mut out = String::from("---\n");
    let mut all = fields.to_vec();
    all.push(("import_body", quoted(&fingerprint(body))));
    for key in order {
        if let Some((_, value)) = all.iter().find(|(k, _)| k == key) {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
    out.push_str("---\n");
    out.push_str(&body_text(body));
    out
}

/// An existing file with the export's `fields` written over the same fields, every other line
/// kept; its body replaced only when it is still the one the last import wrote.
pub(super) fn merge(path: &Path, text: &str, fields: &[(&str, String)], body: &str, order: &[&str]) -> Change {
    let Ok(doc) = parse_document(path, text) else {
        return Change {
            path: path.to_path_buf(),
            action: Action::Unchanged,
            text: text.to_owned(),
            note: Some("its front matter cannot be read, so it is not changed; `content check` says why".to_owned()),
        };
    };
    let recorded = doc.fields.iter().rev().find(|e| e.key == "import_body").and_then(|e| match &e.value.kind {
        ValueKind::Str(s) => Some(s.trim().to_owned()),
        _ => None,
    });
    let hand_body = recorded.as_deref() != Some(fingerprint(&doc.body).as_str()) && doc.body.trim() != body.trim();
    let new_body = if hand_body { doc.body.clone() } else { body_text(body) };
    let mut all = fields.to_vec();
    if !hand_body {
        all.push(("import_body", quoted(&fingerprint(body))));
    }

    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // The front matter is lines[1..close]; entries' lines count the opening `---` as line 1.
    let close = lines.iter().enumerate().skip(1).find(|(_, l)| matches!(l.trim_end(), "---" | "...")).map_or(lines.len(), |(i, _)| i);
    let starts: Vec<(usize, &Entry)> = doc.fields.iter().map(|e| (e.line - 1, e)).collect();
    let mut out = String::new();
    out.push_str(lines.first().copied().unwrap_or("---\n"));
    let mut written: BTreeSet<&str> = BTreeSet::new();
    let mut changed: Vec<&str> = Vec::new();
    let mut i = 1;
    while i < close {
        let entry = starts.iter().find(|(start, _)| *start == i).map(|(_, e)| *e);
        match entry.and_then(|e| all.iter().find(|(k, _)| *k == e.key)) {
            Some((key, value)) => {
                // The entry runs to the next entry, less trailing blank and comment lines.
                let next = starts.iter().map(|(s, _)| *s).filter(|s| *s > i).min().unwrap_or(close);
                let mut end = next;
                while end > i + 1 && (lines[end - 1].trim().is_empty() || lines[end - 1].starts_with('#')) {
                    end -= 1;
                }
                let line = format!("{key}: {value}\n");
                if lines[i..end].concat() != line && !changed.contains(key) {
                    changed.push(key);
                }
                if written.insert(key) {
                    out.push_str(&line);
                }
                i = end;
            }
            None => {
                out.push_str(lines[i]);
                i += 1;
            }
        }
    }
    for key in order {
        if !written.contains(key)
            && let Some((_, value)) = all.iter().find(|(k, _)| k == key)
        {
            out.push_str(&format!("{key}: {value}\n"));
            changed.push(key);
        }
    }
    out.push_str(lines.get(close).copied().unwrap_or("---\n"));
    out.push_str(&new_body);
    let action = if out == text { Action::Unchanged } else { Action::Update };
    // What changes, for the report: the export's fields, then the body.
    changed.retain(|k| *k != "import_body");
    let mut said: Vec<String> = Vec::new();
    if !changed.is_empty() {
        said.push(changed.join(", "));
    }
    if hand_body {
        said.push("its text was edited by hand and is kept".to_owned());
    } else if doc.body != new_body {
        said.push("text".to_owned());
    }
    let note = (action == Action::Update && !said.is_empty()).then(|| said.join("; "));
    Change { path: path.to_path_buf(), action, text: out, note }
}
