//! iCalendar files (RFC 5545) for sessions and events, written without any dependency so that
//! the site's build (`site-build data`: prebuilt files) and the Wasm app (the filtered view, My agenda) make the
//! same bytes.
//!
//! - Times are UTC (`DTSTART:20220425T164000Z`): calendars show them in the reader's zone, and
//!   no `VTIMEZONE` (which would need a time-zone database) is needed.
//! - UIDs depend only on the event's slug and the session's id ([`session_uid`]), never on the
//!   time of the export, the site's address or the order of sessions, so importing a file again
//!   updates the entries instead of duplicating them.
//! - Text values are escaped ([`escape_text`]), lines are folded at 75 octets without cutting a
//!   UTF-8 character ([`fold`]) and end with CRLF.

use crate::{Event, EventSummary, Page, Place, Session, SiteAddress, Timestamp};

/// The domain part of every UID. Fixed, so UIDs stay the same when the site moves (`SITE_URL`).
pub const UID_DOMAIN: &str = "events.istio.io";

/// Who made the file (`PRODID`).
pub const PRODID: &str = "-//Istio community//Istio events site//EN";

/// The UID of a session: `<id>.<event-slug>@events.istio.io`.
pub fn session_uid(event_slug: &str, session_id: &str) -> String {
    format!("{session_id}.{event_slug}@{UID_DOMAIN}")
}

/// The UID of an event as one calendar entry: `<event-slug>@events.istio.io`.
pub fn event_uid(event_slug: &str) -> String {
    format!("{event_slug}@{UID_DOMAIN}")
}

/// The published address of a session's page.
fn session_url(site: &SiteAddress, event: &Event, session: &Session) -> String {
    site.published_href(&Page::Session { event: event.summary.slug.clone(), id: session.id.clone() })
}

/// An instant as an iCalendar UTC date-time: `YYYYMMDDTHHMMSSZ` (years 0 to 9999).
pub fn utc_datetime(t: Timestamp) -> String {
    let u = t.to_utc();
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}Z", u.year, u.month, u.day, u.hour, u.minute, u.second)
}

/// A TEXT value escaped as RFC 5545 section 3.3.11 requires: backslash, semicolon and comma
/// get a backslash, a line break becomes `\n`; other control characters (which TEXT cannot
/// hold) are dropped, tabs kept.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // CRLF and a lone CR are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line folded as RFC 5545 section 3.1 requires: no physical line longer than 75
/// octets (not counting CRLF), each continuation starting with a space, and never inside a
/// UTF-8 character. The result ends with CRLF.
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut octets = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if octets + n > LIMIT {
            out.push_str("\r\n ");
            octets = 1; // the leading space counts
        }
        out.push(c);
        octets += n;
    }
    out.push_str("\r\n");
    out
}

/// Builds a calendar one content line at a time.
struct Lines(String);

impl Lines {
    /// A property whose value is already in its iCalendar form (a date-time, a URI, a word).
    fn raw(&mut self, name: &str, value: &str) {
        // URIs come from content files: keep control characters out of the line.
        let value: String = value.chars().filter(|c| !c.is_control()).collect();
        self.0.push_str(&fold(&format!("{name}:{value}")));
    }

    /// A TEXT property, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.0.push_str(&fold(&format!("{name}:{}", escape_text(value))));
    }

    fn begin_calendar(name: &str) -> Lines {
        let mut lines = Lines(String::new());
        lines.raw("BEGIN", "VCALENDAR");
        lines.raw("VERSION", "2.0");
        lines.raw("PRODID", PRODID);
        lines.raw("CALSCALE", "GREGORIAN");
        lines.raw("METHOD", "PUBLISH");
        lines.text("X-WR-CALNAME", name);
        lines
    }

    fn end_calendar(mut self) -> String {
        self.raw("END", "VCALENDAR");
        self.0
    }
}

/// Where an event takes place, as a calendar's `LOCATION`: `Online` or the place's label.
pub fn location(place: &Place) -> String {
    match place {
        Place::Virtual => "Online".to_owned(),
        other => other.label(),
    }
}

/// The plain-text `DESCRIPTION` of a session: event, speakers, type, track, language, the
/// session's page and the recording, one per line (lines without a value are left out).
pub fn session_description(event: &Event, session: &Session, site: &SiteAddress) -> String {
    let mut lines = vec![format!("Event: {}", event.summary.name)];
    if !session.speakers.is_empty() {
        let names: Vec<&str> = session.speakers.iter().map(|s| s.name.as_str()).collect();
        let label = if names.len() == 1 { "Speaker" } else { "Speakers" };
        lines.push(format!("{label}: {}", names.join(", ")));
    }
    if !session.kind.is_empty() {
        lines.push(format!("Type: {}", session.kind));
    }
    if let Some(track) = &session.track {
        let name = event.track(track).map_or(track.as_str(), |t| t.name.as_str());
        lines.push(format!("Track: {name}"));
    }
    if let Some(language) = &session.language {
        lines.push(format!("Language: {language}"));
    }
    lines.push(format!("Session page: {}", session_url(site, event, session)));
    if let Some(video) = &session.video {
        lines.push(format!("Recording: {video}"));
    }
    lines.join("\n")
}

/// A calendar with one `VEVENT` per session of `event` that has a published time, in the
/// order given; sessions without a time are skipped. `stamp` is the `DTSTAMP` (when the file
/// was made); `site` is where the site is published (or, in the browser, where the visitor
/// reached it), which the sessions' addresses are under.
///
/// With no timed session the calendar has no `VEVENT`, which RFC 5545 does not allow: offer no
/// file then (check `sessions.iter().any(|s| s.time.is_some())`).
pub fn sessions_calendar(event: &Event, sessions: &[&Session], site: &SiteAddress, stamp: Timestamp) -> String {
    let mut lines = Lines::begin_calendar(&event.summary.name);
    let slug = &event.summary.slug;
    let place = location(&event.summary.place);
    for session in sessions {
        let Some(time) = session.time else { continue };
        lines.raw("BEGIN", "VEVENT");
        lines.text("UID", &session_uid(slug, &session.id));
        lines.raw("DTSTAMP", &utc_datetime(stamp));
        lines.raw("DTSTART", &utc_datetime(time.start));
        lines.raw("DTEND", &utc_datetime(time.end));
        lines.text("SUMMARY", &session.title);
        lines.text("DESCRIPTION", &session_description(event, session, site));
        lines.raw("URL", &session_url(site, event, session));
        lines.text("LOCATION", &place);
        if !session.kind.is_empty() {
            lines.text("CATEGORIES", &session.kind);
        }
        lines.raw("STATUS", "CONFIRMED");
        lines.raw("TRANSP", "OPAQUE");
        lines.raw("END", "VEVENT");
    }
    lines.end_calendar()
}

/// A calendar with the event itself as one `VEVENT`, from its first moment to the end of its
/// last day (both in UTC, so calendars show the event's days in the reader's zone).
pub fn event_calendar(event: &EventSummary, site: &SiteAddress, stamp: Timestamp) -> String {
    let mut lines = Lines::begin_calendar(&event.name);
    let url = site.published_href(&Page::Event(event.slug.clone()));
    let mut description = vec![event.summary.clone()];
    if let Some(larger) = &event.co_located_with {
        description.push(format!("Part of {larger}."));
    }
    description.push(format!("Event page: {url}"));
    lines.raw("BEGIN", "VEVENT");
    lines.text("UID", &event_uid(&event.slug));
    lines.raw("DTSTAMP", &utc_datetime(stamp));
    lines.raw("DTSTART", &utc_datetime(event.start));
    lines.raw("DTEND", &utc_datetime(event.end));
    lines.text("SUMMARY", &event.name);
    lines.text("DESCRIPTION", &description.join("\n"));
    lines.raw("URL", &url);
    lines.text("LOCATION", &location(&event.place));
    if !event.kind.is_empty() {
        lines.text("CATEGORIES", &event.kind);
    }
    lines.raw("STATUS", "CONFIRMED");
    lines.raw("TRANSP", "TRANSPARENT");
    lines.raw("END", "VEVENT");
    lines.end_calendar()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{self, slug, speaker, timed, track};

    fn site() -> SiteAddress {
        SiteAddress::default()
    }

    fn summary() -> EventSummary {
        let mut summary = fixtures::summary("istiocon-2022", "IstioCon 2022");
        summary.summary = "The second IstioCon, in English and Chinese.".into();
        summary
    }

    fn session(id: &str, title: &str, time: Option<(i64, i64)>) -> Session {
        let mut s = fixtures::session(id, title);
        s.speakers = vec![speaker("Lin Sun", Some("lin-sun")), speaker("Josh van Leeuwen", None)];
        s.time = time.map(|(start, end)| timed(start, (end - start) / 60));
        s.day = Some(0);
        s.track = Some(slug("tools-features-functionality"));
        s.language = Some("English".into());
        s.video = Some("https://youtu.be/k-3bKbVqvhg".into());
        s.abstract_html = "<p>Abstract</p>".into();
        s
    }

    fn event(sessions: Vec<Session>) -> Event {
        let mut event = fixtures::event(summary(), sessions);
        event.tracks = vec![track("tools-features-functionality", "Tools, features & functionality")];
        event
    }

    /// The calendar's content lines, unfolded (RFC 5545 section 3.1).
    fn unfolded(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "").split("\r\n").filter(|l| !l.is_empty()).map(str::to_owned).collect()
    }

    fn value<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
        lines.iter().filter_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':'))).collect()
    }

    #[test]
    fn text_escaping_covers_backslash_semicolon_comma_and_newlines() {
        assert_eq!(escape_text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape_text("one\ntwo\r\nthree\rfour"), r"one\ntwo\nthree\nfour");
        // Colons and quotes need no escape in TEXT; control characters are dropped, tabs kept.
        assert_eq!(escape_text("Istio: \"mesh\"\u{7}\tok"), "Istio: \"mesh\"\tok");
        assert_eq!(escape_text("Zhihu‘s istio Journey"), "Zhihu‘s istio Journey");
    }

    #[test]
    fn short_lines_are_not_folded_and_end_with_crlf() {
        assert_eq!(fold("SUMMARY:Hello"), "SUMMARY:Hello\r\n");
        let exactly = format!("SUMMARY:{}", "x".repeat(75 - 8));
        assert_eq!(fold(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_with_a_leading_space() {
        let line = format!("DESCRIPTION:{}", "abcdefghij".repeat(20));
        let folded = fold(&line);
        let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(physical[0].len(), 75);
        assert!(physical[1..].iter().all(|l| l.starts_with(' ') && l.len() <= 75));
        assert_eq!(physical[1].len(), 75);
        assert_eq!(folded.replace("\r\n ", "").trim_end_matches("\r\n"), line);
    }

    #[test]
    fn folding_never_cuts_a_multi_byte_character() {
        // 74 ASCII octets, then 3-octet characters: the first one would end at octet 77, so it
        // starts the next line instead.
        let line = format!("{}{}", "S".repeat(74), "基于istio构建超大规模集群".repeat(6));
        let folded = fold(&line);
        let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(physical[0], "S".repeat(74));
        assert!(physical.len() > 2);
        for l in &physical {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // Every physical line is valid UTF-8 on its own (split on a character boundary) ...
        for l in folded.split("\r\n") {
            assert!(std::str::from_utf8(l.as_bytes()).is_ok());
        }
        // ... and a line of 4-octet characters folds just before the one that would overflow.
        let emoji = format!("X:{}", "🚀".repeat(40));
        let first = fold(&emoji).split("\r\n").next().unwrap().to_owned();
        assert_eq!(first.len(), 2 + 4 * 18); // 74: one more would be 78
        assert_eq!(fold(&line).replace("\r\n ", "").trim_end_matches("\r\n"), line);
    }

    #[test]
    fn utc_datetimes_are_basic_format_with_z() {
        assert_eq!(utc_datetime(Timestamp(1_650_904_800)), "20220425T164000Z");
        assert_eq!(utc_datetime(Timestamp(1_614_042_000)), "20210223T010000Z");
        assert_eq!(utc_datetime(Timestamp(951_868_799)), "20000229T235959Z");
        assert_eq!(utc_datetime(Timestamp(0)), "19700101T000000Z");
    }

    #[test]
    fn a_session_calendar_has_the_required_properties() {
        let a3 = session("a3", "External CA integration with Istio explained", Some((1_650_904_800, 1_650_906_900)));
        let e = event(vec![a3.clone()]);
        let ics = sessions_calendar(&e, &[&a3], &site(), Timestamp(1_700_000_000));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF in the output");
        let lines = unfolded(&ics);
        assert_eq!(value(&lines, "CALSCALE"), ["GREGORIAN"]);
        assert_eq!(value(&lines, "METHOD"), ["PUBLISH"]);
        assert_eq!(value(&lines, "X-WR-CALNAME"), ["IstioCon 2022"]);
        assert_eq!(value(&lines, "UID"), ["a3.istiocon-2022@events.istio.io"]);
        assert_eq!(value(&lines, "DTSTAMP"), ["20231114T221320Z"]);
        assert_eq!(value(&lines, "DTSTART"), ["20220425T164000Z"]);
        assert_eq!(value(&lines, "DTEND"), ["20220425T171500Z"]);
        assert_eq!(value(&lines, "SUMMARY"), ["External CA integration with Istio explained"]);
        assert_eq!(value(&lines, "URL"), ["https://events.istio.io/istiocon-2022/sessions/a3/"]);
        assert_eq!(value(&lines, "LOCATION"), ["Online"]);
        assert_eq!(value(&lines, "CATEGORIES"), ["Presentation"]);
        assert_eq!(
            value(&lines, "DESCRIPTION"),
            [concat!(
                r"Event: IstioCon 2022\nSpeakers: Lin Sun\, Josh van Leeuwen\nType: Presentation\n",
                r"Track: Tools\, features & functionality\nLanguage: English\n",
                r"Session page: https://events.istio.io/istiocon-2022/sessions/a3/\n",
                r"Recording: https://youtu.be/k-3bKbVqvhg"
            )]
        );
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
    }

    #[test]
    fn untimed_sessions_are_skipped() {
        let timed = session("a3", "Timed", Some((1_650_904_800, 1_650_906_900)));
        let untimed = session("nad1", "Welcome", None);
        let e = event(vec![timed.clone(), untimed.clone()]);
        let ics = sessions_calendar(&e, &[&untimed, &timed, &untimed], &site(), Timestamp(0));
        let lines = unfolded(&ics);
        assert_eq!(value(&lines, "BEGIN"), ["VCALENDAR", "VEVENT"]);
        assert_eq!(value(&lines, "UID"), ["a3.istiocon-2022@events.istio.io"]);
        let none = sessions_calendar(&e, &[&untimed], &site(), Timestamp(0));
        assert!(!none.contains("VEVENT"));
    }

    #[test]
    fn uids_depend_on_neither_the_stamp_nor_the_order_nor_the_site() {
        let a = session("a1a", "State of Istio", Some((1_650_898_800, 1_650_900_300)));
        let b = session("b2", "Zhihu‘s istio Journey", Some((1_650_938_400, 1_650_940_500)));
        let e = event(vec![a.clone(), b.clone()]);
        let uids = |ics: String| -> Vec<String> {
            let mut v: Vec<String> = value(&unfolded(&ics), "UID").into_iter().map(str::to_owned).collect();
            v.sort();
            v
        };
        let one = uids(sessions_calendar(&e, &[&a, &b], &site(), Timestamp(1)));
        let two = uids(sessions_calendar(&e, &[&b, &a], &SiteAddress::parse("https://staging.example.org/").unwrap(), Timestamp(2_000_000_000)));
        assert_eq!(one, two);
        assert_eq!(one, ["a1a.istiocon-2022@events.istio.io", "b2.istiocon-2022@events.istio.io"]);
        // The same session in another event is another entry.
        assert_ne!(session_uid("istiocon-2021", "a1a"), session_uid("istiocon-2022", "a1a"));
    }

    #[test]
    fn special_characters_in_titles_are_escaped_and_folded() {
        let tricky = session(
            "e5",
            "基于istio构建超大规模kubernetes集群的稳定性底盘; a very long title, with commas\\backslashes and more words",
            Some((1_651_118_400, 1_651_120_500)),
        );
        let e = event(vec![tricky.clone()]);
        let ics = sessions_calendar(&e, &[&tricky], &site(), Timestamp(0));
        let lines = unfolded(&ics);
        assert_eq!(
            value(&lines, "SUMMARY"),
            [r"基于istio构建超大规模kubernetes集群的稳定性底盘\; a very long title\, with commas\\backslashes and more words"]
        );
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75);
        }
    }

    #[test]
    fn the_event_calendar_spans_the_event() {
        let mut s = summary();
        s.place = Place::InPerson { city: "Atlanta, Georgia, USA".into(), venue: None };
        s.co_located_with = Some("KubeCon + CloudNativeCon North America 2025".into());
        let ics = event_calendar(&s, &site(), Timestamp(0));
        let lines = unfolded(&ics);
        assert_eq!(value(&lines, "UID"), ["istiocon-2022@events.istio.io"]);
        assert_eq!(value(&lines, "DTSTART"), ["20220425T000000Z"]);
        assert_eq!(value(&lines, "DTEND"), ["20220430T000000Z"]);
        assert_eq!(value(&lines, "SUMMARY"), ["IstioCon 2022"]);
        assert_eq!(value(&lines, "URL"), ["https://events.istio.io/istiocon-2022/"]);
        assert_eq!(value(&lines, "LOCATION"), [r"Atlanta\, Georgia\, USA"]);
        assert_eq!(value(&lines, "CATEGORIES"), ["virtual conference"]);
        assert!(value(&lines, "DESCRIPTION")[0].contains(r"Part of KubeCon + CloudNativeCon North America 2025.\nEvent page: "));
        assert_eq!(value(&lines, "BEGIN"), ["VCALENDAR", "VEVENT"]);
    }
}
