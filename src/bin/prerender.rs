//! Renders every route of the site to static HTML, with the same Leptos components the browser
//! runs (feature `ssr`), into the Trunk output folder given as argument:
//! `<dir>/index.html`, `<dir>/<event>/index.html`, `.../programme/index.html`, ...,
//! `<dir>/<event>/register/index.html` (events with a registration form),
//! `<dir>/speakers/<slug>/index.html` and `<dir>/404.html`.
//!
//! The pages are those of the app's routes for the content (`istio_events_site::app::Screen`).
//! Each page carries the data it shows and the moment it was built (`data::Handover`), so the
//! Wasm hydrates the whole app from it without fetching. Run by Trunk's post-build hook in
//! release builds (see Trunk.toml). A page is rendered by the library
//! (`istio_events_site::prerender`); this adds what only the files need (the site's address
//! from `SITE_URL`, share tags, the 404 page, the sitemap, the Content-Security-Policy).

// Deeply nested view types (pages of sessions with controls) need more than the default 128.
#![recursion_limit = "256"]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use events_model::{DataFile, Event, EventSummary, Page, PageKind, Place, SiteIndex, SitePath, SpeakerPage, Timestamp};
use istio_events_site::app::Content;
use istio_events_site::data::{self, Handover, SiteAddress};
use istio_events_site::prerender::{remember_all, render, render_page, HYDRATION_GLOBALS};
use istio_events_site::time;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: prerender DIST_DIR (the folder with Trunk's index.html and data/); SITE_URL sets the published address");
        return ExitCode::from(2);
    };
    let site = match SiteAddress::from_env() {
        Ok(site) => site,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // The only inline scripts the policy may allow: Trunk's and ours (read before the pages replace index.html).
    let own_scripts = istio_events_site::csp::OwnScripts::of_template(&dir, &[HYDRATION_GLOBALS]);
    match run(&dir, &site) {
        Ok(n) => {
            eprintln!("prerendered {n} pages into {}", dir.display());
            // The Content-Security-Policy of the pages just written, for every host (src/csp.rs).
            if let Err(e) = istio_events_site::csp::write(&dir, &own_scripts) {
                eprintln!("error: Content-Security-Policy: {e}");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: prerendering failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run(dir: &Path, address: &SiteAddress) -> Result<usize, String> {
    let published = address.published();
    let site = published.as_str();
    any_spawner::Executor::init_futures_executor().map_err(|e| format!("{e:?}"))?;
    let template = fs::read_to_string(dir.join("index.html")).map_err(|e| format!("index.html: {e}"))?;
    let template = with_site_icon(&with_minified_css(&template)?, address);
    if template.contains(Handover::ELEMENT_ID) {
        return Err(format!("{} is a prerendered page already: run on Trunk's fresh output", dir.join("index.html").display()));
    }
    let built_at = time::now();
    let content = read_content(dir)?;
    remember_all(&content);
    let pages = Page::every(&content.events, &content.speakers);

    for page in &pages {
        let html = render_page(&template, &content, page, address, built_at).map_err(|e| e.to_string())?;
        let summary = (page.kind() == PageKind::Event)
            .then(|| content.index.events.iter().find(|e| Some(&e.slug) == page.event()))
            .flatten();
        let path = page.path();
        let html = with_share_tags(&html, site, &path, summary);
        let file = dir.join(path.trim_start_matches('/')).join("index.html");
        if let Some(parent) = file.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&file, html).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    // The 404 page is plain HTML: it is served at any address, and its links work without the
    // app (which, on a host that answers unknown paths with a page, renders its own 404).
    let not_found = render(&template, &address.href(&events_model::site::NotFoundPage), address, None);
    fs::write(dir.join("404.html"), without_app_scripts(&not_found)).map_err(|e| format!("404.html: {e}"))?;

    let paths: Vec<String> = pages.iter().map(SitePath::path).collect();
    let urls: Vec<&str> = paths.iter().map(String::as_str).collect();
    fs::write(dir.join("sitemap.xml"), sitemap(site, &urls)).map_err(|e| format!("sitemap.xml: {e}"))?;
    fs::write(dir.join("robots.txt"), format!("User-agent: *\nAllow: /\nSitemap: {site}/sitemap.xml\n"))
        .map_err(|e| format!("robots.txt: {e}"))?;
    Ok(pages.len() + 1)
}

/// The compiled content in `dir/data/`.
fn read_content(dir: &Path) -> Result<Content, String> {
    let at = |file: DataFile| dir.join(file.path().trim_start_matches('/'));
    let index: SiteIndex = read_json(&at(DataFile::Index))?;
    let events = index
        .events
        .iter()
        .map(|summary| read_json::<Event>(&at(DataFile::Event(summary.slug.clone()))))
        .collect::<Result<Vec<_>, _>>()?;
    let speakers_dir = dir.join("data/speakers");
    let mut files: Vec<PathBuf> = fs::read_dir(&speakers_dir)
        .map_err(|e| format!("{}: {e}", speakers_dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    let speakers = files.iter().map(|f| read_json::<SpeakerPage>(f)).collect::<Result<Vec<_>, _>>()?;
    Ok(Content { index, events, speakers })
}

/// Trunk's page with the icon's address under the site's base (index.html names it from the root,
/// as `trunk serve` serves it).
fn with_site_icon(template: &str, site: &SiteAddress) -> String {
    template.replace(SITE_ICON, &format!("href=\"{}\"", site.href(&events_model::site::Icon)))
}

/// How index.html links the site's icon.
const SITE_ICON: &str = "href=\"/favicon.svg\"";

/// Trunk's page with its inlined stylesheet minified (comments and spaces out: 0.4 KB brotli of
/// every page, which must fit in one round trip). Trunk minifies only along with the HTML, and
/// minified HTML would lose the comments hydration relies on.
fn with_minified_css(template: &str) -> Result<String, String> {
    let Some(open) = template.find("<style") else { return Ok(template.to_owned()) };
    let start = open + template[open..].find('>').ok_or("index.html: an unclosed <style> tag")? + 1;
    let end = start + template[start..].find("</style>").ok_or("index.html: <style> without </style>")?;
    let css = minifier::css::minify(&template[start..end]).map_err(|e| format!("index.html: the stylesheet: {e}"))?.to_string();
    Ok(format!("{}{}{}", &template[..start], css.trim(), &template[end..]))
}

/// The text between `start` and `end` after `from`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let at = html.find(start)? + start.len();
    let len = html[at..].find(end)?;
    Some(&html[at..at + len])
}

/// Adds what search engines and sharing cards read (the app's `Canonical` writes the canonical
/// address, since it follows the route): Open Graph and Twitter card tags from the page's own title and description, and on an event's overview a
/// schema.org `Event` in JSON-LD.
fn with_share_tags(html: &str, site: &str, url: &str, event: Option<&EventSummary>) -> String {
    let title = between(html, "<title>", "</title>").unwrap_or("Istio community events").replace('"', "&quot;");
    let description = between(html, "name=\"description\" content=\"", "\"").unwrap_or("");
    let canonical = format!("{site}{url}");
    let mut tags = format!(
        "<meta property=\"og:type\" content=\"website\">\
         <meta property=\"og:site_name\" content=\"Istio community events\">\
         <meta property=\"og:url\" content=\"{canonical}\">\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"og:description\" content=\"{description}\">\
         <meta name=\"twitter:card\" content=\"summary\">\
         <meta name=\"twitter:title\" content=\"{title}\">\
         <meta name=\"twitter:description\" content=\"{description}\">"
    );
    if let Some(event) = event {
        tags.push_str(&event_json_ld(event, &canonical));
    }
    match html.find("</head>") {
        Some(at) => format!("{}{tags}{}", &html[..at], &html[at..]),
        None => html.to_owned(),
    }
}

/// An instant in the event's zone with its offset, as schema.org wants: `2025-11-10T00:00:00-05:00`.
fn with_offset(t: Timestamp, zone: &str) -> String {
    let tz = jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_second(t.0).unwrap_or_default().to_zoned(tz).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A schema.org `Event` for search engines.
fn event_json_ld(event: &EventSummary, url: &str) -> String {
    let (mode, location) = match &event.place {
        Place::Virtual => (
            "https://schema.org/OnlineEventAttendanceMode",
            serde_json::json!({ "@type": "VirtualLocation", "url": url }),
        ),
        Place::InPerson { city, venue } => (
            "https://schema.org/OfflineEventAttendanceMode",
            serde_json::json!({ "@type": "Place", "name": venue.as_deref().unwrap_or(city), "address": city }),
        ),
    };
    let json = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.name,
        "description": event.summary,
        "startDate": with_offset(event.start, &event.timezone),
        "endDate": with_offset(event.end, &event.timezone),
        "eventAttendanceMode": mode,
        "eventStatus": "https://schema.org/EventScheduled",
        "location": location,
        "url": url,
        "organizer": { "@type": "Organization", "name": "The Istio community", "url": "https://istio.io" },
    });
    format!(r#"<script type="application/ld+json">{}</script>"#, data::json_for_script(&json.to_string()))
}

/// Every page's address, for search engines.
fn sitemap(site: &str, urls: &[&str]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for url in urls {
        xml.push_str(&format!("  <url><loc>{site}{url}</loc></url>\n"));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The page without the scripts that start the app, and without the app's preloads.
fn without_app_scripts(html: &str) -> String {
    let mut out = html.to_owned();
    for (open, close) in [("<script", "</script>"), ("<link rel=\"modulepreload\"", ">"), ("<link rel=\"preload\"", ">")] {
        while let Some(start) = out.find(open) {
            let Some(len) = out[start..].find(close) else { break };
            out.replace_range(start..start + len + close.len(), "");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use istio_events_site::data::HandoverData;
    use istio_events_site::prerender::fill_template;

    use super::*;

    const TRUNK: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Site</title>\
        <link rel=\"modulepreload\" href=\"/a.js\"><link rel=\"preload\" href=\"/a.wasm\" as=\"fetch\">\
        <script type=\"module\">import init from '/a.js';</script></head><body><noscript>x</noscript></body></html>";

    #[test]
    fn the_template_gets_the_marker_data_and_body() {
        let html = fill_template(TRUNK, "<script>data</script>", "<main>page</main>");
        assert!(!html.contains("<title>Site</title>"));
        assert!(html.contains("<!--HEAD--><script>data</script><link rel=\"modulepreload\""));
        assert!(html.contains("<body><main>page</main></body>"));
        assert!(!html.contains("<noscript>x</noscript>"));
    }

    #[test]
    fn share_tags_and_event_json_ld() {
        let page = "<head><title>IstioCon 2022 · Istio community events</title><meta name=\"description\" content=\"The second IstioCon.\"></head>";
        let mut event = events_model::fixtures::summary("istio-day-north-america-2025", "Istio Day North America 2025");
        event.kind = "co-located day".into();
        event.summary = "Istio Day in Atlanta.".into();
        (event.start, event.end, event.days) = (Timestamp(1_762_750_800), Timestamp(1_762_837_200), 1);
        event.timezone = "America/New_York".into();
        event.place = Place::InPerson { city: "Atlanta, Georgia, USA".into(), venue: None };
        let html = with_share_tags(page, "https://example.org", "/istio-day-north-america-2025/", Some(&event));
        assert!(html.contains(r#"<meta property="og:url" content="https://example.org/istio-day-north-america-2025/">"#));
        assert!(html.contains(r#"<meta property="og:title" content="IstioCon 2022 · Istio community events">"#));
        assert!(html.contains(r#"<meta name="twitter:description" content="The second IstioCon.">"#));
        let ld = between(&html, r#"<script type="application/ld+json">"#, "</script>").unwrap();
        let json: serde_json::Value = serde_json::from_str(ld).unwrap();
        assert_eq!(json["@type"], "Event");
        assert_eq!(json["startDate"], "2025-11-10T00:00:00-05:00");
        assert_eq!(json["endDate"], "2025-11-11T00:00:00-05:00");
        assert_eq!(json["eventAttendanceMode"], "https://schema.org/OfflineEventAttendanceMode");
        assert_eq!(json["location"]["address"], "Atlanta, Georgia, USA");
        let map = sitemap("https://example.org", &["/", "/speakers/lin-sun/"]);
        assert!(map.contains("<loc>https://example.org/speakers/lin-sun/</loc>"));
    }

    #[test]
    fn the_inlined_stylesheet_is_minified() {
        let page = "<head><style>/* a note */\n.a  {\n  color: red;\n}\n</style></head>";
        assert_eq!(with_minified_css(page).unwrap(), "<head><style>.a{color:red;}</style></head>");
        assert_eq!(with_minified_css("<head></head>").unwrap(), "<head></head>");
    }

    #[test]
    fn the_404_page_does_not_start_the_app() {
        let html = without_app_scripts(&fill_template(TRUNK, "<script>data</script>", "<main>gone</main>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("modulepreload"));
        assert!(!html.contains("rel=\"preload\""));
        assert!(html.contains("<main>gone</main>"));
    }

    #[test]
    fn pages_render_their_route_with_title_description_canonical_and_data() {
        any_spawner::Executor::init_futures_executor().ok();
        let index = SiteIndex { events: Vec::new() };
        data::remember(DataFile::Index, index.clone());
        let handover = Handover {
            built_at: Timestamp(1_700_000_000),
            url: "/".into(),
            site: SiteAddress { origin: "https://example.org".into(), base: String::new() },
            files: vec![(DataFile::Index, HandoverData::Index(index))],
        };
        let site = SiteAddress::parse("https://example.org/").unwrap();
        let html = render(TRUNK, "/", &site, Some(&handover));
        assert!(html.contains("<h1>Istio community events</h1>"), "{html}");
        assert!(html.contains("<title>Istio community events</title>"));
        assert_eq!(html.matches("name=\"description\"").count(), 1);
        assert!(html.contains(r#"<link href="https://example.org/" rel="canonical">"#), "{html}");
        // The data it was rendered from, last in the body, reads back as written.
        let script = between(&html, r#"<script id="page-data" type="application/json">"#, "</script>").unwrap();
        assert!(html.find("id=\"page-data\"") > html.find("</footer>"), "{html}");
        assert_eq!(Handover::from_json(script), Ok(handover));
        let missing = render(TRUNK, "/no-such-event/", &site, None);
        assert!(missing.contains("<h1>Page not found</h1>"), "{missing}");
        assert!(!missing.contains("page-data"));
    }

    #[test]
    fn a_site_under_a_sub_path_writes_every_address_under_it() {
        any_spawner::Executor::init_futures_executor().ok();
        let site = SiteAddress::parse("https://example.github.io/istio-events/").unwrap();
        assert_eq!(site, SiteAddress { origin: "https://example.github.io".into(), base: "/istio-events".into() });
        assert_eq!(site.published(), "https://example.github.io/istio-events");
        let index = SiteIndex { events: Vec::new() };
        data::remember(DataFile::Index, index.clone());
        let handover = Handover {
            built_at: Timestamp(1_700_000_000),
            url: "/istio-events/".into(),
            site: site.clone(),
            files: vec![(DataFile::Index, HandoverData::Index(index))],
        };
        let html = with_site_icon(&render(TRUNK, "/istio-events/", &site, Some(&handover)), &site);
        assert!(html.contains("<h1>Istio community events</h1>"), "the route under the base is the home page: {html}");
        assert!(html.contains(r#"<link href="https://example.github.io/istio-events/" rel="canonical">"#), "{html}");
        // Every link the page writes stays under the path.
        let body = between(&html, "<body", "</body>").unwrap();
        for href in body.split("href=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]) {
            assert!(href.starts_with("/istio-events/") || href.starts_with('#') || href.starts_with("https://"), "{href} leaves the path");
        }
        assert!(body.contains(r#"href="/istio-events/""#), "{body}");
        assert!(with_site_icon(r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#, &site).contains(r#"href="/istio-events/favicon.svg""#));
    }

    #[test]
    fn site_url_must_be_an_http_address_of_a_host() {
        assert_eq!(SiteAddress::parse("https://events.istio.io").unwrap(), SiteAddress { origin: "https://events.istio.io".into(), base: String::new() });
        // A port stays in the origin.
        assert_eq!(SiteAddress::parse("http://127.0.0.1:8080/x/").unwrap().published(), "http://127.0.0.1:8080/x");
        for bad in ["events.istio.io", "ftp://example.org/", "https://example.org/?x=1", "https://example.org/#top", "file:///srv/site"] {
            assert!(SiteAddress::parse(bad).is_err(), "{bad}");
        }
    }
}
