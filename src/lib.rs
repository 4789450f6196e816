//! The Istio community events site: Leptos components and routes.
//!
//! - [`app`]: the router, with every route in one place.
//! - [`pages`]: one file per route.
//! - [`components`]: reusable views that take plain data.
//! - [`data`]: fetching the compiled content (the only module that talks to the network).
//! - [`clock`]: the current time and the visitor's zone, known only in the browser, and the
//!   `?preview-at=` preview.
//! - [`registration`]: registrations on their way to an endpoint (saved, sent, retried).
//! - [`time`]: formatting instants with the browser's `Intl`, in any IANA zone.

pub mod app;
pub mod clock;
pub mod components;
pub mod data;
pub mod pages;
pub mod registration;
pub mod time;

pub use app::App;
