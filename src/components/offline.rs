//! The offline parts a visitor sees: the offer of a new version ([`UpdateBanner`]) and "Save
//! for offline" on an event ([`SaveOffline`]). Both show only once a service worker controls
//! the page (a release build, in a browser that runs it), so no prerendered page holds them.

use events_model::site::SavedFile;
use events_model::Slug;
use leptos::either::Either;
use leptos::prelude::*;

use crate::clock::use_clock;
use crate::offline::{format_bytes, use_worker, Progress, Saved, WorkerState};
use crate::time;

/// "A new version is available — Reload", when a new deploy's worker waits: taking it reloads
/// the page once the new version controls it, so old pages never run with new files.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let worker = use_worker();
    move || {
        (worker.state() == WorkerState::UpdateReady).then(|| view! {
            <aside class="update-banner" aria-label="New version">
                <div class="wrap">
                    <p role="status">"A new version of this site is available."</p>
                    <button type="button" class="button" on:click=move |_| worker.take_update()>"Reload"</button>
                </div>
            </aside>
        })
    }
}

/// "Save for offline": keeps the event's programme, tracks, every session and speaker page, its
/// data, calendars and photos on this device, with the progress ("34 of 150 files"), the bytes
/// and when it was last saved.
#[component]
pub fn SaveOffline(
    /// The event's slug.
    slug: Slug,
    /// Every file of the event ([`events_model::site::offline_files`]).
    files: Vec<SavedFile>,
) -> impl IntoView {
    let worker = use_worker();
    let files = StoredValue::new(files);
    // What this device remembers (nothing natively): shown only once a worker is known, which is
    // after hydration, so the prerendered page and the hydrated one agree.
    let saved = RwSignal::new(Saved::of(&slug));
    let progress = RwSignal::new(None::<Progress>);
    let error = RwSignal::new(None::<String>);
    let busy = move || progress.get().is_some_and(|p| !p.finished);
    let save = move |_| {
        error.set(None);
        progress.set(Some(Progress::default()));
        let slug = slug.clone();
        let started = time::now();
        let result = files.with_value(|files| {
            worker.save(files, move |p: Progress| {
                progress.set(Some(p));
                if p.finished && p.failed == 0 {
                    let record = Saved { at: started, files: p.total, bytes: p.bytes };
                    // Not kept (private mode): the pages are saved all the same.
                    let _ = record.keep(&slug);
                    saved.set(Some(record));
                }
            })
        });
        if let Err(e) = result {
            progress.set(None);
            error.set(Some(e.to_string()));
        }
    };
    move || {
        (worker.state() != WorkerState::Absent).then(|| view! {
            <section class="card save-offline" aria-labelledby="save-offline-heading">
                <h2 id="save-offline-heading">"Offline"</h2>
                <SavedLine saved />
                <button type="button" class="button" on:click=save.clone() disabled=busy>
                    {move || if saved.get().is_some() { "Save again for offline" } else { "Save for offline" }}
                </button>
                <p class="save-progress" role="status">{move || progress_text(progress.get(), error.get())}</p>
            </section>
        })
    }
}

/// When the event was saved on this device, or that it was not.
#[component]
fn SavedLine(
    /// What this device remembers.
    saved: RwSignal<Option<Saved>>,
) -> impl IntoView {
    let clock = use_clock();
    move || match saved.get() {
        Some(s) => {
            let zone = clock.visitor_zone().unwrap_or_else(|| "UTC".to_owned());
            Either::Left(view! {
                <p>
                    "Saved on this device on " <time datetime=time::iso_utc(s.at)>{time::format_moment(s.at, &zone)}</time>
                    ": " {s.files} " files, " {format_bytes(s.bytes)} ". Its pages open without a network."
                </p>
            })
        }
        None => Either::Right(view! { <p>"Keep this event's programme, sessions and speakers on this device, to read them without a network."</p> }),
    }
}

/// The live region's text while saving, and after.
fn progress_text(progress: Option<Progress>, error: Option<String>) -> String {
    if let Some(e) = error {
        return format!("Could not save: {e}.");
    }
    match progress {
        None => String::new(),
        Some(p) if !p.finished => format!("Saving: {} of {} files ({})…", p.done, p.total, format_bytes(p.bytes)),
        Some(p) if p.failed == 0 => format!("Saved: {} of {} files ({}).", p.done, p.total, format_bytes(p.bytes)),
        Some(p) => format!("{} of {} files could not be saved (offline?). Try again when you are online.", p.failed, p.total),
    }
}
