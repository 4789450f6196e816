//! The application shell and every route, declared in one place.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::clock::provide_clock;
use crate::components::{focus_main, Footer, Header};
use crate::pages::{AgendaPage, EventPage, HomePage, NotFound, ProgrammePage, SessionPage, SpeakerPage, TracksPage};

/// The whole site.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_clock();
    view! {
        <Title formatter=|text: String| if text == "Istio community events" { text } else { format!("{text} · Istio community events") } />
        <Router>
            <Header />
            <main id="main" tabindex="-1">
                <FocusOnNavigate />
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/speakers/:slug") view=SpeakerPage />
                    <Route path=path!("/:event") view=EventPage />
                    <Route path=path!("/:event/programme") view=ProgrammePage />
                    <Route path=path!("/:event/tracks") view=TracksPage />
                    <Route path=path!("/:event/agenda") view=AgendaPage />
                    <Route path=path!("/:event/sessions/:id") view=SessionPage />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// After every navigation inside the app (not the first load), moves keyboard and screen-reader
/// focus to the main content, as a full page load would.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let _ = location.pathname.get();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if location.hash.get_untracked().is_empty() {
            focus_main();
        }
    });
}
