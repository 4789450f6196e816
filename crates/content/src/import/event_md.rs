//! Adding items to a list of `event.md` (`tracks:`, `formats:`) in its text, so that every
//! other line, comment and the order of the organizer's own items stay as they are.

use std::path::Path;

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
