//! IO moving into and out of the keeper vault, with one account set.

use anchor_lang::prelude::*;
use anchor_spl::token::{self, Token, TokenAccount, Transfer};

use crate::error::StakingError;
use crate::events::{KeeperBondWithdrawn, KeeperBonded};
use crate::safe_math::{SafeAccumulate, SafeMath};
use crate::state::{seeds, KeeperSet, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct KeeperBondTransfer<'info> {
    pub operator: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, seeds = [seeds::KEEPER_SET, config.key().as_ref()], bump)]
    pub keeper_set: AccountLoader<'info, KeeperSet>,
    #[account(
        mut,
        constraint = operator_token.mint == config.mint @ StakingError::WrongMint,
        constraint = operator_token.owner == operator.key() @ StakingError::NotOwnersTokenAccount,
    )]
    pub operator_token: Box<Account<'info, TokenAccount>>,
    #[account(mut, seeds = [seeds::KEEPER_VAULT, config.key().as_ref()], bump)]
    pub keeper_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

impl KeeperBondTransfer<'_> {
    fn slot(&self) -> Result<usize> {
        self.keeper_set.load()?.operator_slot(&self.operator.key())
    }

    fn validate_bond(&self, amount: u64) -> Result<()> {
        self.config.require_not_paused()?;
        require!(amount > 0, StakingError::ZeroAmount);
        let slot = self.slot()?;
        require!(
            !self.keeper_set.load()?.keepers[slot].is_unbonding(),
            StakingError::KeeperUnbonding
        );
        Ok(())
    }

    fn validate_withdraw(&self) -> Result<()> {
        let slot = self.slot()?;
        let set = self.keeper_set.load()?;
        let keeper = &set.keepers[slot];
        require!(keeper.is_unbonding(), StakingError::KeeperNotUnbonding);
        require!(
            Clock::get()?.unix_timestamp >= keeper.unlocks_at,
            StakingError::KeeperBondLocked
        );
        require!(keeper.bonded > 0, StakingError::ZeroAmount);
        Ok(())
    }
}

/// Bonds IO from the operator's token account into the keeper vault.
#[access_control(ctx.accounts.validate_bond(amount))]
pub fn bond_keeper(ctx: Context<KeeperBondTransfer>, amount: u64) -> Result<()> {
    token::transfer(
        CpiContext::new(
            ctx.accounts.token_program.key(),
            Transfer {
                from: ctx.accounts.operator_token.to_account_info(),
                to: ctx.accounts.keeper_vault.to_account_info(),
                authority: ctx.accounts.operator.to_account_info(),
            },
        ),
        amount,
    )?;
    let slot = ctx.accounts.slot()?;
    let config = ctx.accounts.config.key();
    let mut set = ctx.accounts.keeper_set.load_mut()?;
    set.keepers[slot].bonded.add_assign_checked(amount)?;
    set.total_bonded.add_assign_checked(amount)?;
    let bonded = set.keepers[slot].bonded;
    set.invariant(&config)?;
    drop(set);
    emit_cpi!(KeeperBonded {
        config,
        operator: ctx.accounts.operator.key(),
        amount,
        bonded,
    });
    Ok(())
}

/// Pays an unbonded keeper's whole bond back to its operator once the cooldown is over; the
/// slot is then free for governance to admit another operator.
#[access_control(ctx.accounts.validate_withdraw())]
pub fn withdraw_keeper_bond(ctx: Context<KeeperBondTransfer>) -> Result<()> {
    let slot = ctx.accounts.slot()?;
    let config = ctx.accounts.config.key();
    let amount = {
        let mut set = ctx.accounts.keeper_set.load_mut()?;
        let amount = set.keepers[slot].bonded;
        set.keepers[slot].bonded = 0;
        set.total_bonded = set.total_bonded.safe_sub(amount)?;
        set.invariant(&config)?;
        amount
    };
    crate::vault::pay_out(
        &ctx.accounts.token_program,
        &ctx.accounts.keeper_vault,
        &ctx.accounts.operator_token,
        &ctx.accounts.config,
        amount,
    )?;
    emit_cpi!(KeeperBondWithdrawn {
        config,
        operator: ctx.accounts.operator.key(),
        amount,
    });
    Ok(())
}
