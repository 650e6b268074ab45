use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::CoStakeOffered;
use crate::math::eligibility;
use crate::state::{seeds, CoStakeOffer, CoStakeStatus, Device, DeviceStatus, StakingConfig};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct CoStakeTerms {
    /// The co-stake wanted, base units: a co-staker deposits exactly this.
    pub amount: u64,
    /// The co-staker's part of every settlement of the device, in basis points.
    pub share_bps: u16,
}

#[event_cpi]
#[derive(Accounts)]
pub struct CreateCoStakeOffer<'info> {
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
    /// `init_if_needed` so that an existing offer reaches `validate` and is refused with
    /// `CoStakeOfferExists` (the device's `has_co_stake_offer` is true exactly while this
    /// account exists), instead of failing inside the system program.
    #[account(
        init_if_needed,
        payer = owner,
        space = CoStakeOffer::SIZE,
        seeds = [seeds::CO_STAKE, device.key().as_ref()],
        bump,
    )]
    pub offer: Box<Account<'info, CoStakeOffer>>,
    pub system_program: Program<'info, System>,
}

impl CreateCoStakeOffer<'_> {
    fn validate(&self, terms: &CoStakeTerms) -> Result<()> {
        self.config.require_not_paused()?;
        require!(
            self.device.status == DeviceStatus::Staking,
            StakingError::StakeDuringCooldown
        );
        require!(
            !self.device.has_co_stake_offer,
            StakingError::CoStakeOfferExists
        );
        require!(terms.amount > 0, StakingError::ZeroAmount);
        require!(terms.share_bps <= 10_000, StakingError::InvalidShare);
        require!(
            eligibility::within_co_stake_cap(self.device.stake, terms.amount),
            StakingError::CoStakeAboveHalf
        );
        Ok(())
    }
}

/// Owner: offers a co-stake on the device: the amount wanted and the co-staker's share of the
/// device's rewards (published example: 74%). One offer per device; the terms are fixed once
/// accepted.
#[access_control(ctx.accounts.validate(&terms))]
pub fn handler(ctx: Context<CreateCoStakeOffer>, terms: CoStakeTerms) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let device_key = ctx.accounts.device.key();
    ctx.accounts.offer.set_inner(CoStakeOffer {
        version: CoStakeOffer::VERSION,
        bump: ctx.bumps.offer,
        config: ctx.accounts.config.key(),
        device: device_key,
        owner: ctx.accounts.owner.key(),
        co_staker: Pubkey::default(),
        amount: terms.amount,
        share_bps: terms.share_bps,
        status: CoStakeStatus::Open,
        created_at: now,
        accepted_at: 0,
        exit_requested_at: 0,
        unlocks_at: 0,
        reserved: [0; 32],
    });
    ctx.accounts.device.has_co_stake_offer = true;
    ctx.accounts.offer.invariant()?;
    ctx.accounts.device.invariant()?;
    emit_cpi!(CoStakeOffered {
        device: device_key,
        offer: ctx.accounts.offer.key(),
        owner: ctx.accounts.owner.key(),
        amount: terms.amount,
        share_bps: terms.share_bps,
    });
    Ok(())
}
