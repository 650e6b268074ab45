//! The service as one bonded keeper voting alone (docs/design.md section 14): each pass builds
//! the uptime tree of the newest closed epoch from the tally, commits and votes for it, and
//! settles every device from the root once it is final. Until keepers merge each other's
//! observations, this finalizes only while this keeper is the whole quorum.

use std::collections::HashMap;
use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use io_emission::schedule;
use io_ops::quorum::{close_ballot, settle_with, vote_alone};
use io_sdk::uptime::{uptime_bits, UptimeTree};
use solana_signer::Signer;

use super::Service;
use crate::chain_loop::{store_error, AttestPass, ChainLink};
use io_chain::ChainError;

impl Service {
    /// Votes on the newest closed epoch whose late-heartbeat grace has passed, and settles every
    /// registered device once its root is final; the epochs up to it are then done.
    pub(crate) async fn vote_newest_epoch(
        &self,
        link: &ChainLink,
        first: u32,
        last_closed: u32,
        chain_now: i64,
        pass: &mut AttestPass,
    ) -> Result<(), ChainError> {
        let policy = self.config.policy;
        let now = chain_now.max(self.now());
        let graced = |epoch: u32| {
            schedule::epoch_end(policy.genesis, epoch)
                .is_ok_and(|end| now >= end + policy.clock_tolerance_seconds)
        };
        let Some(epoch) = (first..=last_closed).rev().find(|e| graced(*e)) else {
            return Ok(());
        };
        if self.epoch_done(epoch) {
            return Ok(());
        }
        // The tree committed to before (an earlier pass, or before a restart), if any: the
        // vote must match the commit, and the tally need not be read again.
        let stored = self.trees().built(epoch);
        let tree = match stored {
            Some(tree) => tree,
            None => match self.build_tree(link, first, epoch).await? {
                Some(tree) => tree,
                // No device registered: nothing to vote on.
                None => return Ok(()),
            },
        };
        let chain = link.chain.as_ref();
        let vote_key = &link.vote_key;
        let report = vote_alone(chain, &link.addresses, &link.backoff, vote_key, &tree).await?;
        pass.transactions += report.transactions;
        let sent_before = pass.transactions;
        self.metrics
            .attest_transactions
            .inc_by(report.transactions as u64);
        if !report.finalized {
            tracing::info!(epoch, "voted; the root is not final yet");
            return Ok(());
        }
        self.trees().mark_final(epoch);
        let report = settle_with(chain, &link.addresses, &link.backoff, &tree, link.settle).await?;
        let settled = report.sent;
        pass.transactions += settled;
        pass.deactivated.extend(report.deactivated);
        // Settlement reads the root from the keeper set: the ballot's rent can come back now.
        if close_ballot(
            chain,
            &link.addresses,
            &link.backoff,
            vote_key.pubkey(),
            epoch,
        )
        .await?
        {
            pass.transactions += 1;
        }
        pass.attested += settled;
        self.metrics.attested_devices.inc_by(settled as u64);
        self.metrics
            .attest_transactions
            .inc_by((pass.transactions - sent_before) as u64);
        pass.epochs.push(epoch);
        pass.attested_per_epoch.push(settled);
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || store.mark_epoch_done(epoch, settled as u64))
            .await
            .map_err(|e| ChainError::Rejected(format!("attestation records: {e}")))?
            .map_err(store_error)?;
        for e in first..=epoch {
            if !self.epoch_done(e) {
                self.record_epoch_done(e, 0);
            }
        }
        self.record_epoch_done(epoch, settled as u64);
        tracing::info!(epoch, settled, "root final; devices settled");
        Ok(())
    }

    /// The uptime tree of `epoch` from the tally (every registered device a leaf, its bits
    /// from `first` on), stored before anything is committed to it and kept for the routes.
    async fn build_tree(
        &self,
        link: &ChainLink,
        first: u32,
        epoch: u32,
    ) -> Result<Option<Arc<UptimeTree>>, ChainError> {
        let mut up: HashMap<Pubkey, Vec<u32>> = HashMap::new();
        for e in first..=epoch {
            for key in self
                .verifier
                .up_device_keys(e, self.config.uptime_threshold_percent)
            {
                up.entry(link.addresses.device(&key)).or_default().push(e);
            }
        }
        let leaves = self
            .verifier
            .registered_accounts()
            .iter()
            .map(|d| {
                let epochs = up.remove(d).unwrap_or_default();
                (*d, uptime_bits(epoch, epochs))
            })
            .collect();
        let Some(tree) = UptimeTree::build(epoch, leaves) else {
            return Ok(None);
        };
        let tree = Arc::new(tree);
        let (store, saved) = (self.store.clone(), tree.clone());
        tokio::task::spawn_blocking(move || store.save_tree(&saved))
            .await
            .map_err(|e| ChainError::Rejected(format!("tree records: {e}")))?
            .map_err(store_error)?;
        self.trees().keep(tree.clone());
        Ok(Some(tree))
    }
}
