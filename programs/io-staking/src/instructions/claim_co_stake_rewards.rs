use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::error::StakingError;
use crate::events::CoStakeRewardsClaimed;
use crate::safe_math::SafeAccumulate;
use crate::state::{seeds, Device, RewardPool, StakingConfig};
use crate::vault::pay_out;

#[event_cpi]
#[derive(Accounts)]
pub struct ClaimCoStakeRewards<'info> {
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
        constraint = co_staker_token.mint == config.mint @ StakingError::WrongMint,
        constraint = co_staker_token.owner == co_staker.key() @ StakingError::NotOwnersTokenAccount,
    )]
    pub co_staker_token: Box<Account<'info, TokenAccount>>,
    #[account(mut, address = config.rewards_vault @ StakingError::WrongVault)]
    pub rewards_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

impl ClaimCoStakeRewards<'_> {
    fn validate(&self) -> Result<()> {
        require!(
            self.device.has_co_staker() && self.device.co_staker == self.co_staker.key(),
            StakingError::NotCoStaker
        );
        require!(
            self.device.co_pending_rewards > 0,
            StakingError::NothingToClaim
        );
        Ok(())
    }
}

/// Co-staker: pays its credited share of the device's rewards to its own token account.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<ClaimCoStakeRewards>) -> Result<()> {
    let amount = pay_co_pending(
        &ctx.accounts.token_program,
        &ctx.accounts.rewards_vault,
        &ctx.accounts.co_staker_token,
        &ctx.accounts.config,
        &mut ctx.accounts.reward_pool,
        &mut ctx.accounts.device,
    )?;
    ctx.accounts.device.invariant()?;
    ctx.accounts.reward_pool.invariant()?;
    emit_cpi!(CoStakeRewardsClaimed {
        device: ctx.accounts.device.key(),
        co_staker: ctx.accounts.co_staker.key(),
        amount,
    });
    Ok(())
}

/// Moves all of the co-staker's pending rewards to `to`; returns the amount.
pub fn pay_co_pending<'info>(
    token_program: &Program<'info, Token>,
    rewards_vault: &Account<'info, TokenAccount>,
    to: &Account<'info, TokenAccount>,
    config: &Account<'info, StakingConfig>,
    pool: &mut RewardPool,
    device: &mut Device,
) -> Result<u64> {
    let amount = device.co_pending_rewards;
    if amount == 0 {
        return Ok(0);
    }
    device.co_pending_rewards = 0;
    device.co_total_claimed.add_assign_checked(amount)?;
    pool.total_claimed.add_assign_checked(amount)?;
    pay_out(token_program, rewards_vault, to, config, amount)?;
    Ok(amount)
}
