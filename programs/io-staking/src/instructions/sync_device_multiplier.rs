use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{DeactivationReason, DeviceDeactivated, DeviceMultiplierSynced};
use crate::math::{eligibility, rewards};
use crate::state::{seeds, Device, GpuModel, RewardPool, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct SyncDeviceMultiplier<'info> {
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(mut, has_one = config @ StakingError::AccountMismatch, has_one = gpu_model @ StakingError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
    pub gpu_model: Box<Account<'info, GpuModel>>,
}

impl SyncDeviceMultiplier<'_> {
    fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        require!(
            self.gpu_model.effective_multiplier(now) != self.device.multiplier_centi,
            StakingError::MultiplierUnchanged
        );
        require!(
            !self.device.active
                || self.device.checkpoint_rpw
                    == self
                        .reward_pool
                        .class(self.device.reward_class)
                        .reward_per_weight,
            StakingError::DeviceNotSettled
        );
        Ok(())
    }
}

/// Permissionless: applies a GPU model's multiplier change to a device once its grace period is
/// over. An active device must be settled up to the last closed epoch first (against that
/// epoch's root, in the same transaction), so no epoch is ever paid at the new weight
/// retroactively. If the device no longer meets its
/// requirement under the new multiplier, it leaves the active set.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<SyncDeviceMultiplier>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let new_multiplier = ctx.accounts.gpu_model.effective_multiplier(now);
    let device = &mut ctx.accounts.device;
    let old_multiplier = device.multiplier_centi;
    let pool = &mut ctx.accounts.reward_pool;
    let class = device.reward_class;
    let mut acc = pool.accumulator(class);
    let mut pos = device.position();
    let was_active = pos.active;
    if was_active {
        // Settled (checked in `validate`): leaving forfeits nothing, and rejoining at the new
        // weight starts from now.
        rewards::deactivate(&mut acc, &mut pos)?;
    }
    device.multiplier_centi = new_multiplier;
    pos.weight = eligibility::weight(new_multiplier, device.gpu_count);
    // Eligibility reads stake, status and multiplier, not the position.
    let still_eligible = device.eligibility(&ctx.accounts.config, now)?.is_ok();
    if was_active && still_eligible {
        rewards::activate(&mut acc, &mut pos)?;
    } else if was_active {
        pool.device_left(class)?;
    }
    device.store_position(&pos);
    pool.store_accumulator(class, &acc);
    device.invariant()?;
    pool.invariant()?;

    if was_active && !still_eligible {
        emit_cpi!(DeviceDeactivated {
            device: device.key(),
            reason: DeactivationReason::NoLongerEligible,
            forfeited: 0,
        });
    }
    emit_cpi!(DeviceMultiplierSynced {
        device: device.key(),
        old_multiplier_centi: old_multiplier,
        new_multiplier_centi: new_multiplier,
        active: pos.active,
    });
    Ok(())
}
