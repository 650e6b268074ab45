use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{DeactivationReason, DeviceDeactivated, SlashCaseOpened};
use crate::math::eligibility;
use crate::safe_math::{SafeAccumulate, SafeMath};
use crate::state::{seeds, CaseStatus, Device, RewardPool, SlashCase, SlashReason, StakingConfig};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct OpenCaseArgs {
    pub amount: u64,
    pub reason: SlashReason,
    pub evidence_hash: [u8; 32],
}

#[event_cpi]
#[derive(Accounts)]
pub struct OpenCase<'info> {
    #[account(mut)]
    pub slasher: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(mut, has_one = config @ StakingError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
    /// Seeded by the config-wide case counter: never the address of an earlier case, whatever
    /// happened to the device key before.
    #[account(
        init,
        payer = slasher,
        space = SlashCase::SIZE,
        seeds = [
            seeds::SLASH_CASE,
            config.key().as_ref(),
            &reward_pool.cases_opened.to_le_bytes(),
        ],
        bump,
    )]
    pub case: Box<Account<'info, SlashCase>>,
    pub system_program: Program<'info, System>,
}

impl OpenCase<'_> {
    fn validate(&self, args: &OpenCaseArgs) -> Result<()> {
        let slashing = self.config.slashing_at(Clock::get()?.unix_timestamp);
        let device = &self.device;
        let available = device
            .stake
            .safe_add(device.co_stake)?
            .safe_add(device.pending_rewards)?
            .safe_add(device.co_pending_rewards)?;
        slashing.check_opening(&self.slasher.key(), args.amount, available)
    }
}

/// Slasher: opens a case. The amount leaves the device's stake (then, if the stake is not
/// enough, its unclaimed rewards) into the case's escrow at once; the tokens stay in their vaults
/// until the case is resolved. With a co-staker, the stake part is taken pro rata to the two
/// stakes and the rewards part pro rata to the two unclaimed balances (published: co-stakers are
/// impacted too); the co-staker's side is rounded down. A device that falls below its
/// requirement leaves the active set. Several open cases on one device add up. Stake in
/// cooldown stays slashable.
#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<OpenCase>, args: OpenCaseArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let slashing = config.slashing_at(now);
    let device = &mut ctx.accounts.device;
    let both_stakes = device.stake.safe_add(device.co_stake)?;
    let stake_part = args.amount.min(both_stakes);
    let rewards_part = args.amount.safe_sub(stake_part)?;
    let from_co_stake = eligibility::pro_rata(stake_part, device.co_stake, both_stakes)
        .ok_or(StakingError::MathOverflow)?;
    let from_stake = stake_part.safe_sub(from_co_stake)?;
    let both_pending = device.pending_rewards.safe_add(device.co_pending_rewards)?;
    let from_co_rewards =
        eligibility::pro_rata(rewards_part, device.co_pending_rewards, both_pending)
            .ok_or(StakingError::MathOverflow)?;
    let from_rewards = rewards_part.safe_sub(from_co_rewards)?;
    let co_staker = device.co_staker;
    device.stake.sub_assign_checked(from_stake)?;
    device.co_stake.sub_assign_checked(from_co_stake)?;
    device.pending_rewards.sub_assign_checked(from_rewards)?;
    device
        .co_pending_rewards
        .sub_assign_checked(from_co_rewards)?;
    device.rewards_slashed.add_assign_checked(from_rewards)?;
    device
        .co_rewards_slashed
        .add_assign_checked(from_co_rewards)?;
    device.escrowed.add_assign_checked(args.amount)?;
    device.open_cases.add_assign_checked(1)?;
    let device_case_index = device.cases_opened;
    device.cases_opened.add_assign_checked(1)?;

    let pool = &mut ctx.accounts.reward_pool;
    let case_id = pool.cases_opened;
    pool.cases_opened.add_assign_checked(1)?;
    pool.total_staked.sub_assign_checked(stake_part)?;
    pool.escrowed_stake.add_assign_checked(stake_part)?;
    pool.escrowed_rewards.add_assign_checked(rewards_part)?;
    pool.open_cases.add_assign_checked(1)?;

    let deactivated = if device.active && device.eligibility(config, now)?.is_err() {
        Some(pool.deactivate_device(device)?)
    } else {
        None
    };

    let appeal_deadline = now.safe_add(slashing.params.appeal_period_seconds)?;
    let ruling_deadline = appeal_deadline.safe_add(slashing.params.ruling_window_seconds)?;
    ctx.accounts.case.set_inner(SlashCase {
        version: SlashCase::VERSION,
        bump: ctx.bumps.case,
        config: config.key(),
        device: device.key(),
        owner: device.owner,
        arbiter: slashing.arbiter,
        case_id,
        device_case_index,
        reason: args.reason,
        evidence_hash: args.evidence_hash,
        statement_hash: [0; 32],
        amount: args.amount,
        from_stake,
        from_rewards,
        status: CaseStatus::Open,
        opened_at: now,
        appeal_deadline,
        ruling_deadline,
        appealed_at: 0,
        resolved_at: 0,
        co_staker,
        from_co_stake,
        from_co_rewards,
        reserved: [0; 16],
    });
    ctx.accounts.case.invariant()?;
    ctx.accounts.device.invariant()?;
    ctx.accounts.reward_pool.invariant()?;

    let device_key = ctx.accounts.device.key();
    if let Some(forfeited) = deactivated {
        emit_cpi!(DeviceDeactivated {
            device: device_key,
            reason: DeactivationReason::NoLongerEligible,
            forfeited,
        });
    }
    emit_cpi!(SlashCaseOpened {
        case: ctx.accounts.case.key(),
        case_id,
        device: device_key,
        amount: args.amount,
        status: CaseStatus::Open,
        reason: args.reason,
        evidence_hash: args.evidence_hash,
        from_stake,
        from_rewards,
        from_co_stake,
        from_co_rewards,
        appeal_deadline,
        deactivated: deactivated.is_some(),
    });
    Ok(())
}
