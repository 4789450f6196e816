//! Renders every route of the site to static HTML, with the same Leptos components the browser
//! runs (feature `ssr`), into the Trunk output folder given as argument:
//! `<dir>/index.html`, `<dir>/<event>/index.html`, `.../programme/index.html`, ...,
//! `<dir>/<event>/register/index.html` (events with a registration form),
//! `<dir>/speakers/<slug>/index.html` and `<dir>/404.html`.
//!
//! Each page carries the data of its islands (`<leptos-island data-props>`), so the Wasm
//! hydrates them without fetching, and the moment it was built (`<meta name="built-at">`).
//! Run by Trunk's post-build hook in release builds (see Trunk.toml).

// Deeply nested view types (pages of sessions with controls) need more than the default 128.
#![recursion_limit = "256"]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use events_model::{paths, Event, EventSummary, Place, SiteIndex, SpeakerPage, Timestamp};
use futures::StreamExt;
use istio_events_site::clock::BuiltAt;
use istio_events_site::data::{self, BUILT_AT_META};
use istio_events_site::{time, App};
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

/// Defined before the Wasm starts: Leptos' hydration reads them (no server resources here).
const HYDRATION_GLOBALS: &str =
    "<script>window.__RESOLVED_RESOURCES=[];window.__SERIALIZED_ERRORS=[];window.__INCOMPLETE_CHUNKS=[];</script>";

/// One page to write.
struct Page {
    /// The address, e.g. `/istiocon-2022/programme/`.
    url: String,
    /// For an event's overview: the event, described to search engines as a schema.org Event.
    event: Option<EventSummary>,
}

/// Where the site is published, for canonical addresses, sharing cards and the sitemap.
const DEFAULT_SITE_URL: &str = "https://events.istio.io";

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: prerender DIST_DIR (the folder with Trunk's index.html and data/); SITE_URL sets the published address");
        return ExitCode::from(2);
    };
    let site = std::env::var("SITE_URL").unwrap_or_else(|_| DEFAULT_SITE_URL.to_owned());
    // The only inline scripts the policy may allow: Trunk's and ours (read before the pages replace index.html).
    let own_scripts = istio_events_site::csp::OwnScripts::of_template(&dir, &[HYDRATION_GLOBALS]);
    match run(&dir, site.trim_end_matches('/')) {
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

fn run(dir: &Path, site: &str) -> Result<usize, String> {
    any_spawner::Executor::init_futures_executor().map_err(|e| format!("{e:?}"))?;
    let template = fs::read_to_string(dir.join("index.html")).map_err(|e| format!("index.html: {e}"))?;
    let template = with_minified_css(&template)?;
    if template.contains(BUILT_AT_META) {
        return Err(format!("{} is a prerendered page already: run on Trunk's fresh output", dir.join("index.html").display()));
    }
    let built_at = time::now();
    let pages = collect_pages(dir)?;
    let bundles = Bundles::find(dir, &template)?;

    let count = pages.len();
    for page in &pages {
        let html = render(&template, &page.url, built_at);
        let html = bundles.choose(&html, &page.url)?;
        let html = with_share_tags(&html, site, &page.url, page.event.as_ref());
        let file = dir.join(page.url.trim_start_matches('/')).join("index.html");
        if let Some(parent) = file.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&file, html).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    // The 404 page is plain HTML: it is served at any address, where hydrating it would not
    // match, and its links work without the app.
    let not_found = render(&template, "/404/", built_at);
    fs::write(dir.join("404.html"), without_app_scripts(&not_found)).map_err(|e| format!("404.html: {e}"))?;

    let urls: Vec<&str> = pages.iter().map(|p| p.url.as_str()).collect();
    fs::write(dir.join("sitemap.xml"), sitemap(site, &urls)).map_err(|e| format!("sitemap.xml: {e}"))?;
    fs::write(dir.join("robots.txt"), format!("User-agent: *\nAllow: /\nSitemap: {site}/sitemap.xml\n"))
        .map_err(|e| format!("robots.txt: {e}"))?;
    Ok(count + 1)
}

/// The Wasm bundles a page can load: Trunk's (every small island) and those scripts/bundles
/// adds for the kinds of pages with a large island. Without the latter (a build made without
/// scripts/build), every page loads Trunk's.
struct Bundles {
    /// Trunk's bundle: its JavaScript and Wasm file names, as the page's script names them.
    base: (String, String),
    /// The island a bundle adds, and its two files.
    extra: Vec<(&'static str, String, String)>,
    /// Each bundle's JavaScript, by file name, to check that it has a page's islands.
    scripts: std::collections::HashMap<String, String>,
}

impl Bundles {
    /// The large islands and the kind of page scripts/bundles names their bundle after.
    const LARGE: [(&'static str, &'static str); 3] =
        [("programme", "ProgrammeBody"), ("agenda", "AgendaBody"), ("register", "RegisterBody")];

    fn find(dir: &Path, template: &str) -> Result<Bundles, String> {
        // Trunk's names: `/istio-events-site-<hex>.js` and `/istio-events-site-<hex>_bg.wasm`.
        let named = |suffix: &str| -> Option<String> {
            template.match_indices("/istio-events-site-").find_map(|(at, prefix)| {
                let rest = &template[at + prefix.len()..];
                let hex = rest.find(|c: char| !c.is_ascii_hexdigit()).unwrap_or(rest.len());
                rest[hex..].starts_with(suffix).then(|| format!("{}{}{suffix}", &prefix[1..], &rest[..hex]))
            })
        };
        let js = named(".js").ok_or("index.html names no Wasm bundle's script")?;
        let wasm = named("_bg.wasm").ok_or("index.html names no Wasm bundle")?;
        let mut files: Vec<String> = fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        files.sort();
        let mut extra = Vec::new();
        for (kind, island) in Self::LARGE {
            let prefix = format!("istio-events-site-{kind}-");
            let file = |suffix: &str| files.iter().find(|f| f.starts_with(&prefix) && f.ends_with(suffix)).cloned();
            if let (Some(js), Some(wasm)) = (file(".js"), file("_bg.wasm")) {
                extra.push((island, js, wasm));
            }
        }
        let mut scripts = std::collections::HashMap::new();
        for name in std::iter::once(&js).chain(extra.iter().map(|(_, js, _)| js)) {
            let text = fs::read_to_string(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
            scripts.insert(name.clone(), text);
        }
        Ok(Bundles { base: (js, wasm), extra, scripts })
    }

    /// The page with the bundle that has its islands; an error names any island of the page
    /// that bundle lacks (the page would not come alive).
    fn choose(&self, html: &str, url: &str) -> Result<String, String> {
        let (base_js, base_wasm) = &self.base;
        let chosen = self.extra.iter().find(|(island, _, _)| html.contains(&format!("data-component=\"{island}_")));
        let (js, html) = match chosen {
            Some((_, js, wasm)) => (js, html.replace(base_js.as_str(), js).replace(base_wasm.as_str(), wasm)),
            None => (base_js, html.to_owned()),
        };
        let script = &self.scripts[js];
        for part in html.split("data-component=\"").skip(1) {
            let name = part.split('"').next().unwrap_or_default();
            if !script.contains(&format!("export function {name}(")) {
                return Err(format!("{url}: its island {name} is not in the Wasm bundle it loads ({js})"));
            }
        }
        Ok(html)
    }
}

/// Every route with its data, all of which is also remembered for rendering.
fn collect_pages(dir: &Path) -> Result<Vec<Page>, String> {
    let mut pages = Vec::new();

    let index: SiteIndex = read_json(&dir.join(paths::INDEX.trim_start_matches('/')))?;
    data::remember(paths::INDEX, index.clone());
    pages.push(Page { url: "/".into(), event: None });

    for summary in &index.events {
        let path = paths::event(&summary.slug);
        let event: Event = read_json(&dir.join(path.trim_start_matches('/')))?;
        data::remember(&path, event.clone());
        let slug = &summary.slug;
        let overview = format!("/{slug}/");
        pages.push(Page { url: overview, event: Some(summary.clone()) });
        // Lists carry the event's outline (no abstracts): a fraction of the page's bytes.
        let outline_path = paths::event_outline(slug);
        data::remember(&outline_path, event.outline());
        for list in ["programme", "tracks", "agenda"] {
            pages.push(Page { url: format!("/{slug}/{list}/"), event: None });
        }
        let mut urls: Vec<String> = event.sessions.iter().map(|s| format!("/{slug}/sessions/{}/", s.id)).collect();
        if event.registration.as_ref().is_some_and(|r| r.endpoint.is_some()) {
            urls.push(paths::register(slug));
        }
        pages.extend(urls.into_iter().map(|url| Page { url, event: None }));
    }

    let speakers_dir = dir.join("data/speakers");
    let mut files: Vec<PathBuf> = fs::read_dir(&speakers_dir)
        .map_err(|e| format!("{}: {e}", speakers_dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    for file in files {
        let speaker: SpeakerPage = read_json(&file)?;
        let path = paths::speaker(&speaker.slug);
        pages.push(Page { url: format!("/speakers/{}/", speaker.slug), event: None });
        data::remember(&path, speaker);
    }
    Ok(pages)
}

/// The page at `url`: the app rendered into Trunk's `index.html`, with the page's title and
/// meta tags in `<head>`, and when it was built.
fn render(template: &str, url: &str, built_at: Timestamp) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(url));
        provide_context(BuiltAt(built_at));
        let (meta, meta_output) = ServerMetaContext::new();
        provide_context(meta);
        let body = view! { <App /> }.to_html();

        let head_extra = format!("{HYDRATION_GLOBALS}<meta name=\"{BUILT_AT_META}\" content=\"{}\">", built_at.0);
        let document = fill_template(template, &head_extra, &body);
        futures::executor::block_on(async move {
            let stream = futures::stream::once(async move { document });
            meta_output.inject_meta_context(Box::pin(stream)).await.collect::<String>().await
        })
    })
}

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

/// Trunk's page with its `<title>` removed (the page sets its own), `head_extra` before its
/// scripts, and `body` as the whole of `<body>`.
fn fill_template(template: &str, head_extra: &str, body: &str) -> String {
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

/// The text between `start` and `end` after `from`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let at = html.find(start)? + start.len();
    let len = html[at..].find(end)?;
    Some(&html[at..at + len])
}

/// Adds what search engines and sharing cards read: the canonical address, Open Graph and
/// Twitter card tags from the page's own title and description, and on an event's overview a
/// schema.org `Event` in JSON-LD.
fn with_share_tags(html: &str, site: &str, url: &str, event: Option<&EventSummary>) -> String {
    let title = between(html, "<title>", "</title>").unwrap_or("Istio community events").replace('"', "&quot;");
    let description = between(html, "name=\"description\" content=\"", "\"").unwrap_or("");
    let canonical = format!("{site}{url}");
    let mut tags = format!(
        "<link rel=\"canonical\" href=\"{canonical}\">\
         <meta property=\"og:type\" content=\"website\">\
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
    format!(r#"<script type="application/ld+json">{}</script>"#, json.to_string().replace("</", "<\\/"))
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
        let event = EventSummary {
            slug: "istio-day-north-america-2025".into(),
            name: "Istio Day North America 2025".into(),
            kind: "co-located day".into(),
            summary: "Istio Day in Atlanta.".into(),
            start: Timestamp(1_762_750_800),
            end: Timestamp(1_762_837_200),
            days: 1,
            timezone: "America/New_York".into(),
            place: Place::InPerson { city: "Atlanta, Georgia, USA".into(), venue: None },
            co_located_with: None,
            session_count: 9,
        };
        let html = with_share_tags(page, "https://example.org", "/istio-day-north-america-2025/", Some(&event));
        assert!(html.contains(r#"<link rel="canonical" href="https://example.org/istio-day-north-america-2025/">"#));
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
    fn pages_render_their_route_with_title_and_description() {
        any_spawner::Executor::init_futures_executor().ok();
        let index = SiteIndex { events: Vec::new() };
        data::remember(paths::INDEX, index);
        let html = render(TRUNK, "/", Timestamp(1_700_000_000));
        assert!(html.contains("<h1>Istio community events</h1>"), "{html}");
        assert!(html.contains("<title>Istio community events</title>"));
        assert_eq!(html.matches("name=\"description\"").count(), 1);
        assert!(html.contains(r#"<meta name="built-at" content="1700000000">"#));
        // The list of events is an island, with its data.
        assert!(html.contains("<leptos-island data-component=\"EventGroups_"), "{html}");
        assert!(html.contains(r#"data-props='{"cards":[]}'"#), "{html}");
        let missing = render(TRUNK, "/no-such-event/", Timestamp(0));
        assert!(missing.contains("<h1>Page not found</h1>"), "{missing}");
    }
}
