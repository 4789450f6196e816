//! `registrations-dev`: tools for tests and benchmarks, kept out of the production binary: a fault
//! proxy that fails a share of requests, and a load generator (see `registrations-dev --help`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use registrations::store::{self, DatabaseUrl};
use registrations::{events, load, proxy};

#[derive(Parser)]
#[command(name = "registrations-dev", about = "Test and benchmark tools for the registration service", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// A proxy for tests that fails a share of requests (500s, slow answers, dropped connections).
    FaultProxy {
        #[arg(long, default_value = "127.0.0.1:0")]
        listen: SocketAddr,
        /// The service, e.g. http://127.0.0.1:8090.
        #[arg(long)]
        upstream: String,
        #[arg(long, default_value_t = 0.3)]
        fail_rate: f64,
        #[arg(long, default_value_t = 2500)]
        slow_ms: u64,
    },
    /// Send many registrations to a service on this computer and print registrations/s and latency.
    Load {
        /// The endpoint, e.g. http://127.0.0.1:8090/events/bench-con/registrations.
        #[arg(long)]
        url: String,
        #[arg(long)]
        content: PathBuf,
        #[arg(long)]
        event: String,
        #[arg(long, default_value_t = 10_000)]
        count: usize,
        #[arg(long, default_value_t = 200)]
        concurrency: usize,
        /// Check afterwards that every registration is stored exactly once in this database.
        #[arg(long)]
        verify: Option<DatabaseUrl>,
    },
}

fn main() -> ExitCode {
    registrations::run_command(run(Cli::parse().command))
}

type Error = Box<dyn std::error::Error + Send + Sync>;

async fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::FaultProxy { listen, upstream, fail_rate, slow_ms } => {
            if !listen.ip().is_loopback() || !events_model::registration::is_loopback_url(&upstream) {
                return Err("the fault proxy is for tests: listen on and forward to this computer only".into());
            }
            proxy::run(listen, upstream, proxy::Faults { fail_rate, slow_ms }).await?;
            Ok(())
        }
        Command::Load { url, content, event, count, concurrency, verify } => {
            let events = events::load(&content, &events_model::SiteAddress::default())?;
            let registration = events.get(&event).ok_or_else(|| format!("{event} takes no registrations in {}", content.display()))?.registration.clone();
            let count = count.min(1_000_000);
            let plan = load::Plan { url, event: event.clone(), registration, count, concurrency: concurrency.clamp(1, 2_000), max_attempts: 20, retry_wait: Duration::from_millis(100), timeout: Duration::from_secs(15) };
            let report = load::run(plan, |_| {}).await?;
            println!("{}", report.line());
            if let Some(db) = verify {
                let rows = store::rows(&db, Some(&event)).await?;
                let mut seen = std::collections::HashMap::new();
                for r in &rows {
                    *seen.entry(r.key.as_str()).or_insert(0usize) += 1;
                }
                let missing = report.accepted.iter().filter(|k| !seen.contains_key(k.as_str())).count();
                let twice = seen.values().filter(|n| **n > 1).count();
                println!("verified: {} accepted, {} rows for the event, {} accepted keys missing, {} keys stored twice", report.accepted.len(), rows.len(), missing, twice);
                if missing > 0 || twice > 0 || !report.failed.is_empty() {
                    return Err("not every registration was stored exactly once".into());
                }
            }
            Ok(())
        }
    }
}
