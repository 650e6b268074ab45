use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{DeactivationReason, DeviceDeactivated, SlashCaseOpened};
use crate::safe_math::{SafeAccumulate, SafeMath};
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
        require!(
            slashing.slasher != Pubkey::default(),
            StakingError::SlashingOff
        );
        require_keys_eq!(
            self.slasher.key(),
            slashing.slasher,
            StakingError::UnauthorizedSlasher
        );
        require!(args.amount > 0, StakingError::ZeroAmount);
        let available = self.device.stake.safe_add(self.device.pending_rewards)?;
        require!(args.amount <= available, StakingError::SlashExceedsBalance);
        // Rounded down: the cap never lets the slasher take more than the basis points say.
        let cap = (available as u128)
            .safe_mul(slashing.params.max_slash_bps as u128)?
            .safe_div(SlashingParams::MAX_BPS as u128)?;
        require!(args.amount as u128 <= cap, StakingError::SlashAboveCap);
        Ok(())
    }
}

/// Slasher: opens a case. The amount leaves the device's stake (then, if the stake is not
/// enough, its unclaimed rewards) into the case's escrow at once; the tokens stay in their vaults
/// until the case is resolved. A device that falls below its requirement leaves the active set.
/// Several open cases on one device add up. Stake in cooldown stays slashable.
#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<OpenCase>, args: OpenCaseArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let slashing = config.slashing_at(now);
    let device = &mut ctx.accounts.device;
    let from_stake = args.amount.min(device.stake);
    let from_rewards = args.amount.safe_sub(from_stake)?;
    device.stake.sub_assign_checked(from_stake)?;
    device.pending_rewards.sub_assign_checked(from_rewards)?;
    device.rewards_slashed.add_assign_checked(from_rewards)?;
    device.escrowed.add_assign_checked(args.amount)?;
    device.open_cases.add_assign_checked(1)?;
    let device_case_index = device.cases_opened;
    device.cases_opened.add_assign_checked(1)?;

    let pool = &mut ctx.accounts.reward_pool;
    let case_id = pool.cases_opened;
    pool.cases_opened.add_assign_checked(1)?;
    pool.total_staked.sub_assign_checked(from_stake)?;
    pool.escrowed_stake.add_assign_checked(from_stake)?;
    pool.escrowed_rewards.add_assign_checked(from_rewards)?;
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
        reserved: [0; 64],
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
        appeal_deadline,
        deactivated: deactivated.is_some(),
    });
    Ok(())
}
