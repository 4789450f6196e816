//! The application shell and every route, declared in one place. The prerenderer renders it for
//! every page; `trunk serve` renders it in the browser (client-side routing). A release build's
//! Wasm never runs it: it hydrates the pages' islands only (`crate::hydrate`).

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::clock::{provide_clock, use_clock, Preview};
use crate::components::{browser_built, focus_main, Footer, Header};
use crate::pages::{
    AgendaPage, EventPage, HomePage, NotFound, ProgrammePage, RegisterPage, SessionPage, SpeakerPage, TracksPage,
};
use crate::registration::provide_outbox;
use crate::time;

/// The whole site.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_clock();
    provide_outbox();
    view! {
        <Title formatter=|text: String| if text == "Istio community events" { text } else { format!("{text} · Istio community events") } />
        <Router>
            <Header />
            <PreviewBanner />
            <main id="main" tabindex="-1">
                <FocusOnNavigate />
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/speakers/:slug") view=SpeakerPage />
                    <Route path=path!("/:event") view=EventPage />
                    <Route path=path!("/:event/programme") view=ProgrammePage />
                    <Route path=path!("/:event/tracks") view=TracksPage />
                    <Route path=path!("/:event/agenda") view=AgendaPage />
                    <Route path=path!("/:event/register") view=RegisterPage />
                    <Route path=path!("/:event/sessions/:id") view=SessionPage />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// After every navigation inside the app (client rendering only: in a release build every link
/// loads a page), moves keyboard and screen-reader focus to the main content.
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

/// Says so when the address asks for a preview (`?preview-at=`, `?preview-endpoint=`), with a
/// way out: a plain link to the same page without the parameters. An island (the prerendered
/// page has no preview).
#[island]
fn PreviewBanner() -> impl IntoView {
    let clock = use_clock();
    // Built in the browser only (no prerendered page has a preview).
    let preview = move || clock.preview().map(|p| (p, clock.visitor_zone().unwrap_or_else(|| "UTC".to_owned())));
    browser_built(preview, |(preview, zone): (Preview, String)| {
        view! {
            <aside class="preview-banner" aria-label="Preview">
                <div class="wrap">
                    {preview.at.map(|at| view! {
                        <p>"Preview: the site as of " <time datetime=time::iso_utc(at)>{time::format_moment(at, &zone)}</time>
                        ". Only what is shown changes; anything sent carries the real time."</p>
                    })}
                    {preview.endpoint.map(|url| view! {
                        <p>"Registrations go to " <code>{url}</code> " on this computer, not to the organizers."</p>
                    })}
                    {preview.refused.into_iter().map(|why| view! { <p>"Not used: " {why}</p> }).collect_view()}
                    <p><a href=leave_preview() rel="external">"Leave the preview"</a></p>
                </div>
            </aside>
        }
    })
}

/// The page's own address without its query (the preview's parameters).
fn leave_preview() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".to_owned())
}
