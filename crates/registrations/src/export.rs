//! `registrations export` (CSV for spreadsheets, JSON for programs) and `registrations stats`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use events_model::registration::{QuestionKind, StandardField};
use serde::Serialize;
use serde_json::Value;

use crate::events::Events;
use crate::store::Row;

/// A stored body, as far as export reads it.
#[derive(serde::Deserialize, Default)]
struct Body {
    #[serde(default)]
    answers: BTreeMap<String, Value>,
    #[serde(default)]
    consents: BTreeMap<String, Value>,
}

fn body(row: &Row) -> Body {
    serde_json::from_str(&row.body).unwrap_or_default()
}

/// A time in milliseconds as RFC 3339 UTC.
pub fn utc(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map_or_else(|_| ms.to_string(), |t| format!("{t:.3}"))
}

/// A spreadsheet cell that cannot run as a formula: text starting with `=`, `+`, `-`, `@`
/// (or a tab or carriage return, which some programs skip first) gets a leading `'`.
pub fn neutralize(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_owned() }
}

/// One answer as one cell: multi-choice joined with `; `, checkboxes `yes`/`no`.
fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("; "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The answer and consent columns: the standard questions first, then the others by name.
fn columns(bodies: &[Body]) -> (Vec<String>, Vec<String>) {
    let mut answers: BTreeSet<String> = BTreeSet::new();
    let mut consents: BTreeSet<String> = BTreeSet::new();
    for b in bodies {
        answers.extend(b.answers.keys().cloned());
        consents.extend(b.consents.keys().cloned());
    }
    let mut ordered: Vec<String> = StandardField::ALL.iter().map(|f| f.key().to_owned()).filter(|k| answers.remove(k)).collect();
    ordered.extend(answers);
    (ordered, consents.into_iter().collect())
}

/// Writes the rows as CSV: reference, idempotency key, received (UTC), submitted (the device's
/// clock), `waiting_list` (`yes`/`no`), every answer, then every consent as `consent:<id>`.
/// UTF-8 with a byte-order mark, so spreadsheet programs read names in any script.
pub fn csv(rows: &[Row], out: impl Write) -> Result<(), csv::Error> {
    let bodies: Vec<Body> = rows.iter().map(body).collect();
    let (answers, consents) = columns(&bodies);
    let mut out = out;
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Necessary).from_writer(out);
    let mut header = vec!["reference".to_owned(), "idempotency_key".into(), "received_at".into(), "submitted_at".into(), "waiting_list".into()];
    header.extend(answers.iter().cloned());
    header.extend(consents.iter().map(|c| format!("consent:{c}")));
    w.write_record(&header)?;
    for (row, b) in rows.iter().zip(&bodies) {
        let mut record = vec![row.reference.clone(), row.key.clone(), utc(row.received_ms), row.submitted_at.clone(), if row.waiting_list { "yes" } else { "no" }.into()];
        record.extend(answers.iter().map(|a| b.answers.get(a).map(cell).unwrap_or_default()));
        record.extend(consents.iter().map(|c| b.consents.get(c).map(cell).unwrap_or_default()));
        w.write_record(record.iter().map(|c| neutralize(c)))?;
    }
    w.flush()?;
    Ok(())
}

/// One registration in the JSON export.
#[derive(Serialize)]
struct Exported<'a> {
    event: &'a str,
    reference: &'a str,
    idempotency_key: &'a str,
    received_at: String,
    submitted_at: &'a str,
    waiting_list: bool,
    answers: BTreeMap<String, Value>,
    consents: BTreeMap<String, Value>,
}

/// Writes the rows as a JSON array.
pub fn json(rows: &[Row], out: impl Write) -> Result<(), serde_json::Error> {
    let exported: Vec<Exported> = rows
        .iter()
        .map(|r| {
            let b = body(r);
            Exported {
                event: &r.event,
                reference: &r.reference,
                idempotency_key: &r.key,
                received_at: utc(r.received_ms),
                submitted_at: &r.submitted_at,
                waiting_list: r.waiting_list,
                answers: b.answers,
                consents: b.consents,
            }
        })
        .collect();
    serde_json::to_writer_pretty(out, &exported)
}

/// Per event: how many, how many waiting, first and last, and for choice questions (when the
/// content is given) how often each option was chosen.
#[derive(Serialize, Debug, PartialEq)]
pub struct EventStats {
    /// The event.
    pub event: String,
    /// Registrations.
    pub count: usize,
    /// Of which on the waiting list.
    pub waiting_list: usize,
    /// The first received.
    pub first: Option<String>,
    /// The last received.
    pub last: Option<String>,
    /// Per choice, multi-choice or checkbox question: option → count.
    pub choices: BTreeMap<String, BTreeMap<String, usize>>,
}

/// The stats of every event in `rows`.
pub fn stats(rows: &[Row], events: Option<&Events>) -> Vec<EventStats> {
    let mut by_event: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        by_event.entry(&r.event).or_default().push(r);
    }
    by_event
        .into_iter()
        .map(|(event, rows)| {
            let mut choices: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
            if let Some(config) = events.and_then(|e| e.get(event)) {
                for q in &config.registration.questions {
                    let options: Vec<String> = match &q.kind {
                        QuestionKind::Choice { options } | QuestionKind::MultiChoice { options } => options.clone(),
                        QuestionKind::Checkbox => vec!["yes".into(), "no".into()],
                        _ => continue,
                    };
                    choices.insert(q.id.clone(), options.into_iter().map(|o| (o, 0)).collect());
                }
                for r in &rows {
                    let b = body(r);
                    for (id, counts) in choices.iter_mut() {
                        let chosen: Vec<String> = match b.answers.get(id) {
                            Some(Value::String(s)) => vec![s.clone()],
                            Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
                            Some(Value::Bool(v)) => vec![cell(&Value::Bool(*v))],
                            _ => vec![],
                        };
                        for c in chosen {
                            *counts.entry(c).or_default() += 1;
                        }
                    }
                }
            }
            EventStats {
                event: event.to_owned(),
                count: rows.len(),
                waiting_list: rows.iter().filter(|r| r.waiting_list).count(),
                first: rows.iter().map(|r| r.received_ms).min().map(utc),
                last: rows.iter().map(|r| r.received_ms).max().map(utc),
                choices,
            }
        })
        .collect()
}

/// The stats as text, one block per event.
pub fn stats_text(stats: &[EventStats]) -> String {
    let mut s = String::new();
    for e in stats {
        s += &format!(
            "{}: {} registrations ({} on the waiting list), first {}, last {}\n",
            e.event,
            e.count,
            e.waiting_list,
            e.first.as_deref().unwrap_or("-"),
            e.last.as_deref().unwrap_or("-")
        );
        for (q, counts) in &e.choices {
            let listed: Vec<String> = counts.iter().map(|(o, n)| format!("{o}: {n}")).collect();
            s += &format!("  {q}: {}\n", listed.join(", "));
        }
    }
    if stats.is_empty() {
        s += "no registrations\n";
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx"] {
            assert!(neutralize(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutralize("Zoë"), "Zoë");
        assert_eq!(neutralize("a=b"), "a=b");
    }

    #[test]
    fn times_are_utc_with_milliseconds() {
        assert_eq!(utc(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(utc(1_700_000_000_123), "2023-11-14T22:13:20.123Z");
    }
}
