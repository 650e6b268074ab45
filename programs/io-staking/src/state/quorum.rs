//! The bonded quorum that vouches for uptime (docs/design.md section 14): its keepers, its
//! parameters and the roots it finalized, in one zero-copy account, and one ballot per epoch.

use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::math::{ballot, merkle};
use crate::state::{seeds, StakingParams};

/// Longest URL a keeper may publish (bytes of UTF-8).
pub const MAX_KEEPER_URL: usize = 128;
pub const MAX_KEEPERS: usize = ballot::MAX_KEEPERS as usize;

/// PDA `[seeds::KEEPER_CASE, config, case_id (u64 LE)]`: a slash case against a keeper's bond,
/// through the same machinery as a device's (docs/design.md section 5): escrow at opening, the
/// appeal period, the arbiter's ruling window, burn or return. Kept after resolution.
#[account]
#[derive(InitSpace, Debug)]
pub struct KeeperCase {
    pub version: u8,
    pub bump: u8,
    pub config: Pubkey,
    /// The keeper's operator and slot when the case opened: the operator appeals, and a return
    /// goes back to this slot's bond.
    pub operator: Pubkey,
    pub slot: u8,
    /// The arbiter when the case opened: the only key that may rule on it.
    pub arbiter: Pubkey,
    pub case_id: u64,
    pub reason: crate::state::SlashReason,
    pub evidence_hash: [u8; 32],
    pub statement_hash: [u8; 32],
    pub amount: u64,
    pub status: crate::state::CaseStatus,
    pub opened_at: i64,
    pub appeal_deadline: i64,
    pub ruling_deadline: i64,
    pub appealed_at: i64,
    pub resolved_at: i64,
    pub reserved: [u8; 32],
}

impl KeeperCase {
    pub const VERSION: u8 = 1;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(config: &Pubkey, case_id: u64) -> (Pubkey, u8) {
        Pubkey::find_program_address(
            &[seeds::KEEPER_CASE, config.as_ref(), &case_id.to_le_bytes()],
            &crate::ID,
        )
    }

    pub fn is_open(&self) -> bool {
        matches!(
            self.status,
            crate::state::CaseStatus::Open | crate::state::CaseStatus::Appealed
        )
    }
}

/// The quorum's governance-tunable parameters; staged like the other supplier-affecting ones.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct QuorumParams {
    /// Bond (base units) below which a keeper neither commits nor votes.
    pub min_keeper_bond: u64,
    /// `quorum_bps` of the ballot's electorate, rounded up, finalizes a root; at least a strict
    /// majority.
    pub quorum_bps: u16,
    /// How long after a ballot opens keepers may commit their observation.
    pub observe_seconds: i64,
    /// Closes without a finalized root after which the admin may finalize a voted root.
    pub stall_epochs: u32,
}

impl QuorumParams {
    /// Published default bond: 10,000 IO.
    pub const DEFAULT_BOND_IO: u64 = 10_000;
    pub const MAX_BOND_IO: u64 = 100_000_000;
    /// A strict majority at least: two roots can never both reach the quorum.
    pub const MIN_QUORUM_BPS: u16 = 5_001;
    pub const DEFAULT_OBSERVE_SECONDS: i64 = 600;
    pub const MIN_OBSERVE_SECONDS: i64 = 60;
    pub const MAX_OBSERVE_SECONDS: i64 = 3_600;
    pub const DEFAULT_STALL_EPOCHS: u32 = 24;
    /// Below the settlement window, so a stalled root still covers every unsettled epoch.
    pub const MAX_STALL_EPOCHS: u32 = 168;

    pub fn published(decimals: u8) -> Option<Self> {
        Some(Self {
            min_keeper_bond: Self::DEFAULT_BOND_IO
                .checked_mul(10u64.checked_pow(decimals.into())?)?,
            quorum_bps: ballot::DEFAULT_QUORUM_BPS,
            observe_seconds: Self::DEFAULT_OBSERVE_SECONDS,
            stall_epochs: Self::DEFAULT_STALL_EPOCHS,
        })
    }

    pub fn validate(&self, decimals: u8) -> Result<()> {
        let max_bond = 10u64
            .checked_pow(decimals.into())
            .and_then(|unit| unit.checked_mul(Self::MAX_BOND_IO))
            .ok_or_else(|| error!(StakingError::QuorumParamsOutOfRange))?;
        require!(
            (1..=max_bond).contains(&self.min_keeper_bond)
                && (Self::MIN_QUORUM_BPS..=ballot::BPS as u16).contains(&self.quorum_bps)
                && (Self::MIN_OBSERVE_SECONDS..=Self::MAX_OBSERVE_SECONDS)
                    .contains(&self.observe_seconds)
                && (1..=Self::MAX_STALL_EPOCHS).contains(&self.stall_epochs),
            StakingError::QuorumParamsOutOfRange
        );
        Ok(())
    }
}

/// [`QuorumParams`] as stored in the zero-copy [`KeeperSet`].
#[zero_copy]
#[derive(Debug, PartialEq, Eq)]
pub struct StoredQuorumParams {
    pub min_keeper_bond: u64,
    pub observe_seconds: i64,
    pub stall_epochs: u32,
    pub quorum_bps: u16,
    pub padding: [u8; 2],
}

impl From<QuorumParams> for StoredQuorumParams {
    fn from(p: QuorumParams) -> Self {
        Self {
            min_keeper_bond: p.min_keeper_bond,
            observe_seconds: p.observe_seconds,
            stall_epochs: p.stall_epochs,
            quorum_bps: p.quorum_bps,
            padding: [0; 2],
        }
    }
}

impl From<StoredQuorumParams> for QuorumParams {
    fn from(p: StoredQuorumParams) -> Self {
        Self {
            min_keeper_bond: p.min_keeper_bond,
            quorum_bps: p.quorum_bps,
            observe_seconds: p.observe_seconds,
            stall_epochs: p.stall_epochs,
        }
    }
}

/// One keeper: who runs it, the hot key that signs its ballot transactions, where it serves
/// observations and proofs, and its bond.
#[zero_copy]
#[derive(Debug, PartialEq, Eq)]
pub struct KeeperBond {
    /// `Pubkey::default()`: a free slot.
    pub operator: Pubkey,
    pub vote_key: Pubkey,
    /// Base units in the keeper vault for this keeper.
    pub bonded: u64,
    /// When the operator asked to unbond; 0 while bonded. Irreversible; the bond stays.
    pub unbonding_since: i64,
    /// When the bond may be withdrawn (`unbonding_since` + the staking cooldown).
    pub unlocks_at: i64,
    /// Slash cases ever opened against this keeper.
    pub cases_opened: u64,
    /// Held by this keeper's open slash cases (still in the keeper vault, no longer bond).
    pub escrowed: u64,
    /// UTF-8, zero-padded.
    pub url: [u8; MAX_KEEPER_URL],
}

impl KeeperBond {
    /// No operator, or one that has left (unbonded, withdrawn, no open case): governance may
    /// admit another.
    pub fn is_free(&self) -> bool {
        self.operator == Pubkey::default()
            || (self.is_unbonding() && self.bonded == 0 && self.escrowed == 0)
    }

    pub fn is_unbonding(&self) -> bool {
        self.unbonding_since != 0
    }

    /// Whether it may commit and vote under `min_keeper_bond`.
    pub fn can_vote(&self, min_keeper_bond: u64) -> bool {
        !self.is_free() && !self.is_unbonding() && self.bonded >= min_keeper_bond
    }

    pub fn url(&self) -> &str {
        let len = self
            .url
            .iter()
            .position(|b| *b == 0)
            .unwrap_or(MAX_KEEPER_URL);
        core::str::from_utf8(&self.url[..len]).unwrap_or_default()
    }
}

/// A root the quorum finalized: the epoch it covers, the tree's size and its root.
#[zero_copy]
#[derive(Debug, PartialEq, Eq, Default)]
pub struct FinalizedRoot {
    pub root: [u8; 32],
    /// 0 with `leaf_count` 0: none yet.
    pub epoch: u32,
    pub leaf_count: u32,
}

impl FinalizedRoot {
    pub fn is_set(&self) -> bool {
        self.leaf_count != 0
    }
}

/// PDA `[seeds::KEEPER_SET, config]`. Zero-copy (4 KB): one read gives the ballot its
/// electorate, and there is no per-keeper account to keep in step with it.
#[account(zero_copy)]
#[derive(Debug)]
pub struct KeeperSet {
    pub config: Pubkey,
    pub keeper_vault: Pubkey,
    pub keepers: [KeeperBond; MAX_KEEPERS],
    /// The newest finalized root and the one before it: `settle` accepts either, so a root
    /// finalizing while a settle is in flight does not fail it.
    pub latest_root: FinalizedRoot,
    pub previous_root: FinalizedRoot,
    /// In force until `params_effective_at` (then `pending_params` is).
    pub params: StoredQuorumParams,
    pub pending_params: StoredQuorumParams,
    pub params_effective_at: i64,
    /// Sum of every keeper's bond.
    pub total_bonded: u64,
    /// Sum of every keeper's escrow: the keeper vault holds `total_bonded + total_escrowed`.
    pub total_escrowed: u64,
    /// Keeper slash cases ever opened: the next case's id and address seed.
    pub cases_opened: u64,
    /// Burned by upheld and executed keeper cases, ever.
    pub total_burned: u64,
    pub version: u8,
    pub bump: u8,
    pub vault_bump: u8,
    pub padding: [u8; 5],
    pub reserved: [u8; 128],
}

impl KeeperSet {
    pub const VERSION: u8 = 1;
    pub const SIZE: usize = 8 + core::mem::size_of::<KeeperSet>();

    pub fn find_address(config: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(&[seeds::KEEPER_SET, config.as_ref()], &crate::ID)
    }

    pub fn find_vault(config: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(&[seeds::KEEPER_VAULT, config.as_ref()], &crate::ID)
    }

    /// The parameters in force at `now`.
    pub fn params_at(&self, now: i64) -> QuorumParams {
        if crate::state::change_is_due(self.params_effective_at, now) {
            self.pending_params.into()
        } else {
            self.params.into()
        }
    }

    /// Whether a root for `epoch` or a later one is final: a ballot on `epoch` can then no longer
    /// open, be voted on or finalize (roots only move forward), and it may be closed.
    pub fn is_superseded(&self, epoch: u32) -> bool {
        self.latest_root.is_set() && epoch <= self.latest_root.epoch
    }

    /// The slot of the keeper `operator` runs, or `NotKeeper`.
    pub fn operator_slot(&self, operator: &Pubkey) -> Result<usize> {
        self.slot_of_operator(operator)
            .ok_or_else(|| error!(StakingError::NotKeeper))
    }

    pub fn slot_of_operator(&self, operator: &Pubkey) -> Option<usize> {
        self.keepers
            .iter()
            .position(|k| !k.is_free() && k.operator == *operator)
    }

    pub fn slot_of_vote_key(&self, vote_key: &Pubkey) -> Option<usize> {
        self.keepers
            .iter()
            .position(|k| !k.is_free() && k.vote_key == *vote_key)
    }

    /// Keepers that may vote at `now`, bit `k` for slot `k`.
    pub fn voters_at(&self, now: i64) -> u16 {
        let min = self.params_at(now).min_keeper_bond;
        self.keepers
            .iter()
            .enumerate()
            .filter(|(_, k)| k.can_vote(min))
            .fold(0u16, |mask, (slot, _)| mask | 1 << slot)
    }

    /// The slot of `vote_key` if that keeper may vote at `now`, else the precise refusal.
    pub fn voter_slot(&self, vote_key: &Pubkey, now: i64) -> Result<usize> {
        let slot = self
            .slot_of_vote_key(vote_key)
            .ok_or_else(|| error!(StakingError::NotKeeper))?;
        let keeper = &self.keepers[slot];
        require!(!keeper.is_unbonding(), StakingError::KeeperUnbonding);
        require!(
            keeper.bonded >= self.params_at(now).min_keeper_bond,
            StakingError::KeeperBondTooLow
        );
        Ok(slot)
    }

    /// The finalized root for `epoch`: the latest or the one before it.
    pub fn root_for(&self, epoch: u32) -> Result<&FinalizedRoot> {
        require!(self.latest_root.is_set(), StakingError::RootNotFinalized);
        if epoch == self.latest_root.epoch {
            return Ok(&self.latest_root);
        }
        require!(
            epoch < self.latest_root.epoch,
            StakingError::RootNotFinalized
        );
        require!(
            self.previous_root.is_set() && epoch == self.previous_root.epoch,
            StakingError::RootTooOld
        );
        Ok(&self.previous_root)
    }

    /// Post-condition of every instruction that writes the set.
    pub fn invariant(&self, config: &Pubkey) -> Result<()> {
        let bonded = self
            .keepers
            .iter()
            .try_fold(0u64, |sum, k| sum.checked_add(k.bonded));
        let escrowed = self
            .keepers
            .iter()
            .try_fold(0u64, |sum, k| sum.checked_add(k.escrowed));
        let mut operators = self.keepers.iter().filter(|k| !k.is_free());
        let unique_vote_keys = self.keepers.iter().enumerate().all(|(i, a)| {
            a.is_free()
                || self.keepers[..i]
                    .iter()
                    .filter(|k| !k.is_free())
                    .all(|b| a.vote_key != b.vote_key && a.operator != b.operator)
        });
        require!(
            self.version == Self::VERSION
                && self.config == *config
                && bonded == Some(self.total_bonded)
                && escrowed == Some(self.total_escrowed)
                && unique_vote_keys
                && operators.all(|k| k.vote_key != Pubkey::default())
                && (!self.previous_root.is_set()
                    || self.previous_root.epoch < self.latest_root.epoch),
            StakingError::AccountingInvariant
        );
        Ok(())
    }
}

/// One keeper's vote: the root it computed, the tree's size and the observations it merged.
#[zero_copy]
#[derive(Debug, PartialEq, Eq, Default)]
pub struct BallotVote {
    pub root: [u8; 32],
    pub leaf_count: u32,
    /// Bit `k`: keeper `k`'s committed observation was merged.
    pub observations: u16,
    pub padding: [u8; 2],
}

impl BallotVote {
    pub fn new(root: [u8; 32], leaf_count: u32, observations: u16) -> Self {
        Self {
            root,
            leaf_count,
            observations,
            padding: [0; 2],
        }
    }

    pub fn same_as(&self, other: &BallotVote) -> bool {
        self.root == other.root
            && self.leaf_count == other.leaf_count
            && self.observations == other.observations
    }
}

/// How a ballot ended. Values are only ever appended.
pub mod ballot_status {
    pub const OPEN: u8 = 0;
    pub const FINALIZED_BY_QUORUM: u8 = 1;
    pub const FINALIZED_BY_ADMIN: u8 = 2;
}

/// PDA `[seeds::BALLOT, config, epoch]`: the quorum's ballot on epoch `epoch`'s uptime root.
/// Its electorate and quorum are fixed when it opens, so bonding or unbonding during a ballot
/// never moves its threshold.
#[account(zero_copy)]
#[derive(Debug)]
pub struct EpochBallot {
    pub config: Pubkey,
    /// Who paid for the account when it opened; `close_ballot` returns the rent to it.
    pub opener: Pubkey,
    /// sha256 of each keeper's observation (by slot); meaningful where `committed` has the bit.
    pub commits: [[u8; 32]; MAX_KEEPERS],
    pub votes: [BallotVote; MAX_KEEPERS],
    /// The finalized vote; meaningful once `status` is not open.
    pub winner: BallotVote,
    pub opened_at: i64,
    pub finalized_at: i64,
    pub epoch: u32,
    /// Keepers that could vote when the ballot opened.
    pub electorate: u16,
    pub committed: u16,
    pub voted: u16,
    /// Votes on one (root, leaf count, observations) that finalize it.
    pub quorum: u8,
    pub status: u8,
    pub version: u8,
    pub bump: u8,
    pub padding: [u8; 2],
    pub reserved: [u8; 64],
}

impl EpochBallot {
    pub const VERSION: u8 = 1;
    pub const SIZE: usize = 8 + core::mem::size_of::<EpochBallot>();

    pub fn find_address(config: &Pubkey, epoch: u32) -> (Pubkey, u8) {
        Pubkey::find_program_address(
            &[seeds::BALLOT, config.as_ref(), &epoch.to_le_bytes()],
            &crate::ID,
        )
    }

    pub fn is_open(&self) -> bool {
        self.status == ballot_status::OPEN
    }

    /// The observe phase is over once its time is up or every elector has committed.
    pub fn observe_phase_over(&self, now: i64, observe_seconds: i64) -> bool {
        self.committed & self.electorate == self.electorate
            || now >= self.opened_at.saturating_add(observe_seconds)
    }

    /// Electors whose recorded vote is `vote`.
    pub fn votes_for(&self, vote: &BallotVote) -> u32 {
        (0..MAX_KEEPERS)
            .filter(|slot| self.voted & self.electorate & (1 << slot) != 0)
            .filter(|slot| self.votes[*slot].same_as(vote))
            .count() as u32
    }

    /// Whether any keeper voted for `vote` (the admin's stall rule may only pick such a root).
    pub fn was_voted(&self, vote: &BallotVote) -> bool {
        (0..MAX_KEEPERS).any(|slot| self.voted & (1 << slot) != 0 && self.votes[slot].same_as(vote))
    }
}

/// A vote's shape: a tree the settlement can use, merging only committed observations.
pub fn check_vote_shape(vote: &BallotVote, committed: u16) -> Result<()> {
    require!(
        (1..=merkle::MAX_LEAVES).contains(&vote.leaf_count),
        StakingError::InvalidLeafCount
    );
    require!(
        vote.observations != 0 && vote.observations & !committed == 0,
        StakingError::ObservationNotCommitted
    );
    Ok(())
}

/// The unbonding lock: the staking cooldown in force when the keeper asked.
pub fn keeper_unlocks_at(now: i64, params: &StakingParams) -> Result<i64> {
    now.checked_add(params.cooldown_seconds)
        .ok_or_else(|| error!(StakingError::MathOverflow))
}
