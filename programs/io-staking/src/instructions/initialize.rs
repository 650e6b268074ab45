use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use io_emission::state::EmissionState;

use crate::error::StakingError;
use crate::events::StakingInitialized;
use crate::state::{
    seeds, RewardClass, RewardPool, RpwRing, SlashingSetup, StakingConfig, StakingParams,
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct InitializeArgs {
    /// Governance key of the staking program (can be a multisig).
    pub admin: Pubkey,
    pub params: StakingParams,
}

#[event_cpi]
#[derive(Accounts)]
pub struct Initialize<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The emission program's admin: only the governance that controls emission may stand up
    /// the protocol that receives it (nobody can squat the config PDA for this mint).
    pub emission_admin: Signer<'info>,
    pub mint: Box<Account<'info, Mint>>,
    #[account(
        constraint = emission_state.mint == mint.key() @ StakingError::WrongEmissionState,
        constraint = emission_state.admin == emission_admin.key() @ StakingError::UnauthorizedAdmin,
    )]
    pub emission_state: Box<Account<'info, EmissionState>>,
    #[account(
        init,
        payer = payer,
        space = StakingConfig::SIZE,
        seeds = [seeds::STAKING_CONFIG, mint.key().as_ref()],
        bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(
        init,
        payer = payer,
        space = RewardPool::SIZE,
        seeds = [seeds::REWARD_POOL, config.key().as_ref()],
        bump,
    )]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    /// Created by a system `create_account` earlier in this transaction (owner io-staking,
    /// `RpwRing::SIZE` bytes): over 10,240 bytes, it cannot be created through a CPI.
    #[account(zero)]
    pub rpw_ring: AccountLoader<'info, RpwRing>,
    #[account(
        init,
        payer = payer,
        seeds = [seeds::STAKE_VAULT, config.key().as_ref()],
        bump,
        token::mint = mint,
        token::authority = config,
    )]
    pub stake_vault: Box<Account<'info, TokenAccount>>,
    #[account(
        init,
        payer = payer,
        seeds = [seeds::REWARDS_VAULT, config.key().as_ref()],
        bump,
        token::mint = mint,
        token::authority = config,
    )]
    pub rewards_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

impl Initialize<'_> {
    fn validate(&self, args: &InitializeArgs) -> Result<()> {
        require!(
            args.admin != Pubkey::default(),
            StakingError::InvalidAuthority
        );
        args.params.validate(self.mint.decimals)
    }
}

/// Stands up the protocol for a mint. Slashing starts off (no slasher); the admin sets the
/// roles with `set_slashing_config`, which applies at once while no device is registered.
#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
    let first_epoch = ctx.accounts.emission_state.last_minted_epoch;
    let config_key = ctx.accounts.config.key();
    let pool_key = ctx.accounts.reward_pool.key();

    // Fields are written in place rather than built as values (`set_inner`), which would put
    // both accounts in one SBF stack frame. `init` zeroed the data, so the reserved bytes and
    // every counter already start at 0.
    let config = &mut ctx.accounts.config;
    config.version = StakingConfig::VERSION;
    config.bump = ctx.bumps.config;
    config.stake_vault_bump = ctx.bumps.stake_vault;
    config.rewards_vault_bump = ctx.bumps.rewards_vault;
    config.reward_pool_bump = ctx.bumps.reward_pool;
    config.decimals = ctx.accounts.mint.decimals;
    config.mint = ctx.accounts.mint.key();
    config.emission_state = ctx.accounts.emission_state.key();
    config.admin = args.admin;
    config.stake_vault = ctx.accounts.stake_vault.key();
    config.rewards_vault = ctx.accounts.rewards_vault.key();
    config.reward_pool = pool_key;
    config.rpw_ring = ctx.accounts.rpw_ring.key();
    config.params = args.params;
    config.slashing = SlashingSetup::off();
    config.class_shares_bps = RewardClass::PUBLISHED_SHARES_BPS;
    config.invariant()?;

    let pool = &mut ctx.accounts.reward_pool;
    pool.version = RewardPool::VERSION;
    pool.bump = ctx.bumps.reward_pool;
    pool.config = config_key;
    pool.first_epoch = first_epoch;
    pool.genesis_timestamp = ctx.accounts.emission_state.genesis_timestamp;
    pool.last_closed_epoch = first_epoch;
    pool.invariant()?;

    let mut ring = ctx.accounts.rpw_ring.load_init()?;
    ring.version = RpwRing::VERSION;
    ring.config = config_key;
    for class in RewardClass::ALL {
        ring.record(class, first_epoch, 0);
    }
    ring.invariant(&config_key)?;
    drop(ring);

    emit_cpi!(StakingInitialized {
        config: config_key,
        mint: ctx.accounts.mint.key(),
        admin: args.admin,
        emission_state: ctx.accounts.emission_state.key(),
        first_epoch,
        params: args.params,
    });
    Ok(())
}
