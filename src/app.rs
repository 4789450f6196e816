//! The application shell and every route, declared in one place: the router's routes
//! ([`App`]) and the list of pages each route has for the content ([`Screen`]), which the
//! prerenderer writes. The prerenderer renders the app for every page; in the browser the same
//! app hydrates that page (or renders the route) and then navigates inside the page.

use events_model::{paths, Event, SiteIndex, SpeakerPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::clock::provide_clock;
use crate::components::{Canonical, Footer, Header, PreviewBanner, RouteAnnouncer, ScrollMemory};
use crate::pages::{
    AgendaPage, EventPage, HomePage, NotFound, ProgrammePage, RegisterPage, SessionPage, SpeakerPage as SpeakerRoute,
    TracksPage,
};
use crate::registration::provide_outbox;

/// The whole site.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_clock();
    provide_outbox();
    let base = crate::data::use_site().base;
    view! {
        <Title formatter=page_title />
        <Router base>
            <Canonical />
            <ScrollMemory />
            <Header />
            <PreviewBanner />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/speakers/:slug") view=SpeakerRoute />
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

/// Each route of [`App`], for the pages the prerenderer writes: one variant per `<Route>`, in
/// the same order, with the same pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// `/`: every event.
    Home,
    /// `/speakers/:slug`: one speaker across events.
    Speaker,
    /// `/:event`: an event's overview.
    Event,
    /// `/:event/programme`: its programme.
    Programme,
    /// `/:event/tracks`: its tracks.
    Tracks,
    /// `/:event/agenda`: the visitor's agenda for it.
    Agenda,
    /// `/:event/register`: its registration form (events with a form only).
    Register,
    /// `/:event/sessions/:id`: one session.
    Session,
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

/// One page to prerender: its address and the data files it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageSpec {
    /// Which route it is.
    pub screen: Screen,
    /// Its address, ending with a slash: `/istiocon-2022/programme/`.
    pub url: String,
    /// The data file it shows, by path (`events_model::paths`).
    pub data: String,
    /// For an event's pages, the event's slug.
    pub event: Option<String>,
}

impl Screen {
    /// Every route, in the router's order.
    pub const ALL: [Screen; 8] = [
        Screen::Home,
        Screen::Speaker,
        Screen::Event,
        Screen::Programme,
        Screen::Tracks,
        Screen::Agenda,
        Screen::Register,
        Screen::Session,
    ];

    /// The route's pattern, as in [`App`]'s `<Route path>`.
    pub fn pattern(self) -> &'static str {
        match self {
            Screen::Home => "/",
            Screen::Speaker => "/speakers/:slug",
            Screen::Event => "/:event",
            Screen::Programme => "/:event/programme",
            Screen::Tracks => "/:event/tracks",
            Screen::Agenda => "/:event/agenda",
            Screen::Register => "/:event/register",
            Screen::Session => "/:event/sessions/:id",
        }
    }

    /// The pages of this route for `content`. Lists (programme, tracks, agenda) show an
    /// event's outline, the other event pages the whole event.
    pub fn pages(self, content: &Content) -> Vec<PageSpec> {
        let page = |url: String, data: String, event: Option<&str>| PageSpec { screen: self, url, data, event: event.map(str::to_owned) };
        let per_event = |make: &dyn Fn(&Event) -> Vec<PageSpec>| content.events.iter().flat_map(make).collect::<Vec<_>>();
        let fill = |event: &Event| {
            let slug = event.summary.slug.as_str();
            self.pattern().replace(":event", slug)
        };
        match self {
            Screen::Home => vec![page("/".into(), paths::INDEX.into(), None)],
            Screen::Speaker => content
                .speakers
                .iter()
                .map(|s| page(format!("/speakers/{}/", s.slug), paths::speaker(&s.slug), None))
                .collect(),
            Screen::Event => per_event(&|e| vec![page(format!("{}/", fill(e)), paths::event(&e.summary.slug), Some(&e.summary.slug))]),
            Screen::Programme | Screen::Tracks | Screen::Agenda => per_event(&|e| {
                vec![page(format!("{}/", fill(e)), paths::event_outline(&e.summary.slug), Some(&e.summary.slug))]
            }),
            Screen::Register => per_event(&|e| {
                let has_form = e.registration.as_ref().is_some_and(|r| r.endpoint.is_some());
                if has_form { vec![page(paths::register(&e.summary.slug), paths::event(&e.summary.slug), Some(&e.summary.slug))] } else { Vec::new() }
            }),
            Screen::Session => per_event(&|e| {
                e.sessions
                    .iter()
                    .map(|s| page(format!("{}/", fill(e).replace(":id", &s.id)), paths::event(&e.summary.slug), Some(&e.summary.slug)))
                    .collect()
            }),
        }
    }
}

/// Every page of the site for `content`, route by route.
pub fn all_pages(content: &Content) -> Vec<PageSpec> {
    Screen::ALL.iter().flat_map(|screen| screen.pages(content)).collect()
}
