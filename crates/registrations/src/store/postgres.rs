//! PostgreSQL: several instances may share one database, so a key another instance is storing
//! is waited for and read back, and an event's places are counted under a lock.

use tokio_postgres::Statement;

use super::{pending, Backend, NewRegistration, Receipt, Row, StoreError, Transaction, ROW_COLUMNS};

/// The advisory lock instances take turns on to migrate.
const MIGRATION_LOCK: &str = "7413901";

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
    client.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).await?;
    let result = async {
        for m in pending(postgres_version(client).await?, upto)? {
            let tx = client.transaction().await?;
            tx.batch_execute(m.postgres).await?;
            tx.execute("INSERT INTO schema_migrations (version, applied_ms) VALUES ($1, $2)", &[&m.version, &super::now_ms()]).await?;
            tx.commit().await?;
            tracing::info!(version = m.version, about = m.about, "migrated the database");
        }
        postgres_version(client).await
    }
    .await;
    client.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).await?;
    result
}

/// Whether the server answers.
pub(super) async fn healthy(client: &tokio_postgres::Client) -> Result<(), StoreError> {
    client.simple_query("SELECT 1").await?;
    Ok(())
}

/// A PostgreSQL connection, for the writer or a command.
pub(super) struct Postgres {
    client: tokio_postgres::Client,
}

impl Postgres {
    /// Connects (see [`connect_postgres`]).
    pub(super) async fn connect(url: &str) -> Result<Postgres, StoreError> {
        Ok(Postgres { client: connect_postgres(url).await? })
    }
}

impl Backend for Postgres {
    type Tx<'a> = PostgresTx<'a>;

    async fn begin(&mut self) -> Result<PostgresTx<'_>, StoreError> {
        let tx = self.client.transaction().await?;
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
        Ok(PostgresTx { tx, find, insert, count })
    }

    async fn migrate_to(&mut self, upto: i64) -> Result<i64, StoreError> {
        migrate_postgres_to(&mut self.client, upto).await
    }

    async fn rows(&mut self, event: Option<&str>) -> Result<Vec<Row>, StoreError> {
        let sql = format!("SELECT {ROW_COLUMNS} FROM registrations WHERE $1::TEXT IS NULL OR event = $1 ORDER BY received_ms, id");
        let rows = self.client.query(&sql, &[&event]).await?;
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

    async fn purge(&mut self, event: &str, before_ms: i64) -> Result<u64, StoreError> {
        Ok(self.client.execute("DELETE FROM registrations WHERE event = $1 AND received_ms < $2", &[&event, &before_ms]).await?)
    }

    /// Nothing to finish: the connection closes when dropped.
    async fn finish(self) {}
}

/// A batch's transaction, with its statements prepared.
pub(super) struct PostgresTx<'a> {
    tx: tokio_postgres::Transaction<'a>,
    find: Statement,
    insert: Statement,
    count: Statement,
}

impl Transaction for PostgresTx<'_> {
    async fn find(&mut self, key: &str) -> Result<Option<(String, Receipt)>, StoreError> {
        Ok(self.tx.query_opt(&self.find, &[&key]).await?.map(|r| (r.get(0), Receipt { reference: r.get(1), waiting_list: r.get(2) })))
    }

    /// Counted under a lock on the event, held to the commit: one count per event at a time,
    /// across instances.
    async fn placed(&mut self, event: &str) -> Result<i64, StoreError> {
        self.tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&event]).await?;
        Ok(self.tx.query_one(&self.count, &[&event]).await?.get(0))
    }

    async fn insert(&mut self, new: &NewRegistration, waiting_list: bool) -> Result<bool, StoreError> {
        let rows = self
            .tx
            .execute(&self.insert, &[&new.event, &new.key, &new.reference, &new.received_ms, &new.submitted_at, &waiting_list, &new.body])
            .await?;
        Ok(rows == 1)
    }

    async fn mailed(&mut self, key: &str, at_ms: i64) -> Result<(), StoreError> {
        self.tx.execute("UPDATE registrations SET confirmation_sent_ms = $2 WHERE idempotency_key = $1", &[&key, &at_ms]).await?;
        Ok(())
    }

    async fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit().await?)
    }
}
