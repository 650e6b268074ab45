//! The indexer's embedded database (redb): one row per epoch and a history per device, built
//! from the programs' events for one deployment (one IO mint). Each transaction is applied at
//! most once (its signature is kept in the same write), so replaying a history after a restart,
//! or hearing a transaction twice, changes nothing.
//!
//! Several deployments may share the two programs (anyone can initialize one on their own
//! mint), so an event is kept only when it is provably this deployment's: `EpochMinted` names
//! its emission state, `EpochClosed` and `RootFinalized` their config, a registration's device
//! account must derive from this config and its device key, and every later device event must
//! name a device registered here.

use std::path::Path;
use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use io_sdk::Addresses;
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};

use crate::decode::{decode, Indexed};

mod apply;
#[cfg(test)]
mod tests;

use apply::Writer;

/// Signature -> slot, for every transaction applied.
const SEEN: TableDefinition<&[u8], u64> = TableDefinition::new("seen");
/// Epoch -> its row (JSON).
const EPOCHS: TableDefinition<u32, &[u8]> = TableDefinition::new("epochs");
/// Device account (32 bytes) then a sequence number (8, big-endian) -> a history row (JSON).
const HISTORY: TableDefinition<&[u8], &[u8]> = TableDefinition::new("device_history");
/// Device accounts registered in this deployment.
const DEVICES: TableDefinition<&[u8], u8> = TableDefinition::new("devices");
/// A cluster follower's queue: address followed (32 bytes) then the position in its walk back
/// through history (8, big-endian) -> a signature to apply (JSON).
const BACKLOG: TableDefinition<&[u8], &[u8]> = TableDefinition::new("backlog");
/// Counters, cursors, and the mint the database belongs to.
const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");

const SEQUENCE: &str = "sequence";
const TOTALS: &str = "totals";
const MINT: &str = "mint";

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("index database: {0}")]
    Database(String),
    #[error("index row: {0}")]
    Row(#[from] serde_json::Error),
    #[error("the index database belongs to mint {stored}, not {current}; use another path")]
    OtherDeployment { stored: String, current: String },
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

/// One epoch's ballot of the keeper quorum (docs/design.md section 14), from its events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BallotRow {
    /// Keeper slots that could commit and vote (bit `i`: slot `i`), and the votes that finalize.
    pub electorate: u16,
    pub quorum: u8,
    pub opened_at: i64,
    pub observe_until: i64,
    /// Each committing keeper's observation hash (hex), by slot, in commit order.
    pub commits: Vec<CommitRow>,
    /// Each keeper's latest vote, by slot.
    pub votes: Vec<VoteRow>,
    /// When its rent went back (the ballot account closed).
    pub closed_at: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommitRow {
    pub slot: u8,
    pub observation_hash: String,
    pub time: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VoteRow {
    pub slot: u8,
    pub root: String,
    pub leaf_count: u32,
    /// The observations it merged (bit `i`: slot `i`'s).
    pub observations: u16,
    /// Times this keeper changed its vote.
    pub changes: u32,
    pub time: i64,
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
    /// From `RootFinalized`: the quorum's merkle root of uptime for this epoch (hex), its leaf
    /// count, whether the admin's stall rule finalized it, and when.
    pub root: Option<String>,
    pub leaf_count: Option<u32>,
    pub root_by_admin: Option<bool>,
    pub root_finalized_at: Option<i64>,
    /// From `BallotOpened`, `ObservationCommitted`, `VoteCast` and `BallotClosed`.
    pub ballot: Option<BallotRow>,
    /// From the `DeviceSettled` events against this epoch's root: devices settled, what they
    /// were credited and forfeited (over every epoch each settle covered), and the last one's
    /// time.
    pub attested_devices: u32,
    pub credited: String,
    pub forfeited: String,
    pub attested_at: Option<i64>,
}

/// One line of a device's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    /// Position in the index (for paging with `before`).
    pub seq: u64,
    /// registered, staked, settled, claimed, unstake_requested, withdrawn, overflow_withdrawn,
    /// deactivated, slash_opened, slash_appealed, slash_resolved, co_stake_offered,
    /// co_stake_offer_cancelled, co_stake_accepted, co_stake_exit_requested,
    /// co_stake_withdrawn, co_stake_rewards_claimed.
    pub kind: String,
    /// The epoch it concerns (a settle: the epoch of the root it settled against).
    pub epoch: Option<u32>,
    pub time: i64,
    pub slot: u64,
    pub signature: String,
    /// The amount the event moved (credited, staked, claimed, withdrawn, slashed, co-staked),
    /// base units.
    pub amount: String,
    /// Forfeited (settles, unstake, deactivation) or burned (slash resolution).
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
    /// Credited to devices (owners and co-stakers together).
    pub credited: String,
    /// Paid out to owners and co-stakers.
    pub claimed: String,
    /// Burned by upheld slash cases.
    pub burned: String,
    pub slash_cases: u64,
    /// IO delivered to io-payments' buy-back and burned (base units).
    #[serde(default)]
    pub bought_back_burned: String,
    /// USDC of fees spent by those buy-backs (base units).
    #[serde(default)]
    pub bought_back_usdc: String,
}

/// A signature a cluster follower found and has yet to apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacklogEntry {
    pub signature: String,
    pub slot: u64,
    pub block_time: Option<i64>,
    /// It failed on chain: nothing to fetch.
    pub failed: bool,
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
    addresses: Addresses,
    /// io-payments' config of this deployment, derived once (a PDA search per event would be
    /// the indexer's costliest step).
    payments_config: Pubkey,
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
    /// Opens (or creates) the database file of the deployment of `addresses`: history survives
    /// restarts. A database of another mint is refused.
    pub fn open(path: &Path, addresses: Addresses) -> Result<Self, IndexError> {
        Self::start(Database::create(path)?, addresses)
    }

    /// A database in memory: for the embedded chain, which is in memory too.
    pub fn in_memory(addresses: Addresses) -> Result<Self, IndexError> {
        let db = Database::builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .map_err(|e| IndexError::Database(e.to_string()))?;
        Self::start(db, addresses)
    }

    fn start(db: Database, addresses: Addresses) -> Result<Self, IndexError> {
        let txn = db.begin_write()?;
        txn.open_table(SEEN)?;
        txn.open_table(EPOCHS)?;
        txn.open_table(HISTORY)?;
        txn.open_table(DEVICES)?;
        txn.open_table(BACKLOG)?;
        {
            let mut meta = txn.open_table(META)?;
            let stored = meta.get(MINT)?.map(|v| v.value().to_vec());
            match stored {
                Some(stored) if stored != addresses.mint.as_ref() => {
                    return Err(IndexError::OtherDeployment {
                        stored: bs58::encode(stored).into_string(),
                        current: addresses.mint.to_string(),
                    })
                }
                Some(_) => {}
                None => {
                    meta.insert(MINT, addresses.mint.as_ref())?;
                }
            }
        }
        txn.commit()?;
        Ok(Self {
            db: Arc::new(db),
            payments_config: io_payments::state::PaymentsConfig::find_address(&addresses.config).0,
            addresses,
        })
    }

    pub fn addresses(&self) -> &Addresses {
        &self.addresses
    }

    /// Whether this transaction has been applied.
    pub fn seen(&self, signature: &[u8]) -> Result<bool, IndexError> {
        let txn = self.db.begin_read()?;
        Ok(txn.open_table(SEEN)?.get(signature)?.is_some())
    }

    /// Applies one transaction's events; `false` when it had been applied already.
    pub fn ingest(&self, tx: &TxEvents<'_>) -> Result<bool, IndexError> {
        let txn = self.db.begin_write()?;
        let applied = self.apply_in(&txn, tx)?;
        txn.commit()?;
        Ok(applied)
    }

    fn apply_in(
        &self,
        txn: &redb::WriteTransaction,
        tx: &TxEvents<'_>,
    ) -> Result<bool, IndexError> {
        let mut seen = txn.open_table(SEEN)?;
        if seen.get(tx.signature)?.is_some() {
            return Ok(false);
        }
        seen.insert(tx.signature, tx.slot)?;
        let mut writer = Writer {
            epochs: txn.open_table(EPOCHS)?,
            history: txn.open_table(HISTORY)?,
            devices: txn.open_table(DEVICES)?,
            meta: txn.open_table(META)?,
            addresses: &self.addresses,
            payments_config: self.payments_config,
            tx,
        };
        let mut totals = read_totals(&writer.meta)?;
        totals.transactions += 1;
        totals.last_slot = totals.last_slot.max(tx.slot);
        for event in tx.events.iter().filter_map(|payload| decode(payload)) {
            writer.apply(event, &mut totals)?;
        }
        writer
            .meta
            .insert(TOTALS, serde_json::to_vec(&totals)?.as_slice())?;
        Ok(true)
    }

    /// Queues signatures a follower's walk found (newest first, numbered from `position` on)
    /// and saves its walk state, in one write.
    pub fn backlog_push(
        &self,
        address: &Pubkey,
        position: u64,
        entries: &[BacklogEntry],
        state: &[(&str, Option<&str>)],
    ) -> Result<(), IndexError> {
        let txn = self.db.begin_write()?;
        {
            let mut backlog = txn.open_table(BACKLOG)?;
            for (offset, entry) in entries.iter().enumerate() {
                let key = history_key(address, position + offset as u64);
                backlog.insert(key.as_slice(), serde_json::to_vec(entry)?.as_slice())?;
            }
            let mut meta = txn.open_table(META)?;
            set_values(&mut meta, state)?;
        }
        txn.commit()?;
        Ok(())
    }

    /// The oldest queued signature of `address` (the highest position: walks go back in time).
    pub fn backlog_oldest(
        &self,
        address: &Pubkey,
    ) -> Result<Option<(u64, BacklogEntry)>, IndexError> {
        let txn = self.db.begin_read()?;
        let backlog = txn.open_table(BACKLOG)?;
        let start = history_key(address, 0);
        let end = history_key(address, u64::MAX);
        let last = backlog
            .range(start.as_slice()..=end.as_slice())?
            .next_back();
        match last {
            Some(entry) => {
                let (key, value) = entry?;
                let position = u64::from_be_bytes(key.value()[32..40].try_into().unwrap_or([0; 8]));
                Ok(Some((position, serde_json::from_slice(value.value())?)))
            }
            None => Ok(None),
        }
    }

    /// Applies a queued transaction (`None`: nothing to apply, e.g. it failed on chain) and
    /// takes it off the queue, in one write; `true` if it was new.
    pub fn backlog_apply(
        &self,
        address: &Pubkey,
        position: u64,
        tx: Option<&TxEvents<'_>>,
    ) -> Result<bool, IndexError> {
        let txn = self.db.begin_write()?;
        let applied = match tx {
            Some(tx) => self.apply_in(&txn, tx)?,
            None => false,
        };
        txn.open_table(BACKLOG)?
            .remove(history_key(address, position).as_slice())?;
        txn.commit()?;
        Ok(applied)
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

    /// A device's history, newest first, from `before` (a row's `seq`, exclusive) down, at
    /// most `limit` rows.
    pub fn history(
        &self,
        device: &Pubkey,
        before: Option<u64>,
        limit: usize,
    ) -> Result<Vec<HistoryRow>, IndexError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(HISTORY)?;
        let start = history_key(device, 0);
        let end = history_key(device, before.unwrap_or(u64::MAX));
        let mut rows = Vec::new();
        for entry in table
            .range(start.as_slice()..end.as_slice())?
            .rev()
            .take(limit)
        {
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

    /// A follower's saved value (cursors and walk state), by name.
    pub fn meta(&self, name: &str) -> Result<Option<String>, IndexError> {
        let txn = self.db.begin_read()?;
        let meta = txn.open_table(META)?;
        let value = meta.get(name)?;
        Ok(value.map(|v| String::from_utf8_lossy(v.value()).into_owned()))
    }

    /// Sets (or, with `None`, removes) follower values in one write.
    pub fn set_meta(&self, values: &[(&str, Option<&str>)]) -> Result<(), IndexError> {
        let txn = self.db.begin_write()?;
        set_values(&mut txn.open_table(META)?, values)?;
        txn.commit()?;
        Ok(())
    }
}

fn set_values(
    meta: &mut redb::Table<'_, &'static str, &'static [u8]>,
    values: &[(&str, Option<&str>)],
) -> Result<(), IndexError> {
    for (name, value) in values {
        match value {
            Some(value) => meta.insert(*name, value.as_bytes())?,
            None => meta.remove(*name)?,
        };
    }
    Ok(())
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
            bought_back_burned: "0".into(),
            bought_back_usdc: "0".into(),
            ..Totals::default()
        }),
    }
}
