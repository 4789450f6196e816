//! The prerendered page that the in-browser test hydrates (`tests/web.rs`,
//! `a_prerendered_session_page_hydrates_in_place_and_goes_live`): a session page of a small
//! fixed event, rendered by the prerenderer's own code (`istio_events_site::prerender`) as the
//! site's build writes it, kept in `tests/fixtures/hydration/session.html`.
//!
//! The Wasm cannot make this markup itself (tachys renders some attributes to HTML only with
//! `ssr`), so this test makes it natively and checks that the committed file is still what the
//! prerenderer writes: a change to the components fails here first, and
//! `UPDATE_FIXTURES=1 cargo test -p site-build --features prerender --test hydration_fixture`
//! writes the file anew (then run the in-browser test on it).
#![cfg(feature = "prerender")]

#[path = "../../../tests/support/mod.rs"]
mod support;

use std::path::PathBuf;

use events_model::{Page, SiteIndex, Timestamp};
use istio_events_site::app::Content;
use istio_events_site::data::SiteAddress;
use istio_events_site::prerender::{remember_all, render_page, BODY_MARKER, HYDRATION_GLOBALS};
use support::event;

/// Where the page is kept, relative to this crate (the app's in-browser test reads it).
const FIXTURE: &str = "../../tests/fixtures/hydration/session.html";

/// The site the page is built for: the prerenderer's default `SITE_URL`, at the host's root.
fn site() -> SiteAddress {
    SiteAddress { origin: "https://events.istio.io".into(), base: String::new() }
}

/// When the page was built: 2022-04-15T05:20:00Z, ten days before the event.
const BUILT_AT: Timestamp = Timestamp(1_650_000_000);

/// Trunk's `index.html` as the prerenderer gets it, without Trunk's styles and scripts (they
/// play no part in hydration).
const TEMPLATE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
    <title>Istio community events</title></head><body><noscript>This site needs JavaScript.</noscript></body></html>";

/// The id of the page's session.
const SESSION: &str = "a1";


/// The session page as the prerenderer writes it for [`event`].
fn prerendered_session_page() -> String {
    any_spawner::Executor::init_futures_executor().ok();
    let event = event(["Ambient mesh in production", "Talk a2", "Talk b1"]);
    let content = Content { index: SiteIndex { events: vec![event.summary.clone()] }, events: vec![event], speakers: Vec::new() };
    remember_all(&content);
    let page = Page::parse(&format!("/istiocon-2022/sessions/{SESSION}/")).expect("a session's address");
    let shell = site_build::html::shell(std::path::Path::new("index.html"), TEMPLATE, HYDRATION_GLOBALS, "/favicon.svg", BODY_MARKER)
        .expect("Trunk's page becomes the shell");
    render_page(&shell, &content, &page, &site(), BUILT_AT).expect("the session page renders")
}

#[test]
fn the_hydration_fixture_is_what_the_prerenderer_writes() {
    let html = prerendered_session_page();
    // The page as a reader would get it: the session, its visitor's row still empty, its star
    // off until the app runs, and the data it was rendered from.
    assert!(html.contains("<h1>Ambient mesh in production</h1>"), "{html}");
    assert!(html.contains("shown in your time zone when JavaScript is on"), "{html}");
    assert!(html.contains(r#"aria-pressed="false""#) && html.contains(" disabled"), "{html}");
    assert!(html.contains(r#"<script id="page-data" type="application/json">"#), "{html}");
    assert_eq!(html, prerendered_session_page(), "the same data renders the same page every time");

    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    // One line of HTML; the file ends with a newline, the page does not.
    let kept = format!("{html}\n");
    if std::env::var_os("UPDATE_FIXTURES").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("the fixture is in a folder")).expect("the fixture's folder can be made");
        std::fs::write(&path, &kept).expect("the fixture can be written");
        eprintln!("wrote {}", path.display());
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != kept {
        let at = committed.bytes().zip(kept.bytes()).take_while(|(a, b)| a == b).count();
        let around = |s: &str| {
            let start = s.floor_char_boundary(at.saturating_sub(80));
            let end = s.ceil_char_boundary((at + 80).min(s.len()));
            s[start..end].to_owned()
        };
        panic!(
            "{FIXTURE} is not what the prerenderer writes now (they differ from byte {at}):\n  kept: …{}…\n  now:  …{}…\n\
             If the change is meant, run `UPDATE_FIXTURES=1 cargo test -p site-build --features prerender --test hydration_fixture` \
             to write it anew, then the in-browser test (`cargo test --target wasm32-unknown-unknown -p istio-events-site --test web`) to hydrate it.",
            around(&committed),
            around(&kept),
        );
    }
}
