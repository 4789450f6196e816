//! A programme day as a schedule grid (issue 22): time down the side, a column per track or
//! room, each session's box spanning its minutes. The rules are here, free of the UI and of
//! any zone database; the page turns them into classes that `style/main.css` maps onto CSS
//! grid lines (the Content-Security-Policy allows no `style` attributes), so the grid is laid
//! out by the browser, prerendered, and read without JavaScript.
//!
//! Rows are minutes. A day is cut into *stretches* where sessions run; an empty time longer
//! than [`LONG_GAP`] minutes between them (IstioCon 2022's days ran in the Americas' afternoon
//! and again in Asia's morning) is drawn as a gap of [`GAP_ROWS`] rows instead of hours of
//! nothing. Each stretch starts and ends on a half hour of the zone the times are shown in, so
//! the ruler's lines fall on `:00` and `:30` there: choosing a zone half an hour off (India's)
//! moves every box against the ruler.
//!
//! Columns: the event's tracks in their order, or its rooms in the order the programme first
//! names them when any session names a room; only those used that day. A session outside
//! every column (a keynote or a break for everyone) spans them all, unless it overlaps a
//! session in a column, in which case those sessions get an "All tracks" column of their own,
//! first. Sessions that overlap in one column sit side by side: the column is cut into as many
//! lanes as it needs at most, and every column into the same number of narrower sub-columns
//! ([`Columns::width`]) so that each column keeps the same width.

use crate::{Event, Timestamp, TimeRange};

/// Minutes between two lines of the ruler.
pub const TICK: i64 = 30;
/// An empty time between sessions longer than this many minutes is drawn as a gap.
pub const LONG_GAP: i64 = 90;
/// How many rows (minutes of height) a gap takes.
pub const GAP_ROWS: u32 = 30;
/// The most sub-columns a day's grid has; more lanes than fit share them.
pub const MAX_COLUMNS: u32 = 48;
/// The most rows a day's grid has (36 hours of minutes); later rows are cut to it.
pub const MAX_ROWS: u32 = 36 * 60;
/// The longest box, in rows (12 hours).
pub const MAX_SPAN: u32 = 12 * 60;
/// The name of the column of sessions outside every track that overlap a track's session.
pub const ALL_TRACKS: &str = "All tracks";

/// A column's heading over the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// The track's or room's name.
    pub name: String,
    /// Its first sub-column, from 0.
    pub start: u32,
    /// How many sub-columns it spans.
    pub span: u32,
}

/// Where a session's box sits across the grid, in sub-columns from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Across {
    /// The first sub-column.
    pub start: u32,
    /// How many sub-columns it spans.
    pub span: u32,
}

/// A day's columns: its headings and each session's place across them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    /// The headings, left to right.
    pub heads: Vec<Head>,
    /// How many sub-columns the grid has.
    pub width: u32,
    /// Each session's place, in the order of the day's sessions given to [`Columns::of`].
    pub places: Vec<Across>,
}

impl Columns {
    /// The columns of a day of `event`, whose sessions are `day` (indices into its sessions,
    /// each with a time), in the event's order, which is by start (the content's compile step
    /// sorts them so; no sort routine in the Wasm).
    pub fn of(event: &Event, day: &[usize]) -> Columns {
        let by_room = event.sessions.iter().any(|s| s.room.is_some());
        let key = |i: usize| {
            let s = &event.sessions[i];
            if by_room { s.room.clone() } else { s.track.as_ref().map(|t| t.as_str().to_owned()) }
        };
        // The event's order of columns: its tracks, or its rooms as first named.
        let mut order: Vec<String> = Vec::new();
        if by_room {
            for s in &event.sessions {
                if let Some(room) = &s.room {
                    if !order.contains(room) {
                        order.push(room.clone());
                    }
                }
            }
        } else {
            order = event.tracks.iter().map(|t| t.slug.as_str().to_owned()).collect();
        }
        let name = |k: &str| {
            if by_room { k.to_owned() } else { event.track(k).map_or_else(|| k.to_owned(), |t| t.name.clone()) }
        };
        let time = |i: usize| event.sessions[i].time.unwrap_or(TimeRange { start: Timestamp(0), end: Timestamp(0) });
        let keys: Vec<Option<String>> = day.iter().map(|&i| key(i)).collect();
        let outside: Vec<usize> = (0..day.len()).filter(|&p| keys[p].is_none()).collect();
        let inside: Vec<usize> = (0..day.len()).filter(|&p| keys[p].is_some()).collect();
        let crowded = outside.iter().any(|&a| inside.iter().any(|&b| time(day[a]).overlaps(&time(day[b]))));
        // The columns used this day, in the event's order (a key the event does not list last).
        let mut columns: Vec<(Option<String>, Vec<usize>)> = Vec::new();
        if crowded {
            columns.push((None, outside.clone()));
        }
        let mut used: Vec<&String> = keys.iter().flatten().collect();
        used.dedup();
        for k in order.iter().chain(used.iter().copied().filter(|k| !order.contains(k))) {
            let members: Vec<usize> = inside.iter().copied().filter(|&p| keys[p].as_ref() == Some(k)).collect();
            if !members.is_empty() && !columns.iter().any(|(c, _)| c.as_ref() == Some(k)) {
                columns.push((Some(k.clone()), members));
            }
        }
        // Lanes within each column.
        let lanes: Vec<Vec<(usize, u32, u32)>> =
            columns.iter().map(|(_, members)| lanes(&members.iter().map(|&p| (p, time(day[p]))).collect::<Vec<_>>())).collect();
        let most = lanes.iter().flatten().map(|&(_, _, n)| n).max().unwrap_or(1);
        let count = u32::try_from(columns.len()).unwrap_or(u32::MAX).max(1);
        // Sub-columns per column: a multiple of every lane count up to the most, while they fit.
        let mut per = 1;
        for n in 2..=most {
            per = lcm(per, n);
        }
        if per * count > MAX_COLUMNS {
            per = most.min(MAX_COLUMNS / count).max(1);
        }
        let width = (per * count).max(1);
        let mut places = vec![Across { start: 0, span: width }; day.len()];
        let mut heads = Vec::new();
        for (c, ((column, _), lanes)) in (0u32..).zip(columns.iter().zip(&lanes)) {
            heads.push(Head {
                name: column.as_deref().map_or_else(|| ALL_TRACKS.to_owned(), name),
                start: c * per,
                span: per,
            });
            for &(p, lane, of) in lanes {
                let of = of.min(per);
                let lane = lane.min(of - 1);
                let share = per / of;
                let start = lane * share;
                let span = if lane + 1 == of { per - start } else { share };
                places[p] = Across { start: c * per + start, span };
            }
        }
        Columns { heads, width, places }
    }
}

/// Each member's lane and how many lanes its cluster of overlapping sessions needs: `(member,
/// lane, lanes)`, for members in order of start. Greedy (the first lane free), which needs as
/// many lanes as the most sessions running at once.
fn lanes(sorted: &[(usize, TimeRange)]) -> Vec<(usize, u32, u32)> {
    let mut out = Vec::with_capacity(sorted.len());
    let mut cluster_from = 0;
    let mut cluster_end = i64::MIN;
    let mut lane_ends: Vec<i64> = Vec::new();
    for &(p, t) in sorted {
        if t.start.0 >= cluster_end {
            close(&mut out[cluster_from..], lane_ends.len());
            cluster_from = out.len();
            lane_ends.clear();
        }
        let lane = match lane_ends.iter().position(|&end| end <= t.start.0) {
            Some(free) => free,
            None => {
                lane_ends.push(i64::MIN);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = t.end.0.max(t.start.0 + 1);
        cluster_end = cluster_end.max(t.end.0.max(t.start.0 + 1));
        out.push((p, u32::try_from(lane).unwrap_or(0), 0));
    }
    let n = lane_ends.len();
    close(&mut out[cluster_from..], n);
    out
}

/// Gives a closed cluster's members its lane count.
fn close(cluster: &mut [(usize, u32, u32)], lanes: usize) {
    for member in cluster {
        member.2 = u32::try_from(lanes).unwrap_or(1).max(1);
    }
}

fn lcm(a: u32, b: u32) -> u32 {
    let (mut x, mut y) = (a, b);
    while y != 0 {
        (x, y) = (y, x % y);
    }
    a / x * b
}

/// A stretch of the day where sessions run, from a half hour to a half hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stretch {
    /// Its first moment (a `:00` or `:30` of the zone).
    pub start: Timestamp,
    /// How many ruler lines it has ([`TICK`] minutes each).
    pub ticks: u32,
    /// Its first row, from 0 (the gaps before it count [`GAP_ROWS`] each).
    pub row: u32,
}

/// Where a box sits down the grid, in rows (minutes) from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Down {
    /// The first row.
    pub start: u32,
    /// How many rows it spans (at least 1).
    pub span: u32,
}

/// A day's rows in one zone: its stretches and each session's place down them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rows {
    /// The stretches, in time order.
    pub stretches: Vec<Stretch>,
    /// Each session's place, in the order of the times given to [`Rows::of`].
    pub places: Vec<Down>,
}

impl Rows {
    /// The rows of sessions at `times` (in order of start, as an event keeps its sessions), with the ruler on the half hours of a zone whose
    /// offset from UTC, in minutes, at a moment is `offset` (the browser's `Intl` says it, or
    /// the zone database natively).
    pub fn of(times: &[TimeRange], offset: impl Fn(Timestamp) -> i32) -> Rows {
        let spans = times.iter().map(|t| (t.start.0, t.end.0.max(t.start.0 + 60)));
        let tick = TICK * 60;
        let mut stretches: Vec<Stretch> = Vec::new();
        let mut end = i64::MIN;
        let mut row = 0u32;
        for (start, stop) in spans {
            if stretches.is_empty() || start > end + LONG_GAP * 60 {
                if let Some(last) = stretches.last_mut() {
                    last.ticks = ticks(last.start.0, end, tick);
                    row = last.row + last.ticks * TICK as u32 + GAP_ROWS;
                }
                let local = start + i64::from(offset(Timestamp(start))) * 60;
                let first = start - local.rem_euclid(tick);
                stretches.push(Stretch { start: Timestamp(first), ticks: 0, row });
            }
            end = end.max(stop);
        }
        if let Some(last) = stretches.last_mut() {
            last.ticks = ticks(last.start.0, end, tick);
        }
        let rows = Rows { stretches, places: Vec::new() };
        let places = times
            .iter()
            .map(|t| {
                let start = rows.row_at(t.start).unwrap_or(0);
                let span = u32::try_from((t.end.0 - t.start.0) / 60).unwrap_or(1).clamp(1, MAX_SPAN);
                Down { start, span: span.min(MAX_ROWS.saturating_sub(start)).max(1) }
            })
            .collect();
        Rows { places, ..rows }
    }

    /// The row of moment `t`, when it falls in a stretch (the "now" line).
    pub fn row_at(&self, t: Timestamp) -> Option<u32> {
        let s = self.stretches.iter().rev().find(|s| s.start <= t)?;
        let minutes = (t.0 - s.start.0) / 60;
        if minutes >= i64::from(s.ticks) * TICK {
            return None;
        }
        Some((s.row + u32::try_from(minutes).ok()?).min(MAX_ROWS - 1))
    }

    /// The ruler's lines: each moment and whether a gap comes before it.
    pub fn ruler(&self) -> Vec<(Timestamp, bool)> {
        let mut out = Vec::new();
        for (n, s) in self.stretches.iter().enumerate() {
            for k in 0..s.ticks {
                out.push((Timestamp(s.start.0 + i64::from(k) * TICK * 60), n > 0 && k == 0));
            }
        }
        out
    }
}

fn ticks(start: i64, end: i64, tick: i64) -> u32 {
    u32::try_from((end - start + tick - 1) / tick).unwrap_or(1).max(1)
}

/// Class names the stylesheet maps to grid lines, appended to `out` (space first).
pub mod classes {
    use super::{Across, Down, MAX_COLUMNS, MAX_ROWS, MAX_SPAN};

    fn push(out: &mut String, name: &str, n: u32) {
        out.push(' ');
        out.push_str(name);
        // Written by hand: no formatting machinery in a path run for every box.
        let mut digits = [0u8; 10];
        let mut len = 0;
        let mut n = n;
        loop {
            digits[len] = b'0' + (n % 10) as u8;
            len += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in digits[..len].iter().rev() {
            out.push(char::from(d));
        }
    }

    /// A box's rows: `rh<hours> rm<minutes>` for its first row, `dh<hours> dm<minutes>` for its
    /// span.
    pub fn down(out: &mut String, d: Down) {
        at(out, d.start);
        let span = d.span.min(MAX_SPAN);
        push(out, "dh", span / 60);
        push(out, "dm", span % 60);
    }

    /// A row alone (the "now" line): `rh<hours> rm<minutes>`.
    pub fn at(out: &mut String, row: u32) {
        let row = row.min(MAX_ROWS - 1);
        push(out, "rh", row / 60);
        push(out, "rm", row % 60);
    }

    /// A box's or a heading's columns: `gc<first> gw<span>`.
    pub fn across(out: &mut String, a: Across) {
        push(out, "gc", a.start.min(MAX_COLUMNS - 1));
        push(out, "gw", a.span.clamp(1, MAX_COLUMNS));
    }

    /// The grid's width: `gn<sub-columns>`.
    pub fn width(out: &mut String, width: u32) {
        push(out, "gn", width.clamp(1, MAX_COLUMNS));
    }

    /// The rules for every class above, for `style/main.css` (a test checks they are there).
    pub fn stylesheet() -> String {
        let mut css = String::new();
        let mut rules = |name: &str, var: &str, range: std::ops::Range<u32>| {
            for n in range {
                css.push_str(&format!(".{name}{n}{{--{var}:{n}}}"));
            }
            css.push('\n');
        };
        rules("rh", "rh", 0..MAX_ROWS / 60);
        rules("rm", "rm", 0..60);
        rules("dh", "dh", 0..MAX_SPAN / 60 + 1);
        rules("dm", "dm", 0..60);
        rules("gc", "gc", 0..MAX_COLUMNS);
        rules("gw", "gw", 1..MAX_COLUMNS + 1);
        rules("gn", "gn", 1..MAX_COLUMNS + 1);
        css
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{event, session, slug, summary, timed, track, MON};

    const H: i64 = 3600;

    fn with_track(id: &str, t: Option<&str>, start: i64, minutes: i64) -> crate::Session {
        let mut s = session(id, id);
        s.time = Some(timed(start, minutes));
        s.day = Some(0);
        s.track = t.map(slug);
        s
    }

    fn two_tracks(sessions: Vec<crate::Session>) -> Event {
        let mut e = event(summary("e", "E"), sessions);
        e.tracks = vec![track("a", "Track A"), track("b", "Track B"), track("c", "Unused C")];
        e
    }

    fn all(e: &Event) -> Vec<usize> {
        (0..e.sessions.len()).collect()
    }

    #[test]
    fn columns_follow_the_tracks_used_that_day_and_untracked_sessions_span_them() {
        let e = two_tracks(vec![
            with_track("k", None, MON + 9 * H, 30),
            with_track("b1", Some("b"), MON + 10 * H, 40),
            with_track("a1", Some("a"), MON + 10 * H, 40),
        ]);
        let c = Columns::of(&e, &all(&e));
        assert_eq!(c.width, 2);
        assert_eq!(c.heads.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), ["Track A", "Track B"]);
        assert_eq!(c.places, [Across { start: 0, span: 2 }, Across { start: 1, span: 1 }, Across { start: 0, span: 1 }]);
    }

    #[test]
    fn overlapping_sessions_in_a_column_sit_side_by_side_and_every_column_keeps_its_width() {
        // A workshop of 2.5 hours and three lightning talks beside it, in track A.
        let e = two_tracks(vec![
            with_track("w", Some("a"), MON + 18 * H, 150),
            with_track("l1", Some("a"), MON + 18 * H + 1800, 10),
            with_track("l2", Some("a"), MON + 18 * H + 2400, 10),
            with_track("b1", Some("b"), MON + 18 * H, 40),
            with_track("a2", Some("a"), MON + 21 * H, 30),
        ]);
        let c = Columns::of(&e, &all(&e));
        assert_eq!(c.width, 4, "two lanes in A: two sub-columns per column");
        assert_eq!(c.heads[0], Head { name: "Track A".into(), start: 0, span: 2 });
        assert_eq!(c.heads[1], Head { name: "Track B".into(), start: 2, span: 2 });
        assert_eq!(c.places[0], Across { start: 0, span: 1 });
        assert_eq!(c.places[1], Across { start: 1, span: 1 });
        assert_eq!(c.places[2], Across { start: 1, span: 1 }, "l2 takes the lane l1 left");
        assert_eq!(c.places[3], Across { start: 2, span: 2 });
        assert_eq!(c.places[4], Across { start: 0, span: 2 }, "alone again: the whole column");
        for (i, a) in c.places.iter().enumerate() {
            for (j, b) in c.places.iter().enumerate().skip(i + 1) {
                let meet = a.start < b.start + b.span && b.start < a.start + a.span;
                let (x, y) = (e.sessions[i].time.unwrap(), e.sessions[j].time.unwrap());
                assert!(!(meet && x.overlaps(&y)), "{i} and {j} overlap on screen");
            }
        }
    }

    #[test]
    fn three_lanes_and_two_lanes_share_one_grid() {
        let e = two_tracks(vec![
            with_track("a1", Some("a"), MON, 60),
            with_track("a2", Some("a"), MON, 60),
            with_track("a3", Some("a"), MON, 60),
            with_track("b1", Some("b"), MON, 60),
            with_track("b2", Some("b"), MON, 60),
        ]);
        let c = Columns::of(&e, &all(&e));
        assert_eq!(c.width, 12, "6 sub-columns per column fit both 3 and 2 lanes");
        assert_eq!(c.places[3..], [Across { start: 6, span: 3 }, Across { start: 9, span: 3 }]);
    }

    #[test]
    fn an_untracked_session_overlapping_a_track_gets_a_column_of_its_own() {
        let e = two_tracks(vec![with_track("s", None, MON + 18 * H, 10), with_track("w", Some("a"), MON + 18 * H, 150)]);
        let c = Columns::of(&e, &all(&e));
        assert_eq!(c.heads.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), [ALL_TRACKS, "Track A"]);
        assert_eq!(c.places, [Across { start: 0, span: 1 }, Across { start: 1, span: 1 }]);
    }

    #[test]
    fn rooms_make_the_columns_when_sessions_name_them() {
        let mut e = two_tracks(vec![with_track("x", Some("a"), MON, 30), with_track("y", Some("a"), MON, 30), with_track("z", None, MON + H, 30)]);
        e.sessions[0].room = Some("Hall B".into());
        e.sessions[1].room = Some("Hall A".into());
        let c = Columns::of(&e, &all(&e));
        assert_eq!(c.heads.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), ["Hall B", "Hall A"]);
        assert_eq!(c.places[2], Across { start: 0, span: 2 }, "no room: every room");
    }

    #[test]
    fn rows_are_minutes_from_a_half_hour_of_the_zone_and_long_gaps_are_cut() {
        // 15:00-15:25 and 15:40-16:35 UTC, then 01:15-01:55 the next morning.
        let times = [timed(MON + 15 * H, 25), timed(MON + 15 * H + 2400, 55), timed(MON + 25 * H + 900, 40)];
        let utc = Rows::of(&times, |_| 0);
        assert_eq!(utc.stretches[0], Stretch { start: Timestamp(MON + 15 * H), ticks: 4, row: 0 });
        assert_eq!(utc.stretches[1], Stretch { start: Timestamp(MON + 25 * H), ticks: 2, row: 4 * 30 + GAP_ROWS });
        assert_eq!(utc.places, [Down { start: 0, span: 25 }, Down { start: 40, span: 55 }, Down { start: 150 + 15, span: 40 }]);
        // India is 5:30 ahead: 15:00 UTC is 20:30 there, a half hour as well; Nepal's 5:45 is not.
        assert_eq!(Rows::of(&times, |_| 330).places, utc.places);
        let nepal = Rows::of(&times, |_| 345);
        assert_eq!(nepal.stretches[0].start, Timestamp(MON + 15 * H - 15 * 60), "20:45 there: from 20:30");
        assert_eq!(nepal.places[0], Down { start: 15, span: 25 });
        assert_eq!(nepal.places[1], Down { start: 55, span: 55 });
        assert_eq!(utc.ruler().len(), 6);
        assert_eq!(utc.ruler()[4], (Timestamp(MON + 25 * H), true));
    }

    #[test]
    fn the_now_line_falls_inside_stretches_only() {
        let rows = Rows::of(&[timed(MON + 9 * H, 60), timed(MON + 14 * H, 30)], |_| 0);
        assert_eq!(rows.row_at(Timestamp(MON + 9 * H + 600)), Some(10));
        assert_eq!(rows.row_at(Timestamp(MON + 12 * H)), None, "in the gap");
        assert_eq!(rows.row_at(Timestamp(MON + 14 * H + 60)), Some(60 + GAP_ROWS + 1));
        assert_eq!(rows.row_at(Timestamp(MON + 8 * H)), None);
    }

    #[test]
    fn classes_name_rows_and_columns_and_the_stylesheet_defines_them() {
        let mut c = String::new();
        classes::down(&mut c, Down { start: 95, span: 40 });
        classes::across(&mut c, Across { start: 3, span: 2 });
        classes::width(&mut c, 12);
        assert_eq!(c, " rh1 rm35 dh0 dm40 gc3 gw2 gn12");
        let css = classes::stylesheet();
        for class in c.split_whitespace() {
            let (name, n) = class.split_at(2);
            assert!(css.contains(&format!(".{class}{{--{name}:{n}}}")), "{class}");
        }
        let main = include_str!("../../../style/main.css");
        assert!(
            main.contains(&css),
            "style/main.css lacks the grid's classes: paste events_model::grid::classes::stylesheet() into it (GRID_CSS=1 cargo test -p events-model prints it)"
        );
    }

    #[test]
    fn print_the_stylesheet_on_request() {
        if std::env::var_os("GRID_CSS").is_some() {
            println!("{}", classes::stylesheet());
        }
    }
}
