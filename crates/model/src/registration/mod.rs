//! Registration for an event: what organizers configure (the `registration` block of an event
//! file, compiled into [`Registration`]), the rules a visitor's answers must follow
//! ([`validate`]), and how a registration is delivered exactly once ([`delivery`]).
//!
//! Everything here is plain data and pure functions, tested natively; the app only adds the
//! browser around it (the form, `localStorage`, `fetch`).

use serde::{Deserialize, Serialize};

use crate::Timestamp;

pub mod delivery;
mod pairs;
pub mod received;
pub mod validate;

pub use pairs::Pairs;

/// How visitors register for an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Registration {
    /// When registration opens.
    pub opens: Timestamp,
    /// When it closes (the first moment it is closed).
    pub closes: Timestamp,
    /// Where the form on this site sends registrations (`POST`, JSON). Without it there is no
    /// form, and [`Registration::url`] is shown instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// A registration page elsewhere (IstioCon used Crowdcast), linked when there is no endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A sentence about places, e.g. `Free; 500 places`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_note: Option<String>,
    /// How many places there are: registrations past this many are stored on the waiting list
    /// (and the answer says so). `None`: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// The form's questions, standard ones (name, email...) first, in the order shown.
    pub questions: Vec<Question>,
    /// The boxes to tick (privacy notice, code of conduct, updates by email), after the questions.
    pub consents: Vec<Consent>,
}

impl Registration {
    /// Whether registration is not open yet, open, or closed at `now`.
    pub fn state_at(&self, now: Timestamp) -> RegistrationState {
        RegistrationState::of(self.opens, self.closes, now)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// Where registration stands at a given moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegistrationState {
    /// Before `opens`.
    NotYetOpen,
    /// From `opens` until `closes`.
    Open,
    /// From `closes` on.
    Closed,
}

impl RegistrationState {
    /// The state at `now` of a registration open from `opens` until `closes`.
    pub fn of(opens: Timestamp, closes: Timestamp, now: Timestamp) -> Self {
        if now < opens {
            RegistrationState::NotYetOpen
        } else if now < closes {
            RegistrationState::Open
        } else {
            RegistrationState::Closed
        }
    }
}

/// One question of the form. In JSON, a standard question as the form asks it by default is
/// written as its id and `required` only (the data is in every page of the event).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "WireQuestion", into = "WireQuestion")]
pub struct Question {
    /// Its key in the JSON sent (`name`, `email`... for the standard fields).
    pub id: String,
    /// The label shown.
    pub label: String,
    /// A hint under the label.
    pub help: Option<String>,
    /// Whether it must be answered.
    pub required: bool,
    /// The kind of answer, with its rules.
    pub kind: QuestionKind,
    /// The browser's autofill token (`name`, `email`, `organization`...), for standard fields.
    pub autocomplete: Option<String>,
}

/// [`Question`] as written in JSON: `kind` is left out for a standard question asked as usual.
#[derive(Serialize, Deserialize)]
struct WireQuestion {
    /// [`Question::id`].
    id: String,
    /// [`Question::required`].
    #[serde(default, skip_serializing_if = "is_false")]
    required: bool,
    /// [`Question::label`]; left out for a standard question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    /// [`Question::help`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    help: Option<String>,
    /// [`Question::kind`]; left out for a standard question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<QuestionKind>,
    /// [`Question::autocomplete`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    autocomplete: Option<String>,
}

impl From<Question> for WireQuestion {
    fn from(q: Question) -> Self {
        let standard = StandardField::ALL.iter().find(|f| f.key() == q.id).is_some_and(|f| f.question(q.required) == q);
        if standard {
            return WireQuestion { id: q.id, required: q.required, label: None, help: None, kind: None, autocomplete: None };
        }
        WireQuestion { id: q.id, required: q.required, label: Some(q.label), help: q.help, kind: Some(q.kind), autocomplete: q.autocomplete }
    }
}

impl From<WireQuestion> for Question {
    fn from(w: WireQuestion) -> Self {
        match (w.kind, StandardField::ALL.iter().find(|f| f.key() == w.id)) {
            (None, Some(field)) => field.question(w.required),
            (kind, _) => Question {
                label: w.label.unwrap_or_else(|| w.id.clone()),
                id: w.id,
                help: w.help,
                required: w.required,
                kind: kind.unwrap_or(QuestionKind::Text(TextRules::default())),
                autocomplete: w.autocomplete,
            },
        }
    }
}

/// The kinds of question, each with its own rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One line of text.
    Text(TextRules),
    /// Several lines of text.
    LongText(TextRules),
    /// An email address.
    Email,
    /// A whole number, optionally within bounds.
    Number {
        /// The smallest number accepted.
        min: Option<i64>,
        /// The largest number accepted.
        max: Option<i64>,
    },
    /// One of the options.
    Choice {
        /// The options, as shown and sent.
        options: Vec<String>,
    },
    /// Any of the options.
    MultiChoice {
        /// The options, as shown and sent.
        options: Vec<String>,
    },
    /// A yes/no box.
    Checkbox,
}

/// Rules for text answers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TextRules {
    /// A regular expression the whole answer must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// What to tell the visitor when it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern_message: Option<String>,
    /// Fewest characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// Most characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A box to tick: required ones (privacy notice, code of conduct) must be ticked to register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Consent {
    /// Its key in the JSON sent.
    pub id: String,
    /// What the visitor agrees to, e.g. `I accept the code of conduct`.
    pub label: String,
    /// The page it is about (a web address or a path on this site).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The link's text (default: `Read it`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_text: Option<String>,
    /// Whether it must be ticked.
    pub required: bool,
}

/// The five questions every form can switch on, with labels and autofill the organizers need
/// not write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StandardField {
    /// The visitor's name, in any script.
    Name,
    /// Their email address.
    Email,
    /// Company or other organization.
    Organization,
    /// Role or job title.
    Role,
    /// Country or region.
    Country,
}

impl StandardField {
    /// All of them, in form order.
    pub const ALL: [StandardField; 5] =
        [StandardField::Name, StandardField::Email, StandardField::Organization, StandardField::Role, StandardField::Country];

    /// The key in the event file and in the JSON sent.
    pub fn key(self) -> &'static str {
        match self {
            StandardField::Name => "name",
            StandardField::Email => "email",
            StandardField::Organization => "organization",
            StandardField::Role => "role",
            StandardField::Country => "country",
        }
    }

    /// Whether a form asks it when the event file does not say: name and email are required,
    /// the others off.
    pub fn default_required(self) -> Option<bool> {
        match self {
            StandardField::Name | StandardField::Email => Some(true),
            _ => None,
        }
    }

    /// The question as the form asks it.
    pub fn question(self, required: bool) -> Question {
        let text = |max: u32| QuestionKind::Text(TextRules { max_length: Some(max), ..TextRules::default() });
        let (label, help, kind, autocomplete) = match self {
            StandardField::Name => ("Name", Some("As you want it on your badge and certificate."), text(200), "name"),
            StandardField::Email => ("Email address", Some("We send your confirmation and event links here."), QuestionKind::Email, "email"),
            StandardField::Organization => ("Organization", None, text(200), "organization"),
            StandardField::Role => ("Role", Some("For example: platform engineer, student."), text(200), "organization-title"),
            StandardField::Country => ("Country or region", None, text(100), "country-name"),
        };
        Question {
            id: self.key().to_owned(),
            label: label.to_owned(),
            help: help.map(str::to_owned),
            required,
            kind,
            autocomplete: Some(autocomplete.to_owned()),
        }
    }
}

/// Whether `url` points at this computer (`http://127.0.0.1:8000/...`, `localhost`, `[::1]`):
/// such an endpoint may use plain `http`, and the `?preview-endpoint=` parameter accepts only
/// these, so a shared link can never send a visitor's registration to someone else's server.
pub fn is_loopback_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://")) else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.split(':').next().unwrap_or(""),
    };
    matches!(host.to_ascii_lowercase().as_str(), "127.0.0.1" | "localhost" | "::1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_follows_opens_and_closes() {
        let r = Registration {
            opens: Timestamp(100),
            closes: Timestamp(200),
            endpoint: None,
            url: None,
            capacity_note: None,
            capacity: None,
            questions: Vec::new(),
            consents: Vec::new(),
        };
        assert_eq!(r.state_at(Timestamp(99)), RegistrationState::NotYetOpen);
        assert_eq!(r.state_at(Timestamp(100)), RegistrationState::Open);
        assert_eq!(r.state_at(Timestamp(199)), RegistrationState::Open);
        assert_eq!(r.state_at(Timestamp(200)), RegistrationState::Closed);
    }

    #[test]
    fn standard_fields_have_labels_and_autofill() {
        let q = StandardField::Email.question(true);
        assert_eq!((q.id.as_str(), q.kind.clone(), q.autocomplete.as_deref()), ("email", QuestionKind::Email, Some("email")));
        assert_eq!(StandardField::Name.default_required(), Some(true));
        assert_eq!(StandardField::Country.default_required(), None);
        assert_eq!(StandardField::Role.question(false).autocomplete.as_deref(), Some("organization-title"));
    }

    #[test]
    fn only_this_computer_is_loopback() {
        for yes in ["http://127.0.0.1:8123/register", "http://localhost/", "https://LOCALHOST:9/x", "http://[::1]:80/a", "http://127.0.0.1"] {
            assert!(is_loopback_url(yes), "{yes}");
        }
        for no in ["http://127.0.0.1.evil.example/", "http://evil.example/?127.0.0.1", "http://localhost@evil.example/", "ftp://127.0.0.1/", "//127.0.0.1/", "http://10.0.0.1/"] {
            assert!(!is_loopback_url(no), "{no}");
        }
    }

    #[test]
    fn questions_round_trip_through_json() {
        let q = Question {
            id: "github".into(),
            label: "GitHub user".into(),
            help: None,
            required: false,
            kind: QuestionKind::Text(TextRules { pattern: Some("[a-z]+".into()), pattern_message: Some("letters".into()), min_length: None, max_length: Some(39) }),
            autocomplete: None,
        };
        let json = serde_json::to_string(&q).unwrap();
        // Compact: what is not said is not written (the data is in every page of the event).
        assert_eq!(json, r#"{"id":"github","label":"GitHub user","kind":{"text":{"pattern":"[a-z]+","pattern_message":"letters","max_length":39}}}"#);
        let r = Registration { opens: Timestamp(1), closes: Timestamp(2), endpoint: None, url: None, capacity_note: None, capacity: None, questions: vec![], consents: vec![] };
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"opens":1,"closes":2,"questions":[],"consents":[]}"#);
        assert_eq!(serde_json::from_str::<Question>(&json).unwrap(), q);
        // Standard questions asked as usual are written short, and read back whole.
        for field in StandardField::ALL {
            let q = field.question(field == StandardField::Email);
            let json = serde_json::to_string(&q).unwrap();
            assert!(json.len() < 40, "{json}");
            assert_eq!(serde_json::from_str::<Question>(&json).unwrap(), q);
        }
        let c = QuestionKind::MultiChoice { options: vec!["a".into()] };
        assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"multi_choice":{"options":["a"]}}"#);
        assert_eq!(serde_json::to_string(&QuestionKind::Email).unwrap(), r#""email""#);
    }
}
