use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::CoStakeOfferCancelled;
use crate::state::{seeds, CoStakeOffer, CoStakeStatus, Device, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct CancelCoStakeOffer<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(
        mut,
        has_one = owner @ StakingError::NotDeviceOwner,
        has_one = config @ StakingError::AccountMismatch,
    )]
    pub device: Box<Account<'info, Device>>,
    #[account(
        mut,
        close = owner,
        seeds = [seeds::CO_STAKE, device.key().as_ref()],
        bump = offer.bump,
    )]
    pub offer: Box<Account<'info, CoStakeOffer>>,
}

impl CancelCoStakeOffer<'_> {
    fn validate(&self) -> Result<()> {
        require!(
            self.offer.status == CoStakeStatus::Open,
            StakingError::CoStakeAlreadyAccepted
        );
        Ok(())
    }
}

/// Owner: withdraws an offer nobody accepted; its rent comes back.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<CancelCoStakeOffer>) -> Result<()> {
    ctx.accounts.device.has_co_stake_offer = false;
    ctx.accounts.device.invariant()?;
    emit_cpi!(CoStakeOfferCancelled {
        device: ctx.accounts.device.key(),
        offer: ctx.accounts.offer.key(),
    });
    Ok(())
}
