//! The site map: every address the site has, in one place.
//!
//! - [`Page`]: every page a visitor can open, with its path (`/istiocon-2022/programme/`),
//!   [`Page::parse`] from a path, and the [`DataFile`] it shows. The app's `<Routes>` name the
//!   same patterns ([`PageKind::pattern`]); a test renders a page of every kind at its address.
//! - [`DataFile`]: the compiled JSON the app fetches (`/data/events/<event>.json`).
//! - [`Download`]: the files the build writes beside the pages (calendars, schedules).
//! - [`SiteAddress`]: where the site is published (`SITE_URL`: an origin and perhaps a
//!   sub-path); every address the site writes is [`SiteAddress::href`] of one of the above.
//! - [`Slug`]: the one rule for the words of an address (events, sessions, speakers, tracks).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Event, SpeakerPage};

/// Where the site is published when `SITE_URL` is not set.
pub const DEFAULT_SITE_URL: &str = "https://events.istio.io";

/// A word of an address: lower case ASCII letters and digits, in groups joined by single dashes
/// (`istiocon-2022`, `a3`, `lin-sun`). Made only by [`Slug::parse`], so a `Slug` is always one;
/// in JSON it is its text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

/// Text that is not a [`Slug`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotASlug(pub String);

impl fmt::Display for NotASlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a slug (lower case letters and digits joined by single dashes)", self.0)
    }
}

impl std::error::Error for NotASlug {}

impl Slug {
    /// `text` as a slug, if it is one.
    pub fn parse(text: &str) -> Result<Slug, NotASlug> {
        if Slug::is_valid(text) { Ok(Slug(text.to_owned())) } else { Err(NotASlug(text.to_owned())) }
    }

    /// Whether `text` is a slug: not empty, lower case ASCII letters, digits and dashes, no dash
    /// at either end and none next to another.
    pub fn is_valid(text: &str) -> bool {
        !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--")
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = NotASlug;
    fn try_from(text: String) -> Result<Slug, NotASlug> {
        if Slug::is_valid(&text) { Ok(Slug(text)) } else { Err(NotASlug(text)) }
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0
    }
}

impl std::ops::Deref for Slug {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Slug {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Slug {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<String> for Slug {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<&str> for Slug {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// Something with an address on the site, relative to its root (`/istiocon-2022/`): a
/// [`Page`], a [`DataFile`] or a [`Download`].
pub trait SitePath {
    /// Its path from the site's root, starting with `/`.
    fn path(&self) -> String;
}

/// Every kind of page, one per route of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// `/`: every event.
    Home,
    /// `/speakers/:slug/`: one speaker across events.
    Speaker,
    /// `/:event/`: an event's overview.
    Event,
    /// `/:event/programme/`: its programme.
    Programme,
    /// `/:event/tracks/`: its tracks.
    Tracks,
    /// `/:event/agenda/`: the visitor's agenda for it.
    Agenda,
    /// `/:event/register/`: its registration form (events with a form only).
    Register,
    /// `/:event/sessions/:id/`: one session.
    Session,
}

impl PageKind {
    /// Every kind, in the router's order.
    pub const ALL: [PageKind; 8] = [
        PageKind::Home,
        PageKind::Speaker,
        PageKind::Event,
        PageKind::Programme,
        PageKind::Tracks,
        PageKind::Agenda,
        PageKind::Register,
        PageKind::Session,
    ];

    /// The route's pattern, as the app's `<Route path>` writes it.
    pub fn pattern(self) -> &'static str {
        match self {
            PageKind::Home => "/",
            PageKind::Speaker => "/speakers/:slug",
            PageKind::Event => "/:event",
            PageKind::Programme => "/:event/programme",
            PageKind::Tracks => "/:event/tracks",
            PageKind::Agenda => "/:event/agenda",
            PageKind::Register => "/:event/register",
            PageKind::Session => "/:event/sessions/:id",
        }
    }
}

/// A page of the site. Its address is [`SitePath::path`], always ending with a slash.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// Every event.
    Home,
    /// A speaker's page.
    Speaker(Slug),
    /// An event's overview.
    Event(Slug),
    /// An event's programme.
    Programme(Slug),
    /// An event's tracks.
    Tracks(Slug),
    /// The visitor's agenda for an event.
    Agenda(Slug),
    /// An event's registration form.
    Register(Slug),
    /// One session of an event.
    Session {
        /// The event.
        event: Slug,
        /// The session's id.
        id: Slug,
    },
}

impl Page {
    /// First words of addresses that are not events (`/speakers/...`, `/data/...`, the offline
    /// page's `/offline/`): no event may have these slugs (`content check` says so).
    pub const RESERVED: [&'static str; 3] = ["speakers", "data", "offline"];

    /// Which route it is.
    pub fn kind(&self) -> PageKind {
        match self {
            Page::Home => PageKind::Home,
            Page::Speaker(_) => PageKind::Speaker,
            Page::Event(_) => PageKind::Event,
            Page::Programme(_) => PageKind::Programme,
            Page::Tracks(_) => PageKind::Tracks,
            Page::Agenda(_) => PageKind::Agenda,
            Page::Register(_) => PageKind::Register,
            Page::Session { .. } => PageKind::Session,
        }
    }

    /// The event whose page it is, for an event's pages.
    pub fn event(&self) -> Option<&Slug> {
        match self {
            Page::Home | Page::Speaker(_) => None,
            Page::Event(e) | Page::Programme(e) | Page::Tracks(e) | Page::Agenda(e) | Page::Register(e) => Some(e),
            Page::Session { event, .. } => Some(event),
        }
    }

    /// The page at `path` (from the site's root, with or without its trailing slash), if it
    /// names one.
    pub fn parse(path: &str) -> Option<Page> {
        let path = path.strip_prefix('/')?;
        let path = path.strip_suffix('/').unwrap_or(path);
        if path.is_empty() {
            return Some(Page::Home);
        }
        let words: Vec<&str> = path.split('/').collect();
        if Page::RESERVED.contains(&words[0]) && words.len() == 1 {
            return None;
        }
        let slug = |i: usize| Slug::parse(words[i]).ok();
        match words.as_slice() {
            ["speakers", _] => slug(1).map(Page::Speaker),
            [_] => slug(0).map(Page::Event),
            [_, "programme"] => slug(0).map(Page::Programme),
            [_, "tracks"] => slug(0).map(Page::Tracks),
            [_, "agenda"] => slug(0).map(Page::Agenda),
            [_, "register"] => slug(0).map(Page::Register),
            [_, "sessions", _] => Some(Page::Session { event: slug(0)?, id: slug(2)? }),
            _ => None,
        }
    }

    /// The data file the page shows: lists (programme, tracks, agenda) an event's outline, the
    /// other event pages the whole event.
    pub fn data(&self) -> DataFile {
        match self {
            Page::Home => DataFile::Index,
            Page::Speaker(s) => DataFile::Speaker(s.clone()),
            Page::Programme(e) | Page::Tracks(e) | Page::Agenda(e) => DataFile::Outline(e.clone()),
            Page::Event(e) | Page::Register(e) | Page::Session { event: e, .. } => DataFile::Event(e.clone()),
        }
    }

    /// Every page of a site of these events and speakers, route by route: what the build
    /// prerenders and the sitemap lists.
    pub fn every(events: &[Event], speakers: &[SpeakerPage]) -> Vec<Page> {
        let mut pages = Vec::new();
        for kind in PageKind::ALL {
            let each_event = events.iter().map(|e| e.summary.slug.clone());
            match kind {
                PageKind::Home => pages.push(Page::Home),
                PageKind::Speaker => pages.extend(speakers.iter().map(|s| Page::Speaker(s.slug.clone()))),
                PageKind::Event => pages.extend(each_event.map(Page::Event)),
                PageKind::Programme => pages.extend(each_event.map(Page::Programme)),
                PageKind::Tracks => pages.extend(each_event.map(Page::Tracks)),
                PageKind::Agenda => pages.extend(each_event.map(Page::Agenda)),
                PageKind::Register => pages.extend(
                    events
                        .iter()
                        .filter(|e| e.registration.as_ref().is_some_and(|r| r.endpoint.is_some()))
                        .map(|e| Page::Register(e.summary.slug.clone())),
                ),
                PageKind::Session => pages.extend(events.iter().flat_map(|e| {
                    e.sessions.iter().map(|s| Page::Session { event: e.summary.slug.clone(), id: s.id.clone() })
                })),
            }
        }
        pages
    }
}

impl SitePath for Page {
    fn path(&self) -> String {
        let event_page = |e: &Slug, page: &str| {
            let mut path = String::with_capacity(e.len() + page.len() + 3);
            path.push('/');
            path.push_str(e);
            path.push('/');
            if !page.is_empty() {
                path.push_str(page);
                path.push('/');
            }
            path
        };
        match self {
            Page::Home => "/".to_owned(),
            Page::Speaker(s) => format!("/speakers/{s}/"),
            Page::Event(e) => event_page(e, ""),
            Page::Programme(e) => event_page(e, "programme"),
            Page::Tracks(e) => event_page(e, "tracks"),
            Page::Agenda(e) => event_page(e, "agenda"),
            Page::Register(e) => event_page(e, "register"),
            Page::Session { event, id } => {
                let mut path = event_page(event, "sessions");
                path.push_str(id);
                path.push('/');
                path
            }
        }
    }
}

/// A compiled data file the app fetches (written by `site-build data` under `/data/`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum DataFile {
    /// `/data/events.json`: every event, for the home page.
    Index,
    /// `/data/events/<event>.json`: one event with its sessions, speakers and organizers.
    Event(Slug),
    /// `/data/events/<event>.outline.json`: an event's outline ([`crate::Event::outline`]),
    /// what its programme, tracks and agenda pages show.
    Outline(Slug),
    /// `/data/speakers/<slug>.json`: one speaker with their sessions across all events.
    Speaker(Slug),
}

impl DataFile {
    /// The file at `path`, if it is one.
    pub fn parse(path: &str) -> Option<DataFile> {
        if path == "/data/events.json" {
            return Some(DataFile::Index);
        }
        let slug = |rest: Option<&str>| rest.and_then(|s| Slug::parse(s).ok());
        if let Some(file) = path.strip_prefix("/data/events/") {
            if let Some(outline) = slug(file.strip_suffix(".outline.json")) {
                return Some(DataFile::Outline(outline));
            }
            return slug(file.strip_suffix(".json")).map(DataFile::Event);
        }
        slug(path.strip_prefix("/data/speakers/").and_then(|f| f.strip_suffix(".json"))).map(DataFile::Speaker)
    }

    /// A file that holds all of this one, to use where this one is asked for: an event's
    /// file for its outline.
    pub fn whole(&self) -> Option<DataFile> {
        match self {
            DataFile::Outline(e) => Some(DataFile::Event(e.clone())),
            _ => None,
        }
    }
}

impl SitePath for DataFile {
    fn path(&self) -> String {
        match self {
            DataFile::Index => "/data/events.json".to_owned(),
            DataFile::Event(e) => format!("/data/events/{e}.json"),
            DataFile::Outline(e) => format!("/data/events/{e}.outline.json"),
            DataFile::Speaker(s) => format!("/data/speakers/{s}.json"),
        }
    }
}

impl From<DataFile> for String {
    fn from(file: DataFile) -> String {
        file.path()
    }
}

impl TryFrom<String> for DataFile {
    type Error = String;
    fn try_from(path: String) -> Result<DataFile, String> {
        DataFile::parse(&path).ok_or_else(|| format!("`{path}` is not one of the site's data files"))
    }
}

/// A file the build writes beside an event's pages for other programs: calendars and schedules.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Download {
    /// `/<event>/sessions/<id>.ics`: one session's calendar (sessions with a time only).
    SessionCalendar {
        /// The event.
        event: Slug,
        /// The session.
        id: Slug,
    },
    /// `/<event>/programme.ics`: every timed session (absent when none has a time).
    ProgrammeCalendar(Slug),
    /// `/<event>/<event>.ics`: the event as one calendar entry.
    EventCalendar(Slug),
    /// `/<event>/schedule.json`: the frab/c3voc JSON schedule.
    ScheduleJson(Slug),
    /// `/<event>/schedule.xml`: frab's XML schedule (EventFahrplan, Giggity).
    ScheduleXml(Slug),
}

impl SitePath for Download {
    fn path(&self) -> String {
        match self {
            Download::SessionCalendar { event, id } => format!("/{event}/sessions/{id}.ics"),
            Download::ProgrammeCalendar(e) => format!("/{e}/programme.ics"),
            Download::EventCalendar(e) => format!("/{e}/{e}.ics"),
            Download::ScheduleJson(e) => format!("/{e}/schedule.json"),
            Download::ScheduleXml(e) => format!("/{e}/schedule.xml"),
        }
    }
}

/// The address the 404 page is rendered for: one that no route has (`/404/`).
pub struct NotFoundPage;

impl SitePath for NotFoundPage {
    fn path(&self) -> String {
        "/404/".to_owned()
    }
}

/// The site's icon, from the root: `/favicon.svg`.
pub struct Icon;

impl SitePath for Icon {
    fn path(&self) -> String {
        "/favicon.svg".to_owned()
    }
}

/// The list of every page for search engines, from the root: `/sitemap.xml`.
pub struct Sitemap;

impl SitePath for Sitemap {
    fn path(&self) -> String {
        "/sitemap.xml".to_owned()
    }
}

/// The `<meta name>` that a release build with offline on writes into every page's head, with
/// the web app manifest's address as its content. The page names the manifest itself
/// (`<link rel="manifest">`) only once the app runs and registers the worker, so the browser
/// fetches nothing of the offline layer before the first paint.
pub const OFFLINE_META: &str = "offline-manifest";

/// The files that make the site work offline and installable (release builds, unless turned
/// off): the service worker, the web app manifest, its icons and the page shown for a page
/// that was neither opened nor saved while offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfflineFile {
    /// `/sw.js`: the service worker; its folder (the site's base) is its scope.
    Worker,
    /// `/manifest.webmanifest`: name, start address, colours and icons for installing.
    Manifest,
    /// `/offline.html`: the script-free page the worker answers with, offline, for a page it
    /// does not have.
    OfflinePage,
    /// `/icons/icon-<size>.png` (or `maskable-<size>.png`): the icon as a PNG, from the SVG.
    Icon {
        /// Its width and height in pixels.
        size: u32,
        /// Drawn inside the safe zone on a full background, for launchers that cut it to a shape.
        maskable: bool,
    },
}

impl SitePath for OfflineFile {
    fn path(&self) -> String {
        match self {
            OfflineFile::Worker => "/sw.js".to_owned(),
            OfflineFile::Manifest => "/manifest.webmanifest".to_owned(),
            OfflineFile::OfflinePage => "/offline.html".to_owned(),
            OfflineFile::Icon { size, maskable } => format!("/icons/{}-{size}.png", if *maskable { "maskable" } else { "icon" }),
        }
    }
}

/// Every file "Save for offline" keeps for `event`, as paths from the site's root: its pages
/// (overview, programme, tracks, agenda, the form where it has one, each session, each speaker's
/// page), the data each shows, its calendars and schedules, and its speakers' photos. The same
/// pages [`Page::every`] prerenders, the same files the content build writes.
pub fn offline_files(event: &crate::Event) -> Vec<SavedFile> {
    let slug = &event.summary.slug;
    let mut pages = vec![Page::Event(slug.clone()), Page::Programme(slug.clone()), Page::Tracks(slug.clone()), Page::Agenda(slug.clone())];
    if event.registration.as_ref().is_some_and(|r| r.endpoint.is_some()) {
        pages.push(Page::Register(slug.clone()));
    }
    pages.extend(event.sessions.iter().map(|s| Page::Session { event: slug.clone(), id: s.id.clone() }));
    pages.extend(event.speakers.iter().map(|s| Page::Speaker(s.slug.clone())));
    let mut files: Vec<String> = pages.iter().map(SitePath::path).collect();
    let mut data: Vec<DataFile> = pages.iter().map(Page::data).collect();
    data.dedup();
    for file in data {
        let path = file.path();
        if !files.contains(&path) {
            files.push(path);
        }
    }
    let timed: Vec<&crate::Session> = event.sessions.iter().filter(|s| s.time.is_some()).collect();
    files.extend(timed.iter().map(|s| Download::SessionCalendar { event: slug.clone(), id: s.id.clone() }.path()));
    if !timed.is_empty() {
        files.push(Download::ProgrammeCalendar(slug.clone()).path());
    }
    for download in [Download::EventCalendar(slug.clone()), Download::ScheduleJson(slug.clone()), Download::ScheduleXml(slug.clone())] {
        files.push(download.path());
    }
    files.extend(event.speakers.iter().filter_map(|s| s.photo.as_ref()).flat_map(|p| p.variants.iter().map(SitePath::path)));
    files.into_iter().map(SavedFile).collect()
}

/// One file of [`offline_files`]: a page, data file, download or photo of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedFile(String);

impl SitePath for SavedFile {
    fn path(&self) -> String {
        self.0.clone()
    }
}

/// The address the offline page is rendered for: one that no route has (`/offline/`), like
/// the 404 page's.
pub struct OfflineRender;

impl SitePath for OfflineRender {
    fn path(&self) -> String {
        "/offline/".to_owned()
    }
}

/// Where the site lives: its published origin and the path it is served under. Every address
/// the site writes goes through it ([`SiteAddress::href`]), so a site published under a
/// sub-path (`https://example.github.io/istio-events/`) keeps every link, data fetch and file
/// under that path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteAddress {
    /// The origin of the published address (`SITE_URL`), for canonical addresses:
    /// `https://events.istio.io`, `https://example.github.io`.
    pub origin: String,
    /// The path the site is served under, without a trailing slash: empty at a host's root,
    /// `/istio-events` under a sub-path. The router's base.
    pub base: String,
}

/// Why a `SITE_URL` cannot be the site's address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadSiteUrl {
    /// The address as given.
    pub url: String,
    /// What is wrong with it.
    pub why: String,
}

impl fmt::Display for BadSiteUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SITE_URL `{}`: {}", self.url, self.why)
    }
}

impl std::error::Error for BadSiteUrl {}

impl SiteAddress {
    /// The address of `what` in the browser: its path under [`SiteAddress::base`].
    pub fn href(&self, what: &impl SitePath) -> String {
        self.base.clone() + &what.path()
    }

    /// The address of the element `fragment` on `page` (`/istiocon-2022/tracks/#security`).
    pub fn href_to(&self, page: &Page, fragment: &Slug) -> String {
        let mut href = self.href(page);
        href.push('#');
        href.push_str(fragment);
        href
    }

    /// The published address of `what`: origin, base and path.
    pub fn published_href(&self, what: &impl SitePath) -> String {
        self.origin.clone() + &self.href(what)
    }

    /// The published address (`SITE_URL` without its trailing slash): the origin and the base.
    pub fn published(&self) -> String {
        self.origin.clone() + &self.base
    }

    /// The canonical address of the page whose address path (with the base) is `pathname`.
    pub fn canonical(&self, pathname: &str) -> String {
        self.origin.clone() + pathname
    }

    /// Where a registration goes: an event's `endpoint` as the content gives it, where a path
    /// (a same-origin endpoint, `/api/events/<event>/registrations`) lives under the base too.
    pub fn endpoint(&self, endpoint: &str) -> String {
        if endpoint.starts_with('/') && !endpoint.starts_with("//") { self.base.clone() + endpoint } else { endpoint.to_owned() }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl SiteAddress {
    /// The site's address from a `SITE_URL`: an absolute `http(s)` address of a host, perhaps
    /// with a path (a site under a sub-path), without query or fragment.
    pub fn parse(site_url: &str) -> Result<SiteAddress, BadSiteUrl> {
        let bad = |why: &str| BadSiteUrl { url: site_url.to_owned(), why: why.to_owned() };
        let url = url::Url::parse(site_url).map_err(|e| bad(&format!("not an address ({e})")))?;
        if !matches!(url.scheme(), "https" | "http") || url.host_str().is_none() {
            return Err(bad("not an http(s) address of a host"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad("it has a query or fragment: give the address the site lives at"));
        }
        let base = url.path().trim_end_matches('/').to_owned();
        Ok(SiteAddress { origin: url.origin().ascii_serialization(), base })
    }

    /// The site's address from the environment's `SITE_URL`, or [`DEFAULT_SITE_URL`].
    pub fn from_env() -> Result<SiteAddress, BadSiteUrl> {
        SiteAddress::parse(&std::env::var("SITE_URL").unwrap_or_else(|_| DEFAULT_SITE_URL.to_owned()))
    }
}

impl Default for SiteAddress {
    /// [`DEFAULT_SITE_URL`], at its root.
    fn default() -> SiteAddress {
        let origin = DEFAULT_SITE_URL.to_owned();
        SiteAddress { origin, base: String::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> Slug {
        Slug::parse(s).unwrap()
    }

    #[cfg(feature = "fixtures")]
    #[test]
    fn saving_an_event_for_offline_keeps_each_page_its_data_calendars_and_photos_once() {
        use crate::fixtures::{self, MON};
        let mut timed = fixtures::session("a1", "Ambient mesh");
        timed.time = Some(fixtures::timed(MON, 30));
        let mut event = fixtures::event(fixtures::summary("istiocon-2022", "IstioCon 2022"), vec![timed, fixtures::session("b2", "Untimed")]);
        let mut lin = fixtures::speaker_summary("lin-sun", "Lin Sun", "Solo.io");
        lin.photo = Some(crate::Photo { variants: vec![crate::PhotoVariant::parse("lin-sun-0123456789abcdef-96.webp").unwrap()] });
        event.speakers = vec![lin];
        let files: Vec<String> = offline_files(&event).iter().map(SitePath::path).collect();
        assert_eq!(files, [
            "/istiocon-2022/", "/istiocon-2022/programme/", "/istiocon-2022/tracks/", "/istiocon-2022/agenda/",
            "/istiocon-2022/sessions/a1/", "/istiocon-2022/sessions/b2/", "/speakers/lin-sun/",
            "/data/events/istiocon-2022.json", "/data/events/istiocon-2022.outline.json", "/data/speakers/lin-sun.json",
            "/istiocon-2022/sessions/a1.ics", "/istiocon-2022/programme.ics", "/istiocon-2022/istiocon-2022.ics",
            "/istiocon-2022/schedule.json", "/istiocon-2022/schedule.xml", "/photos/lin-sun-0123456789abcdef-96.webp",
        ]);
        // A form is saved where the event has one; every page of the list parses back to itself.
        event.registration = Some(fixtures::registration(MON - 60, MON, "https://registration.example/x"));
        let files: Vec<String> = offline_files(&event).iter().map(SitePath::path).collect();
        assert!(files.contains(&"/istiocon-2022/register/".to_owned()));
        for page in files.iter().filter(|f| f.ends_with('/')) {
            assert_eq!(Page::parse(page).map(|p| p.path()).as_deref(), Some(page.as_str()));
        }
    }

    #[test]
    fn one_slug_rule() {
        for good in ["istiocon-2022", "a3", "lin-sun", "2025"] {
            assert!(Slug::is_valid(good), "{good}");
        }
        // Nor anything that would leave its folder as a file name (`..`, `a/b`).
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "ä", "a/b", "a\\b", ".", "..", "a\nb"] {
            assert_eq!(Slug::parse(bad), Err(NotASlug(bad.to_owned())), "{bad}");
        }
        assert_eq!(serde_json::to_string(&slug("a3")).unwrap(), "\"a3\"");
        assert!(serde_json::from_str::<Slug>("\"a--b\"").is_err());
    }

    #[test]
    fn every_page_parses_back_from_its_path() {
        let e = slug("istiocon-2022");
        let pages = [
            (Page::Home, "/"),
            (Page::Speaker(slug("lin-sun")), "/speakers/lin-sun/"),
            (Page::Event(e.clone()), "/istiocon-2022/"),
            (Page::Programme(e.clone()), "/istiocon-2022/programme/"),
            (Page::Tracks(e.clone()), "/istiocon-2022/tracks/"),
            (Page::Agenda(e.clone()), "/istiocon-2022/agenda/"),
            (Page::Register(e.clone()), "/istiocon-2022/register/"),
            (Page::Session { event: e.clone(), id: slug("a3") }, "/istiocon-2022/sessions/a3/"),
        ];
        for (page, path) in &pages {
            assert_eq!(page.path(), *path);
            assert_eq!(Page::parse(path).as_ref(), Some(page), "{path}");
            if *path != "/" {
                assert_eq!(Page::parse(path.trim_end_matches('/')).as_ref(), Some(page), "{path} without its slash");
            }
        }
        assert_eq!(pages.iter().map(|(p, _)| p.kind()).collect::<Vec<_>>(), PageKind::ALL);
        for nothing in ["", "x", "/Upper/", "/a/b/", "/a/sessions/", "/speakers/", "/a/sessions/x/y/", "/a--b/"] {
            assert_eq!(Page::parse(nothing), None, "{nothing}");
        }
    }

    #[test]
    fn data_files_and_downloads() {
        let e = slug("e");
        for (file, path) in [
            (DataFile::Index, "/data/events.json"),
            (DataFile::Event(e.clone()), "/data/events/e.json"),
            (DataFile::Outline(e.clone()), "/data/events/e.outline.json"),
            (DataFile::Speaker(slug("s")), "/data/speakers/s.json"),
        ] {
            assert_eq!(file.path(), path);
            assert_eq!(DataFile::parse(path), Some(file.clone()));
            assert_eq!(serde_json::to_string(&file).unwrap(), format!("\"{path}\""));
        }
        assert_eq!(DataFile::Outline(e.clone()).whole(), Some(DataFile::Event(e.clone())));
        assert_eq!(Page::Programme(e.clone()).data(), DataFile::Outline(e.clone()));
        assert_eq!(Page::Session { event: e.clone(), id: slug("a1") }.data(), DataFile::Event(e.clone()));
        assert_eq!(Download::SessionCalendar { event: e.clone(), id: slug("a1") }.path(), "/e/sessions/a1.ics");
        assert_eq!(Download::EventCalendar(e.clone()).path(), "/e/e.ics");
    }

    #[test]
    fn addresses_under_the_base() {
        let site = SiteAddress::parse("https://example.github.io/istio-events/").unwrap();
        assert_eq!(site, SiteAddress { origin: "https://example.github.io".into(), base: "/istio-events".into() });
        assert_eq!(site.href(&Page::Home), "/istio-events/");
        assert_eq!(site.href_to(&Page::Tracks(slug("e")), &slug("security")), "/istio-events/e/tracks/#security");
        assert_eq!(site.published_href(&Page::Event(slug("e"))), "https://example.github.io/istio-events/e/");
        assert_eq!(site.endpoint("/api/x"), "/istio-events/api/x");
        assert_eq!(site.endpoint("https://r.example/x"), "https://r.example/x");
        assert_eq!(SiteAddress::parse(DEFAULT_SITE_URL).unwrap(), SiteAddress::default());
        assert_eq!(SiteAddress::parse("http://127.0.0.1:8080/x/").unwrap().published(), "http://127.0.0.1:8080/x");
        for bad in ["events.istio.io", "ftp://example.org/", "https://example.org/?x=1", "https://example.org/#top", "file:///srv/site"] {
            assert!(SiteAddress::parse(bad).is_err(), "{bad}");
        }
    }
}
