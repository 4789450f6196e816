//! In-browser tests: components render the data they are given, and the app hydrates a page
//! the prerenderer wrote (`tests/fixtures/hydration/session.html`, made natively by
//! `crates/build/tests/hydration_fixture.rs`), in headless Chromium via wasm-bindgen-test. Run with
//! `cargo test --target wasm32-unknown-unknown -p istio-events-site --test web`.
#![cfg(target_arch = "wasm32")]

use events_model::fixtures::slug;
use events_model::{Event, EventSummary, SessionFormat, SiteIndex, TimeRange, Timestamp};
use events_model::registration::{Consent, Registration, StandardField};
use istio_events_site::clock::{Clock, Preview};
use istio_events_site::components::{LoadFailed, RegistrationStatus, SessionTime};
use istio_events_site::data::{DataError, SiteAddress};
use istio_events_site::pages::{EventList, EventOverview, NotFound, Programme, Register, SessionDetails, TrackList};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::prelude::{Closure, JsValue};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

use support::{DAY, MON};

fn summary(slug: &str, start: i64, days: i64) -> EventSummary {
    let mut s = support::summary(slug, &format!("Event {slug}"), start, days);
    s.summary = format!("About {slug}.");
    s.session_count = 2;
    s
}

/// The shared event, its sessions titled "Talk <id>", with two chairs, languages and formats.
fn event() -> Event {
    let mut event = support::event(["Talk a1", "Talk a2", "Talk b1"]);
    event.summary = summary("istiocon-2022", MON, 2);
    event.chairs = vec!["Lin Sun".into(), "Mitch Connors".into()];
    event.languages = vec!["English".into(), "Chinese".into()];
    event.formats.push(SessionFormat { name: "Workshop".into(), minutes: 160, min_speakers: Some(1), max_speakers: Some(4) });
    event
}

/// Mounts `view` (inside a router) in a fresh container and returns the container.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + Send + 'static) -> web_sys::HtmlElement {
    let document = document();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        // The site at the test page's host root, as `trunk serve` has it.
        provide_context(SiteAddress { origin: "https://events.istio.io".into(), base: String::new() });
        // What the app provides; a test that needs another clock provides its own.
        provide_context(Clock::new(true, istio_events_site::time::now()));
        provide_context(istio_events_site::registration::Outbox::empty());
        provide_context(istio_events_site::offline::Worker::absent());
        view! { <Router>{view()}</Router> }
    });
    handle.forget();
    container
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
fn event_list_puts_upcoming_first_and_marks_states() {
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let index = SiteIndex {
        events: vec![summary("old", MON, 5), summary("next", now + 30 * DAY, 1), summary("older", MON - 400 * DAY, 5)],
    };
    let root = mount(move || view! { <EventList index /> });
    let headings = texts(&root, "h2");
    assert_eq!(headings, ["Upcoming and live", "Past events"]);
    let cards = texts(&root, ".event-card h3");
    assert_eq!(cards, ["Event next", "Event old", "Event older"]);
    assert_eq!(texts(&root, ".badge"), ["Upcoming", "Past", "Past"]);
    let link = root.query_selector(".event-card h3 a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/next/"));
}

#[wasm_bindgen_test]
fn event_overview_shows_facts_formats_tracks_and_organizers() {
    let root = mount(|| view! { <EventOverview event=event() /> });
    assert_eq!(texts(&root, "h1"), ["Event istiocon-2022"]);
    let text = root.text_content().unwrap();
    assert!(text.contains("Programme chairs"), "{text}");
    assert!(text.contains("Lin Sun, Mitch Connors"));
    assert!(text.contains("3 sessions"));
    assert_eq!(texts(&root, "tbody th"), ["Presentation", "Workshop"]);
    assert_eq!(texts(&root, "tbody td"), ["40 min", "1–2 speakers", "2 h 40 min", "1–4 speakers"]);
    assert_eq!(texts(&root, ".track-grid h3"), ["Getting started"]);
    assert_eq!(root.query_selector(".prose strong").unwrap().unwrap().text_content().unwrap(), "world");
    assert!(texts(&root, "h3").contains(&"Programme committee".to_owned()));
}

#[wasm_bindgen_test]
async fn programme_groups_sessions_by_day() {
    let root = mount(|| view! { <Programme event=event() /> });
    // Inside the running app the list shows its first screen, then the rest after a paint.
    assert_eq!(root.query_selector_all("article.session").unwrap().length(), 1);
    list_grown().await;
    let days = texts(&root, "section.day h2");
    assert_eq!(days.len(), 2);
    assert!(days[0].starts_with("Day 1: "), "{days:?}");
    assert!(days[1].starts_with("Day 2: "), "{days:?}");
    assert_eq!(root.query_selector_all("section.day").unwrap().item(0).unwrap().unchecked_into::<web_sys::Element>().query_selector_all("article.session").unwrap().length(), 2);
    // Speakers with a file link to their page; others are plain text.
    let speaker_links: Vec<String> = texts(&root, ".speakers a");
    assert_eq!(speaker_links, ["Lin Sun", "Lin Sun", "Lin Sun"]);
}

#[wasm_bindgen_test]
async fn tracks_page_groups_by_track_or_by_type() {
    // The runner's address has a hash of its own (`#wbg_style=...`): the page without it first,
    // as a visitor coming from the programme's link has it.
    let history = web_sys::window().unwrap().history().unwrap();
    let runner_address = web_sys::window().unwrap().location().href().unwrap();
    history.replace_state_with_url(&JsValue::NULL, "", Some("/istiocon-2022/tracks/")).unwrap();
    let root = mount(|| view! { <TrackList event=event() /> });
    assert_eq!(texts(&root, "h1"), ["Tracks"]);
    assert_eq!(texts(&root, "section.track h2"), ["Getting started", "Outside the tracks"]);
    assert!(root.query_selector("#getting-started").unwrap().is_some());
    // The first screen at once, every session after a paint, each in its section.
    assert_eq!(texts(&root, "article.session h3"), ["Talk a1"]);
    list_grown().await;
    assert_eq!(texts(&root, "#getting-started article.session h3"), ["Talk a1", "Talk b1"]);
    assert_eq!(texts(&root, "#other article.session h3"), ["Talk a2"]);
    assert_eq!(texts(&root, "article.session h3"), ["Talk a1", "Talk b1", "Talk a2"]);

    // An address naming a section gets every session at once: the sections above it need
    // their full height for the scroll to land on it.
    history.replace_state_with_url(&JsValue::NULL, "", Some("/istiocon-2022/tracks/#other")).unwrap();
    let root = mount(|| view! { <TrackList event=event() /> });
    assert_eq!(texts(&root, "article.session h3"), ["Talk a1", "Talk b1", "Talk a2"]);
    history.replace_state_with_url(&JsValue::NULL, "", Some(&runner_address)).unwrap();

    let mut no_tracks = event();
    no_tracks.tracks.clear();
    no_tracks.sessions[1].kind = "Keynote".into();
    let root = mount(move || view! { <TrackList event=no_tracks /> });
    assert_eq!(texts(&root, "h1"), ["Sessions by type"]);
    assert_eq!(texts(&root, "section.track h2"), ["Presentation", "Keynote"]);
}

#[wasm_bindgen_test]
fn session_details_show_time_type_track_and_speakers() {
    let e = event();
    let s = e.sessions[0].clone();
    let root = mount(move || view! { <SessionDetails event=e session=s /> });
    assert_eq!(texts(&root, "h1"), ["Talk a1"]);
    let text = root.text_content().unwrap();
    assert!(text.contains("Event time"));
    assert!(text.contains("Getting started"));
    assert!(text.contains("25 min"));
    assert!(text.contains("Watch the recording"));
    assert_eq!(texts(&root, ".people .designation"), ["Solo.io", ""]);
}

#[wasm_bindgen_test]
fn session_time_says_when_no_time_is_published() {
    let root = mount(|| view! { <SessionTime time=None zone="UTC" /> });
    assert_eq!(root.text_content().unwrap(), "Time not published");
    let range = TimeRange { start: Timestamp(MON + 15 * 3600), end: Timestamp(MON + 15 * 3600 + 1500) };
    let root = mount(move || view! { <SessionTime time=Some(range) zone="Asia/Shanghai" /> });
    let text = root.text_content().unwrap();
    assert!(text.contains("Event time"), "{text}");
    // 15:00 UTC is 23:00 in Shanghai.
    assert!(text.contains("11:00") || text.contains("23:00"), "{text}");
    let time = root.query_selector("time").unwrap().unwrap();
    assert_eq!(time.get_attribute("datetime").as_deref(), Some("2022-04-25T15:00:00Z"));
}

#[wasm_bindgen_test]
async fn before_the_clock_goes_live_only_the_build_time_view_shows() {
    use istio_events_site::clock::Clock;
    use istio_events_site::components::StateBadge;
    // Built long before the event, read while it is live: the badge must follow the reader.
    let built_at = Timestamp(MON - 30 * DAY);
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let clock = Clock::new(false, built_at);
    let range = TimeRange { start: Timestamp(MON + 16 * 3600), end: Timestamp(MON + 17 * 3600) };
    let root = mount(move || {
        provide_context(clock);
        view! {
            <StateBadge start=Timestamp(now - DAY) end=Timestamp(now + DAY) />
            <SessionTime time=Some(range) zone="Asia/Tokyo" />
        }
    });
    assert_eq!(texts(&root, ".badge"), ["Upcoming"]);
    // The visitor's row is there (no layout shift) but empty until the zone is known.
    assert_eq!(root.query_selector_all(".clock-local").unwrap().length(), 1);
    assert_eq!(texts(&root, ".clock-local dd span"), Vec::<String>::new());

    clock.go_live();
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".badge"), ["Live now"]);
    let local = texts(&root, ".clock-local dd");
    assert!(!local[0].is_empty(), "{local:?}");
}

#[wasm_bindgen_test]
async fn load_failed_offers_a_retry_that_calls_back() {
    let (count, set_count) = signal(0);
    let root = mount(move || {
        view! { <LoadFailed error=DataError::Status(503) retry=Callback::new(move |()| set_count.update(|n| *n += 1)) /> }
    });
    assert!(root.text_content().unwrap().contains("status 503"));
    let button: web_sys::HtmlButtonElement = root.query_selector("button").unwrap().unwrap().unchecked_into();
    button.click();
    button.click();
    assert_eq!(count.get_untracked(), 2);
    assert_eq!(root.query_selector("[role=alert]").unwrap().is_some(), true);
}

#[wasm_bindgen_test]
fn not_found_links_home() {
    let root = mount(|| view! { <NotFound /> });
    assert_eq!(texts(&root, "h1"), ["Page not found"]);
    assert_eq!(root.query_selector("a").unwrap().unwrap().get_attribute("href").as_deref(), Some("/"));
}

#[wasm_bindgen_test]
async fn programme_marks_now_and_next_as_of_the_clock() {
    use istio_events_site::clock::Clock;
    // Ten minutes into a1 (15:00-15:25 UTC on day 1): a1 is on, a2 (16:00) comes next.
    let clock = Clock::new(false, Timestamp(MON + 15 * 3600 + 600));
    let root = mount(move || {
        provide_context(clock);
        view! { <Programme event=event() /> }
    });
    leptos::task::tick().await;
    let items = texts(&root, "ul.session-list > li");
    assert_eq!(items.len(), 3);
    assert!(items[0].contains("Talk a1") && items[0].contains("Live now"), "{items:?}");
    assert!(items[1].contains("Talk a2") && items[1].contains("Up next"), "{items:?}");
    assert!(!items[2].contains("Live now") && !items[2].contains("Up next"), "{items:?}");
    // Before the app runs its controls are disabled, not silently dead.
    let star: web_sys::HtmlButtonElement = root.query_selector("button.star").unwrap().unwrap().unchecked_into();
    assert!(star.disabled());
}

#[wasm_bindgen_test]
async fn a_star_is_a_toggle_kept_in_browser_storage() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("istio-events:agenda:istiocon-2022").unwrap();
    let root = mount(|| view! { <Programme event=event() /> });
    list_grown().await;
    let stars = root.query_selector_all("button.star").unwrap();
    assert_eq!(stars.length(), 3);
    let b1: web_sys::HtmlButtonElement = stars.item(2).unwrap().unchecked_into();
    assert_eq!(b1.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(b1.text_content().unwrap(), "☆ Star Talk b1");
    b1.click();
    leptos::task::tick().await;
    assert_eq!(b1.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(storage.get_item("istio-events:agenda:istiocon-2022").unwrap().as_deref(), Some("b1"));
    let a1: web_sys::HtmlButtonElement = stars.item(0).unwrap().unchecked_into();
    a1.click();
    leptos::task::tick().await;
    // Kept in programme order, whatever the order of the clicks.
    assert_eq!(storage.get_item("istio-events:agenda:istiocon-2022").unwrap().as_deref(), Some("a1,b1"));
    a1.click();
    b1.click();
    leptos::task::tick().await;
    assert_eq!(b1.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(storage.get_item("istio-events:agenda:istiocon-2022").unwrap(), None);
}

/// Registration for the test event: opens 10 days before it, closes when it starts.
fn registration() -> Registration {
    Registration {
        opens: Timestamp(MON - 10 * DAY),
        closes: Timestamp(MON),
        endpoint: Some("https://registration.invalid/x".into()),
        url: None,
        capacity_note: Some("Free; 300 places.".into()),
        capacity: None,
        questions: vec![StandardField::Name.question(true), StandardField::Email.question(true)],
        consents: vec![Consent { id: "privacy".into(), label: "I have read the privacy notice".into(), link: None, link_text: None, required: true }],
    }
}

/// After a frame and an idle callback, when a list rendered through a `Window` (its first
/// screen at once) has grown by a step: the whole list, for the few sessions of these tests.
async fn list_grown() {
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::new(&mut |resolve, _| {
        request_animation_frame(move || {
            let resolve = resolve.clone();
            let _ = request_idle_callback_with_handle(move || {
                let _ = resolve.call0(&JsValue::NULL);
            });
        });
    }))
    .await
    .unwrap();
    leptos::task::tick().await;
}

/// A few turns of the browser's event loop, for effects and mounts to run.
async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
        }))
        .await
        .unwrap();
    }
}

#[wasm_bindgen_test]
async fn registration_state_follows_the_clock_and_its_preview() {
    // Built before registration opened; read during a preview while it is open.
    let clock = Clock::new(false, Timestamp(MON - 20 * DAY));
    let root = mount(move || {
        provide_context(clock);
        view! { <RegistrationStatus registration=registration() slug=slug("istiocon-2022") zone="UTC" /> }
    });
    let text = root.text_content().unwrap();
    assert!(text.contains("Not open yet: opens in 10 days."), "{text}");
    assert_eq!(texts(&root, ".clock-event dt"), ["Opens (event time)"]);
    assert_eq!(root.query_selector_all(".clock-local").unwrap().length(), 1);
    assert!(text.contains("Free; 300 places."));

    clock.go_live_with(Preview { at: Some(Timestamp(MON - 3 * DAY)), ..Preview::default() });
    leptos::task::tick().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("Open: closes in 3 days."), "{text}");
    let link = root.query_selector("a.button").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/istiocon-2022/register/"));

    let after = Clock::new(false, Timestamp(MON));
    after.go_live_with(Preview { at: Some(Timestamp(MON + 1)), ..Preview::default() });
    let root = mount(move || {
        provide_context(after);
        view! { <RegistrationStatus registration=registration() slug=slug("istiocon-2022") zone="UTC" /> }
    });
    assert!(root.text_content().unwrap().contains("Closed."));
    assert!(root.query_selector("a.button").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_form_says_it_needs_javascript_until_the_app_runs_then_checks_fields_as_they_are_left() {
    // A page built while registration is open, before the app runs: a note, no dead form.
    let clock = Clock::new(false, Timestamp(MON - 5 * DAY));
    let root = mount(move || {
        provide_context(clock);
        view! { <Register event=event() registration=registration() /> }
    });
    assert_eq!(texts(&root, "h1"), ["Register for Event istiocon-2022"]);
    assert!(texts(&root, ".js-note")[0].contains("This form needs JavaScript"));
    assert!(root.query_selector("form").unwrap().is_none());

    clock.go_live_with(Preview::default());
    // Today is long after this test event: closed, and no form.
    settle().await;
    assert_eq!(texts(&root, ".register-state"), ["Registration is closed."]);
    assert!(root.query_selector("form").unwrap().is_none());

    // Previewed while open: the form, mounted in the browser.
    let open = Clock::new(false, Timestamp(MON - 5 * DAY));
    let root = mount(move || {
        provide_context(open);
        view! { <Register event=event() registration=registration() /> }
    });
    open.go_live_with(Preview { at: Some(Timestamp(MON - 5 * DAY)), ..Preview::default() });
    settle().await;
    assert!(root.query_selector(".js-note").unwrap().is_none());
    let email: web_sys::HtmlInputElement = root.query_selector("#q-email").unwrap().expect("the form is mounted").unchecked_into();
    assert_eq!(email.get_attribute("autocomplete").as_deref(), Some("email"));
    assert_eq!(email.get_attribute("aria-describedby").as_deref(), Some("q-email-help"));
    email.set_value("ada@example");
    email.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    email.dispatch_event(&web_sys::Event::new("blur").unwrap()).unwrap();
    settle().await;
    assert_eq!(texts(&root, "#q-email-error"), ["Enter an email address such as name@example.com."]);
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(email.get_attribute("aria-describedby").as_deref(), Some("q-email-help q-email-error"));
    assert!(texts(&root, "[aria-live=polite]")[0].contains("Email address: Enter an email address"));
    // The answer stays; fixing it clears the error as it is typed.
    assert_eq!(email.value(), "ada@example");
    email.set_value("ada@example.com");
    email.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    settle().await;
    assert!(root.query_selector("#q-email-error").unwrap().is_none());
    assert_eq!(email.get_attribute("aria-invalid"), None);
}

/// The form's markup for every question kind and a consent with a page, as first shown and after
/// a submit with every required answer missing (errors, `aria-invalid`, `aria-describedby`, the
/// summary), is what `tests/fixtures/register-form.html` holds: a change to how the form is
/// put together must not change what it renders.
#[wasm_bindgen_test]
async fn the_form_renders_every_question_kind_as_the_fixture_holds() {
    use events_model::registration::{Question, QuestionKind, TextRules};
    let question = |id: &str, help: Option<&str>, required: bool, kind: QuestionKind| Question {
        id: id.into(),
        label: format!("Label {id}"),
        help: help.map(Into::into),
        required,
        kind,
        autocomplete: None,
    };
    let options = || vec!["One".to_owned(), "Two".to_owned()];
    let mut reg = registration();
    reg.questions.extend([
        question("count", Some("How many."), false, QuestionKind::Number { min: Some(1), max: Some(9) }),
        question("about", Some("A few lines."), true, QuestionKind::LongText(TextRules::default())),
        question("plain", None, false, QuestionKind::Text(TextRules::default())),
        question("pick", Some("Pick one."), true, QuestionKind::Choice { options: options() }),
        question("some", None, true, QuestionKind::MultiChoice { options: options() }),
        question("maybe", Some("If you like."), false, QuestionKind::MultiChoice { options: options() }),
        question("yes", None, true, QuestionKind::Checkbox),
    ]);
    reg.consents.push(Consent { id: "photos".into(), label: "Photos may be taken".into(), link: Some("https://example.com/photos".into()), link_text: Some("About photos".into()), required: false });
    let open = Clock::new(false, Timestamp(MON - 5 * DAY));
    let root = mount(move || {
        provide_context(open);
        view! { <Register event=event() registration=reg /> }
    });
    open.go_live_with(Preview { at: Some(Timestamp(MON - 5 * DAY)), ..Preview::default() });
    settle().await;
    let form = root.query_selector(".form-root").unwrap().expect("the form is mounted");
    let first = form.inner_html();
    let button: web_sys::HtmlElement = form.query_selector("button[type=submit]").unwrap().unwrap().unchecked_into();
    button.click();
    settle().await;
    let rendered = format!("{first}\n{}\n", form.inner_html());
    let expected = include_str!("fixtures/register-form.html");
    assert!(rendered == expected, "the form's markup changed; it is now:\n{rendered}");
}

/// The programme's search lowers text with the browser's `toLowerCase`: it must map as Rust's
/// `to_lowercase` does natively (Greek final sigma, Cyrillic, dotted capital I, ß, CJK).
#[wasm_bindgen_test]
fn the_browser_lowers_text_as_rust_does() {
    for text in ["ISTIO Ambient", "ΟΔΥΣΣΕΥΣ", "ИСТИО", "服务网格 ISTIO", "İstanbul", "STRASSE Straße"] {
        assert_eq!(istio_events_site::text::lowercase(text), text.to_lowercase(), "{text}");
    }
    // Search through it: case-blind on names and designations.
    let e = event();
    let index = events_model::programme::SearchIndex::new(istio_events_site::text::SEARCH_FOLD);
    let filters = events_model::programme::Filters { text: "LIN SUN solo.IO".into(), ..Default::default() };
    assert!(index.matches(&e, &filters).iter().all(|m| *m));
    let filters = events_model::programme::Filters { text: "nobody".into(), ..Default::default() };
    assert!(index.matches(&e, &filters).iter().all(|m| !*m));
}

/// The programme's search folds accents with the browser's `normalize("NFKD")` and
/// `toLowerCase`: every string of the shared list folds as it does natively (Vietnamese,
/// Romanian, decomposed input, compatibility forms, scripts whose marks are kept).
#[wasm_bindgen_test]
fn the_browser_folds_search_text_as_rust_does() {
    for (text, folded) in events_model::programme::FOLD_CASES {
        assert_eq!(events_model::programme::fold(text, istio_events_site::text::SEARCH_FOLD), *folded, "{text}");
    }
}

/// The session page that the prerenderer writes for a small fixed event, the whole document:
/// made by the native build's own prerendering code and kept current by
/// `crates/build/tests/hydration_fixture.rs` (`UPDATE_FIXTURES=1` writes it anew).
const PRERENDERED_SESSION_PAGE: &str = include_str!("fixtures/hydration/session.html");

/// The part of `html` from `start` (included) to `end` (excluded).
fn part<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let at = html.find(start).unwrap_or_else(|| panic!("the page has {start}"));
    let len = html[at..].find(end).unwrap_or_else(|| panic!("the page has {end} after {start}"));
    &html[at..at + len]
}

/// Records what is written to the console's `error` and `warn` (and still writes it) until
/// [`ConsoleRecorder::stop`].
struct ConsoleRecorder {
    console: js_sys::Object,
    originals: Vec<(&'static str, JsValue, Closure<dyn FnMut(JsValue)>)>,
    written: std::rc::Rc<std::cell::RefCell<Vec<String>>>,
}

impl ConsoleRecorder {
    fn start() -> Self {
        let console: js_sys::Object = js_sys::Reflect::get(&js_sys::global(), &"console".into()).expect("a console").unchecked_into();
        let written = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let originals = ["error", "warn"]
            .into_iter()
            .map(|name| {
                let original = js_sys::Reflect::get(&console, &name.into()).expect("the console has the method");
                let (call, console_, written) = (original.clone().unchecked_into::<js_sys::Function>(), console.clone(), written.clone());
                let recorder = Closure::<dyn FnMut(JsValue)>::new(move |message: JsValue| {
                    written.borrow_mut().push(format!("console.{name}: {}", message.as_string().unwrap_or_else(|| format!("{message:?}"))));
                    let _ = call.call1(&console_, &message);
                });
                js_sys::Reflect::set(&console, &name.into(), recorder.as_ref()).expect("the console's method can be replaced");
                (name, original, recorder)
            })
            .collect();
        ConsoleRecorder { console, originals, written }
    }

    /// Puts the console back as it was; returns what was written.
    fn stop(self) -> Vec<String> {
        for (name, original, _recorder) in &self.originals {
            js_sys::Reflect::set(&self.console, &(*name).into(), original).expect("the console's method can be put back");
        }
        self.written.take()
    }
}

/// A prerendered page hydrates: the app adopts the markup the prerenderer wrote (the same
/// nodes, no second copy, no mismatch, nothing on the console), and is live from then on: the
/// visitor's row shows the zone they chose on an earlier visit, and the star, disabled in the
/// markup, works.
#[wasm_bindgen_test]
async fn a_prerendered_session_page_hydrates_in_place_and_goes_live() {
    use istio_events_site::data::Handover;

    let window = web_sys::window().expect("the test runs in a window");
    let document = document();
    let storage = window.local_storage().expect("storage is allowed").expect("the window has localStorage");
    // A visitor who chose Tokyo's time on an earlier visit, with nothing starred yet.
    storage.set_item("istio-events:zone", "Asia/Tokyo").unwrap();
    storage.remove_item("istio-events:agenda:istiocon-2022").unwrap();

    // The page as the browser gets it: its head's meta tags after the marker leptos_meta
    // hydrates from, and its body (in a container: the runner's page keeps its own body).
    let page = PRERENDERED_SESSION_PAGE;
    let head = document.head().expect("the runner's page has a head");
    let runner_title = document.title();
    let head_before = head.child_nodes().length();
    head.insert_adjacent_html("beforeend", part(page, "<!--HEAD-->", "</head>")).unwrap();
    // Its inline script (the hydration globals) runs before the Wasm, as in the page.
    let globals = part(page, "<script>", "</script>").trim_start_matches("<script>");
    js_sys::eval(globals).expect("the page's inline script runs");
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    container.set_inner_html(part(page, "<body>", "</body>").trim_start_matches("<body>"));
    document.body().unwrap().append_child(&container).unwrap();

    // The address the page was rendered for, as `start` requires before it hydrates (the
    // router reads it; nothing loads it).
    let handover = Handover::from_page().expect("the page carries its data");
    assert_eq!(handover.url, "/istiocon-2022/sessions/a1/");
    let runner_address = window.location().href().unwrap();
    window.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&handover.url)).unwrap();
    assert_eq!(window.location().pathname().unwrap(), handover.url);

    // Prerendered nodes, and what the markup says before the app runs.
    let query = |selector: &str| container.query_selector(selector).unwrap().unwrap_or_else(|| panic!("the page has {selector}"));
    let heading = query("main h1");
    let local_time = query(".clock-local dd");
    let star: web_sys::HtmlButtonElement = query("button.star").unchecked_into();
    let elements_before = container.query_selector_all("*").unwrap().length();
    assert_eq!(heading.text_content().unwrap(), "Ambient mesh in production");
    assert!(star.disabled());
    assert_eq!(star.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(local_time.text_content().unwrap(), "shown in your time zone when JavaScript is on");
    let markup = container.inner_html();

    let console = ConsoleRecorder::start();
    let app = istio_events_site::start::hydrate_in(container.clone(), handover);
    // Hydrating changed nothing in the markup (the app's effects have not run yet).
    assert_eq!(container.inner_html(), markup);
    settle().await;

    // Adopted: the same nodes, and no second copy of anything.
    assert!(query("main h1").is_same_node(Some(&heading)));
    assert!(query(".clock-local dd").is_same_node(Some(&local_time)));
    assert!(query("button.star").is_same_node(Some(&star)));
    assert_eq!(container.query_selector_all("h1").unwrap().length(), 1);
    assert_eq!(texts(&container, "main h1"), ["Ambient mesh in production"]);

    // Live: the app runs and sets the page's title, the visitor's row shows their chosen zone
    // in place (15:00 UTC is the next day in Tokyo), the star works and is kept.
    assert_eq!(document.document_element().unwrap().get_attribute("data-app").as_deref(), Some("live"));
    assert_eq!(document.title(), "Ambient mesh in production · IstioCon 2022 · Istio community events");
    assert!(local_time.query_selector("noscript").unwrap().is_none());
    let local = local_time.text_content().unwrap();
    assert!(local.contains(':') && local.ends_with("(+1 day)"), "{local}");
    assert!(!star.disabled());
    star.click();
    settle().await;
    assert_eq!(star.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(texts(&container, "button.star .star-icon"), ["★"]);
    assert_eq!(storage.get_item("istio-events:agenda:istiocon-2022").unwrap().as_deref(), Some("a1"));
    star.click();
    settle().await;
    assert_eq!(star.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(storage.get_item("istio-events:agenda:istiocon-2022").unwrap(), None);
    // Nothing else was added or taken away: the visitor's row's <noscript> became two <span>s
    // (the time and its day-shift mark).
    let elements_after = container.query_selector_all("*").unwrap().length();
    assert_eq!(elements_after, elements_before + 1);

    let written = console.stop();
    assert!(written.is_empty(), "the page wrote to the console: {written:#?}");

    // Leave the runner's page as it was for the other tests. The app is forgotten, not
    // unmounted: its clock ticks every 30 s for the page's life (as on the site), reading
    // signals that unmounting would dispose.
    app.forget();
    container.remove();
    while head.child_nodes().length() > head_before {
        head.remove_child(&head.last_child().unwrap()).unwrap();
    }
    if document.title() != runner_title {
        document.set_title(&runner_title);
    }
    window.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&runner_address)).unwrap();
    document.document_element().unwrap().remove_attribute("data-app").unwrap();
    storage.remove_item("istio-events:zone").unwrap();
}
