//! The rules a visitor's answers must follow, with the message shown for each broken rule.
//!
//! The form checks a field as the visitor leaves it and every field on submit, with the same
//! functions. Patterns are regular expressions, matched by the caller's [`Patterns`] (the
//! browser's `RegExp` in the app; natively [`JsPatterns`], the `regress` crate, which reads
//! them with the same JavaScript rules), so no regex engine ships in the Wasm.

use serde::{Deserialize, Serialize};

use super::{Consent, Pairs, Question, QuestionKind, Registration, TextRules};

/// What the visitor entered in one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// A checkbox.
    Checked(bool),
    /// Text, email, number (as typed) and the chosen option of a choice.
    Text(String),
    /// The options ticked in a multi-choice.
    Choices(Vec<String>),
}

impl Answer {
    /// The text, if it is a text answer (an empty string otherwise).
    pub fn text(&self) -> &str {
        match self {
            Answer::Text(t) => t,
            _ => "",
        }
    }
}

/// Everything the visitor entered, as typed: kept across errors, refusals and reloads.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormValues {
    /// Answers by question id.
    pub answers: Pairs<Answer>,
    /// Consents by id: ticked or not.
    pub consents: Pairs<bool>,
}

impl FormValues {
    /// The answer to question `id`, if any.
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.answers.get(id)
    }

    /// Whether consent `id` is ticked.
    pub fn consented(&self, id: &str) -> bool {
        self.consents.get(id).copied().unwrap_or(false)
    }
}

/// Matches regular expressions: the browser's `RegExp` in the app.
pub trait Patterns {
    /// Whether `pattern` matches the whole of `text`; `None` when this engine cannot use the
    /// pattern (then it is not checked here, and the endpoint has the last word).
    fn full_match(&self, pattern: &str, text: &str) -> Option<bool>;
}

/// The regular expression the browser runs for an organizer's `pattern`: the whole answer
/// (`^(?:pattern)$`) with the `u` flag (Unicode mode, whose stricter syntax refuses what
/// browsers refuse), read with JavaScript's rules by the `regress` crate. An error is what
/// the browser would throw as a `SyntaxError`. Native only: the Wasm uses the browser's own.
#[cfg(not(target_arch = "wasm32"))]
pub fn js_pattern(pattern: &str) -> Result<regress::Regex, String> {
    regress::Regex::with_flags(&format!("^(?:{pattern})$"), "u").map_err(|e| e.to_string())
}

/// Patterns matched natively the way the browser matches them (see [`js_pattern`]), for
/// tests and for programs that check registrations outside the browser.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, Default)]
pub struct JsPatterns;

#[cfg(not(target_arch = "wasm32"))]
impl Patterns for JsPatterns {
    fn full_match(&self, pattern: &str, text: &str) -> Option<bool> {
        js_pattern(pattern).ok().map(|r| r.find(text).is_some())
    }
}

/// A broken rule.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A required answer is empty.
    Missing,
    /// Fewer characters than `min` (the visitor wrote `actual`).
    TooShort {
        /// The fewest accepted.
        min: u32,
        /// How many were written.
        actual: usize,
    },
    /// More characters than `max`.
    TooLong {
        /// The most accepted.
        max: u32,
        /// How many were written.
        actual: usize,
    },
    /// The answer does not match the organizers' pattern; their message says what to write.
    Pattern(String),
    /// Invisible control characters (pasted from somewhere).
    ControlCharacters,
    /// Not an email address.
    NotAnEmail,
    /// Not a number.
    NotANumber,
    /// Smaller than the minimum.
    BelowMinimum(i64),
    /// Larger than the maximum.
    AboveMaximum(i64),
    /// A value that is not one of the options.
    NotAnOption,
    /// A required box is not ticked.
    NotTicked,
}

impl Problem {
    /// What to tell the visitor, about question `q`.
    pub fn message(&self, q: &Question) -> String {
        match self {
            Problem::Missing => match (&q.kind, q.id.as_str()) {
                (QuestionKind::Choice { .. }, _) => "Choose one of the options.".to_owned(),
                (QuestionKind::MultiChoice { .. }, _) => "Choose at least one option.".to_owned(),
                (_, "name") => "Enter your name.".to_owned(),
                (_, "email") => "Enter your email address.".to_owned(),
                (_, "organization") => "Enter your organization.".to_owned(),
                (_, "role") => "Enter your role.".to_owned(),
                (_, "country") => "Enter your country or region.".to_owned(),
                _ => "This question needs an answer.".to_owned(),
            },
            Problem::TooShort { min, actual } => format!("Use at least {min} characters (now {actual})."),
            Problem::TooLong { max, actual } => format!("Use at most {max} characters (now {actual})."),
            Problem::Pattern(message) => message.clone(),
            Problem::ControlCharacters => "Remove the invisible control characters (they came with pasted text).".to_owned(),
            Problem::NotAnEmail => "Enter an email address such as name@example.com.".to_owned(),
            Problem::NotANumber => "Enter a whole number, such as 3.".to_owned(),
            Problem::BelowMinimum(min) => format!("Enter {min} or more."),
            Problem::AboveMaximum(max) => format!("Enter {max} or less."),
            Problem::NotAnOption => "Choose one of the options shown.".to_owned(),
            Problem::NotTicked => "Tick this box to continue.".to_owned(),
        }
    }

    /// What to tell the visitor about an unticked required consent.
    pub fn consent_message(consent: &Consent) -> String {
        format!("Tick this box to register: {}.", consent.label.trim_end_matches('.'))
    }
}

/// Checks one answer (`None`: nothing entered) against its question's rules.
pub fn check_answer(q: &Question, answer: Option<&Answer>, patterns: &dyn Patterns) -> Result<(), Problem> {
    match &q.kind {
        QuestionKind::Text(rules) => check_text(q.required, answer, rules, false, patterns),
        QuestionKind::LongText(rules) => check_text(q.required, answer, rules, true, patterns),
        QuestionKind::Email => {
            let Some(text) = present(q.required, answer)? else { return Ok(()) };
            if text.chars().any(char::is_control) {
                Err(Problem::ControlCharacters)
            } else if is_email(text) {
                Ok(())
            } else {
                Err(Problem::NotAnEmail)
            }
        }
        QuestionKind::Number { min, max } => {
            let Some(text) = present(q.required, answer)? else { return Ok(()) };
            let n = parse_number(text).ok_or(Problem::NotANumber)?;
            match (min, max) {
                (Some(min), _) if n < *min => Err(Problem::BelowMinimum(*min)),
                (_, Some(max)) if n > *max => Err(Problem::AboveMaximum(*max)),
                _ => Ok(()),
            }
        }
        QuestionKind::Choice { options } => {
            let Some(text) = present(q.required, answer)? else { return Ok(()) };
            if options.iter().any(|o| o == text) { Ok(()) } else { Err(Problem::NotAnOption) }
        }
        QuestionKind::MultiChoice { options } => {
            let chosen: &[String] = match answer {
                Some(Answer::Choices(c)) => c,
                _ => &[],
            };
            if chosen.is_empty() {
                return if q.required { Err(Problem::Missing) } else { Ok(()) };
            }
            if chosen.iter().all(|c| options.contains(c)) { Ok(()) } else { Err(Problem::NotAnOption) }
        }
        QuestionKind::Checkbox => {
            let ticked = matches!(answer, Some(Answer::Checked(true)));
            if q.required && !ticked { Err(Problem::NotTicked) } else { Ok(()) }
        }
    }
}

/// The trimmed text of an answer: `Err(Missing)` when a required one is empty, `Ok(None)`
/// (nothing more to check) when an optional one is.
fn present(required: bool, answer: Option<&Answer>) -> Result<Option<&str>, Problem> {
    let text = answer.map_or("", |a| a.text().trim());
    match (text.is_empty(), required) {
        (true, true) => Err(Problem::Missing),
        (true, false) => Ok(None),
        (false, _) => Ok(Some(text)),
    }
}

fn check_text(required: bool, answer: Option<&Answer>, rules: &TextRules, multiline: bool, patterns: &dyn Patterns) -> Result<(), Problem> {
    let Some(text) = present(required, answer)? else { return Ok(()) };
    let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if text.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(Problem::ControlCharacters);
    }
    let actual = text.chars().count();
    if let Some(min) = rules.min_length {
        if actual < min as usize {
            return Err(Problem::TooShort { min, actual });
        }
    }
    if let Some(max) = rules.max_length {
        if actual > max as usize {
            return Err(Problem::TooLong { max, actual });
        }
    }
    if let Some(pattern) = &rules.pattern {
        if patterns.full_match(pattern, text) == Some(false) {
            let message = rules.pattern_message.clone().unwrap_or_else(|| "Check the format of this answer.".to_owned());
            return Err(Problem::Pattern(message));
        }
    }
    Ok(())
}

/// Checks a consent box.
pub fn check_consent(consent: &Consent, ticked: bool) -> Result<(), Problem> {
    if consent.required && !ticked { Err(Problem::NotTicked) } else { Ok(()) }
}

/// Where a problem is: a question or a consent, by id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FieldRef {
    /// A question.
    Question(String),
    /// A consent.
    Consent(String),
}

impl FieldRef {
    /// The form control's HTML id: `q-<id>` or `c-<id>`.
    pub fn dom_id(&self) -> String {
        match self {
            FieldRef::Question(id) => format!("q-{id}"),
            FieldRef::Consent(id) => format!("c-{id}"),
        }
    }
}

/// Every problem in the form, in form order, with its message.
pub fn check_form(reg: &Registration, values: &FormValues, patterns: &dyn Patterns) -> Vec<(FieldRef, String)> {
    let mut problems = Vec::new();
    for q in &reg.questions {
        if let Err(p) = check_answer(q, values.answer(&q.id), patterns) {
            problems.push((FieldRef::Question(q.id.clone()), p.message(q)));
        }
    }
    for c in &reg.consents {
        if check_consent(c, values.consented(&c.id)).is_err() {
            problems.push((FieldRef::Consent(c.id.clone()), Problem::consent_message(c)));
        }
    }
    problems
}

/// Whether `s` looks like an email address: one `@` with a local part before it (no spaces, no
/// leading, trailing or double dots) and a domain of at least two dot-separated labels after
/// it. Letters in any script are accepted on both sides (internationalized addresses).
pub fn is_email(s: &str) -> bool {
    if s.chars().count() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else { return false };
    let local_ok = !local.is_empty()
        && local.chars().count() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.contains(['(', ')', '<', '>', '[', ']', '\\', ',', ';', ':', '"']);
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && !labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()));
    local_ok && domain_ok
}

/// A whole number as people type it: optional sign, then digits (`3`, `-2`, `+7`, `007`).
/// No fractions, exponents or thousands separators; no floating point either, so none of its
/// parsing code ships in the Wasm.
pub fn parse_number(s: &str) -> Option<i64> {
    let s = s.trim();
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = digits.bytes().fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
    Some(if negative { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::StandardField;
    use crate::Timestamp;


    fn text(s: &str) -> Option<Answer> {
        Some(Answer::Text(s.to_owned()))
    }

    fn check(q: &Question, a: Option<Answer>) -> Result<(), Problem> {
        check_answer(q, a.as_ref(), &JsPatterns)
    }

    fn extra(kind: QuestionKind, required: bool) -> Question {
        Question { id: "x".into(), label: "X".into(), help: None, required, kind, autocomplete: None }
    }

    #[test]
    fn required_answers_must_not_be_empty_or_blank() {
        let name = StandardField::Name.question(true);
        assert_eq!(check(&name, None), Err(Problem::Missing));
        assert_eq!(check(&name, text("   ")), Err(Problem::Missing));
        assert_eq!(Problem::Missing.message(&name), "Enter your name.");
        let optional = StandardField::Organization.question(false);
        assert_eq!(check(&optional, None), Ok(()));
        assert_eq!(check(&optional, text("  ")), Ok(()));
    }

    #[test]
    fn names_accept_any_script_and_refuse_control_characters() {
        let name = StandardField::Name.question(true);
        for ok in ["李", "Zoë Ådahl-Nguyễn", "محمد بن سلمان", "Ἀριστοτέλης", "X Æ A-12", "O'Brien", "👩‍💻 Ada"] {
            assert_eq!(check(&name, text(ok)), Ok(()), "{ok}");
        }
        assert_eq!(check(&name, text("Ada\u{0007}")), Err(Problem::ControlCharacters));
        assert_eq!(check(&name, text(&"é".repeat(201))), Err(Problem::TooLong { max: 200, actual: 201 }));
        // Characters, not bytes: 200 two-byte letters fit.
        assert_eq!(check(&name, text(&"é".repeat(200))), Ok(()));
    }

    #[test]
    fn text_lengths_count_characters_after_trimming() {
        let q = extra(QuestionKind::Text(TextRules { min_length: Some(3), max_length: Some(5), ..TextRules::default() }), false);
        assert_eq!(check(&q, text(" ab ")), Err(Problem::TooShort { min: 3, actual: 2 }));
        assert_eq!(check(&q, text("  abc  ")), Ok(()));
        assert_eq!(check(&q, text("ñññññ")), Ok(()));
        assert_eq!(check(&q, text("abcdef")), Err(Problem::TooLong { max: 5, actual: 6 }));
        assert_eq!(Problem::TooShort { min: 3, actual: 2 }.message(&q), "Use at least 3 characters (now 2).");
        // An optional question left empty is not too short.
        assert_eq!(check(&q, None), Ok(()));
    }

    #[test]
    fn patterns_match_the_whole_answer_with_the_organizers_message() {
        let rules = TextRules {
            pattern: Some("[A-Za-z0-9-]+".into()),
            pattern_message: Some("Letters, digits and dashes only.".into()),
            ..TextRules::default()
        };
        let q = extra(QuestionKind::Text(rules.clone()), true);
        assert_eq!(check(&q, text("ada-l")), Ok(()));
        assert_eq!(check(&q, text("ada l")), Err(Problem::Pattern("Letters, digits and dashes only.".into())));
        assert_eq!(check(&q, text("ada!")).unwrap_err().message(&q), "Letters, digits and dashes only.");
        // A pattern the engine cannot use is not held against the visitor.
        struct NoEngine;
        impl Patterns for NoEngine {
            fn full_match(&self, _: &str, _: &str) -> Option<bool> {
                None
            }
        }
        assert_eq!(check_answer(&q, text("ada l").as_ref(), &NoEngine), Ok(()));
    }

    #[test]
    fn long_text_keeps_line_breaks_but_not_other_controls() {
        let q = extra(QuestionKind::LongText(TextRules { max_length: Some(20), ..TextRules::default() }), false);
        assert_eq!(check(&q, text("line one\nline two")), Ok(()));
        assert_eq!(check(&q, text("bell\u{0007}")), Err(Problem::ControlCharacters));
        let short = extra(QuestionKind::Text(TextRules::default()), false);
        assert_eq!(check(&short, text("line one\nline two")), Err(Problem::ControlCharacters));
    }

    #[test]
    fn email_addresses() {
        let q = StandardField::Email.question(true);
        for ok in ["ada@example.com", "a.b+tag@sub.example.co.uk", "zoë@exämple.de", "用户@例子.广告", " ada@example.com "] {
            assert_eq!(check(&q, text(ok)), Ok(()), "{ok}");
        }
        for bad in ["ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "a da@example.com", "ada@example..com", ".ada@example.com", "ada.@example.com", "ada@-example.com", "ada@example.123", "a<b>@example.com"] {
            assert_eq!(check(&q, text(bad)), Err(Problem::NotAnEmail), "{bad}");
        }
        assert_eq!(check(&q, None), Err(Problem::Missing));
        assert_eq!(Problem::Missing.message(&q), "Enter your email address.");
        let long = format!("{}@example.com", "a".repeat(65));
        assert_eq!(check(&q, text(&long)), Err(Problem::NotAnEmail));
    }

    #[test]
    fn numbers_with_bounds() {
        let q = extra(QuestionKind::Number { min: Some(1), max: Some(10) }, true);
        assert_eq!(check(&q, text("3")), Ok(()));
        assert_eq!(check(&q, text(" 10 ")), Ok(()));
        assert_eq!(check(&q, text("0")), Err(Problem::BelowMinimum(1)));
        assert_eq!(check(&q, text("11")), Err(Problem::AboveMaximum(10)));
        for bad in ["three", "2.5", "2,5", "1e3", "-", "+", "inf", "NaN", "1 000", "٣", "9999999999999999"] {
            assert_eq!(check(&q, text(bad)), Err(Problem::NotANumber), "{bad}");
        }
        assert_eq!(parse_number("-2"), Some(-2));
        assert_eq!(parse_number("+7"), Some(7));
        assert_eq!(parse_number("007"), Some(7));
        assert_eq!(Problem::NotANumber.message(&q), "Enter a whole number, such as 3.");
        assert_eq!(Problem::BelowMinimum(1).message(&q), "Enter 1 or more.");
    }

    #[test]
    fn choices_must_be_options() {
        let options = vec!["Not yet".to_owned(), "1-3 years".to_owned()];
        let one = extra(QuestionKind::Choice { options: options.clone() }, true);
        assert_eq!(check(&one, text("1-3 years")), Ok(()));
        assert_eq!(check(&one, None), Err(Problem::Missing));
        assert_eq!(Problem::Missing.message(&one), "Choose one of the options.");
        assert_eq!(check(&one, text("10 years")), Err(Problem::NotAnOption));
        let many = extra(QuestionKind::MultiChoice { options }, true);
        assert_eq!(check(&many, Some(Answer::Choices(vec!["Not yet".into()]))), Ok(()));
        assert_eq!(check(&many, Some(Answer::Choices(vec![]))), Err(Problem::Missing));
        assert_eq!(Problem::Missing.message(&many), "Choose at least one option.");
        assert_eq!(check(&many, Some(Answer::Choices(vec!["Other".into()]))), Err(Problem::NotAnOption));
        let optional = extra(QuestionKind::MultiChoice { options: vec!["a".into()] }, false);
        assert_eq!(check(&optional, None), Ok(()));
    }

    #[test]
    fn required_boxes_must_be_ticked() {
        let q = extra(QuestionKind::Checkbox, true);
        assert_eq!(check(&q, Some(Answer::Checked(false))), Err(Problem::NotTicked));
        assert_eq!(check(&q, None), Err(Problem::NotTicked));
        assert_eq!(check(&q, Some(Answer::Checked(true))), Ok(()));
        assert_eq!(check(&extra(QuestionKind::Checkbox, false), None), Ok(()));
        let coc = Consent { id: "coc".into(), label: "I accept the code of conduct.".into(), link: None, link_text: None, required: true };
        assert_eq!(check_consent(&coc, false), Err(Problem::NotTicked));
        assert_eq!(check_consent(&coc, true), Ok(()));
        assert_eq!(Problem::consent_message(&coc), "Tick this box to register: I accept the code of conduct.");
        let updates = Consent { required: false, ..coc };
        assert_eq!(check_consent(&updates, false), Ok(()));
    }

    #[test]
    fn the_whole_form_lists_problems_in_form_order() {
        let reg = Registration {
            opens: Timestamp(0),
            closes: Timestamp(1),
            endpoint: Some("https://example.org/r".into()),
            url: None,
            capacity_note: None,
            capacity: None,
            questions: vec![StandardField::Name.question(true), StandardField::Email.question(true), StandardField::Country.question(false)],
            consents: vec![Consent { id: "privacy".into(), label: "I have read the privacy notice".into(), link: None, link_text: None, required: true }],
        };
        let mut values = FormValues::default();
        values.answers.insert("email".into(), Answer::Text("nope".into()));
        let problems = check_form(&reg, &values, &JsPatterns);
        let ids: Vec<String> = problems.iter().map(|(f, _)| f.dom_id()).collect();
        assert_eq!(ids, ["q-name", "q-email", "c-privacy"]);
        assert_eq!(problems[1].1, "Enter an email address such as name@example.com.");
        values.answers.insert("name".into(), Answer::Text("Ada".into()));
        values.answers.insert("email".into(), Answer::Text("ada@example.com".into()));
        values.consents.insert("privacy".into(), true);
        assert!(check_form(&reg, &values, &JsPatterns).is_empty());
    }

    #[test]
    fn input_is_kept_as_typed_through_json() {
        let mut values = FormValues::default();
        values.answers.insert("a".into(), Answer::Text(" x ".into()));
        values.answers.insert("b".into(), Answer::Choices(vec!["y".into()]));
        values.answers.insert("c".into(), Answer::Checked(true));
        values.consents.insert("privacy".into(), true);
        let json = serde_json::to_string(&values).unwrap();
        assert_eq!(json, r#"{"answers":{"a":{"Text":" x "},"b":{"Choices":["y"]},"c":{"Checked":true}},"consents":{"privacy":true}}"#);
        assert_eq!(serde_json::from_str::<FormValues>(&json).unwrap(), values);
    }
}
