use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{DeactivationReason, DeviceDeactivated};
use crate::state::{seeds, Device, RewardPool, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct DeactivateStale<'info> {
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(mut, has_one = config @ StakingError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
}

/// Permissionless: removes an active device whose last attestation is more than
/// `staleness_epochs` closed epochs old; its unattested share is forfeited to the pool.
pub fn handler(ctx: Context<DeactivateStale>) -> Result<()> {
    let device = &mut ctx.accounts.device;
    let pool = &mut ctx.accounts.reward_pool;
    let silent_for = pool
        .last_closed_epoch
        .saturating_sub(device.last_attested_epoch);
    require!(device.active, StakingError::DeviceNotActive);
    require!(
        silent_for > ctx.accounts.config.params.staleness_epochs,
        StakingError::NotStale
    );
    let forfeited = pool.deactivate_device(device)?;
    emit_cpi!(DeviceDeactivated {
        device: device.key(),
        reason: DeactivationReason::Stale,
        forfeited,
    });
    Ok(())
}
