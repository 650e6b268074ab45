use anchor_lang::prelude::*;

use crate::state::{CaseStatus, RewardClass, SlashReason, SlashingSetup, StakingParams};

#[event]
pub struct StakingInitialized {
    pub config: Pubkey,
    pub mint: Pubkey,
    pub admin: Pubkey,
    pub emission_state: Pubkey,
    pub first_epoch: u32,
    pub params: StakingParams,
}

/// A parameter change was staged (or applied at once while no device is registered).
#[event]
pub struct ParamsUpdated {
    pub config: Pubkey,
    /// The parameters in force when the change was made.
    pub old: StakingParams,
    pub new: StakingParams,
    /// When `new` takes effect: `now + the governance delay` (7 days to react, then a
    /// co-staker's whole exit) once any device is registered.
    pub effective_at: i64,
    /// A staged change that this one replaced before it took effect.
    pub replaced: Option<StakingParams>,
}

#[event]
pub struct PausedChanged {
    pub config: Pubkey,
    pub old: bool,
    pub new: bool,
}

#[event]
pub struct AdminTransferProposed {
    pub config: Pubkey,
    pub admin: Pubkey,
    pub old_pending_admin: Pubkey,
    pub new_pending_admin: Pubkey,
}

#[event]
pub struct AdminTransferred {
    pub config: Pubkey,
    pub old_admin: Pubkey,
    pub new_admin: Pubkey,
}

#[event]
pub struct GpuModelCreated {
    pub gpu_model: Pubkey,
    pub model_id: u16,
    pub name: String,
    pub multiplier_centi: u32,
    pub reward_class: RewardClass,
}

#[event]
pub struct GpuModelChangeScheduled {
    pub gpu_model: Pubkey,
    pub model_id: u16,
    pub old_multiplier_centi: u32,
    pub new_multiplier_centi: u32,
    pub effective_at: i64,
}

#[event]
pub struct DeviceRegistered {
    pub device: Pubkey,
    pub owner: Pubkey,
    pub device_key: Pubkey,
    pub gpu_model: Pubkey,
    pub gpu_count: u16,
    pub multiplier_centi: u32,
    pub hardware_hash: [u8; 32],
    pub required_stake: u64,
    pub reward_class: RewardClass,
}

#[event]
pub struct Staked {
    pub device: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
    pub stake: u64,
    pub required_stake: u64,
}

#[event]
pub struct UnstakeRequested {
    pub device: Pubkey,
    pub owner: Pubkey,
    pub stake: u64,
    pub unlocks_at: i64,
    /// Unsettled share forfeited on leaving the active set.
    pub forfeited: u64,
    /// Pending rewards paid out automatically.
    pub rewards_paid: u64,
    /// The co-stake that went into the cooldown with it (0 without a co-staker).
    pub co_stake: u64,
    /// The co-staker's pending rewards paid out with it.
    pub co_rewards_paid: u64,
}

#[event]
pub struct Withdrawn {
    pub device: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
}

/// Stake above the requirement taken back without a cooldown.
#[event]
pub struct OverflowWithdrawn {
    pub device: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
    /// Stake left, still at or above `required_stake`.
    pub stake: u64,
    pub required_stake: u64,
}

/// One `claim_all`: what each device paid, in one transfer to the owner.
#[event]
pub struct RewardsClaimedAll {
    pub owner: Pubkey,
    pub devices: Vec<DeviceClaim>,
    pub total: u64,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct DeviceClaim {
    pub device: Pubkey,
    pub amount: u64,
}

#[event]
pub struct RewardsClaimed {
    pub device: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
}

#[event]
pub struct DeviceClosed {
    pub device: Pubkey,
    pub owner: Pubkey,
}

/// One reward class's part of an epoch close.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClassClose {
    /// This class's part of the emission (base units).
    pub emission: u64,
    pub share_bps: u16,
    pub reward_per_weight: u128,
    pub total_weight: u128,
    pub carry_scaled: u128,
    pub active_devices: u32,
}

#[event]
pub struct EpochClosed {
    /// The deployment (several may share the program): indexers keep only their own.
    pub config: Pubkey,
    pub epoch: u32,
    pub emission: u64,
    pub active_devices: u32,
    /// Indexed by `RewardClass::index()`: Enterprise, Community.
    pub classes: [ClassClose; RewardClass::COUNT],
}

/// A change of the class shares was scheduled (in force from `effective_at`).
#[event]
pub struct ClassSharesScheduled {
    pub config: Pubkey,
    pub old_bps: [u16; RewardClass::COUNT],
    pub new_bps: [u16; RewardClass::COUNT],
    pub effective_at: i64,
}

/// io-emission had minted `from_epoch..=to_epoch` to another distributor (its admin moved the
/// distributor away and back): the pool steps over them, with nothing to distribute, so
/// `close_epoch` never stalls.
#[event]
pub struct EpochsSkipped {
    pub from_epoch: u32,
    pub to_epoch: u32,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeactivationReason {
    Unstaked,
    /// No longer emitted: a settle that finds a device stale says so in `DeviceSettled`. Kept so
    /// the variants after it keep their values.
    Stale,
    NoLongerEligible,
}

#[event]
pub struct DeviceDeactivated {
    pub device: Pubkey,
    pub reason: DeactivationReason,
    pub forfeited: u64,
}

#[event]
pub struct DeviceMultiplierSynced {
    pub device: Pubkey,
    pub old_multiplier_centi: u32,
    pub new_multiplier_centi: u32,
    pub active: bool,
}

/// A slashing change was staged (or applied at once while no device is registered).
#[event]
pub struct SlashingConfigUpdated {
    pub config: Pubkey,
    /// The roles and periods in force when the change was made.
    pub old: SlashingSetup,
    pub new: SlashingSetup,
    /// When `new` takes effect: `now + the governance delay` (7 days to react, then a
    /// co-staker's whole exit) once any device is registered.
    pub effective_at: i64,
    /// A staged change that this one replaced before it took effect.
    pub replaced: Option<SlashingSetup>,
}

#[event]
pub struct SlashCaseOpened {
    pub case: Pubkey,
    /// Config-wide id, the case address's seed.
    pub case_id: u64,
    pub device: Pubkey,
    pub amount: u64,
    pub status: CaseStatus,
    pub reason: SlashReason,
    pub evidence_hash: [u8; 32],
    pub from_stake: u64,
    pub from_rewards: u64,
    /// Taken from the co-staker's stake and unclaimed rewards, pro rata.
    pub from_co_stake: u64,
    pub from_co_rewards: u64,
    pub appeal_deadline: i64,
    /// The device left the active set because its stake fell below the requirement.
    pub deactivated: bool,
}

#[event]
pub struct SlashCaseAppealed {
    pub case: Pubkey,
    pub device: Pubkey,
    pub amount: u64,
    pub status: CaseStatus,
    pub statement_hash: [u8; 32],
    pub ruling_deadline: i64,
}

/// Every resolution: `status` says which (Upheld, Overturned, Executed, Lapsed).
#[event]
pub struct SlashCaseResolved {
    pub case: Pubkey,
    pub device: Pubkey,
    pub amount: u64,
    pub status: CaseStatus,
    /// Base units burned (Upheld, Executed) or 0.
    pub burned: u64,
    /// Base units returned to the device's stake or the owner (Overturned, Lapsed) or 0.
    pub returned: u64,
}

#[event]
pub struct CoStakeOffered {
    pub device: Pubkey,
    pub offer: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
    pub share_bps: u16,
}

#[event]
pub struct CoStakeOfferCancelled {
    pub device: Pubkey,
    pub offer: Pubkey,
}

#[event]
pub struct CoStakeAccepted {
    pub device: Pubkey,
    pub offer: Pubkey,
    pub co_staker: Pubkey,
    pub amount: u64,
    pub share_bps: u16,
    /// Owner stake plus co-stake after the deposit.
    pub total_stake: u64,
}

#[event]
pub struct CoStakeExitRequested {
    pub device: Pubkey,
    pub co_staker: Pubkey,
    pub requested_at: i64,
    /// The co-stake counts toward the requirement until then.
    pub counts_until: i64,
    pub unlocks_at: i64,
}

#[event]
pub struct CoStakeWithdrawn {
    pub device: Pubkey,
    pub co_staker: Pubkey,
    pub amount: u64,
    pub rewards_paid: u64,
}

#[event]
pub struct CoStakeRewardsClaimed {
    pub device: Pubkey,
    pub co_staker: Pubkey,
    pub amount: u64,
}

/// Governance named (or staged) io-payments' config as the signer that records rentals.
#[event]
pub struct PaymentsAuthorityUpdated {
    pub config: Pubkey,
    pub old: Pubkey,
    pub new: Pubkey,
    pub effective_at: i64,
}

/// The owner set the least a renter pays per hour (0: no rentals in that mint).
#[event]
pub struct RentalTermsSet {
    pub device: Pubkey,
    pub min_usdc_per_hour: u64,
    pub min_io_per_hour: u64,
}

/// io-payments recorded the end of a device's paid hours: until then it cannot unstake.
#[event]
pub struct RentalRecorded {
    pub device: Pubkey,
    /// The previous end (a cancel shortens it).
    pub old_rented_until: i64,
    pub rented_until: i64,
}

/// Governance stood up the bonded quorum (docs/design.md section 14).
#[event]
pub struct KeeperSetInitialized {
    pub config: Pubkey,
    pub keeper_set: Pubkey,
    pub keeper_vault: Pubkey,
    pub params: crate::state::QuorumParams,
}

/// Governance staged (or, before any device registered, applied) new quorum parameters.
#[event]
pub struct QuorumParamsUpdated {
    pub config: Pubkey,
    pub old: crate::state::QuorumParams,
    pub new: crate::state::QuorumParams,
    pub effective_at: i64,
}

/// Governance admitted an operator as keeper `slot`; its vote key starts as the operator's.
#[event]
pub struct KeeperAdmitted {
    pub config: Pubkey,
    pub operator: Pubkey,
    pub slot: u8,
}

#[event]
pub struct KeeperBonded {
    pub config: Pubkey,
    pub operator: Pubkey,
    pub amount: u64,
    pub bonded: u64,
}

/// The operator set its hot vote key and the URL where it serves observations and proofs.
#[event]
pub struct KeeperInfoSet {
    pub config: Pubkey,
    pub operator: Pubkey,
    pub vote_key: Pubkey,
    pub url: String,
}

/// Irreversible: the keeper stops voting at once; its bond unlocks after the cooldown and stays
/// slashable until then.
#[event]
pub struct KeeperUnbondRequested {
    pub config: Pubkey,
    pub operator: Pubkey,
    pub bonded: u64,
    pub unlocks_at: i64,
}

#[event]
pub struct KeeperBondWithdrawn {
    pub config: Pubkey,
    pub operator: Pubkey,
    pub amount: u64,
}

/// Epoch `epoch`'s ballot opened: who may vote and how many votes finalize it.
#[event]
pub struct BallotOpened {
    pub config: Pubkey,
    pub epoch: u32,
    pub electorate: u16,
    pub quorum: u8,
    pub observe_until: i64,
}

/// A keeper committed the sha256 of its observation of the epoch (served at its URL).
#[event]
pub struct ObservationCommitted {
    pub config: Pubkey,
    pub epoch: u32,
    pub slot: u8,
    pub observation_hash: [u8; 32],
}

/// A keeper voted (or changed its vote, `changed`) for a root.
#[event]
pub struct VoteCast {
    pub config: Pubkey,
    pub epoch: u32,
    pub slot: u8,
    pub root: [u8; 32],
    pub leaf_count: u32,
    pub observations: u16,
    pub changed: bool,
    /// Electors voting for this exact vote, after this one.
    pub votes: u8,
}

/// A root is final: devices settle from its leaves.
#[event]
pub struct RootFinalized {
    pub config: Pubkey,
    pub epoch: u32,
    pub root: [u8; 32],
    pub leaf_count: u32,
    pub observations: u16,
    pub votes: u8,
    /// The admin's stall rule, not the quorum, finalized it.
    pub by_admin: bool,
}

/// A device settled from its leaf: credits and forfeits over its unsettled epochs, its streak
/// and whether it joined or left the active set.
#[event]
pub struct DeviceSettled {
    pub device: Pubkey,
    pub root_epoch: u32,
    /// The first epoch this settlement covered.
    pub from_epoch: u32,
    pub credited: u64,
    pub forfeited: u64,
    pub streak: u32,
    pub active: bool,
    pub activated: bool,
    pub deactivated: bool,
}

/// A slash case against a keeper's bond opened: `amount` moved from its bond into escrow.
#[event]
pub struct KeeperCaseOpened {
    pub config: Pubkey,
    pub case: Pubkey,
    pub operator: Pubkey,
    pub slot: u8,
    pub amount: u64,
    pub reason: SlashReason,
    pub evidence_hash: [u8; 32],
    pub appeal_deadline: i64,
}

#[event]
pub struct KeeperCaseAppealed {
    pub case: Pubkey,
    pub operator: Pubkey,
    pub statement_hash: [u8; 32],
    pub ruling_deadline: i64,
}

/// A keeper case ended: burned (upheld, executed) or returned to the bond (overturned, lapsed).
#[event]
pub struct KeeperCaseResolved {
    pub case: Pubkey,
    pub operator: Pubkey,
    pub status: CaseStatus,
    pub amount: u64,
    pub burned: bool,
}

/// A finished ballot's account was closed and its rent returned to whoever opened it.
#[event]
pub struct BallotClosed {
    pub config: Pubkey,
    pub epoch: u32,
    pub opener: Pubkey,
}
