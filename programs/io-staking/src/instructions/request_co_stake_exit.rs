use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::CoStakeExitRequested;
use crate::math::eligibility::CO_STAKE_EXIT_WAIT_SECONDS;
use crate::safe_math::SafeMath;
use crate::state::{seeds, CoStakeOffer, CoStakeStatus, Device, DeviceStatus, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct RequestCoStakeExit<'info> {
    pub co_staker: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, has_one = config @ StakingError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
    #[account(
        mut,
        seeds = [seeds::CO_STAKE, device.key().as_ref()],
        bump = offer.bump,
    )]
    pub offer: Box<Account<'info, CoStakeOffer>>,
}

impl RequestCoStakeExit<'_> {
    fn validate(&self) -> Result<()> {
        require!(
            self.device.has_co_staker() && self.device.co_staker == self.co_staker.key(),
            StakingError::NotCoStaker
        );
        require!(
            self.offer.status == CoStakeStatus::Accepted,
            StakingError::AlreadyExiting
        );
        // After the owner's unstake both stakes are in the device's cooldown already.
        require!(
            self.device.status == DeviceStatus::Staking,
            StakingError::AlreadyUnstaking
        );
        Ok(())
    }
}

/// Co-staker: asks to leave, for good (published). For 7 days its stake still counts toward
/// the requirement but its share earns nothing (the owner gets the whole credit); then the
/// 14-day cooldown, when it no longer counts (the device may leave the active set unless the
/// owner tops up); then it may withdraw, to itself only.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<RequestCoStakeExit>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let counts_until = now.safe_add(CO_STAKE_EXIT_WAIT_SECONDS)?;
    let unlocks_at = counts_until.safe_add(ctx.accounts.config.params_at(now).cooldown_seconds)?;
    let offer = &mut ctx.accounts.offer;
    offer.status = CoStakeStatus::Exiting;
    offer.exit_requested_at = now;
    offer.unlocks_at = unlocks_at;
    ctx.accounts.device.co_exit_requested_at = now;
    ctx.accounts.offer.invariant()?;
    ctx.accounts.device.invariant()?;
    emit_cpi!(CoStakeExitRequested {
        device: ctx.accounts.device.key(),
        co_staker: ctx.accounts.co_staker.key(),
        requested_at: now,
        counts_until,
        unlocks_at,
    });
    Ok(())
}
