//! The service's side that talks to the chain: refreshing the device registry, optionally
//! cranking, and attesting closed epochs from the stored tally: this keeper votes on each
//! epoch's uptime root and settles the devices from it (docs/design.md section 14).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anchor_lang::{AccountDeserialize, Discriminator};
use io_sdk::Addresses;
use io_staking::state::{Device, RewardPool, SETTLEMENT_WINDOW};
use solana_keypair::Keypair;
use tokio::sync::watch;

use super::Service;
use crate::verifier::RegisteredDevice;
use io_chain::retry::Backoff;
use io_chain::{fetch, Chain, ChainError};
use io_ops::crank::{crank_once, CrankError};
use io_ops::quorum::{Deactivation, SettlePolicy};
use io_ops::upkeep::{upkeep, UpkeepReport};

/// How the service reaches the chain.
pub struct ChainLink {
    pub chain: Arc<dyn Chain>,
    pub addresses: Addresses,
    pub backoff: Backoff,
    /// A bonded keeper's vote key: opens, commits to and votes on each epoch's ballot, and gets
    /// the ballot's rent back when it closes it.
    pub vote_key: Keypair,
    /// Also close ended epochs (so one keeper process does the whole job).
    pub crank: bool,
    /// Which devices to settle from each final root.
    pub settle: SettlePolicy,
}

/// What one attestation pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttestPass {
    pub last_closed_epoch: u32,
    /// Epochs whose root finalized and whose devices were settled in this pass (the newest
    /// epoch whose late heartbeats are in; the roots before it are covered by its leaves).
    pub epochs: Vec<u32>,
    /// Devices settled from each of `epochs`' roots, in the same order.
    pub attested_per_epoch: Vec<usize>,
    /// Devices settled in all.
    pub attested: usize,
    /// Devices those settles took out of the active set (stale, or no longer eligible).
    pub deactivated: Vec<Deactivation>,
    pub transactions: usize,
    /// What the upkeep after settling did (due multiplier changes).
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
            // does not know, are not ours to vouch for.
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

    /// Cranks if asked to, then votes on the newest closed epoch whose late-heartbeat grace has
    /// passed (if not done yet), settles every device from its root once final, and runs the
    /// upkeep.
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
        // A leaf covers 720 epochs: older heartbeats can never count again.
        let first = last_closed.saturating_sub(SETTLEMENT_WINDOW - 1).max(1);
        let mut pass = AttestPass {
            last_closed_epoch: last_closed,
            ..AttestPass::default()
        };
        if !*stop.borrow() {
            self.vote_newest_epoch(link, first, last_closed, chain_now, &mut pass)
                .await?;
        }
        // Right after settling, devices are settled up to the last close: the moment a due
        // multiplier change can be applied. Its failure is counted and logged, never fatal to
        // the pass: the settles are recorded.
        if !pass.epochs.is_empty() && !*stop.borrow() {
            pass.upkeep = self.upkeep_after_settling(link, stop).await;
        }
        // Epochs before the window are in no leaf any more: forget them.
        if first > 1 {
            self.verifier.prune_before(first);
            self.store.prune_before(first).map_err(store_error)?;
            self.forget_epochs_before(first);
        }
        Ok(pass)
    }

    /// Upkeep after a settling pass; its failure is counted and logged, never returned.
    async fn upkeep_after_settling(
        &self,
        link: &ChainLink,
        stop: &watch::Receiver<bool>,
    ) -> UpkeepReport {
        match upkeep(link.chain.as_ref(), &link.addresses, &link.backoff, stop).await {
            Ok(report) => {
                self.metrics
                    .multiplier_syncs
                    .inc_by(report.synced.len() as u64);
                report
            }
            Err(error) => {
                self.metrics.upkeep_failures.inc();
                tracing::warn!(%error, "upkeep failed; trying again after the next root");
                UpkeepReport::default()
            }
        }
    }
}

pub(crate) fn store_error(error: crate::store::StoreError) -> ChainError {
    ChainError::Rejected(format!("attestation records: {error}"))
}

/// Votes and settles every `poll` and refreshes the registry every `refresh` (the caller loads it once
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
