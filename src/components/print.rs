//! Printing: the stylesheet's `@media print` keeps a page's content (no header, navigation,
//! stars, buttons or filters; one day per page; each session's address after its title), and
//! the pages people print (the programme, "My agenda") offer a button for it.

use leptos::prelude::*;

use super::Window;
use crate::clock::use_clock;

/// A "Print" button, shown once the app runs (without JavaScript the browser's own menu prints
/// the same page); until then it keeps its place, invisible, so nothing shifts when it shows.
/// A list's [`Window`] renders every session first, so the paper has them all.
#[component]
pub fn PrintButton(
    /// What the button says, e.g. "Print the programme".
    label: &'static str,
    /// The list whose every session should be printed, if the page has one.
    #[prop(optional)]
    window: Option<Window>,
) -> impl IntoView {
    let clock = use_clock();
    let print = move |_| {
        if let Some(window) = window {
            window.all();
        }
        // After the frame that puts the whole list in the document.
        request_animation_frame(|| {
            if let Some(browser) = web_sys::window() {
                let _ = browser.print();
            }
        });
    };
    view! {
        <button type="button" class="secondary print-button" class:waiting=move || !clock.is_live() on:click=print>{label}</button>
    }
}

/// Renders every session of `window` when the browser is about to print from its own menu
/// (`beforeprint`), for as long as the calling view is shown: the list's new items are in the
/// document before the print layout, since Leptos updates it in microtasks after the event.
pub fn print_whole_list(window: Window) {
    Effect::new(move |_| {
        let listener = window_event_listener_untyped("beforeprint", move |_| window.all());
        on_cleanup(move || listener.remove());
    });
}
