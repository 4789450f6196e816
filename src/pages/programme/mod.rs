//! An event's programme, day by day, with filters, search, stars and calendar files.

use events_model::programme::{FilterChoices, Filters, SearchIndex};
use events_model::{Download, Event, Page, Session, Slug};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

mod days;
mod grid;

pub use days::day_heading;
use days::ProgrammeDays;
use grid::{grid_choice, ViewSwitch};

use super::{loaded, route_data, slug_of};
use crate::clock::use_clock;
use crate::data::{here, use_site};
use crate::components::{print_whole_list, EventNav, PrintButton, Window, ZonePicker, FIRST};
use crate::{download, time};

/// Route `/:event/programme`.
#[component]
pub fn ProgrammePage() -> impl IntoView {
    loaded(route_data(|p| Some(Page::Programme(slug_of(p, "event")?))), "the programme", |event: Event| view! { <Programme event /> })
}

/// The filters in the page's address, once the app runs (the prerendered page lists every
/// session: it cannot know the query a visitor will bring), read again after Back or Forward.
fn address_filters(window: Window) -> RwSignal<Filters> {
    let clock = use_clock();
    let filters = RwSignal::new(Filters::default());
    Effect::new(move |_| {
        if clock.is_live() {
            filters.set(address::filters());
        }
    });
    // In the browser only (an effect), for as long as the programme is shown.
    Effect::new(move |_| {
        let back = window_event_listener(leptos::ev::popstate, move |_| {
            window.restart();
            filters.try_set(address::filters());
        });
        on_cleanup(move || back.remove());
    });
    filters
}

/// The filters in force: the page's address's, or ones just chosen. The list follows a choice
/// at once; the address (so the view can be shared, and Back undoes it) is written just before
/// the next frame, once for any number of keystrokes in between.
#[derive(Clone, Copy)]
pub struct FilterState {
    /// What the list shows.
    current: Memo<Filters>,
    /// Chosen, not yet in the address, and whether its history entry replaces the current one.
    pending: RwSignal<Option<(Filters, bool)>>,
    /// The address's filters.
    url: RwSignal<Filters>,
    /// How much of the list is rendered, begun again with every change of filters.
    window: Window,
}

impl FilterState {
    /// The filters of the page's address (once the app runs), and a way to change them; each
    /// change renders `window` again from its first screen.
    pub fn new(window: Window) -> Self {
        let url = address_filters(window);
        let pending = RwSignal::new(None::<(Filters, bool)>);
        let current =
            Memo::new(move |_| pending.with(|p| p.as_ref().map(|(f, _)| f.clone())).unwrap_or_else(|| url.get()));
        FilterState { current, pending, url, window }
    }

    /// The filters in force.
    pub fn get(self) -> Memo<Filters> {
        self.current
    }

    /// Shows `filters`. Typing in the search box `replace`s the current history entry instead
    /// of adding one per key; a filter picked among them still adds one.
    pub fn show(self, filters: Filters, replace: bool) {
        let scheduled = self.pending.with_untracked(Option::is_some);
        let replace = replace && self.pending.with_untracked(|p| p.as_ref().is_none_or(|(_, r)| *r));
        self.window.restart();
        self.pending.set(Some((filters, replace)));
        if !scheduled {
            request_animation_frame(move || {
                if let Some((filters, replace)) = self.pending.get_untracked() {
                    address::write(&filters, replace);
                    self.url.set(filters);
                }
                self.pending.set(None);
            });
        }
    }
}

/// The programme's filters in the page's address (`?day=2&q=words`), through the browser's
/// history: other parameters (a `preview-at`, for one) and the fragment are kept.
mod address {
    use events_model::programme::{keys, Filters};

    const KEYS: [&str; 5] = [keys::DAY, keys::TRACK, keys::TYPE, keys::LANGUAGE, keys::TEXT];

    fn params() -> Option<web_sys::UrlSearchParams> {
        let search = web_sys::window()?.location().search().ok()?;
        web_sys::UrlSearchParams::new_with_str(&search).ok()
    }

    /// The filters the address asks for (none natively).
    pub fn filters() -> Filters {
        match params() {
            Some(params) => Filters::from_query(|key| params.get(key)),
            None => Filters::default(),
        }
    }

    /// Puts `filters` in the address, as a new history entry or in place of the current one.
    pub fn write(filters: &Filters, replace: bool) {
        let (Some(window), Some(params)) = (web_sys::window(), params()) else { return };
        for key in KEYS {
            params.delete(key);
        }
        for (key, value) in filters.to_query_pairs() {
            params.append(key, &value);
        }
        let location = window.location();
        let query = String::from(params.to_string());
        let url = format!(
            "{}{}{}{}",
            location.pathname().unwrap_or_default(),
            if query.is_empty() { "" } else { "?" },
            query,
            location.hash().unwrap_or_default()
        );
        let Ok(history) = window.history() else { return };
        let state = wasm_bindgen::JsValue::NULL;
        let _ = if replace {
            history.replace_state_with_url(&state, "", Some(&url))
        } else {
            history.push_state_with_url(&state, "", Some(&url))
        };
    }
}

/// An event's programme page: its heading, then [`ProgrammeBody`].
#[component]
pub fn Programme(
    /// The event (its outline is enough).
    event: Event,
) -> impl IntoView {
    let s = event.summary.clone();
    // The same words before and after the visitor's zone is known: no layout shift.
    let zone_note = format!("Each time is shown in the event's zone ({}) and in yours.", s.timezone);
    view! {
        <Title text=format!("Programme · {}", s.name) />
        <Meta name="description" content=format!("The programme of {}: {} sessions, day by day.", s.name, event.sessions.len()) />
        <div class="event-head">
            <div class="wrap">
                <p class="kicker">{s.name.clone()}</p>
                <h1>"Programme"</h1>
                <p class="lead">{zone_note}</p>
                <EventNav slug=s.slug.clone() name=s.name.clone() />
            </div>
        </div>
        <ProgrammeBody event />
    }
}

/// Sessions grouped by day (event zone), each with its time in the event's zone and the
/// visitor's; filters and search that live in the URL; stars for "My agenda"; "now" and "next"
/// marks during the event; calendar and schedule files.
#[component]
pub fn ProgrammeBody(
    /// The event (its outline is enough).
    event: Event,
) -> impl IntoView {
    let clock = use_clock();
    let s = event.summary.clone();
    let total = event.sessions.len();
    // The whole programme's calendar file is built only when some session has a time.
    let timed = event.sessions.iter().any(|s| s.time.is_some());
    let choices = FilterChoices::of(&event);
    // Folded for the search when the first words are typed, not when the page opens.
    let index = SearchIndex::new(crate::text::SEARCH_FOLD);
    let event = StoredValue::new(event);
    // A prerendered page (hydrated, or read without JavaScript) lists every session; inside
    // the running app the list shows its first screen at once and grows after it is painted.
    let window = Window::new(if clock.is_live_untracked() { FIRST } else { usize::MAX });
    let state = FilterState::new(window);
    let filters = state.get();
    let matches = Memo::new(move |_| event.with_value(|e| filters.with(|f| index.matches(e, f))));
    let shown = Memo::new(move |_| matches.with(|m| m.iter().filter(|m| **m).count()));
    window.grow_after_paint(shown);
    print_whole_list(window);

    let count_text = move || {
        let shown = shown.get();
        match (shown, filters.with(Filters::is_empty)) {
            (_, true) => format!("{total} sessions"),
            (0, false) => format!("No session of {total} matches these filters"),
            (1, false) => format!("1 session of {total} matches these filters"),
            (n, false) => format!("{n} sessions of {total} match these filters"),
        }
    };
    let clear = move |_| state.show(Filters::default(), false);
    let grid = grid_choice();

    view! {
        <div class="wrap" class:grid-view=move || grid.get()>
            {if total == 0 {
                Either::Left(view! { <p class="empty">"The programme of this event is not on this site yet."</p> })
            } else {
                Either::Right(view! {
                    <div class="programme-tools">
                        <noscript>
                            <p class="note">"Filters, search, stars and choosing your time zone need JavaScript. Every session is listed below."</p>
                        </noscript>
                        <FilterForm choices state />
                        <ZonePicker />
                        <FileLinks slug=s.slug.clone() timed event matches shown filters />
                        <div class="actions">
                            <ViewSwitch grid />
                            <PrintButton label="Print the programme" window />
                        </div>
                    </div>
                    <p class="result-count" role="status" aria-live="polite" aria-atomic="true">{count_text}</p>
                    <div class="no-results" hidden=move || { shown.get() > 0 }>
                        <p>"Nothing here: try fewer filters or other words."</p>
                        <button type="button" on:click=clear>"Clear all filters"</button>
                    </div>
                    <ProgrammeDays event matches window />
                })
            }}
        </div>
    }
}

/// The programme's calendar file (of the sessions shown, when filtered) and schedule files.
#[component]
fn FileLinks(
    /// The event's slug.
    slug: Slug,
    /// Whether any session has a time (else there is no calendar file).
    timed: bool,
    /// The event.
    event: StoredValue<Event>,
    /// Which sessions pass the filters.
    matches: Memo<Vec<bool>>,
    /// How many do.
    shown: Memo<usize>,
    /// The filters in force.
    filters: Memo<Filters>,
) -> impl IntoView {
    let site = use_site();
    let calendar_link = site.href(&Download::ProgrammeCalendar(slug.clone()));
    let (schedule_xml, schedule_json) = (site.href(&Download::ScheduleXml(slug.clone())), site.href(&Download::ScheduleJson(slug.clone())));
    let calendar_text = move || {
        if filters.with(Filters::is_empty) {
            "Calendar file of the whole programme (.ics, for Google Calendar, Apple Calendar, Outlook)".to_owned()
        } else {
            format!("Calendar file of the {} sessions shown (.ics, for Google Calendar, Apple Calendar, Outlook)", shown.get())
        }
    };
    // With filters on, the calendar file is made in the browser from the sessions shown; the
    // link itself (the whole programme, built with the site) works without JavaScript.
    let on_calendar = move |ev: leptos::ev::MouseEvent| {
        if filters.with_untracked(Filters::is_empty) {
            return;
        }
        let text = event.with_value(|e| {
            let chosen: Vec<&Session> =
                matches.with_untracked(|m| e.sessions.iter().zip(m).filter(|(_, m)| **m).map(|(s, _)| s).collect());
            events_model::ics::sessions_calendar(e, &chosen, &here(&site), time::now())
        });
        if download::offer(&format!("{slug}-selection.ics"), "text/calendar", &text) {
            ev.prevent_default();
        }
    };
    view! {
        <ul class="file-links">
            {timed.then(|| view! { <li><a href=calendar_link download on:click=on_calendar>{calendar_text}</a></li> })}
            <li><a href=schedule_xml>"Schedule for EventFahrplan and Giggity (frab XML)"</a></li>
            <li><a href=schedule_json>"Schedule as frab/c3voc JSON"</a></li>
        </ul>
    }
}

/// The filter controls: free text, day, track, type and language. Each change shows the new
/// filters through the URL.
#[component]
fn FilterForm(
    /// The values each filter offers.
    choices: FilterChoices,
    /// The filters in force, and a way to change them.
    state: FilterState,
) -> impl IntoView {
    let clock = use_clock();
    let filters = state.get();
    let off = move || !clock.is_live();
    let change = move |edit: &dyn Fn(&mut Filters), replace: bool| {
        let mut next = filters.get_untracked();
        edit(&mut next);
        state.show(next, replace);
    };
    let pick = move |value: String| (!value.is_empty()).then_some(value);
    let FilterChoices { days, tracks, kinds, languages } = choices;
    let select = move |id: &'static str,
                       label: &'static str,
                       all: &'static str,
                       options: Vec<(String, String)>,
                       current: fn(&Filters) -> Option<String>,
                       set: fn(&mut Filters, Option<String>)| {
        (!options.is_empty()).then(|| {
            view! {
                <div class="field">
                    <label for=id>{label}</label>
                    // The select's value picks its option: one binding, not one per option.
                    <select id=id disabled=off prop:value=move || filters.with(|f| current(f).unwrap_or_default()) on:change=move |ev| {
                        let value = pick(event_target_value(&ev));
                        change(&|f| set(f, value.clone()), false);
                    }>
                        <option value="">{all}</option>
                        {options.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
                    </select>
                </div>
            }
        })
    };
    let day_options = days.into_iter().map(|d| ((d + 1).to_string(), format!("Day {}", d + 1))).collect();
    let track_options = tracks;
    let kind_options = kinds.into_iter().map(|k| (k.clone(), k)).collect();
    let language_options = languages.into_iter().map(|l| (l.clone(), l)).collect();
    view! {
        <form class="filters" role="search" aria-label="Find sessions" on:submit=|ev| ev.prevent_default()>
            <div class="field field-search">
                <label for="filter-text">"Search titles and speakers"</label>
                <input
                    id="filter-text"
                    type="search"
                    autocomplete="off"
                    disabled=off
                    prop:value=move || filters.with(|f| f.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        // One history entry per search, not per key.
                        let replace = !filters.with_untracked(|f| f.text.is_empty());
                        change(&|f| f.text = text.clone(), replace);
                    }
                />
            </div>
            {select("filter-day", "Day", "All days", day_options, |f| f.day.map(|d| (d + 1).to_string()), |f, v| {
                f.day = v.and_then(|d| d.parse::<usize>().ok()).and_then(|d| d.checked_sub(1));
            })}
            {select("filter-track", "Track", "All tracks", track_options, |f| f.track.clone(), |f, v| f.track = v)}
            {select("filter-type", "Type", "All types", kind_options, |f| f.kind.clone(), |f, v| f.kind = v)}
            {select("filter-lang", "Language", "All languages", language_options, |f| f.language.clone(), |f, v| f.language = v)}
            <button type="button" class="clear" disabled=move || off() || filters.with(Filters::is_empty) on:click=move |_| state.show(Filters::default(), false)>
                "Clear filters"
            </button>
        </form>
    }
}
