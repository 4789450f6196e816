//! The Istio community events site: Leptos components and routes.
//!
//! - [`agenda`]: the visitor's starred sessions.
//! - [`download`]: files made in the browser, offered as downloads.
//! - [`app`]: the router, with every route in one place.
//! - [`pages`]: one file per route.
//! - [`components`]: reusable views that take plain data.
//! - [`data`]: fetching the compiled content (the only module that talks to the network).
//! - [`prerender`]: a page rendered to HTML as the site's build writes it (feature `ssr`).
//! - [`start`]: how the app starts in the browser: hydrating a prerendered page, or rendering.
//! - [`clock`]: the current time and the visitor's zone, known only in the browser, and the
//!   `?preview-at=` preview.
//! - [`offline`]: the service worker of a release build: registered, updated, asked to save an event.
//! - [`registration`]: registrations on their way to an endpoint (saved, sent, retried).
//! - [`storage`]: what a visitor keeps in this browser (their zone, their agenda).
//! - [`text`]: text rules taken from the browser (its Unicode lower case).
//! - [`time`]: formatting instants with the browser's `Intl`, in any IANA zone.

// Deeply nested view types (pages of sessions with controls) need more than the default 128.
#![recursion_limit = "256"]

pub mod agenda;
pub mod app;
pub mod clock;
pub mod components;
pub mod data;
pub mod download;
pub mod offline;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod registration;
#[cfg(feature = "hydrate")]
pub mod start;
pub mod storage;
pub mod text;
pub mod time;

pub use app::App;
