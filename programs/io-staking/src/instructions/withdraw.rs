use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::error::StakingError;
use crate::events::{OverflowWithdrawn, Withdrawn};
use crate::math::eligibility;
use crate::safe_math::{SafeAccumulate, SafeMath};
use crate::state::{seeds, Device, DeviceStatus, RewardPool, StakingConfig};
use crate::vault::pay_out;

#[event_cpi]
#[derive(Accounts)]
pub struct Withdraw<'info> {
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
    /// Only the wallet that staked receives the stake (published).
    #[account(
        mut,
        constraint = owner_token.mint == config.mint @ StakingError::WrongMint,
        constraint = owner_token.owner == device.owner @ StakingError::NotOwnersTokenAccount,
    )]
    pub owner_token: Box<Account<'info, TokenAccount>>,
    #[account(mut, address = config.stake_vault @ StakingError::WrongVault)]
    pub stake_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

impl Withdraw<'_> {
    /// The owner's part of the stake above the requirement under the parameters in force
    /// (docs/design.md section 9): `(owner stake + counted co-stake) - required`, at most the
    /// owner's own stake.
    fn overflow(&self, now: i64) -> Result<u64> {
        let device = &self.device;
        let required =
            self.config
                .required_stake(now, device.multiplier_centi, device.gpu_count)?;
        Ok(device
            .counted_stake(now)?
            .saturating_sub(required)
            .min(device.stake))
    }

    fn validate_overflow(&self, amount: u64) -> Result<()> {
        match self.device.status {
            DeviceStatus::Staking => {}
            DeviceStatus::Unstaking { .. } => return err!(StakingError::AlreadyUnstaking),
            DeviceStatus::Withdrawn => return err!(StakingError::DeviceWithdrawn),
        }
        require!(amount > 0, StakingError::ZeroAmount);
        let overflow = self.overflow(Clock::get()?.unix_timestamp)?;
        require!(amount <= overflow, StakingError::AboveOverflow);
        // The co-stake must stay at most half of what is left.
        require!(
            eligibility::within_co_stake_cap(
                self.device.stake.safe_sub(amount)?,
                self.device.co_stake
            ),
            StakingError::CoStakeAboveHalf
        );
        Ok(())
    }

    fn validate(&self) -> Result<()> {
        let unlocks_at = match self.device.status {
            DeviceStatus::Unstaking { unlocks_at, .. } => unlocks_at,
            DeviceStatus::Staking => return err!(StakingError::NotUnstaking),
            DeviceStatus::Withdrawn => return err!(StakingError::DeviceWithdrawn),
        };
        require!(
            Clock::get()?.unix_timestamp >= unlocks_at,
            StakingError::CooldownNotOver
        );
        Ok(())
    }
}

/// After the cooldown, returns the whole stake (what no open case holds) to the owner.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<Withdraw>) -> Result<()> {
    let amount = ctx.accounts.device.stake;
    ctx.accounts.device.stake = 0;
    ctx.accounts.device.status = DeviceStatus::Withdrawn;
    ctx.accounts
        .reward_pool
        .total_staked
        .sub_assign_checked(amount)?;
    ctx.accounts.device.invariant()?;
    ctx.accounts.reward_pool.invariant()?;
    pay_out(
        &ctx.accounts.token_program,
        &ctx.accounts.stake_vault,
        &ctx.accounts.owner_token,
        &ctx.accounts.config,
        amount,
    )?;
    emit_cpi!(Withdrawn {
        device: ctx.accounts.device.key(),
        owner: ctx.accounts.device.owner,
        amount,
    });
    Ok(())
}

/// Owner: takes back stake above the requirement at any time, without a cooldown (published
/// overflow rule), as long as what stays still covers the requirement, so the device keeps its
/// place in the active set. Like every exit, never paused.
#[access_control(ctx.accounts.validate_overflow(amount))]
pub fn withdraw_overflow(ctx: Context<Withdraw>, amount: u64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let device = &mut ctx.accounts.device;
    device.stake.sub_assign_checked(amount)?;
    ctx.accounts
        .reward_pool
        .total_staked
        .sub_assign_checked(amount)?;
    pay_out(
        &ctx.accounts.token_program,
        &ctx.accounts.stake_vault,
        &ctx.accounts.owner_token,
        &ctx.accounts.config,
        amount,
    )?;
    let stake = ctx.accounts.device.stake;
    let device = &ctx.accounts.device;
    let required_stake =
        ctx.accounts
            .config
            .required_stake(now, device.multiplier_centi, device.gpu_count)?;
    ctx.accounts.device.invariant()?;
    ctx.accounts.reward_pool.invariant()?;
    emit_cpi!(OverflowWithdrawn {
        device: ctx.accounts.device.key(),
        owner: ctx.accounts.device.owner,
        amount,
        stake,
        required_stake,
    });
    Ok(())
}
