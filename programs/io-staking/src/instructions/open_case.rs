use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{DeactivationReason, DeviceDeactivated, SlashCaseOpened};
use crate::state::{
    seeds, CaseStatus, Device, RewardPool, SlashCase, SlashReason, SlashingParams, StakingConfig,
};

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
        has_one = slasher @ StakingError::UnauthorizedSlasher,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(mut, has_one = config @ StakingError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
    #[account(
        init,
        payer = slasher,
        space = SlashCase::SIZE,
        seeds = [seeds::SLASH_CASE, device.key().as_ref(), &device.cases_opened.to_le_bytes()],
        bump,
    )]
    pub case: Box<Account<'info, SlashCase>>,
    pub system_program: Program<'info, System>,
}

/// Slasher: opens a case. The amount leaves the device's stake (then, if the stake is not
/// enough, its unclaimed rewards) into the case's escrow at once; the tokens stay in their vaults
/// until the case is resolved. A device that falls below its requirement leaves the active set.
/// Several open cases on one device add up. Stake in cooldown stays slashable.
pub fn handler(ctx: Context<OpenCase>, args: OpenCaseArgs) -> Result<()> {
    require!(args.amount > 0, StakingError::ZeroAmount);
    let config = &ctx.accounts.config;
    let device = &mut ctx.accounts.device;
    let available = device
        .stake
        .checked_add(device.pending_rewards)
        .ok_or(StakingError::MathOverflow)?;
    require!(args.amount <= available, StakingError::SlashExceedsBalance);
    let cap = (available as u128)
        .checked_mul(config.slashing.max_slash_bps as u128)
        .ok_or(StakingError::MathOverflow)?
        / SlashingParams::MAX_BPS as u128;
    require!(args.amount as u128 <= cap, StakingError::SlashAboveCap);

    let from_stake = args.amount.min(device.stake);
    let from_rewards = args.amount - from_stake;
    let sub = |a: u64, b: u64| a.checked_sub(b).ok_or(StakingError::MathOverflow);
    let add = |a: u64, b: u64| a.checked_add(b).ok_or(StakingError::MathOverflow);
    device.stake = sub(device.stake, from_stake)?;
    device.pending_rewards = sub(device.pending_rewards, from_rewards)?;
    device.rewards_slashed = add(device.rewards_slashed, from_rewards)?;
    device.escrowed = add(device.escrowed, args.amount)?;
    device.open_cases = device
        .open_cases
        .checked_add(1)
        .ok_or(StakingError::MathOverflow)?;
    let case_index = device.cases_opened;
    device.cases_opened = case_index
        .checked_add(1)
        .ok_or(StakingError::MathOverflow)?;

    let pool = &mut ctx.accounts.reward_pool;
    pool.total_staked = sub(pool.total_staked, from_stake)?;
    pool.escrowed_stake = add(pool.escrowed_stake, from_stake)?;
    pool.escrowed_rewards = add(pool.escrowed_rewards, from_rewards)?;
    pool.open_cases = pool
        .open_cases
        .checked_add(1)
        .ok_or(StakingError::MathOverflow)?;

    let deactivated = if device.active && device.eligibility(config)?.is_err() {
        Some(pool.deactivate_device(device)?)
    } else {
        None
    };

    let now = Clock::get()?.unix_timestamp;
    let appeal_deadline = now
        .checked_add(config.slashing.appeal_period_seconds)
        .ok_or(StakingError::MathOverflow)?;
    let ruling_deadline = appeal_deadline
        .checked_add(config.slashing.ruling_window_seconds)
        .ok_or(StakingError::MathOverflow)?;
    ctx.accounts.case.set_inner(SlashCase {
        version: SlashCase::VERSION,
        bump: ctx.bumps.case,
        config: config.key(),
        device: device.key(),
        owner: device.owner,
        case_index,
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
        reserved: [0; 64],
    });

    let device_key = device.key();
    if let Some(forfeited) = deactivated {
        emit_cpi!(DeviceDeactivated {
            device: device_key,
            reason: DeactivationReason::NoLongerEligible,
            forfeited,
        });
    }
    emit_cpi!(SlashCaseOpened {
        case: ctx.accounts.case.key(),
        device: device_key,
        amount: args.amount,
        status: CaseStatus::Open,
        reason: args.reason,
        evidence_hash: args.evidence_hash,
        from_stake,
        from_rewards,
        appeal_deadline,
        deactivated: deactivated.is_some(),
    });
    Ok(())
}
