use anchor_lang::prelude::*;
use anchor_spl::token::{self, Token, TokenAccount, Transfer};

use crate::error::StakingError;
use crate::events::CoStakeAccepted;
use crate::instructions::create_co_stake_offer::CoStakeTerms;
use crate::math::eligibility::{self, MAX_CO_STAKES_PER_WALLET};
use crate::safe_math::{SafeAccumulate, SafeMath};
use crate::state::{
    seeds, CoStakeOffer, CoStakeStatus, CoStakerAccount, Device, DeviceStatus, RewardPool,
    StakingConfig,
};

#[event_cpi]
#[derive(Accounts)]
pub struct AcceptCoStakeOffer<'info> {
    #[account(mut)]
    pub co_staker: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(mut, has_one = config @ StakingError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
    #[account(
        mut,
        seeds = [seeds::CO_STAKE, device.key().as_ref()],
        bump = offer.bump,
    )]
    pub offer: Box<Account<'info, CoStakeOffer>>,
    #[account(
        init_if_needed,
        payer = co_staker,
        space = CoStakerAccount::SIZE,
        seeds = [seeds::CO_STAKER, config.key().as_ref(), co_staker.key().as_ref()],
        bump,
    )]
    pub co_staker_account: Box<Account<'info, CoStakerAccount>>,
    #[account(
        mut,
        constraint = co_staker_token.mint == config.mint @ StakingError::WrongMint,
        constraint = co_staker_token.owner == co_staker.key() @ StakingError::NotOwnersTokenAccount,
    )]
    pub co_staker_token: Box<Account<'info, TokenAccount>>,
    #[account(mut, address = config.stake_vault @ StakingError::WrongVault)]
    pub stake_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

impl AcceptCoStakeOffer<'_> {
    fn validate(&self, terms: &CoStakeTerms) -> Result<()> {
        self.config.require_not_paused()?;
        require_keys_neq!(
            self.co_staker.key(),
            self.device.owner,
            StakingError::CannotAcceptOwnOffer
        );
        require!(
            self.offer.status == CoStakeStatus::Open,
            StakingError::CoStakeAlreadyAccepted
        );
        require!(
            self.device.status == DeviceStatus::Staking,
            StakingError::StakeDuringCooldown
        );
        // The terms the co-staker read: an owner cannot swap them between read and send.
        require!(
            self.offer.amount == terms.amount && self.offer.share_bps == terms.share_bps,
            StakingError::OfferTermsChanged
        );
        require!(
            eligibility::within_co_stake_cap(self.device.stake, terms.amount),
            StakingError::CoStakeAboveHalf
        );
        require!(
            self.co_staker_account.accepted_offers < MAX_CO_STAKES_PER_WALLET,
            StakingError::TooManyCoStakes
        );
        Ok(())
    }
}

/// Any wallet but the owner: deposits exactly the offered co-stake. It counts toward the
/// device's requirement from now on, and the co-staker earns its share of every settlement of
/// an epoch ending after now.
#[access_control(ctx.accounts.validate(&terms))]
pub fn handler(ctx: Context<AcceptCoStakeOffer>, terms: CoStakeTerms) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    token::transfer(
        CpiContext::new(
            ctx.accounts.token_program.key(),
            Transfer {
                from: ctx.accounts.co_staker_token.to_account_info(),
                to: ctx.accounts.stake_vault.to_account_info(),
                authority: ctx.accounts.co_staker.to_account_info(),
            },
        ),
        terms.amount,
    )?;
    let co_staker = ctx.accounts.co_staker.key();
    let account = &mut ctx.accounts.co_staker_account;
    if account.version == 0 {
        account.version = CoStakerAccount::VERSION;
        account.bump = ctx.bumps.co_staker_account;
        account.config = ctx.accounts.config.key();
        account.wallet = co_staker;
    }
    account.accepted_offers = account.accepted_offers.safe_add(1)?;

    let offer = &mut ctx.accounts.offer;
    offer.co_staker = co_staker;
    offer.status = CoStakeStatus::Accepted;
    offer.accepted_at = now;
    let device = &mut ctx.accounts.device;
    device.co_staker = co_staker;
    device.co_stake = terms.amount;
    device.co_share_bps = terms.share_bps;
    device.co_accepted_at = now;
    device.co_exit_requested_at = 0;
    ctx.accounts
        .reward_pool
        .total_staked
        .add_assign_checked(terms.amount)?;
    let total_stake = device.stake.safe_add(device.co_stake)?;
    offer.invariant()?;
    device.invariant()?;
    ctx.accounts.reward_pool.invariant()?;
    emit_cpi!(CoStakeAccepted {
        device: ctx.accounts.device.key(),
        offer: ctx.accounts.offer.key(),
        co_staker,
        amount: terms.amount,
        share_bps: terms.share_bps,
        total_stake,
    });
    Ok(())
}
