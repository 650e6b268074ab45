use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::error::StakingError;
use crate::events::{DeviceClaim, RewardsClaimedAll};
use crate::safe_math::SafeAccumulate;
use crate::state::{seeds, Device, RewardPool, StakingConfig};
use crate::vault::pay_out;

/// Most devices one `claim_all` takes: what fits a legacy transaction with room to spare
/// (measured by the staking scale test), and a bound on the instruction's work.
pub const MAX_CLAIM_ALL_DEVICES: usize = 24;

#[event_cpi]
#[derive(Accounts)]
pub struct ClaimAll<'info> {
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
        constraint = owner_token.mint == config.mint @ StakingError::WrongMint,
        constraint = owner_token.owner == owner.key() @ StakingError::NotOwnersTokenAccount,
    )]
    pub owner_token: Box<Account<'info, TokenAccount>>,
    #[account(mut, address = config.rewards_vault @ StakingError::WrongVault)]
    pub rewards_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    // remaining_accounts: the owner's devices, writable.
}

impl ClaimAll<'_> {
    fn validate(&self, devices: usize) -> Result<()> {
        require!(devices > 0, StakingError::EmptyBatch);
        require!(
            devices <= MAX_CLAIM_ALL_DEVICES,
            StakingError::TooManyDevices
        );
        Ok(())
    }
}

/// Owner: pays the credited rewards of every listed device in one transfer. Every device must
/// be this owner's and this deployment's (the batch fails otherwise, with the device's error);
/// devices with nothing to claim are passed over, and a device listed twice pays once.
#[access_control(ctx.accounts.validate(ctx.remaining_accounts.len()))]
pub fn handler<'info>(ctx: Context<'info, ClaimAll<'info>>) -> Result<()> {
    let owner = ctx.accounts.owner.key();
    let config = ctx.accounts.config.key();
    let mut claims = Vec::with_capacity(ctx.remaining_accounts.len());
    let mut total = 0u64;
    for info in ctx.remaining_accounts {
        require!(info.is_writable, StakingError::InvalidDeviceAccount);
        let mut device: Account<'info, Device> =
            Account::try_from(info).map_err(|_| error!(StakingError::InvalidDeviceAccount))?;
        require_keys_eq!(device.config, config, StakingError::AccountMismatch);
        require_keys_eq!(device.owner, owner, StakingError::NotDeviceOwner);
        let amount = device.pending_rewards;
        if amount == 0 {
            continue;
        }
        device.pending_rewards = 0;
        device.total_claimed.add_assign_checked(amount)?;
        device.invariant()?;
        // Written back before the next account is read: a device listed twice pays once.
        device.exit(&crate::ID)?;
        total.add_assign_checked(amount)?;
        claims.push(DeviceClaim {
            device: info.key(),
            amount,
        });
    }
    require!(total > 0, StakingError::NothingToClaim);
    let pool = &mut ctx.accounts.reward_pool;
    pool.total_claimed.add_assign_checked(total)?;
    pool.invariant()?;
    pay_out(
        &ctx.accounts.token_program,
        &ctx.accounts.rewards_vault,
        &ctx.accounts.owner_token,
        &ctx.accounts.config,
        total,
    )?;
    emit_cpi!(RewardsClaimedAll {
        owner,
        devices: claims,
        total,
    });
    Ok(())
}
