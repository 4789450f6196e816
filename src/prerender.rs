//! Rendering the app's pages to HTML (feature `ssr`), as the site's build writes them
//! (`crates/build`, `site-prerender`): the app rendered for a page's address into the page's
//! shell (Trunk's `index.html` as the build prepares it, with [`BODY_MARKER`] for its body),
//! with its title and meta tags in `<head>` and the data it was rendered from ([`Handover`])
//! last in `<body>`. In the library so that the build and its tests render a page exactly the
//! same way: `crates/build/tests/hydration_fixture.rs` keeps such a page as the fixture that
//! the in-browser test (`tests/web.rs`) hydrates.

use events_model::{DataFile, Page, Timestamp};
use futures::StreamExt;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

use crate::app::Content;
use crate::clock::BuiltAt;
use crate::data::{self, Handover, HandoverData, SiteAddress};
use crate::App;

/// Defined before the Wasm starts: Leptos' hydration reads them (no server resources here).
pub const HYDRATION_GLOBALS: &str =
    "<script>window.__RESOLVED_RESOURCES=[];window.__SERIALIZED_ERRORS=[];window.__INCOMPLETE_CHUNKS=[];</script>";

/// Puts every data file of `content` where the app's pages look for it ([`data::cached`]):
/// the prerenderer has all of it at hand, so a page never waits for data.
pub fn remember_all(content: &Content) {
    data::remember(DataFile::Index, content.index.clone());
    for event in &content.events {
        let slug = &event.summary.slug;
        data::remember(DataFile::Event(slug.clone()), event.clone());
        data::remember(DataFile::Outline(slug.clone()), event.outline());
    }
    for speaker in &content.speakers {
        data::remember(DataFile::Speaker(speaker.slug.clone()), speaker.clone());
    }
}

/// A page whose data the content does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingData {
    /// The page.
    pub page: Page,
    /// The data file it shows.
    pub file: DataFile,
}

impl std::fmt::Display for MissingData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use events_model::SitePath;
        write!(f, "{}: the content has no data file {} for it", self.page.path(), self.file.path())
    }
}

impl std::error::Error for MissingData {}

/// The data file `page` shows ([`Page::data`]), as the page hands it over.
pub fn handed_over(content: &Content, page: &Page) -> Result<HandoverData, MissingData> {
    let file = page.data();
    let event = |slug: &events_model::Slug| content.events.iter().find(|e| &e.summary.slug == slug);
    let found = match &file {
        DataFile::Index => Some(HandoverData::Index(content.index.clone())),
        DataFile::Speaker(slug) => content.speakers.iter().find(|s| &s.slug == slug).map(|s| HandoverData::Speaker(Box::new(s.clone()))),
        DataFile::Outline(slug) => event(slug).map(|e| HandoverData::Event(Box::new(e.outline()))),
        DataFile::Event(slug) => event(slug).map(|e| HandoverData::Event(Box::new(e.clone()))),
    };
    found.ok_or_else(|| MissingData { page: page.clone(), file })
}

/// The page `page` of `content` as built at `built_at` for the site at `site` (at its address
/// under the site's base): [`render`]ed into `shell` with the data it shows handed over.
/// [`remember_all`] must have run first.
pub fn render_page(shell: &str, content: &Content, page: &Page, site: &SiteAddress, built_at: Timestamp) -> Result<String, MissingData> {
    let handover = Handover {
        built_at,
        url: site.href(page),
        site: site.clone(),
        files: vec![(page.data(), handed_over(content, page)?)],
    };
    Ok(render(shell, &handover.url, site, Some(&handover)))
}

/// Where a page's body goes in its shell.
pub const BODY_MARKER: &str = "<!--BODY-->";

/// The page at `url` (the address's path, under the site's base): the app rendered into
/// `shell` (a page with [`BODY_MARKER`] as its body and leptos_meta's `<!--HEAD-->` marker in
/// its head), with the page's title and meta tags in `<head>` and, last in `<body>`, the data
/// it was rendered from (none for the 404 page, which starts no app).
pub fn render(shell: &str, url: &str, site: &SiteAddress, handover: Option<&Handover>) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(url));
        provide_context(site.clone());
        if let Some(handover) = handover {
            provide_context(BuiltAt(handover.built_at));
        }
        let (meta, meta_output) = ServerMetaContext::new();
        provide_context(meta);
        let body = view! { <App /> }.to_html();
        let body = match handover {
            Some(handover) => format!("{body}{}", handover.to_script()),
            None => body,
        };
        let document = shell.replacen(BODY_MARKER, &body, 1);
        futures::executor::block_on(async move {
            let stream = futures::stream::once(async move { document });
            meta_output.inject_meta_context(Box::pin(stream)).await.collect::<String>().await
        })
    })
}
