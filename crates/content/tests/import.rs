//! The importers on IstioCon 2022 (fixtures/import: a Sessionize export in America/New_York and
//! a pretalx export in Europe/Amsterdam, made from the published facts): each makes a folder
//! that `content check` passes, with the same sessions, times, speakers and recordings as the
//! project's own content/istiocon-2022; importing again changes nothing; and a new event made by
//! `new-event` passes the check as it is.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use events_content::diag::Severity;
use events_content::files::EventFile;
use events_content::import::{self, Action, Options, Source};
use events_content::new_event::{self, NewEvent};
use events_content::{compile, site};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("events-import-{name}-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).unwrap();
        }
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Imports `export` into `dir` as `content import` does; returns the plan it wrote.
fn import(source: Source, export: &str, dir: &Path) -> import::Plan {
    let event_path = dir.join("event.md");
    let (event, problems) = EventFile::parse(&event_path, &fs::read_to_string(&event_path).unwrap());
    assert!(problems.is_empty(), "{problems:?}");
    let existing = import::read_existing(dir).unwrap();
    let plan = import::plan(source, export, &import::Event::from_file(&event.unwrap()), &existing, &Options::default()).unwrap();
    import::write(dir, &plan).unwrap();
    plan
}

/// The event folder `fixtures/import/<zone>`, copied to a fresh temporary folder.
fn event_folder(zone: &str, name: &str) -> TempDir {
    let tmp = TempDir::new(name);
    fs::copy(fixtures().join(zone).join("event.md"), tmp.0.join("event.md")).unwrap();
    tmp
}

/// Each session of a compiled event by title: (start, end, speakers, type, track, language, video).
type Facts = BTreeMap<String, (Option<(i64, i64)>, Vec<String>, String, Option<String>, Option<String>, Option<String>)>;

fn facts_of(dir: &Path) -> Facts {
    let site = site::load(dir).unwrap();
    let compiled = compile::compile(&site);
    let event = compiled.events.iter().find(|e| e.summary.name == "IstioCon 2022").expect("IstioCon 2022 compiles");
    event
        .sessions
        .iter()
        .map(|s| {
            (
                s.title.clone(),
                (
                    s.time.map(|t| (t.start.0, t.end.0)),
                    s.speakers.iter().map(|r| r.name.clone()).collect(),
                    s.kind.clone(),
                    s.track.as_ref().map(|t| t.to_string()),
                    s.language.clone(),
                    s.video.clone(),
                ),
            )
        })
        .collect()
}

fn check_clean(dir: &Path) -> site::Site {
    let site = site::load(dir).unwrap();
    let problems: Vec<String> = site.diagnostics.sorted().iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    site
}

fn round_trip(source: Source, export_file: &str, zone: &str) {
    let export = fs::read_to_string(fixtures().join(export_file)).unwrap();
    let dir = event_folder(zone, zone);
    let plan = import(source, &export, &dir.0);
    assert_eq!((plan.sessions, plan.speakers), (65, 85));
    assert_eq!((plan.count(Action::Add), plan.count(Action::Update), plan.removed.len()), (150, 0, 0));
    let site = check_clean(&dir.0);
    assert_eq!((site.session_count(), site.speaker_count()), (65, 85));

    // The same sessions as the project's own IstioCon 2022, at the same instants.
    let ours = facts_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/istiocon-2022"));
    let imported = facts_of(&dir.0);
    assert_eq!(imported.len(), ours.len());
    for (title, facts) in &ours {
        assert_eq!(imported.get(title), Some(facts), "{title}");
    }

    // Again: nothing changes.
    let before: Vec<(PathBuf, String)> = import::read_existing(&dir.0).unwrap().into_iter().map(|f| (f.path, f.text)).collect();
    let again = import(source, &export, &dir.0);
    assert_eq!((again.count(Action::Add), again.count(Action::Update), again.count(Action::Unchanged)), (0, 0, 150));
    let after: Vec<(PathBuf, String)> = import::read_existing(&dir.0).unwrap().into_iter().map(|f| (f.path, f.text)).collect();
    assert_eq!(before, after);
}

#[test]
fn sessionize_export_in_new_york_round_trips_to_our_istiocon_2022() {
    round_trip(Source::Sessionize, "istiocon-2022-sessionize.json", "new-york");
}

#[test]
fn pretalx_export_in_amsterdam_round_trips_to_our_istiocon_2022() {
    round_trip(Source::Pretalx, "istiocon-2022-pretalx.json", "amsterdam");
}

#[test]
fn a_track_event_md_lacks_is_named_by_the_check_with_its_fix() {
    let dir = event_folder("new-york", "no-keynote-track");
    let event_md = dir.0.join("event.md");
    let text = fs::read_to_string(&event_md).unwrap().replace("  - name: \"Keynote\"\n    slug: \"keynote\"\n", "");
    fs::write(&event_md, text).unwrap();
    let plan = import(Source::Sessionize, &fs::read_to_string(fixtures().join("istiocon-2022-sessionize.json")).unwrap(), &dir.0);
    assert!(plan.notes.iter().any(|n| n.contains("(keynote)") && n.ends_with("  - name: \"Keynote\"\n    slug: \"keynote\"")), "{:?}", plan.notes);
    let site = site::load(&dir.0).unwrap();
    let errors: Vec<_> = site.diagnostics.all().iter().filter(|d| d.severity == Severity::Error).collect();
    // The three keynotes of IstioCon 2022.
    assert_eq!(errors.len(), 3, "{errors:#?}");
    for e in errors {
        assert_eq!(e.field.as_deref(), Some("track_slug"));
        assert!(e.message.starts_with("`keynote` is not a track of IstioCon 2022"), "{e}");
        assert!(e.help.as_deref().unwrap().contains("or add it to `tracks` in event.md"), "{e}");
    }
}

#[test]
fn a_new_event_passes_the_check_and_takes_an_import() {
    let parent = TempDir::new("new-event");
    let e = NewEvent {
        slug: "istiocon-2022".into(),
        name: "IstioCon 2022".into(),
        start: "2022-04-25".into(),
        end: "2022-04-29".into(),
        timezone: "America/New_York".into(),
        ..NewEvent::default()
    };
    let dir = new_event::create(&parent.0, &e).unwrap();
    for section in ["sessions", "speakers", "organizers"] {
        assert!(dir.join(section).is_dir(), "{section}");
    }
    let site = check_clean(&dir);
    assert_eq!(site.session_count(), 0);
    assert!(matches!(new_event::create(&parent.0, &e).unwrap_err().as_slice(), [new_event::NewEventError::Exists(_)]));
    // The new event declares no tracks yet: the import says which to add, and the check names
    // every session that has one.
    let plan = import(Source::Sessionize, &fs::read_to_string(fixtures().join("istiocon-2022-sessionize.json")).unwrap(), &dir);
    assert_eq!(plan.count(Action::Add), 150);
    assert!(plan.notes.iter().any(|n| n.contains("getting-started, infrastructure-networking, keynote, tech-evolution-whats-next, tools-features-functionality, use-case")), "{:?}", plan.notes);
    let site = site::load(&dir).unwrap();
    assert_eq!(site.diagnostics.errors(), 61);
    assert!(site.diagnostics.all().iter().all(|d| d.field.as_deref() == Some("track_slug")));
}
