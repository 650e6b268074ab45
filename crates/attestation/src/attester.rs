//! The service's side that talks to the chain: refreshing the device registry, optionally
//! cranking, and attesting closed epochs from the stored tally.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anchor_lang::prelude::Pubkey;
use anchor_lang::{AccountDeserialize, Discriminator};
use io_emission::schedule;
use io_sdk::Addresses;
use io_staking::state::{Device, RewardPool, StakingConfig};
use solana_keypair::Keypair;
use tokio::sync::watch;

use super::Service;
use crate::verifier::RegisteredDevice;
use io_chain::retry::Backoff;
use io_chain::{fetch, Chain, ChainError};
use io_ops::attest::{attest_epoch, AttestReport};
use io_ops::crank::{crank_once, CrankError};
use io_ops::upkeep::{upkeep, UpkeepReport};

/// How the service reaches the chain.
pub struct ChainLink {
    pub chain: Arc<dyn Chain>,
    pub addresses: Addresses,
    pub backoff: Backoff,
    /// An authorized attester; also pays the fees of `attest` unless the chain's payer does.
    pub attester: Keypair,
    /// Also close ended epochs (so one keeper process does the whole job).
    pub crank: bool,
    /// A bonded keeper's vote key: vote on each epoch's uptime root and settle devices from it
    /// (docs/design.md section 14) instead of attesting.
    pub vote_key: Option<Keypair>,
}

/// What one attestation pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttestPass {
    pub last_closed_epoch: u32,
    /// Epochs finished in this pass.
    pub epochs: Vec<u32>,
    /// Devices attested in each of `epochs`, in the same order.
    pub attested_per_epoch: Vec<usize>,
    pub attested: usize,
    pub skipped: usize,
    /// Devices the program refused even alone; their epoch went on without them.
    pub refused: usize,
    pub transactions: usize,
    /// What the upkeep after attesting did (stale devices, due multiplier changes).
    pub upkeep: UpkeepReport,
}

impl Service {
    /// Reloads the registered devices of this deployment from chain.
    pub async fn refresh_registry(&self, link: &ChainLink) -> Result<usize, ChainError> {
        let accounts = link
            .backoff
            .retry("list devices", || {
                link.chain
                    .program_accounts(&io_staking::ID, Device::DISCRIMINATOR)
            })
            .await?;
        let mut registry = HashMap::with_capacity(accounts.len());
        for (address, data) in accounts {
            // Another deployment's devices (same program, other mint), or a layout this keeper
            // does not know, are not ours to attest.
            let Ok(device) = Device::try_deserialize(&mut data.as_slice()) else {
                continue;
            };
            if device.config != link.addresses.config {
                continue;
            }
            registry.insert(
                device.device_key,
                RegisteredDevice {
                    account: address,
                    hardware_hash: device.hardware_hash,
                },
            );
        }
        let count = self.verifier.replace_registry(registry);
        self.limiter
            .retain(|key| self.verifier.registered(key).is_some());
        self.metrics.registered_devices.set(count as u64);
        self.metrics.registry_refreshes.inc();
        Ok(count)
    }

    /// Cranks if asked to, then attests every closed epoch in the attestation window that is not
    /// done yet and whose late-heartbeat grace has passed, oldest first.
    pub async fn attest_closed_epochs(
        &self,
        link: &ChainLink,
        stop: &watch::Receiver<bool>,
    ) -> Result<AttestPass, ChainError> {
        if link.crank {
            let report = crank_once(link.chain.as_ref(), &link.addresses, &link.backoff, stop)
                .await
                .map_err(|e| match e {
                    CrankError::Chain(e) => e,
                    other => ChainError::Rejected(other.to_string()),
                })?;
            self.metrics.epochs_cranked.inc_by(u64::from(report.closed));
        }
        let chain = link.chain.as_ref();
        let config: StakingConfig = link
            .backoff
            .retry("read config", || fetch(chain, &link.addresses.config))
            .await?
            .ok_or_else(|| ChainError::Rejected("staking is not initialized".into()))?;
        let pool: RewardPool = link
            .backoff
            .retry("read reward pool", || {
                fetch(chain, &link.addresses.reward_pool)
            })
            .await?
            .ok_or_else(|| ChainError::Rejected("staking is not initialized".into()))?;
        let last_closed = pool.last_closed_epoch;
        self.metrics.last_closed_epoch.set(u64::from(last_closed));
        let chain_now = link
            .backoff
            .retry("read clock", || chain.unix_time())
            .await?;
        let window = config.params_at(chain_now).attestation_window_epochs.max(1);
        let first = last_closed.saturating_sub(window - 1).max(1);
        let mut pass = AttestPass {
            last_closed_epoch: last_closed,
            ..AttestPass::default()
        };
        let policy = self.config.policy;
        if let Some(vote_key) = &link.vote_key {
            self.vote_newest_epoch(link, vote_key, first, last_closed, chain_now, &mut pass)
                .await?;
        }
        for epoch in first..=last_closed {
            if link.vote_key.is_some() {
                break;
            }
            if *stop.borrow() {
                break;
            }
            if self.epoch_done(epoch) {
                continue;
            }
            // A heartbeat stamped just before the epoch ended may still be on its way.
            let end = schedule::epoch_end(policy.genesis, epoch)
                .map_err(|e| ChainError::Rejected(format!("epoch {epoch}: {e:?}")))?;
            if chain_now.max(self.now()) < end + policy.clock_tolerance_seconds {
                break;
            }
            let report = self.attest_one_epoch(link, epoch).await?;
            pass.epochs.push(epoch);
            pass.attested_per_epoch.push(report.attested);
            pass.attested += report.attested;
            pass.skipped += report.skipped;
            pass.refused += report.refused;
            pass.transactions += report.transactions;
        }
        // Right after attesting, active devices are settled up to the last close: the moment a
        // due multiplier change can be applied, and the attesters' progress that decides
        // staleness has just moved.
        // Its failure is counted and logged, never fatal to the pass: attestation is recorded.
        if !pass.epochs.is_empty() && !*stop.borrow() {
            pass.upkeep = self.upkeep_after_attesting(link, stop).await;
        }
        // Epochs before the window can never be attested: forget them.
        if first > 1 {
            self.verifier.prune_before(first);
            self.store.prune_before(first).map_err(store_error)?;
            self.forget_epochs_before(first);
        }
        Ok(pass)
    }

    /// Attests `epoch`'s up devices not yet recorded as attested, and records what settled.
    async fn attest_one_epoch(
        &self,
        link: &ChainLink,
        epoch: u32,
    ) -> Result<AttestReport, ChainError> {
        let chain = link.chain.as_ref();
        // The device account follows from the key: no registry lookup, so a refresh that
        // missed a device cannot cost it the attestation it earned.
        let up = self
            .verifier
            .up_device_keys(epoch, self.config.uptime_threshold_percent);
        let recorded = self
            .store
            .attested(up.iter().map(|key| (epoch, *key)))
            .map_err(store_error)?;
        let by_account: HashMap<Pubkey, Pubkey> = up
            .into_iter()
            .filter(|key| !recorded.contains(&(epoch, *key)))
            .map(|key| (link.addresses.device(&key), key))
            .collect();
        let mut accounts: Vec<Pubkey> = by_account.keys().copied().collect();
        accounts.sort();
        let report = attest_epoch(
            chain,
            &link.addresses,
            &link.backoff,
            &link.attester,
            epoch,
            &accounts,
        )
        .await?;
        let settled: Vec<Pubkey> = report
            .settled
            .iter()
            .filter_map(|account| by_account.get(account).copied())
            .collect();
        let store = self.store.clone();
        let attested = report.attested as u64;
        tokio::task::spawn_blocking(move || -> Result<(), crate::store::StoreError> {
            store.mark_attested(epoch, &settled)?;
            store.mark_epoch_done(epoch, attested)
        })
        .await
        .map_err(|e| ChainError::Rejected(format!("attestation records: {e}")))?
        .map_err(store_error)?;
        self.record_epoch_done(epoch, report.attested as u64);
        self.metrics.attested_devices.inc_by(report.attested as u64);
        self.metrics
            .attest_transactions
            .inc_by(report.transactions as u64);
        if !accounts.is_empty() {
            tracing::info!(
                epoch,
                attested = report.attested,
                skipped = report.skipped,
                refused = report.refused,
                transactions = report.transactions,
                "attested"
            );
        }
        self.metrics
            .attest_refused_devices
            .inc_by(report.refused as u64);
        Ok(report)
    }

    /// Upkeep after an attestation pass; its failure is counted and logged, never returned.
    async fn upkeep_after_attesting(
        &self,
        link: &ChainLink,
        stop: &watch::Receiver<bool>,
    ) -> UpkeepReport {
        match upkeep(link.chain.as_ref(), &link.addresses, &link.backoff, stop).await {
            Ok(report) => {
                self.metrics
                    .stale_deactivations
                    .inc_by(report.deactivated.len() as u64);
                self.metrics
                    .multiplier_syncs
                    .inc_by(report.synced.len() as u64);
                report
            }
            Err(error) => {
                self.metrics.upkeep_failures.inc();
                tracing::warn!(%error, "upkeep failed; trying again after the next attestation");
                UpkeepReport::default()
            }
        }
    }
}

fn store_error(error: crate::store::StoreError) -> ChainError {
    ChainError::Rejected(format!("attestation records: {error}"))
}

/// Attests every `poll` and refreshes the registry every `refresh` (the caller loads it once
/// before serving) until `stop` is set.
/// Failures are logged and counted, and the next round tries again.
pub async fn run_chain_loop(
    service: Arc<Service>,
    link: ChainLink,
    poll: Duration,
    refresh: Duration,
    mut stop: watch::Receiver<bool>,
) {
    // The caller loaded the registry before serving: the first refresh is one period away.
    let mut next_refresh = tokio::time::Instant::now() + refresh;
    loop {
        if tokio::time::Instant::now() >= next_refresh {
            match service.refresh_registry(&link).await {
                Ok(count) => tracing::debug!(count, "device registry refreshed"),
                Err(error) => {
                    service.metrics.registry_refresh_failures.inc();
                    tracing::warn!(%error, "device registry refresh failed; keeping the last one");
                }
            }
            next_refresh = tokio::time::Instant::now() + refresh;
        }
        if let Err(error) = service.attest_closed_epochs(&link, &stop).await {
            service.metrics.attest_failures.inc();
            tracing::warn!(%error, "attestation pass failed; retrying on the next pass");
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            // A dropped sender means nobody can ask to stop: keep the poll's pace.
            _ = async {
                if stop.changed().await.is_err() {
                    std::future::pending::<()>().await;
                }
            } => {}
        }
        if *stop.borrow() {
            break;
        }
    }
}
