//! The HTTP service: `POST /events/<event>/registrations` (also under `/api/`, for a proxy that
//! keeps the prefix) and `GET /healthz`, with CORS for the configured origins, a body limit, a
//! timeout and a per-client rate limit.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use events_model::registration::received::{check_received, ReceivedBody, Refusal};
use events_model::registration::RegistrationState;
use events_model::Timestamp;
use serde::Serialize;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::events::{Events, JsPatterns};
use crate::limit::RateLimit;
use crate::mail::Mailer;
use crate::store::{now_ms, NewRegistration, Store, Stored};

/// The largest body accepted.
pub const BODY_LIMIT: usize = 64 * 1024;

/// How long a request may take before it is answered 408 (the form retries it).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Settings of the service.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Origins whose pages may send registrations (`https://events.istio.io`).
    pub allow_origins: Vec<String>,
    /// Requests per minute per client; 0: no limit.
    pub rate_limit_per_minute: u32,
    /// Proxies whose `X-Forwarded-For` names the client (nginx on this machine).
    pub trusted_proxies: Vec<IpAddr>,
    /// Accept registrations whatever the dates (development and tests only).
    pub ignore_dates: bool,
}

/// The clock the dates are checked with (seconds since 1970).
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// What every request can reach.
#[derive(Clone)]
pub struct AppState {
    events: Arc<Events>,
    store: Store,
    settings: Arc<Settings>,
    clock: Clock,
    mailer: Option<Mailer>,
    limit: RateLimit,
}

/// The service's routes and layers.
pub fn app(events: Events, store: Store, settings: Settings, clock: Clock, mailer: Option<Mailer>) -> Router {
    let limit = RateLimit::new(settings.rate_limit_per_minute, settings.trusted_proxies.clone());
    let origins: Vec<HeaderValue> = settings.allow_origins.iter().filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok()).collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST])
        .allow_headers([header::CONTENT_TYPE, HeaderName::from_static("idempotency-key")])
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(600));
    let state = AppState { events: Arc::new(events), store, settings: Arc::new(settings), clock, mailer, limit };
    let registrations = Router::new()
        .route("/events/{event}/registrations", post(register))
        .route("/api/events/{event}/registrations", post(register))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::limit::middleware));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/healthz", get(healthz))
        .merge(registrations)
        .fallback(|| async { json(StatusCode::NOT_FOUND, &Refusal::whole("There is no such address on this registration service.")) })
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(cors)
        .with_state(state)
}

impl AppState {
    /// The rate limiter (for the middleware).
    pub fn limit(&self) -> &RateLimit {
        &self.limit
    }
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.healthy().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "the database does not answer\n").into_response()
        }
    }
}

/// The answer to a registration that is in.
#[derive(Serialize)]
struct Accepted<'a> {
    reference: &'a str,
    /// `registered` or `waiting_list`.
    status: &'static str,
    waiting_list: bool,
    message: String,
}

fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    let text = serde_json::to_string(body).unwrap_or_else(|_| "{}".to_owned());
    (status, [(header::CONTENT_TYPE, "application/json")], text).into_response()
}

fn refuse(status: StatusCode, message: impl Into<String>) -> Response {
    json(status, &Refusal::whole(message))
}

fn accepted(event: &str, stored: &Stored, name: &str) -> Response {
    let (Stored::New(receipt) | Stored::Repeat(receipt)) = stored else { unreachable!("only stored registrations are accepted") };
    let message = if receipt.waiting_list {
        format!("You are on the waiting list for {name}: every place is taken. We will write if one becomes free.")
    } else {
        format!("You are registered for {name}.")
    };
    let body = Accepted { reference: &receipt.reference, status: if receipt.waiting_list { "waiting_list" } else { "registered" }, waiting_list: receipt.waiting_list, message };
    tracing::info!(event, reference = receipt.reference, outcome = if matches!(stored, Stored::New(_)) { "stored" } else { "repeat" }, waiting_list = receipt.waiting_list, "registration");
    json(StatusCode::CREATED, &body)
}

fn unavailable(e: &crate::store::StoreError) -> Response {
    tracing::error!(error = %e, "registration not stored");
    let mut r = refuse(StatusCode::SERVICE_UNAVAILABLE, "The registration service could not store this just now; it is retried.");
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

async fn register(State(state): State<AppState>, Path(event): Path<String>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(config) = state.events.get(&event) else {
        return refuse(StatusCode::NOT_FOUND, "This registration service takes no registrations for that event.");
    };
    let received: ReceivedBody = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => return refuse(StatusCode::BAD_REQUEST, format!("The registration is not in the expected JSON format ({e}).")),
    };
    let header_key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::trim);
    if header_key.is_some_and(|k| k != received.idempotency_key) {
        return refuse(StatusCode::BAD_REQUEST, "The Idempotency-Key header and the body's idempotency_key differ.");
    }
    if uuid::Uuid::parse_str(&received.idempotency_key).is_err() {
        return refuse(StatusCode::BAD_REQUEST, "The idempotency key is not a UUID.");
    }
    if received.event != event {
        return refuse(StatusCode::BAD_REQUEST, "The registration is for another event than its address.");
    }
    let reference_ok = !received.reference.trim().is_empty() && received.reference.chars().count() <= 64 && !received.reference.chars().any(char::is_control);
    if !reference_ok {
        return refuse(StatusCode::BAD_REQUEST, "The reference is empty, longer than 64 characters, or has control characters.");
    }
    // Canonical JSON (keys sorted): a repeat is the same registration whatever its spacing.
    let canonical = match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(v) => v.to_string(),
        Err(e) => return refuse(StatusCode::BAD_REQUEST, format!("The registration is not JSON ({e}).")),
    };
    let reg = &config.registration;

    // The refusals. A key already stored still gets its first answer (a retry of a registration
    // made before closing, answered after it), so each refusal first asks the writer, in turn
    // with any request of that key still being stored.
    let refusal = match (state.settings.ignore_dates, reg.state_at(Timestamp((state.clock)()))) {
        (false, RegistrationState::NotYetOpen) => Some(Refusal::whole(format!("Registration for {} is not open yet.", config.name))),
        (false, RegistrationState::Closed) => Some(Refusal::whole(format!("Registration for {} has closed.", config.name))),
        _ => {
            let problems = check_received(reg, &received, &JsPatterns);
            (!problems.is_empty()).then(|| Refusal::of_fields(reg, &problems))
        }
    };
    if let Some(refusal) = refusal {
        return match state.store.lookup(&received.idempotency_key, &canonical).await {
            Ok(Some(stored @ Stored::Repeat(_))) => accepted(&event, &stored, &config.name),
            Ok(Some(Stored::Conflict)) => conflict(&event),
            Ok(_) => {
                tracing::info!(event, outcome = "refused", fields = refusal.errors.len(), "registration");
                json(StatusCode::UNPROCESSABLE_ENTITY, &refusal)
            }
            Err(e) => unavailable(&e),
        };
    }

    let new = NewRegistration {
        event: event.clone(),
        key: received.idempotency_key.clone(),
        reference: received.reference.trim().to_owned(),
        submitted_at: received.submitted_at.clone(),
        body: canonical,
        received_ms: now_ms(),
        capacity: reg.capacity,
    };
    match state.store.submit(new).await {
        Ok(Stored::Conflict) => conflict(&event),
        Ok(stored) => {
            if let (Stored::New(receipt), Some(mailer)) = (&stored, &state.mailer) {
                let to = received.answers.get("email").and_then(|v| v.as_str()).map(str::to_owned);
                if let Some(to) = to {
                    mailer.queue(crate::mail::Confirmation {
                        key: received.idempotency_key.clone(),
                        to,
                        name: received.answers.get("name").and_then(|v| v.as_str()).map(str::to_owned),
                        event: config.name.clone(),
                        reference: receipt.reference.clone(),
                        waiting_list: receipt.waiting_list,
                        ics: config.ics.clone(),
                    });
                }
            }
            accepted(&event, &stored, &config.name)
        }
        Err(e) => unavailable(&e),
    }
}

fn conflict(event: &str) -> Response {
    tracing::info!(event, outcome = "key conflict", "registration");
    refuse(
        StatusCode::UNPROCESSABLE_ENTITY,
        "This registration's idempotency key was already used for a registration with different answers; register again to send a new one.",
    )
}

/// The client's address: the peer, or the address a trusted proxy forwarded (the right-most
/// `X-Forwarded-For` entry that is not itself a trusted proxy).
pub fn client_address(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer_ip = peer.ip();
    if !trusted.contains(&peer_ip) {
        return peer_ip;
    }
    let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).map(str::trim).collect::<Vec<_>>();
    forwarded.iter().rev().filter_map(|s| s.parse::<IpAddr>().ok()).find(|ip| !trusted.contains(ip)).unwrap_or(peer_ip)
}

/// The peer address of a request (tests without a socket use 127.0.0.1).
pub fn peer(connect: Option<ConnectInfo<SocketAddr>>) -> SocketAddr {
    connect.map_or(SocketAddr::from(([127, 0, 0, 1], 0)), |c| c.0)
}
