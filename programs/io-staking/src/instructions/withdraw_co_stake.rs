use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::error::StakingError;
use crate::events::CoStakeWithdrawn;
use crate::instructions::claim_co_stake_rewards::pay_co_pending;
use crate::safe_math::{SafeAccumulate, SafeMath};
use crate::state::{
    seeds, CoStakeOffer, CoStakeStatus, CoStakerAccount, Device, DeviceStatus, RewardPool,
    StakingConfig,
};
use crate::vault::pay_out;

#[event_cpi]
#[derive(Accounts)]
pub struct WithdrawCoStake<'info> {
    /// The co-staker, or the device owner (so an absent co-staker cannot keep the device from
    /// closing); either way the co-stake goes to the co-staker's own token account.
    pub authority: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(mut, has_one = config @ StakingError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
    /// Closed: its rent goes back to the owner who paid it.
    #[account(
        mut,
        close = owner,
        seeds = [seeds::CO_STAKE, device.key().as_ref()],
        bump = offer.bump,
        has_one = owner @ StakingError::AccountMismatch,
    )]
    pub offer: Box<Account<'info, CoStakeOffer>>,
    /// CHECK: the offer's owner (checked by `has_one`); receives the offer's rent.
    #[account(mut)]
    pub owner: UncheckedAccount<'info>,
    /// The device's co-staker's account (a signer who is not the co-staker is refused by
    /// `validate` with `NotCoStaker`).
    #[account(
        mut,
        seeds = [seeds::CO_STAKER, config.key().as_ref(), device.co_staker.as_ref()],
        bump = co_staker_account.bump,
    )]
    pub co_staker_account: Box<Account<'info, CoStakerAccount>>,
    /// Only the co-staker receives the co-stake (published).
    #[account(
        mut,
        constraint = co_staker_token.mint == config.mint @ StakingError::WrongMint,
        constraint = co_staker_token.owner == device.co_staker @ StakingError::NotOwnersTokenAccount,
    )]
    pub co_staker_token: Box<Account<'info, TokenAccount>>,
    #[account(mut, address = config.stake_vault @ StakingError::WrongVault)]
    pub stake_vault: Box<Account<'info, TokenAccount>>,
    #[account(mut, address = config.rewards_vault @ StakingError::WrongVault)]
    pub rewards_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

impl WithdrawCoStake<'_> {
    fn validate(&self) -> Result<()> {
        let authority = self.authority.key();
        require!(
            self.device.has_co_staker()
                && (authority == self.device.co_staker || authority == self.device.owner),
            StakingError::NotCoStaker
        );
        let now = Clock::get()?.unix_timestamp;
        // Out when its own exit has run its course, or when the owner's unstake (which took
        // both stakes into the cooldown together) has.
        let own_exit_done =
            self.offer.status == CoStakeStatus::Exiting && now >= self.offer.unlocks_at;
        let device_unlocked = match self.device.status {
            DeviceStatus::Unstaking { unlocks_at, .. } => now >= unlocks_at,
            DeviceStatus::Withdrawn => true,
            DeviceStatus::Staking => false,
        };
        if own_exit_done || device_unlocked {
            return Ok(());
        }
        let exiting = self.offer.status == CoStakeStatus::Exiting
            || self.device.status != DeviceStatus::Staking;
        if exiting {
            err!(StakingError::CooldownNotOver)
        } else {
            err!(StakingError::NotExiting)
        }
    }
}

/// Co-staker (or the owner on its behalf): after the wait and the cooldown (or the owner's
/// unstake cooldown), pays the co-stake, what no open slash case holds, and the co-staker's
/// pending rewards to the co-staker's own token account. The offer closes and the owner may
/// offer again.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<WithdrawCoStake>) -> Result<()> {
    let amount = ctx.accounts.device.co_stake;
    pay_out(
        &ctx.accounts.token_program,
        &ctx.accounts.stake_vault,
        &ctx.accounts.co_staker_token,
        &ctx.accounts.config,
        amount,
    )?;
    let rewards_paid = pay_co_pending(
        &ctx.accounts.token_program,
        &ctx.accounts.rewards_vault,
        &ctx.accounts.co_staker_token,
        &ctx.accounts.config,
        &mut ctx.accounts.reward_pool,
        &mut ctx.accounts.device,
    )?;
    ctx.accounts
        .reward_pool
        .total_staked
        .sub_assign_checked(amount)?;
    let device = &mut ctx.accounts.device;
    let co_staker = device.co_staker;
    device.co_staker = Pubkey::default();
    device.co_stake = 0;
    device.co_share_bps = 0;
    device.co_accepted_at = 0;
    device.co_exit_requested_at = 0;
    device.has_co_stake_offer = false;
    let account = &mut ctx.accounts.co_staker_account;
    account.accepted_offers = account.accepted_offers.safe_sub(1)?;
    ctx.accounts.device.invariant()?;
    ctx.accounts.reward_pool.invariant()?;
    emit_cpi!(CoStakeWithdrawn {
        device: ctx.accounts.device.key(),
        co_staker,
        amount,
        rewards_paid,
    });
    Ok(())
}
