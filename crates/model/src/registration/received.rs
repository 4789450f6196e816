//! A registration as a registration service receives it, and the service's refusals as the form
//! reads them back.
//!
//! The service checks a received body with the form's own rules ([`check_received`], which ends
//! in [`super::validate::check_form`]), so a registration the form accepts is accepted, and one
//! it refuses is refused with the same messages. A refusal of answers is a 422 whose JSON body
//! names each field ([`Refusal`]); the form reads it with [`field_errors`] and shows each
//! message next to its field.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::validate::{check_form, Answer, FieldRef, FormValues, Patterns};
use super::{QuestionKind, Registration};

/// The JSON body of a registration (README.md, "Registration endpoint"), as received.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ReceivedBody {
    /// The event's slug.
    pub event: String,
    /// The same as the `Idempotency-Key` header.
    pub idempotency_key: String,
    /// The reference shown to the visitor.
    pub reference: String,
    /// When the visitor first submitted it (the device's clock).
    pub submitted_at: String,
    /// Answers by question id.
    #[serde(default)]
    pub answers: Map<String, Value>,
    /// Consents by id.
    #[serde(default)]
    pub consents: Map<String, Value>,
}

/// The answers of a received body as the form would hold them, or the fields whose JSON has the
/// wrong type (a number for a text question, a list for a choice) or that the form does not ask.
pub fn values_from_received(reg: &Registration, body: &ReceivedBody) -> Result<FormValues, Vec<(FieldRef, String)>> {
    let mut values = FormValues::default();
    let mut wrong = Vec::new();
    for (id, value) in &body.answers {
        let Some(q) = reg.question(id) else {
            wrong.push((FieldRef::Question(id.clone()), "This form has no such question.".to_owned()));
            continue;
        };
        let answer = match (&q.kind, value) {
            (QuestionKind::Checkbox, Value::Bool(b)) => Some(Answer::Checked(*b)),
            (QuestionKind::MultiChoice { .. }, Value::Array(items)) => {
                items.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>().map(Answer::Choices)
            }
            (QuestionKind::Number { .. }, Value::Number(n)) => n.as_i64().map(|n| Answer::Text(n.to_string())),
            (QuestionKind::Text(_) | QuestionKind::LongText(_) | QuestionKind::Email | QuestionKind::Choice { .. }, Value::String(s)) => {
                Some(Answer::Text(s.clone()))
            }
            _ => None,
        };
        match answer {
            Some(a) => values.answers.insert(id.clone(), a),
            None => wrong.push((FieldRef::Question(id.clone()), format!("This answer is not {}.", expected(&q.kind)))),
        }
    }
    for (id, value) in &body.consents {
        if !reg.consents.iter().any(|c| &c.id == id) {
            wrong.push((FieldRef::Consent(id.clone()), "This form has no such consent.".to_owned()));
            continue;
        }
        match value {
            Value::Bool(b) => values.consents.insert(id.clone(), *b),
            _ => wrong.push((FieldRef::Consent(id.clone()), "This consent is not true or false.".to_owned())),
        }
    }
    if wrong.is_empty() { Ok(values) } else { Err(wrong) }
}

/// What JSON a question's answer is.
fn expected(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Checkbox => "true or false",
        QuestionKind::MultiChoice { .. } => "a list of options",
        QuestionKind::Number { .. } => "a whole number",
        _ => "text",
    }
}

/// Every problem in a received body, in form order: wrong JSON types and unknown fields first,
/// else the form's own rules ([`check_form`]) on its answers. Empty when it is a valid
/// registration.
pub fn check_received(reg: &Registration, body: &ReceivedBody, patterns: &dyn Patterns) -> Vec<(FieldRef, String)> {
    match values_from_received(reg, body) {
        Ok(values) => check_form(reg, &values, patterns),
        Err(wrong) => wrong,
    }
}

/// The JSON body of a 422 refusal:
///
/// ```json
/// {"message": "Name: Enter your name.",
///  "errors": [{"field": "question", "id": "name", "message": "Enter your name."},
///             {"field": "consent", "id": "privacy", "message": "Tick this box to register: ..."}]}
/// ```
///
/// `message` is for forms that show one text (and is what [`super::delivery::server_message`]
/// reads); `errors` may be empty (a refusal of the whole registration, e.g. registration closed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    /// One text saying everything, for the visitor.
    pub message: String,
    /// One entry per field refused, in form order.
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

/// One field's problem in a [`Refusal`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// `question` or `consent`.
    pub field: FieldKind,
    /// The question's or consent's id.
    pub id: String,
    /// What to tell the visitor, next to the field.
    pub message: String,
}

/// Whether a [`FieldError`] is about a question or a consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A question, by its id.
    Question,
    /// A consent, by its id.
    Consent,
}

impl Refusal {
    /// A refusal of these fields; `message` lists them with their labels from `reg`.
    pub fn of_fields(reg: &Registration, problems: &[(FieldRef, String)]) -> Refusal {
        let label = |f: &FieldRef| match f {
            FieldRef::Question(id) => reg.question(id).map_or_else(|| id.clone(), |q| q.label.clone()),
            FieldRef::Consent(id) => reg.consents.iter().find(|c| &c.id == id).map_or_else(|| id.clone(), |c| c.label.clone()),
        };
        let listed: Vec<String> = problems.iter().map(|(f, m)| format!("{}: {m}", label(f))).collect();
        let errors = problems
            .iter()
            .map(|(f, m)| match f {
                FieldRef::Question(id) => FieldError { field: FieldKind::Question, id: id.clone(), message: m.clone() },
                FieldRef::Consent(id) => FieldError { field: FieldKind::Consent, id: id.clone(), message: m.clone() },
            })
            .collect();
        Refusal { message: listed.join(" "), errors }
    }

    /// A refusal of the whole registration, naming no field.
    pub fn whole(message: impl Into<String>) -> Refusal {
        Refusal { message: message.into(), errors: Vec::new() }
    }
}

/// The fields a refusal's JSON body names, each with its message (controls removed, at most 300
/// characters), for the form to show next to each field; empty when the body names none or is
/// not a [`Refusal`]. Use [`super::delivery::server_message`] for the text of the whole answer.
pub fn field_errors(body: &str) -> Vec<(FieldRef, String)> {
    let Ok(refusal) = serde_json::from_str::<Refusal>(body.trim()) else { return Vec::new() };
    refusal
        .errors
        .into_iter()
        .filter_map(|e| {
            let message: String = e.message.chars().filter(|c| !c.is_control()).take(300).collect::<String>().trim().to_owned();
            let field = match e.field {
                FieldKind::Question => FieldRef::Question(e.id),
                FieldKind::Consent => FieldRef::Consent(e.id),
            };
            (!message.is_empty()).then_some((field, message))
        })
        .collect()
}

/// Whether a 2xx answer's JSON says the registration is on the waiting list
/// (`"waiting_list": true`: every place was taken). Any other body, or none, is a place.
pub fn on_waiting_list(body: &str) -> bool {
    #[derive(Deserialize)]
    struct Answer {
        #[serde(default)]
        waiting_list: bool,
    }
    serde_json::from_str::<Answer>(body.trim()).is_ok_and(|a| a.waiting_list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::delivery::server_message;
    use crate::registration::{Consent, Question, StandardField, TextRules};
    use crate::Timestamp;

    /// The rules matched as the browser does (JavaScript's semantics, the `u` flag).
    use crate::registration::validate::JsPatterns as Regex;

    /// The shared fixture: one registration and cases that the form and the service must both
    /// accept or refuse with exactly these fields (the service's tests read the same file).
    #[derive(Deserialize)]
    struct Fixture {
        registration: Registration,
        cases: Vec<Case>,
    }

    #[derive(Deserialize)]
    struct Case {
        name: String,
        answers: Map<String, Value>,
        consents: Map<String, Value>,
        refused: Vec<String>,
    }

    #[test]
    fn the_shared_fixtures_pass_and_fail_as_expected() {
        let fixture: Fixture = serde_json::from_str(include_str!("../../tests/fixtures/registration-cases.json")).unwrap();
        assert!(fixture.cases.len() >= 10);
        for case in &fixture.cases {
            let body = ReceivedBody {
                event: "e".into(),
                idempotency_key: "k".into(),
                reference: "r".into(),
                submitted_at: "t".into(),
                answers: case.answers.clone(),
                consents: case.consents.clone(),
            };
            let got: Vec<String> = check_received(&fixture.registration, &body, &Regex).iter().map(|(f, _)| f.dom_id()).collect();
            assert_eq!(got, case.refused, "{}", case.name);
        }
    }

    fn registration() -> Registration {
        Registration {
            opens: Timestamp(0),
            closes: Timestamp(1),
            endpoint: None,
            url: None,
            capacity_note: None,
            capacity: None,
            questions: vec![
                StandardField::Name.question(true),
                Question {
                    id: "github".into(),
                    label: "GitHub".into(),
                    help: None,
                    required: false,
                    kind: QuestionKind::Text(TextRules { pattern: Some("[a-z]+".into()), pattern_message: Some("Letters only.".into()), ..TextRules::default() }),
                    autocomplete: None,
                },
            ],
            consents: vec![Consent { id: "privacy".into(), label: "Privacy notice".into(), link: None, link_text: None, required: true }],
        }
    }

    #[test]
    fn refusals_round_trip_to_their_fields() {
        let reg = registration();
        let problems = vec![
            (FieldRef::Question("github".into()), "Letters only.".to_owned()),
            (FieldRef::Consent("privacy".into()), "Tick this box to register: Privacy notice.".to_owned()),
        ];
        let refusal = Refusal::of_fields(&reg, &problems);
        let json = serde_json::to_string(&refusal).unwrap();
        assert_eq!(
            json,
            r#"{"message":"GitHub: Letters only. Privacy notice: Tick this box to register: Privacy notice.","errors":[{"field":"question","id":"github","message":"Letters only."},{"field":"consent","id":"privacy","message":"Tick this box to register: Privacy notice."}]}"#
        );
        assert_eq!(field_errors(&json), problems);
        // A form that shows one text shows the whole message.
        assert_eq!(server_message(422, &json), refusal.message);
        // Bodies that name no field.
        assert_eq!(field_errors(&serde_json::to_string(&Refusal::whole("Registration closed.")).unwrap()), vec![]);
        assert_eq!(field_errors(r#"{"message":"x"}"#), vec![]);
        assert_eq!(field_errors("Closed."), vec![]);
        assert_eq!(field_errors(r#"{"message":"x","errors":[{"field":"question","id":"name","message":"bad\u0007 "}]}"#), vec![(FieldRef::Question("name".into()), "bad".into())]);
    }

    #[test]
    fn a_waiting_list_answer_says_so() {
        assert!(on_waiting_list(r#"{"reference":"R","status":"waiting_list","waiting_list":true}"#));
        assert!(!on_waiting_list(r#"{"reference":"R","waiting_list":false}"#));
        assert!(!on_waiting_list(r#"{"reference":"R"}"#));
        assert!(!on_waiting_list("ok"));
        assert!(!on_waiting_list(r#"{"waiting_list":"yes"}"#));
    }

    #[test]
    fn wrong_json_types_and_unknown_fields_are_named() {
        let reg = registration();
        let body: ReceivedBody = serde_json::from_value(serde_json::json!({
            "event": "e", "idempotency_key": "k", "reference": "r", "submitted_at": "t",
            "answers": {"name": 3, "extra": "x"},
            "consents": {"privacy": "yes", "other": true}
        }))
        .unwrap();
        let ids: Vec<String> = check_received(&reg, &body, &Regex).iter().map(|(f, _)| f.dom_id()).collect();
        assert_eq!(ids, ["q-extra", "q-name", "c-other", "c-privacy"]);
    }
}
