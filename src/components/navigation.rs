//! What moving between pages inside the app needs, since no document load does it: the
//! scroll position on Back and Forward, and focus and an announcement of the new page.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

thread_local! {
    /// Where the visitor had scrolled to on the pages of this visit, by address (path and
    /// query), most recent last.
    static SCROLLED: RefCell<Vec<(String, i32)>> = const { RefCell::new(Vec::new()) };
}

/// How many addresses [`SCROLLED`] keeps.
const SCROLL_MEMORY: usize = 64;

/// Back and Forward bring back the scroll position the page had: the browser's own restoration
/// runs before the app has rendered the page it goes back to (and, clamped by the page that is
/// still shown, scrolls to the wrong place), so the app does it once it has.
#[component]
pub fn ScrollMemory() -> impl IntoView {
    // Listeners exist only in the browser (an effect); they live as long as the app.
    Effect::new(move |_| {
        let scrolled = window_event_listener(leptos::ev::scroll, move |_| {
            let (Some(key), Some(y)) = (address(), web_sys::window().and_then(|w| w.scroll_y().ok())) else { return };
            SCROLLED.with(|list| {
                let mut list = list.borrow_mut();
                list.retain(|(k, _)| *k != key);
                list.push((key, y as i32));
                let excess = list.len().saturating_sub(SCROLL_MEMORY);
                list.drain(..excess);
            });
        });
        let back = window_event_listener(leptos::ev::popstate, move |_| {
            // Where the page was, read now: the scrolling that follows (the browser's own, on a
            // page not yet rendered) would overwrite it.
            let Some(key) = address() else { return };
            let Some(y) = SCROLLED.with(|list| list.borrow().iter().find(|(k, _)| *k == key).map(|(_, y)| *y)) else {
                return;
            };
            // Two frames: the route renders in the first, its layout is done by the second.
            request_animation_frame(move || request_animation_frame(move || restore_scroll(y, None, RESTORE_FRAMES)));
        });
        on_cleanup(move || {
            scrolled.remove();
            back.remove();
        });
    });
}

/// The document's address (path and query), as the browser has it.
fn address() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(location.pathname().ok()? + &location.search().ok()?)
}

/// For how many frames (about two seconds) [`restore_scroll`] waits for a page to grow tall
/// enough to scroll back to where it was.
const RESTORE_FRAMES: u32 = 120;

/// Scrolls back to `y`, and, where the page is not yet tall enough (a list that renders its
/// first screen, then grows after a paint), again on each following frame until it is, for at
/// most `frames` frames. It stops as soon as the position is not the one it left (`reached`):
/// the visitor has scrolled, and their scrolling wins.
fn restore_scroll(y: i32, reached: Option<i32>, frames: u32) {
    let Some(window) = web_sys::window() else { return };
    let at = || window.scroll_y().map(|y| y as i32).unwrap_or_default();
    if reached.is_some_and(|reached| (at() - reached).abs() > 1) {
        return;
    }
    window.scroll_to_with_x_and_y(0.0, f64::from(y));
    let now = at();
    if (now - y).abs() > 1 && frames > 0 {
        request_animation_frame(move || restore_scroll(y, Some(now), frames - 1));
    }
}

/// After every navigation inside the app, moves keyboard and screen-reader focus to the new
/// page's main heading and announces its title in a live region, as a page load would; while
/// its data loads, focus waits on `main`. The first page is left as the browser loaded it.
#[component]
pub fn RouteAnnouncer() -> impl IntoView {
    let location = use_location();
    let message = RwSignal::new(String::new());
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let path = location.pathname.get();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if location.hash.get_untracked().is_empty() {
            focus_when_rendered(path, location.pathname, message, HEADING_WAIT_FRAMES);
        }
    });
    view! { <p id="route-announcer" class="visually-hidden" aria-live="polite" aria-atomic="true">{move || message.get()}</p> }
}

/// How many frames (about 10 s) focus waits for a loading page's heading.
const HEADING_WAIT_FRAMES: u32 = 600;

/// Once the page at `path` has its heading (checked every frame, `frames` at most, while the
/// address stays at `path`), focuses it and announces the page's title; until then focus is on
/// `main`.
fn focus_when_rendered(path: String, current: Memo<String>, message: RwSignal<String>, frames: u32) {
    request_animation_frame(move || {
        if current.try_get_untracked().as_ref() != Some(&path) {
            return;
        }
        match heading() {
            // Focus in a task after this frame is painted: focusing makes the browser lay the
            // whole new page out at once, which inside the frame delayed its first paint
            // (191 ms of a 4x programme navigation in the traced run, issue 21).
            Some(h1) => set_timeout(
                move || {
                    if current.try_get_untracked().as_ref() == Some(&path) {
                        focus_without_scrolling(&h1);
                        message.set(document().title());
                    }
                },
                std::time::Duration::ZERO,
            ),
            None if frames > 0 => {
                if frames == HEADING_WAIT_FRAMES {
                    if let Some(main) = document().get_element_by_id("main") {
                        use wasm_bindgen::JsCast;
                        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                            focus_without_scrolling(&main);
                        }
                    }
                }
                focus_when_rendered(path, current, message, frames - 1);
            }
            None => message.set(document().title()),
        }
    });
}

/// The page's main heading.
fn heading() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    document.query_selector("main h1").ok().flatten()?.dyn_into::<web_sys::HtmlElement>().ok()
}

/// Focuses `target` (made focusable from script if it is not) without scrolling to it.
fn focus_without_scrolling(target: &web_sys::HtmlElement) {
    if !target.has_attribute("tabindex") {
        let _ = target.set_attribute("tabindex", "-1");
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = target.focus_with_options(&options);
}
