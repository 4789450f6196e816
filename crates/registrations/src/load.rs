//! `registrations load`: a load generator for the benchmark and the crash test. It sends
//! `count` valid registrations (new keys) from `concurrency` clients to a service on this
//! computer, retrying each (same key, same body) until it is answered 2xx, and reports
//! registrations per second and latency percentiles.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use events_model::registration::delivery::{idempotency_key, reference, RegistrationBody};
use events_model::registration::validate::{Answer, FormValues};
use events_model::registration::{QuestionKind, Registration};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// What to send.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The endpoint (`http://127.0.0.1:PORT/events/<event>/registrations`).
    pub url: String,
    /// The event's slug.
    pub event: String,
    /// Its registration (to answer every question validly).
    pub registration: Registration,
    /// Registrations to send.
    pub count: usize,
    /// Clients sending at once.
    pub concurrency: usize,
    /// Attempts per registration before giving up.
    pub max_attempts: u32,
    /// The wait between attempts.
    pub retry_wait: Duration,
    /// Give up on an attempt after this long.
    pub timeout: Duration,
}

/// What a run came to.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Keys answered 2xx, in the order answered.
    pub accepted: Vec<String>,
    /// Keys never answered 2xx.
    pub failed: Vec<String>,
    /// Requests sent, retries included.
    pub requests: usize,
    /// Per accepted registration: from its first attempt until its 2xx.
    pub latencies: Vec<Duration>,
    /// The whole run.
    pub elapsed: Duration,
}

impl Report {
    /// The `p`th percentile (0..=100) of the latencies.
    pub fn percentile(&self, p: f64) -> Duration {
        let mut l = self.latencies.clone();
        l.sort();
        if l.is_empty() {
            return Duration::ZERO;
        }
        let i = ((p / 100.0) * (l.len() - 1) as f64).round() as usize;
        l[i.min(l.len() - 1)]
    }

    /// Accepted registrations per second.
    pub fn rate(&self) -> f64 {
        self.accepted.len() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// One line of figures.
    pub fn line(&self) -> String {
        format!(
            "{} registrations accepted ({} failed) in {:.2} s: {:.0} registrations/s; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {} requests",
            self.accepted.len(),
            self.failed.len(),
            self.elapsed.as_secs_f64(),
            self.rate(),
            self.percentile(50.0).as_secs_f64() * 1000.0,
            self.percentile(99.0).as_secs_f64() * 1000.0,
            self.percentile(100.0).as_secs_f64() * 1000.0,
            self.requests
        )
    }
}

/// Valid answers to every question of `reg`, different for each `i`.
pub fn answers(reg: &Registration, i: usize) -> FormValues {
    let mut v = FormValues::default();
    for q in &reg.questions {
        let a = match (&q.kind, q.id.as_str()) {
            (QuestionKind::Email, _) => Answer::Text(format!("load-{i}@example.org")),
            (_, "name") => Answer::Text(format!("Zoë Ådahl-Nguyễn {i}")),
            (QuestionKind::Text(_) | QuestionKind::LongText(_), _) if q.required => Answer::Text("Istio".into()),
            (QuestionKind::Choice { options }, _) => Answer::Text(options[i % options.len()].clone()),
            (QuestionKind::MultiChoice { options }, _) => Answer::Choices(vec![options[i % options.len()].clone()]),
            (QuestionKind::Number { min, .. }, _) => Answer::Text(min.unwrap_or(1).to_string()),
            (QuestionKind::Checkbox, _) => Answer::Checked(i.is_multiple_of(2)),
            _ => continue,
        };
        v.answers.insert(q.id.clone(), a);
    }
    for c in &reg.consents {
        v.consents.insert(c.id.clone(), true);
    }
    v
}

/// Why a run could not start.
#[derive(Debug)]
pub struct NotLoopback(pub String);

impl std::fmt::Display for NotLoopback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not on this computer: the load generator only sends to 127.0.0.1, localhost or [::1]", self.0)
    }
}

impl std::error::Error for NotLoopback {}

/// Sends the plan's registrations and reports. `on_accepted` is called with each key as soon
/// as it is answered 2xx (the crash test writes them down before it kills the service).
pub async fn run(plan: Plan, on_accepted: impl Fn(&str) + Send + Sync + 'static) -> Result<Report, NotLoopback> {
    if !events_model::registration::is_loopback_url(&plan.url) || plan.url.starts_with("https://") {
        return Err(NotLoopback(plan.url));
    }
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(plan.concurrency).build_http();
    let next = Arc::new(AtomicUsize::new(0));
    let report = Arc::new(Mutex::new(Report::default()));
    let on_accepted = Arc::new(on_accepted);
    let started = Instant::now();
    let plan = Arc::new(plan);
    let mut workers = Vec::new();
    for _ in 0..plan.concurrency.max(1) {
        let (client, next, report, plan, on_accepted) = (client.clone(), next.clone(), report.clone(), plan.clone(), on_accepted.clone());
        workers.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= plan.count {
                    break;
                }
                let random: [u8; 16] = std::array::from_fn(|_| fastrand::u8(..));
                let key = idempotency_key(random);
                let values = answers(&plan.registration, i);
                let submitted = jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
                let body = RegistrationBody::new(&plan.registration, &plan.event, &values, &key, &reference(random), &submitted);
                let body = Bytes::from(serde_json::to_string(&body).unwrap_or_default());
                let first = Instant::now();
                let mut done = false;
                for _ in 0..plan.max_attempts {
                    let request = hyper::Request::post(&plan.url)
                        .header("content-type", "application/json")
                        .header("idempotency-key", &key)
                        .body(Full::new(body.clone()));
                    let Ok(request) = request else { break };
                    report.lock().unwrap_or_else(|p| p.into_inner()).requests += 1;
                    let answered = tokio::time::timeout(plan.timeout, async {
                        let answer = client.request(request).await.ok()?;
                        let status = answer.status();
                        answer.into_body().collect().await.ok()?;
                        Some(status)
                    })
                    .await;
                    match answered {
                        Ok(Some(status)) if status.is_success() => {
                            on_accepted(&key);
                            let mut r = report.lock().unwrap_or_else(|p| p.into_inner());
                            r.accepted.push(key.clone());
                            r.latencies.push(first.elapsed());
                            done = true;
                            break;
                        }
                        Ok(Some(status)) if status.is_client_error() && ![408, 409, 425, 429].contains(&status.as_u16()) => break,
                        _ => tokio::time::sleep(plan.retry_wait).await,
                    }
                }
                if !done {
                    report.lock().unwrap_or_else(|p| p.into_inner()).failed.push(key);
                }
            }
        }));
    }
    for w in workers {
        let _ = w.await;
    }
    let mut report = Arc::try_unwrap(report).map_or_else(|r| r.lock().unwrap_or_else(|p| p.into_inner()).clone(), |m| m.into_inner().unwrap_or_else(|p| p.into_inner()));
    report.elapsed = started.elapsed();
    Ok(report)
}
