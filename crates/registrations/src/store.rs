//! Where registrations are kept: SQLite (one file, WAL, `synchronous=FULL`) or PostgreSQL.
//!
//! Every write goes through one writer ([`Store::submit`]): a task that takes all the requests
//! waiting, stores them in one transaction, and answers each only after the commit (group
//! commit), so a 2xx always means the registration is on disk, and a thousand registrations
//! cost one `fsync` instead of a thousand. Requests with one key are handled in the order they
//! arrived, so the second sees the first: the same answer, one row.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use tokio::sync::{mpsc, oneshot};

/// The most registrations stored in one transaction.
const BATCH: usize = 1024;

/// A database address: `sqlite:FILE` or `postgres://...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection string.
    Postgres(String),
}

impl std::str::FromStr for DatabaseUrl {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if let Some(path) = s.strip_prefix("sqlite://").or_else(|| s.strip_prefix("sqlite:")) {
            if path.is_empty() {
                return Err("`sqlite:` needs a file, e.g. `sqlite:registrations.sqlite`".into());
            }
            Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
        } else if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Ok(DatabaseUrl::Postgres(s.to_owned()))
        } else {
            Err(format!("`{s}` is neither `sqlite:FILE` nor `postgres://...`"))
        }
    }
}

/// What went wrong in the database.
#[derive(Debug)]
pub enum StoreError {
    /// SQLite.
    Sqlite(rusqlite::Error),
    /// PostgreSQL.
    Postgres(tokio_postgres::Error),
    /// The writer has stopped (the service is shutting down).
    Stopped,
    /// The database was written by a newer version of this program.
    TooNew {
        /// The newest migration in the database.
        found: i64,
        /// The newest this program knows.
        known: i64,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sqlite(e) => write!(f, "SQLite: {e}"),
            StoreError::Postgres(e) => write!(f, "PostgreSQL: {e}"),
            StoreError::Stopped => write!(f, "the database writer has stopped"),
            StoreError::TooNew { found, known } => {
                write!(f, "the database is at schema version {found}, newer than this program's {known}: use a newer `registrations`")
            }
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        StoreError::Postgres(e)
    }
}

/// The schema, one step per version; a database remembers the steps it has had
/// (`schema_migrations`) and gets the ones it has not, in order, each in its own transaction.
pub struct Migration {
    /// Its version.
    pub version: i64,
    /// What it does.
    pub about: &'static str,
    /// The SQL for SQLite.
    pub sqlite: &'static str,
    /// The SQL for PostgreSQL.
    pub postgres: &'static str,
}

/// Every migration, oldest first: one SQL file per version and backend, under `migrations/`.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        about: "registrations, one row per idempotency key",
        sqlite: include_str!("../migrations/sqlite/0001_registrations.sql"),
        postgres: include_str!("../migrations/postgres/0001_registrations.sql"),
    },
    Migration {
        version: 2,
        about: "when the confirmation email was sent",
        sqlite: include_str!("../migrations/sqlite/0002_confirmation_sent.sql"),
        postgres: include_str!("../migrations/postgres/0002_confirmation_sent.sql"),
    },
];

/// The newest schema version.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// A registration to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRegistration {
    /// The event's slug.
    pub event: String,
    /// The idempotency key.
    pub key: String,
    /// The reference the visitor sees.
    pub reference: String,
    /// When the visitor submitted it (their clock).
    pub submitted_at: String,
    /// The body in canonical JSON (keys sorted), compared with a repeat's.
    pub body: String,
    /// When it arrived (milliseconds since 1970, the server's clock).
    pub received_ms: i64,
    /// The event's places, past which registrations go on the waiting list.
    pub capacity: Option<u32>,
}

/// What the database holds for one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// The reference.
    pub reference: String,
    /// Whether it is on the waiting list.
    pub waiting_list: bool,
}

/// What storing a registration came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Stored now.
    New(Receipt),
    /// The key was there with the same body: nothing stored, the first answer.
    Repeat(Receipt),
    /// The key was there with a different body.
    Conflict,
}

/// One stored registration, as exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The event.
    pub event: String,
    /// The idempotency key.
    pub key: String,
    /// The reference.
    pub reference: String,
    /// When it arrived (milliseconds since 1970).
    pub received_ms: i64,
    /// When the visitor submitted it.
    pub submitted_at: String,
    /// On the waiting list.
    pub waiting_list: bool,
    /// The body as received (canonical JSON).
    pub body: String,
}

/// A job for the writer.
enum Job {
    /// Store this, unless its key is there.
    Insert(NewRegistration, oneshot::Sender<Result<Stored, StoreError>>),
    /// What the database has for this key and body (after every job queued before it).
    Lookup { key: String, body: String, reply: oneshot::Sender<Result<Option<Stored>, StoreError>> },
    /// The confirmation for this key was sent at this time.
    Mailed { key: String, at_ms: i64 },
}

/// The database, with its writer running.
#[derive(Clone)]
pub struct Store {
    jobs: mpsc::UnboundedSender<Job>,
    reader: Reader,
}

/// Reads outside the writer (health checks).
#[derive(Clone)]
enum Reader {
    Sqlite(PathBuf),
    Postgres(std::sync::Arc<tokio_postgres::Client>),
}

/// The writer's handle, to wait for it to finish once every [`Store`] is dropped.
pub struct WriterDone(tokio::task::JoinHandle<()>);

impl WriterDone {
    /// Waits until the writer has stored and answered everything queued.
    pub async fn wait(self) {
        let _ = self.0.await;
    }
}

impl Store {
    /// Opens the database (creating a SQLite file if needed), brings its schema up to date and
    /// starts the writer.
    pub async fn open(url: &DatabaseUrl) -> Result<(Store, WriterDone), StoreError> {
        let (tx, rx) = mpsc::unbounded_channel();
        match url {
            DatabaseUrl::Sqlite(path) => {
                let mut conn = open_sqlite(path)?;
                migrate_sqlite(&mut conn)?;
                let handle = tokio::task::spawn_blocking(move || sqlite_writer(conn, rx));
                Ok((Store { jobs: tx, reader: Reader::Sqlite(path.clone()) }, WriterDone(handle)))
            }
            DatabaseUrl::Postgres(url) => {
                let mut writer = connect_postgres(url).await?;
                migrate_postgres(&mut writer).await?;
                let reader = connect_postgres(url).await?;
                let handle = tokio::spawn(postgres_writer(writer, rx));
                Ok((Store { jobs: tx, reader: Reader::Postgres(std::sync::Arc::new(reader)) }, WriterDone(handle)))
            }
        }
    }

    /// Stores a registration (or finds its key), answered after the commit.
    pub async fn submit(&self, new: NewRegistration) -> Result<Stored, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job::Insert(new, reply)).map_err(|_| StoreError::Stopped)?;
        answer.await.map_err(|_| StoreError::Stopped)?
    }

    /// What is stored for `key` (compared with `body`), after everything queued before.
    pub async fn lookup(&self, key: &str, body: &str) -> Result<Option<Stored>, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job::Lookup { key: key.to_owned(), body: body.to_owned(), reply }).map_err(|_| StoreError::Stopped)?;
        answer.await.map_err(|_| StoreError::Stopped)?
    }

    /// Notes that the confirmation for `key` was sent.
    pub fn mailed(&self, key: &str, at_ms: i64) {
        let _ = self.jobs.send(Job::Mailed { key: key.to_owned(), at_ms });
    }

    /// Whether the database answers.
    pub async fn healthy(&self) -> Result<(), StoreError> {
        match &self.reader {
            Reader::Sqlite(path) => {
                let path = path.clone();
                tokio::task::spawn_blocking(move || -> Result<(), StoreError> {
                    let conn = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
                    conn.query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get::<_, i64>(0))?;
                    Ok(())
                })
                .await
                .map_err(|_| StoreError::Stopped)?
            }
            Reader::Postgres(client) => {
                client.simple_query("SELECT 1").await?;
                Ok(())
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// SQLite

/// Opens a SQLite file for writing: WAL (readers never wait for the writer) and
/// `synchronous=FULL` (a commit is on disk, even if the power fails, before it returns).
pub fn open_sqlite(path: &std::path::Path) -> Result<rusqlite::Connection, StoreError> {
    let conn = rusqlite::Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(mode, "SQLite did not switch to WAL");
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

/// The schema version of a SQLite database (0: empty).
pub fn sqlite_version(conn: &rusqlite::Connection) -> Result<i64, StoreError> {
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)", [])?;
    Ok(conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |r| r.get(0))?)
}

/// Applies the migrations a SQLite database has not had, up to `upto`.
pub fn migrate_sqlite_to(conn: &mut rusqlite::Connection, upto: i64) -> Result<i64, StoreError> {
    let at = sqlite_version(conn)?;
    if at > latest_version() {
        return Err(StoreError::TooNew { found: at, known: latest_version() });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > at && m.version <= upto) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(m.sqlite)?;
        tx.execute("INSERT INTO schema_migrations (version, applied_ms) VALUES (?1, ?2)", params![m.version, now_ms()])?;
        tx.commit()?;
        tracing::info!(version = m.version, about = m.about, "migrated the database");
    }
    sqlite_version(conn)
}

fn migrate_sqlite(conn: &mut rusqlite::Connection) -> Result<i64, StoreError> {
    migrate_sqlite_to(conn, latest_version())
}

/// How often the checkpointer copies the WAL into the database file.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// Copies committed pages from the WAL into the database file on its own connection and thread,
/// so the writer's commits never wait for a checkpoint (SQLite's automatic checkpoint runs in
/// the committing connection, after its commit and before its answers). Stops, with a last
/// checkpoint that empties the WAL, when `stop` is dropped.
fn sqlite_checkpointer(path: PathBuf, stop: std::sync::mpsc::Receiver<()>) {
    let conn = match open_sqlite(&path) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "no checkpointer: SQLite checkpoints in the writer instead");
            return;
        }
    };
    let checkpoint = |mode: &str| {
        if let Err(e) = conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |_| Ok(())) {
            tracing::warn!(error = %e, "checkpoint");
        }
    };
    while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stop.recv_timeout(CHECKPOINT_EVERY) {
        checkpoint("PASSIVE");
    }
    checkpoint("TRUNCATE");
}

fn sqlite_writer(mut conn: rusqlite::Connection, mut rx: mpsc::UnboundedReceiver<Job>) {
    // Checkpoints run beside the writer; should that thread not start, SQLite's own take over.
    let (_stop, stopped) = std::sync::mpsc::channel::<()>();
    let path = conn.path().map(PathBuf::from);
    let checkpointer = path.and_then(|p| std::thread::Builder::new().name("sqlite-checkpoint".into()).spawn(move || sqlite_checkpointer(p, stopped)).ok());
    if checkpointer.is_some()
        && let Err(e) = conn.pragma_update(None, "wal_autocheckpoint", 0)
    {
        tracing::warn!(error = %e, "automatic checkpoints stay on");
    }
    let mut jobs = Vec::with_capacity(BATCH);
    while let Some(first) = rx.blocking_recv() {
        jobs.push(first);
        while jobs.len() < BATCH {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let started = std::time::Instant::now();
        let results = sqlite_batch(&mut conn, &jobs);
        tracing::debug!(jobs = jobs.len(), ms = started.elapsed().as_secs_f64() * 1000.0, "committed a batch");
        answer(std::mem::take(&mut jobs), results);
    }
    drop(_stop);
    if let Some(t) = checkpointer {
        let _ = t.join();
    }
}

/// What one job came to, before it is answered.
enum Done {
    Stored(Stored),
    Found(Option<Stored>),
    Nothing,
}

/// Answers every job of a batch: each its own result after the commit, or the batch's error.
fn answer(jobs: Vec<Job>, results: Result<Vec<Done>, StoreError>) {
    match results {
        Ok(done) => {
            for (job, done) in jobs.into_iter().zip(done) {
                match (job, done) {
                    (Job::Insert(_, reply), Done::Stored(s)) => {
                        let _ = reply.send(Ok(s));
                    }
                    (Job::Lookup { reply, .. }, Done::Found(s)) => {
                        let _ = reply.send(Ok(s));
                    }
                    _ => {}
                }
            }
        }
        Err(e) => {
            tracing::error!(error = %e, jobs = jobs.len(), "a batch of registrations could not be stored");
            for job in jobs {
                match job {
                    Job::Insert(_, reply) => {
                        let _ = reply.send(Err(StoreError::Stopped));
                    }
                    Job::Lookup { reply, .. } => {
                        let _ = reply.send(Err(StoreError::Stopped));
                    }
                    Job::Mailed { .. } => {}
                }
            }
        }
    }
}

fn compare(stored_body: &str, body: &str, receipt: Receipt) -> Stored {
    if stored_body == body { Stored::Repeat(receipt) } else { Stored::Conflict }
}

fn sqlite_batch(conn: &mut rusqlite::Connection, jobs: &[Job]) -> Result<Vec<Done>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut out = Vec::with_capacity(jobs.len());
    {
        let mut find = tx.prepare_cached("SELECT body, reference, waiting_list FROM registrations WHERE idempotency_key = ?1")?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO registrations (event, idempotency_key, reference, received_ms, submitted_at, waiting_list, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut count = tx.prepare_cached("SELECT COUNT(*) FROM registrations WHERE event = ?1 AND NOT waiting_list")?;
        let mut mailed = tx.prepare_cached("UPDATE registrations SET confirmation_sent_ms = ?2 WHERE idempotency_key = ?1")?;
        let mut placed: HashMap<String, i64> = HashMap::new();
        for job in jobs {
            let mut existing = |key: &str, body: &str| -> Result<Option<Stored>, StoreError> {
                Ok(find
                    .query_row([key], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?)))
                    .optional()?
                    .map(|(stored, reference, waiting_list)| compare(&stored, body, Receipt { reference, waiting_list })))
            };
            match job {
                Job::Lookup { key, body, .. } => out.push(Done::Found(existing(key, body)?)),
                Job::Mailed { key, at_ms } => {
                    mailed.execute(params![key, at_ms])?;
                    out.push(Done::Nothing);
                }
                Job::Insert(new, _) => {
                    if let Some(found) = existing(&new.key, &new.body)? {
                        out.push(Done::Stored(found));
                        continue;
                    }
                    let waiting_list = match new.capacity {
                        None => false,
                        Some(capacity) => {
                            let n = match placed.get(&new.event) {
                                Some(n) => *n,
                                None => count.query_row([&new.event], |r| r.get::<_, i64>(0))?,
                            };
                            let full = n >= i64::from(capacity);
                            placed.insert(new.event.clone(), if full { n } else { n + 1 });
                            full
                        }
                    };
                    insert.execute(params![new.event, new.key, new.reference, new.received_ms, new.submitted_at, waiting_list, new.body])?;
                    out.push(Done::Stored(Stored::New(Receipt { reference: new.reference.clone(), waiting_list })));
                }
            }
        }
    }
    tx.commit()?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/// Connects to PostgreSQL (the connection runs on its own task).
pub async fn connect_postgres(url: &str) -> Result<tokio_postgres::Client, StoreError> {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            tracing::error!(error = %e, "PostgreSQL connection ended");
        }
    });
    Ok(client)
}

/// The schema version of a PostgreSQL database (0: empty).
pub async fn postgres_version(client: &tokio_postgres::Client) -> Result<i64, StoreError> {
    client.batch_execute("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_ms BIGINT NOT NULL)").await?;
    Ok(client.query_one("SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_migrations", &[]).await?.get(0))
}

/// Applies the migrations a PostgreSQL database has not had, up to `upto`; instances starting
/// together take turns (an advisory lock).
pub async fn migrate_postgres_to(client: &mut tokio_postgres::Client, upto: i64) -> Result<i64, StoreError> {
    client.batch_execute("SELECT pg_advisory_lock(7413901)").await?;
    let result = async {
        let at = postgres_version(client).await?;
        if at > latest_version() {
            return Err(StoreError::TooNew { found: at, known: latest_version() });
        }
        for m in MIGRATIONS.iter().filter(|m| m.version > at && m.version <= upto) {
            let tx = client.transaction().await?;
            tx.batch_execute(m.postgres).await?;
            tx.execute("INSERT INTO schema_migrations (version, applied_ms) VALUES ($1, $2)", &[&m.version, &now_ms()]).await?;
            tx.commit().await?;
            tracing::info!(version = m.version, about = m.about, "migrated the database");
        }
        postgres_version(client).await
    }
    .await;
    client.batch_execute("SELECT pg_advisory_unlock(7413901)").await?;
    result
}

async fn migrate_postgres(client: &mut tokio_postgres::Client) -> Result<i64, StoreError> {
    migrate_postgres_to(client, latest_version()).await
}

async fn postgres_writer(mut client: tokio_postgres::Client, mut rx: mpsc::UnboundedReceiver<Job>) {
    let mut jobs = Vec::with_capacity(BATCH);
    while let Some(first) = rx.recv().await {
        jobs.push(first);
        while jobs.len() < BATCH {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let started = std::time::Instant::now();
        let results = postgres_batch(&mut client, &jobs).await;
        tracing::debug!(jobs = jobs.len(), ms = started.elapsed().as_secs_f64() * 1000.0, "committed a batch");
        answer(std::mem::take(&mut jobs), results);
    }
}

async fn postgres_batch(client: &mut tokio_postgres::Client, jobs: &[Job]) -> Result<Vec<Done>, StoreError> {
    let tx = client.transaction().await?;
    let find = tx.prepare("SELECT body, reference, waiting_list FROM registrations WHERE idempotency_key = $1").await?;
    // Another instance may be storing the same key: the insert then waits for its commit and
    // stores nothing, and the row is read back.
    let insert = tx
        .prepare(
            "INSERT INTO registrations (event, idempotency_key, reference, received_ms, submitted_at, waiting_list, body)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING",
        )
        .await?;
    let count = tx.prepare("SELECT COUNT(*) FROM registrations WHERE event = $1 AND NOT waiting_list").await?;
    let mut placed: HashMap<String, i64> = HashMap::new();
    let mut out = Vec::with_capacity(jobs.len());
    for job in jobs {
        let existing = async |key: &str, body: &str| -> Result<Option<Stored>, StoreError> {
            Ok(tx.query_opt(&find, &[&key]).await?.map(|r| {
                compare(r.get::<_, &str>(0), body, Receipt { reference: r.get(1), waiting_list: r.get(2) })
            }))
        };
        match job {
            Job::Lookup { key, body, .. } => out.push(Done::Found(existing(key, body).await?)),
            Job::Mailed { key, at_ms } => {
                tx.execute("UPDATE registrations SET confirmation_sent_ms = $2 WHERE idempotency_key = $1", &[key, at_ms]).await?;
                out.push(Done::Nothing);
            }
            Job::Insert(new, _) => {
                if let Some(found) = existing(&new.key, &new.body).await? {
                    out.push(Done::Stored(found));
                    continue;
                }
                let waiting_list = match new.capacity {
                    None => false,
                    Some(capacity) => {
                        let n = match placed.get(&new.event) {
                            Some(n) => *n,
                            None => {
                                // One count per event at a time, across instances.
                                tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&new.event]).await?;
                                tx.query_one(&count, &[&new.event]).await?.get::<_, i64>(0)
                            }
                        };
                        let full = n >= i64::from(capacity);
                        placed.insert(new.event.clone(), if full { n } else { n + 1 });
                        full
                    }
                };
                let rows = tx
                    .execute(&insert, &[&new.event, &new.key, &new.reference, &new.received_ms, &new.submitted_at, &waiting_list, &new.body])
                    .await?;
                if rows == 1 {
                    out.push(Done::Stored(Stored::New(Receipt { reference: new.reference.clone(), waiting_list })));
                } else {
                    if !waiting_list && let Some(n) = placed.get_mut(&new.event) {
                        *n -= 1;
                    }
                    out.push(Done::Stored(existing(&new.key, &new.body).await?.unwrap_or(Stored::Conflict)));
                }
            }
        }
    }
    tx.commit().await?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Reading for export, stats and purge (the command line, not the service).

/// Every registration of `event` (all events when `None`), oldest first.
pub async fn rows(url: &DatabaseUrl, event: Option<&str>) -> Result<Vec<Row>, StoreError> {
    const COLUMNS: &str = "event, idempotency_key, reference, received_ms, submitted_at, waiting_list, body";
    match url {
        DatabaseUrl::Sqlite(path) => {
            let mut conn = open_sqlite(path)?;
            migrate_sqlite(&mut conn)?;
            let sql = format!("SELECT {COLUMNS} FROM registrations WHERE ?1 IS NULL OR event = ?1 ORDER BY received_ms, id");
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt
                .query_map([event], |r| {
                    Ok(Row {
                        event: r.get(0)?,
                        key: r.get(1)?,
                        reference: r.get(2)?,
                        received_ms: r.get(3)?,
                        submitted_at: r.get(4)?,
                        waiting_list: r.get(5)?,
                        body: r.get(6)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        }
        DatabaseUrl::Postgres(url) => {
            let mut client = connect_postgres(url).await?;
            migrate_postgres(&mut client).await?;
            let sql = format!("SELECT {COLUMNS} FROM registrations WHERE $1::TEXT IS NULL OR event = $1 ORDER BY received_ms, id");
            let rows = client.query(&sql, &[&event]).await?;
            Ok(rows
                .iter()
                .map(|r| Row {
                    event: r.get(0),
                    key: r.get(1),
                    reference: r.get(2),
                    received_ms: r.get(3),
                    submitted_at: r.get(4),
                    waiting_list: r.get(5),
                    body: r.get(6),
                })
                .collect())
        }
    }
}

/// Deletes the registrations of `event` received before `before_ms`; returns how many. In
/// SQLite the freed pages are overwritten (`secure_delete`), so deleted answers do not linger
/// in the file.
pub async fn purge(url: &DatabaseUrl, event: &str, before_ms: i64) -> Result<u64, StoreError> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            let mut conn = open_sqlite(path)?;
            migrate_sqlite(&mut conn)?;
            conn.pragma_update(None, "secure_delete", "ON")?;
            let n = conn.execute("DELETE FROM registrations WHERE event = ?1 AND received_ms < ?2", params![event, before_ms])?;
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(n as u64)
        }
        DatabaseUrl::Postgres(url) => {
            let mut client = connect_postgres(url).await?;
            migrate_postgres(&mut client).await?;
            Ok(client.execute("DELETE FROM registrations WHERE event = $1 AND received_ms < $2", &[&event, &before_ms]).await?)
        }
    }
}

/// Now, in milliseconds since 1970.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}
