//! Where registrations are kept: SQLite (one file, WAL, `synchronous=FULL`) or PostgreSQL.
//!
//! Every write goes through one writer ([`Store::submit`]): a task that takes all the requests
//! waiting, stores them in one transaction, and answers each only after the commit (group
//! commit), so a 2xx always means the registration is on disk, and a thousand registrations
//! cost one `fsync` instead of a thousand. Requests with one key are handled in the order they
//! arrived, so the second sees the first: the same answer, one row.
//!
//! The writer ([`writer`]) and the waiting-list rule ([`places`]) are written once, over the
//! [`Backend`] and [`Transaction`] traits; [`sqlite`] and [`postgres`] implement them. The
//! schema is in `migrations/{sqlite,postgres}/NNNN_name.sql`.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

mod places;
mod postgres;
mod sqlite;
mod writer;

pub use postgres::{connect_postgres, migrate_postgres_to, postgres_version};
pub use sqlite::{migrate_sqlite_to, open_sqlite, sqlite_version};

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
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    /// The writer has stopped (the service is shutting down).
    #[error("the database writer has stopped")]
    Stopped,
    /// The database was written by a newer version of this program.
    #[error("the database is at schema version {found}, newer than this program's {known}: use a newer `registrations`")]
    TooNew {
        /// The newest migration in the database.
        found: i64,
        /// The newest this program knows.
        known: i64,
    },
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

/// The migrations, from `migrations/sqlite/NAME.sql` and `migrations/postgres/NAME.sql`.
macro_rules! migrations {
    ($($version:literal $name:literal: $about:literal,)*) => {
        &[$(Migration {
            version: $version,
            about: $about,
            sqlite: include_str!(concat!("../../migrations/sqlite/", $name, ".sql")),
            postgres: include_str!(concat!("../../migrations/postgres/", $name, ".sql")),
        },)*]
    };
}

/// Every migration, oldest first: one SQL file per version and backend, under `migrations/`.
pub const MIGRATIONS: &[Migration] = migrations! {
    1 "0001_registrations": "registrations, one row per idempotency key",
    2 "0002_confirmation_sent": "when the confirmation email was sent",
};

/// The newest schema version.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The migrations a database at version `at` has not had, up to `upto`, oldest first; a
/// database newer than this program is refused.
fn pending(at: i64, upto: i64) -> Result<impl Iterator<Item = &'static Migration>, StoreError> {
    if at > latest_version() {
        return Err(StoreError::TooNew { found: at, known: latest_version() });
    }
    Ok(MIGRATIONS.iter().filter(move |m| m.version > at && m.version <= upto))
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

/// The columns of a [`Row`], in its fields' order.
const ROW_COLUMNS: &str = "event, idempotency_key, reference, received_ms, submitted_at, waiting_list, body";

/// What a database does for the store. The writer ([`writer::run`]) and the commands' reads
/// are written once over it.
///
/// The methods are `async` because PostgreSQL's client is. SQLite's are not really: they
/// block, and return ready futures. That is sound because a SQLite backend is only ever polled
/// on a thread of its own (the writer runs under `Handle::block_on` in `spawn_blocking`, as it
/// ran on a blocking thread before), or by a command that waits for nothing else. One async
/// trait keeps one writer loop; a sync trait would have made PostgreSQL's writer block a
/// thread on each of its queries, and `spawn_blocking` per SQLite call cannot lend the
/// connection to a transaction that outlives the call.
trait Backend: Sized {
    /// A transaction, in which a batch is stored.
    type Tx<'a>: Transaction
    where
        Self: 'a;
    /// Starts a transaction (SQLite: `IMMEDIATE`, so the batch holds the write lock).
    async fn begin(&mut self) -> Result<Self::Tx<'_>, StoreError>;
    /// Applies the migrations the database has not had, up to `upto`; returns its version.
    async fn migrate_to(&mut self, upto: i64) -> Result<i64, StoreError>;
    /// Every registration of `event` (all events when `None`), oldest first.
    async fn rows(&mut self, event: Option<&str>) -> Result<Vec<Row>, StoreError>;
    /// Deletes the registrations of `event` received before `before_ms`; returns how many.
    async fn purge(&mut self, event: &str, before_ms: i64) -> Result<u64, StoreError>;
    /// Called once the writer has answered everything, before it reports that it is done.
    async fn finish(self);
}

/// What a batch does inside its transaction.
trait Transaction: Sized {
    /// The body and receipt stored for `key`.
    async fn find(&mut self, key: &str) -> Result<Option<(String, Receipt)>, StoreError>;
    /// How many registrations of `event` hold a place (are not on the waiting list). Asked once
    /// per event and batch; PostgreSQL holds a lock on the event's count from then to the commit.
    async fn placed(&mut self, event: &str) -> Result<i64, StoreError>;
    /// Stores `new`; `false` when its key was stored meanwhile by another instance.
    async fn insert(&mut self, new: &NewRegistration, waiting_list: bool) -> Result<bool, StoreError>;
    /// Notes when the confirmation for `key` was sent.
    async fn mailed(&mut self, key: &str, at_ms: i64) -> Result<(), StoreError>;
    /// Commits the batch.
    async fn commit(self) -> Result<(), StoreError>;
}

/// `backend`, its schema brought up to date.
async fn migrated<B: Backend>(mut backend: B) -> Result<B, StoreError> {
    backend.migrate_to(latest_version()).await?;
    Ok(backend)
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
    Postgres(Arc<tokio_postgres::Client>),
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
        let (reader, writer) = match url {
            DatabaseUrl::Sqlite(path) => {
                let backend = migrated(sqlite::Sqlite::open(path)?).await?;
                (Reader::Sqlite(path.clone()), sqlite::spawn_writer(backend, rx))
            }
            DatabaseUrl::Postgres(url) => {
                let backend = migrated(postgres::Postgres::connect(url).await?).await?;
                let reader = Reader::Postgres(Arc::new(connect_postgres(url).await?));
                (reader, tokio::spawn(writer::run(backend, rx)))
            }
        };
        Ok((Store { jobs: tx, reader }, WriterDone(writer)))
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
            Reader::Sqlite(path) => sqlite::healthy(path.clone()).await,
            Reader::Postgres(client) => postgres::healthy(client).await,
        }
    }
}

// Reading for export, stats and purge (the command line, not the service).

/// Every registration of `event` (all events when `None`), oldest first.
pub async fn rows(url: &DatabaseUrl, event: Option<&str>) -> Result<Vec<Row>, StoreError> {
    match url {
        DatabaseUrl::Sqlite(path) => migrated(sqlite::Sqlite::open(path)?).await?.rows(event).await,
        DatabaseUrl::Postgres(url) => migrated(postgres::Postgres::connect(url).await?).await?.rows(event).await,
    }
}

/// Deletes the registrations of `event` received before `before_ms`; returns how many. In
/// SQLite the freed pages are overwritten (`secure_delete`), so deleted answers do not linger
/// in the file.
pub async fn purge(url: &DatabaseUrl, event: &str, before_ms: i64) -> Result<u64, StoreError> {
    match url {
        DatabaseUrl::Sqlite(path) => migrated(sqlite::Sqlite::open(path)?).await?.purge(event, before_ms).await,
        DatabaseUrl::Postgres(url) => migrated(postgres::Postgres::connect(url).await?).await?.purge(event, before_ms).await,
    }
}

/// Now, in milliseconds since 1970.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}
