use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{DeactivationReason, DeviceDeactivated};
use crate::math::eligibility;
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

impl DeactivateStale<'_> {
    fn validate(&self) -> Result<()> {
        require!(self.device.active, StakingError::DeviceNotActive);
        let staleness = self
            .config
            .params_at(Clock::get()?.unix_timestamp)
            .staleness_epochs;
        require!(
            eligibility::is_stale(
                self.reward_pool.finished_attested_epoch,
                self.device.last_attested_epoch,
                staleness,
            ),
            StakingError::NotStale
        );
        Ok(())
    }
}

/// Permissionless: removes an active device that attesters have left behind. It is stale once
/// attesters finished an epoch more than `staleness_epochs` after its last attestation; the
/// measure is the attesters' progress, not the last close, so an attester outage of any length
/// makes no device stale. Its unattested share is forfeited to the pool and recycled.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<DeactivateStale>) -> Result<()> {
    let device = &mut ctx.accounts.device;
    let pool = &mut ctx.accounts.reward_pool;
    let forfeited = pool.deactivate_device(device)?;
    device.invariant()?;
    pool.invariant()?;
    emit_cpi!(DeviceDeactivated {
        device: device.key(),
        reason: DeactivationReason::Stale,
        forfeited,
    });
    Ok(())
}
