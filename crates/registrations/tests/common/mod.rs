//! What the service's tests share: databases (a SQLite file; PostgreSQL too when
//! `REGISTRATIONS_TEST_POSTGRES` names a server), the service on a free port, and requests.

#![allow(dead_code)]

use std::net::IpAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use events_model::registration::Registration;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use registrations::events::{EventConfig, Events};
use registrations::server::{self, Settings};
use registrations::store::{DatabaseUrl, Store};
use registrations::Running;

/// One database to run a test against, removed afterwards (SQLite: its folder).
pub struct Db {
    /// Its address.
    pub url: DatabaseUrl,
    /// What it is, for messages.
    pub name: &'static str,
    _dir: Option<tempfile::TempDir>,
}

/// A fresh SQLite file, and a fresh PostgreSQL database when `REGISTRATIONS_TEST_POSTGRES`
/// (e.g. `postgres://postgres@127.0.0.1:54329/postgres`) is set: every test runs on each.
pub async fn databases() -> Vec<Db> {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut dbs = vec![Db { url: DatabaseUrl::Sqlite(dir.path().join("registrations.sqlite")), name: "sqlite", _dir: Some(dir) }];
    if let Ok(admin) = std::env::var("REGISTRATIONS_TEST_POSTGRES") {
        dbs.push(Db { url: DatabaseUrl::Postgres(fresh_postgres(&admin).await), name: "postgres", _dir: None });
    }
    dbs
}

/// A new, empty PostgreSQL database on the server `admin` points at.
pub async fn fresh_postgres(admin: &str) -> String {
    let client = registrations::store::connect_postgres(admin).await.expect("REGISTRATIONS_TEST_POSTGRES does not connect");
    let name = format!("reg_test_{}", uuid::Uuid::new_v4().simple());
    client.batch_execute(&format!("CREATE DATABASE {name}")).await.expect("create database");
    let (base, query) = admin.split_once('?').map_or((admin, None), |(b, q)| (b, Some(q)));
    let (server, _) = base.rsplit_once('/').expect("a URL with a database");
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

/// The shared fixture's registration (crates/model/tests/fixtures/registration-cases.json).
pub fn fixture() -> serde_json::Value {
    serde_json::from_str(include_str!("../../../model/tests/fixtures/registration-cases.json")).unwrap()
}

/// The events of the tests: `fixture` (the shared fixture's form, open), `small` (two places),
/// `window` (open from 1000 to 2000 on the test clock).
pub fn events() -> Events {
    let reg: Registration = serde_json::from_value(fixture()["registration"].clone()).unwrap();
    let mut small = reg.clone();
    small.capacity = Some(2);
    let mut window = reg.clone();
    window.opens = events_model::Timestamp(1000);
    window.closes = events_model::Timestamp(2000);
    let config = |name: &str, registration: Registration| EventConfig { name: name.to_owned(), registration, ics: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_owned() };
    [("fixture", config("Fixture Con", reg)), ("small", config("Small Con", small)), ("window", config("Window Con", window))]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

/// Settings for tests: one allowed origin, no rate limit, loopback trusted.
pub fn settings() -> Settings {
    Settings {
        allow_origins: vec!["https://events.istio.io".into()],
        rate_limit_per_minute: 0,
        trusted_proxies: vec![IpAddr::from([127, 0, 0, 1])],
        ignore_dates: false,
    }
}

/// The service under test, with a clock the test moves.
pub struct Service {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Seconds since 1970 as the service sees them.
    pub now: Arc<AtomicI64>,
    running: Running,
}

impl Service {
    /// Stops it (finishing what is in flight).
    pub async fn stop(self) {
        self.running.stop().await;
    }

    /// Sets the service's clock.
    pub fn set_now(&self, seconds: i64) {
        self.now.store(seconds, Ordering::SeqCst);
    }
}

/// Starts the service on a free port of 127.0.0.1.
pub async fn start(db: &DatabaseUrl, settings: Settings, mailer: Option<registrations::mail::Mailer>) -> Service {
    let (store, writer) = Store::open(db).await.expect("open the database");
    start_with(store, writer, settings, mailer).await
}

/// Starts the service with an open store.
pub async fn start_with(store: Store, writer: registrations::store::WriterDone, settings: Settings, mailer: Option<registrations::mail::Mailer>) -> Service {
    let now = Arc::new(AtomicI64::new(1500));
    let clock_now = now.clone();
    let app = server::app(events(), store, settings, Arc::new(move || clock_now.load(Ordering::SeqCst)), mailer);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let running = registrations::start(listener, app, writer, std::future::pending()).unwrap();
    Service { base: format!("http://{}", running.addr), now, running }
}

/// An answer: status, headers, body.
pub struct Answer {
    /// The status.
    pub status: u16,
    /// The headers.
    pub headers: hyper::HeaderMap,
    /// The body as text.
    pub body: String,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The refused fields' form ids (`q-name`, `c-privacy`), in order.
    pub fn refused_fields(&self) -> Vec<String> {
        events_model::registration::received::field_errors(&self.body).iter().map(|(f, _)| f.dom_id()).collect()
    }
}

/// Sends a request.
pub async fn send(method: &str, url: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Answer {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let mut req = hyper::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let answer = client.request(req.body(Full::new(Bytes::from(body))).unwrap()).await.expect("the service answers");
    let status = answer.status().as_u16();
    let headers = answer.headers().clone();
    let body = String::from_utf8(answer.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    Answer { status, headers, body }
}

/// A registration body for `event` with these answers and consents.
pub fn body(event: &str, key: &str, answers: serde_json::Value, consents: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "event": event,
        "idempotency_key": key,
        "reference": "K7QD-M2XA",
        "submitted_at": "2026-03-02T09:14:05Z",
        "answers": answers,
        "consents": consents,
    })
}

/// A valid body for the fixture's form.
pub fn valid(event: &str, key: &str, name: &str) -> serde_json::Value {
    body(
        event,
        key,
        serde_json::json!({"name": name, "email": "zoe@example.com", "experience": "Longer", "languages": ["中文"]}),
        serde_json::json!({"code-of-conduct": true, "updates": false}),
    )
}

/// POSTs a registration (with its key in the header too).
pub async fn register(base: &str, event: &str, body: &serde_json::Value) -> Answer {
    let key = body["idempotency_key"].as_str().unwrap_or("").to_owned();
    send(
        "POST",
        &format!("{base}/events/{event}/registrations"),
        &[("content-type", "application/json"), ("idempotency-key", &key), ("origin", "https://events.istio.io")],
        serde_json::to_vec(body).unwrap(),
    )
    .await
}

/// A new idempotency key.
pub fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}
