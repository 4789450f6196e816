//! Parts of an island that only the browser can fill, built there and never hydrated.

use std::any::Any;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// An element whose content is `view(data)`, built in the browser whenever `data()` has
/// something, and built anew (the old content removed first) each time `data()` changes; the
/// prerendered page has the element empty. For what only the browser knows, such as the
/// visitor's agenda: such content costs the Wasm its build code only, none to hydrate it or
/// to rebuild it in place. `view` runs untracked: only `data()` decides when to build anew.
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
        let handle = owner.with(|| {
            untrack(|| leptos::mount::mount_to(parent.unchecked_into(), move || view.with_value(|v| v(data))))
        });
        mounted.set_value(Some(Box::new(handle)));
    });
    on_cleanup(move || {
        let _ = mounted.try_update_value(Option::take);
    });
    view! { <div node_ref=node></div> }
}
