//! `io-staking`: GPU devices, stake per device, the 14-day unstake cooldown, and rewards paid
//! per epoch to devices whose uptime a bonded keeper quorum vouched for (docs/design.md sections
//! 3, 4, 6 and 14).
//!
//! Its config PDA is io-emission's distributor: `close_epoch` mints each hour's emission into
//! the rewards vault and spreads it over the active weight with an O(1) accumulator
//! ([`math::rewards`]); the quorum finalizes one merkle root of uptime per epoch, and each
//! device settles itself from its leaf (`settle`).
#![allow(unexpected_cfgs)]
// Amounts, timestamps and counters go through `safe_math::SafeMath`; tests may use operators.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use anchor_lang::prelude::*;

pub mod catalog;
pub mod error;
pub mod events;
pub mod instructions;
pub mod math;
pub mod safe_math;
pub mod state;
pub mod vault;

// The handlers share names with the program's entry points; only the account structs and
// Anchor's generated client modules are wanted from this glob.
#[allow(ambiguous_glob_reexports)]
pub use instructions::*;
pub use state::{QuorumParams, RewardClass, SlashingParams, SlashingSetup, StakingParams};

declare_id!("2d4G8UhPHjhwPf4QEpibZ1zKGuRW9KDWsHRYgkVLUUw6");

#[program]
pub mod io_staking {
    use super::*;

    /// Creates the config, reward pool and vaults; signed by io-emission's admin.
    pub fn initialize(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
        instructions::initialize::handler(ctx, args)
    }

    /// Admin: stages new parameters, in force after the cooldown (at once before any device
    /// registers); the event carries old, new and the effective time.
    pub fn update_params(ctx: Context<AdminOnly>, params: StakingParams) -> Result<()> {
        instructions::admin::update_params(ctx, params)
    }

    /// Admin: pauses or resumes entries (exits are never paused).
    pub fn set_paused(ctx: Context<AdminOnly>, paused: bool) -> Result<()> {
        instructions::admin::set_paused(ctx, paused)
    }

    /// Admin: nominates a new admin; `Pubkey::default()` cancels.
    pub fn propose_admin(ctx: Context<AdminOnly>, new_admin: Pubkey) -> Result<()> {
        instructions::admin::propose_admin(ctx, new_admin)
    }

    /// The nominee accepts.
    pub fn accept_admin(ctx: Context<AcceptAdmin>) -> Result<()> {
        instructions::accept_admin::handler(ctx)
    }

    /// Admin: adds a GPU model with its multiplier (hundredths) and its reward class.
    pub fn add_gpu_model(
        ctx: Context<AddGpuModel>,
        model_id: u16,
        name: String,
        multiplier_centi: u32,
        reward_class: RewardClass,
    ) -> Result<()> {
        instructions::add_gpu_model::handler(ctx, model_id, name, multiplier_centi, reward_class)
    }

    /// Admin: schedules new class shares (basis points adding up to 10,000), in force after
    /// the grace period (or the cooldown plus a week, if longer).
    pub fn schedule_class_shares(
        ctx: Context<AdminOnly>,
        shares_bps: [u16; RewardClass::COUNT],
    ) -> Result<()> {
        instructions::admin::schedule_class_shares(ctx, shares_bps)
    }

    /// Admin: changes a model's multiplier after the grace period.
    pub fn schedule_multiplier_change(
        ctx: Context<ScheduleMultiplierChange>,
        new_multiplier_centi: u32,
    ) -> Result<()> {
        instructions::schedule_multiplier_change::handler(ctx, new_multiplier_centi)
    }

    /// Owner: registers a device, with the device key's consent in the Ed25519 instruction
    /// just before.
    pub fn register_device(ctx: Context<RegisterDevice>, args: RegisterDeviceArgs) -> Result<()> {
        instructions::register_device::handler(ctx, args)
    }

    /// Owner: stakes or tops up.
    pub fn stake(ctx: Context<Stake>, amount: u64) -> Result<()> {
        instructions::stake::handler(ctx, amount)
    }

    /// Owner: starts the 14-day cooldown for the whole stake; pays pending rewards.
    pub fn request_unstake(ctx: Context<RequestUnstake>) -> Result<()> {
        instructions::request_unstake::handler(ctx)
    }

    /// Owner: takes the stake back after the cooldown.
    pub fn withdraw(ctx: Context<Withdraw>) -> Result<()> {
        instructions::withdraw::handler(ctx)
    }

    /// Owner: takes back stake above the requirement, without a cooldown.
    pub fn withdraw_overflow(ctx: Context<Withdraw>, amount: u64) -> Result<()> {
        instructions::withdraw::withdraw_overflow(ctx, amount)
    }

    /// Owner: claims many devices (remaining accounts, writable) in one transfer.
    pub fn claim_all<'info>(ctx: Context<'info, ClaimAll<'info>>) -> Result<()> {
        instructions::claim_all::handler(ctx)
    }

    /// Owner: offers a co-stake on a device (amount wanted, co-staker's share in bps).
    pub fn create_co_stake_offer(
        ctx: Context<CreateCoStakeOffer>,
        terms: CoStakeTerms,
    ) -> Result<()> {
        instructions::create_co_stake_offer::handler(ctx, terms)
    }

    /// Owner: cancels an offer nobody accepted.
    pub fn cancel_co_stake_offer(ctx: Context<CancelCoStakeOffer>) -> Result<()> {
        instructions::cancel_co_stake_offer::handler(ctx)
    }

    /// Any wallet but the owner: deposits exactly the offered co-stake (the terms it read).
    pub fn accept_co_stake_offer(
        ctx: Context<AcceptCoStakeOffer>,
        terms: CoStakeTerms,
    ) -> Result<()> {
        instructions::accept_co_stake_offer::handler(ctx, terms)
    }

    /// Co-staker: asks to leave (7 days' wait, then the cooldown).
    pub fn request_co_stake_exit(ctx: Context<RequestCoStakeExit>) -> Result<()> {
        instructions::request_co_stake_exit::handler(ctx)
    }

    /// Co-staker: takes its co-stake and pending rewards back after its exit.
    pub fn withdraw_co_stake(ctx: Context<WithdrawCoStake>) -> Result<()> {
        instructions::withdraw_co_stake::handler(ctx)
    }

    /// Co-staker: claims its share of the device's credited rewards.
    pub fn claim_co_stake_rewards(ctx: Context<ClaimCoStakeRewards>) -> Result<()> {
        instructions::claim_co_stake_rewards::handler(ctx)
    }

    /// Owner: pays credited rewards to the owner's token account.
    pub fn claim_rewards(ctx: Context<ClaimRewards>) -> Result<()> {
        instructions::claim_rewards::handler(ctx)
    }

    /// Owner: closes an empty device and recovers its rent.
    pub fn close_device(ctx: Context<CloseDevice>) -> Result<()> {
        instructions::close_device::handler(ctx)
    }

    /// Anyone: mints the next ended epoch and distributes it (or steps over epochs io-emission
    /// minted to another distributor).
    pub fn close_epoch(ctx: Context<CloseEpoch>) -> Result<()> {
        instructions::close_epoch::handler(ctx)
    }

    /// Admin: stands up the bonded quorum (keeper set and keeper vault) with its parameters.
    pub fn initialize_keeper_set(
        ctx: Context<InitializeKeeperSet>,
        params: QuorumParams,
    ) -> Result<()> {
        instructions::initialize_keeper_set::handler(ctx, params)
    }

    /// Admin: admits an operator as a keeper (at most 16).
    pub fn admit_keeper(ctx: Context<KeeperAdmin>, operator: Pubkey) -> Result<()> {
        instructions::keeper_admin::admit_keeper(ctx, operator)
    }

    /// Admin: stages new quorum parameters behind the governance delay.
    pub fn update_quorum_params(ctx: Context<KeeperAdmin>, params: QuorumParams) -> Result<()> {
        instructions::keeper_admin::update_quorum_params(ctx, params)
    }

    /// Keeper operator: bonds IO into the keeper vault.
    pub fn bond_keeper(ctx: Context<KeeperBondTransfer>, amount: u64) -> Result<()> {
        instructions::keeper_bond::bond_keeper(ctx, amount)
    }

    /// Keeper operator: withdraws its whole bond once its unbonding cooldown is over.
    pub fn withdraw_keeper_bond(ctx: Context<KeeperBondTransfer>) -> Result<()> {
        instructions::keeper_bond::withdraw_keeper_bond(ctx)
    }

    /// Keeper operator: sets its vote key and the URL where it serves observations and proofs.
    pub fn set_keeper_info(
        ctx: Context<KeeperOperator>,
        vote_key: Pubkey,
        url: String,
    ) -> Result<()> {
        instructions::keeper_operator::set_keeper_info(ctx, vote_key, url)
    }

    /// Keeper operator: starts unbonding (irreversible; stops voting at once).
    pub fn request_keeper_unbond(ctx: Context<KeeperOperator>) -> Result<()> {
        instructions::keeper_operator::request_keeper_unbond(ctx)
    }

    /// Slasher: opens a slash case against a keeper's bond.
    pub fn open_keeper_case(ctx: Context<OpenKeeperCase>, args: OpenKeeperCaseArgs) -> Result<()> {
        instructions::open_keeper_case::handler(ctx, args)
    }

    /// The keeper's operator appeals its case.
    pub fn appeal_keeper_case(
        ctx: Context<AppealKeeperCase>,
        statement_hash: [u8; 32],
    ) -> Result<()> {
        instructions::appeal_keeper_case::handler(ctx, statement_hash)
    }

    /// Ends a keeper case: the arbiter upholds or overturns, anyone executes or lapses.
    pub fn resolve_keeper_case(
        ctx: Context<ResolveKeeperCase>,
        ruling: KeeperRuling,
    ) -> Result<()> {
        instructions::resolve_keeper_case::handler(ctx, ruling)
    }

    /// Anyone: opens the ballot on a closed epoch's uptime root.
    pub fn open_ballot(ctx: Context<OpenBallot>, epoch: u32) -> Result<()> {
        instructions::open_ballot::handler(ctx, epoch)
    }

    /// Keeper: commits the sha256 of its observation of the epoch.
    pub fn commit_observation(
        ctx: Context<KeeperBallot>,
        epoch: u32,
        observation_hash: [u8; 32],
    ) -> Result<()> {
        instructions::keeper_ballot::commit_observation(ctx, epoch, observation_hash)
    }

    /// Keeper: votes (or changes its vote) for a root; the quorum's vote finalizes it.
    pub fn cast_vote(
        ctx: Context<KeeperBallot>,
        epoch: u32,
        root: [u8; 32],
        leaf_count: u32,
        observations: u16,
    ) -> Result<()> {
        instructions::keeper_ballot::cast_vote(ctx, epoch, root, leaf_count, observations)
    }

    /// Admin: finalizes a voted root of a stalled ballot.
    pub fn finalize_stalled(
        ctx: Context<FinalizeStalled>,
        epoch: u32,
        root: [u8; 32],
        leaf_count: u32,
        observations: u16,
    ) -> Result<()> {
        instructions::finalize_stalled::handler(ctx, epoch, root, leaf_count, observations)
    }

    /// Anyone: closes a finished ballot, returning its rent to whoever opened it.
    pub fn close_ballot(ctx: Context<CloseBallot>, epoch: u32) -> Result<()> {
        instructions::close_ballot::handler(ctx, epoch)
    }

    /// Anyone: settles a device from its leaf in a finalized root.
    pub fn settle(
        ctx: Context<Settle>,
        epoch: u32,
        uptime: [u8; 90],
        index: u32,
        proof: Vec<[u8; 32]>,
    ) -> Result<()> {
        instructions::settle::handler(ctx, epoch, uptime, index, proof)
    }

    /// Admin: stages the slasher and arbiter (different keys) and the slashing periods, in
    /// force after the cooldown (at once before any device registers).
    pub fn set_slashing_config(ctx: Context<AdminOnly>, setup: SlashingSetup) -> Result<()> {
        instructions::admin::set_slashing_config(ctx, setup)
    }

    /// Slasher: opens a case; the amount moves from stake (then unclaimed rewards) to escrow.
    pub fn open_case(ctx: Context<OpenCase>, args: OpenCaseArgs) -> Result<()> {
        instructions::open_case::handler(ctx, args)
    }

    /// Owner: appeals within the 30-day reconsideration period.
    pub fn appeal_case(ctx: Context<AppealCase>, statement_hash: [u8; 32]) -> Result<()> {
        instructions::appeal_case::handler(ctx, statement_hash)
    }

    /// Arbiter: upholds (burn) or overturns (return) an appealed case.
    pub fn rule_case(ctx: Context<ResolveCase>, uphold: bool) -> Result<()> {
        instructions::resolve_case::rule_case(ctx, uphold)
    }

    /// Anyone: burns the escrow of a case not appealed by its deadline.
    pub fn execute_case(ctx: Context<ResolveCase>) -> Result<()> {
        instructions::resolve_case::execute_case(ctx)
    }

    /// Anyone: returns the escrow of an appealed case not ruled on in time.
    pub fn lapse_case(ctx: Context<ResolveCase>) -> Result<()> {
        instructions::resolve_case::lapse_case(ctx)
    }

    /// Anyone: applies a due GPU model multiplier change to a device.
    pub fn sync_device_multiplier(ctx: Context<SyncDeviceMultiplier>) -> Result<()> {
        instructions::sync_device_multiplier::handler(ctx)
    }

    /// Admin: names io-payments' config PDA, the signer that records rentals (staged like the
    /// other changes once a device is registered).
    pub fn set_payments_authority(ctx: Context<AdminOnly>, authority: Pubkey) -> Result<()> {
        instructions::admin::set_payments_authority(ctx, authority)
    }

    /// Owner: the least a renter pays per hour in USDC and in IO (0 refuses rentals in it).
    pub fn set_rental_terms(ctx: Context<SetRentalTerms>, terms: RentalTerms) -> Result<()> {
        instructions::set_rental_terms::handler(ctx, terms)
    }

    /// io-payments (CPI): records the end of a device's paid hours; no unstake before it.
    pub fn record_rental(ctx: Context<RecordRental>, rented_until: i64) -> Result<()> {
        instructions::record_rental::handler(ctx, rented_until)
    }
}
