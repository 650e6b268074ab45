use anchor_lang::prelude::*;
use anchor_spl::token::{self, Token, TokenAccount, Transfer};

use crate::error::StakingError;
use crate::events::Staked;
use crate::safe_math::SafeAccumulate;
use crate::state::{seeds, Device, DeviceStatus, RewardPool, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct Stake<'info> {
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
        constraint = owner_token.owner == owner.key() @ StakingError::NotOwnersTokenAccount,
    )]
    pub owner_token: Box<Account<'info, TokenAccount>>,
    #[account(mut, address = config.stake_vault @ StakingError::WrongVault)]
    pub stake_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

impl Stake<'_> {
    fn validate(&self, amount: u64) -> Result<()> {
        self.config.require_not_paused()?;
        require!(amount > 0, StakingError::ZeroAmount);
        match self.device.status {
            DeviceStatus::Staking => Ok(()),
            DeviceStatus::Unstaking { .. } => err!(StakingError::StakeDuringCooldown),
            DeviceStatus::Withdrawn => err!(StakingError::DeviceWithdrawn),
        }
    }
}

/// Stakes or tops up from the owner's token account. Stake above the requirement is accepted
/// but earns nothing extra (published). The device joins the active set at its next settlement
/// once it is eligible and has its uptime streak.
#[access_control(ctx.accounts.validate(amount))]
pub fn handler(ctx: Context<Stake>, amount: u64) -> Result<()> {
    token::transfer(
        CpiContext::new(
            ctx.accounts.token_program.key(),
            Transfer {
                from: ctx.accounts.owner_token.to_account_info(),
                to: ctx.accounts.stake_vault.to_account_info(),
                authority: ctx.accounts.owner.to_account_info(),
            },
        ),
        amount,
    )?;
    let device = &mut ctx.accounts.device;
    device.stake.add_assign_checked(amount)?;
    ctx.accounts
        .reward_pool
        .total_staked
        .add_assign_checked(amount)?;
    let now = Clock::get()?.unix_timestamp;
    let required_stake =
        ctx.accounts
            .config
            .required_stake(now, device.multiplier_centi, device.gpu_count)?;
    device.invariant()?;
    ctx.accounts.reward_pool.invariant()?;
    emit_cpi!(Staked {
        device: device.key(),
        owner: device.owner,
        amount,
        stake: device.stake,
        required_stake,
    });
    Ok(())
}
