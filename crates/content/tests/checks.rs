//! The checker against fixture folders: every invalid kind of input names the file, the line
//! and the field it expects (`fixtures/invalid/<kind>/expected.txt`), valid Hugo folders pass,
//! and the project's own content/ has no errors and compiles to data that round-trips.

use std::fs;
use std::path::{Path, PathBuf};

use events_content::diag::Severity;
use events_content::{compile, site};
use events_model::{Event, SiteIndex, SpeakerPage};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn project_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

/// `error sessions/a1.md:6 time_start`, `-` for no field.
fn found(dir: &Path) -> Vec<String> {
    let site = site::load(dir).expect("fixture folder is readable");
    let mut lines: Vec<String> = site
        .diagnostics
        .sorted()
        .into_iter()
        .map(|d| {
            let kind = if d.severity == Severity::Error { "error" } else { "warning" };
            let rel = d.file.strip_prefix(dir).unwrap_or(&d.file).display().to_string();
            format!("{kind} {rel}:{} {}", d.line, d.field.as_deref().unwrap_or("-"))
        })
        .collect();
    lines.sort();
    lines
}

#[test]
fn every_invalid_fixture_reports_exactly_its_expected_problems() {
    let mut checked = 0;
    let mut dirs: Vec<_> = fs::read_dir(fixtures().join("invalid")).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for dir in dirs {
        let expected = fs::read_to_string(dir.join("expected.txt")).expect("each fixture has expected.txt");
        let mut expected: Vec<String> = expected.lines().map(str::to_owned).filter(|l| !l.is_empty()).collect();
        expected.sort();
        assert_eq!(found(&dir), expected, "fixture {}", dir.display());
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} fixtures");
}

#[test]
fn every_error_says_what_to_write_instead() {
    for entry in fs::read_dir(fixtures().join("invalid")).unwrap() {
        let dir = entry.unwrap().path();
        let site = site::load(&dir).unwrap();
        for d in site.diagnostics.all() {
            let help = d.help.as_deref().unwrap_or("");
            assert!(help.len() > 10, "no useful help in {}: {d}", dir.display());
        }
    }
}

#[test]
fn the_printed_form_names_file_line_field_and_fix() {
    let dir = fixtures().join("invalid/end-before-start");
    let site = site::load(&dir).unwrap();
    let text = site.diagnostics.all()[0].to_string();
    assert!(text.starts_with("error: "), "{text}");
    assert!(text.contains("end-before-start/sessions/a1.md:7: field `time_end`: "), "{text}");
    assert!(text.contains("\n  help: make `time_end` later than `time_start`"), "{text}");
    assert_eq!(site.summary_line(), "checked: 1 sessions, 2 speakers, 0 organizers; 1 errors, 0 warnings");
}

#[test]
fn an_organizers_hugo_folder_with_real_world_quirks_passes() {
    let dir = fixtures().join("valid/hugo-event");
    let site = site::load(&dir).unwrap();
    assert_eq!(site.diagnostics.errors(), 0, "{:?}", site.diagnostics.all());
    // The one unknown key is a warning, not an error.
    assert_eq!(found(&dir), ["warning organizers/maria-cruz.md:5 favourite_colour"]);
    let event = &site.events[0];
    // Drafts (including a repeated draft id) are skipped; section _index.md files are not entries.
    assert_eq!(event.sessions.len(), 2);
    assert_eq!(event.speakers.len(), 2);
    let b1c = &event.sessions.iter().find(|(_, s)| s.id == "b1c").unwrap().1;
    assert_eq!(b1c.kind, "Presentation");
    assert_eq!(b1c.language.as_deref(), Some("Chinese"));
    assert_eq!(b1c.slot.as_deref(), Some("1c"));
    assert!(site.notes[0].contains("no event.md"));
}

#[test]
fn the_projects_content_checks_clean_and_quickly() {
    let started = std::time::Instant::now();
    let site = site::load(&project_content()).unwrap();
    let elapsed = started.elapsed();
    let errors: Vec<String> = site.diagnostics.all().iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let sessions = |slug: &str| site.events.iter().find(|e| e.slug == slug).map(|e| e.sessions.len());
    assert_eq!(sessions("istiocon-2021"), Some(65));
    assert_eq!(sessions("istiocon-2022"), Some(65));
    assert_eq!(sessions("istio-day-north-america-2025"), Some(9));
    assert_eq!(site.events.len(), 8);
    assert!(elapsed.as_secs_f64() < 2.0, "checking took {elapsed:?}");
}

#[test]
fn compiled_data_round_trips_and_keeps_the_facts() {
    let site = site::load(&project_content()).unwrap();
    let compiled = compile::compile(&site);
    let tmp = tempfile::Builder::new().prefix("events-content-test-").tempdir().unwrap();
    let out = tmp.path();
    let written = compile::write(&compiled, out).unwrap();
    // The index, each event and its outline, each speaker.
    assert_eq!(written, 1 + 2 * compiled.events.len() + compiled.speakers.len());

    let index: SiteIndex = serde_json::from_str(&fs::read_to_string(out.join("data/events.json")).unwrap()).unwrap();
    assert_eq!(index, compiled.index);
    for event in &compiled.events {
        let outline_path = out.join(format!("data/events/{}.outline.json", event.summary.slug));
        let outline: Event = serde_json::from_str(&fs::read_to_string(outline_path).unwrap()).unwrap();
        assert_eq!(outline, event.outline());
        assert!(outline.sessions.iter().all(|s| s.abstract_html.is_empty()));
        assert_eq!(outline.sessions.len(), event.sessions.len());
        let path = out.join(format!("data/events/{}.json", event.summary.slug));
        let back: Event = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(&back, event);
    }
    let lin: SpeakerPage = serde_json::from_str(&fs::read_to_string(out.join("data/speakers/lin-sun.json")).unwrap()).unwrap();
    let events: Vec<&str> = lin.sessions.iter().map(|s| s.event_slug.as_str()).collect();
    assert!(events.contains(&"istiocon-2021") && events.contains(&"istiocon-2022"), "{events:?}");

    let ic22 = compiled.events.iter().find(|e| e.summary.slug == "istiocon-2022").unwrap();
    assert_eq!(ic22.day_starts.len(), 5);
    let a3 = ic22.session("a3").unwrap();
    assert_eq!(a3.track.as_deref(), Some("tools-features-functionality"));
    assert_eq!(a3.day, Some(0));
    assert_eq!(a3.time.unwrap().minutes(), 35);
    // The programme is in time order.
    let starts: Vec<_> = ic22.sessions.iter().map(|s| s.time.unwrap().start).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    // Istio Day NA 2025 keeps its published order without times.
    let nad = compiled.events.iter().find(|e| e.summary.slug == "istio-day-north-america-2025").unwrap();
    let ids: Vec<&str> = nad.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["nad1", "nad2", "nad3", "nad4", "nad5", "nad6", "nad7", "nad8", "nad9"]);
    assert!(nad.sessions.iter().all(|s| s.time.is_none()));
    // Registration blocks compile with their questions in form order.
    let reg = ic22.registration.as_ref().expect("IstioCon 2022 has a registration block");
    let ids: Vec<&str> = reg.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["name", "email", "organization", "role", "country", "experience", "languages", "github", "viewers", "wishes", "first-istiocon"]);
    assert_eq!(reg.consents.iter().filter(|c| c.required).count(), 2);
    assert!(reg.opens < reg.closes && reg.closes <= ic22.summary.end);
    assert!(nad.registration.as_ref().is_some_and(|r| r.endpoint.is_some()));
    // Events are ordered by start; the home page puts none upcoming today.
    assert!(index_is_sorted(&compiled.index));
}

fn index_is_sorted(index: &SiteIndex) -> bool {
    index.events.windows(2).all(|w| w[0].start <= w[1].start)
}

#[test]
fn the_no_speaker_file_help_points_at_the_file_that_is_there() {
    let help_for = |dir: &Path, name: &str| -> String {
        let site = site::load(dir).unwrap();
        let d = site.diagnostics.all().iter().find(|d| d.message == format!("no speaker file for `{name}`")).expect("the warning");
        d.help.clone().unwrap()
    };
    // A speaker file that is not UTF-8: its own error, and the session's warning points at it.
    let help = help_for(&fixtures().join("invalid/not-utf8"), "José Núñez");
    assert!(help.ends_with("not-utf8/speakers/jose-nunez.md is there but cannot be read: fix its error (reported for that file)"), "{help}");

    let tmp = tempfile::Builder::new().prefix("events-checks-speakers-").tempdir().unwrap();
    let dir = tmp.path();
    fs::create_dir_all(dir.join("sessions")).unwrap();
    fs::create_dir_all(dir.join("speakers")).unwrap();
    fs::write(dir.join("sessions/a1.md"), "---\nid: a1\ntitle: T\nspeakers: [\"Ștefan Țurcan\", \"Nguyễn Văn An\", \"Gergő Huszty\"]\n---\n").unwrap();
    fs::write(dir.join("speakers/stefan-turcan.md"), "---\ntitle: \"Stefan Turcan\"\n---\n").unwrap();
    fs::write(dir.join("speakers/nguyen-van-an.md"), "---\ntitle: \"Nguyễn Văn An\"\ndraft: true\n---\n").unwrap();
    // The same name without its accents, or the slug of the name: that file.
    assert!(help_for(dir, "Ștefan Țurcan").ends_with("speakers/stefan-turcan.md is called `Stefan Turcan`: write the name the same way in both files"));
    // A draft with the name's slug.
    assert!(help_for(dir, "Nguyễn Văn An").ends_with("speakers/nguyen-van-an.md is a draft: remove its `draft: true` to publish it"));
    // No file: the one to add, with the name transliterated.
    assert_eq!(help_for(dir, "Gergő Huszty"), "add a speaker file speakers/gergo-huszty.md with `title: \"Gergő Huszty\"`");
}
