//! Showing instants to people: in the event's zone and in the visitor's, formatted by the
//! browser's `Intl.DateTimeFormat`, so no time-zone database ships in the Wasm.
//!
//! Outside a browser (the prerenderer and native tests) the same functions use jiff's bundled
//! zone database and write en-US text like the browser's Intl does.

use events_model::{TimeRange, Timestamp};

/// The current moment.
pub fn now() -> Timestamp {
    imp::now()
}

/// The visitor's IANA zone, as the browser reports it (`UTC` when it cannot say).
pub fn visitor_zone() -> String {
    imp::visitor_zone()
}

/// The zone the visitor typed, in the browser's spelling (`asia/shanghai` gives
/// `Asia/Shanghai`), or `None` when it is not an IANA zone the browser knows.
pub fn canonical_zone(input: &str) -> Option<String> {
    let input = input.trim();
    if input.is_empty() { None } else { imp::canonical_zone(input) }
}

/// Every IANA zone the browser knows, for the zone picker (empty outside a browser).
pub fn known_zones() -> Vec<String> {
    imp::known_zones()
}

/// Static text that the prerendered page already shows (an event-zone time, a day's heading),
/// made by `text`; except while the app hydrates that page, which keeps the page's text nodes
/// and never reads this value, so nothing is formatted then (formatting the programme's
/// event-zone times again was 38 ms of its 225 ms hydration at 4x, issue 21). Only for text
/// that no later change replaces.
pub fn prerendered(text: impl FnOnce() -> String) -> String {
    #[cfg(feature = "hydrate")]
    if crate::start::hydrating() {
        return String::new();
    }
    text()
}

/// Makes the range formatter of `zone` (the visitor's) before the first view needs it, when the
/// browser is idle: a page's first `formatRange` also sets up the browser's interval formatting,
/// 9.3 ms at 4x, which otherwise fell in the click's task of the visit's first navigation to a
/// list of sessions (issue 21). Outside a browser, nothing to do.
pub fn prepare(zone: &str) {
    let at = now();
    let _ = imp::format(Style::DayAndTimeRange, zone, at, Some(Timestamp(at.0 + 3600)));
}

/// A session's time: `Mon, Apr 25, 15:00 – 15:25 UTC` (the browser's locale decides the order).
pub fn format_range(range: TimeRange, zone: &str) -> String {
    imp::format(Style::DayAndTimeRange, zone, range.start, Some(range.end))
}

/// A programme day's heading: `Monday, April 25, 2022`.
pub fn format_day(t: Timestamp, zone: &str) -> String {
    imp::format(Style::LongDay, zone, t, None)
}

/// An event's dates from its first moment to its end (exclusive): `Apr 25 – 29, 2022`.
pub fn format_dates(start: Timestamp, end: Timestamp, zone: &str) -> String {
    let last = Timestamp(end.0 - 1);
    if imp::format(Style::IsoDate, zone, start, None) == imp::format(Style::IsoDate, zone, last, None) {
        imp::format(Style::Date, zone, start, None)
    } else {
        imp::format(Style::Date, zone, start, Some(last))
    }
}

/// A date-time with its zone: `Apr 25, 2022, 15:00 UTC`.
pub fn format_moment(t: Timestamp, zone: &str) -> String {
    imp::format(Style::DateTime, zone, t, None)
}

/// A time of day alone, for the schedule grid's ruler: `9:30 AM`.
pub fn format_clock(t: Timestamp, zone: &str) -> String {
    imp::format(Style::Clock, zone, t, None)
}

/// A time of day with its zone, for the first line of each stretch of the ruler: `9:30 AM UTC`.
pub fn format_clock_zone(t: Timestamp, zone: &str) -> String {
    imp::format(Style::ClockZone, zone, t, None)
}

/// How far `zone` is ahead of UTC at `t`, in minutes (`330` in India, `-240` in New York in
/// summer): from the browser's `Intl` (`GMT+05:30`), or the zone database natively.
pub fn offset_minutes(t: Timestamp, zone: &str) -> i32 {
    parse_offset(&imp::format(Style::Offset, zone, t, None))
}

/// The minutes of an offset as Intl's `longOffset` writes it: `GMT`, `GMT+05:30`, `GMT-04:00`.
fn parse_offset(text: &str) -> i32 {
    let Some(at) = text.rfind("GMT") else { return 0 };
    let rest = &text[at + 3..];
    let (sign, rest) = match rest.chars().next() {
        Some('+') => (1, &rest[1..]),
        Some('-' | '\u{2212}') => (-1, &rest[rest.chars().next().map_or(0, char::len_utf8)..]),
        _ => return 0,
    };
    let mut parts = rest.split(':').map(|p| p.trim().parse::<i32>().unwrap_or(0));
    let (hours, minutes) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    sign * (hours * 60 + minutes)
}

/// How many calendar days `t` is later in `other` than in `zone` (-1, 0 or +1 in practice).
pub fn day_shift(t: Timestamp, zone: &str, other: &str) -> i32 {
    let a = imp::format(Style::IsoDate, zone, t, None);
    let b = imp::format(Style::IsoDate, other, t, None);
    match b.cmp(&a) {
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
        std::cmp::Ordering::Less => -1,
    }
}

/// The "+1 day" mark for a visitor whose date differs from the event's.
pub fn day_shift_label(shift: i32) -> Option<String> {
    match shift {
        0 => None,
        1 => Some("+1 day".to_owned()),
        -1 => Some("−1 day".to_owned()),
        n if n > 0 => Some(format!("+{n} days")),
        n => Some(format!("−{} days", -n)),
    }
}

/// An instant as RFC 3339 in UTC, for `<time datetime>`: `2022-04-25T15:00:00Z`.
pub fn iso_utc(t: Timestamp) -> String {
    let u = t.to_utc();
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", u.year, u.month, u.day, u.hour, u.minute, u.second)
}

/// What to format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Style {
    DayAndTimeRange,
    LongDay,
    Date,
    DateTime,
    IsoDate,
    Clock,
    ClockZone,
    Offset,
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::RefCell;

    use events_model::Timestamp;
    use js_sys::{Array, Date, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;

    use super::Style;

    thread_local! {
        /// One formatter per style and zone (a page uses a few): a list, not a hash map, whose
        /// hashing code would cost the Wasm more than the search.
        static FORMATTERS: RefCell<Vec<((Style, String), Intl::DateTimeFormat)>> = const { RefCell::new(Vec::new()) };
    }

    pub fn now() -> Timestamp {
        Timestamp::from_millis_f64(Date::now())
    }

    fn intl_member(name: &str) -> Option<JsValue> {
        let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
        Reflect::get(&intl, &JsValue::from_str(name)).ok()
    }

    pub fn canonical_zone(input: &str) -> Option<String> {
        use wasm_bindgen::JsCast;
        let constructor: js_sys::Function = intl_member("DateTimeFormat")?.dyn_into().ok()?;
        let options = Object::new();
        Reflect::set(&options, &JsValue::from_str("timeZone"), &JsValue::from_str(input)).ok()?;
        // An unknown zone makes the constructor throw a RangeError: caught here, not a panic.
        let formatter = Reflect::construct(&constructor, &Array::of2(&JsValue::UNDEFINED, &options)).ok()?;
        let formatter: Intl::DateTimeFormat = formatter.unchecked_into();
        Reflect::get(&formatter.resolved_options(), &JsValue::from_str("timeZone")).ok()?.as_string()
    }

    pub fn known_zones() -> Vec<String> {
        use wasm_bindgen::JsCast;
        let Some(list) = intl_member("supportedValuesOf").and_then(|f| f.dyn_into::<js_sys::Function>().ok()) else {
            return Vec::new();
        };
        list.call1(&JsValue::NULL, &JsValue::from_str("timeZone"))
            .ok()
            .map(|zones| Array::from(&zones).iter().filter_map(|z| z.as_string()).collect())
            .unwrap_or_default()
    }

    pub fn visitor_zone() -> String {
        let options = Intl::DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
        Reflect::get(&options, &JsValue::from_str("timeZone"))
            .ok()
            .and_then(|z| z.as_string())
            .unwrap_or_else(|| "UTC".to_owned())
    }

    fn options(style: Style, zone: &str) -> Object {
        let o = Object::new();
        let set = |k: &str, v: &str| {
            let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
        };
        set("timeZone", zone);
        match style {
            Style::DayAndTimeRange => {
                set("weekday", "short");
                set("month", "short");
                set("day", "numeric");
                set("hour", "2-digit");
                set("minute", "2-digit");
                set("timeZoneName", "short");
            }
            Style::LongDay => {
                set("weekday", "long");
                set("month", "long");
                set("day", "numeric");
                set("year", "numeric");
            }
            Style::Date => {
                set("month", "short");
                set("day", "numeric");
                set("year", "numeric");
            }
            Style::DateTime => {
                set("weekday", "short");
                set("month", "short");
                set("day", "numeric");
                set("year", "numeric");
                set("hour", "2-digit");
                set("minute", "2-digit");
                set("timeZoneName", "short");
            }
            Style::IsoDate => {
                set("year", "numeric");
                set("month", "2-digit");
                set("day", "2-digit");
            }
            Style::Clock => {
                set("hour", "numeric");
                set("minute", "2-digit");
            }
            Style::ClockZone => {
                set("hour", "numeric");
                set("minute", "2-digit");
                set("timeZoneName", "short");
            }
            Style::Offset => set("timeZoneName", "longOffset"),
        }
        o
    }

    pub fn format(style: Style, zone: &str, start: Timestamp, end: Option<Timestamp>) -> String {
        FORMATTERS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let at = match cache.iter().position(|((s, z), _)| *s == style && z == zone) {
                Some(at) => at,
                None => {
                    // en-CA writes dates as YYYY-MM-DD, which compare in calendar order.
                    let locales = if matches!(style, Style::IsoDate | Style::Offset) { Array::of1(&JsValue::from_str("en-CA")) } else { Array::new() };
                    cache.push(((style, zone.to_owned()), Intl::DateTimeFormat::new(&locales, &options(style, zone))));
                    cache.len() - 1
                }
            };
            let formatter = &cache[at].1;
            let start = Date::new(&JsValue::from_f64(start.as_millis_f64()));
            match end {
                Some(end) => {
                    let end = Date::new(&JsValue::from_f64(end.as_millis_f64()));
                    formatter.format_range(&start, &end).map(String::from).unwrap_or_default()
                }
                None => formatter.format().call1(&JsValue::NULL, &start).ok().and_then(|s| s.as_string()).unwrap_or_default(),
            }
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    //! Natively (the prerenderer) zones come from jiff's bundled database and the text follows
    //! the en-US pattern of the browser's Intl, so hydration seldom has to change it.
    use events_model::Timestamp;
    use jiff::tz::TimeZone;
    use jiff::Zoned;

    use super::Style;

    pub fn now() -> Timestamp {
        Timestamp(jiff::Timestamp::now().as_second())
    }

    pub fn visitor_zone() -> String {
        "UTC".to_owned()
    }

    pub fn canonical_zone(input: &str) -> Option<String> {
        let zone = TimeZone::get(input).ok()?;
        Some(zone.iana_name().unwrap_or(input).to_owned())
    }

    pub fn known_zones() -> Vec<String> {
        Vec::new()
    }

    fn zoned(t: Timestamp, zone: &str) -> Zoned {
        let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
        jiff::Timestamp::from_second(t.0).unwrap_or_default().to_zoned(tz)
    }

    /// The zone as Intl's en-US writes it: `UTC`, US abbreviations (`EDT`, `PST`) for US
    /// zones, `GMT+8` or `GMT` everywhere else.
    fn zone_name(z: &Zoned, zone: &str) -> String {
        const US: &[&str] = &["EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST"];
        if zone == "UTC" || zone == "Etc/UTC" {
            return "UTC".to_owned();
        }
        let abbr = z.strftime("%Z").to_string();
        if (zone.starts_with("America/") || zone.starts_with("Pacific/Honolulu")) && US.contains(&abbr.as_str()) {
            return abbr;
        }
        let secs = z.offset().seconds();
        let (sign, secs) = if secs < 0 { ('-', -secs) } else { ('+', secs) };
        match (secs / 3600, secs % 3600 / 60) {
            (0, 0) => "GMT".to_owned(),
            (h, 0) => format!("GMT{sign}{h}"),
            (h, m) => format!("GMT{sign}{h}:{m:02}"),
        }
    }

    fn f(z: &Zoned, pattern: &str) -> String {
        z.strftime(pattern).to_string()
    }

    pub fn format(style: Style, zone: &str, start: Timestamp, end: Option<Timestamp>) -> String {
        let a = zoned(start, zone);
        match (style, end) {
            (Style::DayAndTimeRange, Some(end)) => {
                let b = zoned(end, zone);
                let day = f(&a, "%a, %b %-d");
                if a.date() == b.date() {
                    if f(&a, "%p") == f(&b, "%p") {
                        format!("{day}, {} – {} {}", f(&a, "%-I:%M"), f(&b, "%-I:%M %p"), zone_name(&b, zone))
                    } else {
                        format!("{day}, {} – {} {}", f(&a, "%-I:%M %p"), f(&b, "%-I:%M %p"), zone_name(&b, zone))
                    }
                } else {
                    format!("{day}, {} – {}, {} {}", f(&a, "%-I:%M %p"), f(&b, "%a, %b %-d"), f(&b, "%-I:%M %p"), zone_name(&b, zone))
                }
            }
            (Style::LongDay, _) => f(&a, "%A, %B %-d, %Y"),
            (Style::DateTime, _) => format!("{}, {} {}", f(&a, "%a, %b %-d, %Y"), f(&a, "%-I:%M %p"), zone_name(&a, zone)),
            (Style::IsoDate, _) => f(&a, "%Y-%m-%d"),
            (Style::Clock, _) => f(&a, "%-I:%M %p"),
            (Style::ClockZone, _) => format!("{} {}", f(&a, "%-I:%M %p"), zone_name(&a, zone)),
            (Style::Offset, _) => format!("GMT{}", f(&a, "%:z")),
            (Style::Date, Some(end)) => {
                let b = zoned(end, zone);
                if a.year() != b.year() {
                    format!("{} – {}", f(&a, "%b %-d, %Y"), f(&b, "%b %-d, %Y"))
                } else if a.month() != b.month() {
                    format!("{} – {}", f(&a, "%b %-d"), f(&b, "%b %-d, %Y"))
                } else {
                    format!("{} – {}", f(&a, "%b %-d"), f(&b, "%-d, %Y"))
                }
            }
            (_, _) => f(&a, "%b %-d, %Y"),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// 2022-04-25T16:40:00Z
    const A3: i64 = 1_650_904_800;

    #[test]
    fn native_formatting_follows_the_event_zone_in_intl_en_us_style() {
        let r = TimeRange { start: Timestamp(A3), end: Timestamp(A3 + 35 * 60) };
        assert_eq!(format_range(r, "UTC"), "Mon, Apr 25, 4:40 – 5:15 PM UTC");
        assert_eq!(format_range(r, "Asia/Shanghai"), "Tue, Apr 26, 12:40 – 1:15 AM GMT+8");
        assert_eq!(format_range(r, "America/Los_Angeles"), "Mon, Apr 25, 9:40 – 10:15 AM PDT");
        let noon = TimeRange { start: Timestamp(A3 - 5 * 3600), end: Timestamp(A3 - 4 * 3600 + 600) };
        assert_eq!(format_range(noon, "UTC"), "Mon, Apr 25, 11:40 AM – 12:50 PM UTC");
        assert_eq!(format_moment(Timestamp(A3), "Europe/London"), "Mon, Apr 25, 2022, 5:40 PM GMT+1");
        assert_eq!(format_day(Timestamp(A3), "UTC"), "Monday, April 25, 2022");
        assert_eq!(format_moment(Timestamp(A3), "America/New_York"), "Mon, Apr 25, 2022, 12:40 PM EDT");
    }

    #[test]
    fn event_dates_are_shown_in_the_event_zone() {
        // IstioCon 2022: 25-29 April in UTC.
        assert_eq!(format_dates(Timestamp(1_650_844_800), Timestamp(1_651_276_800), "UTC"), "Apr 25 – 29, 2022");
        // Istio Day Europe 2023: 18 April in Amsterdam starts at 22:00 UTC the day before.
        let start = Timestamp(1_681_768_800);
        assert_eq!(format_dates(start, Timestamp(start.0 + 86_400), "Europe/Amsterdam"), "Apr 18, 2023");
        assert_eq!(format_dates(Timestamp(1_651_190_400), Timestamp(1_651_449_600), "UTC"), "Apr 29 – May 1, 2022");
    }

    #[test]
    fn daylight_saving_changes_midnight_and_the_chinese_blocks() {
        // The US moved to summer time on Sun 13 Mar 2022 at 02:00 local (10:00 UTC): the same
        // UTC hour is 1 AM PST the day before and 11 AM PDT after.
        assert_eq!(format_moment(Timestamp(1_647_165_600 - 86_400), "America/Los_Angeles"), "Sat, Mar 12, 2022, 2:00 AM PST");
        assert_eq!(format_moment(Timestamp(1_647_165_600), "America/Los_Angeles"), "Sun, Mar 13, 2022, 3:00 AM PDT");
        // A range across the change keeps its real length: 01:30 PST to 03:30 PDT is one hour.
        let across = TimeRange { start: Timestamp(1_647_163_800), end: Timestamp(1_647_167_400) };
        assert_eq!(format_range(across, "America/Los_Angeles"), "Sun, Mar 13, 1:30 – 3:30 AM PDT");
        // Europe: Amsterdam leaves summer time on 30 Oct 2022 at 01:00 UTC.
        assert_eq!(format_moment(Timestamp(1_667_091_599), "Europe/Amsterdam"), "Sun, Oct 30, 2022, 2:59 AM GMT+2");
        assert_eq!(format_moment(Timestamp(1_667_091_600), "Europe/Amsterdam"), "Sun, Oct 30, 2022, 2:00 AM GMT+1");

        // A session across midnight in the event's zone names both days.
        let late = TimeRange { start: Timestamp(A3 + 7 * 3600), end: Timestamp(A3 + 8 * 3600) };
        assert_eq!(format_range(late, "UTC"), "Mon, Apr 25, 11:40 PM – Tue, Apr 26, 12:40 AM UTC");

        // IstioCon 2022's Chinese block starts at 01:15 UTC on Tue 26 Apr: 09:15 the same day in
        // Shanghai, 18:15 the evening before in Los Angeles.
        let b1b = Timestamp(1_650_935_700);
        assert_eq!(day_shift(b1b, "UTC", "Asia/Shanghai"), 0);
        assert_eq!(day_shift(b1b, "UTC", "America/Los_Angeles"), -1);
        assert_eq!(format_moment(b1b, "Asia/Shanghai"), "Tue, Apr 26, 2022, 9:15 AM GMT+8");
        // IstioCon 2021's Chinese block at 01:00 UTC on Tue 23 Feb: still Monday in the US.
        let c2021 = Timestamp(1_614_042_000);
        assert_eq!(day_shift(c2021, "UTC", "America/New_York"), -1);
        assert_eq!(format_moment(c2021, "America/New_York"), "Mon, Feb 22, 2021, 8:00 PM EST");
    }

    #[test]
    fn offsets_and_ruler_times() {
        assert_eq!(offset_minutes(Timestamp(A3), "Asia/Kolkata"), 330);
        assert_eq!(offset_minutes(Timestamp(A3), "America/New_York"), -240);
        assert_eq!(offset_minutes(Timestamp(A3), "UTC"), 0);
        assert_eq!(parse_offset("4/25/2022, GMT+05:30"), 330);
        assert_eq!(parse_offset("4/25/2022, GMT-04:00"), -240);
        assert_eq!(parse_offset("4/25/2022, GMT\u{2212}09:30"), -570);
        assert_eq!(parse_offset("4/25/2022, GMT"), 0);
        assert_eq!(format_clock(Timestamp(A3), "UTC"), "4:40 PM");
        assert_eq!(format_clock(Timestamp(A3), "Asia/Kolkata"), "10:10 PM");
        assert_eq!(format_clock_zone(Timestamp(A3), "UTC"), "4:40 PM UTC");
        assert_eq!(format_clock_zone(Timestamp(A3), "Asia/Kathmandu"), "10:25 PM GMT+5:45");
    }

    #[test]
    fn visitors_can_choose_any_iana_zone_in_any_spelling() {
        assert_eq!(canonical_zone("asia/shanghai").as_deref(), Some("Asia/Shanghai"));
        assert_eq!(canonical_zone(" Europe/Berlin ").as_deref(), Some("Europe/Berlin"));
        assert_eq!(canonical_zone("Mars/Olympus_Mons"), None);
        assert_eq!(canonical_zone(""), None);
    }

    #[test]
    fn day_shifts_and_iso() {
        assert_eq!(day_shift(Timestamp(A3), "UTC", "Asia/Shanghai"), 1);
        assert_eq!(day_shift(Timestamp(A3 - 16 * 3600), "UTC", "America/Los_Angeles"), -1);
        assert_eq!(day_shift_label(1).as_deref(), Some("+1 day"));
        assert_eq!(day_shift_label(-1).as_deref(), Some("−1 day"));
        assert_eq!(day_shift_label(0), None);
        assert_eq!(iso_utc(Timestamp(A3)), "2022-04-25T16:40:00Z");
        assert_eq!(iso_utc(Timestamp(951_782_400)), "2000-02-29T00:00:00Z");
    }
}
