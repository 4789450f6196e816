//! The preview banner: a visit that previews another moment or a local registration service
//! says so on every page, for as long as the visit lasts.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::clock::{use_clock, Preview};
use crate::time;

/// Says so when the address asked for a preview (`?preview-at=`, `?preview-endpoint=`), for
/// the whole visit, with a way out: a page load of the current page without the parameters.
/// Known only in the browser (no prerendered page has a preview).
#[component]
pub fn PreviewBanner() -> impl IntoView {
    let clock = use_clock();
    let location = use_location();
    move || {
        clock.preview().map(|preview: Preview| {
            let zone = clock.visitor_zone().unwrap_or_else(|| "UTC".to_owned());
            view! {
                <aside class="preview-banner" aria-label="Preview">
                    <div class="wrap">
                        {preview.at.map(|at| view! {
                            <p>"Preview: the site as of " <time datetime=time::iso_utc(at)>{time::format_moment(at, &zone)}</time>
                            ". Only what is shown changes; anything sent carries the real time."</p>
                        })}
                        {preview.endpoint.map(|url| view! {
                            <p>"Registrations go to " <code>{url}</code> " on this computer, not to the organizers."</p>
                        })}
                        {preview.refused.into_iter().map(|why| view! { <p>"Not used: " {why}</p> }).collect_view()}
                        <p><a href=move || location.pathname.get() rel="external">"Leave the preview"</a></p>
                    </div>
                </aside>
            }
        })
    }
}
