-- Registrations, one row per idempotency key.
-- The indentation below is the text SQLite keeps in `sqlite_master` of the databases made before
-- this file existed (the SQL was a string in store.rs): kept, so every database's schema reads the same.
CREATE TABLE registrations (
            id BIGSERIAL PRIMARY KEY,
            event TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            reference TEXT NOT NULL,
            received_ms BIGINT NOT NULL,
            submitted_at TEXT NOT NULL,
            waiting_list BOOLEAN NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX registrations_by_event ON registrations (event, received_ms);
