//! Showing instants to people: in the event's zone and in the visitor's, formatted by the
//! browser's `Intl.DateTimeFormat`, so no time-zone database ships in the Wasm.
//!
//! Outside a browser (native builds and tests) the same functions fall back to UTC with ISO
//! dates, which is what a page rendered ahead of time can honestly say.

use events_model::{TimeRange, Timestamp};

/// The current moment.
pub fn now() -> Timestamp {
    imp::now()
}

/// The visitor's IANA zone, as the browser reports it (`UTC` when it cannot say).
pub fn visitor_zone() -> String {
    imp::visitor_zone()
}

/// A session's time: `Mon, Apr 25, 15:00 – 15:25 UTC` (the browser's locale decides the order).
pub fn format_range(range: TimeRange, zone: &str) -> String {
    imp::format(Style::DayAndTimeRange, zone, range.start, Some(range.end))
}

/// A time of day with its zone: `15:00 UTC`.
pub fn format_time(t: Timestamp, zone: &str) -> String {
    imp::format(Style::Time, zone, t, None)
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
    let (date, time) = iso_parts(t);
    format!("{date}T{time}:{:02}Z", t.0.rem_euclid(60))
}

/// Civil date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `("2022-04-25", "15:00")` in UTC.
fn iso_parts(t: Timestamp) -> (String, String) {
    let (y, m, d) = civil(t.0.div_euclid(86_400));
    let secs = t.0.rem_euclid(86_400);
    (format!("{y:04}-{m:02}-{d:02}"), format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60))
}

/// What to format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Style {
    DayAndTimeRange,
    Time,
    LongDay,
    Date,
    DateTime,
    IsoDate,
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use events_model::Timestamp;
    use js_sys::{Array, Date, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;

    use super::Style;

    thread_local! {
        static FORMATTERS: RefCell<HashMap<(Style, String), Intl::DateTimeFormat>> = RefCell::new(HashMap::new());
    }

    pub fn now() -> Timestamp {
        Timestamp::from_millis_f64(Date::now())
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
            Style::Time => {
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
        }
        o
    }

    pub fn format(style: Style, zone: &str, start: Timestamp, end: Option<Timestamp>) -> String {
        FORMATTERS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let formatter = cache.entry((style, zone.to_owned())).or_insert_with(|| {
                // en-CA writes dates as YYYY-MM-DD, which compare in calendar order.
                let locales = if style == Style::IsoDate { Array::of1(&JsValue::from_str("en-CA")) } else { Array::new() };
                Intl::DateTimeFormat::new(&locales, &options(style, zone))
            });
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
    use events_model::Timestamp;

    use super::Style;

    pub fn now() -> Timestamp {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Timestamp(secs)
    }

    pub fn visitor_zone() -> String {
        "UTC".to_owned()
    }

    /// Without `Intl`, every zone is shown as UTC and says so.
    pub fn format(style: Style, _zone: &str, start: Timestamp, end: Option<Timestamp>) -> String {
        let (date, time) = super::iso_parts(start);
        match (style, end) {
            (Style::DayAndTimeRange, Some(end)) => format!("{date}, {time} – {} UTC", super::iso_parts(end).1),
            (Style::Time, _) => format!("{time} UTC"),
            (Style::DateTime, _) => format!("{date}, {time} UTC"),
            (_, Some(end)) => format!("{date} – {}", super::iso_parts(end).0),
            _ => date,
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn native_fallback_formats_in_utc() {
        let r = TimeRange { start: Timestamp(1_650_898_800), end: Timestamp(1_650_900_300) };
        assert_eq!(format_range(r, "UTC"), "2022-04-25, 15:00 – 15:25 UTC");
        assert_eq!(format_dates(Timestamp(1_650_844_800), Timestamp(1_651_276_800), "UTC"), "2022-04-25 – 2022-04-29");
        assert_eq!(day_shift_label(1).as_deref(), Some("+1 day"));
        assert_eq!(day_shift_label(0), None);
        assert_eq!(iso_utc(Timestamp(1_650_898_800)), "2022-04-25T15:00:00Z");
        assert_eq!(iso_utc(Timestamp(951_782_400)), "2000-02-29T00:00:00Z");
    }
}
