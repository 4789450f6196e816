//! The `registration` block of an event file: dates, where the form sends registrations, and
//! the form's questions and consents. Every problem names its field (`registration.opens`,
//! `registration.questions.extra[2].type`) and says what to write instead.

use events_model::registration::{Consent, Question, QuestionKind, Registration, StandardField, TextRules};
use events_model::{registration::is_loopback_url, Timestamp};
use jiff::tz::TimeZone;

use crate::files::is_slug;
use crate::frontmatter::Fields;

/// The question types an organizer can write, with the names accepted for each.
const TYPES: &[(&str, &[&str])] = &[
    ("text", &["text"]),
    ("long-text", &["long-text", "long text", "long_text", "longtext", "textarea"]),
    ("choice", &["choice", "single-choice", "single choice", "radio"]),
    ("multi-choice", &["multi-choice", "multi choice", "multi_choice", "multiple-choice", "multiple choice", "checkboxes"]),
    ("checkbox", &["checkbox"]),
    ("email", &["email", "e-mail"]),
    ("number", &["number"]),
];

/// Where the dates are, for the checks against the event's own dates.
#[derive(Clone, Copy, Debug)]
pub struct Lines {
    /// The line of `registration.opens`.
    pub opens: usize,
    /// The line of `registration.closes`.
    pub closes: usize,
}

/// Reads the `registration` group of an event file, if it has one. `tz` is the event's zone,
/// used to suggest a fix for a date-time written without one.
pub fn read(f: &Fields<'_>, tz: Option<&TimeZone>) -> Option<(Registration, Lines)> {
    let (line, entries) = f.group("registration")?;
    let g = Fields::nested(f.file(), entries, line, "registration".into());
    let opens = moment(&g, "opens", tz);
    let closes = moment(&g, "closes", tz);
    let lines = Lines { opens: g.line_of("opens"), closes: g.line_of("closes") };
    if let (Some(o), Some(c)) = (opens, closes) {
        if c <= o {
            g.error("closes", lines.closes, "registration closes before it opens (or when it opens)", "make `closes` later than `opens`");
        }
    }
    let endpoint = endpoint(&g);
    let url = g.url("url");
    if endpoint.is_none() && url.is_none() && !g.has("endpoint") && !g.has("url") {
        g.error(
            "endpoint",
            line,
            "registration needs an `endpoint` (the form on this site sends registrations there) or a `url` (a registration page elsewhere)",
            "add `endpoint: \"https://...\"` (see README.md, \"Registration endpoint\"), or `url: \"https://...\"`",
        );
    }
    let capacity_note = g.text("capacity_note");
    let capacity = g.number("capacity", 1, 500).and_then(|n| u32::try_from(n).ok());
    let questions = questions(&g);
    let consents = consents(&g);
    if endpoint.is_none() && url.is_some() {
        for key in ["questions", "consents"] {
            if g.has(key) {
                g.warn(key, g.line_of(key), "the form's questions are used only with an `endpoint`; with `url` alone the link is shown instead", "add `endpoint`, or remove this block");
            }
        }
    }
    let problems = g.finish();
    let broken = problems.iter().any(|d| d.is_error());
    for d in problems {
        f.push(d);
    }
    match (opens, closes) {
        (Some(opens), Some(closes)) if !broken => {
            let registration = Registration { opens, closes, endpoint, url, capacity_note, capacity, questions, consents };
            Some((registration, lines))
        }
        _ => None,
    }
}

/// Checks the registration's dates against the event's: it must close by the event's end.
pub fn check_dates(f: &Fields<'_>, reg: &Registration, lines: Lines, event_end: Timestamp, event: &str) {
    if reg.closes > event_end {
        f.error(
            "registration.closes",
            lines.closes,
            format!("registration closes after the event is over ({event})"),
            "make `closes` no later than the end of the event's last day (in its time zone)",
        );
    }
}

/// A required date-time with a zone; a time written without one gets the fix in the event's zone.
fn moment(g: &Fields<'_>, key: &str, tz: Option<&TimeZone>) -> Option<Timestamp> {
    let text = g.required_text(key, "2026-03-01T09:00:00Z (a date-time with its zone, `Z` for UTC)")?;
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Some(Timestamp(ts.as_second()));
    }
    let help = match (text.parse::<jiff::civil::DateTime>(), tz) {
        (Ok(civil), Some(tz)) => match civil.to_zoned(tz.clone()) {
            Ok(z) => format!(
                "add the zone: `{key}: {}` is that time in the event's zone ({}), `{key}: {}` the same moment in UTC",
                z.strftime("%Y-%m-%dT%H:%M:%S%:z"),
                tz.iana_name().unwrap_or("its zone"),
                z.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ"),
            ),
            Err(_) => format!("write it with its zone, e.g. `{key}: 2026-03-01T09:00:00Z`"),
        },
        _ => format!("write it with its zone, e.g. `{key}: 2026-03-01T09:00:00Z` (UTC) or `2026-03-01T09:00:00+01:00`"),
    };
    g.error(key, g.line_of(key), format!("`{text}` is not a date-time with a zone"), help);
    None
}

/// The endpoint: `https://`, `http://` on this computer only (for testing a receiver), or a path
/// on the site's own origin (`/api/events/<event>/registrations`, the registration service behind
/// the same host).
fn endpoint(g: &Fields<'_>) -> Option<String> {
    if let Some(path) = g.text("endpoint").filter(|t| t.starts_with('/')) {
        if path.starts_with("//") || path.chars().any(|c| c.is_whitespace() || c.is_control()) {
            g.error(
                "endpoint",
                g.line_of("endpoint"),
                format!("`{path}` is not a path on this site"),
                "write a path that starts with one `/`, e.g. `endpoint: /api/events/<event>/registrations`, or a full https:// address",
            );
            return None;
        }
        return Some(path);
    }
    let url = g.url("endpoint")?;
    let line = g.line_of("endpoint");
    if url.starts_with("http://") && !is_loopback_url(&url) {
        g.error(
            "endpoint",
            line,
            format!("`{url}` is not encrypted (http), and registrations carry personal data"),
            "use the endpoint's https:// address",
        );
        return None;
    }
    let host = url.split("://").nth(1).and_then(|r| r.split(['/', ':', '?', '#']).next()).unwrap_or("").to_ascii_lowercase();
    let placeholder = host.ends_with(".invalid")
        || host.ends_with(".example")
        || ["example.com", "example.org", "example.net"].iter().any(|d| host == *d || host.ends_with(&format!(".{d}")));
    if placeholder {
        g.warn(
            "endpoint",
            line,
            format!("`{url}` is a placeholder: registrations sent to it never arrive (they wait on the visitor's device)"),
            "before registration opens, replace it with your registration service's address (README.md, \"Registration endpoint\")",
        );
    }
    Some(url)
}

/// `required`, `optional` or `off` for a standard field (`true` and `false` mean required and off).
fn requirement(g: &Fields<'_>, field: StandardField) -> Option<bool> {
    let key = field.key();
    let Some(text) = g.text(key) else { return field.default_required() };
    match text.to_ascii_lowercase().as_str() {
        "required" | "true" => Some(true),
        "optional" => Some(false),
        "off" | "false" | "no" => None,
        _ => {
            g.error(key, g.line_of(key), format!("`{text}` is not `required`, `optional` or `off`"), format!("write `{key}: required`, `{key}: optional` or `{key}: off`"));
            field.default_required()
        }
    }
}

/// The questions: the standard fields switched on, then the extra ones.
fn questions(g: &Fields<'_>) -> Vec<Question> {
    let Some((line, entries)) = g.group("questions") else {
        return StandardField::ALL.iter().filter_map(|f| f.default_required().map(|r| f.question(r))).collect();
    };
    let q = Fields::nested(g.file(), entries, line, g.name("questions"));
    let mut questions: Vec<Question> =
        StandardField::ALL.iter().filter_map(|f| requirement(&q, *f).map(|required| f.question(required))).collect();
    for (i, (item_line, item)) in q.groups("extra").into_iter().enumerate() {
        let x = Fields::nested(g.file(), item, item_line, format!("{}[{}]", q.name("extra"), i + 1));
        if let Some(question) = extra(&x, &questions) {
            questions.push(question);
        }
        for d in x.finish() {
            q.push(d);
        }
    }
    if questions.is_empty() {
        q.error("name", line, "the form asks nothing", "switch on at least one question, e.g. `name: required`");
    }
    for d in q.finish() {
        g.push(d);
    }
    questions
}

/// One extra question; `earlier` are the questions before it (for duplicate ids).
fn extra(x: &Fields<'_>, earlier: &[Question]) -> Option<Question> {
    let id = x.required_text("id", "\"experience\" (lower case letters, digits and dashes; the answer's key in the data sent)");
    if let Some(id) = &id {
        if !is_slug(id) {
            x.error("id", x.line_of("id"), format!("`{id}` is not a lower-case id"), "use lower case letters, digits and dashes, e.g. `years-with-istio`");
        } else if StandardField::ALL.iter().any(|f| f.key() == id) {
            x.error("id", x.line_of("id"), format!("`{id}` is a standard question"), format!("switch it on above (`{id}: required`), or give this question another id"));
        } else if earlier.iter().any(|q| &q.id == id) {
            x.error("id", x.line_of("id"), format!("another question already has the id `{id}`"), "give every question its own id");
        }
    }
    let label = x.required_text("label", "\"How long have you used Istio?\"");
    let help = x.text("help");
    let required = x.flag("required").unwrap_or(false);
    let written_type = x.required_text("type", "text (or long-text, choice, multi-choice, checkbox, email, number)");
    let kind_name = written_type.as_deref().and_then(|t| {
        let t = t.trim().to_ascii_lowercase();
        let found = TYPES.iter().find(|(_, names)| names.contains(&t.as_str())).map(|(name, _)| *name);
        if found.is_none() {
            let names: Vec<&str> = TYPES.iter().map(|(n, _)| *n).collect();
            x.error("type", x.line_of("type"), format!("`{t}` is not a question type"), format!("write one of: {}", names.join(", ")));
        }
        found
    });
    // Every rule is read (so none is reported as unknown), then refused where it does not apply.
    let options = x.text_list("options");
    let pattern = x.text("pattern");
    let pattern_message = x.text("pattern_message");
    let min_length = x.number("min_length", 0, 1);
    let max_length = x.number("max_length", 1, 100);
    let min = x.number("min", i64::MIN, 1);
    let max = x.number("max", i64::MIN, 10);
    let applies: &[&str] = match kind_name {
        Some("text" | "long-text") => &["pattern", "pattern_message", "min_length", "max_length"],
        Some("choice" | "multi-choice") => &["options"],
        Some("number") => &["min", "max"],
        _ => &[],
    };
    if let Some(kind) = kind_name {
        for key in ["options", "pattern", "pattern_message", "min_length", "max_length", "min", "max"] {
            if x.has(key) && !applies.contains(&key) {
                let users = match key {
                    "options" => "choice and multi-choice questions",
                    "min" | "max" => "number questions",
                    _ => "text and long-text questions",
                };
                x.error(key, x.line_of(key), format!("`{key}` is not used by a {kind} question"), format!("`{key}` is for {users}: remove it, or change `type`"));
            }
        }
    }
    let kind = match kind_name? {
        name @ ("text" | "long-text") => {
            if let Some(p) = &pattern {
                check_pattern(x, p);
                if pattern_message.is_none() {
                    x.error("pattern", x.line_of("pattern"), "a `pattern` needs a `pattern_message`", "add `pattern_message: \"...\"` saying what to write, e.g. \"Letters, digits and dashes only.\"");
                }
            } else if pattern_message.is_some() {
                x.error("pattern_message", x.line_of("pattern_message"), "`pattern_message` without a `pattern`", "add the `pattern`, or remove the message");
            }
            if let (Some(a), Some(b)) = (min_length, max_length) {
                if a > b {
                    x.error("min_length", x.line_of("min_length"), format!("at least {a} but at most {b} characters"), "make `min_length` no larger than `max_length`");
                }
            }
            let rules = TextRules {
                pattern,
                pattern_message,
                min_length: min_length.map(|n| n as u32),
                max_length: max_length.map(|n| n as u32),
            };
            if name == "text" { QuestionKind::Text(rules) } else { QuestionKind::LongText(rules) }
        }
        name @ ("choice" | "multi-choice") => {
            if options.len() < 2 {
                x.error("options", x.line_of("options"), format!("a {name} question needs at least two options"), "add `options: [\"First\", \"Second\"]`");
            }
            for (i, o) in options.iter().enumerate() {
                if options[..i].contains(o) {
                    x.error("options", x.line_of("options"), format!("the option `{o}` is listed twice"), "list every option once");
                }
            }
            if name == "choice" { QuestionKind::Choice { options } } else { QuestionKind::MultiChoice { options } }
        }
        "number" => {
            if let (Some(a), Some(b)) = (min, max) {
                if a > b {
                    x.error("min", x.line_of("min"), format!("at least {a} but at most {b}"), "make `min` no larger than `max`");
                }
            }
            QuestionKind::Number { min, max }
        }
        "checkbox" => QuestionKind::Checkbox,
        _ => QuestionKind::Email,
    };
    Some(Question { id: id?, label: label?, help, required, kind, autocomplete: None })
}

/// A pattern must be a regular expression the browser accepts: it is checked with JavaScript's
/// own rules (the `regress` crate, Unicode mode, as the form's `RegExp` runs it; see
/// [`events_model::registration::validate::js_pattern`]), so what passes here runs there.
fn check_pattern(x: &Fields<'_>, pattern: &str) {
    if let Err(e) = events_model::registration::validate::js_pattern(pattern) {
        x.error(
            "pattern",
            x.line_of("pattern"),
            format!("`{pattern}` is not a regular expression browsers accept ({e})"),
            "check the brackets and backslashes: a backslash goes before a sign (`\\.`, `\\(`, and `\\-` only inside `[ ]`) or a class letter (`\\d`, `\\w`, `\\s`, `\\p{L}`); e.g. `[A-Za-z0-9-]+` for letters, digits and dashes",
        );
    }
}

/// The consents, each with an id, a label, and `required` said out loud.
fn consents(g: &Fields<'_>) -> Vec<Consent> {
    let mut consents: Vec<Consent> = Vec::new();
    for (i, (line, entries)) in g.groups("consents").into_iter().enumerate() {
        let c = Fields::nested(g.file(), entries, line, format!("{}[{}]", g.name("consents"), i + 1));
        let id = c.required_text("id", "\"code-of-conduct\" (lower case letters, digits and dashes)");
        if let Some(id) = &id {
            if !is_slug(id) {
                c.error("id", c.line_of("id"), format!("`{id}` is not a lower-case id"), "use lower case letters, digits and dashes, e.g. `code-of-conduct`");
            } else if consents.iter().any(|x| &x.id == id) {
                c.error("id", c.line_of("id"), format!("another consent already has the id `{id}`"), "give every consent its own id");
            }
        }
        let label = c.required_text("label", "\"I accept the code of conduct\"");
        let required = c.flag("required");
        if required.is_none() && !c.has("required") {
            c.error("required", line, "required field is missing", "add `required: true` (must be ticked to register, e.g. the privacy notice) or `required: false` (e.g. updates by email)");
        }
        let link = c.url_or_path("link");
        let link_text = c.text("link_text");
        if let (Some(id), Some(label), Some(required)) = (id, label, required) {
            consents.push(Consent { id, label, link, link_text, required });
        }
        for d in c.finish() {
            g.push(d);
        }
    }
    consents
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use events_model::registration::{QuestionKind, StandardField};

    use crate::files::EventFile;

    fn event(registration: &str) -> (Option<EventFile>, Vec<(String, usize, bool)>) {
        let text = format!(
            "---\nname: Test Con\nkind: k\nstart_date: 2026-04-20\nend_date: 2026-04-21\ntimezone: Europe/Amsterdam\nplace: virtual\nsummary: s\nregistration:\n{registration}---\n"
        );
        let (e, problems) = EventFile::parse(Path::new("event.md"), &text);
        let found = problems.iter().map(|p| (p.field.clone().unwrap_or_default(), p.line, p.is_error())).collect();
        (e, found)
    }

    #[test]
    fn a_full_block_is_read_in_form_order() {
        let (e, problems) = event(
            "  opens: 2026-03-01T09:00:00+01:00\n  closes: 2026-04-20T12:00:00Z\n  endpoint: \"https://register.istio.io/testcon\"\n  capacity_note: \"Free; 300 places\"\n  questions:\n    organization: optional\n    country: required\n    extra:\n      - id: experience\n        type: choice\n        label: \"How long have you used Istio?\"\n        options: [\"Not yet\", \"Less than a year\", \"Longer\"]\n        required: true\n      - id: github\n        type: text\n        label: GitHub user name\n        pattern: \"[A-Za-z0-9-]+\"\n        pattern_message: \"Letters, digits and dashes only.\"\n        max_length: 39\n  consents:\n    - id: code-of-conduct\n      label: I accept the code of conduct\n      link: https://events.linuxfoundation.org/about/code-of-conduct/\n      required: true\n    - id: updates\n      label: Send me news about Istio events\n      required: false\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let r = e.unwrap().registration.unwrap();
        assert_eq!(r.opens.0, 1_772_352_000);
        let ids: Vec<&str> = r.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["name", "email", "organization", "country", "experience", "github"]);
        assert!(r.question("name").unwrap().required);
        assert!(!r.question("organization").unwrap().required);
        assert!(matches!(&r.question("experience").unwrap().kind, QuestionKind::Choice { options } if options.len() == 3));
        assert_eq!(r.consents.len(), 2);
        assert!(r.consents[0].required && !r.consents[1].required);
        assert_eq!(r.capacity_note.as_deref(), Some("Free; 300 places"));
    }

    #[test]
    fn capacity_and_a_same_origin_endpoint_are_read() {
        let (e, problems) = event("  opens: 2026-03-01T09:00:00Z\n  closes: 2026-04-01T09:00:00Z\n  endpoint: /api/events/testcon/registrations\n  capacity: 300\n");
        assert!(problems.is_empty(), "{problems:?}");
        let r = e.unwrap().registration.unwrap();
        assert_eq!((r.endpoint.as_deref(), r.capacity), (Some("/api/events/testcon/registrations"), Some(300)));
        for (bad, field) in [("  endpoint: //evil.example/x\n", "registration.endpoint"), ("  endpoint: https://register.istio.io/x\n  capacity: 0\n", "registration.capacity")] {
            let (_, problems) = event(&format!("  opens: 2026-03-01T09:00:00Z\n  closes: 2026-04-01T09:00:00Z\n{bad}"));
            assert!(problems.iter().any(|(f, _, error)| f == field && *error), "{bad}: {problems:?}");
        }
    }

    #[test]
    fn without_questions_the_form_asks_name_and_email() {
        let (e, problems) = event("  opens: 2026-03-01T09:00:00Z\n  closes: 2026-04-01T09:00:00Z\n  endpoint: https://register.istio.io/x\n");
        assert!(problems.is_empty(), "{problems:?}");
        let r = e.unwrap().registration.unwrap();
        assert_eq!(r.questions, vec![StandardField::Name.question(true), StandardField::Email.question(true)]);
    }

    #[test]
    fn a_time_without_zone_gets_the_fix_in_the_event_zone() {
        let text = "---\nname: Test Con\nkind: k\nstart_date: 2026-04-20\nend_date: 2026-04-21\ntimezone: Europe/Amsterdam\nplace: virtual\nsummary: s\nregistration:\n  opens: 2026-03-01T09:00:00\n  closes: 2026-04-01T09:00:00Z\n  endpoint: https://register.istio.io/x\n---\n";
        let (e, problems) = EventFile::parse(Path::new("event.md"), text);
        assert!(e.unwrap().registration.is_none());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].field.as_deref(), problems[0].line), (Some("registration.opens"), 10));
        let help = problems[0].help.as_deref().unwrap();
        assert!(help.contains("2026-03-01T09:00:00+01:00") && help.contains("2026-03-01T08:00:00Z") && help.contains("Europe/Amsterdam"), "{help}");
    }

    #[test]
    fn every_problem_names_its_field_and_line() {
        let (_, problems) = event(
            "  opens: 2026-03-01T09:00:00Z\n  closes: 2026-02-01T09:00:00Z\n  endpoint: http://register.istio.io/x\n  questions:\n    role: sometimes\n    extra:\n      - id: Name\n        type: dropdown\n        label: x\n      - id: email\n        type: text\n        label: x\n        options: [a, b]\n      - id: years\n        type: choice\n        label: x\n        options: [a]\n      - id: gh\n        type: text\n        label: x\n        pattern: \"(?i)[a-z]+\"\n      - id: gh2\n        type: text\n        label: x\n        pattern: \"[a-z\"\n        pattern_message: m\n        min_length: 5\n        max_length: 2\n  consents:\n    - id: privacy\n      label: x\n      link: privacy.html\n",
        );
        let errors: Vec<(&str, usize)> = problems.iter().filter(|p| p.2).map(|p| (p.0.as_str(), p.1)).collect();
        let expected = [
            ("registration.closes", 11),
            ("registration.endpoint", 12),
            ("registration.questions.role", 14),
            ("registration.questions.extra[1].id", 16),
            ("registration.questions.extra[1].type", 17),
            ("registration.questions.extra[2].id", 19),
            ("registration.questions.extra[2].options", 22),
            ("registration.questions.extra[3].options", 26),
            ("registration.questions.extra[4].pattern", 30),
            ("registration.questions.extra[4].pattern", 30),
            ("registration.questions.extra[5].pattern", 34),
            ("registration.questions.extra[5].min_length", 36),
            ("registration.consents[1].required", 39),
            ("registration.consents[1].link", 41),
        ];
        let mut sorted = errors.clone();
        sorted.sort();
        let mut want = expected.to_vec();
        want.sort();
        assert_eq!(sorted, want, "{problems:?}");
    }

    #[test]
    fn registration_must_close_by_the_end_of_the_event() {
        // Amsterdam, 21 April ends at 22:00 UTC.
        let (e, problems) = event("  opens: 2026-03-01T09:00:00Z\n  closes: 2026-04-21T22:00:01Z\n  endpoint: https://register.istio.io/x\n");
        assert_eq!(problems, vec![("registration.closes".to_owned(), 11, true)]);
        assert!(e.is_some());
        let (_, problems) = event("  opens: 2026-03-01T09:00:00Z\n  closes: 2026-04-21T22:00:00Z\n  endpoint: https://register.istio.io/x\n");
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn endpoints_and_links() {
        let (_, problems) = event("  opens: 2026-03-01T09:00:00Z\n  closes: 2026-04-01T09:00:00Z\n");
        assert_eq!(problems, vec![("registration.endpoint".to_owned(), 9, true)]);
        let (e, problems) = event("  opens: 2026-03-01T09:00:00Z\n  closes: 2026-04-01T09:00:00Z\n  url: https://www.crowdcast.io/e/testcon\n  questions:\n    country: optional\n");
        assert_eq!(problems, vec![("registration.questions".to_owned(), 13, false)]);
        let r = e.unwrap().registration.unwrap();
        assert_eq!((r.endpoint, r.url.as_deref()), (None, Some("https://www.crowdcast.io/e/testcon")));
        let (e, problems) = event("  opens: 2026-03-01T09:00:00Z\n  closes: 2026-04-01T09:00:00Z\n  endpoint: http://127.0.0.1:8123/register\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert!(e.unwrap().registration.is_some());
        let (e, problems) = event("  opens: 2026-03-01T09:00:00Z\n  closes: 2026-04-01T09:00:00Z\n  endpoint: https://registration.invalid/testcon\n");
        assert_eq!(problems, vec![("registration.endpoint".to_owned(), 12, false)]);
        assert!(e.unwrap().registration.is_some());
    }

    #[test]
    fn patterns_browsers_read_differently_are_refused() {
        for (pattern, ok) in [
            ("[A-Za-z0-9-]+", true),
            ("\\(?\\d{3}\\)? ?\\d{4}", true),
            ("[\\p{L} .-]+", true),
            ("(?:ab)+", true),
            ("\\-?\\d+", false),
            ("(?i)abc", false),
            ("(?P<x>a)", false),
            // What JavaScript has and Rust's regex has not: look-around, named groups and
            // back references.
            ("a(?=b)b", true),
            ("(?<!-)[a-z]+", true),
            ("(?<word>[a-z]+)-\\k<word>", true),
            ("[", false),
            ("a{2,1}", false),
            ("\\k<nope>", false),
            ("[z-a]", false),
            ("\\p{NotAProperty}", false),
            ("\\u{1F600}", true),
        ] {
            let block = format!(
                "  opens: 2026-03-01T09:00:00Z\n  closes: 2026-04-01T09:00:00Z\n  endpoint: https://register.istio.io/x\n  questions:\n    extra:\n      - id: x\n        type: text\n        label: x\n        pattern: '{pattern}'\n        pattern_message: m\n"
            );
            let (_, problems) = event(&block);
            assert_eq!(problems.is_empty(), ok, "{pattern}: {problems:?}");
        }
    }
}
