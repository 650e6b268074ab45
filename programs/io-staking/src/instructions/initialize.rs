use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use io_emission::state::EmissionState;

use crate::error::StakingError;
use crate::events::StakingInitialized;
use crate::state::{
    seeds, RewardPool, SlashingParams, StakingConfig, StakingParams, MAX_ATTESTERS, RPW_RING_LEN,
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

pub fn handler(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
    require!(
        args.admin != Pubkey::default(),
        StakingError::InvalidAuthority
    );
    args.params.validate()?;
    let first_epoch = ctx.accounts.emission_state.last_minted_epoch;
    let config_key = ctx.accounts.config.key();
    let pool_key = ctx.accounts.reward_pool.key();

    ctx.accounts.config.set_inner(StakingConfig {
        version: StakingConfig::VERSION,
        bump: ctx.bumps.config,
        stake_vault_bump: ctx.bumps.stake_vault,
        rewards_vault_bump: ctx.bumps.rewards_vault,
        reward_pool_bump: ctx.bumps.reward_pool,
        paused: false,
        decimals: ctx.accounts.mint.decimals,
        attester_count: 0,
        mint: ctx.accounts.mint.key(),
        emission_state: ctx.accounts.emission_state.key(),
        admin: args.admin,
        pending_admin: Pubkey::default(),
        stake_vault: ctx.accounts.stake_vault.key(),
        rewards_vault: ctx.accounts.rewards_vault.key(),
        reward_pool: pool_key,
        params: args.params,
        attesters: [Pubkey::default(); MAX_ATTESTERS],
        slasher: Pubkey::default(),
        arbiter: Pubkey::default(),
        slashing: SlashingParams::published(),
        reserved: [0; 174],
    });

    let mut pool = RewardPool {
        version: RewardPool::VERSION,
        bump: ctx.bumps.reward_pool,
        config: config_key,
        reward_per_weight: 0,
        total_weight: 0,
        carry_scaled: 0,
        first_epoch,
        last_closed_epoch: first_epoch,
        active_devices: 0,
        registered_devices: 0,
        total_emitted: 0,
        total_credited: 0,
        total_forfeited: 0,
        total_claimed: 0,
        total_staked: 0,
        rpw_ring: [0; RPW_RING_LEN],
        total_burned: 0,
        escrowed_stake: 0,
        escrowed_rewards: 0,
        rewards_slashed_out: 0,
        open_cases: 0,
        reserved: [0; 92],
    };
    pool.record_close(first_epoch, 0);
    ctx.accounts.reward_pool.set_inner(pool);

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
