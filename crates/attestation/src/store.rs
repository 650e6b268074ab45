//! The attestation service's durable state, in an embedded redb database: which slots each
//! device earned per epoch, and which epochs' roots this keeper saw final and settled from.
//!
//! A heartbeat is acknowledged only after the transaction recording it has committed with
//! `fsync`, so a crash (SIGKILL, power loss) never loses an accepted heartbeat. Commits are
//! grouped: one writer thread takes every heartbeat waiting when it starts a transaction, so the
//! cost of an `fsync` is shared by all the heartbeats that arrived during the previous one.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use redb::{Database, Durability, ReadableDatabase, ReadableTable, TableDefinition};
use tokio::sync::{mpsc, oneshot};

use crate::verifier::{Accepted, HeartbeatPolicy};
use io_sdk::uptime::UptimeTree;

/// (epoch, device key) -> bitmask of slots with an accepted heartbeat.
const SLOTS: TableDefinition<(u32, [u8; 32]), u64> = TableDefinition::new("slots");
/// epoch -> devices settled from its root, written once its root is final and every settle
/// has confirmed.
const EPOCHS_DONE: TableDefinition<u32, u64> = TableDefinition::new("epochs_done");
/// epoch -> the leaves of the uptime tree this keeper built for it (device address, then its
/// 90-byte uptime, per leaf), written before its observation is committed on chain: a restart
/// serves and votes for the same tree. The newest [`KEPT_TREES`] are kept.
const TREES: TableDefinition<u32, &[u8]> = TableDefinition::new("trees");
/// Settings the slot bitmasks depend on; a database is never reused under other settings.
const META: TableDefinition<&str, i64> = TableDefinition::new("meta");

/// Built trees kept: the latest and the previous root (which `settle` accepts) and the one being
/// voted on.
pub const KEPT_TREES: usize = 3;
/// Bytes of one stored leaf.
const LEAF_BYTES: usize = 32 + io_staking::math::merkle::UPTIME_BYTES;

/// Most heartbeats one commit takes.
const MAX_GROUP: usize = 8_192;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(String),
    #[error(
        "the database at {path} was created with {key} = {stored}, but this service runs with \
         {current}; use another --db path or the original settings"
    )]
    SettingsChanged {
        path: String,
        key: &'static str,
        stored: i64,
        current: i64,
    },
    #[error("the database writer has stopped")]
    WriterStopped,
}

impl<E: Into<redb::Error>> From<E> for StoreError {
    fn from(error: E) -> Self {
        StoreError::Database(error.into().to_string())
    }
}

struct PendingWrite {
    accepted: Accepted,
    done: oneshot::Sender<Result<(), String>>,
}

/// What the database holds, read once at start-up.
#[derive(Debug, Default)]
pub struct Restored {
    pub slots: Vec<(u32, Pubkey, u64)>,
    /// epoch -> devices attested in it.
    pub epochs_done: BTreeMap<u32, u64>,
}

#[derive(Clone)]
pub struct Store {
    db: Arc<Database>,
    writer: Arc<Writer>,
    stats: Arc<CommitStats>,
    /// The file, or `(in memory)`: for logs.
    location: Arc<str>,
}

/// How well commits are grouped: heartbeats stored per fsync'd transaction.
#[derive(Debug, Default)]
pub struct CommitStats {
    pub commits: std::sync::atomic::AtomicU64,
    pub heartbeats: std::sync::atomic::AtomicU64,
}

/// The writer thread; dropping the last handle flushes the queue and joins it, so the database
/// file is closed when the store is (a reopen in the same process then succeeds).
struct Writer {
    queue: Option<mpsc::UnboundedSender<PendingWrite>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.queue.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Store {
    /// Opens (or creates) the database at `path` for a service running under `policy`, and starts
    /// the writer thread.
    pub fn open(path: &Path, policy: &HeartbeatPolicy) -> Result<Self, StoreError> {
        Self::start(Database::create(path)?, &path.display().to_string(), policy)
    }

    /// A database in memory, gone with the process: for `localnet`, whose chain is in memory
    /// too, so an fsync per commit would buy nothing. Same tables, same writer, same code path.
    pub fn in_memory(policy: &HeartbeatPolicy) -> Result<Self, StoreError> {
        let db = Database::builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .map_err(|e| StoreError::Database(e.to_string()))?;
        Self::start(db, "(in memory)", policy)
    }

    fn start(db: Database, location: &str, policy: &HeartbeatPolicy) -> Result<Self, StoreError> {
        let db = Arc::new(db);
        let txn = db.begin_write()?;
        {
            let mut meta = txn.open_table(META)?;
            for (key, current) in [
                ("genesis", policy.genesis),
                (
                    "heartbeats_per_epoch",
                    i64::from(policy.heartbeats_per_epoch),
                ),
            ] {
                let stored = meta.get(key)?.map(|v| v.value());
                match stored {
                    Some(stored) if stored != current => {
                        return Err(StoreError::SettingsChanged {
                            path: location.to_string(),
                            key,
                            stored,
                            current,
                        })
                    }
                    Some(_) => {}
                    None => {
                        meta.insert(key, current)?;
                    }
                }
            }
            txn.open_table(SLOTS)?;
            txn.open_table(EPOCHS_DONE)?;
            txn.open_table(TREES)?;
        }
        txn.commit()?;

        let (writes, queue) = mpsc::unbounded_channel();
        let writer_db = db.clone();
        let stats = Arc::new(CommitStats::default());
        let writer_stats = stats.clone();
        let thread = std::thread::Builder::new()
            .name("io-keeper-store".into())
            .spawn(move || write_loop(&writer_db, queue, &writer_stats))
            .map_err(|e| StoreError::Database(e.to_string()))?;
        Ok(Self {
            db,
            stats,
            writer: Arc::new(Writer {
                queue: Some(writes),
                thread: Some(thread),
            }),
            location: location.into(),
        })
    }

    /// The database file, or `(in memory)`.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Records an accepted heartbeat; returns once it is on disk.
    pub async fn record(&self, accepted: Accepted) -> Result<(), StoreError> {
        let (done, committed) = oneshot::channel();
        self.writer
            .queue
            .as_ref()
            .ok_or(StoreError::WriterStopped)?
            .send(PendingWrite { accepted, done })
            .map_err(|_| StoreError::WriterStopped)?;
        committed
            .await
            .map_err(|_| StoreError::WriterStopped)?
            .map_err(StoreError::Database)
    }

    pub fn commit_stats(&self) -> Arc<CommitStats> {
        Arc::clone(&self.stats)
    }

    /// Everything recorded for epochs from `first_epoch` on.
    pub fn restore(&self, first_epoch: u32) -> Result<Restored, StoreError> {
        let txn = self.db.begin_read()?;
        let mut restored = Restored::default();
        let slots = txn.open_table(SLOTS)?;
        for row in slots.range((first_epoch, [0u8; 32])..)? {
            let (key, mask) = row?;
            let (epoch, device) = key.value();
            restored
                .slots
                .push((epoch, Pubkey::new_from_array(device), mask.value()));
        }
        let done = txn.open_table(EPOCHS_DONE)?;
        for row in done.iter()? {
            let (epoch, count) = row?;
            restored.epochs_done.insert(epoch.value(), count.value());
        }
        Ok(restored)
    }

    /// Records that the root of `epoch` is final and its devices settled: the service will not
    /// vote on the epoch again.
    pub fn mark_epoch_done(&self, epoch: u32, settled: u64) -> Result<(), StoreError> {
        let mut txn = self.db.begin_write()?;
        txn.set_durability(Durability::Immediate)
            .map_err(|e| StoreError::Database(e.to_string()))?;
        txn.open_table(EPOCHS_DONE)?.insert(epoch, settled)?;
        txn.commit()?;
        Ok(())
    }

    /// Records the leaves of the tree built for `epoch`, durably, and forgets all but the
    /// newest [`KEPT_TREES`].
    pub fn save_tree(&self, tree: &UptimeTree) -> Result<(), StoreError> {
        let mut bytes = Vec::with_capacity(tree.leaves().len() * LEAF_BYTES);
        for (device, uptime) in tree.leaves() {
            bytes.extend_from_slice(device.as_ref());
            bytes.extend_from_slice(uptime);
        }
        let mut txn = self.db.begin_write()?;
        txn.set_durability(Durability::Immediate)
            .map_err(|e| StoreError::Database(e.to_string()))?;
        {
            let mut table = txn.open_table(TREES)?;
            table.insert(tree.epoch, bytes.as_slice())?;
            let epochs: Vec<u32> = table
                .iter()?
                .map(|row| row.map(|(epoch, _)| epoch.value()))
                .collect::<Result<_, _>>()?;
            for old in epochs.iter().rev().skip(KEPT_TREES) {
                table.remove(old)?;
            }
        }
        txn.commit()?;
        Ok(())
    }

    /// The trees recorded by [`Store::save_tree`], oldest first. A row that does not decode
    /// (a torn or foreign database) is skipped: the keeper builds that epoch again.
    pub fn trees(&self) -> Result<Vec<UptimeTree>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(TREES)?;
        let mut trees = Vec::new();
        for row in table.iter()? {
            let (epoch, bytes) = row?;
            let bytes = bytes.value();
            if bytes.len() % LEAF_BYTES != 0 {
                continue;
            }
            let leaves = bytes
                .chunks_exact(LEAF_BYTES)
                .map(|leaf| {
                    let (device, uptime) = leaf.split_at(32);
                    let device = Pubkey::try_from(device).unwrap_or_default();
                    let uptime = uptime.try_into().unwrap_or([0; LEAF_BYTES - 32]);
                    (device, uptime)
                })
                .collect();
            trees.extend(UptimeTree::build(epoch.value(), leaves));
        }
        Ok(trees)
    }

    /// Deletes the slots of epochs before `epoch` (past the 720-epoch settlement window, so no
    /// leaf reads them any more).
    pub fn prune_before(&self, epoch: u32) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        txn.open_table(SLOTS)?
            .retain_in(..(epoch, [0u8; 32]), |_, _| false)?;
        txn.commit()?;
        Ok(())
    }
}

fn write_loop(
    db: &Database,
    mut queue: mpsc::UnboundedReceiver<PendingWrite>,
    stats: &CommitStats,
) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    while let Some(first) = queue.blocking_recv() {
        group.push(first);
        while group.len() < MAX_GROUP {
            match queue.try_recv() {
                Ok(next) => group.push(next),
                Err(_) => break,
            }
        }
        let outcome = commit_group(db, &group).map_err(|e| e.to_string());
        if outcome.is_ok() {
            use std::sync::atomic::Ordering::Relaxed;
            stats.commits.fetch_add(1, Relaxed);
            stats.heartbeats.fetch_add(group.len() as u64, Relaxed);
        }
        for pending in group.drain(..) {
            // The handler may have gone (client hung up); the heartbeat is stored regardless.
            let _ = pending.done.send(outcome.clone());
        }
    }
}

fn commit_group(db: &Database, group: &[PendingWrite]) -> Result<(), StoreError> {
    let mut merged: BTreeMap<(u32, [u8; 32]), u64> = BTreeMap::new();
    for pending in group {
        let a = &pending.accepted;
        *merged
            .entry((a.epoch, a.device_key.to_bytes()))
            .or_default() |= a.mask();
    }
    let mut txn = db.begin_write()?;
    txn.set_durability(Durability::Immediate)
        .map_err(|e| StoreError::Database(e.to_string()))?;
    {
        let mut table = txn.open_table(SLOTS)?;
        for (key, mask) in merged {
            let stored = table.get(key)?.map(|v| v.value()).unwrap_or(0);
            table.insert(key, stored | mask)?;
        }
    }
    txn.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted(epoch: u32, key: Pubkey, slot: u32) -> Accepted {
        Accepted {
            device_key: key,
            epoch,
            slot,
        }
    }

    #[tokio::test]
    async fn heartbeats_and_finished_epochs_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tally.redb");
        let policy = HeartbeatPolicy::new(1_767_225_600);
        let (a, b) = (Pubkey::new_unique(), Pubkey::new_unique());
        {
            let store = Store::open(&path, &policy).unwrap();
            let writes = [
                accepted(3, a, 0),
                accepted(3, a, 5),
                accepted(3, b, 1),
                accepted(4, a, 2),
                accepted(2, b, 0),
            ];
            let tasks: Vec<_> = writes
                .iter()
                .map(|w| {
                    let (store, w) = (store.clone(), *w);
                    tokio::spawn(async move { store.record(w).await })
                })
                .collect();
            for task in tasks {
                task.await.unwrap().unwrap();
            }
            store.mark_epoch_done(3, 1).unwrap();
        }
        let store = Store::open(&path, &policy).unwrap();
        let restored = store.restore(3).unwrap();
        let mut slots = restored.slots.clone();
        slots.sort();
        let mut expected = vec![(3, a, 0b100001), (3, b, 0b10), (4, a, 0b100)];
        expected.sort();
        assert_eq!(
            slots, expected,
            "epoch 2 is before the first epoch asked for"
        );
        assert_eq!(restored.epochs_done, BTreeMap::from([(3, 1)]));

        store.prune_before(4).unwrap();
        assert_eq!(store.restore(0).unwrap().slots, vec![(4, a, 0b100)]);
    }

    #[test]
    fn a_database_is_not_reused_under_other_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tally.redb");
        let policy = HeartbeatPolicy::new(1_767_225_600);
        drop(Store::open(&path, &policy).unwrap());
        let other = HeartbeatPolicy {
            heartbeats_per_epoch: 60,
            ..policy
        };
        let error = Store::open(&path, &other).err().expect("refused");
        assert!(
            error.to_string().contains("heartbeats_per_epoch = 12"),
            "{error}"
        );
    }
}
