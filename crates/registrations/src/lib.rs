//! The registration service: receives the form's registrations (README.md, "Registration
//! endpoint"), checks them with the form's own rules, and stores each exactly once in SQLite or
//! PostgreSQL; with the commands to export, count and purge them.
//!
//! - [`events`]: the events taking registrations, from the content folder.
//! - [`store`]: the database, its migrations and the group-committing writer.
//! - [`server`]: the HTTP routes and their layers; [`error`]: every refusal as an answer;
//!   [`limit`]: the per-client rate limit.
//! - [`mail`]: optional confirmation emails.
//! - [`export`]: CSV and JSON export, stats.
//! - [`proxy`] and [`load`]: a fault-injecting proxy and a load generator, for tests and the
//!   benchmark (the `registrations-dev` binary).

pub mod error;
pub mod events;
pub mod export;
pub mod limit;
pub mod load;
pub mod mail;
pub mod proxy;
pub mod server;
pub mod store;

use std::future::Future;
use std::net::SocketAddr;
use std::process::ExitCode;

/// Runs a command-line program's work: logs to stderr (`RUST_LOG`, default `registrations=info`),
/// runs `work` on a multi-threaded runtime, and prints its error, if any, as `error: ...`.
pub fn run_command<F>(work: F) -> ExitCode
where
    F: Future<Output = Result<(), Box<dyn std::error::Error + Send + Sync>>>,
{
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "registrations=info".into()))
        .with_writer(std::io::stderr)
        .init();
    let result = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(Into::into).and_then(|r| r.block_on(work));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A running service (for tests and `serve`).
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    shutdown: tokio::sync::oneshot::Sender<()>,
    done: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Waits until the service has stopped (after its signal).
    pub async fn done_wait(self) {
        let _ = self.done.await;
    }

    /// Stops accepting, finishes the requests in flight and the writer's queue, then returns.
    pub async fn stop(self) {
        let _ = self.shutdown.send(());
        let _ = self.done.await;
    }
}

/// Starts the service on `listener` with `store` (its writer's handle in `writer`); it stops
/// when `stop` is called or `signal` completes.
pub fn start(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    writer: store::WriterDone,
    signal: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<Running> {
    let addr = listener.local_addr()?;
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let done = tokio::spawn(async move {
        let until = async move {
            tokio::select! {
                _ = stopped => {}
                _ = signal => {}
            }
        };
        let served = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(until).await;
        if let Err(e) = served {
            tracing::error!(error = %e, "the server stopped");
        }
        // Every request has been answered; the app (and its Store) is dropped, so the writer
        // finishes what is queued and stops.
        writer.wait().await;
    });
    Ok(Running { addr, shutdown, done })
}
