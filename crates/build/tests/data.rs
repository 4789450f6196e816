//! `site-build data` as Trunk's pre-build hook runs it (Trunk.toml: no arguments, the folders
//! from `CONTENT_DIR` and `TRUNK_STAGING_DIR`) and as a person does (`site-build data DIR OUT`):
//! what it writes, how a content error fails it, and the hook itself.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `site-build` with `args` and `env`, in the repository's folder (where Trunk runs it), with
/// neither `CONTENT_DIR` nor `TRUNK_STAGING_DIR` set unless `env` sets them.
fn site_build(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_site-build"));
    command.args(args).current_dir(root()).env_remove("CONTENT_DIR").env_remove("TRUNK_STAGING_DIR").env("SOURCE_DATE_EPOCH", "1767323045");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_hook_builds_content_into_trunks_staging_folder() {
    let out = tempfile::tempdir().unwrap();
    let run = site_build(&["data"], &[("TRUNK_STAGING_DIR", out.path())]);
    assert!(run.status.success(), "{}", stderr(&run));
    for file in ["data/events.json", "data/events/istiocon-2022.json", "istiocon-2022/programme.ics", "istiocon-2022/istiocon-2022.ics", "istiocon-2022/sessions/a3.ics", "istiocon-2022/schedule.json", "istiocon-2022/schedule.xml"] {
        assert!(out.path().join(file).is_file(), "{file}");
    }
    let err = stderr(&run);
    assert!(err.contains("checked: ") && err.contains("; 0 errors,"), "{err}");
    assert!(err.contains(" calendar and schedule files in "), "{err}");
}

#[test]
fn content_dir_builds_another_folder_and_arguments_override_both() {
    let hostile = root().join("tests/fixtures/hostile");
    let by_env = tempfile::tempdir().unwrap();
    let run = site_build(&["data"], &[("CONTENT_DIR", &hostile), ("TRUNK_STAGING_DIR", by_env.path())]);
    assert!(run.status.success(), "{}", stderr(&run));
    let by_args = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let hostile_arg = hostile.display().to_string();
    let out_arg = by_args.path().display().to_string();
    let run = site_build(&["data", &hostile_arg, &out_arg], &[("TRUNK_STAGING_DIR", elsewhere.path())]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(std::fs::read(by_env.path().join("data/events.json")).unwrap(), std::fs::read(by_args.path().join("data/events.json")).unwrap());
    assert!(!elsewhere.path().join("data").exists());
}

#[test]
fn a_content_error_fails_the_build_with_file_line_and_field() {
    let broken = tempfile::tempdir().unwrap();
    let event = broken.path().join("istio-day-broken-2030");
    std::fs::create_dir_all(event.join("sessions")).unwrap();
    let fixture = root().join("crates/content/tests/fixtures/valid/istio-day-amsterdam-2030/event.md");
    std::fs::copy(fixture, event.join("event.md")).unwrap();
    std::fs::write(event.join("sessions/a1.md"), "---\ntitle: \"A talk\"\nid: a1\ntime_start: \"nonsense\"\n---\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = site_build(&["data", &broken.path().display().to_string(), &out.path().display().to_string()], &[]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(err.contains("sessions/a1.md:4: field `time_start`: "), "{err}");
    assert!(err.ends_with("the site was not built: fix the errors above, then save again\n"), "{err}");
    assert!(!out.path().join("data").exists());
}

#[test]
fn without_an_output_folder_it_exits_with_2_and_says_so() {
    let run = site_build(&["data"], &[]);
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(err.contains("give OUT, or set TRUNK_STAGING_DIR") && err.contains("Usage: site-build data [DIR] [OUT]"), "{err}");
    // A folder that is not one is named.
    let run = site_build(&["data", "/nonexistent-content-folder", "/tmp"], &[]);
    assert_eq!((run.status.code(), stderr(&run).as_str()), (Some(1), "error: /nonexistent-content-folder is not a folder\n"));
}

#[test]
fn the_help_says_what_each_step_takes() {
    let help = |args: &[&str]| String::from_utf8_lossy(&site_build(args, &[]).stdout).into_owned();
    let data = help(&["data", "--help"]);
    for words in ["Usage: site-build data [DIR] [OUT]", "[env: CONTENT_DIR=]", "[default: content]", "[env: TRUNK_STAGING_DIR=]", "SITE_URL", "SOURCE_DATE_EPOCH"] {
        assert!(data.contains(words), "{words}:\n{data}");
    }
    let watch = help(&["watch", "--help"]);
    assert!(watch.contains("Usage: site-build watch <DIR> <OUT>") && watch.contains("200 ms"), "{watch}");
}

#[test]
fn trunks_hooks_call_site_build_with_no_shell() {
    let trunk = std::fs::read_to_string(root().join("Trunk.toml")).unwrap();
    let hooks: Vec<&str> = trunk.split("[[hooks]]").skip(1).collect();
    assert_eq!(hooks.len(), 2, "{trunk}");
    for (hook, stage, step) in [(hooks[0], "pre_build", "data"), (hooks[1], "post_build", "pages")] {
        assert!(hook.contains(&format!("stage = \"{stage}\"")), "{hook}");
        assert!(hook.contains("command = \"cargo\""), "{hook}");
        let arguments = format!("command_arguments = [\"run\", \"--quiet\", \"--offline\", \"-p\", \"site-build\", \"--bin\", \"site-build\", \"--\", \"{step}\"]");
        assert!(hook.contains(&arguments), "{hook}");
    }
    assert!(!trunk.contains("\"sh\""), "{trunk}");
}
