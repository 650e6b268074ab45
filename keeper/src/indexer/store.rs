//! The indexer's embedded database (redb): one row per epoch and a history per device, built
//! from the programs' events. Each transaction is applied at most once (its signature is kept
//! in the same write), so replaying a history after a restart, or hearing a transaction twice,
//! changes nothing.

use std::path::Path;
use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};

use super::decode::{decode, Indexed};

/// Signature -> slot, for every transaction applied.
const SEEN: TableDefinition<&[u8], u64> = TableDefinition::new("seen");
/// Epoch -> its row (JSON).
const EPOCHS: TableDefinition<u32, &[u8]> = TableDefinition::new("epochs");
/// Device account (32 bytes) then a sequence number (8, big-endian) -> a history row (JSON).
const HISTORY: TableDefinition<&[u8], &[u8]> = TableDefinition::new("device_history");
/// Counters and cursors.
const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");

const SEQUENCE: &str = "sequence";
const TOTALS: &str = "totals";

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("index database: {0}")]
    Database(String),
    #[error("index row: {0}")]
    Row(#[from] serde_json::Error),
}

macro_rules! from_redb {
    ($($error:ty),+) => {
        $(impl From<$error> for IndexError {
            fn from(error: $error) -> Self {
                IndexError::Database(error.to_string())
            }
        })+
    };
}
from_redb!(
    redb::Error,
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError
);

/// One reward class's part of a closed epoch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassRow {
    /// Base units (as a decimal string: JSON numbers lose precision past 2^53).
    pub emission: String,
    pub total_weight: String,
    pub active_devices: u32,
}

/// Everything indexed about one hourly epoch. Amounts are base units as decimal strings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EpochRow {
    pub epoch: u32,
    /// From io-emission's `EpochMinted`.
    pub minted: Option<String>,
    pub scheduled: Option<String>,
    pub cumulative_minted: Option<String>,
    pub cap_remaining: Option<String>,
    pub minted_at: Option<i64>,
    /// From io-staking's `EpochClosed`.
    pub emission: Option<String>,
    pub active_devices: Option<u32>,
    pub enterprise: Option<ClassRow>,
    pub community: Option<ClassRow>,
    pub closed_at: Option<i64>,
    /// From the `EpochAttested` batches: devices credited, and what they were credited.
    pub attested_devices: u32,
    pub credited: String,
    pub forfeited: String,
    pub attested_at: Option<i64>,
}

/// One line of a device's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    /// registered, staked, attested, claimed, unstake_requested, withdrawn, overflow_withdrawn,
    /// deactivated, slash_opened, slash_appealed, slash_resolved.
    pub kind: String,
    /// The epoch it concerns (attestations).
    pub epoch: Option<u32>,
    pub time: i64,
    pub slot: u64,
    pub signature: String,
    /// The amount the event moved (credited, staked, claimed, withdrawn, slashed), base units.
    pub amount: String,
    /// Forfeited (attestations, unstake, deactivation) or burned (slash resolution).
    pub forfeited: String,
    pub streak: Option<u32>,
    pub active: Option<bool>,
    /// Stake after the event (stake, overflow withdrawal, unstake).
    pub stake: Option<String>,
}

/// Network-wide totals the events give.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub transactions: u64,
    pub last_slot: u64,
    pub minted: String,
    pub credited: String,
    pub claimed: String,
    /// Burned by upheld slash cases.
    pub burned: String,
    pub slash_cases: u64,
}

/// A transaction's events, from any source (the embedded chain or a cluster's RPC).
pub struct TxEvents<'a> {
    pub signature: &'a [u8],
    pub signature_text: String,
    pub slot: u64,
    pub block_time: i64,
    /// `emit_cpi!` payloads in order (discriminator, then Borsh).
    pub events: &'a [Vec<u8>],
}

#[derive(Clone)]
pub struct IndexStore {
    db: Arc<Database>,
}

fn add(text: &str, amount: u128) -> String {
    let value: u128 = text.parse().unwrap_or(0);
    value.saturating_add(amount).to_string()
}

fn history_key(device: &Pubkey, sequence: u64) -> [u8; 40] {
    let mut key = [0u8; 40];
    key[..32].copy_from_slice(device.as_ref());
    key[32..].copy_from_slice(&sequence.to_be_bytes());
    key
}

impl IndexStore {
    /// Opens (or creates) the database file: history survives restarts.
    pub fn open(path: &Path) -> Result<Self, IndexError> {
        Self::start(Database::create(path)?)
    }

    /// A database in memory: for the embedded chain, which is in memory too.
    pub fn in_memory() -> Result<Self, IndexError> {
        let db = Database::builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .map_err(|e| IndexError::Database(e.to_string()))?;
        Self::start(db)
    }

    fn start(db: Database) -> Result<Self, IndexError> {
        let txn = db.begin_write()?;
        txn.open_table(SEEN)?;
        txn.open_table(EPOCHS)?;
        txn.open_table(HISTORY)?;
        txn.open_table(META)?;
        txn.commit()?;
        Ok(Self { db: Arc::new(db) })
    }

    /// Applies one transaction's events; `false` when it had been applied already.
    pub fn ingest(&self, tx: &TxEvents<'_>) -> Result<bool, IndexError> {
        let txn = self.db.begin_write()?;
        {
            let mut seen = txn.open_table(SEEN)?;
            if seen.get(tx.signature)?.is_some() {
                return Ok(false);
            }
            seen.insert(tx.signature, tx.slot)?;
            let mut writer = Writer {
                epochs: txn.open_table(EPOCHS)?,
                history: txn.open_table(HISTORY)?,
                meta: txn.open_table(META)?,
                tx,
            };
            let mut totals = writer.totals()?;
            totals.transactions += 1;
            totals.last_slot = totals.last_slot.max(tx.slot);
            for event in tx.events.iter().filter_map(|payload| decode(payload)) {
                writer.apply(event, &mut totals)?;
            }
            writer
                .meta
                .insert(TOTALS, serde_json::to_vec(&totals)?.as_slice())?;
        }
        txn.commit()?;
        Ok(true)
    }

    /// Epochs, newest first, from `before` (exclusive) down, at most `limit`.
    pub fn epochs(&self, before: Option<u32>, limit: usize) -> Result<Vec<EpochRow>, IndexError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(EPOCHS)?;
        let range = table.range(..before.unwrap_or(u32::MAX))?;
        let mut rows = Vec::new();
        for entry in range.rev().take(limit) {
            let (_, value) = entry?;
            rows.push(serde_json::from_slice(value.value())?);
        }
        Ok(rows)
    }

    /// A device's history, oldest first, at most `limit` rows.
    pub fn history(&self, device: &Pubkey, limit: usize) -> Result<Vec<HistoryRow>, IndexError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(HISTORY)?;
        let start = history_key(device, 0);
        let end = history_key(device, u64::MAX);
        let mut rows = Vec::new();
        for entry in table.range(start.as_slice()..=end.as_slice())?.take(limit) {
            let (_, value) = entry?;
            rows.push(serde_json::from_slice(value.value())?);
        }
        Ok(rows)
    }

    pub fn totals(&self) -> Result<Totals, IndexError> {
        let txn = self.db.begin_read()?;
        let meta = txn.open_table(META)?;
        read_totals(&meta)
    }

    /// A cursor (the newest signature applied from one source), for followers.
    pub fn cursor(&self, name: &str) -> Result<Option<String>, IndexError> {
        let txn = self.db.begin_read()?;
        let meta = txn.open_table(META)?;
        let value = meta.get(name)?;
        Ok(value.map(|v| String::from_utf8_lossy(v.value()).into_owned()))
    }

    pub fn set_cursor(&self, name: &str, signature: &str) -> Result<(), IndexError> {
        let txn = self.db.begin_write()?;
        txn.open_table(META)?.insert(name, signature.as_bytes())?;
        txn.commit()?;
        Ok(())
    }
}

fn read_totals(
    meta: &impl ReadableTable<&'static str, &'static [u8]>,
) -> Result<Totals, IndexError> {
    match meta.get(TOTALS)? {
        Some(value) => Ok(serde_json::from_slice(value.value())?),
        None => Ok(Totals {
            minted: "0".into(),
            credited: "0".into(),
            claimed: "0".into(),
            burned: "0".into(),
            ..Totals::default()
        }),
    }
}

struct Writer<'t, 'a> {
    epochs: redb::Table<'t, u32, &'static [u8]>,
    history: redb::Table<'t, &'static [u8], &'static [u8]>,
    meta: redb::Table<'t, &'static str, &'static [u8]>,
    tx: &'a TxEvents<'a>,
}

impl Writer<'_, '_> {
    fn totals(&self) -> Result<Totals, IndexError> {
        read_totals(&self.meta)
    }

    fn epoch(&self, epoch: u32) -> Result<EpochRow, IndexError> {
        Ok(match self.epochs.get(epoch)? {
            Some(value) => serde_json::from_slice(value.value())?,
            None => EpochRow {
                epoch,
                credited: "0".into(),
                forfeited: "0".into(),
                ..EpochRow::default()
            },
        })
    }

    fn put_epoch(&mut self, row: &EpochRow) -> Result<(), IndexError> {
        self.epochs
            .insert(row.epoch, serde_json::to_vec(row)?.as_slice())?;
        Ok(())
    }

    fn row(&self, kind: &str, amount: u64) -> HistoryRow {
        HistoryRow {
            kind: kind.to_string(),
            epoch: None,
            time: self.tx.block_time,
            slot: self.tx.slot,
            signature: self.tx.signature_text.clone(),
            amount: amount.to_string(),
            forfeited: "0".into(),
            streak: None,
            active: None,
            stake: None,
        }
    }

    fn push(&mut self, device: &Pubkey, row: &HistoryRow) -> Result<(), IndexError> {
        let sequence = match self.meta.get(SEQUENCE)? {
            Some(value) => u64::from_be_bytes(value.value().try_into().unwrap_or([0; 8])),
            None => 0,
        };
        self.meta
            .insert(SEQUENCE, sequence.wrapping_add(1).to_be_bytes().as_slice())?;
        self.history.insert(
            history_key(device, sequence).as_slice(),
            serde_json::to_vec(row)?.as_slice(),
        )?;
        Ok(())
    }

    fn apply(&mut self, event: Indexed, totals: &mut Totals) -> Result<(), IndexError> {
        match event {
            Indexed::Minted(_) | Indexed::Closed(_) | Indexed::Attested(_) => {
                self.apply_epoch(event, totals)
            }
            other => self.apply_device(other, totals),
        }
    }

    /// Events about an epoch (the attestations also add to each device's history).
    fn apply_epoch(&mut self, event: Indexed, totals: &mut Totals) -> Result<(), IndexError> {
        let time = self.tx.block_time;
        match event {
            Indexed::Minted(minted) => {
                let mut row = self.epoch(minted.epoch)?;
                row.minted = Some(minted.amount.to_string());
                row.scheduled = Some(minted.scheduled.to_string());
                row.cumulative_minted = Some(minted.cumulative_minted.to_string());
                row.cap_remaining = Some(minted.cap_remaining.to_string());
                row.minted_at = Some(time);
                totals.minted = add(&totals.minted, minted.amount.into());
                self.put_epoch(&row)?;
            }
            Indexed::Closed(closed) => {
                let mut row = self.epoch(closed.epoch)?;
                let class = |c: &io_staking::events::ClassClose| ClassRow {
                    emission: c.emission.to_string(),
                    total_weight: c.total_weight.to_string(),
                    active_devices: c.active_devices,
                };
                row.emission = Some(closed.emission.to_string());
                row.active_devices = Some(closed.active_devices);
                row.enterprise = Some(class(&closed.classes[0]));
                row.community = Some(class(&closed.classes[1]));
                row.closed_at = Some(time);
                self.put_epoch(&row)?;
            }
            Indexed::Attested(attested) => {
                let mut row = self.epoch(attested.epoch)?;
                for device in &attested.devices {
                    row.attested_devices += 1;
                    row.credited = add(&row.credited, device.credited.into());
                    row.forfeited = add(&row.forfeited, device.forfeited.into());
                    totals.credited = add(&totals.credited, device.credited.into());
                    let history = HistoryRow {
                        epoch: Some(attested.epoch),
                        forfeited: device.forfeited.to_string(),
                        streak: Some(device.streak),
                        active: Some(device.active),
                        ..self.row("attested", device.credited)
                    };
                    self.push(&device.device, &history)?;
                }
                row.attested_at = Some(time);
                self.put_epoch(&row)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Events about one device (or, for a claim-all, several).
    fn apply_device(&mut self, event: Indexed, totals: &mut Totals) -> Result<(), IndexError> {
        match event {
            Indexed::Registered(registered) => {
                let row = HistoryRow {
                    stake: Some("0".into()),
                    ..self.row("registered", registered.required_stake)
                };
                self.push(&registered.device, &row)?;
            }
            Indexed::Staked(staked) => {
                let row = HistoryRow {
                    stake: Some(staked.stake.to_string()),
                    ..self.row("staked", staked.amount)
                };
                self.push(&staked.device, &row)?;
            }
            Indexed::UnstakeRequested(unstake) => {
                let row = HistoryRow {
                    stake: Some(unstake.stake.to_string()),
                    forfeited: unstake.forfeited.to_string(),
                    ..self.row("unstake_requested", unstake.rewards_paid)
                };
                totals.claimed = add(&totals.claimed, unstake.rewards_paid.into());
                self.push(&unstake.device, &row)?;
            }
            Indexed::Withdrawn(withdrawn) => {
                let row = HistoryRow {
                    stake: Some("0".into()),
                    ..self.row("withdrawn", withdrawn.amount)
                };
                self.push(&withdrawn.device, &row)?;
            }
            Indexed::OverflowWithdrawn(overflow) => {
                let row = HistoryRow {
                    stake: Some(overflow.stake.to_string()),
                    ..self.row("overflow_withdrawn", overflow.amount)
                };
                self.push(&overflow.device, &row)?;
            }
            Indexed::Claimed(claimed) => {
                totals.claimed = add(&totals.claimed, claimed.amount.into());
                let row = self.row("claimed", claimed.amount);
                self.push(&claimed.device, &row)?;
            }
            Indexed::ClaimedAll(all) => {
                for claim in &all.devices {
                    totals.claimed = add(&totals.claimed, claim.amount.into());
                    let row = self.row("claimed", claim.amount);
                    self.push(&claim.device, &row)?;
                }
            }
            Indexed::Deactivated(deactivated) => {
                let row = HistoryRow {
                    forfeited: deactivated.forfeited.to_string(),
                    active: Some(false),
                    ..self.row("deactivated", 0)
                };
                self.push(&deactivated.device, &row)?;
            }
            Indexed::SlashOpened(opened) => {
                totals.slash_cases += 1;
                let row = self.row("slash_opened", opened.amount);
                self.push(&opened.device, &row)?;
            }
            Indexed::SlashAppealed(appealed) => {
                let row = self.row("slash_appealed", appealed.amount);
                self.push(&appealed.device, &row)?;
            }
            Indexed::SlashResolved(resolved) => {
                totals.burned = add(&totals.burned, resolved.burned.into());
                let row = HistoryRow {
                    forfeited: resolved.burned.to_string(),
                    ..self.row("slash_resolved", resolved.amount)
                };
                self.push(&resolved.device, &row)?;
            }
            Indexed::Minted(_) | Indexed::Closed(_) | Indexed::Attested(_) => {}
        }
        Ok(())
    }
}
