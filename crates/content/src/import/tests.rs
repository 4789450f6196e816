//! The planner on small exports: times across summer-time changes, repeated imports, hand
//! edits, removed sessions, service sessions, category maps and the dry run's report.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

use super::*;

fn new_york() -> Event {
    Event {
        timezone: "America/New_York".into(),
        tz: TimeZone::get("America/New_York").unwrap(),
        tracks: vec![("getting-started".into(), "Getting started".into())],
        formats: vec!["Presentation".into()],
        text: None,
    }
}

/// A Sessionize export with one speaker and the given sessions (`(id, title, startsAt, endsAt)`).
fn sessionize(sessions: &[(&str, &str, &str, &str)]) -> String {
    let sessions: Vec<String> = sessions
        .iter()
        .map(|(id, title, start, end)| {
            format!(
                r#"{{"id": "{id}", "title": "{title}", "description": "About {title}.", "startsAt": "{start}", "endsAt": "{end}", "isServiceSession": false, "speakers": ["sp-1"], "categoryItems": [11, 21], "recordingUrl": null}}"#
            )
        })
        .collect();
    format!(
        r#"{{"sessions": [{}], "speakers": [{{"id": "sp-1", "firstName": "Santiago", "lastName": "Núñez Cacho", "fullName": "Santiago Núñez Cacho", "bio": "Works on meshes.", "tagLine": "Engineer, Example", "links": [{{"title": "Twitter", "url": "https://twitter.com/example", "linkType": "Twitter"}}, {{"title": "GitHub", "url": "https://github.com/example", "linkType": "Other"}}, {{"title": "Blog", "url": "https://blog.example.com/", "linkType": "Blog"}}]}}], "categories": [{{"id": 1, "title": "Session format", "items": [{{"id": 11, "name": "Presentation"}}]}}, {{"id": 2, "title": "Track", "items": [{{"id": 21, "name": "Getting started"}}]}}, {{"id": 3, "title": "Level", "items": [{{"id": 31, "name": "Advanced"}}]}}], "rooms": []}}"#,
        sessions.join(", ")
    )
}

fn plan_of(export: &str, existing: &[Existing]) -> Plan {
    plan(Source::Sessionize, export, &new_york(), existing, &Options::default()).unwrap()
}

/// The folder after writing `plan` over `existing`.
fn apply(existing: &[Existing], plan: &Plan) -> Vec<Existing> {
    let mut files: Vec<Existing> = existing.to_vec();
    for c in plan.writes() {
        match files.iter_mut().find(|f| f.path == c.path) {
            Some(f) => f.text = c.text.clone(),
            None => files.push(Existing { path: c.path.clone(), text: c.text.clone() }),
        }
    }
    files
}

fn file<'a>(files: &'a [Existing], path: &str) -> &'a str {
    &files.iter().find(|f| f.path == Path::new(path)).unwrap_or_else(|| panic!("no {path}")).text
}

#[test]
fn local_times_are_read_in_the_events_zone_on_both_sides_of_a_change() {
    // New York moves to summer time at 02:00 on 2030-03-10 (UTC-5 before, UTC-4 after).
    let export = sessionize(&[("1", "Before", "2030-03-10T01:00:00", "2030-03-10T01:59:00"), ("2", "After", "2030-03-10T03:00:00", "2030-03-10T04:00:00")]);
    let files = apply(&[], &plan_of(&export, &[]));
    assert!(file(&files, "sessions/1.md").contains("time_start: 2030-03-10T06:00:00Z\ntime_end: 2030-03-10T06:59:00Z\n"));
    assert!(file(&files, "sessions/2.md").contains("time_start: 2030-03-10T07:00:00Z\ntime_end: 2030-03-10T08:00:00Z\n"));
}

#[test]
fn a_local_time_in_the_gap_is_an_error_naming_the_session() {
    let export = sessionize(&[("7", "Lost hour", "2030-03-10T02:30:00", "2030-03-10T03:30:00"), ("8", "Fine", "2030-03-11T10:00:00", "2030-03-11T11:00:00")]);
    let Err(ImportError::Sessions(problems)) = plan(Source::Sessionize, &export, &new_york(), &[], &Options::default()) else {
        panic!("the gap was accepted");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].source_id.as_str(), problems[0].title.as_str(), problems[0].field), ("7", "Lost hour", "startsAt"));
    assert!(matches!(problems[0].kind, ProblemKind::NoSuchLocalTime { .. }));
    let shown = problems[0].to_string();
    assert!(shown.contains("session 7 `Lost hour`") && shown.contains("2030-03-10T02:30:00 does not exist in America/New_York"), "{shown}");
    assert!(shown.contains("UTC-05 to UTC-04"), "{shown}");
}

#[test]
fn a_local_time_in_the_fold_is_an_error_naming_the_session() {
    // New York leaves summer time at 02:00 on 2030-11-03: 01:00-01:59 happens twice.
    let export = sessionize(&[("9", "Twice", "2030-11-03T00:30:00", "2030-11-03T01:30:00")]);
    let Err(ImportError::Sessions(problems)) = plan(Source::Sessionize, &export, &new_york(), &[], &Options::default()) else {
        panic!("the fold was accepted");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field, "endsAt");
    assert!(matches!(problems[0].kind, ProblemKind::AmbiguousLocalTime { .. }));
    assert!(problems[0].to_string().contains("happens twice in America/New_York (first at UTC-04, then at UTC-05)"), "{}", problems[0]);
}

#[test]
fn the_same_export_twice_changes_nothing() {
    let export = sessionize(&[("1", "One", "2030-04-01T10:00:00", "2030-04-01T11:00:00"), ("2", "Two", "2030-04-01T11:00:00", "2030-04-01T12:00:00")]);
    let first = plan_of(&export, &[]);
    assert_eq!((first.count(Action::Add), first.count(Action::Update)), (3, 0));
    let files = apply(&[], &first);
    let second = plan_of(&export, &files);
    assert_eq!((second.count(Action::Add), second.count(Action::Update), second.count(Action::Unchanged)), (0, 0, 3));
    assert_eq!(second.writes().count(), 0);
    assert!(second.removed.is_empty());
}

#[test]
fn the_speaker_file_has_a_transliterated_name_and_our_social_fields() {
    let export = sessionize(&[("1", "One", "2030-04-01T10:00:00", "2030-04-01T11:00:00")]);
    let files = apply(&[], &plan_of(&export, &[]));
    let speaker = file(&files, "speakers/santiago-nunez-cacho.md");
    assert!(speaker.starts_with("---\ntitle: \"Santiago Núñez Cacho\"\ndesignation: \"Engineer, Example\"\ntwitter: \"https://twitter.com/example\"\ngithub: \"https://github.com/example\"\nwebsite: \"https://blog.example.com/\"\nimport_id: \"sessionize:sp-1\"\n"), "{speaker}");
    assert!(speaker.ends_with("---\n\nWorks on meshes.\n"), "{speaker}");
    let session = file(&files, "sessions/1.md");
    assert!(session.contains("speakers: [\"Santiago Núñez Cacho\"]\n") && session.contains("track_slug: \"getting-started\"\n"), "{session}");
    // Each file reads back without a problem.
    let (s, problems) = crate::files::SessionFile::parse(Path::new("sessions/1.md"), session);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.unwrap().kind, "Presentation");
    let (_, problems) = crate::files::SpeakerFile::parse(Path::new("speakers/santiago-nunez-cacho.md"), speaker);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn links_go_in_their_social_field_by_kind_or_by_host() {
    use crate::import::social_field;
    // Sessionize's link types, as its exports spell them.
    assert_eq!(social_field("Twitter", "https://x.com/a"), Some("twitter"));
    assert_eq!(social_field("Blog", "https://a.example/blog"), Some("website"));
    assert_eq!(social_field("Company_Website", "https://example.com/"), Some("website"));
    assert_eq!(social_field("Mastodon", "https://hachyderm.io/@a"), Some("mastodon"));
    // Titled by the speaker: the address decides.
    assert_eq!(social_field("Other", "https://bsky.app/profile/a.example"), Some("bluesky"));
    assert_eq!(social_field("My code", "https://www.github.com/a"), Some("github"));
    assert_eq!(social_field("Other", "https://a.example/"), None);
}

#[test]
fn a_changed_export_updates_its_fields_and_keeps_hand_edits() {
    let export = sessionize(&[("1", "One", "2030-04-01T10:00:00", "2030-04-01T11:00:00"), ("2", "Two", "2030-04-01T11:00:00", "2030-04-01T12:00:00")]);
    let mut files = apply(&[], &plan_of(&export, &[]));
    // The organizers write their own abstract for session 1, add a slot, a video and a comment.
    let one = files.iter_mut().find(|f| f.path == Path::new("sessions/1.md")).unwrap();
    one.text = one
        .text
        .replace("language", "lang")
        .replace("import_id:", "# Slot from the printed programme.\nslot: \"3\"\nvideo: \"https://youtu.be/abc\"\nimport_id:")
        .replace("About One.", "Our own words about this session.");
    // The export moves session 1 by an hour and renames session 2.
    let changed = sessionize(&[("1", "One", "2030-04-01T11:00:00", "2030-04-01T12:00:00"), ("2", "Two, renamed", "2030-04-01T12:00:00", "2030-04-01T13:00:00")]);
    let plan = plan_of(&changed, &files);
    assert_eq!((plan.count(Action::Update), plan.count(Action::Add)), (2, 0));
    let after = apply(&files, &plan);
    let one = file(&after, "sessions/1.md");
    assert!(one.contains("time_start: 2030-04-01T15:00:00Z\ntime_end: 2030-04-01T16:00:00Z\n"), "{one}");
    assert!(one.contains("# Slot from the printed programme.\nslot: \"3\"\nvideo: \"https://youtu.be/abc\"\n"), "{one}");
    assert!(one.ends_with("---\n\nOur own words about this session.\n"), "{one}");
    let note = plan.changes.iter().find(|c| c.path == Path::new("sessions/1.md")).unwrap().note.clone();
    assert_eq!(note.as_deref(), Some("time_start, time_end; its text was edited by hand and is kept"));
    let note = plan.changes.iter().find(|c| c.path == Path::new("sessions/2.md")).unwrap().note.clone();
    assert_eq!(note.as_deref(), Some("title, time_start, time_end; text"));
    let two = file(&after, "sessions/2.md");
    assert!(two.contains("title: \"Two, renamed\"\n") && two.ends_with("\nAbout Two, renamed.\n"), "{two}");
    // And importing the changed export again changes nothing more.
    assert_eq!(plan_of(&changed, &after).writes().count(), 0);
}

#[test]
fn a_session_gone_from_the_export_is_reported_not_deleted() {
    let export = sessionize(&[("1", "One", "2030-04-01T10:00:00", "2030-04-01T11:00:00"), ("2", "Two", "2030-04-01T11:00:00", "2030-04-01T12:00:00")]);
    let files = apply(&[], &plan_of(&export, &[]));
    let plan = plan_of(&sessionize(&[("1", "One", "2030-04-01T10:00:00", "2030-04-01T11:00:00")]), &files);
    assert_eq!(plan.removed, vec![(PathBuf::from("sessions/2.md"), "session `Two`".to_owned())]);
    assert_eq!(plan.writes().count(), 0);
    let report = plan.report(Path::new("content/x"), false);
    assert!(report.contains("removed from the export: content/x/sessions/2.md (session `Two`); the file is kept\n  help: delete it, or add `draft: true`"), "{report}");
}

#[test]
fn a_hand_written_file_with_the_same_id_is_never_changed() {
    let mine = Existing { path: "sessions/1.md".into(), text: "---\nid: \"1\"\ntitle: \"Mine\"\n---\nMy text.\n".into() };
    let plan = plan_of(&sessionize(&[("1", "One", "2030-04-01T10:00:00", "2030-04-01T11:00:00")]), std::slice::from_ref(&mine));
    assert!(plan.writes().all(|c| c.path != mine.path));
    assert_eq!(plan.skipped.len(), 1);
    assert!(plan.skipped[0].contains("sessions/1.md already has the id `1`"), "{:?}", plan.skipped);
}

#[test]
fn a_file_in_the_way_is_never_written_over() {
    // sessions/1.md holds another session (id `a3`), and its own import_id is of no export.
    let other = Existing { path: "sessions/1.md".into(), text: "---\nid: \"a3\"\ntitle: \"Ours\"\n---\n".into() };
    let plan = plan_of(&sessionize(&[("1", "One", "2030-04-01T10:00:00", "2030-04-01T11:00:00")]), std::slice::from_ref(&other));
    assert!(plan.writes().all(|c| c.path != other.path), "{:?}", plan.changes);
    assert!(plan.skipped[0].contains("sessions/1.md is there and is another session's file"), "{:?}", plan.skipped);
}

#[test]
fn service_sessions_are_kept_without_speakers_or_left_out() {
    let export = r#"{"sessions": [{"id": "b1", "title": "Lunch", "startsAt": "2030-04-01T12:00:00", "endsAt": "2030-04-01T13:00:00", "isServiceSession": true, "speakers": [], "categoryItems": []}], "speakers": [], "categories": []}"#;
    let files = apply(&[], &plan_of(export, &[]));
    let lunch = file(&files, "sessions/b1.md");
    assert!(lunch.contains("speakers: []\n") && lunch.contains("session_type: \"Break\"\n"), "{lunch}");
    let options = Options { skip_service: true, ..Options::default() };
    let plan = plan(Source::Sessionize, export, &new_york(), &[], &options).unwrap();
    assert_eq!((plan.sessions, plan.changes.len()), (0, 0));
}

#[test]
fn categories_are_found_by_title_or_mapped() {
    let export = r#"{"sessions": [{"id": "1", "title": "T", "startsAt": null, "endsAt": null, "speakers": [], "categoryItems": [5, 6]}], "speakers": [], "categories": [{"id": 1, "title": "Talk kind", "items": [{"id": 5, "name": "Lightning talk"}]}, {"id": 2, "title": "Spoken language", "items": [{"id": 6, "name": "Deutsch"}]}]}"#;
    let plain = plan(Source::Sessionize, export, &new_york(), &[], &Options::default()).unwrap();
    assert!(!plain.changes[0].text.contains("session_type"));
    assert!(plain.notes[0].starts_with("categories not imported: Talk kind;"), "{:?}", plain.notes);
    let options = Options { map: vec![("talk kind".into(), Target::SessionType)], ..Options::default() };
    let mapped = plan(Source::Sessionize, export, &new_york(), &[], &options).unwrap();
    let text = &mapped.changes[0].text;
    assert!(text.contains("session_type: \"Lightning talk\"\n") && text.contains("language: \"Deutsch\"\n"), "{text}");
    assert!(!text.contains("time_start"), "{text}");
}

#[test]
fn a_track_the_event_does_not_declare_is_named_with_the_lines_to_add() {
    let export = r#"{"sessions": [{"id": "1", "title": "T", "speakers": [], "categoryItems": [5]}], "speakers": [], "categories": [{"id": 1, "title": "Track", "items": [{"id": 5, "name": "Security & policy"}]}]}"#;
    let plan = plan_of(export, &[]);
    assert!(plan.changes[0].text.contains("track_slug: \"security-policy\"\n"));
    assert_eq!(
        plan.notes,
        vec!["the export has tracks that event.md does not declare (security-policy); `content check` reports their sessions until you add them under `tracks:` in event.md:\n  - name: \"Security & policy\"\n    slug: \"security-policy\"".to_owned()]
    );
}

#[test]
fn a_dry_run_lists_what_would_change() {
    let export = sessionize(&[("1", "One", "2030-04-01T10:00:00", "2030-04-01T11:00:00")]);
    let report = plan_of(&export, &[]).report(Path::new("content/x"), true);
    assert_eq!(
        report,
        "would add content/x/sessions/1.md\nwould add content/x/speakers/santiago-nunez-cacho.md\nnote: categories not imported: Level; to import one, say which field it is, e.g. --map \"Level=session_type\" (or track, language)\nimport: 1 sessions, 1 speakers in the export; files: would add 2, would update 0, unchanged 0; removed from the export 0; event.md: would add 0 tracks, 0 formats\n"
    );
}

#[test]
fn an_export_that_is_not_json_names_its_line() {
    let Err(e @ ImportError::Json { line: 2, .. }) = plan(Source::Sessionize, "{\n\"sessions\": [,\n", &new_york(), &[], &Options::default()) else {
        panic!("accepted, or not on line 2");
    };
    assert!(e.to_string().starts_with("error: the export is not a Sessionize \"All\" export") && e.to_string().contains("at line 2 column 14"), "{e}");
    assert!(matches!(plan(Source::Pretalx, "{\"sessions\": []}", &new_york(), &[], &Options::default()), Err(ImportError::Json { .. })));
}

fn pretalx(date: &str, duration: &str) -> String {
    format!(
        r#"{{"schedule": {{"version": "1", "conference": {{"title": "X", "time_zone_name": "Europe/Amsterdam", "days": [{{"index": 1, "date": "2030-03-31", "rooms": {{"Hall": [{{"guid": "g", "code": "ABC3DE", "id": 7, "date": "{date}", "start": "02:30", "duration": "{duration}", "room": "Hall", "title": "Clocks", "track": "Getting started", "type": "Talk", "language": "de", "abstract": "Short.", "description": "Longer.", "persons": [{{"code": "PQR7ST", "name": "Ana Ionescu", "public_name": "Ana Ionescu", "biography": "Speaks."}}], "links": [{{"title": "Recording", "url": "https://media.example.org/v/1", "type": "media"}}]}}]}}}}]}}}}}}"#
    )
}

#[test]
fn pretalx_dates_with_offsets_and_local_dates_in_the_event_zone() {
    let amsterdam = Event { timezone: "Europe/Amsterdam".into(), tz: TimeZone::get("Europe/Amsterdam").unwrap(), tracks: vec![], formats: vec![], text: None };
    let plan = plan(Source::Pretalx, &pretalx("2030-03-31T03:30:00+02:00", "01:15"), &amsterdam, &[], &Options::default()).unwrap();
    let files = apply(&[], &plan);
    let s = file(&files, "sessions/abc3de.md");
    assert!(s.contains("time_start: 2030-03-31T01:30:00Z\ntime_end: 2030-03-31T02:45:00Z\n"), "{s}");
    assert!(s.contains("language: \"German\"\n") && s.contains("video: \"https://media.example.org/v/1\"\n") && s.contains("import_id: \"pretalx:ABC3DE\"\n"), "{s}");
    assert!(s.ends_with("\nShort.\n\nLonger.\n"), "{s}");
    assert!(file(&files, "speakers/ana-ionescu.md").contains("import_id: \"pretalx:PQR7ST\"\n"));
    // Amsterdam moves to summer time at 02:00 on 2030-03-31: a local 02:30 does not exist.
    let Err(ImportError::Sessions(problems)) = plan_fn(&pretalx("2030-03-31T02:30:00", "00:30"), &amsterdam) else { panic!("accepted") };
    assert_eq!((problems[0].source_id.as_str(), problems[0].field), ("ABC3DE", "date"));
    assert!(matches!(problems[0].kind, ProblemKind::NoSuchLocalTime { .. }));
    // ... and a local 01:30 the day before is read in winter time.
    let plan = plan_fn(&pretalx("2030-03-30T01:30:00", "00:30"), &amsterdam).unwrap();
    assert!(plan.changes.iter().any(|c| c.text.contains("time_start: 2030-03-30T00:30:00Z\n")));
    assert!(plan_fn(&pretalx("2030-03-30T01:30:00", "half an hour"), &amsterdam).is_err());
}

fn plan_fn(export: &str, event: &Event) -> Result<Plan, ImportError> {
    plan(Source::Pretalx, export, event, &[], &Options::default())
}
