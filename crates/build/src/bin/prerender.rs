//! `site-prerender DIR`: renders every page of the site into Trunk's output folder `DIR` (with
//! the app's own components, natively), for the site at `SITE_URL` (see `site_build::pages`).

// Deeply nested view types (pages of sessions with controls) need more than the default 128.
#![recursion_limit = "256"]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use events_model::SiteAddress;

/// Renders every page of the site (content compiled into DIR/data/) into DIR, for the site at
/// `SITE_URL` (else the default address).
#[derive(Parser)]
struct Args {
    /// Trunk's output folder, with its index.html and the compiled data/.
    dir: PathBuf,
    /// Whether the site works offline and installs (web app manifest, icons, offline page):
    /// `SITE_OFFLINE=0` turns it off.
    #[arg(long, env = "SITE_OFFLINE", default_value = "true", value_parser = clap::builder::BoolishValueParser::new(), action = clap::ArgAction::Set)]
    offline: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let run = || -> Result<usize, site_build::BuildError> {
        let site = SiteAddress::from_env()?;
        any_spawner::Executor::init_futures_executor()
            .map_err(|e| site_build::BuildError::Tool { tool: "any_spawner".into(), problem: format!("{e:?}") })?;
        Ok(site_build::pages::prerender(&args.dir, &site, istio_events_site::time::now(), args.offline)?.pages)
    };
    match run() {
        Ok(pages) => {
            eprintln!("prerendered {pages} pages into {}", args.dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: prerendering failed: {e}");
            ExitCode::FAILURE
        }
    }
}
