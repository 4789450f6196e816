//! Reusable views. Each takes plain data (no fetching), so pages decide what to load and
//! tests can render them with any data. Those marked `#[island]` are the parts of a
//! prerendered page the browser hydrates (see `crate::hydrate`).

mod browser_built;
mod clock;
mod event_nav;
mod layout;
mod links;
mod registration;
mod registration_form;
mod session_list;
mod star;
mod status;
mod zone_picker;

pub use browser_built::browser_built;
pub use clock::{EventDates, Moment, SessionTime, ONLY_HYDRATED};
pub use event_nav::EventNav;
pub use layout::{focus_main, Footer, Header};
pub use links::LinkList;
pub use registration::RegistrationStatus;
pub use registration_form::{RegistrationFormTemplate, FORM_TEMPLATE};
pub use session_list::{SessionItem, SessionList};
pub use star::{SessionStar, StarButton};
pub use status::{Loading, LoadFailed, StateBadge};
pub use zone_picker::ZonePicker;
