//! The bonded quorum in the randomized run (docs/design.md section 14): seven bonded keepers, of
//! which a random one to seven commit an observation each round (each sees a device's true
//! uptime, or misses it now and then); they vote for the tree their committed observations merge
//! to, now and then a colluding majority votes every device up instead, and now and then too few
//! vote and the ballot stalls. Devices settle from the latest or the previous root at random
//! times (the only way devices are paid), while the rest of the run stakes, slashes and
//! co-stakes: every invariant is checked after every step whatever the roots say.

use std::collections::BTreeMap;

use anchor_lang::prelude::Pubkey;
use io_sdk::uptime::UptimeTree;
use io_staking::math::ballot::merged_up;
use io_test_harness::quorum::{test_quorum_params, Keeper, UptimeBook};
use rand::Rng;

use super::model::*;

const KEEPERS: usize = 7;

pub(super) struct Quorum {
    /// Its own draws, so adding the quorum did not change the rest of the run's steps.
    pub(super) rng: rand::rngs::SmallRng,
    pub(super) keepers: Vec<Keeper>,
    /// What the finalized roots said, epoch by epoch (the merged observations, or a lie).
    agreed: UptimeBook,
    /// The last epoch whose observations were drawn.
    observed_through: u32,
    /// The latest and the previous finalized trees.
    latest: Option<UptimeTree>,
    previous: Option<UptimeTree>,
    pub(super) finalized: usize,
    pub(super) lies: usize,
    pub(super) stalls: usize,
    pub(super) settles: usize,
}

impl Quorum {
    /// Before any device registers, so the quorum's parameters apply at once.
    pub(super) async fn new(
        chain: &mut io_test_harness::TestChain,
        protocol: &io_test_harness::Protocol,
        seed: u64,
    ) -> Self {
        let keepers = chain
            .setup_quorum(protocol, KEEPERS, test_quorum_params(6_667))
            .await;
        Self {
            rng: rand::SeedableRng::seed_from_u64(seed ^ 0x0B5E_4BED),
            keepers,
            agreed: UptimeBook::default(),
            observed_through: 0,
            latest: None,
            previous: None,
            finalized: 0,
            lies: 0,
            stalls: 0,
            settles: 0,
        }
    }
}

/// A ballot on the newest closed epoch: random commits, a merged (or lying) tree, a vote.
pub(super) async fn round(run: &mut Run, q: &mut Quorum, context: &str) {
    let pool = run.chain.pool_state(&run.protocol).await;
    let epoch = pool.last_closed_epoch;
    let latest = q.latest.as_ref().map_or(0, |t| t.epoch);
    if epoch <= pool.first_epoch || epoch <= latest {
        return;
    }
    // A stalled ballot of this epoch is left to the next one, after the next close.
    if run
        .chain
        .account(run.protocol.addresses.ballot(epoch))
        .await
        .is_some()
    {
        return;
    }
    let devices: Vec<Pubkey> = run.suppliers.iter().map(|s| s.dev.device).collect();
    // The committing keepers, and what each saw of every epoch since the last draw.
    let committing = q.rng.random_range(1..=KEEPERS);
    let mut order: Vec<usize> = (0..KEEPERS).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, q.rng.random_range(0..=i));
    }
    let committed: Vec<usize> = order[..committing].to_vec();
    let mask = committed.iter().fold(0u16, |m, k| m | q.keepers[*k].bit());
    let mut merged = q.agreed.clone();
    let mut seen: BTreeMap<(Pubkey, u32), u32> = BTreeMap::new();
    for e in q.observed_through.max(pool.first_epoch) + 1..=epoch {
        for device in &devices {
            let truly_up = q.rng.random_bool(0.9);
            for _ in &committed {
                if truly_up && q.rng.random_bool(0.95) {
                    *seen.entry((*device, e)).or_default() += 1;
                }
            }
            merged.track(*device);
            let up = seen.get(&(*device, e)).copied().unwrap_or(0);
            if merged_up(up, committing as u32) {
                merged.mark_up(*device, e);
            }
        }
    }
    let lie = q.rng.random_bool(0.1);
    if lie {
        for device in &devices {
            merged.mark_up_range(
                *device,
                q.observed_through.max(pool.first_epoch) + 1..=epoch,
            );
        }
    }
    let tree = merged.tree(epoch);
    let a = run.protocol.addresses;
    let chain = &mut run.chain;
    chain
        .open_ballot(&run.protocol, epoch)
        .await
        .unwrap_or_else(|e| panic!("{context}: open ballot {epoch}: {e:?}"));
    for k in &committed {
        chain
            .commit(&a, &q.keepers[*k], epoch)
            .await
            .unwrap_or_else(|e| panic!("{context}: commit: {e:?}"));
    }
    if committing < KEEPERS {
        chain
            .advance(io_staking::state::QuorumParams::DEFAULT_OBSERVE_SECONDS)
            .await;
    }
    // Five of seven finalize (a sixth vote would find the ballot final); four leave it open, a
    // stall the next ballot supersedes.
    let voters = if q.rng.random_bool(0.1) { 4 } else { 5 };
    for k in &order[..voters] {
        chain
            .vote(&a, &q.keepers[*k], &tree, mask)
            .await
            .unwrap_or_else(|e| panic!("{context}: vote: {e:?}"));
    }
    let set = chain.keeper_set(&run.protocol).await;
    if voters < 5 {
        assert!(
            set.latest_root.epoch < epoch,
            "{context}: four of seven finalized"
        );
        q.stalls += 1;
        return;
    }
    assert_eq!(
        (set.latest_root.epoch, set.latest_root.root),
        (epoch, tree.root()),
        "{context}"
    );
    q.agreed = merged;
    q.observed_through = epoch;
    q.previous = q.latest.replace(tree);
    q.finalized += 1;
    q.lies += usize::from(lie);
}

/// A random device settles from the latest or the previous root (a repeat is a no-op).
pub(super) async fn settle(run: &mut Run, q: &mut Quorum, context: &str, i: usize) {
    let tree = if q.rng.random_bool(0.3) {
        q.previous.as_ref().or(q.latest.as_ref())
    } else {
        q.latest.as_ref()
    };
    let Some(tree) = tree else {
        return;
    };
    let device = run.suppliers[i].dev.device;
    let Some(leaf) = tree.proof_for(&device) else {
        return;
    };
    // A device closed by the run has no account to settle until it registers again.
    if run.chain.account(device).await.is_none() {
        return;
    }
    run.chain
        .settle(&run.protocol, device, &leaf)
        .await
        .unwrap_or_else(|e| panic!("{context}: settle {device} at {}: {e:?}", leaf.epoch));
    q.settles += 1;
}
