//! Governance: the instructions only the staking admin may call, sharing one account set.
//!
//! Parameter and slashing changes can hurt suppliers (a higher requirement, a longer lock, a new
//! slasher, a shorter appeal), so once any device is registered they are staged and take effect
//! after the governance delay (a week to react, then a co-staker's whole exit: 7 days' wait and
//! the cooldown): a supplier or co-staker who disagrees and leaves within a week of the
//! announcement is withdrawn before it lands.

use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{
    AdminTransferProposed, ClassSharesScheduled, ParamsUpdated, PausedChanged,
    PaymentsAuthorityUpdated, SlashingConfigUpdated,
};
use crate::instructions::record_rental::{IO_PAYMENTS_PROGRAM_ID, PAYMENTS_CONFIG_SEED};
use crate::safe_math::SafeMath;
use crate::state::{
    seeds, validate_class_shares, RewardClass, RewardPool, SlashingSetup, StakingConfig,
    StakingParams,
};

#[event_cpi]
#[derive(Accounts)]
pub struct AdminOnly<'info> {
    pub admin: Signer<'info>,
    #[account(
        mut,
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
        has_one = admin @ StakingError::UnauthorizedAdmin,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    /// Read for the number of registered devices, which decides the governance delay.
    #[account(address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
}

impl AdminOnly<'_> {
    fn validate_params(&self, params: &StakingParams) -> Result<()> {
        params.validate(self.config.decimals)
    }

    fn validate_class_shares(&self, shares: &[u16; RewardClass::COUNT]) -> Result<()> {
        validate_class_shares(shares)
    }

    fn validate_slashing(&self, setup: &SlashingSetup) -> Result<()> {
        setup.validate()
    }

    /// Only io-payments' config PDA of this deployment (or none): any other key could hold
    /// devices from unstaking.
    fn validate_payments_authority(&self, authority: &Pubkey) -> Result<()> {
        let payments_config = Pubkey::find_program_address(
            &[PAYMENTS_CONFIG_SEED, self.config.key().as_ref()],
            &IO_PAYMENTS_PROGRAM_ID,
        )
        .0;
        require!(
            *authority == payments_config || *authority == Pubkey::default(),
            StakingError::InvalidPaymentsAuthority
        );
        Ok(())
    }

    /// When a change made now takes effect.
    fn effective_at(&self, now: i64) -> Result<i64> {
        self.config
            .effective_time(now, self.reward_pool.registered_devices)
    }
}

/// Stages new parameters (applied at once while no device is registered). A new change
/// replaces a staged one; cooldowns already running keep the unlock time they were given.
#[access_control(ctx.accounts.validate_params(&params))]
pub fn update_params(ctx: Context<AdminOnly>, params: StakingParams) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let effective_at = ctx.accounts.effective_at(now)?;
    let config = &mut ctx.accounts.config;
    config.apply_due_changes(now);
    let old = config.params;
    let replaced = (config.params_effective_at != 0).then_some(config.pending_params);
    config.pending_params = params;
    config.params_effective_at = effective_at;
    config.apply_due_changes(now);
    config.invariant()?;
    emit_cpi!(ParamsUpdated {
        config: config.key(),
        old,
        new: params,
        effective_at,
        replaced,
    });
    Ok(())
}

/// Stages the slasher, the arbiter (always a different key) and the slashing periods (applied
/// at once while no device is registered). Cases already open keep the deadlines they were
/// given.
#[access_control(ctx.accounts.validate_slashing(&setup))]
pub fn set_slashing_config(ctx: Context<AdminOnly>, setup: SlashingSetup) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let effective_at = ctx.accounts.effective_at(now)?;
    let config = &mut ctx.accounts.config;
    config.apply_due_changes(now);
    let old = config.slashing;
    let replaced = (config.slashing_effective_at != 0).then_some(config.pending_slashing);
    config.pending_slashing = setup;
    config.slashing_effective_at = effective_at;
    config.apply_due_changes(now);
    config.invariant()?;
    emit_cpi!(SlashingConfigUpdated {
        config: config.key(),
        old,
        new: setup,
        effective_at,
        replaced,
    });
    Ok(())
}

/// Schedules new class shares. A share change moves income from one class to the other, so it
/// follows the multiplier grace rule (published: 30 days), and never lands sooner than the
/// governance delay. A new schedule replaces a pending one.
#[access_control(ctx.accounts.validate_class_shares(&shares_bps))]
pub fn schedule_class_shares(
    ctx: Context<AdminOnly>,
    shares_bps: [u16; RewardClass::COUNT],
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &mut ctx.accounts.config;
    config.apply_due_changes(now);
    // A change already in force becomes the base the new one replaces.
    config.class_shares_bps = config.class_shares_at(now);
    let delay = config
        .params_at(now)
        .multiplier_grace_seconds
        .max(config.governance_delay(now)?);
    let effective_at = now.safe_add(delay)?;
    let old_bps = config.class_shares_bps;
    config.pending_class_shares_bps = shares_bps;
    config.class_shares_effective_at = effective_at;
    config.invariant()?;
    emit_cpi!(ClassSharesScheduled {
        config: config.key(),
        old_bps,
        new_bps: shares_bps,
        effective_at,
    });
    Ok(())
}

/// Names io-payments' config PDA, the one signer that may record a device's paid hours (and so
/// keep it from unstaking for up to 720 hours at a time). Staged like the other changes that can
/// hurt suppliers; `Pubkey::default()` stops rentals being recorded.
#[access_control(ctx.accounts.validate_payments_authority(&authority))]
pub fn set_payments_authority(ctx: Context<AdminOnly>, authority: Pubkey) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let effective_at = ctx.accounts.effective_at(now)?;
    let config = &mut ctx.accounts.config;
    config.apply_due_changes(now);
    let old = config.payments_authority;
    config.pending_payments_authority = authority;
    config.payments_authority_effective_at = effective_at;
    config.apply_due_changes(now);
    config.invariant()?;
    emit_cpi!(PaymentsAuthorityUpdated {
        config: config.key(),
        old,
        new: authority,
        effective_at,
    });
    Ok(())
}

/// Pauses or resumes registration, staking, settlement and epoch closes. Exits (unstake,
/// withdraw, claim) are never paused. Epochs not closed while paused stay mintable in
/// io-emission and are caught up after resuming.
pub fn set_paused(ctx: Context<AdminOnly>, paused: bool) -> Result<()> {
    let config = &mut ctx.accounts.config;
    let old = config.paused;
    config.paused = paused;
    config.invariant()?;
    emit_cpi!(PausedChanged {
        config: config.key(),
        old,
        new: paused,
    });
    Ok(())
}

/// Nominates a new admin (step 1 of 2); `Pubkey::default()` cancels.
pub fn propose_admin(ctx: Context<AdminOnly>, new_admin: Pubkey) -> Result<()> {
    let config = &mut ctx.accounts.config;
    let old_pending_admin = config.pending_admin;
    config.pending_admin = new_admin;
    config.invariant()?;
    emit_cpi!(AdminTransferProposed {
        config: config.key(),
        admin: config.admin,
        old_pending_admin,
        new_pending_admin: new_admin,
    });
    Ok(())
}
