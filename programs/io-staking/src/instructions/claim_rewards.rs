use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::error::StakingError;
use crate::events::RewardsClaimed;
use crate::safe_math::SafeAccumulate;
use crate::state::{seeds, Device, RewardPool, StakingConfig};
use crate::vault::pay_out;

#[event_cpi]
#[derive(Accounts)]
pub struct ClaimRewards<'info> {
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
        has_one = owner @ StakingError::NotDeviceOwner,
        has_one = config @ StakingError::AccountMismatch,
    )]
    pub device: Box<Account<'info, Device>>,
    #[account(
        mut,
        constraint = owner_token.mint == config.mint @ StakingError::WrongMint,
        constraint = owner_token.owner == device.owner @ StakingError::NotOwnersTokenAccount,
    )]
    pub owner_token: Box<Account<'info, TokenAccount>>,
    #[account(mut, address = config.rewards_vault @ StakingError::WrongVault)]
    pub rewards_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

impl ClaimRewards<'_> {
    fn validate(&self) -> Result<()> {
        require!(
            self.device.pending_rewards > 0,
            StakingError::NothingToClaim
        );
        Ok(())
    }
}

/// Pays the device's credited rewards to its owner.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<ClaimRewards>) -> Result<()> {
    let amount = pay_pending_rewards(
        &ctx.accounts.token_program,
        &ctx.accounts.rewards_vault,
        &ctx.accounts.owner_token,
        &ctx.accounts.config,
        &mut ctx.accounts.reward_pool,
        &mut ctx.accounts.device,
    )?;
    emit_cpi!(RewardsClaimed {
        device: ctx.accounts.device.key(),
        owner: ctx.accounts.device.owner,
        amount,
    });
    ctx.accounts.device.invariant()?;
    ctx.accounts.reward_pool.invariant()
}

/// Moves all of a device's pending rewards to its owner's token account; returns the amount.
pub fn pay_pending_rewards<'info>(
    token_program: &Program<'info, Token>,
    rewards_vault: &Account<'info, TokenAccount>,
    owner_token: &Account<'info, TokenAccount>,
    config: &Account<'info, StakingConfig>,
    pool: &mut RewardPool,
    device: &mut Device,
) -> Result<u64> {
    let amount = device.pending_rewards;
    if amount == 0 {
        return Ok(0);
    }
    device.pending_rewards = 0;
    device.total_claimed.add_assign_checked(amount)?;
    pool.total_claimed.add_assign_checked(amount)?;
    pay_out(token_program, rewards_vault, owner_token, config, amount)?;
    Ok(amount)
}
