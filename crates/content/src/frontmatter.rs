//! Markdown files with YAML front matter between `---` lines (Hugo style), read into values
//! that remember their line, and a field reader that collects every problem at once.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::Path;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use crate::diag::Diagnostic;

/// A front-matter value with the line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// The line in the file (1-based).
    pub line: usize,
    /// What it holds.
    pub kind: ValueKind,
}

/// The shapes a YAML value can take.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    /// Empty (`key:` with nothing after it, or `null`).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Text.
    Str(String),
    /// A list.
    List(Vec<Value>),
    /// Keys and values.
    Map(Vec<Entry>),
}

impl ValueKind {
    /// How an organizer would call this kind of value, for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            ValueKind::Null => "an empty value",
            ValueKind::Bool(_) => "true/false",
            ValueKind::Int(_) => "a number",
            ValueKind::Float(_) => "a number",
            ValueKind::Str(_) => "text",
            ValueKind::List(_) => "a list",
            ValueKind::Map(_) => "a group of fields",
        }
    }
}

/// One `key: value` pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key, as written.
    pub key: String,
    /// The line the key is on.
    pub line: usize,
    /// The value.
    pub value: Value,
}

/// A content file split into its front matter and its Markdown body.
#[derive(Debug)]
pub struct Document {
    /// The front matter's top-level fields, in file order.
    pub fields: Vec<Entry>,
    /// The Markdown after the closing `---`.
    pub body: String,
    /// Warnings about the front matter itself: keys given twice (the last one is used, as Hugo
    /// does).
    pub warnings: Vec<Diagnostic>,
}

/// Splits `text` (the contents of `file`) and reads its front matter.
///
/// Errors name the line: a missing opening or closing `---`, invalid YAML, front matter that
/// is not a list of `key: value` lines.
pub fn parse_document(file: &Path, text: &str) -> Result<Document, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() == "+++" {
        return Err(Diagnostic::error(file, 1, None, "front matter in TOML (`+++`) is not supported")
            .help("write the front matter in YAML between two `---` lines"));
    }
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(file, 1, None, "the file does not start with front matter")
            .help("start the file with a line `---`, the fields (`title: ...`), then another `---` line"));
    }
    let mut yaml = String::new();
    let mut closed_at = None;
    let mut consumed = first.len();
    for (i, line) in lines.enumerate() {
        consumed += line.len();
        let t = line.trim_end();
        if t == "---" || t == "..." {
            closed_at = Some(i + 2);
            break;
        }
        yaml.push_str(line);
    }
    let Some(_) = closed_at else {
        return Err(Diagnostic::error(file, 1, None, "the front matter is never closed")
            .help("add a line `---` after the last field, before the Markdown text"));
    };
    let body = text[consumed..].to_owned();
    let mut warnings = Vec::new();
    let fields = parse_yaml(file, &yaml, 1, &mut warnings)?;
    Ok(Document { fields, body, warnings })
}

/// The key a block-mapping line starts with, and its indentation: `  cfp: x` -> (2, "cfp").
fn line_key(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let rest = rest.strip_prefix("- ").map_or(rest, |r| r);
    let colon = rest.find(':')?;
    let key = rest[..colon].trim().trim_matches(['"', '\'']);
    let after = &rest[colon + 1..];
    let plain = !key.is_empty() && !key.starts_with(['#', '{', '[']) && (after.is_empty() || after.starts_with([' ', '\t', '\n', '\r']));
    plain.then_some((indent, key))
}

/// When YAML refuses `source` for a key given twice in one mapping (organizers' files do
/// this: a field added again when a link was fixed), blanks out the earlier one's lines (so
/// every line keeps its number) and says which two lines they were; `None` if it cannot tell.
/// `line` is the duplicate's index in `source` (0-based).
fn drop_earlier_duplicate(source: &str, line: usize) -> Option<(String, usize, String)> {
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let (indent, key) = line_key(lines.get(line)?)?;
    let mut earlier = None;
    for i in (0..line).rev() {
        let l = lines[i];
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let this_indent = l.len() - l.trim_start_matches(' ').len();
        if this_indent < indent {
            break;
        }
        if this_indent == indent && line_key(l).is_some_and(|(_, k)| k == key) {
            earlier = Some(i);
            break;
        }
    }
    let earlier = earlier?;
    // The earlier entry: its line, and the lines after it that are more indented (its value),
    // or list items at its own indentation (`key:` then `- item`).
    let mut end = earlier + 1;
    while end < line {
        let l = lines[end];
        let this_indent = l.len() - l.trim_start_matches(' ').len();
        let continues = l.trim().is_empty() || this_indent > indent || (this_indent == indent && l.trim_start().starts_with("- "));
        if !continues {
            break;
        }
        end += 1;
    }
    let mut out = String::with_capacity(source.len());
    for (i, l) in lines.iter().enumerate() {
        if (earlier..end).contains(&i) {
            out.push_str(if l.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(l);
        }
    }
    Some((out, earlier, key.to_owned()))
}

/// Reads YAML `source`, whose first line is line `offset + 1` of `file`, as `key: value` fields.
/// A key given twice in one group is a warning in `warnings`, and the last value is used.
fn parse_yaml(file: &Path, source: &str, offset: usize, warnings: &mut Vec<Diagnostic>) -> Result<Vec<Entry>, Diagnostic> {
    if source.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut source = source.to_owned();
    let docs = loop {
        match MarkedYaml::load_from_str(&source) {
            Ok(docs) => break docs,
            Err(e) => {
                let line = e.marker().line() + offset;
                let dropped = (e.info() == "duplicated key in mapping")
                    .then(|| drop_earlier_duplicate(&source, line - offset - 1))
                    .flatten();
                let Some((fixed, earlier, key)) = dropped else {
                    return Err(Diagnostic::error(file, line, None, format!("invalid YAML: {}", e.info()))
                        .help("check the quoting and indentation on this line; put text containing `: ` or `#` in double quotes"));
                };
                let earlier = earlier + offset + 1;
                warnings.push(
                    Diagnostic::warning(file, earlier, Some(&key), format!("`{key}` is given twice, on lines {earlier} and {line}; the last one (line {line}) is used"))
                        .help(format!("remove line {earlier}, or the later one if it is the earlier value you want")),
                );
                source = fixed;
            }
        }
    };
    let Some(doc) = docs.into_iter().next() else {
        return Ok(Vec::new());
    };
    let value = convert(&doc, offset);
    match value.kind {
        ValueKind::Map(entries) => Ok(entries),
        ValueKind::Null => Ok(Vec::new()),
        other => Err(Diagnostic::error(
            file,
            value.line,
            None,
            format!("the front matter is {}, not a list of fields", other.describe()),
        )
        .help("write one `key: value` per line, e.g. `title: \"My talk\"`")),
    }
}

fn convert(node: &MarkedYaml<'_>, offset: usize) -> Value {
    let line = node.span.start.line() + offset;
    let kind = match &node.data {
        YamlData::Value(Scalar::Null) => ValueKind::Null,
        YamlData::Value(Scalar::Boolean(b)) => ValueKind::Bool(*b),
        YamlData::Value(Scalar::Integer(i)) => ValueKind::Int(*i),
        YamlData::Value(Scalar::FloatingPoint(f)) => ValueKind::Float(f.into_inner()),
        YamlData::Value(Scalar::String(s)) => ValueKind::Str(s.to_string()),
        YamlData::Representation(s, _, _) => ValueKind::Str(s.to_string()),
        YamlData::Sequence(items) => ValueKind::List(items.iter().map(|n| convert(n, offset)).collect()),
        YamlData::Mapping(map) => ValueKind::Map(
            map.iter()
                .map(|(k, v)| {
                    let key = convert(k, offset);
                    let name = match key.kind {
                        ValueKind::Str(s) => s,
                        ValueKind::Int(i) => i.to_string(),
                        ValueKind::Bool(b) => b.to_string(),
                        _ => String::new(),
                    };
                    Entry { key: name, line: key.line, value: convert(v, offset) }
                })
                .collect(),
        ),
        YamlData::Tagged(_, inner) => convert(inner, offset).kind,
        YamlData::Alias(_) | YamlData::BadValue => ValueKind::Null,
    };
    Value { line, kind }
}

/// Reads typed fields out of a group of entries, recording every problem instead of stopping
/// at the first, and remembering which keys were read so the rest can be reported as unknown.
pub struct Fields<'a> {
    file: &'a Path,
    entries: &'a [Entry],
    /// The line to blame for a missing field (the group's own line).
    line: usize,
    prefix: String,
    used: RefCell<BTreeSet<String>>,
    problems: RefCell<Vec<Diagnostic>>,
}

impl<'a> Fields<'a> {
    /// A reader for the top-level fields of a document.
    pub fn new(file: &'a Path, entries: &'a [Entry]) -> Self {
        Fields {
            file,
            entries,
            line: 1,
            prefix: String::new(),
            used: RefCell::default(),
            problems: RefCell::default(),
        }
    }

    /// A reader for a nested group, e.g. one item of `tracks`, named `tracks[2]` in messages.
    pub fn nested(file: &'a Path, entries: &'a [Entry], line: usize, name: String) -> Self {
        Fields { line, prefix: format!("{name}."), ..Fields::new(file, entries) }
    }

    /// The file being read.
    pub fn file(&self) -> &'a Path {
        self.file
    }

    /// The full name of a field for messages, e.g. `tracks[1].slug`.
    pub fn name(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// Records a problem with `key` at `line`.
    pub fn error(&self, key: &str, line: usize, message: impl Into<String>, help: impl Into<String>) {
        let d = Diagnostic::error(self.file, line, Some(&self.name(key)), message).help(help);
        self.problems.borrow_mut().push(d);
    }

    /// Records a warning about `key` at `line`.
    pub fn warn(&self, key: &str, line: usize, message: impl Into<String>, help: impl Into<String>) {
        let d = Diagnostic::warning(self.file, line, Some(&self.name(key)), message).help(help);
        self.problems.borrow_mut().push(d);
    }

    /// Records a problem found by a nested reader.
    pub fn push(&self, d: Diagnostic) {
        self.problems.borrow_mut().push(d);
    }

    /// Records problems found elsewhere (the document's own warnings).
    pub fn extend(&self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.problems.borrow_mut().extend(ds);
    }

    /// The raw entry for `key`, marking it read. An empty value counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Entry> {
        self.used.borrow_mut().insert(key.to_owned());
        self.entries.iter().find(|e| e.key == key && e.value.kind != ValueKind::Null)
    }

    /// Whether the key is written at all (even empty).
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }

    /// The line of `key`, or of the group when it is absent.
    pub fn line_of(&self, key: &str) -> usize {
        self.entries.iter().find(|e| e.key == key).map_or(self.line, |e| e.line)
    }

    /// Optional text. Numbers are taken as their text; empty text counts as absent.
    pub fn text(&self, key: &str) -> Option<String> {
        let entry = self.get(key)?;
        match &entry.value.kind {
            ValueKind::Str(s) if s.trim().is_empty() => None,
            ValueKind::Str(s) => Some(s.trim().to_owned()),
            ValueKind::Int(i) => Some(i.to_string()),
            ValueKind::Float(f) => Some(f.to_string()),
            ValueKind::Bool(b) => Some(b.to_string()),
            other => {
                self.error(
                    key,
                    entry.line,
                    format!("expected text, found {}", other.describe()),
                    format!("write it on one line: `{key}: \"...\"`"),
                );
                None
            }
        }
    }

    /// Required text: a missing or empty value is an error with `example` as the fix.
    pub fn required_text(&self, key: &str, example: &str) -> Option<String> {
        let present = self.has(key);
        let value = self.text(key);
        if value.is_none() && !self.reported(key) {
            let message = if present { "is empty" } else { "is missing" };
            self.error(key, self.line_of(key), format!("required field {message}"), format!("add a line `{key}: {example}`"));
        }
        value
    }

    fn reported(&self, key: &str) -> bool {
        let name = self.name(key);
        self.problems.borrow().iter().any(|d| d.is_error() && d.field.as_deref() == Some(name.as_str()))
    }

    /// A list of text. A single text value is taken as a list of one; empty items are dropped.
    pub fn text_list(&self, key: &str) -> Vec<String> {
        let Some(entry) = self.get(key) else { return Vec::new() };
        match &entry.value.kind {
            ValueKind::Str(s) if s.trim().is_empty() => Vec::new(),
            ValueKind::Str(s) => vec![s.trim().to_owned()],
            ValueKind::List(items) => items
                .iter()
                .filter_map(|item| match &item.kind {
                    ValueKind::Str(s) if s.trim().is_empty() => None,
                    ValueKind::Str(s) => Some(s.trim().to_owned()),
                    ValueKind::Int(i) => Some(i.to_string()),
                    ValueKind::Null => None,
                    other => {
                        self.error(
                            key,
                            item.line,
                            format!("each item must be text, found {}", other.describe()),
                            format!("write one item per line: `  - \"...\"` under `{key}:`"),
                        );
                        None
                    }
                })
                .collect(),
            other => {
                self.error(
                    key,
                    entry.line,
                    format!("expected a list, found {}", other.describe()),
                    format!("write `{key}:` then one `  - item` per line, or `{key}: []` for none"),
                );
                Vec::new()
            }
        }
    }

    /// An optional whole number, at least `min`; `example` is suggested when it is not one.
    pub fn number(&self, key: &str, min: i64, example: i64) -> Option<i64> {
        let entry = self.get(key)?;
        let n = match &entry.value.kind {
            ValueKind::Int(i) => Some(*i),
            ValueKind::Str(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        match n {
            Some(n) if n >= min => Some(n),
            _ => {
                let expected = if min == i64::MIN { "a whole number".to_owned() } else { format!("a whole number of at least {min}") };
                self.error(
                    key,
                    entry.line,
                    format!("expected {expected}, found {}", shown(&entry.value)),
                    format!("write e.g. `{key}: {example}`"),
                );
                None
            }
        }
    }

    /// An optional `true`/`false` (also accepts the text `"true"`/`"false"`).
    pub fn flag(&self, key: &str) -> Option<bool> {
        let entry = self.get(key)?;
        match &entry.value.kind {
            ValueKind::Bool(b) => Some(*b),
            ValueKind::Str(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
            ValueKind::Str(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
            _ => {
                self.error(key, entry.line, format!("expected true or false, found {}", shown(&entry.value)), format!("write `{key}: true` or `{key}: false`"));
                None
            }
        }
    }

    /// An optional list of groups of fields (e.g. `tracks`), each with its line.
    pub fn groups(&self, key: &str) -> Vec<(usize, &'a [Entry])> {
        let Some(entry) = self.get(key) else { return Vec::new() };
        match &entry.value.kind {
            ValueKind::List(items) => items
                .iter()
                .filter_map(|item| match &item.kind {
                    ValueKind::Map(entries) => Some((item.line, entries.as_slice())),
                    other => {
                        self.error(
                            key,
                            item.line,
                            format!("each item must be a group of `key: value` fields, found {}", other.describe()),
                            format!("write each item as `  - name: ...` with its other fields indented below it"),
                        );
                        None
                    }
                })
                .collect(),
            other => {
                self.error(key, entry.line, format!("expected a list, found {}", other.describe()), format!("write `{key}:` then one `  - name: ...` item per line"));
                Vec::new()
            }
        }
    }

    /// An optional group of fields (e.g. `links`).
    pub fn group(&self, key: &str) -> Option<(usize, &'a [Entry])> {
        let entry = self.get(key)?;
        match &entry.value.kind {
            ValueKind::Map(entries) => Some((entry.line, entries.as_slice())),
            other => {
                self.error(key, entry.line, format!("expected a group of fields, found {}", other.describe()), format!("write `{key}:` then one indented `name: value` per line"));
                None
            }
        }
    }

    /// An optional web address: parsed as a URL (the `url` crate, the WHATWG rules browsers
    /// follow), written in full as `https://host/...` or `http://host/...`. Anything else (a
    /// `javascript:` or `data:` address, a bare host, a relative path, spaces) is an error, so
    /// no content file can put a script or a page of its own behind a link.
    pub fn url(&self, key: &str) -> Option<String> {
        let value = self.text(key)?;
        match web_address(&value) {
            Ok(()) => Some(value),
            Err(problem) => {
                self.error(key, self.line_of(key), format!("`{value}` {problem}"), format!("write the full address, e.g. `{key}: https://example.com/...`"));
                None
            }
        }
    }

    /// An optional link that may also be a path on this site (`/privacy/`), e.g. a consent's
    /// `link`; a path must start with one `/` (`//host` is another site).
    pub fn url_or_path(&self, key: &str) -> Option<String> {
        let value = self.text(key)?;
        let path = value.starts_with('/') && !value.starts_with("//") && !value.contains(char::is_whitespace) && !value.contains('\\');
        if path || web_address(&value).is_ok() {
            return Some(value);
        }
        self.error(
            key,
            self.line_of(key),
            format!("`{value}` is not a web address or a path on this site"),
            format!("write the full address, e.g. `{key}: \"https://events.linuxfoundation.org/about/code-of-conduct/\"`, or a path such as `/privacy/`"),
        );
        None
    }

    /// Marks keys as known without reading them (Hugo fields the site does not use).
    pub fn ignore(&self, keys: &[&str]) {
        self.used.borrow_mut().extend(keys.iter().map(|k| (*k).to_owned()));
    }

    /// Ends reading: every key that was not read is reported as unknown (a warning, with the
    /// closest known key as a suggestion), and all problems are returned.
    pub fn finish(self) -> Vec<Diagnostic> {
        let used = self.used.into_inner();
        let mut problems = self.problems.into_inner();
        for entry in self.entries {
            if used.contains(&entry.key) {
                continue;
            }
            let closest = used
                .iter()
                .map(|k| (strsim::levenshtein(k, &entry.key), k))
                .filter(|(d, _)| *d <= 2)
                .min();
            let help = match closest {
                Some((_, k)) => format!("did you mean `{k}`? Otherwise remove the line; it is not used"),
                None => "remove the line, or check its spelling in CONTENT.md; it is not used".to_owned(),
            };
            problems.push(
                Diagnostic::warning(self.file, entry.line, Some(&format!("{}{}", self.prefix, entry.key)), "unknown field")
                    .help(help),
            );
        }
        problems
    }
}

/// Whether `value` is a full web address; if not, what it is instead (for messages).
pub fn web_address(value: &str) -> Result<(), String> {
    if value.contains(char::is_whitespace) {
        return Err("is not a web address: it contains a space".to_owned());
    }
    match url::Url::parse(value) {
        Ok(url) if !matches!(url.scheme(), "https" | "http") => Err(format!("is a `{}:` address, not a web address (https:// or http://)", url.scheme())),
        Ok(url) if url.host_str().is_none_or(str::is_empty) => Err("is not a web address: it names no site".to_owned()),
        // `https:example.com` parses, but a browser reads it as a path of the current page.
        Ok(_) if !(value.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("https://")) || value.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("http://"))) => {
            Err("is not a web address: write `//` after the scheme".to_owned())
        }
        Ok(_) => Ok(()),
        Err(url::ParseError::RelativeUrlWithoutBase) => Err("is not a web address".to_owned()),
        Err(e) => Err(format!("is not a web address ({e})")),
    }
}

/// A value as it would be written, for messages.
pub fn shown(value: &Value) -> String {
    match &value.kind {
        ValueKind::Str(s) => format!("`{s}`"),
        ValueKind::Int(i) => format!("`{i}`"),
        ValueKind::Float(f) => format!("`{f}`"),
        ValueKind::Bool(b) => format!("`{b}`"),
        other => other.describe().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Result<Document, Diagnostic> {
        parse_document(Path::new("x.md"), text)
    }

    #[test]
    fn reads_fields_with_lines_and_body() {
        let d = doc("---\nid: a3\ntitle: \"External CA\"\nslot: 3\n---\nThe *abstract*.\n").unwrap();
        assert_eq!(d.fields.len(), 3);
        assert_eq!((d.fields[1].key.as_str(), d.fields[1].line), ("title", 3));
        assert_eq!(d.fields[2].value.kind, ValueKind::Int(3));
        assert_eq!(d.body, "The *abstract*.\n");
    }

    #[test]
    fn accepts_hugo_quirks() {
        let text = "---\r\nid: a1\r\nimage : /images/x.jpg\r\ntitle: Plain title\t\r\ntwitter:\r\ntags:\r\nlanguage: English\t\t\n---\n";
        let d = doc(text).unwrap();
        let f = Fields::new(Path::new("x.md"), &d.fields);
        assert_eq!(f.text("image").as_deref(), Some("/images/x.jpg"));
        assert_eq!(f.text("title").as_deref(), Some("Plain title"));
        assert_eq!(f.text("twitter"), None);
        assert_eq!(f.text_list("tags"), Vec::<String>::new());
        assert_eq!(f.text("language").as_deref(), Some("English"));
        assert_eq!(f.line_of("title"), 4);
    }

    #[test]
    fn missing_front_matter_is_an_error_on_line_one() {
        let e = doc("# Just markdown\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.help.unwrap().contains("---"));
        let e = doc("---\ntitle: x\n").unwrap_err();
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn invalid_yaml_names_its_line() {
        let e = doc("---\nid: a1\ntitle: \"unclosed\nslot: 3\n---\n").unwrap_err();
        assert!(e.message.starts_with("invalid YAML"), "{e}");
        assert!(e.line >= 3, "{e}");
    }

    #[test]
    fn unknown_keys_are_warnings_with_suggestions() {
        let d = doc("---\ntitel: x\nfoo: 1\n---\n").unwrap();
        let f = Fields::new(Path::new("x.md"), &d.fields);
        let _ = f.text("title");
        let problems = f.finish();
        assert_eq!(problems.len(), 2);
        assert!(problems.iter().all(|p| !p.is_error()));
        assert!(problems[0].help.as_deref().unwrap().contains("did you mean `title`"));
        assert_eq!(problems[1].line, 3);
    }

    #[test]
    fn a_key_given_twice_takes_the_last_value_with_a_warning_naming_both_lines() {
        let d = doc("---\ntitle: First\nvideo: https://youtu.be/old\nspeakers:\n- A\n- B\nvideo: https://youtu.be/new\nspeakers: [C]\nlinks:\n  cfp: x\n  cfp: y\n---\nBody\n").unwrap();
        let f = Fields::new(Path::new("x.md"), &d.fields);
        assert_eq!(f.text("video").as_deref(), Some("https://youtu.be/new"));
        assert_eq!(f.text_list("speakers"), ["C"]);
        assert_eq!(f.line_of("video"), 7);
        let (line, entries) = f.group("links").unwrap();
        assert_eq!(Fields::nested(Path::new("x.md"), entries, line, "links".into()).text("cfp").as_deref(), Some("y"));
        let warned: Vec<(usize, Option<&str>, bool)> = d.warnings.iter().map(|w| (w.line, w.field.as_deref(), w.is_error())).collect();
        assert_eq!(warned, [(3, Some("video"), false), (4, Some("speakers"), false), (10, Some("cfp"), false)]);
        assert_eq!(d.warnings[0].message, "`video` is given twice, on lines 3 and 7; the last one (line 7) is used");
        assert_eq!(d.body, "Body\n");
    }

    #[test]
    fn links_are_full_web_addresses() {
        for ok in ["https://youtu.be/k-3bKbVqvhg", "http://example.com", "HTTPS://Example.com/a?b=c#d", "https://www.linkedin.com/in/zoë/", "https://[::1]:8080/"] {
            assert_eq!(web_address(ok), Ok(()), "{ok}");
        }
        for (bad, says) in [
            ("javascript:alert(1)", "is a `javascript:` address"),
            ("JavaScript:alert(1)", "is a `javascript:` address"),
            ("data:text/html,<script>alert(1)</script>", "is a `data:` address"),
            ("vbscript:x", "is a `vbscript:` address"),
            ("mailto:a@example.com", "is a `mailto:` address"),
            ("youtu.be/k-3bKbVqvhg", "is not a web address"),
            ("/sessions/a3", "is not a web address"),
            ("https://exa mple.com/", "contains a space"),
            ("https:example.com", "write `//` after the scheme"),
            ("https://", "is not a web address (empty host)"),
            ("http://[oops/", "is not a web address (invalid IPv6 address)"),
        ] {
            let problem = web_address(bad).unwrap_err();
            assert!(problem.contains(says), "{bad}: {problem}");
        }
        let d = doc("---\nvideo: \"javascript:alert(1)\"\nlink: //evil.example/x\nok: /privacy/\n---\n").unwrap();
        let f = Fields::new(Path::new("x.md"), &d.fields);
        assert_eq!(f.url("video"), None);
        assert_eq!(f.url_or_path("link"), None);
        assert_eq!(f.url_or_path("ok").as_deref(), Some("/privacy/"));
        let problems = f.finish();
        assert_eq!(problems.iter().map(|p| (p.line, p.field.as_deref())).collect::<Vec<_>>(), [(2, Some("video")), (3, Some("link"))]);
        assert!(problems.iter().all(|p| p.is_error() && p.help.as_deref().is_some_and(|h| h.contains("https://"))));
    }

    #[test]
    fn wrong_types_are_errors() {
        let d = doc("---\ntitle: [a, b]\nminutes: lots\nspeakers: {a: b}\n---\n").unwrap();
        let f = Fields::new(Path::new("x.md"), &d.fields);
        assert_eq!(f.text("title"), None);
        assert_eq!(f.number("minutes", 1, 40), None);
        assert!(f.text_list("speakers").is_empty());
        let problems = f.finish();
        assert_eq!(problems.iter().filter(|p| p.is_error()).count(), 3);
        assert_eq!(problems[1].field.as_deref(), Some("minutes"));
        assert_eq!(problems[1].line, 3);
    }
}
