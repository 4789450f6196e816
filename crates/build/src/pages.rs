//! The prerendering driver: every page of the site map ([`Page::every`]) rendered by the app's
//! own components (`istio_events_site::prerender`) into the shell made from Trunk's page, with
//! share tags on event overviews, the 404 page without the app, the sitemap and robots.txt,
//! and then the Content-Security-Policy of what was written.

use std::path::{Path, PathBuf};

use events_model::site::{Icon, NotFoundPage, OfflineFile, OfflineRender};
use events_model::{DataFile, Event, Page, PageKind, SiteAddress, SiteIndex, SitePath, SpeakerPage, Timestamp};
use istio_events_site::app::Content;
use istio_events_site::data::Handover;
use istio_events_site::prerender::{remember_all, render, render_page, BODY_MARKER, HYDRATION_GLOBALS};

use crate::{csp, html, offline, read, read_json, sitemap, write, BuildError};

/// What a run wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Pages of the site map, and the 404 page.
    pub pages: usize,
}

/// Prerenders every page of the content compiled into `dir/data/` into `dir` (Trunk's output,
/// with its `index.html`), for the site at `site`, as built at `built_at`. With `offline`, the
/// pages name the web app manifest, and the offline page, manifest and icons are written (the
/// service worker comes after, from the finished folder: [`offline::worker`]).
pub fn prerender(dir: &Path, site: &SiteAddress, built_at: Timestamp, offline: bool) -> Result<Written, BuildError> {
    let index_html = dir.join("index.html");
    let trunk_page = read(&index_html)?;
    if trunk_page.contains(Handover::ELEMENT_ID) {
        return Err(BuildError::page(&index_html, "a prerendered page already: run on Trunk's fresh output"));
    }
    // The only inline scripts the policy may allow: Trunk's and the prerenderer's.
    let own = csp::OwnScripts::from_html(&[&trunk_page, HYDRATION_GLOBALS]).map_err(BuildError::html(&index_html))?;
    let colours = offline.then(|| offline::Colours::of(&trunk_page)).transpose().map_err(|problem| BuildError::page(&index_html, problem))?;
    let head = match &colours {
        Some(colours) => format!("{HYDRATION_GLOBALS}{}", offline::head_tags(site, colours)),
        None => HYDRATION_GLOBALS.to_owned(),
    };
    let shell = html::shell(&index_html, &trunk_page, &head, &site.href(&Icon), BODY_MARKER)?;
    let content = read_content(dir)?;
    remember_all(&content);
    let pages = Page::every(&content.events, &content.speakers);
    for page in &pages {
        let file = page_file(dir, page);
        let rendered = render_page(&shell, &content, page, site, built_at)?;
        let overview = (page.kind() == PageKind::Event)
            .then(|| content.index.events.iter().find(|e| Some(&e.slug) == page.event()))
            .flatten();
        write(&file, &html::with_share_tags(&file, &rendered, &site.published_href(page), overview)?)?;
    }
    // The 404 page is plain HTML: it is served at any address, and its links work without the
    // app (which, on a host that answers unknown paths with a page, renders its own 404).
    let not_found = dir.join("404.html");
    write(&not_found, &html::without_app(&not_found, &render(&shell, &site.href(&NotFoundPage), site, None))?)?;
    let mut written = pages.len() + 1;
    if let Some(colours) = &colours {
        // The worker's answer, offline, for a page it does not have: plain HTML like the 404.
        let page = dir.join(OfflineFile::OfflinePage.path().trim_start_matches('/'));
        write(&page, &html::without_app(&page, &render(&shell, &site.href(&OfflineRender), site, None))?)?;
        offline::write(dir, site, colours)?;
        written += 1;
    }
    write(&dir.join("sitemap.xml"), &sitemap::sitemap(site, &pages))?;
    write(&dir.join("robots.txt"), &sitemap::robots(site))?;
    csp::write(dir, &content.events, &own)?;
    Ok(Written { pages: written })
}

/// Where `page` is written under `dir`: `index.html` in its path's folder.
fn page_file(dir: &Path, page: &Page) -> PathBuf {
    dir.join(page.path().trim_start_matches('/')).join("index.html")
}

/// The compiled content in `dir/data/`, read through the site map's data files.
pub fn read_content(dir: &Path) -> Result<Content, BuildError> {
    let at = |file: &DataFile| dir.join(file.path().trim_start_matches('/'));
    let index: SiteIndex = read_json(&at(&DataFile::Index))?;
    let events = index
        .events
        .iter()
        .map(|summary| read_json::<Event>(&at(&DataFile::Event(summary.slug.clone()))))
        .collect::<Result<Vec<_>, _>>()?;
    // Every speaker page the compile wrote (a speaker file of any event), in file-name order.
    let folder = dir.join("data/speakers");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(BuildError::io(&folder))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let speakers = files.iter().map(|file| read_json::<SpeakerPage>(file)).collect::<Result<Vec<_>, _>>()?;
    Ok(Content { index, events, speakers })
}
