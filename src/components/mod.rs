//! Reusable views. Each takes plain data (no fetching), so pages decide what to load and
//! tests can render them with any data.

mod avatar;
mod canonical;
mod clock;
mod event_nav;
mod layout;
mod links;
mod navigation;
mod offline;
mod preview;
mod print;
mod registration;
mod session_list;
mod star;
mod status;
mod window;
mod zone_picker;

pub use avatar::Avatar;
pub use clock::{EventDates, Moment, SessionTime};
pub use event_nav::EventNav;
pub use layout::{focus_main, home, Footer, Header, HomeLink};
pub use links::LinkList;
pub use canonical::Canonical;
pub use navigation::{RouteAnnouncer, ScrollMemory};
pub use offline::{SaveOffline, UpdateBanner};
pub use preview::PreviewBanner;
pub use print::{print_whole_list, PrintButton};
pub use registration::RegistrationStatus;
pub use session_list::{SessionItem, SessionList};
pub use star::{SessionStar, StarButton};
pub use status::{Loading, LoadFailed, StateBadge};
pub use window::{ShowMore, Window, FIRST};
pub use zone_picker::ZonePicker;
