//! Finding sessions in a programme and keeping a personal agenda: the rules behind the
//! programme page's filters, search, "now and next" marks and "My agenda", kept free of the UI
//! so they are tested natively and benchmarked on generated programmes.


use crate::{Event, Session, Timestamp};

/// The query keys the programme page's URL uses, so a filtered view can be shared.
pub mod keys {
    /// The event day, counted from 1.
    pub const DAY: &str = "day";
    /// A track's slug, or [`super::NO_TRACK`].
    pub const TRACK: &str = "track";
    /// A session type, as written (`Lightning talk`).
    pub const TYPE: &str = "type";
    /// A language, as written (`Chinese`).
    pub const LANGUAGE: &str = "lang";
    /// Free text.
    pub const TEXT: &str = "q";
}

/// The track filter's value for sessions outside every track.
pub const NO_TRACK: &str = "none";

/// What the visitor is looking for. Empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// The day of the event (0 = first day, event zone).
    pub day: Option<usize>,
    /// A track's slug, or [`NO_TRACK`].
    pub track: Option<String>,
    /// A session type.
    pub kind: Option<String>,
    /// A language.
    pub language: Option<String>,
    /// Words that must all appear in the title, a speaker's name or a speaker's designation
    /// (case and accents ignored).
    pub text: String,
}

impl Filters {
    /// Reads the filters from a URL query, given a lookup of decoded values. Unknown or empty
    /// values are ignored; a day that is not a number from 1 is ignored.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let value = |key| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        Filters {
            day: value(keys::DAY).and_then(|d| d.parse::<usize>().ok()).and_then(|d| d.checked_sub(1)),
            track: value(keys::TRACK),
            kind: value(keys::TYPE),
            language: value(keys::LANGUAGE),
            text: get(keys::TEXT).unwrap_or_default(),
        }
    }

    /// The filters as `(key, value)` pairs for a URL query, in a fixed order; empty filters are
    /// left out.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(day) = self.day {
            pairs.push((keys::DAY, (day + 1).to_string()));
        }
        if let Some(track) = &self.track {
            pairs.push((keys::TRACK, track.clone()));
        }
        if let Some(kind) = &self.kind {
            pairs.push((keys::TYPE, kind.clone()));
        }
        if let Some(language) = &self.language {
            pairs.push((keys::LANGUAGE, language.clone()));
        }
        if !self.text.trim().is_empty() {
            pairs.push((keys::TEXT, self.text.clone()));
        }
        pairs
    }

    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.day.is_none()
            && self.track.is_none()
            && self.kind.is_none()
            && self.language.is_none()
            && self.text.trim().is_empty()
    }
}

/// How text is put in lower case for search: Rust's own Unicode mapping natively
/// (`str::to_lowercase`), the browser's `String.prototype.toLowerCase` in the Wasm, which maps
/// the same way and spares the Wasm Rust's case tables (12 KB).
pub type Lowercase = fn(&str) -> String;

/// How text is taken apart into base letters and combining marks (Unicode's compatibility
/// decomposition, NFKD): [`nfkd`] natively (the `unicode-normalization` crate), the browser's
/// `String.prototype.normalize("NFKD")` in the Wasm, which spares the Wasm the tables.
pub type Decompose = fn(&str) -> String;

/// The two platform steps of [`fold`]; the rest of the fold is the same code everywhere.
#[derive(Clone, Copy, Debug)]
pub struct Fold {
    /// Lower case.
    pub lower: Lowercase,
    /// NFKD.
    pub decompose: Decompose,
}

/// The fold natively: Rust's lower case and the `unicode-normalization` crate's NFKD.
#[cfg(not(target_arch = "wasm32"))]
pub const NATIVE: Fold = Fold { lower: str::to_lowercase, decompose: nfkd };

/// `text` in Unicode's compatibility decomposition (NFKD), natively.
#[cfg(not(target_arch = "wasm32"))]
pub fn nfkd(text: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfkd(text).collect()
}

/// Text for search: decomposed (NFKD, so `ễ` is `e` and two marks, `ﬁ` is `fi`, a full-width
/// `Ｉ` is `I`), in lower case, without the combining marks of Latin, Greek and Cyrillic
/// letters, and with the Latin letters that have no decomposition (`ø`, `ł`, `đ`, `ß`, `æ` ...)
/// written as their base letters. So `nunez` finds `Núñez`, `nguyen` finds `Nguyễn`, `stefan`
/// finds `Ștefan` (and `S` with a combining comma typed apart), and `ISTIO` finds `Istio`.
/// Marks of other scripts (Devanagari vowel signs, Arabic vowels) are kept: they are letters
/// there.
pub fn fold(text: &str, with: Fold) -> String {
    let lower = (with.lower)(&(with.decompose)(text));
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        if is_latin_mark(c) {
            continue;
        }
        match base_letter(c) {
            Some(base) => out.push_str(base),
            None => out.push(c),
        }
    }
    out
}

/// Combining marks used on Latin, Greek and Cyrillic letters: Combining Diacritical Marks and
/// its Extended and Supplement blocks, the marks for symbols, and the half marks.
fn is_latin_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// The base letters of lower-case Latin letters that have no decomposition (a stroke, a bar,
/// a hook or a ligature is part of the letter), or `None`.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' | 'ǣ' | 'ǽ' => "ae",
        'œ' => "oe",
        'ø' | 'ǿ' | 'ɵ' => "o",
        'ð' | 'đ' | 'ɗ' | 'ɖ' | 'ƌ' => "d",
        'þ' => "th",
        'ħ' => "h",
        'ı' | 'ɨ' => "i",
        'ĸ' | 'ƙ' => "k",
        'ł' | 'ƚ' | 'ŀ' => "l",
        'ŋ' | 'ɲ' | 'ƞ' => "n",
        'ŧ' | 'ƭ' | 'ʈ' => "t",
        'ƀ' | 'ɓ' => "b",
        'ƈ' => "c",
        'ƒ' => "f",
        'ɠ' | 'ǥ' => "g",
        'ƥ' => "p",
        'ʠ' => "q",
        'ɍ' => "r",
        'ʂ' | 'ȿ' => "s",
        'ʉ' => "u",
        'ʋ' => "v",
        'ƴ' => "y",
        'ƶ' | 'ȥ' | 'ɀ' => "z",
        _ => return None,
    })
}

/// Strings the programme's search must fold alike natively and in the browser, with what they
/// fold to: every Latin script's accents (Vietnamese, Romanian with comma and cedilla, Polish,
/// Nordic, Turkish, Hungarian), text typed decomposed, compatibility forms, and scripts whose
/// marks are kept. The native test and the in-browser test (tests/web.rs) both read it.
pub const FOLD_CASES: &[(&str, &str)] = &[
    ("Núñez-Cacho", "nunez-cacho"),
    ("ÉCOLE Straße Łódź Øre", "ecole strasse lodz ore"),
    ("Nguyễn Thị Minh Khai, Đà Nẵng", "nguyen thi minh khai, da nang"),
    ("Ưu tiên Ở Phở", "uu tien o pho"),
    ("Ștefan Țurcan, Şerban Ţepeş", "stefan turcan, serban tepes"),
    // The same, typed decomposed: S + COMBINING COMMA BELOW, e + COMBINING CIRCUMFLEX + TILDE.
    ("S\u{326}tefan Nguye\u{302}\u{303}n", "stefan nguyen"),
    ("Gergő Huszty, Ångström, Ærøskøbing", "gergo huszty, angstrom, aeroskobing"),
    ("İstanbul ISTANBUL ıspanak", "istanbul istanbul ispanak"),
    ("ﬁle Ｉｓｔｉｏ ½", "file istio 1⁄2"),
    ("ΟΔΥΣΣΕΥΣ Ὀδυσσεύς", "οδυσσευς οδυσσευς"),
    ("ИСТИО Йошкар-Ола", "истио иошкар-ола"),
    ("服务网格 ISTIO", "服务网格 istio"),
    ("हिन्दी", "हिन्दी"),
];

/// The folded text each session is searched in: folded when the first search words come (a
/// programme shown without a search never pays for it), then kept for the event.
#[derive(Debug)]
pub struct SearchIndex {
    texts: std::sync::OnceLock<Vec<String>>,
    fold: Fold,
}

impl SearchIndex {
    /// An index that folds every session's title, speakers' names and speakers' designations
    /// with `with` (see [`fold`]) when first searched; the search words are folded the same way.
    pub fn new(with: Fold) -> Self {
        SearchIndex { texts: std::sync::OnceLock::new(), fold: with }
    }

    /// Each session's folded text (built on the first call).
    fn texts(&self, event: &Event) -> &[String] {
        self.texts.get_or_init(|| {
            event
                .sessions
                .iter()
                .map(|session| {
                    let mut text = session.title.clone();
                    for speaker in &session.speakers {
                        text.push('\n');
                        text.push_str(&speaker.name);
                        let designation = speaker
                            .slug
                            .as_deref()
                            .and_then(|slug| event.speakers.iter().find(|s| s.slug == slug))
                            .map(|s| s.designation.as_str());
                        if let Some(designation) = designation {
                            text.push('\n');
                            text.push_str(designation);
                        }
                    }
                    fold(&text, self.fold)
                })
                .collect()
        })
    }

    /// Whether the index has been built (by a search with words).
    pub fn is_built(&self) -> bool {
        self.texts.get().is_some()
    }

    /// For each of the event's sessions, in order, whether it passes the filters. The index
    /// is built only when the filters have search words.
    pub fn matches(&self, event: &Event, filters: &Filters) -> Vec<bool> {
        let words: Vec<String> = fold(&filters.text, self.fold).split_whitespace().map(str::to_owned).collect();
        if words.is_empty() {
            return event.sessions.iter().map(|session| passes(session, filters)).collect();
        }
        event
            .sessions
            .iter()
            .zip(self.texts(event))
            .map(|(session, text)| passes(session, filters) && words.iter().all(|w| text.contains(w.as_str())))
            .collect()
    }
}

/// Whether a session passes every filter but the free text.
fn passes(session: &Session, filters: &Filters) -> bool {
    let eq_fold = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    filters.day.is_none_or(|d| session.day == Some(d))
        && filters.track.as_deref().is_none_or(|t| match t {
            NO_TRACK => session.track.is_none(),
            slug => session.track.as_deref() == Some(slug),
        })
        && filters.kind.as_deref().is_none_or(|k| eq_fold(k, &session.kind))
        && filters.language.as_deref().is_none_or(|l| session.language.as_deref().is_some_and(|s| eq_fold(l, s)))
}

/// The values a filter can take in this event, in the order the programme meets them (types
/// and languages) or the event declares them (tracks). Each list is empty when choosing would
/// not narrow anything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilterChoices {
    /// Day numbers (0-based) that have sessions.
    pub days: Vec<usize>,
    /// Track slugs and names; [`NO_TRACK`] last when some sessions have no track.
    pub tracks: Vec<(String, String)>,
    /// Session types.
    pub kinds: Vec<String>,
    /// Languages.
    pub languages: Vec<String>,
}

impl FilterChoices {
    /// The choices of `event`.
    pub fn of(event: &Event) -> Self {
        fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for v in values {
                if !out.iter().any(|o| o.eq_ignore_ascii_case(v)) {
                    out.push(v.to_owned());
                }
            }
            out
        }
        // Distinct and in order, without a set: its sort and tree cost the Wasm ~4 KB.
        let mut days: Vec<usize> = Vec::new();
        for day in event.sessions.iter().filter_map(|s| s.day) {
            if let Err(at) = days.binary_search(&day) {
                days.insert(at, day);
            }
        }
        let mut tracks: Vec<(String, String)> = event
            .tracks
            .iter()
            .filter(|t| event.sessions.iter().any(|s| s.track.as_deref() == Some(&t.slug)))
            .map(|t| (t.slug.to_string(), t.name.clone()))
            .collect();
        if !tracks.is_empty() && event.sessions.iter().any(|s| s.track.is_none()) {
            tracks.push((NO_TRACK.to_owned(), "Outside the tracks".to_owned()));
        }
        let kinds = distinct(event.sessions.iter().map(|s| s.kind.as_str()));
        let languages = distinct(event.sessions.iter().filter_map(|s| s.language.as_deref()));
        let useful = |v: Vec<String>| if v.len() > 1 { v } else { Vec::new() };
        FilterChoices {
            days: if days.len() > 1 { days } else { Vec::new() },
            tracks: if tracks.len() > 1 { tracks } else { Vec::new() },
            kinds: useful(kinds),
            languages: useful(languages),
        }
    }
}

/// Which sessions run at `now` and which start next (all those sharing the next start time).
pub fn now_and_next(event: &Event, now: Timestamp) -> (Vec<&str>, Vec<&str>) {
    let timed = || event.sessions.iter().filter_map(|s| s.time.map(|t| (s, t)));
    let running = timed().filter(|(_, t)| t.start <= now && now < t.end).map(|(s, _)| s.id.as_str()).collect();
    let next_start = timed().map(|(_, t)| t.start).filter(|start| *start > now).min();
    let next = match next_start {
        Some(start) => timed().filter(|(_, t)| t.start == start).map(|(s, _)| s.id.as_str()).collect(),
        None => Vec::new(),
    };
    (running, next)
}

/// The event's session ids in programme order (the order of its sessions).
pub fn programme_order(event: &Event) -> Vec<&str> {
    event.sessions.iter().map(|s| s.id.as_str()).collect()
}

/// A personal agenda: the ids of starred sessions of one event, kept in programme order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Agenda {
    ids: Vec<String>,
}

impl Agenda {
    /// Reads an agenda written by [`Agenda::encode`] (in browser storage or a shared link):
    /// ids separated by commas. Ids the event does not have are dropped, repeats are kept once,
    /// and the result is in programme order, so any hand-edited link still opens.
    pub fn decode(event: &Event, text: &str) -> Self {
        Agenda::decode_in(&programme_order(event), text)
    }

    /// [`Agenda::decode`] for an event known by its session ids, in programme order.
    pub fn decode_in(order: &[&str], text: &str) -> Self {
        // A list, not a set: agendas are short, and a set's sort and tree cost the Wasm ~5 KB.
        let wanted: Vec<&str> = text.split(',').map(str::trim).filter(|id| !id.is_empty()).collect();
        Agenda { ids: order.iter().filter(|id| wanted.contains(id)).map(|id| (*id).to_owned()).collect() }
    }

    /// The agenda as ids separated by commas, in programme order: short enough for a link.
    pub fn encode(&self) -> String {
        self.ids.join(",")
    }

    /// The starred ids, in programme order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Whether the session is starred.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id)
    }

    /// Whether nothing is starred.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// How many sessions are starred.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Stars the session if it is not starred, or unstars it; returns whether it is starred now.
    pub fn toggle(&mut self, event: &Event, id: &str) -> bool {
        self.toggle_in(&programme_order(event), id)
    }

    /// [`Agenda::toggle`] for an event known by its session ids, in programme order.
    pub fn toggle_in(&mut self, order: &[&str], id: &str) -> bool {
        let starred = !self.contains(id);
        let mut text = self.encode();
        if starred {
            text.push(',');
            text.push_str(id);
            *self = Agenda::decode_in(order, &text);
        } else {
            self.ids.retain(|i| i != id);
        }
        starred && self.contains(id)
    }

    /// This agenda with every session of `other` added.
    pub fn merged(&self, event: &Event, other: &Agenda) -> Agenda {
        self.merged_in(&programme_order(event), other)
    }

    /// [`Agenda::merged`] for an event known by its session ids, in programme order.
    pub fn merged_in(&self, order: &[&str], other: &Agenda) -> Agenda {
        Agenda::decode_in(order, &format!("{},{}", self.encode(), other.encode()))
    }

    /// The starred sessions, in programme order.
    pub fn sessions<'a>(&self, event: &'a Event) -> Vec<&'a Session> {
        event.sessions.iter().filter(|s| self.contains(&s.id)).collect()
    }

    /// The ids of the starred sessions that overlap in time with another starred session, in
    /// programme order.
    pub fn clashes(&self, event: &Event) -> Vec<String> {
        let timed: Vec<(&Session, crate::TimeRange)> =
            self.sessions(event).into_iter().filter_map(|s| s.time.map(|t| (s, t))).collect();
        timed
            .iter()
            .enumerate()
            .filter(|(i, (_, t))| timed.iter().enumerate().any(|(j, (_, u))| j != *i && t.overlaps(u)))
            .map(|(_, (s, _))| s.id.to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{self, slug, speaker, speaker_summary, timed, track, DAY, MON};

    fn session(id: &str, title: &str, day: usize, start_h: i64, minutes: i64) -> Session {
        let mut s = fixtures::session(id, title);
        s.time = Some(timed(MON + day as i64 * DAY + start_h * 3600, minutes));
        s.day = Some(day);
        s.language = Some("English".into());
        s
    }

    fn event() -> Event {
        let mut a = session("a1", "Welcome to IstioCon", 0, 15, 30);
        a.kind = "Keynote".into();
        let mut b = session("a2", "Ambient mesh in production", 0, 15, 40);
        b.speakers = vec![speaker("Santiago Núñez-Cacho", Some("santiago"))];
        b.track = Some(slug("use-case"));
        let mut c = session("b1", "服务网格 in China", 1, 1, 40);
        c.language = Some("chinese".into());
        c.track = Some(slug("getting-started"));
        c.kind = "Lightning talk".into();
        let mut d = session("x", "Closing", 0, 16, 10);
        d.time = None;
        d.day = None;
        let mut event = fixtures::event(fixtures::summary("istiocon-2022", "IstioCon 2022"), vec![a, b, c, d]);
        event.tracks = ["getting-started", "use-case", "unused"].iter().map(|t| track(t, &t.to_uppercase())).collect();
        event.speakers = vec![speaker_summary("santiago", "Santiago Núñez-Cacho", "Engineer, Société Générale")];
        event
    }

    #[test]
    fn days_group_sessions_in_order_with_untimed_ones_last() {
        let mut e = event();
        // Out of order on purpose: day 1, untimed, day 0, day 0.
        e.sessions.rotate_left(2);
        let ids: Vec<&str> = e.sessions.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["b1", "x", "a1", "a2"]);
        assert_eq!(e.session_indices_by_day(), [(Some(0), vec![2, 3]), (Some(1), vec![0]), (None, vec![1])]);
        let by_day: Vec<(Option<usize>, Vec<&str>)> =
            e.sessions_by_day().into_iter().map(|(d, s)| (d, s.iter().map(|s| s.id.as_str()).collect())).collect();
        assert_eq!(by_day, [(Some(0), vec!["a1", "a2"]), (Some(1), vec!["b1"]), (None, vec!["x"])]);
        assert_eq!(FilterChoices::of(&e).days, [0, 1]);
    }

    fn ids(event: &Event, filters: &Filters) -> Vec<String> {
        let index = SearchIndex::new(NATIVE);
        index
            .matches(event, filters)
            .into_iter()
            .zip(&event.sessions)
            .filter(|(m, _)| *m)
            .map(|(_, s)| s.id.to_string())
            .collect()
    }

    #[test]
    fn the_index_is_folded_only_when_words_are_searched() {
        let e = event();
        let index = SearchIndex::new(NATIVE);
        let by_day = Filters { day: Some(0), ..Filters::default() };
        assert_eq!(index.matches(&e, &by_day).iter().filter(|m| **m).count(), 2);
        assert!(!index.is_built(), "a day filter needs no folded text");
        assert_eq!(index.matches(&e, &text("   ")), [true; 4], "blank words are no search");
        assert!(!index.is_built());
        index.matches(&e, &text("zzz"));
        assert!(index.is_built());
    }

    fn text(t: &str) -> Filters {
        Filters { text: t.into(), ..Filters::default() }
    }

    #[test]
    fn folding_ignores_case_and_accents_in_every_latin_script() {
        for (text, folded) in FOLD_CASES {
            assert_eq!(fold(text, NATIVE), *folded, "{text}");
        }
        // Composed and decomposed input fold alike.
        let composed = "Ștefan Nguyễn";
        let decomposed: String = unicode_normalization::UnicodeNormalization::nfd(composed).collect();
        assert_ne!(composed, decomposed);
        assert_eq!(fold(composed, NATIVE), fold(&decomposed, NATIVE));
    }

    #[test]
    fn text_search_covers_titles_speakers_and_designations_every_word() {
        let e = event();
        assert_eq!(ids(&e, &text("nunez")), ["a2"]);
        assert_eq!(ids(&e, &text("SOCIETE generale")), ["a2"]);
        assert_eq!(ids(&e, &text("  mesh   ambient ")), ["a2"]);
        assert_eq!(ids(&e, &text("mesh welcome")), Vec::<String>::new());
        assert_eq!(ids(&e, &text("服务")), ["b1"]);
        assert_eq!(ids(&e, &text("")), ["a1", "a2", "b1", "x"]);
    }

    #[test]
    fn filters_combine() {
        let e = event();
        let day0 = Filters { day: Some(0), ..Filters::default() };
        assert_eq!(ids(&e, &day0), ["a1", "a2"]);
        let chinese = Filters { language: Some("Chinese".into()), ..Filters::default() };
        assert_eq!(ids(&e, &chinese), ["b1"]);
        let no_track = Filters { track: Some(NO_TRACK.into()), ..Filters::default() };
        assert_eq!(ids(&e, &no_track), ["a1", "x"]);
        let keynote_day0 = Filters { day: Some(0), kind: Some("keynote".into()), ..Filters::default() };
        assert_eq!(ids(&e, &keynote_day0), ["a1"]);
        let track_and_text = Filters { track: Some("use-case".into()), text: "welcome".into(), ..Filters::default() };
        assert_eq!(ids(&e, &track_and_text), Vec::<String>::new());
    }

    #[test]
    fn filters_round_trip_through_the_url_query() {
        let f = Filters {
            day: Some(1),
            track: Some("use-case".into()),
            kind: Some("Lightning talk".into()),
            language: Some("Chinese".into()),
            text: "mesh".into(),
        };
        let pairs = f.to_query_pairs();
        assert_eq!(pairs[0], ("day", "2".to_owned()));
        let back = Filters::from_query(|k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.clone()));
        assert_eq!(back, f);
        assert!(Filters::default().to_query_pairs().is_empty());
        // Day 0, words and blanks in a hand-edited link are ignored.
        let odd = Filters::from_query(|k| match k {
            "day" => Some("0".into()),
            "track" => Some(" ".into()),
            _ => None,
        });
        assert!(odd.is_empty());
        assert_eq!(Filters::from_query(|k| (k == "day").then(|| "x".into())).day, None);
    }

    #[test]
    fn choices_list_only_what_narrows() {
        let c = FilterChoices::of(&event());
        assert_eq!(c.days, [0, 1]);
        let tracks: Vec<&str> = c.tracks.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(tracks, ["getting-started", "use-case", NO_TRACK]);
        assert_eq!(c.kinds, ["Keynote", "Presentation", "Lightning talk"]);
        assert_eq!(c.languages, ["English", "chinese"]);
    }

    #[test]
    fn now_and_next_follow_the_clock() {
        let e = event();
        let start = e.sessions[0].time.unwrap().start;
        assert_eq!(now_and_next(&e, Timestamp(start.0 - 1)), (vec![], vec!["a1", "a2"]));
        assert_eq!(now_and_next(&e, Timestamp(start.0 + 35 * 60)), (vec!["a2"], vec!["b1"]));
        assert_eq!(now_and_next(&e, e.summary.end), (vec![], vec![]));
    }

    #[test]
    fn agenda_encoding_is_short_ordered_and_forgiving() {
        let e = event();
        let a = Agenda::decode(&e, "b1, a1,nope,,a1");
        assert_eq!(a.ids(), ["a1", "b1"]);
        assert_eq!(a.encode(), "a1,b1");
        assert_eq!(Agenda::decode(&e, &a.encode()), a);
        assert!(Agenda::decode(&e, "").is_empty());
        let mut b = Agenda::default();
        assert!(b.toggle(&e, "a2"));
        assert!(b.toggle(&e, "a1"));
        assert_eq!(b.encode(), "a1,a2");
        assert!(!b.toggle(&e, "a1"));
        assert_eq!(b.encode(), "a2");
        assert!(!b.toggle(&e, "unknown"));
        assert_eq!(b.merged(&e, &a).encode(), "a1,a2,b1");
    }

    #[test]
    fn clashes_are_overlapping_starred_sessions() {
        let e = event();
        let a = Agenda::decode(&e, "a1,a2,b1,x");
        assert_eq!(a.clashes(&e).into_iter().collect::<Vec<_>>(), ["a1", "a2"]);
        assert!(Agenda::decode(&e, "a1,b1").clashes(&e).is_empty());
    }
}
