//! Delivering a registration exactly once, whatever the network does.
//!
//! The form saves a [`StoredRegistration`] on the device before anything is sent; it holds the
//! exact JSON body and an idempotency key made once per registration, so every retry (after a
//! timeout, a 5xx, a reload, coming back online) is the same request, and the endpoint can
//! recognise repeats. A [`Delivery`] tracks one registration's attempts: at most one request in
//! flight, retries after [`Timing::retry_delay_ms`], done on the first 2xx (registered) or 4xx
//! (refused, with the server's message). The stored copy is deleted on either.

use serde::{Deserialize, Serialize};

use super::validate::{parse_number, Answer, FormValues};
use super::{Pairs, QuestionKind, Registration};

/// How long to wait for an answer, and between retries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Timing {
    /// An attempt without a complete answer after this long has failed (and is retried).
    pub timeout_ms: u32,
    /// The wait before the first retry; it doubles with every failed attempt...
    pub first_retry_ms: u32,
    /// ...up to this.
    pub max_retry_ms: u32,
}

impl Default for Timing {
    fn default() -> Self {
        Timing { timeout_ms: 15_000, first_retry_ms: 1_000, max_retry_ms: 60_000 }
    }
}

impl Timing {
    /// Where a different timing can be set on one browser (tests shorten it): a JSON object
    /// with any of the fields, in `localStorage`.
    pub const SETTING: &'static str = "istio-events:retry-timing";

    /// The timing from the [`Timing::SETTING`] text, kept within sane bounds; the default when
    /// it is absent or unreadable.
    pub fn from_setting(text: Option<&str>) -> Timing {
        let t: Timing = text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
        let first_retry_ms = t.first_retry_ms.clamp(10, 60_000);
        Timing {
            timeout_ms: t.timeout_ms.clamp(100, 120_000),
            first_retry_ms,
            max_retry_ms: t.max_retry_ms.clamp(first_retry_ms, 600_000),
        }
    }

    /// The wait after `failed` failed attempts in a row (1 for the first failure): the first
    /// retry wait, doubled for each further failure, at most the maximum, of which a random
    /// half (`jitter` in 0..1) is left out so that many browsers failing together do not retry
    /// together.
    pub fn retry_delay_ms(&self, failed: u32, jitter: f64) -> u32 {
        let doublings = failed.saturating_sub(1).min(20);
        let full = (u64::from(self.first_retry_ms) << doublings).min(u64::from(self.max_retry_ms));
        let half = full / 2;
        (full - half + (half as f64 * jitter.clamp(0.0, 1.0)) as u64) as u32
    }
}

/// Why an attempt failed in a way worth retrying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No connection, DNS, refused or closed connection, CORS.
    Network,
    /// The browser says it is offline (`navigator.onLine` false when the attempt failed).
    Offline,
    /// No complete answer within [`Timing::timeout_ms`].
    Timeout,
    /// A server error (5xx), or 408, 409, 425, 429.
    Status(u16),
}

impl Failure {
    /// For the visitor: what went wrong, in a few words.
    pub fn describe(&self) -> String {
        match self {
            Failure::Network => "the registration service could not be reached".to_owned(),
            Failure::Offline => "this device is offline".to_owned(),
            Failure::Timeout => "the registration service did not answer in time".to_owned(),
            Failure::Status(code) => format!("the registration service had a problem (status {code})"),
        }
    }
}

/// What one attempt came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx: the registration is in; the endpoint may name its own reference.
    Accepted {
        /// The endpoint's reference, from `{"reference": "..."}`.
        reference: Option<String>,
        /// Whether the event was full, so it is a place on the waiting list
        /// (`{"waiting_list": true}`).
        waiting_list: bool,
    },
    /// 4xx (but 408, 409, 425, 429): the endpoint will not take it; retrying would not help.
    Refused {
        /// The status.
        status: u16,
        /// What the endpoint said, for the visitor.
        message: String,
        /// What it said of single answers, by the control's HTML id (`q-<id>`, `c-<id>`).
        fields: Vec<(String, String)>,
    },
    /// Try again later.
    Retry {
        /// What went wrong.
        failure: Failure,
        /// The endpoint's `Retry-After`, in milliseconds.
        retry_after_ms: Option<u32>,
    },
}

/// What an answer means, from its status, body and `Retry-After` header.
pub fn classify(status: u16, body: &str, retry_after: Option<&str>) -> Outcome {
    match status {
        200..=299 => Outcome::Accepted { reference: answer_reference(body), waiting_list: super::received::on_waiting_list(body) },
        // 409: the endpoint is still storing this key (a request with it is in flight): the
        // same registration, answered once that one is done.
        408 | 409 | 425 | 429 => Outcome::Retry {
            failure: Failure::Status(status),
            retry_after_ms: retry_after.and_then(|s| s.trim().parse::<u32>().ok()).map(|s| s.saturating_mul(1000)),
        },
        400..=499 => Outcome::Refused {
            status,
            message: server_message(status, body),
            fields: super::received::field_errors(body).into_iter().map(|(field, message)| (field.dom_id(), message)).collect(),
        },
        _ => Outcome::Retry {
            failure: Failure::Status(status),
            retry_after_ms: retry_after.and_then(|s| s.trim().parse::<u32>().ok()).map(|s| s.saturating_mul(1000)),
        },
    }
}

/// The fields of an endpoint's JSON answer that the form reads.
#[derive(Deserialize)]
struct Said {
    #[serde(default)]
    reference: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// The endpoint's own reference in a 2xx answer (`{"reference": "ABC-123"}`), if it gives a
/// short one.
fn answer_reference(body: &str) -> Option<String> {
    let said: Said = serde_json::from_str(body).ok()?;
    let reference = said.reference?.trim().to_owned();
    let fine = !reference.is_empty() && reference.chars().count() <= 64 && !reference.chars().any(char::is_control);
    fine.then_some(reference)
}

/// The message to show for a refusal: `message` or `error` from a JSON answer, or a short
/// plain-text answer; otherwise a sentence with the status. Control characters are removed and
/// it is cut at 300 characters; it is always shown as text, never as HTML.
pub fn server_message(status: u16, body: &str) -> String {
    let body = body.trim();
    let found = match serde_json::from_str::<Said>(body) {
        Ok(said) => said.message.or(said.error),
        Err(_) if !body.starts_with(['<', '{', '[']) => Some(body.to_owned()),
        Err(_) => None,
    };
    found
        .map(|m| m.chars().filter(|c| !c.is_control()).take(300).collect::<String>().trim().to_owned())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| format!("The registration service did not accept this registration (status {status})."))
}

/// Where one registration's delivery stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Saved on this device; not sent yet in this visit (just submitted, or found after a reload).
    Saved,
    /// A request is in flight.
    Sending,
    /// The last attempt failed; another follows after a wait, or as soon as the browser is back
    /// online.
    WaitingToRetry(Failure),
    /// The endpoint confirmed it.
    Registered {
        /// The reference to show: the endpoint's, or the one the form made.
        reference: String,
        /// Whether it is a place on the waiting list.
        waiting_list: bool,
    },
    /// The endpoint refused it.
    Refused {
        /// The status.
        status: u16,
        /// The endpoint's message.
        message: String,
        /// Its messages on single answers, by the control's HTML id.
        fields: Vec<(String, String)>,
    },
}

/// One registration's attempts: a small state machine that allows one request at a time and
/// makes stale retry timers harmless.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// Where it stands.
    pub phase: Phase,
    /// Requests started so far, in this visit.
    pub attempts: u32,
    /// Failed attempts in a row (for the backoff).
    failures: u32,
    /// Which scheduled retry is current: a timer for an older one does nothing.
    round: u32,
}

impl Default for Delivery {
    fn default() -> Self {
        Delivery { phase: Phase::Saved, attempts: 0, failures: 0, round: 0 }
    }
}

/// A retry to schedule: wait `delay_ms`, then call [`Delivery::retry_due`] with `round`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPlan {
    /// How long to wait.
    pub delay_ms: u32,
    /// The round it belongs to.
    pub round: u32,
}

impl Delivery {
    /// Starts an attempt if one may start now (saved or waiting, none in flight, not done),
    /// and says whether it did: double clicks, timers and `online` events can all ask, and
    /// only one request is ever in flight.
    pub fn start(&mut self) -> bool {
        match self.phase {
            Phase::Saved | Phase::WaitingToRetry(_) => {
                self.phase = Phase::Sending;
                self.attempts += 1;
                true
            }
            _ => false,
        }
    }

    /// Records the outcome of the attempt in flight. Returns the retry to schedule when it
    /// failed; `own_reference` is shown when the endpoint names none.
    pub fn finish(&mut self, outcome: Outcome, own_reference: &str, timing: &Timing, jitter: f64) -> Option<RetryPlan> {
        if self.phase != Phase::Sending {
            return None;
        }
        match outcome {
            Outcome::Accepted { reference, waiting_list } => {
                self.phase = Phase::Registered { reference: reference.unwrap_or_else(|| own_reference.to_owned()), waiting_list };
                None
            }
            Outcome::Refused { status, message, fields } => {
                self.phase = Phase::Refused { status, message, fields };
                None
            }
            Outcome::Retry { failure, retry_after_ms } => {
                self.failures += 1;
                self.round += 1;
                self.phase = Phase::WaitingToRetry(failure);
                let backoff = timing.retry_delay_ms(self.failures, jitter);
                let delay_ms = retry_after_ms.map_or(backoff, |asked| backoff.max(asked.min(600_000)));
                Some(RetryPlan { delay_ms, round: self.round })
            }
        }
    }

    /// Whether the retry of `round` is still the one to make (not overtaken by an earlier
    /// retry on `online`, and nothing finished meanwhile).
    pub fn retry_due(&self, round: u32) -> bool {
        matches!(self.phase, Phase::WaitingToRetry(_)) && self.round == round
    }

    /// Whether it still has to be delivered.
    pub fn is_pending(&self) -> bool {
        matches!(self.phase, Phase::Saved | Phase::Sending | Phase::WaitingToRetry(_))
    }
}

/// A UUID (version 4) from 16 random bytes, for the `Idempotency-Key` header.
pub fn idempotency_key(random: [u8; 16]) -> String {
    let mut b = random;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// A short reference people can read out: 8 characters of Crockford's base 32 (no I, L, O, U)
/// from the last 5 random bytes, e.g. `K7QD-M2XA`.
pub fn reference(random: [u8; 16]) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bits = random[11..16].iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
    let chars: Vec<char> = (0..8).rev().map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect();
    format!("{}-{}", chars[..4].iter().collect::<String>(), chars[4..].iter().collect::<String>())
}

/// One answer as sent.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Sent {
    /// A checkbox.
    Yes(bool),
    /// A number.
    Number(i64),
    /// Text, email, or the option chosen.
    Text(String),
    /// The options ticked.
    Many(Vec<String>),
}

/// The JSON body POSTed to the endpoint (the contract in README.md).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegistrationBody {
    /// The event's slug, e.g. `istiocon-2022`.
    pub event: String,
    /// The same as the `Idempotency-Key` header, for services that cannot read headers.
    pub idempotency_key: String,
    /// The reference shown to the visitor.
    pub reference: String,
    /// When the visitor first submitted it (the device's clock, RFC 3339 UTC).
    pub submitted_at: String,
    /// Answers by question id: text as trimmed text, numbers as numbers, multi-choice as a list,
    /// checkboxes as true/false. Optional questions left empty are left out.
    pub answers: Pairs<Sent>,
    /// Every consent by id: ticked or not.
    pub consents: Pairs<bool>,
}

impl RegistrationBody {
    /// The body for valid `values` (check them with [`super::validate::check_form`] first).
    pub fn new(reg: &Registration, event: &str, values: &FormValues, key: &str, reference: &str, submitted_at: &str) -> Self {
        let mut answers = Pairs::default();
        for q in &reg.questions {
            let answer = values.answer(&q.id);
            let text = answer.map_or("", |a| a.text().trim());
            let sent = match &q.kind {
                QuestionKind::Checkbox => Some(Sent::Yes(matches!(answer, Some(Answer::Checked(true))))),
                QuestionKind::MultiChoice { .. } => match answer {
                    Some(Answer::Choices(c)) if !c.is_empty() => Some(Sent::Many(c.clone())),
                    _ => None,
                },
                QuestionKind::Number { .. } => parse_number(text).map(Sent::Number),
                _ if text.is_empty() => None,
                _ => Some(Sent::Text(text.to_owned())),
            };
            if let Some(sent) = sent {
                answers.insert(q.id.clone(), sent);
            }
        }
        let consents = reg.consents.iter().map(|c| (c.id.clone(), values.consented(&c.id))).collect();
        RegistrationBody {
            event: event.to_owned(),
            idempotency_key: key.to_owned(),
            reference: reference.to_owned(),
            submitted_at: submitted_at.to_owned(),
            answers,
            consents,
        }
    }
}

/// What was sent, as the confirmation lists it: (label, answer) for each answered question and
/// each consent.
pub fn summary(reg: &Registration, values: &FormValues) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    for q in &reg.questions {
        let shown = match (&q.kind, values.answer(&q.id)) {
            (QuestionKind::Checkbox, a) => Some(if matches!(a, Some(Answer::Checked(true))) { "Yes" } else { "No" }.to_owned()),
            (_, Some(Answer::Choices(c))) if !c.is_empty() => Some(c.join(", ")),
            (_, Some(Answer::Text(t))) if !t.trim().is_empty() => Some(t.trim().to_owned()),
            _ => None,
        };
        if let Some(shown) = shown {
            lines.push((q.label.clone(), shown));
        }
    }
    for c in &reg.consents {
        lines.push((c.label.clone(), if values.consented(&c.id) { "Yes" } else { "No" }.to_owned()));
    }
    lines
}

/// A registration saved on this device until the endpoint confirms or refuses it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredRegistration {
    /// The format's version; copies in another version are left alone.
    pub version: u32,
    /// The event's slug.
    pub event: String,
    /// Where it goes.
    pub endpoint: String,
    /// The `Idempotency-Key`, the same for every attempt.
    pub key: String,
    /// The reference the form made.
    pub reference: String,
    /// The exact JSON body, the same for every attempt.
    pub body: String,
    /// What was sent, for the confirmation.
    pub summary: Vec<(String, String)>,
    /// The visitor's input, to refill the form if the endpoint refuses it.
    pub values: FormValues,
}

impl StoredRegistration {
    /// The current format.
    pub const VERSION: u32 = 1;

    /// The `localStorage` keys of saved registrations start with this.
    pub const PREFIX: &'static str = "istio-events:registration:";

    /// Where the registration for `event` is saved (one per event and browser).
    pub fn storage_key(event: &str) -> String {
        format!("{}{event}", Self::PREFIX)
    }

    /// A saved copy, if `text` is one in the current format.
    pub fn from_json(text: &str) -> Option<StoredRegistration> {
        serde_json::from_str::<StoredRegistration>(text).ok().filter(|s| s.version == Self::VERSION)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::{Consent, Question, StandardField};
    use crate::Timestamp;

    #[test]
    fn backoff_doubles_up_to_the_maximum_with_jitter_in_the_upper_half() {
        let t = Timing { timeout_ms: 10_000, first_retry_ms: 1_000, max_retry_ms: 8_000 };
        let top: Vec<u32> = (1..=6).map(|n| t.retry_delay_ms(n, 1.0)).collect();
        assert_eq!(top, [1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
        let bottom: Vec<u32> = (1..=4).map(|n| t.retry_delay_ms(n, 0.0)).collect();
        assert_eq!(bottom, [500, 1_000, 2_000, 4_000]);
        assert_eq!(t.retry_delay_ms(3, 0.5), 3_000);
        // Never zero, never overflowing.
        assert_eq!(t.retry_delay_ms(0, 0.0), 500);
        assert_eq!(t.retry_delay_ms(u32::MAX, 1.0), 8_000);
    }

    #[test]
    fn timing_setting_is_read_and_bounded() {
        assert_eq!(Timing::from_setting(None), Timing::default());
        assert_eq!(Timing::from_setting(Some("not json")), Timing::default());
        let t = Timing::from_setting(Some(r#"{"timeout_ms": 800, "first_retry_ms": 50}"#));
        assert_eq!(t, Timing { timeout_ms: 800, first_retry_ms: 50, max_retry_ms: 60_000 });
        let silly = Timing::from_setting(Some(r#"{"timeout_ms": 1, "first_retry_ms": 0, "max_retry_ms": 5}"#));
        assert_eq!(silly, Timing { timeout_ms: 100, first_retry_ms: 10, max_retry_ms: 10 });
    }

    #[test]
    fn answers_are_classified_by_status() {
        assert_eq!(classify(201, r#"{"reference":"R-1"}"#, None), Outcome::Accepted { reference: Some("R-1".into()), waiting_list: false });
        assert_eq!(classify(200, "ok", None), Outcome::Accepted { reference: None, waiting_list: false });
        assert_eq!(classify(204, "", None), Outcome::Accepted { reference: None, waiting_list: false });
        // A place on the waiting list, and a refusal that names its fields.
        assert_eq!(
            classify(201, r#"{"reference":"R-2","status":"waiting_list","waiting_list":true}"#, None),
            Outcome::Accepted { reference: Some("R-2".into()), waiting_list: true }
        );
        let refusal = r#"{"message":"Check the answers.","errors":[{"field":"question","id":"github","message":"Enter your GitHub name."},{"field":"consent","id":"privacy","message":"Tick this to register."}]}"#;
        assert_eq!(
            classify(422, refusal, None),
            Outcome::Refused {
                status: 422,
                message: "Check the answers.".into(),
                fields: vec![("q-github".into(), "Enter your GitHub name.".into()), ("c-privacy".into(), "Tick this to register.".into())],
            }
        );
        assert_eq!(
            classify(422, r#"{"message":"This email address is already registered."}"#, None),
            Outcome::Refused { status: 422, message: "This email address is already registered.".into(), fields: Vec::new() }
        );
        assert_eq!(classify(503, "", Some("7")), Outcome::Retry { failure: Failure::Status(503), retry_after_ms: Some(7_000) });
        assert_eq!(classify(500, "boom", None), Outcome::Retry { failure: Failure::Status(500), retry_after_ms: None });
        for retried in [408, 409, 425, 429] {
            assert!(matches!(classify(retried, "", None), Outcome::Retry { .. }), "{retried}");
        }
        assert!(matches!(classify(404, "", None), Outcome::Refused { status: 404, .. }));
    }

    #[test]
    fn refusal_messages_are_short_plain_text() {
        assert_eq!(server_message(400, r#"{"error":"Registration is full."}"#), "Registration is full.");
        assert_eq!(server_message(400, "Closed for registration."), "Closed for registration.");
        assert_eq!(server_message(403, "<html><body>Forbidden</body></html>"), "The registration service did not accept this registration (status 403).");
        assert_eq!(server_message(400, "  "), "The registration service did not accept this registration (status 400).");
        assert_eq!(server_message(400, r#"{"detail":"x"}"#), "The registration service did not accept this registration (status 400).");
        assert_eq!(server_message(400, &"a".repeat(1000)).len(), 300);
        assert_eq!(server_message(400, "bad\u{0007} input"), "bad input");
    }

    #[test]
    fn one_attempt_at_a_time_until_registered() {
        let t = Timing::default();
        let mut d = Delivery::default();
        assert!(d.is_pending());
        assert!(d.start());
        // A double click, a timer and an `online` event while the request is in flight.
        assert!(!d.start());
        assert!(!d.start());
        let plan = d.finish(Outcome::Retry { failure: Failure::Timeout, retry_after_ms: None }, "K7QD-M2XA", &t, 1.0).unwrap();
        assert_eq!(plan, RetryPlan { delay_ms: 1_000, round: 1 });
        assert_eq!(d.phase, Phase::WaitingToRetry(Failure::Timeout));
        assert!(d.retry_due(1));
        // Back online before the timer: retry at once; the old timer must then do nothing.
        assert!(d.start());
        assert!(!d.retry_due(1));
        let plan = d.finish(Outcome::Retry { failure: Failure::Network, retry_after_ms: None }, "K7QD-M2XA", &t, 1.0).unwrap();
        assert_eq!(plan, RetryPlan { delay_ms: 2_000, round: 2 });
        assert!(!d.retry_due(1));
        assert!(d.retry_due(2));
        assert!(d.start());
        assert_eq!(d.finish(Outcome::Accepted { reference: None, waiting_list: false }, "K7QD-M2XA", &t, 0.3), None);
        assert_eq!(d.phase, Phase::Registered { reference: "K7QD-M2XA".into(), waiting_list: false });
        assert_eq!(d.attempts, 3);
        assert!(!d.is_pending());
        assert!(!d.start());
        assert!(!d.retry_due(2));
        // A late answer to nothing in flight changes nothing.
        assert_eq!(d.finish(Outcome::Refused { status: 400, message: "x".into(), fields: Vec::new() }, "K7QD-M2XA", &t, 0.0), None);
        assert_eq!(d.phase, Phase::Registered { reference: "K7QD-M2XA".into(), waiting_list: false });
    }

    #[test]
    fn refusals_end_delivery_and_retry_after_is_honoured() {
        let t = Timing::default();
        let mut d = Delivery::default();
        assert!(d.start());
        let plan = d.finish(Outcome::Retry { failure: Failure::Status(429), retry_after_ms: Some(30_000) }, "R", &t, 0.0).unwrap();
        assert_eq!(plan.delay_ms, 30_000);
        assert!(d.start());
        assert_eq!(d.finish(Outcome::Refused { status: 422, message: "Full.".into(), fields: Vec::new() }, "R", &t, 0.0), None);
        assert_eq!(d.phase, Phase::Refused { status: 422, message: "Full.".into(), fields: Vec::new() });
        assert!(!d.is_pending());
        let mut e = Delivery::default();
        assert!(e.start());
        e.finish(Outcome::Accepted { reference: Some("SERVER-9".into()), waiting_list: false }, "R", &t, 0.0);
        assert_eq!(e.phase, Phase::Registered { reference: "SERVER-9".into(), waiting_list: false });
    }

    #[test]
    fn keys_are_uuid_v4_and_references_are_readable() {
        let key = idempotency_key([0xff; 16]);
        assert_eq!(key, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let key = idempotency_key([0; 16]);
        assert_eq!(key, "00000000-0000-4000-8000-000000000000");
        assert_eq!(reference([0; 16]), "0000-0000");
        assert_eq!(reference([0xff; 16]), "ZZZZ-ZZZZ");
        let r = reference([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x12, 0x34, 0x56, 0x78, 0x9a]);
        assert_eq!(r.len(), 9);
        assert!(r.chars().all(|c| c == '-' || (c.is_ascii_alphanumeric() && !"ILOU".contains(c))), "{r}");
        assert_ne!(r, reference([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x12, 0x34, 0x56, 0x78, 0x9b]));
    }

    fn registration() -> Registration {
        Registration {
            opens: Timestamp(0),
            closes: Timestamp(1),
            endpoint: Some("https://example.org/r".into()),
            url: None,
            capacity_note: None,
            capacity: None,
            questions: vec![
                StandardField::Name.question(true),
                StandardField::Email.question(true),
                StandardField::Organization.question(false),
                Question { id: "attendees".into(), label: "People".into(), help: None, required: false, kind: QuestionKind::Number { min: None, max: None }, autocomplete: None },
                Question { id: "topics".into(), label: "Topics".into(), help: None, required: false, kind: QuestionKind::MultiChoice { options: vec!["Ambient".into(), "Security".into()] }, autocomplete: None },
                Question { id: "first-time".into(), label: "First IstioCon?".into(), help: None, required: false, kind: QuestionKind::Checkbox, autocomplete: None },
            ],
            consents: vec![
                Consent { id: "privacy".into(), label: "Privacy notice".into(), link: None, link_text: None, required: true },
                Consent { id: "updates".into(), label: "Updates by email".into(), link: None, link_text: None, required: false },
            ],
        }
    }

    #[test]
    fn the_body_has_trimmed_typed_answers_and_every_consent() {
        let reg = registration();
        let mut v = FormValues::default();
        v.answers.insert("name".into(), Answer::Text("  Zoë Ådahl  ".into()));
        v.answers.insert("email".into(), Answer::Text("zoe@example.com".into()));
        v.answers.insert("organization".into(), Answer::Text("".into()));
        v.answers.insert("attendees".into(), Answer::Text(" 25 ".into()));
        v.answers.insert("topics".into(), Answer::Choices(vec!["Security".into()]));
        v.consents.insert("privacy".into(), true);
        let body = RegistrationBody::new(&reg, "istiocon-2022", &v, "key-1", "K7QD-M2XA", "2022-04-01T12:00:00Z");
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "event": "istiocon-2022",
                "idempotency_key": "key-1",
                "reference": "K7QD-M2XA",
                "submitted_at": "2022-04-01T12:00:00Z",
                "answers": { "name": "Zoë Ådahl", "email": "zoe@example.com", "attendees": 25, "topics": ["Security"], "first-time": false },
                "consents": { "privacy": true, "updates": false }
            })
        );
        v.answers.insert("attendees".into(), Answer::Text("3".into()));
        let body = RegistrationBody::new(&reg, "e", &v, "k", "r", "t");
        assert_eq!(serde_json::to_string(&body.answers.get("attendees")).unwrap(), "3");
        let lines = summary(&reg, &v);
        assert_eq!(lines[0], ("Name".to_owned(), "Zoë Ådahl".to_owned()));
        assert!(lines.contains(&("Topics".to_owned(), "Security".to_owned())));
        assert!(lines.contains(&("First IstioCon?".to_owned(), "No".to_owned())));
        assert!(lines.contains(&("Updates by email".to_owned(), "No".to_owned())));
        assert!(!lines.iter().any(|(l, _)| l == "Organization"));
    }

    #[test]
    fn stored_copies_round_trip_and_other_versions_are_ignored() {
        let stored = StoredRegistration {
            version: StoredRegistration::VERSION,
            event: "istiocon-2022".into(),
            endpoint: "https://example.org/r".into(),
            key: idempotency_key([7; 16]),
            reference: reference([7; 16]),
            body: "{}".into(),
            summary: vec![("Name".into(), "Ada".into())],
            values: FormValues::default(),
        };
        let json = serde_json::to_string(&stored).unwrap();
        assert_eq!(StoredRegistration::from_json(&json), Some(stored.clone()));
        let old = json.replace("\"version\":1", "\"version\":0");
        assert_eq!(StoredRegistration::from_json(&old), None);
        assert_eq!(StoredRegistration::from_json("garbage"), None);
        assert_eq!(StoredRegistration::storage_key("istiocon-2022"), "istio-events:registration:istiocon-2022");
    }
}
