//! Instants and event states. No time-zone database here: zones are applied by the content
//! compiler (natively) and by the browser's `Intl` (in the app).

use serde::{Deserialize, Serialize};

/// An instant, in whole seconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Milliseconds since the epoch, as JavaScript's `Date` takes them.
    pub fn as_millis_f64(self) -> f64 {
        self.0 as f64 * 1000.0
    }

    /// The instant from JavaScript milliseconds (`Date.now()`), rounded down to the second.
    pub fn from_millis_f64(ms: f64) -> Self {
        Timestamp((ms / 1000.0).floor() as i64)
    }

    /// The instant as a UTC calendar date and time of day (proleptic Gregorian calendar).
    pub fn to_utc(self) -> UtcDateTime {
        let days = self.0.div_euclid(SECONDS_PER_DAY);
        let second_of_day = self.0.rem_euclid(SECONDS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        UtcDateTime {
            year,
            month,
            day,
            hour: second_of_day / 3600,
            minute: second_of_day / 60 % 60,
            second: second_of_day % 60,
        }
    }

    /// Reads an RFC 3339 date-time with its zone: `2022-04-01T12:00:00Z`,
    /// `2022-04-01T14:00:00+02:00`, `2022-04-01T12:00Z` (seconds may be left out, and a
    /// fraction of a second is dropped). Used for the `?preview-at=` parameter, in the browser,
    /// where there is no time-zone library.
    pub fn parse_rfc3339(text: &str) -> Result<Timestamp, TimeParseError> {
        let s = text.trim().as_bytes();
        let err = || TimeParseError(text.trim().to_owned());
        let num = |from: usize, len: usize| -> Option<i64> {
            let part = s.get(from..from + len)?;
            part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
        };
        let (year, month, day) = (num(0, 4), num(5, 2), num(8, 2));
        let (Some(year), Some(month), Some(day)) = (year, month, day) else { return Err(err()) };
        if s.get(4) != Some(&b'-') || s.get(7) != Some(&b'-') || !matches!(s.get(10), Some(b'T' | b't' | b' ')) {
            return Err(err());
        }
        let (Some(hour), Some(minute)) = (num(11, 2), num(14, 2)) else { return Err(err()) };
        if s.get(13) != Some(&b':') {
            return Err(err());
        }
        let mut at = 16;
        let mut second = 0;
        if s.get(at) == Some(&b':') {
            second = num(at + 1, 2).ok_or_else(err)?;
            at += 3;
            if s.get(at) == Some(&b'.') {
                at += 1;
                let digits = s[at..].iter().take_while(|b| b.is_ascii_digit()).count();
                if digits == 0 {
                    return Err(err());
                }
                at += digits;
            }
        }
        let offset = match s.get(at..) {
            Some([b'Z' | b'z']) => 0,
            Some([sign @ (b'+' | b'-'), h1, h2, b':', m1, m2]) => {
                let digits = [*h1, *h2, *m1, *m2];
                if !digits.iter().all(u8::is_ascii_digit) {
                    return Err(err());
                }
                let minutes = i64::from(h1 - b'0') * 600 + i64::from(h2 - b'0') * 60 + i64::from(m1 - b'0') * 10 + i64::from(m2 - b'0');
                if *sign == b'-' { -minutes * 60 } else { minutes * 60 }
            }
            _ => return Err(err()),
        };
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return Err(err()),
        };
        if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
            return Err(err());
        }
        let days = days_from_civil(year, month, day);
        Ok(Timestamp(days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset))
    }
}

const SECONDS_PER_DAY: i64 = 86_400;

/// A moment written as UTC wall-clock parts, without any time-zone database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtcDateTime {
    /// The year, e.g. `2022`.
    pub year: i64,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 31.
    pub day: u32,
    /// The hour, 0 to 23.
    pub hour: u32,
    /// The minute, 0 to 59.
    pub minute: u32,
    /// The second, 0 to 59 (Unix time has no leap seconds).
    pub second: u32,
}

/// The date `days` days after 1970-01-01: (year, month, day).
///
/// Counts in 400-year eras of 146,097 days that start on 1 March, so that the leap day is the
/// last day of each era-year and needs no special case (the method of Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Shift the epoch from 1970-01-01 to 0000-03-01.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097); // 0..=146_096
    // Years since the era began, with 1 March as new year; the corrections drop the leap
    // days of every 4th year, add back every 100th and drop the 400th.
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365; // 0..=399
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // 0..=365
    let month_from_march = (5 * day_of_year + 2) / 153; // 0 = March .. 11 = February
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A text that is not an RFC 3339 date-time with a zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeParseError(pub String);

impl std::fmt::Display for TimeParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a date-time with a zone, such as 2022-04-01T12:00:00Z", self.0)
    }
}

impl std::error::Error for TimeParseError {}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// How long until a moment, as people say it: `in 3 days`, `in 47 hours`, `in 5 hours`,
/// `in 12 minutes`, `in less than a minute`. Rounded down, so it never promises too early.
pub fn time_until_label(seconds: i64) -> String {
    let plural = |n: i64, unit: &str| if n == 1 { format!("in 1 {unit}") } else { format!("in {n} {unit}s") };
    match seconds {
        s if s < 60 => "in less than a minute".to_owned(),
        s if s < 3600 => plural(s / 60, "minute"),
        s if s < 2 * 86_400 => plural(s / 3600, "hour"),
        s => plural(s / 86_400, "day"),
    }
}

/// Where an event stands at a given moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventState {
    /// It has not started.
    Upcoming,
    /// It is happening now.
    Live,
    /// It is over.
    Past,
}

impl EventState {
    /// The state of an event running from `start` (inclusive) to `end` (exclusive) at `now`.
    pub fn of(start: Timestamp, end: Timestamp, now: Timestamp) -> Self {
        if now < start {
            EventState::Upcoming
        } else if now < end {
            EventState::Live
        } else {
            EventState::Past
        }
    }

    /// The word shown on badges.
    pub fn label(self) -> &'static str {
        match self {
            EventState::Upcoming => "Upcoming",
            EventState::Live => "Live now",
            EventState::Past => "Past",
        }
    }

    /// A CSS-friendly name.
    pub fn class(self) -> &'static str {
        match self {
            EventState::Upcoming => "upcoming",
            EventState::Live => "live",
            EventState::Past => "past",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_boundaries_are_inclusive_start_exclusive_end() {
        let (s, e) = (Timestamp(100), Timestamp(200));
        assert_eq!(EventState::of(s, e, Timestamp(99)), EventState::Upcoming);
        assert_eq!(EventState::of(s, e, Timestamp(100)), EventState::Live);
        assert_eq!(EventState::of(s, e, Timestamp(199)), EventState::Live);
        assert_eq!(EventState::of(s, e, Timestamp(200)), EventState::Past);
    }

    fn utc(t: i64) -> (i64, u32, u32, u32, u32, u32) {
        let u = Timestamp(t).to_utc();
        (u.year, u.month, u.day, u.hour, u.minute, u.second)
    }

    #[test]
    fn utc_parts_at_the_epoch_and_around_it() {
        assert_eq!(utc(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(utc(-1), (1969, 12, 31, 23, 59, 59));
        assert_eq!(utc(86_399), (1970, 1, 1, 23, 59, 59));
        assert_eq!(utc(86_400), (1970, 1, 2, 0, 0, 0));
    }

    #[test]
    fn utc_parts_on_leap_days_and_century_years() {
        // 2000 is a leap year (divisible by 400): 29 February exists.
        assert_eq!(utc(951_782_400), (2000, 2, 29, 0, 0, 0));
        assert_eq!(utc(951_868_799), (2000, 2, 29, 23, 59, 59));
        assert_eq!(utc(951_868_800), (2000, 3, 1, 0, 0, 0));
        // 2024-02-29 and the day after.
        assert_eq!(utc(1_709_164_800), (2024, 2, 29, 0, 0, 0));
        assert_eq!(utc(1_709_251_200), (2024, 3, 1, 0, 0, 0));
        // 2023 is not a leap year: 28 February is followed by 1 March.
        assert_eq!(utc(1_677_628_799), (2023, 2, 28, 23, 59, 59));
        assert_eq!(utc(1_677_628_800), (2023, 3, 1, 0, 0, 0));
        // 1900 and 2100 are not leap years (divisible by 100, not by 400).
        assert_eq!(utc(-2_203_977_600), (1900, 2, 28, 0, 0, 0));
        assert_eq!(utc(-2_203_891_200), (1900, 3, 1, 0, 0, 0));
        assert_eq!(utc(4_107_456_000), (2100, 2, 28, 0, 0, 0));
        assert_eq!(utc(4_107_542_400), (2100, 3, 1, 0, 0, 0));
        // New Year's Eve of a leap year is its 366th day.
        assert_eq!(utc(1_735_689_599), (2024, 12, 31, 23, 59, 59));
        assert_eq!(utc(1_735_689_600), (2025, 1, 1, 0, 0, 0));
    }

    #[test]
    fn utc_parts_of_real_session_times() {
        // IstioCon 2022 a3: 2022-04-25T16:40:00Z.
        assert_eq!(utc(1_650_904_800), (2022, 4, 25, 16, 40, 0));
        // IstioCon 2021 b1k, the Chinese block at 01:00 UTC: 2021-02-23T01:00:00Z.
        assert_eq!(utc(1_614_042_000), (2021, 2, 23, 1, 0, 0));
    }

    #[test]
    fn rfc3339_with_any_offset() {
        let t = |s: &str| Timestamp::parse_rfc3339(s);
        assert_eq!(t("2022-04-25T16:40:00Z"), Ok(Timestamp(1_650_904_800)));
        assert_eq!(t("2022-04-25T18:40:00+02:00"), Ok(Timestamp(1_650_904_800)));
        assert_eq!(t("2022-04-25T12:10:00-04:30"), Ok(Timestamp(1_650_904_800)));
        assert_eq!(t(" 2022-04-25t16:40z "), Ok(Timestamp(1_650_904_800)));
        assert_eq!(t("2022-04-25T16:40:00.999Z"), Ok(Timestamp(1_650_904_800)));
        assert_eq!(t("2000-02-29T00:00:00Z"), Ok(Timestamp(951_782_400)));
        assert_eq!(t("1970-01-01T00:00:00Z"), Ok(Timestamp(0)));
        assert_eq!(t("1969-12-31T23:59:59Z"), Ok(Timestamp(-1)));
        for bad in ["2022-04-25", "2022-04-25T16:40:00", "2022-02-29T00:00:00Z", "2022-04-25T24:00:00Z", "25 April 2022", "2022-04-25T16:40:00+0200", "2022-04-25T16:40:00.Z", ""] {
            assert!(t(bad).is_err(), "{bad}");
        }
        assert!(t("nope").unwrap_err().to_string().contains("`nope` is not a date-time"));
    }

    #[test]
    fn time_until_is_rounded_down_in_words() {
        assert_eq!(time_until_label(30), "in less than a minute");
        assert_eq!(time_until_label(60), "in 1 minute");
        assert_eq!(time_until_label(3599), "in 59 minutes");
        assert_eq!(time_until_label(3600), "in 1 hour");
        assert_eq!(time_until_label(2 * 86_400 - 1), "in 47 hours");
        assert_eq!(time_until_label(2 * 86_400), "in 2 days");
        assert_eq!(time_until_label(30 * 86_400 + 5), "in 30 days");
    }

    #[test]
    fn millis_round_down() {
        assert_eq!(Timestamp::from_millis_f64(1_500.9), Timestamp(1));
        assert_eq!(Timestamp(2).as_millis_f64(), 2000.0);
    }
}
