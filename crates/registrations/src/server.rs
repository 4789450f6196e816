//! The HTTP service: `POST /events/<event>/registrations` and `GET /healthz`, mounted at the root
//! and nested under `/api` (for a proxy that keeps the prefix), with CORS for the configured
//! origins, a body limit, a timeout and a per-client rate limit. Only `application/json` bodies
//! are read (415 otherwise); every other answer is an [`ApiError`].

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use events_model::registration::received::{check_received, ReceivedBody, Refusal};
use events_model::registration::RegistrationState;
use events_model::Timestamp;
use serde::{Deserialize, Serialize};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::error::ApiError;
use crate::events::{Events, JsPatterns};
use crate::limit::RateLimit;
use crate::mail::Mailer;
use crate::store::{now_ms, NewRegistration, Receipt, Store, Stored};

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
    let state = AppState { events: Arc::new(events), store, settings: Arc::new(settings), clock, mailer };
    let routes = Router::new()
        .route("/events/{event}/registrations", post(register))
        .route_layer(axum::middleware::from_fn_with_state(limit, crate::limit::middleware))
        .route("/healthz", get(healthz));
    Router::new()
        .merge(routes.clone())
        .nest("/api", routes)
        .fallback(|| async { ApiError::NoSuchAddress })
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(cors)
        .with_state(state)
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
struct Accepted {
    reference: String,
    /// `registered` or `waiting_list`.
    status: &'static str,
    waiting_list: bool,
    message: String,
}

/// What a stored registration is answered (201), new or a repeat of one stored before.
type Created = (StatusCode, Json<Accepted>);

fn accepted(event: &str, receipt: &Receipt, repeat: bool, name: &str) -> Created {
    let message = if receipt.waiting_list {
        format!("You are on the waiting list for {name}: every place is taken. We will write if one becomes free.")
    } else {
        format!("You are registered for {name}.")
    };
    tracing::info!(event, reference = receipt.reference, outcome = if repeat { "repeat" } else { "stored" }, waiting_list = receipt.waiting_list, "registration");
    let status = if receipt.waiting_list { "waiting_list" } else { "registered" };
    (StatusCode::CREATED, Json(Accepted { reference: receipt.reference.clone(), status, waiting_list: receipt.waiting_list, message }))
}

/// A registration's body, read once: the fields, and its canonical JSON (keys sorted), so a
/// repeat is the same registration whatever its spacing.
struct Body {
    received: ReceivedBody,
    canonical: String,
}

impl Body {
    fn read(body: Result<Json<serde_json::Value>, JsonRejection>) -> Result<Body, ApiError> {
        let Json(value) = body?;
        let received = ReceivedBody::deserialize(&value).map_err(|e| ApiError::Malformed(e.to_string()))?;
        Ok(Body { canonical: value.to_string(), received })
    }

    /// The request's parts agree with each other and with its address.
    fn check(&self, event: &str, headers: &HeaderMap) -> Result<(), ApiError> {
        let received = &self.received;
        let header_key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::trim);
        if header_key.is_some_and(|k| k != received.idempotency_key) {
            return Err(ApiError::Inconsistent("The Idempotency-Key header and the body's idempotency_key differ."));
        }
        if uuid::Uuid::parse_str(&received.idempotency_key).is_err() {
            return Err(ApiError::Inconsistent("The idempotency key is not a UUID."));
        }
        if received.event != event {
            return Err(ApiError::Inconsistent("The registration is for another event than its address."));
        }
        let reference = &received.reference;
        if reference.trim().is_empty() || reference.chars().count() > 64 || reference.chars().any(char::is_control) {
            return Err(ApiError::Inconsistent("The reference is empty, longer than 64 characters, or has control characters."));
        }
        Ok(())
    }
}

async fn register(
    State(state): State<AppState>,
    Path(event): Path<String>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<Created, ApiError> {
    let config = state.events.get(&event).ok_or(ApiError::UnknownEvent)?;
    let Body { received, canonical } = {
        let body = Body::read(body)?;
        body.check(&event, &headers)?;
        body
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
        return match state.store.lookup(&received.idempotency_key, &canonical).await.map_err(ApiError::Unavailable)? {
            Some(Stored::Repeat(receipt) | Stored::New(receipt)) => Ok(accepted(&event, &receipt, true, &config.name)),
            Some(Stored::Conflict) => Err(conflict(&event)),
            None => {
                tracing::info!(event, outcome = "refused", fields = refusal.errors.len(), "registration");
                Err(ApiError::Refused(refusal))
            }
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
    match state.store.submit(new).await.map_err(ApiError::Unavailable)? {
        Stored::Conflict => Err(conflict(&event)),
        Stored::Repeat(receipt) => Ok(accepted(&event, &receipt, true, &config.name)),
        Stored::New(receipt) => {
            if let Some(mailer) = &state.mailer {
                confirm(mailer, &received, &config.name, &receipt, config.ics.clone());
            }
            Ok(accepted(&event, &receipt, false, &config.name))
        }
    }
}

/// Queues the confirmation of a new registration, when it gave an address.
fn confirm(mailer: &Mailer, received: &ReceivedBody, event: &str, receipt: &Receipt, ics: String) {
    let text = |id: &str| received.answers.get(id).and_then(|v| v.as_str()).map(str::to_owned);
    let Some(to) = text("email") else { return };
    mailer.queue(crate::mail::Confirmation {
        key: received.idempotency_key.clone(),
        to,
        name: text("name"),
        event: event.to_owned(),
        reference: receipt.reference.clone(),
        waiting_list: receipt.waiting_list,
        ics,
    });
}

fn conflict(event: &str) -> ApiError {
    tracing::info!(event, outcome = "key conflict", "registration");
    ApiError::KeyConflict
}
