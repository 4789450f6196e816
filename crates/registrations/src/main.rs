//! `registrations`: the registration service and its commands (see `registrations --help`). The
//! tools for tests and benchmarks are in `registrations-dev`.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use registrations::store::{DatabaseUrl, Store};
use registrations::{events, export, mail, server, store};

#[derive(Parser)]
#[command(name = "registrations", about = "The Istio events registration service", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Csv,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Serve POST /events/<event>/registrations (also under /api/) and GET /healthz.
    Serve {
        /// The content folder (the events' registration blocks).
        #[arg(long)]
        content: PathBuf,
        /// `sqlite:FILE` or `postgres://...`.
        #[arg(long)]
        database: DatabaseUrl,
        /// Where to listen.
        #[arg(long, default_value = "127.0.0.1:8090")]
        listen: SocketAddr,
        /// An origin whose pages may send registrations (CORS), e.g. https://events.istio.io;
        /// repeat for more. A same-origin endpoint needs none.
        #[arg(long = "allow-origin")]
        allow_origins: Vec<String>,
        /// Requests per minute per client address (0: no limit). The default lets an office
        /// behind one address register together.
        #[arg(long, default_value_t = 600)]
        rate_limit: u32,
        /// A proxy whose X-Forwarded-For names the client; repeat for more. Default: this
        /// computer (127.0.0.1, ::1), where the documented nginx runs.
        #[arg(long = "trusted-proxy")]
        trusted_proxies: Vec<IpAddr>,
        /// Accept registrations whatever the registration dates (development and tests, with
        /// the site's ?preview-at=).
        #[arg(long)]
        ignore_dates: bool,
        /// The site's address, for the event calendar attached to confirmations.
        #[arg(long, default_value = events_model::site::DEFAULT_SITE_URL, value_parser = events_model::SiteAddress::parse)]
        site_url: events_model::SiteAddress,
    },
    /// Write every registration of an event, as CSV (spreadsheet-safe) or JSON.
    Export {
        #[arg(long)]
        database: DatabaseUrl,
        #[arg(long)]
        event: String,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Per event: how many registrations, first and last, and (with --content) choice counts.
    Stats {
        #[arg(long)]
        database: DatabaseUrl,
        #[arg(long)]
        content: Option<PathBuf>,
        /// JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Delete an event's registrations received before a date (retention).
    Purge {
        #[arg(long)]
        database: DatabaseUrl,
        #[arg(long)]
        event: String,
        /// A date (YYYY-MM-DD, midnight UTC) or an RFC 3339 date-time.
        #[arg(long)]
        before: String,
    },
    /// Bring the database's schema up to date and print its version.
    Migrate {
        #[arg(long)]
        database: DatabaseUrl,
    },
}

fn main() -> ExitCode {
    registrations::run_command(run(Cli::parse().command))
}

type Error = Box<dyn std::error::Error + Send + Sync>;

fn parse_date(s: &str) -> Result<i64, Error> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t.as_millisecond());
    }
    let d: jiff::civil::Date = s.parse().map_err(|e| format!("`{s}` is neither YYYY-MM-DD nor an RFC 3339 date-time: {e}"))?;
    Ok(d.to_zoned(jiff::tz::TimeZone::UTC)?.timestamp().as_millisecond())
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(t) => t,
            Err(_) => return ctrl_c.await.unwrap_or(()),
        };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
    tracing::info!("shutting down: finishing the requests in flight");
}

async fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Serve { content, database, listen, allow_origins, rate_limit, trusted_proxies, ignore_dates, site_url } => {
            let events = events::load(&content, &site_url)?;
            let (store, writer) = Store::open(&database).await?;
            let mailer = match mail::SmtpSettings::from_env()? {
                Some(settings) => Some(mail::Mailer::start(settings, store.clone())?.0),
                None => None,
            };
            let trusted_proxies = if trusted_proxies.is_empty() { vec![IpAddr::from([127, 0, 0, 1]), IpAddr::from(std::net::Ipv6Addr::LOCALHOST)] } else { trusted_proxies };
            if ignore_dates {
                tracing::warn!("--ignore-dates: registrations are accepted whatever the registration dates (development only)");
            }
            let mut slugs: Vec<&String> = events.keys().collect();
            slugs.sort();
            tracing::info!(events = ?slugs, mail = mailer.is_some(), "taking registrations");
            let settings = server::Settings { allow_origins, rate_limit_per_minute: rate_limit, trusted_proxies, ignore_dates };
            let clock: server::Clock = Arc::new(|| jiff::Timestamp::now().as_second());
            let app = server::app(events, store, settings, clock, mailer);
            let listener = tokio::net::TcpListener::bind(listen).await?;
            let running = registrations::start(listener, app, writer, shutdown_signal())?;
            eprintln!("registrations: listening on http://{}", running.addr);
            running.done_wait().await;
            Ok(())
        }
        Command::Export { database, event, format } => {
            let rows = store::rows(&database, Some(&event)).await?;
            let out = std::io::stdout().lock();
            match format {
                Format::Csv => export::csv(&rows, out)?,
                Format::Json => export::json(&rows, out)?,
            }
            Ok(())
        }
        Command::Stats { database, content, json } => {
            let events = match content {
                Some(dir) => Some(events::load(&dir, &events_model::SiteAddress::default())?),
                None => None,
            };
            let rows = store::rows(&database, None).await?;
            let stats = export::stats(&rows, events.as_ref());
            if json {
                println!("{}", serde_json::to_string_pretty(&stats)?);
            } else {
                print!("{}", export::stats_text(&stats));
            }
            Ok(())
        }
        Command::Purge { database, event, before } => {
            let before_ms = parse_date(&before)?;
            let n = store::purge(&database, &event, before_ms).await?;
            println!("purged {n} registrations of {event} received before {}", export::utc(before_ms));
            Ok(())
        }
        Command::Migrate { database } => {
            let (store, writer) = Store::open(&database).await?;
            drop(store);
            writer.wait().await;
            println!("schema version {}", store::latest_version());
            Ok(())
        }
    }
}
