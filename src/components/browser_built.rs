//! Parts of an island that only the browser can fill, built there and never hydrated.

use std::any::Any;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// An element whose content is `view(data)`, built in the browser whenever `data()` has
/// something, and built anew (the old content removed first) each time `data()` changes; the
/// prerendered page has the element empty. For what only the browser knows (the visitor's
/// agenda, a preview, the registration form): such content costs the Wasm its build code only,
/// none to hydrate it or to rebuild it in place. `view` runs untracked: only `data()` decides
/// when to build anew.
pub fn browser_built<T, V>(data: impl Fn() -> Option<T> + 'static, view: impl Fn(T) -> V + 'static) -> impl IntoView
where
    T: 'static,
    V: IntoView + 'static,
{
    let node = NodeRef::<leptos::html::Div>::new();
    // The built content is a child of this view's owner, so it sees the island's contexts.
    let owner = Owner::current().unwrap_or_default();
    let mounted = StoredValue::new_local(None::<Box<dyn Any>>);
    let view = StoredValue::new_local(view);
    Effect::new(move |_| {
        let data = data();
        let Some(parent) = node.get() else { return };
        // Dropping the handle removes what was built before.
        mounted.update_value(|m| *m = None);
        let Some(data) = data else { return };
        let build = move || {
            provide_context(BuiltInBrowser);
            view.with_value(|v| v(data))
        };
        let handle = owner.with(|| untrack(|| leptos::mount::mount_to(parent.unchecked_into(), build)));
        mounted.set_value(Some(Box::new(handle)));
    });
    on_cleanup(move || {
        let _ = mounted.try_update_value(Option::take);
    });
    view! { <div node_ref=node></div> }
}

/// Marks the views [`browser_built`] builds.
#[derive(Clone, Copy)]
struct BuiltInBrowser;

/// Whether the view being made is hydrated over prerendered HTML: in a hydrating build
/// (release), everything but what [`browser_built`] builds. Hydration keeps the text it finds,
/// so text that is true when the page is built (a time in the event's zone) need not be
/// formatted again then; that also keeps the browser's `Intl` from starting before the page is
/// interactive.
pub fn hydrating_prerendered() -> bool {
    cfg!(feature = "hydrate") && use_context::<BuiltInBrowser>().is_none()
}
