use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};

use crate::error::StakingError;
use crate::events::KeeperSetInitialized;
use crate::state::{seeds, KeeperSet, QuorumParams, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct InitializeKeeperSet<'info> {
    #[account(mut)]
    pub admin: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
        has_one = admin @ StakingError::UnauthorizedAdmin,
        has_one = mint @ StakingError::WrongMint,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    pub mint: Box<Account<'info, Mint>>,
    #[account(
        init,
        payer = admin,
        space = KeeperSet::SIZE,
        seeds = [seeds::KEEPER_SET, config.key().as_ref()],
        bump,
    )]
    pub keeper_set: AccountLoader<'info, KeeperSet>,
    #[account(
        init,
        payer = admin,
        seeds = [seeds::KEEPER_VAULT, config.key().as_ref()],
        bump,
        token::mint = mint,
        token::authority = config,
    )]
    pub keeper_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

impl InitializeKeeperSet<'_> {
    fn validate(&self, params: &QuorumParams) -> Result<()> {
        params.validate(self.config.decimals)
    }
}

/// Stands up the bonded quorum (docs/design.md section 14): an empty keeper set, its vault and
/// its parameters. Keepers are then admitted one by one.
#[access_control(ctx.accounts.validate(&params))]
pub fn handler(ctx: Context<InitializeKeeperSet>, params: QuorumParams) -> Result<()> {
    let config = ctx.accounts.config.key();
    let mut set = ctx.accounts.keeper_set.load_init()?;
    set.version = KeeperSet::VERSION;
    set.bump = ctx.bumps.keeper_set;
    set.vault_bump = ctx.bumps.keeper_vault;
    set.config = config;
    set.keeper_vault = ctx.accounts.keeper_vault.key();
    set.params = params.into();
    set.invariant(&config)?;
    drop(set);
    emit_cpi!(KeeperSetInitialized {
        config,
        keeper_set: ctx.accounts.keeper_set.key(),
        keeper_vault: ctx.accounts.keeper_vault.key(),
        params,
    });
    Ok(())
}
