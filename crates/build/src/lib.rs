//! The site's build beyond Trunk's Wasm bundle: the data compiled from the content before it,
//! and what turns Trunk's output into the published site after it. Trunk's hooks call the
//! `site-build` binary (Trunk.toml); release builds prerender every page with the app's own
//! components (`site-prerender`, feature `prerender`).
//!
//! - [`data`]: the content checked and compiled into `data/` (by [`events_content`]), with the
//!   calendars and schedules of [`interchange`].
//! - [`interchange`]: calendars (`.ics`), `schedule.json` and `schedule.xml` for other programs.
//! - [`html`]: Trunk's `index.html` made into the pages' shell, share tags, the 404 page; every
//!   edit through an HTML rewriter ([`lol_html`]), never by searching the text.
//! - [`csp`]: the Content-Security-Policy, from the built pages, for every host.
//! - [`sitemap`]: `sitemap.xml` and `robots.txt`.
//! - [`offline`]: the web app manifest, its icons and the service worker (Workbox).
//! - [`pages`] (feature `prerender`): the prerendering driver, page by page of the site map.
//! - [`BuildError`]: what can go wrong, with the file it concerns.

use std::io;
use std::path::{Path, PathBuf};

pub mod csp;
pub mod data;
pub mod html;
pub mod interchange;
pub mod offline;
#[cfg(feature = "prerender")]
pub mod pages;
pub mod sitemap;

/// Why the build failed, with the file (or page) it concerns.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A data file is not what the site's data is.
    #[error("{}: {source}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        source: serde_json::Error,
    },
    /// A page could not be rewritten (its HTML is beyond what the rewriter takes).
    #[error("{}: the HTML could not be rewritten: {source}", path.display())]
    Html {
        /// The page.
        path: PathBuf,
        /// What the rewriter said.
        source: lol_html::errors::RewritingError,
    },
    /// A built page breaks a rule of the site (an inline script that is not the site's own, an
    /// attribute the Content-Security-Policy would block, no `<head>`).
    #[error("{}: {problem}", path.display())]
    Page {
        /// The page.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },
    /// The content folder is not a folder.
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// The content has errors (printed before, each as `file:line: field: message`).
    #[error("the site was not built: fix the errors above, then save again")]
    Content {
        /// The content folder.
        dir: PathBuf,
        /// How many errors.
        errors: usize,
    },
    /// An event's schedule could not be made (its zone, or a time out of the zone's range).
    #[error("{}: {source}", path.display())]
    Schedule {
        /// The schedule file (`<event>/schedule.json`).
        path: PathBuf,
        /// Why.
        source: interchange::schedule::ScheduleError,
    },
    /// `SITE_URL` is not an address the site can live at.
    #[error(transparent)]
    SiteUrl(#[from] events_model::site::BadSiteUrl),
    /// A tool the build runs failed or is missing.
    #[error("{tool}: {problem}")]
    Tool {
        /// The tool's name.
        tool: String,
        /// What happened.
        problem: String,
    },
    /// The content has no data for one of its pages (a build of mismatched files).
    #[cfg(feature = "prerender")]
    #[error(transparent)]
    MissingData(#[from] istio_events_site::prerender::MissingData),
}

impl BuildError {
    /// An I/O error about `path`.
    pub fn io(path: &Path) -> impl FnOnce(io::Error) -> BuildError + '_ {
        move |source| BuildError::Io { path: path.to_owned(), source }
    }

    /// A rewriting error about `path`.
    pub fn html(path: &Path) -> impl FnOnce(lol_html::errors::RewritingError) -> BuildError + '_ {
        move |source| BuildError::Html { path: path.to_owned(), source }
    }

    /// A broken rule of the site on page `path`.
    pub fn page(path: &Path, problem: impl Into<String>) -> BuildError {
        BuildError::Page { path: path.to_owned(), problem: problem.into() }
    }
}

/// The rewriter's settings with `handlers`, in their order (lol_html takes them one by one).
pub(crate) fn rewriting<'h, 's>(
    handlers: Vec<(std::borrow::Cow<'s, lol_html::Selector>, lol_html::ElementContentHandlers<'h>)>,
) -> lol_html::RewriteStrSettings<'h, 's> {
    handlers.into_iter().fold(lol_html::RewriteStrSettings::new(), lol_html::RewriteStrSettings::append_element_content_handler)
}

/// Reads `path` as text.
pub fn read(path: &Path) -> Result<String, BuildError> {
    std::fs::read_to_string(path).map_err(BuildError::io(path))
}

/// Writes `text` to `path`, making its folder first.
pub fn write(path: &Path, text: &str) -> Result<(), BuildError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(BuildError::io(parent))?;
    }
    std::fs::write(path, text).map_err(BuildError::io(path))
}

/// Reads `path` as JSON.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, BuildError> {
    serde_json::from_str(&read(path)?).map_err(|source| BuildError::Json { path: path.to_owned(), source })
}
