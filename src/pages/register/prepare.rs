//! The registration to save and send, made from the form's answers.

use events_model::registration::delivery::{idempotency_key, reference, summary, RegistrationBody, StoredRegistration};
use leptos::prelude::*;

use super::state::FormState;
use crate::data::SiteAddress;
use crate::registration::random_bytes;
use crate::time;

/// Why a registration could not be prepared (nothing is sent then).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum PrepareError {
    /// The event has no endpoint and no preview endpoint was given.
    NoEndpoint,
    /// The body could not be written as JSON.
    Json(String),
}

impl std::fmt::Display for PrepareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrepareError::NoEndpoint => write!(f, "this event has no registration endpoint"),
            PrepareError::Json(e) => write!(f, "the registration could not be written ({e})"),
        }
    }
}

/// The registration to save and send: a new idempotency key and reference, the JSON body, and
/// the summary and input kept for the confirmation (or a refusal).
pub(super) fn prepare(slug: &str, form: FormState, site: &SiteAddress, preview_endpoint: Option<String>) -> Result<StoredRegistration, PrepareError> {
    let random = random_bytes();
    let (key, reference) = (idempotency_key(random), reference(random));
    let values = form.values.get_untracked();
    form.reg.with_value(|reg| {
        let endpoint = preview_endpoint.or_else(|| reg.endpoint.as_deref().map(|e| site.endpoint(e))).ok_or(PrepareError::NoEndpoint)?;
        let body = RegistrationBody::new(reg, slug, &values, &key, &reference, &time::iso_utc(time::now()));
        let body = serde_json::to_string(&body).map_err(|e| PrepareError::Json(e.to_string()))?;
        Ok(StoredRegistration {
            version: StoredRegistration::VERSION,
            event: slug.to_owned(),
            endpoint,
            key,
            reference,
            body,
            summary: summary(reg, &values),
            values,
        })
    })
}
