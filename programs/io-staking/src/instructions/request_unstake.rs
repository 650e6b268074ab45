use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::error::StakingError;
use crate::events::{DeactivationReason, DeviceDeactivated, UnstakeRequested};
use crate::instructions::claim_co_stake_rewards::pay_co_pending;
use crate::instructions::claim_rewards::pay_pending_rewards;
use crate::safe_math::SafeMath;
use crate::state::{seeds, Device, DeviceStatus, RewardPool, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct RequestUnstake<'info> {
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
    /// Receives the pending rewards, paid out automatically.
    #[account(
        mut,
        constraint = owner_token.mint == config.mint @ StakingError::WrongMint,
        constraint = owner_token.owner == device.owner @ StakingError::NotOwnersTokenAccount,
    )]
    pub owner_token: Box<Account<'info, TokenAccount>>,
    /// The co-staker's IO token account, to pay its pending rewards out too; without it, the
    /// co-staker claims them itself.
    #[account(
        mut,
        constraint = co_staker_token.mint == config.mint @ StakingError::WrongMint,
        constraint = co_staker_token.owner == device.co_staker @ StakingError::NotOwnersTokenAccount,
    )]
    pub co_staker_token: Option<Box<Account<'info, TokenAccount>>>,
    #[account(mut, address = config.rewards_vault @ StakingError::WrongVault)]
    pub rewards_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

impl RequestUnstake<'_> {
    fn validate(&self) -> Result<()> {
        match self.device.status {
            DeviceStatus::Staking => {}
            DeviceStatus::Unstaking { .. } => return err!(StakingError::AlreadyUnstaking),
            DeviceStatus::Withdrawn => return err!(StakingError::DeviceWithdrawn),
        }
        // Published: a rented device cannot leave before the hours its renter paid for end.
        require!(
            !self.device.is_rented(Clock::get()?.unix_timestamp),
            StakingError::DeviceRented
        );
        // A slash may leave the owner's stake at 0 beside a co-stake: the owner can still take
        // both into the cooldown.
        require!(
            self.device.stake > 0 || self.device.co_stake > 0,
            StakingError::NothingStaked
        );
        Ok(())
    }
}

/// Starts the cooldown for the whole stake, the co-stake included (published: both go into the
/// cooldown together; each side then withdraws its own part) (published: one request, irreversible, 14 days).
/// The device leaves the active set at once, forfeiting what it accrued and has not settled,
/// and its pending rewards are paid to the owner in the same transaction.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<RequestUnstake>) -> Result<()> {
    let device = &mut ctx.accounts.device;
    let was_active = device.active;
    let forfeited = ctx.accounts.reward_pool.deactivate_device(device)?;

    let now = Clock::get()?.unix_timestamp;
    // The cooldown in force now: a change staged by governance cannot lengthen a cooldown that
    // has already started.
    let unlocks_at = now.safe_add(ctx.accounts.config.params_at(now).cooldown_seconds)?;
    device.status = DeviceStatus::Unstaking {
        requested_at: now,
        unlocks_at,
    };
    let rewards_paid = pay_pending_rewards(
        &ctx.accounts.token_program,
        &ctx.accounts.rewards_vault,
        &ctx.accounts.owner_token,
        &ctx.accounts.config,
        &mut ctx.accounts.reward_pool,
        &mut ctx.accounts.device,
    )?;

    let co_rewards_paid = match &ctx.accounts.co_staker_token {
        Some(co_staker_token) => pay_co_pending(
            &ctx.accounts.token_program,
            &ctx.accounts.rewards_vault,
            co_staker_token,
            &ctx.accounts.config,
            &mut ctx.accounts.reward_pool,
            &mut ctx.accounts.device,
        )?,
        None => 0,
    };

    let device = &ctx.accounts.device;
    if was_active {
        emit_cpi!(DeviceDeactivated {
            device: device.key(),
            reason: DeactivationReason::Unstaked,
            forfeited,
        });
    }
    emit_cpi!(UnstakeRequested {
        device: device.key(),
        owner: device.owner,
        stake: device.stake,
        unlocks_at,
        forfeited,
        rewards_paid,
        co_stake: device.co_stake,
        co_rewards_paid,
    });
    ctx.accounts.device.invariant()?;
    ctx.accounts.reward_pool.invariant()
}
