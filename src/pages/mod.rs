//! One file per route. Pages read route parameters, load data through [`crate::data`] and
//! hand plain values to views.

mod event;
mod home;
mod not_found;
mod programme;
mod session;
mod speaker;
mod tracks;

pub use event::{EventOverview, EventPage};
pub use home::{EventList, HomePage};
pub use not_found::NotFound;
pub use programme::{Programme, ProgrammePage};
pub use session::{SessionDetails, SessionPage};
pub use speaker::{SpeakerDetails, SpeakerPage};
pub use tracks::{TrackList, TracksPage};

use leptos::prelude::*;

use crate::components::{LoadFailed, Loading};
use crate::data::DataError;

/// Renders a resource's data with `render`; shows a loading state, the 404 page when the data
/// does not exist, and a message with a retry button when loading failed.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, DataError>>,
    what: &'static str,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
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
}

/// The event named by the route's `:event` parameter, loaded again when it changes.
pub fn event_from_route() -> LocalResource<Result<events_model::Event, DataError>> {
    let slug = param("event");
    LocalResource::new(move || crate::data::event(slug()))
}

/// The route parameter `name`, or an empty string.
pub fn param(name: &'static str) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).unwrap_or_default()
}
