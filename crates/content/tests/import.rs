//! The importers on IstioCon 2022 (fixtures/import: a Sessionize export in America/New_York and
//! a pretalx export in Europe/Amsterdam, made from the published facts): each makes a folder
//! that `content check` passes, with the same sessions, times, speakers and recordings as the
//! project's own content/istiocon-2022; importing again changes nothing; and a new event made by
//! `new-event` passes the check as it is.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

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
    let text = fs::read_to_string(&event_path).unwrap();
    let (event, problems) = EventFile::parse(&event_path, &text);
    assert!(problems.is_empty(), "{problems:?}");
    let existing = import::read_existing(dir).unwrap();
    let plan = import::plan(source, export, &import::Event::from_file(&event.unwrap(), &text), &existing, &Options::default()).unwrap();
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
    // 150 files, and event.md gets the formats it lacks.
    assert_eq!((plan.count(Action::Add), plan.count(Action::Update), plan.removed.len()), (150, 1, 0));
    let mut formats: Vec<&str> = plan.formats_added.iter().map(|(n, _)| n.as_str()).collect();
    formats.sort();
    assert_eq!(formats, ["Lightning talk", "Panel", "Presentation", "Workshop"]);
    assert!(plan.tracks_added.is_empty(), "{:?}", plan.tracks_added);
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
    let before = snapshot(&dir.0);
    let again = import(source, &export, &dir.0);
    assert_eq!((again.count(Action::Add), again.count(Action::Update), again.count(Action::Unchanged)), (0, 0, 150));
    assert_eq!(before, snapshot(&dir.0));
}

#[test]
fn sessionize_export_in_new_york_round_trips_to_our_istiocon_2022() {
    round_trip(Source::Sessionize, "istiocon-2022-sessionize.json", "new-york");
}

#[test]
fn pretalx_export_in_amsterdam_round_trips_to_our_istiocon_2022() {
    round_trip(Source::Pretalx, "istiocon-2022-pretalx.json", "amsterdam");
}

/// Every file under `dir` with its text, in path order.
fn snapshot(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_track_event_md_lacks_is_added_after_the_organizers_own() {
    let dir = event_folder("new-york", "no-keynote-track");
    let event_md = dir.0.join("event.md");
    let text = fs::read_to_string(&event_md).unwrap().replace("  - name: \"Keynote\"\n    slug: \"keynote\"\n", "");
    // The organizers wrote a description for one of their tracks: it stays.
    let text = text.replace("    slug: \"use-case\"\n", "    slug: \"use-case\"\n    description: \"Ours.\"\n");
    fs::write(&event_md, &text).unwrap();
    let plan = import(Source::Sessionize, &fs::read_to_string(fixtures().join("istiocon-2022-sessionize.json")).unwrap(), &dir.0);
    assert_eq!(plan.tracks_added, [("Keynote".to_owned(), "keynote".to_owned())]);
    let after = fs::read_to_string(&event_md).unwrap();
    assert!(
        after.contains("    slug: \"use-case\"\n    description: \"Ours.\"\n")
            && after.contains("  - name: \"Tech evolution & what's next\"\n    slug: \"tech-evolution-whats-next\"\n  - name: \"Keynote\"\n    slug: \"keynote\"\n"),
        "{after}"
    );
    let site = check_clean(&dir.0);
    assert_eq!(site.session_count(), 65);
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
    // The new event declares no tracks yet: the import adds them, in the export's order.
    let plan = import(Source::Sessionize, &fs::read_to_string(fixtures().join("istiocon-2022-sessionize.json")).unwrap(), &dir);
    assert_eq!(plan.count(Action::Add), 150);
    let slugs: Vec<&str> = plan.tracks_added.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(slugs, ["keynote", "getting-started", "tools-features-functionality", "infrastructure-networking", "use-case", "tech-evolution-whats-next"]);
    check_clean(&dir);
}
