//! `site-build`: the site's build around Trunk's, run by Trunk's hooks (Trunk.toml).
//!
//! `site-build data` (the pre-build hook) checks the content folder (`CONTENT_DIR`, default
//! `content`) and writes the data, calendars and schedules into Trunk's `TRUNK_STAGING_DIR`;
//! a content error fails the build with the checker's `file:line: field: message` lines.
//! `site-build watch` does the same on every save (scripts/serve runs it beside trunk serve).
//!
//! `site-build pages` (the post-build hook) reads Trunk's `TRUNK_STAGING_DIR` and
//! `TRUNK_PROFILE`. A development build (`trunk serve`) needs nothing more: the app renders
//! every route itself. A release build gets its JavaScript glue minified (terser: Trunk
//! minifies JavaScript only along with the HTML, which must keep the comments hydration relies
//! on) and every page prerendered by `site-prerender` (the app crate compiled natively, so only
//! release builds pay for it), then the service worker built by Workbox from the finished
//! folder (unless `SITE_OFFLINE=0`).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};
use site_build::BuildError;

/// The site's build around Trunk's.
#[derive(Parser)]
#[command(name = "site-build")]
struct Args {
    #[command(subcommand)]
    command: Step,
}

/// What to build.
#[derive(Subcommand)]
enum Step {
    /// Before Trunk's build: check the content folder, then write the site's data files to
    /// OUT/data/ and each event's calendars, schedule.json and schedule.xml to OUT/<event>/.
    #[command(after_help = "Environment:\n  SITE_URL           the published address (default https://events.istio.io)\n  SOURCE_DATE_EPOCH  the calendars' DTSTAMP, in seconds (default now)")]
    Data {
        /// The content folder, or one event's folder.
        #[arg(env = "CONTENT_DIR", default_value = "content")]
        dir: PathBuf,
        /// The built site's folder (needed; Trunk sets TRUNK_STAGING_DIR for its hooks).
        #[arg(env = "TRUNK_STAGING_DIR")]
        out: Option<PathBuf>,
    },
    /// Build the data, then build it again each time a file in DIR changes (checked every
    /// 200 ms), until stopped: scripts/serve runs it beside trunk serve.
    Watch {
        /// The content folder.
        dir: PathBuf,
        /// The served site's folder.
        out: PathBuf,
    },
    /// After Trunk's build: in release builds, minify the JavaScript and prerender every page.
    Pages {
        /// Trunk's output folder (set by Trunk for its hooks).
        #[arg(long, env = "TRUNK_STAGING_DIR")]
        dir: PathBuf,
        /// Trunk's profile (`release` or `debug`; set by Trunk for its hooks).
        #[arg(long, env = "TRUNK_PROFILE", default_value = "debug")]
        profile: String,
        /// Keep the JavaScript glue's names (a copy for profiling: `WASM_NAMES=1 scripts/build`).
        #[arg(long, env = "WASM_NAMES", value_parser = clap::builder::FalseyValueParser::new())]
        names: bool,
        /// Whether the site works offline and installs (service worker, manifest, icons):
        /// `SITE_OFFLINE=0` turns it off.
        #[arg(long, env = "SITE_OFFLINE", default_value = "true", value_parser = clap::builder::BoolishValueParser::new(), action = clap::ArgAction::Set)]
        offline: bool,
    },
}

fn main() -> ExitCode {
    match Args::parse().command {
        Step::Data { dir, out } => {
            // Optional for clap, which takes no required positional after an optional one.
            let Some(out) = out else { no_out() };
            if site_build::data::build_and_report(&dir, &out) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Step::Watch { dir, out } => site_build::data::watch(&dir, &out),
        Step::Pages { dir, profile, names, offline } => pages(&dir, &profile, names, offline),
    }
}

/// Exits as clap does for a missing argument (2, with the usage of `site-build data`).
fn no_out() -> ! {
    let mut args = Args::command();
    args.build();
    let message = "the built site's folder is needed: give OUT, or set TRUNK_STAGING_DIR (Trunk does for its hooks)";
    let data = args.find_subcommand_mut("data").expect("`data` is a subcommand");
    data.error(ErrorKind::MissingRequiredArgument, message).exit()
}

/// `site-build pages`: nothing in a development build; in a release build the JavaScript glue
/// minified, every page prerendered and, with `offline`, the service worker built.
fn pages(dir: &Path, profile: &str, names: bool, offline: bool) -> ExitCode {
    if profile != "release" {
        return ExitCode::SUCCESS;
    }
    let worker = || if offline { site_build::offline::worker(dir) } else { Ok(()) };
    match minify_scripts(dir, names).and_then(|()| prerender(dir, offline)).and_then(|()| worker()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `program` with `args`; an error names the tool and what went wrong.
fn run(tool: &str, program: &Path, args: &[&std::ffi::OsStr]) -> Result<(), BuildError> {
    let status = Command::new(program)
        .args(args)
        .status()
        .map_err(|e| BuildError::Tool { tool: tool.into(), problem: format!("{}: {e} (scripts/setup installs it)", program.display()) })?;
    if status.success() {
        Ok(())
    } else {
        Err(BuildError::Tool { tool: tool.into(), problem: format!("exited with {status}") })
    }
}

/// Every `*.js` of `dir` minified in place by terser (`tools/`); `names` keeps their names.
fn minify_scripts(dir: &Path, names: bool) -> Result<(), BuildError> {
    let terser = Path::new("tools/node_modules/.bin/terser");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(BuildError::io(dir))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "js"))
        .collect();
    scripts.sort();
    for js in scripts {
        let min = js.with_extension("js.min");
        let mut args = vec![js.as_os_str(), "--module".as_ref(), "--compress".as_ref()];
        if !names {
            args.push("--mangle".as_ref());
        }
        args.extend(["--output".as_ref(), min.as_os_str()]);
        run("terser", terser, &args)?;
        std::fs::rename(&min, &js).map_err(BuildError::io(&js))?;
    }
    Ok(())
}

/// Every page prerendered into `dir` by `site-prerender` (built natively with the app).
fn prerender(dir: &Path, offline: bool) -> Result<(), BuildError> {
    let cargo = std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from);
    let args = ["run", "--quiet", "--offline", "-p", "site-build", "--features", "prerender", "--bin", "site-prerender", "--"];
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    all.push(dir.as_os_str());
    all.extend(["--offline", if offline { "true" } else { "false" }].map(std::ffi::OsStr::new));
    run("site-prerender", &cargo, &all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arguments_are_declared_consistently() {
        Args::command().debug_assert();
    }
}
