//! Offline and installable, in the browser: the service worker of a release build
//! (`sw.js`, made by Workbox from the finished site; `crates/build/src/offline.rs`).
//!
//! - [`provide_worker`] names the web app manifest and registers the worker once the app runs,
//!   where the page carries the build's mark of it (release builds; `trunk serve`'s page has
//!   none, so development runs without a worker and its stale caches), and follows its updates: a new version's worker
//!   waits until the visitor takes it ([`Worker::take_update`]), then the page reloads once.
//! - [`Worker::save`] asks the worker to keep an event's files (`events_model::site::offline_files`)
//!   and reports its progress; [`Saved`] is what this device remembers of it.

use events_model::site::SavedFile;
use events_model::{Slug, Timestamp};
use leptos::prelude::*;

/// How the site's service worker stands for this page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerState {
    /// No worker: a development build, a browser without service workers or one that blocks
    /// them, or not yet registered.
    Absent,
    /// A worker controls the page: what it opens is kept, and events can be saved for offline.
    Active,
    /// A new version of the site is installed and waits for the visitor to take it.
    UpdateReady,
}

/// The page's service worker, shared through context ([`provide_worker`]).
#[derive(Clone, Copy, Debug)]
pub struct Worker {
    state: RwSignal<WorkerState>,
}

/// Provides the worker's state, and registers the worker once the app runs (an Effect: after
/// hydration, so neither the first paint nor the page's own start waits for it).
pub fn provide_worker() -> Worker {
    let worker = Worker::absent();
    provide_context(worker);
    let site = crate::data::use_site();
    Effect::new(move |_| imp::register(&site, worker.state));
    worker
}

/// The worker the app provides ([`provide_worker`]); a component rendered on its own (a test)
/// provides [`Worker::absent`] first.
pub fn use_worker() -> Worker {
    expect_context::<Worker>()
}

/// How far "Save for offline" has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Progress {
    /// Files fetched (or failed) so far.
    pub done: u32,
    /// Files to fetch.
    pub total: u32,
    /// Bytes fetched so far.
    pub bytes: u64,
    /// Files that could not be fetched.
    pub failed: u32,
    /// Whether the worker has gone through every file.
    pub finished: bool,
}

/// Why saving could not start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// No worker controls the page.
    NoWorker,
    /// The browser refused the message (its text).
    Refused(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::NoWorker => write!(f, "this browser is not keeping the site's pages (reload the page and try again)"),
            SaveError::Refused(why) => write!(f, "the browser refused ({why})"),
        }
    }
}

impl Worker {
    /// No worker, for a component rendered on its own (tests).
    pub fn absent() -> Self {
        Worker { state: RwSignal::new(WorkerState::Absent) }
    }

    /// How the worker stands (tracked).
    pub fn state(self) -> WorkerState {
        self.state.get()
    }

    /// Takes the waiting new version: it activates, and the page reloads once it controls it.
    pub fn take_update(self) {
        imp::take_update();
    }

    /// Asks the worker to fetch `files` (under the site's base) into its cache; `progress` is
    /// called after each file and once at the end.
    pub fn save(self, files: &[SavedFile], progress: impl Fn(Progress) + 'static) -> Result<(), SaveError> {
        let site = crate::data::use_site();
        let hrefs: Vec<String> = files.iter().map(|file| site.href(file)).collect();
        imp::save(&hrefs, Box::new(progress))
    }
}

/// What this device remembers of an event saved for offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Saved {
    /// When it was saved.
    pub at: Timestamp,
    /// How many files were kept.
    pub files: u32,
    /// Their bytes.
    pub bytes: u64,
}

impl Saved {
    /// The storage key for `event`.
    fn key(event: &Slug) -> String {
        let mut key = String::from("offline-saved:");
        key.push_str(event);
        key
    }

    /// Its stored form: `<seconds> <files> <bytes>`.
    fn to_text(self) -> String {
        [self.at.0.to_string(), self.files.to_string(), self.bytes.to_string()].join(" ")
    }

    /// Reads the stored form; anything else is not a record.
    fn from_text(text: &str) -> Option<Saved> {
        let mut parts = text.split(' ');
        let saved = Saved { at: Timestamp(parts.next()?.parse().ok()?), files: parts.next()?.parse().ok()?, bytes: parts.next()?.parse().ok()? };
        parts.next().is_none().then_some(saved)
    }

    /// What this device remembers of `event`, if it was saved.
    pub fn of(event: &Slug) -> Option<Saved> {
        crate::storage::get(&Saved::key(event)).ok().flatten().as_deref().and_then(Saved::from_text)
    }

    /// Remembers this for `event`.
    pub fn keep(self, event: &Slug) -> Result<(), crate::storage::StorageError> {
        crate::storage::set(&Saved::key(event), &self.to_text())
    }
}

/// Bytes for people: `850 KB`, `2.4 MB`.
pub fn format_bytes(bytes: u64) -> String {
    if bytes < 1_000_000 {
        let mut text = (bytes.div_ceil(1000)).to_string();
        text.push_str(" KB");
        text
    } else {
        let tenths = (bytes + 50_000) / 100_000;
        let mut text = (tenths / 10).to_string();
        text.push('.');
        text.push_str(&(tenths % 10).to_string());
        text.push_str(" MB");
        text
    }
}

/// The page's mark of a release build with offline on ([`events_model::site::OFFLINE_META`]).
#[cfg(any(target_arch = "wasm32", test))]
const OFFLINE_META_SELECTOR: &str = r#"meta[name="offline-manifest"]"#;

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::Cell;

    use events_model::site::OfflineFile;
    use events_model::SiteAddress;
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{MessageChannel, MessageEvent, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

    use super::{Progress, SaveError, WorkerState};

    thread_local! {
        /// Whether this page asked the waiting worker to take over (then it reloads).
        static TAKING_UPDATE: Cell<bool> = const { Cell::new(false) };
    }

    /// The browser's service workers, where it has them.
    fn container() -> Option<ServiceWorkerContainer> {
        let navigator = web_sys::window()?.navigator();
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?.then(|| navigator.service_worker())
    }

    /// Where the page is a release build's with offline on (its `OFFLINE_META`), names the web
    /// app manifest (`href`) and says whether it is. The prerendered page does not name it, so
    /// the browser fetches none of it before the first paint.
    fn name_manifest(href: &str) -> bool {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
        let found = |selector: &str| document.query_selector(selector).ok().flatten();
        let (Some(_), Some(head)) = (found(super::OFFLINE_META_SELECTOR), found("head")) else { return false };
        if let Ok(link) = document.create_element("link") {
            let named = link.set_attribute("rel", "manifest").and_then(|()| link.set_attribute("href", href));
            if named.is_ok() {
                // A page without its manifest still works; it only does not offer to install.
                let _ = head.append_child(&link);
            }
        }
        true
    }

    pub fn register(site: &SiteAddress, state: RwSignal<WorkerState>) {
        if !name_manifest(&site.href(&OfflineFile::Manifest)) {
            return;
        }
        let Some(container) = container() else { return };
        let url = site.href(&OfflineFile::Worker);
        let on_change = Closure::<dyn FnMut()>::new({
            let container = container.clone();
            move || {
                if TAKING_UPDATE.get() {
                    reload();
                } else if container.controller().is_some() {
                    // The first worker took the page (or another tab took an update: this tab's
                    // app is the old one, so it offers the reload too).
                    state.update(|s| *s = if *s == WorkerState::Absent { WorkerState::Active } else { WorkerState::UpdateReady });
                }
            }
        });
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        // One listener for the page's life.
        on_change.forget();
        leptos::task::spawn_local(async move {
            // Refused, or (a browser that blocks workers) resolved with no registration.
            let registered = wasm_bindgen_futures::JsFuture::from(container.register(&url)).await;
            let Some(registration) = registered.ok().and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok()) else { return };
            let controlled = container.controller().is_some();
            if controlled {
                state.set(if registration.waiting().is_some() { WorkerState::UpdateReady } else { WorkerState::Active });
            }
            let on_found = Closure::<dyn FnMut()>::new({
                let registration = registration.clone();
                move || watch_installing(&registration, state)
            });
            registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
            on_found.forget();
        });
    }

    /// A new worker is installing: once installed, with a worker already in control, it is
    /// an update that waits.
    fn watch_installing(registration: &ServiceWorkerRegistration, state: RwSignal<WorkerState>) {
        let Some(installing) = registration.installing() else { return };
        let worker = installing.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            let controlled = container().is_some_and(|c| c.controller().is_some());
            if worker.state() == ServiceWorkerState::Installed && controlled {
                state.set(WorkerState::UpdateReady);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    }

    fn reload() {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    }

    pub fn take_update() {
        let Some(container) = container() else { return reload() };
        leptos::task::spawn_local(async move {
            let waiting = wasm_bindgen_futures::JsFuture::from(container.get_registration())
                .await
                .ok()
                .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
                .and_then(|r| r.waiting());
            match waiting {
                Some(worker) => {
                    TAKING_UPDATE.set(true);
                    let message = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&message, &"type".into(), &"skip-waiting".into());
                    if worker.post_message(&message).is_err() {
                        reload();
                    }
                }
                // Another tab took it already: this page only needs the new version's pages.
                None => reload(),
            }
        });
    }

    pub fn save(hrefs: &[String], progress: Box<dyn Fn(Progress)>) -> Result<(), SaveError> {
        let refused = |e: JsValue| SaveError::Refused(e.as_string().unwrap_or_else(|| format!("{e:?}")));
        let worker = container().and_then(|c| c.controller()).ok_or(SaveError::NoWorker)?;
        let channel = MessageChannel::new().map_err(refused)?;
        let port = channel.port1();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
            let port = port.clone();
            move |event: MessageEvent| {
                let data = event.data();
                let number = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
                let failed = js_sys::Reflect::get(&data, &"failed".into()).ok().map(|v| js_sys::Array::from(&v).length()).unwrap_or(0);
                let finished = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|v| v.as_string()).as_deref() == Some("saved");
                progress(Progress { done: number("done") as u32, total: number("total") as u32, bytes: number("bytes") as u64, failed, finished });
                if finished {
                    port.set_onmessage(None);
                    port.close();
                }
            }
        });
        port.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // Lives until the worker's last message (one per save).
        on_message.forget();
        let paths = hrefs.iter().map(|h| JsValue::from_str(h)).collect::<js_sys::Array>();
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &"type".into(), &"save".into()).map_err(refused)?;
        js_sys::Reflect::set(&message, &"paths".into(), &paths).map_err(refused)?;
        worker.post_message_with_transferable(&message, &js_sys::Array::of1(&channel.port2())).map_err(refused)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use events_model::SiteAddress;
    use leptos::prelude::*;

    use super::{Progress, SaveError, WorkerState};

    pub fn register(_: &SiteAddress, _: RwSignal<WorkerState>) {}

    pub fn take_update() {}

    pub fn save(_: &[String], _: Box<dyn Fn(Progress)>) -> Result<(), SaveError> {
        Err(SaveError::NoWorker)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_looks_for_the_mark_the_build_writes() {
        assert_eq!(OFFLINE_META_SELECTOR, ["meta[name=\"", events_model::site::OFFLINE_META, "\"]"].concat());
    }

    #[test]
    fn a_saved_record_reads_back_and_nothing_else_does() {
        let saved = Saved { at: Timestamp(1_650_000_000), files: 150, bytes: 2_400_000 };
        assert_eq!(Saved::from_text(&saved.to_text()), Some(saved));
        for bad in ["", "1 2", "1 2 3 4", "a 2 3", "1 -2 3"] {
            assert_eq!(Saved::from_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn bytes_read_as_kilobytes_then_megabytes() {
        assert_eq!(format_bytes(0), "0 KB");
        assert_eq!(format_bytes(1), "1 KB");
        assert_eq!(format_bytes(850_400), "851 KB");
        assert_eq!(format_bytes(2_449_999), "2.4 MB");
        assert_eq!(format_bytes(2_450_000), "2.5 MB");
    }
}
