//! Every answer that is not a stored registration, each one JSON [`Refusal`] with its status.

use axum::extract::rejection::JsonRejection;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use events_model::registration::received::Refusal;

use crate::store::StoreError;

/// Why the service does not take a request.
#[derive(Debug)]
pub enum ApiError {
    /// No route answers the address.
    NoSuchAddress,
    /// The address names an event the service takes no registrations for.
    UnknownEvent,
    /// The body is not declared `application/json`: a browser sends such bodies from any site
    /// without asking first (a "simple" request), so they are never taken.
    NotJson,
    /// The body could not be read as JSON, or is not a registration (with what was wrong).
    Malformed(String),
    /// The body could not be read at all (too large, cut off), with the status axum chose.
    Unreadable(StatusCode, String),
    /// Something in the request contradicts itself (key, event, reference).
    Inconsistent(&'static str),
    /// The registration was judged and refused: closed, not open yet, or fields to fix.
    Refused(Refusal),
    /// The idempotency key was used for a registration with different answers.
    KeyConflict,
    /// The client sent too many requests; it may retry after this many seconds.
    RateLimited(u64),
    /// The database did not store it; the form retries.
    Unavailable(StoreError),
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::NotJson,
            JsonRejection::JsonSyntaxError(e) => ApiError::Malformed(e.body_text()),
            JsonRejection::JsonDataError(e) => ApiError::Malformed(e.body_text()),
            other => ApiError::Unreadable(other.status(), other.body_text()),
        }
    }
}

impl ApiError {
    /// The status of the answer.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::NoSuchAddress | ApiError::UnknownEvent => StatusCode::NOT_FOUND,
            ApiError::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Malformed(_) | ApiError::Inconsistent(_) => StatusCode::BAD_REQUEST,
            ApiError::Unreadable(status, _) => *status,
            ApiError::Refused(_) | ApiError::KeyConflict => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The body of the answer.
    fn refusal(self) -> Refusal {
        match self {
            ApiError::Refused(refusal) => refusal,
            ApiError::NoSuchAddress => Refusal::whole("There is no such address on this registration service."),
            ApiError::UnknownEvent => Refusal::whole("This registration service takes no registrations for that event."),
            ApiError::NotJson => Refusal::whole("The registration must be sent as JSON, with `Content-Type: application/json`."),
            ApiError::Malformed(why) => Refusal::whole(format!("The registration is not in the expected JSON format ({why}).")),
            ApiError::Unreadable(_, why) => Refusal::whole(format!("The registration could not be read ({why}).")),
            ApiError::Inconsistent(why) => Refusal::whole(why),
            ApiError::KeyConflict => Refusal::whole(
                "This registration's idempotency key was already used for a registration with different answers; register again to send a new one.",
            ),
            ApiError::RateLimited(_) => Refusal::whole("Too many registrations from your address just now; it is retried shortly."),
            ApiError::Unavailable(_) => Refusal::whole("The registration service could not store this just now; it is retried."),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let retry_after = match &self {
            ApiError::RateLimited(seconds) => Some(HeaderValue::from(*seconds)),
            ApiError::Unavailable(e) => {
                tracing::error!(error = %e, "registration not stored");
                Some(HeaderValue::from_static("1"))
            }
            _ => None,
        };
        let mut response = (status, Json(self.refusal())).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, seconds);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_is_json_with_its_status() {
        for (error, status) in [
            (ApiError::NotJson, 415),
            (ApiError::Malformed("x".into()), 400),
            (ApiError::Unreadable(StatusCode::PAYLOAD_TOO_LARGE, "big".into()), 413),
            (ApiError::KeyConflict, 422),
            (ApiError::RateLimited(7), 429),
            (ApiError::UnknownEvent, 404),
        ] {
            let r = error.into_response();
            assert_eq!(r.status().as_u16(), status);
            assert_eq!(r.headers()[header::CONTENT_TYPE], "application/json");
        }
        let limited = ApiError::RateLimited(7).into_response();
        assert_eq!(limited.headers()[header::RETRY_AFTER], "7");
    }
}
