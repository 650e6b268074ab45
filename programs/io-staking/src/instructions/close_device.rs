use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::DeviceClosed;
use crate::safe_math::decrement_count;
use crate::state::{seeds, Device, HardwareMarker, RewardPool, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct CloseDevice<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(
        mut,
        close = owner,
        has_one = owner @ StakingError::NotDeviceOwner,
        has_one = config @ StakingError::AccountMismatch,
    )]
    pub device: Box<Account<'info, Device>>,
    /// Closed with the device, so the same GPUs may register again.
    #[account(
        mut,
        close = owner,
        seeds = [seeds::HARDWARE, config.key().as_ref(), device.hardware_hash.as_ref()],
        bump = hardware_marker.bump,
        constraint = hardware_marker.device == device.key() @ StakingError::AccountMismatch,
    )]
    pub hardware_marker: Box<Account<'info, HardwareMarker>>,
}

impl CloseDevice<'_> {
    fn validate(&self) -> Result<()> {
        let device = &self.device;
        require!(
            device.open_cases == 0 && device.escrowed == 0,
            StakingError::OpenCases
        );
        require!(
            !device.has_co_stake_offer && device.co_pending_rewards == 0,
            StakingError::CoStakeOpen
        );
        require!(
            device.stake == 0 && device.pending_rewards == 0 && !device.active,
            StakingError::DeviceNotEmpty
        );
        require!(
            !device.is_rented(Clock::get()?.unix_timestamp),
            StakingError::DeviceRented
        );
        Ok(())
    }
}

/// Closes a device that holds nothing (withdrawn, or never staked) and its hardware marker, and
/// returns their rent. The device key and the GPUs may register again later: a fresh life at
/// the same address.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<CloseDevice>) -> Result<()> {
    let device = &ctx.accounts.device;
    let pool = &mut ctx.accounts.reward_pool;
    decrement_count(&mut pool.registered_devices)?;
    pool.invariant()?;
    emit_cpi!(DeviceClosed {
        device: device.key(),
        owner: device.owner,
    });
    Ok(())
}
