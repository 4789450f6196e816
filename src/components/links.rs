//! Lists of outside links.

use events_model::Link;
use leptos::prelude::*;

/// A labelled list of links to other sites (nothing when there are none).
#[component]
pub fn LinkList(
    /// The links.
    links: Vec<Link>,
    /// What the list is, for screen readers ("Links", "Profiles").
    label: &'static str,
    /// The links' `rel` (always including `noopener`).
    #[prop(default = "noopener")]
    rel: &'static str,
) -> impl IntoView {
    (!links.is_empty()).then(|| {
        view! {
            <ul class="links" aria-label=label>
                {links.into_iter().map(|l| view! { <li><a href=l.url rel=rel>{l.label}</a></li> }).collect_view()}
            </ul>
        }
    })
}
