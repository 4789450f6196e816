//! The pages' HTML around what the app renders: Trunk's `index.html` made into the shell every
//! page is rendered into ([`shell`]), the tags search engines and sharing cards read
//! ([`with_share_tags`]), and the 404 page without the app ([`without_app`]). Every edit goes
//! through [`lol_html`], which tokenizes the page as a browser does.

use std::cell::{Cell, RefCell};
use std::path::Path;
use std::rc::Rc;

use events_model::{json_for_script, EventSummary, Place, Timestamp};
use lol_html::html_content::ContentType;
use lol_html::{element, end_tag, rewrite_str, text};

use crate::BuildError;

/// Where leptos_meta puts a page's title and meta tags when it renders, and looks for them when
/// it hydrates.
pub const HEAD_MARKER: &str = "<!--HEAD-->";

/// Trunk's page (at `path`) as the shell of every page: its `<title>` removed (each page sets
/// its own), [`HEAD_MARKER`] and `head_extra` (inline scripts the app needs before it starts)
/// ahead of the first `<link>` (else at the end of `<head>`), its inlined stylesheet minified
/// (comments and spaces out: every page must fit its first round trip; Trunk minifies only
/// along with the HTML, which would lose the comments hydration relies on), the icon's address
/// `icon` (under the site's base), and `body` (where the app's renderer puts a page's body) as
/// the whole of `<body>`.
pub fn shell(path: &Path, trunk_page: &str, head_extra: &str, icon: &str, body: &str) -> Result<String, BuildError> {
    let marked = Rc::new(Cell::new(false));
    let css = RefCell::new(String::new());
    let css_error = RefCell::new(None);
    let head = format!("{HEAD_MARKER}{head_extra}");
    let settings = crate::rewriting(vec![
            element!("title", |el| {
                el.remove();
                Ok(())
            }),
            element!("link", |el| {
                if !marked.replace(true) {
                    el.before(&head, ContentType::Html);
                }
                if el.get_attribute("rel").as_deref() == Some("icon") {
                    el.set_attribute("href", icon)?;
                }
                Ok(())
            }),
            element!("head", |el| {
                let (head, marked) = (head.clone(), marked.clone());
                el.on_end_tag(end_tag!(move |end| {
                    if !marked.replace(true) {
                        end.before(&head, ContentType::Html);
                    }
                    Ok(())
                }))
            }),
            text!("style", |chunk| {
                css.borrow_mut().push_str(chunk.as_str());
                if chunk.last_in_text_node() {
                    match minifier::css::minify(&css.borrow()) {
                        Ok(min) => chunk.replace(min.to_string().trim(), ContentType::Html),
                        Err(e) => *css_error.borrow_mut() = Some(e.to_owned()),
                    }
                    css.borrow_mut().clear();
                } else {
                    chunk.remove();
                }
                Ok(())
            }),
            element!("body", |el| {
                el.set_inner_content(body, ContentType::Html);
                Ok(())
            }),
        ]);
    let out = rewrite_str(trunk_page, settings).map_err(BuildError::html(path))?;
    if let Some(e) = css_error.into_inner() {
        return Err(BuildError::page(path, format!("the stylesheet: {e}")));
    }
    Ok(out)
}

/// The text of a page's first `<title>` and the `content` of its `<meta name="description">`,
/// as written in the page (escaped).
fn title_and_description(path: &Path, html: &str) -> Result<(Option<String>, Option<String>), BuildError> {
    let title: RefCell<Option<String>> = RefCell::new(None);
    let in_first_title = Cell::new(false);
    let description = RefCell::new(None);
    let settings = crate::rewriting(vec![
            element!("title", |_| {
                let first = title.borrow().is_none();
                if first {
                    *title.borrow_mut() = Some(String::new());
                }
                in_first_title.set(first);
                Ok(())
            }),
            text!("title", |chunk| {
                if in_first_title.get() {
                    title.borrow_mut().get_or_insert_with(String::new).push_str(chunk.as_str());
                }
                Ok(())
            }),
            element!("meta[name=description]", |el| {
                if description.borrow().is_none() {
                    *description.borrow_mut() = el.get_attribute("content");
                }
                Ok(())
            }),
        ]);
    rewrite_str(html, settings).map_err(BuildError::html(path))?;
    Ok((title.into_inner(), description.into_inner()))
}

/// The page `html` (at `path`, with the published address `canonical`) with what search
/// engines and sharing cards read at the end of its `<head>` (the app's `Canonical` writes the
/// canonical link, since it follows the route): Open Graph and Twitter card tags from the
/// page's own title and description, and on an event's overview (`event`) a schema.org `Event`
/// in JSON-LD.
pub fn with_share_tags(path: &Path, html: &str, canonical: &str, event: Option<&EventSummary>) -> Result<String, BuildError> {
    let (title, description) = title_and_description(path, html)?;
    let title = title.as_deref().unwrap_or("Istio community events").replace('"', "&quot;");
    let description = description.unwrap_or_default();
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
        tags.push_str(&event_json_ld(event, canonical));
    }
    let settings = crate::rewriting(vec![element!("head", |el| {
            el.append(&tags, ContentType::Html);
            Ok(())
        })]);
    rewrite_str(html, settings).map_err(BuildError::html(path))
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
    format!(r#"<script type="application/ld+json">{}</script>"#, json_for_script(&json.to_string()))
}

/// The page without what starts the app (its scripts, the module and Wasm preloads): the 404
/// page is plain HTML, served at any address, and its links work without the app.
pub fn without_app(path: &Path, html: &str) -> Result<String, BuildError> {
    let settings = crate::rewriting(vec![element!("script, link[rel=modulepreload], link[rel=preload]", |el| {
            el.remove();
            Ok(())
        })]);
    rewrite_str(html, settings).map_err(BuildError::html(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Site</title>\
        <style>/* a note */\n.a  {\n  color: red;\n}\n</style>\
        <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
        <link rel=\"modulepreload\" href=\"/a.js\"><link rel=\"preload\" href=\"/a.wasm\" as=\"fetch\">\
        <script type=\"module\">import init from '/a.js';</script></head><body><noscript>x</noscript></body></html>";

    fn here() -> &'static Path {
        Path::new("index.html")
    }

    #[test]
    fn trunks_page_becomes_the_shell() {
        let html = shell(here(), TRUNK, "<script>data</script>", "/istio-events/favicon.svg", "<!--BODY-->").unwrap();
        assert_eq!(
            html,
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><style>.a{color:red;}</style>\
             <!--HEAD--><script>data</script><link rel=\"icon\" href=\"/istio-events/favicon.svg\" type=\"image/svg+xml\">\
             <link rel=\"modulepreload\" href=\"/a.js\"><link rel=\"preload\" href=\"/a.wasm\" as=\"fetch\">\
             <script type=\"module\">import init from '/a.js';</script></head><body><!--BODY--></body></html>"
        );
        // Without links, the marker ends the head.
        let bare = shell(here(), "<html><head><title>t</title></head><body>b</body></html>", "", "/favicon.svg", "<!--BODY-->").unwrap();
        assert_eq!(bare, "<html><head><!--HEAD--></head><body><!--BODY--></body></html>");
    }

    #[test]
    fn share_tags_and_event_json_ld() {
        let page = "<html><head><title>IstioCon 2022 · Istio community events</title><meta name=\"description\" content=\"The &quot;second&quot; IstioCon.\"></head><body></body></html>";
        let mut event = events_model::fixtures::summary("istio-day-north-america-2025", "Istio Day North America 2025");
        event.summary = "Istio Day in Atlanta.".into();
        (event.start, event.end, event.days) = (Timestamp(1_762_750_800), Timestamp(1_762_837_200), 1);
        event.timezone = "America/New_York".into();
        event.place = Place::InPerson { city: "Atlanta, Georgia, USA".into(), venue: None };
        let html = with_share_tags(here(), page, "https://example.org/istio-day-north-america-2025/", Some(&event)).unwrap();
        assert!(html.contains(r#"<meta property="og:url" content="https://example.org/istio-day-north-america-2025/">"#));
        assert!(html.contains(r#"<meta property="og:title" content="IstioCon 2022 · Istio community events">"#));
        assert!(html.contains(r#"<meta name="twitter:description" content="The &quot;second&quot; IstioCon.">"#), "{html}");
        assert!(html.ends_with("</script></head><body></body></html>"), "{html}");
        let start = html.find(r#"<script type="application/ld+json">"#).unwrap() + r#"<script type="application/ld+json">"#.len();
        let ld = &html[start..start + html[start..].find("</script>").unwrap()];
        let json: serde_json::Value = serde_json::from_str(ld).unwrap();
        assert_eq!(json["@type"], "Event");
        assert_eq!(json["startDate"], "2025-11-10T00:00:00-05:00");
        assert_eq!(json["endDate"], "2025-11-11T00:00:00-05:00");
        assert_eq!(json["eventAttendanceMode"], "https://schema.org/OfflineEventAttendanceMode");
        assert_eq!(json["location"]["address"], "Atlanta, Georgia, USA");
    }

    #[test]
    fn a_title_that_looks_like_markup_stays_text_in_the_tags() {
        let page = "<html><head><title>a &lt;/title&gt;&lt;script&gt;x\"</title></head><body></body></html>";
        let html = with_share_tags(here(), page, "https://example.org/", None).unwrap();
        assert!(html.contains(r#"<meta property="og:title" content="a &lt;/title&gt;&lt;script&gt;x&quot;">"#), "{html}");
    }

    #[test]
    fn the_404_page_does_not_start_the_app() {
        let html = without_app(here(), &shell(here(), TRUNK, "<script>data</script>", "/favicon.svg", "<!--BODY-->").unwrap()).unwrap();
        assert!(!html.contains("<script"));
        assert!(!html.contains("modulepreload"));
        assert!(!html.contains("rel=\"preload\""));
        assert!(html.contains("<!--BODY-->"));
    }
}
