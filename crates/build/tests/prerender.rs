//! The prerendering driver on a small built site in a temporary folder: Trunk's page and the
//! compiled data in, every page of the site map, the 404 page, the sitemap, robots.txt and the
//! Content-Security-Policy out.
#![cfg(feature = "prerender")]

use std::path::Path;

use events_model::fixtures::{self, speaker, MON};
use events_model::{DataFile, Page, PageKind, SiteAddress, SiteIndex, SitePath, Timestamp};
use istio_events_site::data::Handover;
use site_build::{pages, BuildError};

/// Trunk's `index.html`, shaped as Trunk.toml makes it: title, stylesheet, icon, the module script.
const TRUNK: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Istio community events</title>\
    <style>/* the site's style */\n:root { --bg: #ffffff; --head-bg: #0e2a47; }\nbody  { margin: 0; }\n</style>\
    <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
    <script type=\"module\">import('/app-0123456789abcdef.js').then(a=>a.default())</script></head>\
    <body><noscript>This site needs JavaScript for some of its parts.</noscript></body></html>";

/// Writes a built site's data (one event with a form, a session and its speaker) and Trunk's page into `dir`.
fn built(dir: &Path) {
    let mut session = fixtures::session("a1", "Ambient mesh in production");
    session.speakers = vec![speaker("Lin Sun", Some("lin-sun"))];
    let mut event = fixtures::event(fixtures::summary("istiocon-2022", "IstioCon 2022"), vec![session.clone()]);
    event.registration = Some(fixtures::registration(MON - 86_400, MON, "https://registration.example/x"));
    let speaker = fixtures::speaker_page("lin-sun", "Lin Sun", &event, &session);
    let index = SiteIndex { events: vec![event.summary.clone()] };
    let put = |file: DataFile, json: String| site_build::write(&dir.join(file.path().trim_start_matches('/')), &json).unwrap();
    put(DataFile::Index, serde_json::to_string(&index).unwrap());
    put(DataFile::Event(fixtures::slug("istiocon-2022")), serde_json::to_string(&event).unwrap());
    put(DataFile::Speaker(fixtures::slug("lin-sun")), serde_json::to_string(&speaker).unwrap());
    site_build::write(&dir.join("index.html"), TRUNK).unwrap();
    site_build::write(&dir.join("favicon.svg"), r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#0e2a47"/></svg>"##).unwrap();
}

/// The text between `start` and the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let at = html.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    &html[at..at + html[at..].find(end).unwrap_or_else(|| panic!("no {end} after {start}"))]
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_page_of_the_site_map_is_written_with_its_share_tags_policy_and_the_files_search_engines_read() {
    any_spawner::Executor::init_futures_executor().ok();
    let dir = tempfile::tempdir().unwrap();
    built(dir.path());
    let site = SiteAddress::parse("https://example.github.io/istio-events/").unwrap();
    let written = pages::prerender(dir.path(), &site, Timestamp(MON), true).unwrap();
    let content = pages::read_content(dir.path()).unwrap();
    let every = Page::every(&content.events, &content.speakers);
    assert_eq!(written.pages, every.len() + 2, "every page, the 404 page and the offline page");
    for kind in PageKind::ALL {
        assert!(every.iter().any(|p| p.kind() == kind), "a page of every kind: no {kind:?}");
    }
    for page in &every {
        let html = read(&dir.path().join(page.path().trim_start_matches('/')).join("index.html"));
        let canonical = format!(r#"<link href="{}" rel="canonical">"#, site.published_href(page));
        assert!(html.contains(&canonical), "{}: {html}", page.path());
        assert!(html.contains(&format!(r#"<meta property="og:url" content="{}">"#, site.published_href(page))), "{}", page.path());
        assert!(html.contains(r#"<meta http-equiv="Content-Security-Policy""#), "{}", page.path());
        assert!(html.contains(r#"href="/istio-events/favicon.svg""#), "{}: the icon under the base", page.path());
        assert!(html.contains(r#"<meta name="offline-manifest" content="/istio-events/manifest.webmanifest">"#), "{}: the manifest under the base", page.path());
        assert!(!html.contains(r#"rel="manifest""#), "{}: the app names the manifest once it runs", page.path());
        assert!(html.contains(r#"<script id="page-data" type="application/json">"#), "{}", page.path());
        assert!(!html.contains("/* the site's style */"), "the stylesheet is minified");
        assert_eq!(html.contains("application/ld+json"), page.kind() == PageKind::Event, "{}: JSON-LD on overviews only", page.path());
        // The data it was rendered from reads back, for the address it was rendered for.
        let data = between(&html, r#"<script id="page-data" type="application/json">"#, "</script>");
        let handover = Handover::from_json(data).unwrap_or_else(|e| panic!("{}: {e:?}", page.path()));
        assert_eq!((handover.url.as_str(), handover.built_at), (site.href(page).as_str(), Timestamp(MON)));
        // Every link the page writes stays under the site's path.
        for href in between(&html, "<body", "</body>").split("href=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]) {
            assert!(href.starts_with("/istio-events/") || href.starts_with('#') || href.starts_with("https://"), "{}: {href} leaves the path", page.path());
        }
    }
    let not_found = read(&dir.path().join("404.html"));
    assert!(not_found.contains("<h1>Page not found</h1>"), "{not_found}");
    assert!(!not_found.contains("<script"), "the 404 page starts no app: {not_found}");
    let offline = read(&dir.path().join("offline.html"));
    assert!(offline.contains("<h1>You are offline</h1>"), "{offline}");
    assert!(!offline.contains("<script"), "the offline page starts no app: {offline}");
    let manifest: serde_json::Value = serde_json::from_str(&read(&dir.path().join("manifest.webmanifest"))).unwrap();
    assert_eq!((manifest["start_url"].as_str(), manifest["theme_color"].as_str()), (Some("/istio-events/"), Some("#0e2a47")));
    for icon in ["icons/icon-192.png", "icons/icon-512.png", "icons/maskable-512.png"] {
        let png = std::fs::read(dir.path().join(icon)).unwrap_or_else(|e| panic!("{icon}: {e}"));
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{icon} is a PNG");
    }
    let sitemap = read(&dir.path().join("sitemap.xml"));
    assert_eq!(sitemap.matches("<loc>").count(), every.len(), "neither the 404 nor the offline page");
    assert!(sitemap.contains("<loc>https://example.github.io/istio-events/speakers/lin-sun/</loc>"), "{sitemap}");
    assert!(read(&dir.path().join("robots.txt")).ends_with("Sitemap: https://example.github.io/istio-events/sitemap.xml\n"));
    let nginx = read(&dir.path().join("csp.nginx.conf"));
    assert!(nginx.contains("https://registration.example"), "the form's endpoint may be reached: {nginx}");

    // Run again on its own output: refused, since the shell would be a prerendered page.
    match pages::prerender(dir.path(), &site, Timestamp(MON), true) {
        Err(BuildError::Page { problem, .. }) => assert!(problem.contains("prerendered page already"), "{problem}"),
        other => panic!("a second run must be refused, got {other:?}"),
    }
}

#[test]
fn missing_data_names_the_file() {
    any_spawner::Executor::init_futures_executor().ok();
    let dir = tempfile::tempdir().unwrap();
    built(dir.path());
    std::fs::remove_file(dir.path().join("data/events/istiocon-2022.json")).unwrap();
    let error = pages::prerender(dir.path(), &SiteAddress::default(), Timestamp(MON), true).unwrap_err().to_string();
    assert!(error.contains("data/events/istiocon-2022.json"), "{error}");
}

#[test]
fn without_offline_no_page_names_a_manifest_and_none_is_written() {
    any_spawner::Executor::init_futures_executor().ok();
    let dir = tempfile::tempdir().unwrap();
    built(dir.path());
    let written = pages::prerender(dir.path(), &SiteAddress::default(), Timestamp(MON), false).unwrap();
    let content = pages::read_content(dir.path()).unwrap();
    assert_eq!(written.pages, Page::every(&content.events, &content.speakers).len() + 1);
    let home = read(&dir.path().join("index.html"));
    assert!(!home.contains(r#"rel="manifest""#) && !home.contains("offline-manifest"), "{home}");
    for file in ["offline.html", "manifest.webmanifest", "icons"] {
        assert!(!dir.path().join(file).exists(), "{file}");
    }
}
