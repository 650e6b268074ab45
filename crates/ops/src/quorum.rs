//! One keeper's part in the bonded quorum (docs/design.md section 14): bond, vote on an epoch's
//! uptime root, settle devices from their leaves. Until keepers merge each other's observations
//! (the next step), a keeper votes with its own observation alone, which finalizes only while it
//! is the whole quorum.

use anchor_lang::prelude::Pubkey;
use io_sdk::uptime::UptimeTree;
use io_sdk::{decode_zero_copy, Addresses};
use io_staking::math::crank::{self, DeviceView};
use io_staking::state::{Device, EpochBallot, KeeperSet, StakingConfig};
use solana_keypair::Keypair;
use solana_signer::Signer;

use io_chain::retry::Backoff;
use io_chain::{fetch_all, Chain, ChainError};

/// What an operator bonds, and the keeper it names.
#[derive(Clone, Copy, Debug)]
pub struct Bonding<'a> {
    /// The operator's IO token account the bond comes from.
    pub operator_token: Pubkey,
    pub amount: u64,
    pub vote_key: Pubkey,
    pub url: &'a str,
}

/// Bonds from the operator's token account and names the vote key and URL, in one transaction.
pub async fn bond(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    operator: &Keypair,
    bonding: Bonding<'_>,
) -> Result<(), ChainError> {
    let instructions = [
        addresses.bond_keeper(operator.pubkey(), bonding.operator_token, bonding.amount),
        addresses.set_keeper_info(operator.pubkey(), bonding.vote_key, bonding.url),
    ];
    let signers = [operator];
    backoff
        .retry("bond keeper", || chain.send(&instructions, &signers))
        .await
}

async fn zero_copy<T>(
    chain: &dyn Chain,
    backoff: &Backoff,
    address: Pubkey,
) -> Result<Option<T>, ChainError>
where
    T: anchor_lang::ZeroCopy + anchor_lang::Discriminator,
{
    let data = backoff
        .retry("read account", || chain.account_data(&address))
        .await?;
    data.map(|bytes| decode_zero_copy::<T>(&bytes))
        .transpose()
        .map_err(|e| ChainError::Rejected(format!("{address}: {e}")))
}

/// What a keeper's ballot transactions did for one epoch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VoteReport {
    pub transactions: usize,
    /// The tree's root is now the latest finalized root.
    pub finalized: bool,
}

/// Opens the ballot of `tree.epoch` if nobody did, commits this keeper's observation (the tree's
/// own bitmap) if it has not, and votes for the tree with that observation once the observe
/// phase is over. Safe to call again: what is done already is not sent twice.
pub async fn vote_alone(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    vote_key: &Keypair,
    tree: &UptimeTree,
) -> Result<VoteReport, ChainError> {
    let epoch = tree.epoch;
    let mut report = VoteReport::default();
    let set: KeeperSet = zero_copy(chain, backoff, addresses.keeper_set)
        .await?
        .ok_or_else(|| ChainError::Rejected("the keeper set is not initialized".into()))?;
    if set.is_superseded(epoch) {
        report.finalized = set.latest_root.epoch == epoch && set.latest_root.root == tree.root();
        return Ok(report);
    }
    let slot = set.slot_of_vote_key(&vote_key.pubkey()).ok_or_else(|| {
        ChainError::Rejected(format!("{} is no keeper's vote key", vote_key.pubkey()))
    })?;
    let bit = 1u16 << slot;
    let ballot: Option<EpochBallot> = zero_copy(chain, backoff, addresses.ballot(epoch)).await?;
    let (_, observation) = tree.observation();
    let mut instructions = Vec::new();
    if ballot.is_none() {
        instructions.push(addresses.open_ballot(vote_key.pubkey(), epoch));
    }
    if ballot.is_none_or(|b| b.committed & bit == 0) {
        instructions.push(addresses.commit_observation(vote_key.pubkey(), epoch, observation));
    }
    let signers = [vote_key];
    if !instructions.is_empty() {
        backoff
            .retry("commit observation", || chain.send(&instructions, &signers))
            .await?;
        report.transactions += 1;
    }
    let vote = addresses.cast_vote(
        vote_key.pubkey(),
        epoch,
        tree.root(),
        tree.leaf_count(),
        bit,
    );
    match backoff
        .retry("vote", || chain.send(std::slice::from_ref(&vote), &signers))
        .await
    {
        Ok(()) => report.transactions += 1,
        // Other electors have not committed and the observe phase is still on: vote later.
        Err(error)
            if error.program_code()
                == Some(io_staking::error::StakingError::ObservePhaseOpen.code()) =>
        {
            return Ok(report)
        }
        Err(error) => return Err(error),
    }
    let set: KeeperSet = zero_copy(chain, backoff, addresses.keeper_set)
        .await?
        .ok_or_else(|| ChainError::Rejected("the keeper set vanished".into()))?;
    report.finalized = set.latest_root.epoch == epoch && set.latest_root.root == tree.root();
    Ok(report)
}

/// Closes the ballot of `epoch` once it can no longer change, returning its rent to `opener`
/// (the key that opened it). Returns whether it was closed: `false` when it is gone already,
/// still open, or someone else's.
pub async fn close_ballot(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    opener: Pubkey,
    epoch: u32,
) -> Result<bool, ChainError> {
    let Some(ballot) = zero_copy::<EpochBallot>(chain, backoff, addresses.ballot(epoch)).await?
    else {
        return Ok(false);
    };
    if ballot.opener != opener || ballot.is_open() {
        return Ok(false);
    }
    let ix = addresses.close_ballot(epoch, opener);
    backoff
        .retry("close ballot", || {
            chain.send(std::slice::from_ref(&ix), &[])
        })
        .await?;
    Ok(true)
}

/// A device a settle took out of the active set: stale (down for the staleness), or no longer
/// eligible. What it had accrued unsettled was forfeited back to the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deactivation {
    pub device: Pubkey,
    /// Forfeited by that settle (base units).
    pub forfeited: u64,
}

/// What [`settle_devices`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SettleReport {
    /// Settle transactions that landed.
    pub sent: usize,
    /// Devices [`SettlePolicy::AsNeeded`] left for their owners to settle.
    pub skipped: usize,
    /// Devices the program refused to settle (closed since the keeper read it, or not this
    /// deployment's): logged, and the others settled. The next root covers any device it
    /// missed, since a leaf carries 720 epochs.
    pub refused: usize,
    /// Devices those settles took out of the active set.
    pub deactivated: Vec<Deactivation>,
}

/// Which devices a keeper settles from each final root.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SettlePolicy {
    /// Every device not settled against the root yet: balances on chain are always current
    /// (what wallets and explorers that do not settle first show).
    #[default]
    EveryDevice,
    /// Only the devices the root moves into or out of the active set, and active ones near the
    /// end of the window (`io_staking::math::crank`): owners settle the rest when they claim.
    AsNeeded,
}

/// Settles every device of `tree` not yet settled against its epoch (one transaction each), from
/// the finalized root of `tree.epoch`. Devices closed since are skipped, and one the program
/// refuses costs only itself; a refusal of the whole call (the protocol is paused) fails it.
pub async fn settle_devices(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    tree: &UptimeTree,
) -> Result<SettleReport, ChainError> {
    settle_with(chain, addresses, backoff, tree, SettlePolicy::EveryDevice).await
}

/// [`settle_devices`] under `policy`.
pub async fn settle_with(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    tree: &UptimeTree,
    policy: SettlePolicy,
) -> Result<SettleReport, ChainError> {
    let addresses = crate::with_rpw_ring(chain, backoff, addresses).await?;
    let devices: Vec<Pubkey> = tree.devices().copied().collect();
    let states = backoff
        .retry("read devices", || fetch_all::<Device>(chain, &devices))
        .await?;
    let mut report = SettleReport::default();
    let mut was_active = Vec::new();
    let mut rules: Option<(StakingConfig, i64)> = None;
    for (device, state) in devices.iter().zip(states) {
        let Some(state) = state else { continue };
        if state.settled_epoch >= tree.epoch {
            continue;
        }
        let Some(leaf) = tree.proof_for(device) else {
            continue;
        };
        if policy == SettlePolicy::AsNeeded {
            let (config, now) = match &rules {
                Some(rules) => rules,
                None => rules.insert(read_rules(chain, &addresses, backoff).await?),
            };
            let view = DeviceView {
                active: state.active,
                eligible: state.eligibility(config, *now).is_ok_and(|e| e.is_ok()),
                settled_epoch: state.settled_epoch,
                registered_after_epoch: state.registered_after_epoch,
                last_attested_epoch: state.last_attested_epoch,
                streak: state.streak,
            };
            let params = config.params_at(*now);
            let wanted = crank::need(
                &view,
                &leaf.uptime,
                tree.epoch,
                params.nomination_streak,
                params.staleness_epochs,
            );
            if wanted.is_none() {
                report.skipped += 1;
                continue;
            }
        }
        let ix = addresses.settle(*device, &leaf);
        match backoff
            .retry("settle", || chain.send(std::slice::from_ref(&ix), &[]))
            .await
        {
            Ok(()) => report.sent += 1,
            Err(error)
                if error.is_transient()
                    || error.program_code()
                        == Some(io_staking::error::StakingError::Paused.code()) =>
            {
                return Err(error)
            }
            Err(error) => {
                tracing::warn!(%device, %error, "settle refused; the next root covers it");
                report.refused += 1;
                continue;
            }
        }
        if state.active {
            was_active.push((*device, state.total_forfeited));
        }
    }
    let keys: Vec<Pubkey> = was_active.iter().map(|(device, _)| *device).collect();
    let after = backoff
        .retry("read settled devices", || fetch_all::<Device>(chain, &keys))
        .await?;
    for ((device, forfeited_before), state) in was_active.into_iter().zip(after) {
        if let Some(state) = state.filter(|state| !state.active) {
            report.deactivated.push(Deactivation {
                device,
                forfeited: state.total_forfeited.saturating_sub(forfeited_before),
            });
        }
    }
    Ok(report)
}

/// The staking config and the chain's clock, which eligibility is judged by.
async fn read_rules(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
) -> Result<(StakingConfig, i64), ChainError> {
    let config: StakingConfig = backoff
        .retry("read config", || io_chain::fetch(chain, &addresses.config))
        .await?
        .ok_or_else(|| ChainError::Rejected("staking is not initialized".into()))?;
    let now = backoff.retry("read clock", || chain.unix_time()).await?;
    Ok((config, now))
}
