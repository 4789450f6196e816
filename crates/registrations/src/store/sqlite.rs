//! SQLite: one file, WAL (readers never wait for the writer), `synchronous=FULL`, and a
//! checkpointer thread beside the writer.

use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use tokio::sync::mpsc;

use super::{pending, writer, Backend, Job, NewRegistration, Receipt, Row, StoreError, Transaction, ROW_COLUMNS};

/// Opens a SQLite file for writing: WAL (readers never wait for the writer) and
/// `synchronous=FULL` (a commit is on disk, even if the power fails, before it returns).
pub fn open_sqlite(path: &Path) -> Result<rusqlite::Connection, StoreError> {
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
    for m in pending(sqlite_version(conn)?, upto)? {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(m.sqlite)?;
        tx.execute("INSERT INTO schema_migrations (version, applied_ms) VALUES (?1, ?2)", params![m.version, super::now_ms()])?;
        tx.commit()?;
        tracing::info!(version = m.version, about = m.about, "migrated the database");
    }
    sqlite_version(conn)
}

/// Whether the file answers, read on a connection of its own.
pub(super) async fn healthy(path: PathBuf) -> Result<(), StoreError> {
    tokio::task::spawn_blocking(move || -> Result<(), StoreError> {
        let conn = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get::<_, i64>(0))?;
        Ok(())
    })
    .await
    .map_err(|_| StoreError::Stopped)?
}

/// A SQLite database, for the writer or a command. Its futures block (see [`Backend`]).
pub(super) struct Sqlite {
    conn: rusqlite::Connection,
    checkpointer: Option<Checkpointer>,
}

/// The checkpointer's thread, and what stops it (dropping the sender).
struct Checkpointer {
    stop: std::sync::mpsc::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl Sqlite {
    /// Opens the file (see [`open_sqlite`]).
    pub(super) fn open(path: &Path) -> Result<Sqlite, StoreError> {
        Ok(Sqlite { conn: open_sqlite(path)?, checkpointer: None })
    }

    /// Starts the checkpointer beside the writer; should its thread not start, SQLite's own
    /// automatic checkpoints stay on.
    fn start_checkpointer(&mut self) {
        let Some(path) = self.conn.path().map(PathBuf::from) else { return };
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let Ok(thread) = std::thread::Builder::new().name("sqlite-checkpoint".into()).spawn(move || checkpointer(path, stopped)) else { return };
        self.checkpointer = Some(Checkpointer { stop, thread });
        if let Err(e) = self.conn.pragma_update(None, "wal_autocheckpoint", 0) {
            tracing::warn!(error = %e, "automatic checkpoints stay on");
        }
    }
}

/// Runs the writer over `backend` on a blocking thread of its own (SQLite's calls block), with
/// the checkpointer beside it.
pub(super) fn spawn_writer(mut backend: Sqlite, rx: mpsc::UnboundedReceiver<Job>) -> tokio::task::JoinHandle<()> {
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        backend.start_checkpointer();
        runtime.block_on(writer::run(backend, rx));
    })
}

/// How often the checkpointer copies the WAL into the database file.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// Copies committed pages from the WAL into the database file on its own connection and thread,
/// so the writer's commits never wait for a checkpoint (SQLite's automatic checkpoint runs in
/// the committing connection, after its commit and before its answers). Stops, with a last
/// checkpoint that empties the WAL, when `stop` is dropped.
fn checkpointer(path: PathBuf, stop: std::sync::mpsc::Receiver<()>) {
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

impl Backend for Sqlite {
    type Tx<'a> = SqliteTx<'a>;

    async fn begin(&mut self) -> Result<SqliteTx<'_>, StoreError> {
        Ok(SqliteTx(self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?))
    }

    async fn migrate_to(&mut self, upto: i64) -> Result<i64, StoreError> {
        migrate_sqlite_to(&mut self.conn, upto)
    }

    async fn rows(&mut self, event: Option<&str>) -> Result<Vec<Row>, StoreError> {
        let sql = format!("SELECT {ROW_COLUMNS} FROM registrations WHERE ?1 IS NULL OR event = ?1 ORDER BY received_ms, id");
        let mut stmt = self.conn.prepare(&sql)?;
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

    async fn purge(&mut self, event: &str, before_ms: i64) -> Result<u64, StoreError> {
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        let n = self.conn.execute("DELETE FROM registrations WHERE event = ?1 AND received_ms < ?2", params![event, before_ms])?;
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(n as u64)
    }

    /// Stops the checkpointer, after its last checkpoint.
    async fn finish(self) {
        if let Some(Checkpointer { stop, thread }) = self.checkpointer {
            drop(stop);
            let _ = thread.join();
        }
    }
}

/// A batch's transaction (`IMMEDIATE`), its statements cached on the connection.
pub(super) struct SqliteTx<'a>(rusqlite::Transaction<'a>);

impl Transaction for SqliteTx<'_> {
    async fn find(&mut self, key: &str) -> Result<Option<(String, Receipt)>, StoreError> {
        let mut find = self.0.prepare_cached("SELECT body, reference, waiting_list FROM registrations WHERE idempotency_key = ?1")?;
        Ok(find.query_row([key], |r| Ok((r.get(0)?, Receipt { reference: r.get(1)?, waiting_list: r.get(2)? }))).optional()?)
    }

    async fn placed(&mut self, event: &str) -> Result<i64, StoreError> {
        let mut count = self.0.prepare_cached("SELECT COUNT(*) FROM registrations WHERE event = ?1 AND NOT waiting_list")?;
        Ok(count.query_row([event], |r| r.get(0))?)
    }

    /// Always `true`: the writer holds the file's write lock, so no one else stored the key.
    async fn insert(&mut self, new: &NewRegistration, waiting_list: bool) -> Result<bool, StoreError> {
        let mut insert = self.0.prepare_cached(
            "INSERT INTO registrations (event, idempotency_key, reference, received_ms, submitted_at, waiting_list, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        insert.execute(params![new.event, new.key, new.reference, new.received_ms, new.submitted_at, waiting_list, new.body])?;
        Ok(true)
    }

    async fn mailed(&mut self, key: &str, at_ms: i64) -> Result<(), StoreError> {
        let mut mailed = self.0.prepare_cached("UPDATE registrations SET confirmation_sent_ms = ?2 WHERE idempotency_key = ?1")?;
        mailed.execute(params![key, at_ms])?;
        Ok(())
    }

    async fn commit(self) -> Result<(), StoreError> {
        Ok(self.0.commit()?)
    }
}
