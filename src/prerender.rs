//! Rendering the app's pages to HTML (feature `ssr`), as the `prerender` binary writes them
//! (`src/bin/prerender.rs`): the app rendered for a page's address into Trunk's `index.html`,
//! with its title and meta tags in `<head>` and the data it was rendered from ([`Handover`])
//! last in `<body>`. In the library so that tests render a page exactly as the site's build
//! does: `tests/hydration_fixture.rs` keeps such a page as the fixture that the in-browser test
//! (`tests/web.rs`) hydrates.

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
/// under the site's base): [`render`]ed into `template` with the data it shows handed over.
/// [`remember_all`] must have run first.
pub fn render_page(template: &str, content: &Content, page: &Page, site: &SiteAddress, built_at: Timestamp) -> Result<String, MissingData> {
    let handover = Handover {
        built_at,
        url: site.href(page),
        site: site.clone(),
        files: vec![(page.data(), handed_over(content, page)?)],
    };
    Ok(render(template, &handover.url, site, Some(&handover)))
}

/// The page at `url` (the address's path, under the site's base): the app rendered into
/// Trunk's `index.html`, with the page's title and meta tags in `<head>` and, last in `<body>`,
/// the data it was rendered from (none for the 404 page, which starts no app).
pub fn render(template: &str, url: &str, site: &SiteAddress, handover: Option<&Handover>) -> String {
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
        let document = fill_template(template, HYDRATION_GLOBALS, &body);
        futures::executor::block_on(async move {
            let stream = futures::stream::once(async move { document });
            meta_output.inject_meta_context(Box::pin(stream)).await.collect::<String>().await
        })
    })
}

/// Trunk's page with its `<title>` removed (the page sets its own), `head_extra` before its
/// scripts, and `body` as the whole of `<body>`.
pub fn fill_template(template: &str, head_extra: &str, body: &str) -> String {
    let mut html = template.to_owned();
    if let (Some(start), Some(end)) = (html.find("<title>"), html.find("</title>")) {
        html.replace_range(start..end + "</title>".len(), "");
    }
    // Ahead of Trunk's links and module script; the page's meta tags and title go right after
    // the <!--HEAD--> marker, where leptos_meta looks for them when it hydrates.
    let at = html.find("<link").or_else(|| html.find("</head>")).unwrap_or(0);
    html.insert_str(at, &format!("<!--HEAD-->{head_extra}"));
    if let (Some(open), Some(close)) = (html.find("<body"), html.rfind("</body>")) {
        let open_end = html[open..].find('>').map_or(open, |i| open + i + 1);
        html.replace_range(open_end..close, body);
    }
    html
}
