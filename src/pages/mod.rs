//! One file per route. Pages read route parameters, load data through [`crate::data`] and
//! hand plain values to views.

mod agenda;
mod event;
mod home;
mod not_found;
mod programme;
mod register;
mod session;
mod speaker;
mod tracks;

pub use agenda::{AgendaPage, MyAgenda};
pub use event::{EventOverview, EventPage};
pub use home::{EventList, HomePage};
pub use not_found::NotFound;
pub use programme::{Programme, ProgrammePage};
pub use register::{Register, RegisterPage};
pub use session::{SessionDetails, SessionPage};
pub use speaker::{SpeakerDetails, SpeakerPage};
pub use tracks::{TrackList, TracksPage};

use leptos::prelude::*;

use crate::components::{LoadFailed, Loading};
use crate::data::{self, DataError};

/// Renders the data at `path` with `render`. Data already at hand (loaded before, or handed
/// over by the prerendered page) renders at once; otherwise a loading state shows while it is
/// fetched, then the page, the 404 page when the data does not exist, or a message with a retry
/// button when loading failed. Re-runs when the route parameters read by `path` change.
pub fn loaded<T, V>(
    path: impl Fn() -> Option<String> + Send + Sync + 'static,
    what: &'static str,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: serde::de::DeserializeOwned + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || {
        let path = path();
        if let Some(data) = path.as_deref().and_then(data::cached::<T>) {
            return render(data).into_any();
        }
        // The prerenderer has every data file at hand: what it lacks does not exist.
        if cfg!(feature = "ssr") {
            return view! { <NotFound /> }.into_any();
        }
        let base = data::use_site().base;
        let resource = LocalResource::new(move || {
            let (path, base) = (path.clone(), base.clone());
            async move { data::load::<T>(path, &base).await }
        });
        let render = render.clone();
        view! {
            <Transition fallback=move || view! { <Loading what /> }>
                {move || {
                    let render = render.clone();
                    Suspend::new(async move {
                        match resource.await {
                            Ok(data) => render(data).into_any(),
                            Err(DataError::NotFound) => view! { <NotFound /> }.into_any(),
                            Err(error) => {
                                let retry = Callback::new(move |()| resource.refetch());
                                view! { <LoadFailed error retry /> }.into_any()
                            }
                        }
                    })
                }}
            </Transition>
        }
        .into_any()
    }
}

/// Where the data of the event named by the route's `:event` parameter is.
pub fn event_from_route() -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    let slug = param("event");
    move || data::event_path(&slug())
}

/// Where the outline of the event named by the route's `:event` parameter is: enough for its
/// programme, tracks and agenda pages.
pub fn event_outline_from_route() -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    let slug = param("event");
    move || data::event_outline_path(&slug())
}

/// The route parameter `name`, or an empty string.
pub fn param(name: &'static str) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).unwrap_or_default()
}
