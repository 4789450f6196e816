//! One file per route. Pages read route parameters, load data through [`crate::data`] and
//! hand plain values to views.

mod agenda;
mod event;
mod home;
mod not_found;
mod offline;
mod programme;
mod register;
mod session;
mod speaker;
mod tracks;

pub use agenda::{AgendaPage, MyAgenda};
pub use event::{EventOverview, EventPage};
pub use home::{EventList, HomePage};
pub use not_found::NotFound;
pub use offline::Offline;
pub use programme::{Programme, ProgrammePage};
pub use register::{Register, RegisterPage};
pub use session::{SessionDetails, SessionPage};
pub use speaker::{SpeakerDetails, SpeakerPage};
pub use tracks::{TrackList, TracksPage};

use leptos::prelude::*;

use crate::components::{LoadFailed, Loading};
use crate::data::{self, DataError};
use events_model::{DataFile, Page, Slug};
use leptos_router::hooks::use_params_map;
use leptos_router::params::ParamsMap;

/// Renders the data of `file` with `render`. Data already at hand (loaded before, or handed
/// over by the prerendered page) renders at once; otherwise a loading state shows while it is
/// fetched, then the page, the 404 page when the data does not exist, or a message with a retry
/// button when loading failed. Re-runs when the route parameters read by `file` change; `None`
/// is an address that names no data (a 404).
pub fn loaded<T, V>(
    file: impl Fn() -> Option<DataFile> + Send + Sync + 'static,
    what: &'static str,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: serde::de::DeserializeOwned + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || {
        let file = file();
        if let Some(data) = file.as_ref().and_then(data::cached::<T>) {
            return render(data).into_any();
        }
        // The prerenderer has every data file at hand: what it lacks does not exist.
        if cfg!(feature = "ssr") {
            return view! { <NotFound /> }.into_any();
        }
        let site = data::use_site();
        let resource = LocalResource::new(move || {
            let (file, site) = (file.clone(), site.clone());
            async move { data::load::<T>(file, &site).await }
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

/// The data file of the page the route's parameters name ([`Page::data`]): `page` makes the
/// page from them with [`slug_of`]; `None` is an address that names no page.
pub fn route_data(page: fn(&ParamsMap) -> Option<Page>) -> impl Fn() -> Option<DataFile> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(page).map(|page| page.data())
}

/// The route parameter `name` as a slug, if it is one (an address with anything else in its
/// place names no page).
pub fn slug_of(params: &ParamsMap, name: &str) -> Option<Slug> {
    params.get_str(name).and_then(|text| Slug::parse(text).ok())
}

/// The route parameter `name` as a slug, if it is one.
pub fn slug_param(name: &'static str) -> impl Fn() -> Option<Slug> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| slug_of(p, name))
}
