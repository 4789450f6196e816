//! The `content` command as organizers and scripts call it: `--help` for every subcommand, and
//! the exit codes of a command line it cannot take (2) and of a command that fails (1).

use std::process::{Command, Output};

fn content(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_content")).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Each subcommand with words its help must have: its usage line and its arguments.
const SUBCOMMANDS: &[(&str, &[&str])] = &[
    ("check", &["Usage: content check <DIR>"]),
    ("import", &["Usage: content import [OPTIONS] <SOURCE> <FILE> <DIR>", "sessionize", "pretalx", "frab", "--dry-run", "--no-service-sessions", "--map <TITLE=FIELD>", "--photos", "profilePicture", "avatar", "over 5 MB"]),
    ("new-event", &["Usage: content new-event <SLUG> --name <NAME> --start <DATE> --end <DATE> --timezone <ZONE> [OPTIONS]", "--place", "--kind", "--summary", "--in <FOLDER>", "[default: content]"]),
];

#[test]
fn every_subcommand_has_its_help() {
    for (sub, words) in SUBCOMMANDS {
        for flag in ["--help", "-h"] {
            let out = content(&[sub, flag]);
            assert_eq!(out.status.code(), Some(0), "{sub} {flag}: {}", String::from_utf8_lossy(&out.stderr));
            let help = stdout(&out);
            for word in *words {
                assert!(help.contains(word), "{sub} {flag} lacks {word}:\n{help}");
            }
        }
        // `content help <sub>` says the same as `content <sub> --help`.
        assert_eq!(stdout(&content(&["help", sub])), stdout(&content(&[sub, "--help"])), "{sub}");
    }
}

#[test]
fn the_command_lists_every_subcommand() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let out = content(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let help = stdout(&out);
        for (sub, _) in SUBCOMMANDS {
            assert!(help.lines().any(|l| l.trim_start().starts_with(&format!("{sub} "))), "{args:?} lacks {sub}:\n{help}");
        }
    }
}

#[test]
fn a_command_line_it_cannot_take_exits_with_2_and_says_why_a_failure_with_1() {
    for (args, why) in [
        (&[][..], "Usage: content <COMMAND>"),
        (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (&["check"], "<DIR>"),
        (&["check", "a", "b"], "unexpected argument 'b'"),
        (&["import", "nosuch", "a", "b"], "[possible values: sessionize, pretalx, frab]"),
        (&["import", "sessionize", "a", "b", "--map", "Level=colour"], "`colour` is not a field"),
        (&["import", "sessionize", "a", "b", "--bogus"], "unexpected argument '--bogus'"),
        (&["new-event", "x", "--name"], "a value is required for '--name <NAME>'"),
    ] {
        let out = content(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(why), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // A command line it takes, whose work fails: 1, with the command's own message.
    let out = content(&["check", "/nonexistent-content-folder"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "error: /nonexistent-content-folder is not a folder\n");
    let out = content(&["new-event", "x", "--in", "/nonexistent-content-folder"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for option in ["--name", "--start", "--end", "--timezone"] {
        assert!(err.contains(&format!("error: {option} is missing")), "{err}");
    }
}
