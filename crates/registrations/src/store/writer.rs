//! The one writer: group commit over any [`Backend`].

use tokio::sync::mpsc;

use super::places::Places;
use super::{Backend, Job, NewRegistration, Receipt, Stored, StoreError, Transaction};

/// The most registrations stored in one transaction.
const BATCH: usize = 1024;

/// Takes every job waiting (up to [`BATCH`]), stores them in one transaction, in the order they
/// arrived, and answers each after the commit; until every [`super::Store`] is dropped, then
/// finishes the backend.
pub(super) async fn run<B: Backend>(mut backend: B, mut rx: mpsc::UnboundedReceiver<Job>) {
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
        let results = batch(&mut backend, &jobs).await;
        tracing::debug!(jobs = jobs.len(), ms = started.elapsed().as_secs_f64() * 1000.0, "committed a batch");
        answer(std::mem::take(&mut jobs), results);
    }
    backend.finish().await;
}

/// What one job came to, before it is answered.
enum Done {
    Stored(Stored),
    Found(Option<Stored>),
    Nothing,
}

/// Does every job of a batch in one transaction, in order, and commits.
async fn batch<B: Backend>(backend: &mut B, jobs: &[Job]) -> Result<Vec<Done>, StoreError> {
    let mut tx = backend.begin().await?;
    let mut places = Places::default();
    let mut out = Vec::with_capacity(jobs.len());
    for job in jobs {
        out.push(match job {
            Job::Lookup { key, body, .. } => Done::Found(existing(&mut tx, key, body).await?),
            Job::Mailed { key, at_ms } => {
                tx.mailed(key, *at_ms).await?;
                Done::Nothing
            }
            Job::Insert(new, _) => Done::Stored(insert(&mut tx, &mut places, new).await?),
        });
    }
    tx.commit().await?;
    Ok(out)
}

/// Stores `new` unless its key is there, on the waiting list if its event's places are held.
async fn insert<T: Transaction>(tx: &mut T, places: &mut Places, new: &NewRegistration) -> Result<Stored, StoreError> {
    if let Some(found) = existing(tx, &new.key, &new.body).await? {
        return Ok(found);
    }
    let waiting_list = match new.capacity {
        None => false,
        Some(capacity) => {
            let held = match places.held(&new.event) {
                Some(n) => n,
                None => tx.placed(&new.event).await?,
            };
            places.place(&new.event, capacity, held)
        }
    };
    if tx.insert(new, waiting_list).await? {
        return Ok(Stored::New(Receipt { reference: new.reference.clone(), waiting_list }));
    }
    // Another instance stored the key first: its row is the answer.
    if !waiting_list {
        places.release(&new.event);
    }
    Ok(existing(tx, &new.key, &new.body).await?.unwrap_or(Stored::Conflict))
}

/// What is stored for `key`, compared with `body`.
async fn existing<T: Transaction>(tx: &mut T, key: &str, body: &str) -> Result<Option<Stored>, StoreError> {
    Ok(tx.find(key).await?.map(|(stored, receipt)| if stored == body { Stored::Repeat(receipt) } else { Stored::Conflict }))
}

/// Answers every job of a batch: each its own result after the commit, or, when the batch
/// failed, [`StoreError::Stopped`] (the error itself is logged once).
fn answer(jobs: Vec<Job>, results: Result<Vec<Done>, StoreError>) {
    let mut done = results
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, jobs = jobs.len(), "a batch of registrations could not be stored");
            Vec::new()
        })
        .into_iter();
    for job in jobs {
        match (job, done.next()) {
            (Job::Insert(_, reply), Some(Done::Stored(s))) => drop(reply.send(Ok(s))),
            (Job::Insert(_, reply), _) => drop(reply.send(Err(StoreError::Stopped))),
            (Job::Lookup { reply, .. }, Some(Done::Found(s))) => drop(reply.send(Ok(s))),
            (Job::Lookup { reply, .. }, _) => drop(reply.send(Err(StoreError::Stopped))),
            (Job::Mailed { .. }, _) => {}
        }
    }
}
