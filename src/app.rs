//! The application shell and every route, declared in one place ([`App`]): one `<Route>` per
//! kind of page of the site map (`events_model::PageKind`, whose patterns these are; a test
//! renders a page of every kind at its address and checks the route it lands on), which the
//! prerenderer writes for every page of the content (`events_model::Page::every`). The prerenderer renders the app for every page; in the browser the same
//! app hydrates that page (or renders the route) and then navigates inside the page.

use events_model::{Event, SiteIndex, SpeakerPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::clock::provide_clock;
use crate::components::{Canonical, Footer, Header, PreviewBanner, RouteAnnouncer, ScrollMemory, UpdateBanner};
use crate::offline::provide_worker;
use crate::pages::{
    AgendaPage, EventPage, HomePage, NotFound, Offline, ProgrammePage, RegisterPage, SessionPage, SpeakerPage as SpeakerRoute,
    TracksPage,
};
use crate::registration::provide_outbox;

/// The whole site.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_clock();
    provide_outbox();
    provide_worker();
    let base = crate::data::use_site().base;
    view! {
        <Title formatter=page_title />
        <Router base>
            <Canonical />
            <ScrollMemory />
            <Header />
            <PreviewBanner />
            <UpdateBanner />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/speakers/:slug") view=SpeakerRoute />
                    // Not a page of the site map: what the service worker shows offline
                    // (`offline.html`), rendered here so it has the site's header and footer.
                    <Route path=path!("/offline") view=Offline />
                    <Route path=path!("/:event") view=EventPage />
                    <Route path=path!("/:event/programme") view=ProgrammePage />
                    <Route path=path!("/:event/tracks") view=TracksPage />
                    <Route path=path!("/:event/agenda") view=AgendaPage />
                    <Route path=path!("/:event/register") view=RegisterPage />
                    <Route path=path!("/:event/sessions/:id") view=SessionPage />
                </Routes>
            </main>
            <RouteAnnouncer />
            <Footer />
        </Router>
    }
}

/// The document's title for a page's own title: "<page> · Istio community events".
fn page_title(text: String) -> String {
    let title = if text == "Istio community events" { text } else { format!("{text} · Istio community events") };
    escaped_for_title(title)
}

/// leptos_meta writes the prerendered `<title>` as it is: escape what would end it early
/// (a title with `</title><script>` in it). The browser sets `document.title` as text.
#[cfg(feature = "ssr")]
fn escaped_for_title(title: String) -> String {
    title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(not(feature = "ssr"))]
fn escaped_for_title(title: String) -> String {
    title
}

/// The compiled content, as the prerenderer reads it from `dist/data/`.
pub struct Content {
    /// The list of events.
    pub index: SiteIndex,
    /// Every event, whole.
    pub events: Vec<Event>,
    /// Every speaker's page.
    pub speakers: Vec<SpeakerPage>,
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use events_model::fixtures::{self, speaker, MON};
    use events_model::{Page, PageKind, SiteAddress, SiteIndex, SitePath, Timestamp};

    use super::Content;
    use crate::prerender::{remember_all, render_page};

    /// A site with a page of every kind: one event with a form, a session and its speaker.
    fn content() -> Content {
        let mut session = fixtures::session("a1", "Ambient mesh in production");
        session.speakers = vec![speaker("Lin Sun", Some("lin-sun"))];
        let mut event = fixtures::event(fixtures::summary("istiocon-2022", "IstioCon 2022"), vec![session.clone()]);
        event.registration = Some(fixtures::registration(MON - 86_400, MON, "https://registration.invalid/x"));
        let speaker = fixtures::speaker_page("lin-sun", "Lin Sun", &event, &session);
        Content { index: SiteIndex { events: vec![event.summary.clone()] }, events: vec![event], speakers: vec![speaker] }
    }

    /// The `<h1>` of the page each kind of route shows for [`content`].
    fn heading(kind: PageKind) -> &'static str {
        match kind {
            PageKind::Home => "Istio community events",
            PageKind::Speaker => "Lin Sun",
            PageKind::Event => "IstioCon 2022",
            PageKind::Programme => "Programme",
            PageKind::Tracks => "Sessions by type",
            PageKind::Agenda => "My agenda",
            PageKind::Register => "Register for IstioCon 2022",
            PageKind::Session => "Ambient mesh in production",
        }
    }

    #[test]
    fn every_kind_of_page_lands_on_its_route_and_its_address_parses_back() {
        any_spawner::Executor::init_futures_executor().ok();
        let content = content();
        remember_all(&content);
        let pages = Page::every(&content.events, &content.speakers);
        for site in [SiteAddress::default(), SiteAddress::parse("https://example.github.io/istio-events/").unwrap()] {
            for kind in PageKind::ALL {
                let page = pages.iter().find(|p| p.kind() == kind).unwrap_or_else(|| panic!("no {kind:?} page"));
                assert_eq!(Page::parse(&page.path()).as_ref(), Some(page), "{kind:?}");
                assert_eq!(site.href(page), format!("{}{}", site.base, page.path()));
                let html = render_page("<html><head><!--HEAD--></head><body><!--BODY--></body></html>", &content, page, &site, Timestamp(MON)).unwrap();
                let h1 = format!("<h1>{}</h1>", heading(kind));
                assert!(html.contains(&h1), "{kind:?} at {} does not show {h1}: {html}", site.href(page));
                assert!(!html.contains("Page not found"), "{kind:?}");
            }
        }
    }
}
