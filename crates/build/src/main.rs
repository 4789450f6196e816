//! `site-build`: the site's build after Trunk's, run by Trunk's post-build hook (Trunk.toml).
//!
//! `site-build pages` reads Trunk's `TRUNK_STAGING_DIR` and `TRUNK_PROFILE`. A development
//! build (`trunk serve`) needs nothing more: the app renders every route itself. A release
//! build gets its JavaScript glue minified (terser: Trunk minifies JavaScript only along with
//! the HTML, which must keep the comments hydration relies on) and every page prerendered by
//! `site-prerender` (the app crate compiled natively, so only release builds pay for it).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::{Parser, Subcommand};
use site_build::BuildError;

/// The site's build after Trunk's.
#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    command: Step,
}

/// What to build.
#[derive(Subcommand)]
enum Step {
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
    },
}

fn main() -> ExitCode {
    let Step::Pages { dir, profile, names } = Args::parse().command;
    if profile != "release" {
        return ExitCode::SUCCESS;
    }
    match minify_scripts(&dir, names).and_then(|()| prerender(&dir)) {
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
fn prerender(dir: &Path) -> Result<(), BuildError> {
    let cargo = std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from);
    let args = ["run", "--quiet", "--offline", "-p", "site-build", "--features", "prerender", "--bin", "site-prerender", "--"];
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    all.push(dir.as_os_str());
    run("site-prerender", &cargo, &all)
}
