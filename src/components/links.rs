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
    /// Whose profiles these are: screen readers hear "Lin Sun on GitHub" (and "Lin Sun’s
    /// Website") where the page shows "GitHub".
    #[prop(optional)]
    owner: Option<String>,
) -> impl IntoView {
    (!links.is_empty()).then(|| {
        view! {
            <ul class="links" aria-label=label>
                {links.into_iter().map(|l| {
                    let whose = owner.as_ref().map(|o| {
                        let text = if l.label == "Website" { format!("{o}’s ") } else { format!("{o} on ") };
                        view! { <span class="visually-hidden">{text}</span> }
                    });
                    view! { <li><a href=l.url rel=rel>{whose}{l.label}</a></li> }
                }).collect_view()}
            </ul>
        }
    })
}
