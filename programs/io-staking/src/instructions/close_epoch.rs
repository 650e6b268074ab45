use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use io_emission::program::IoEmission;
use io_emission::state::EmissionState;

use crate::error::StakingError;
use crate::events::EpochClosed;
use crate::math::rewards;
use crate::state::{seeds, RewardPool, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct CloseEpoch<'info> {
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(mut, address = config.emission_state @ StakingError::WrongEmissionState)]
    pub emission_state: Box<Account<'info, EmissionState>>,
    #[account(mut, address = config.mint @ StakingError::WrongMint)]
    pub mint: Box<Account<'info, Mint>>,
    #[account(mut, address = config.rewards_vault @ StakingError::WrongVault)]
    pub rewards_vault: Box<Account<'info, TokenAccount>>,
    /// CHECK: io-emission's `#[event_cpi]` authority; io-emission verifies it.
    pub emission_event_authority: UncheckedAccount<'info>,
    pub emission_program: Program<'info, IoEmission>,
    pub token_program: Program<'info, Token>,
}

/// Permissionless crank: mints the next ended epoch into the rewards vault through io-emission
/// (signed by the config PDA, its distributor) and distributes it over the active weight. The
/// accounts are the same whatever the number of devices.
pub fn handler(ctx: Context<CloseEpoch>) -> Result<()> {
    let config = &ctx.accounts.config;
    config.require_not_paused()?;
    let epoch = ctx
        .accounts
        .reward_pool
        .last_closed_epoch
        .checked_add(1)
        .ok_or(StakingError::MathOverflow)?;
    require_keys_eq!(
        ctx.accounts.emission_state.distributor,
        config.key(),
        StakingError::NotDistributor
    );
    require_eq!(
        ctx.accounts.emission_state.last_minted_epoch,
        epoch - 1,
        StakingError::EmissionOutOfSync
    );
    // io-emission enforces this too; checking first gives keepers this program's own error code
    // (a CPI failure would surface io-emission's, whose numbers overlap ours).
    let ends_at =
        io_emission::schedule::epoch_end(ctx.accounts.emission_state.genesis_timestamp, epoch)
            .map_err(|_| error!(StakingError::ScheduleComplete))?;
    require!(
        Clock::get()?.unix_timestamp >= ends_at,
        StakingError::EpochNotEnded
    );
    let minted_before = ctx.accounts.emission_state.cumulative_minted;

    let mint_key = config.mint;
    let signer_seeds: &[&[&[u8]]] = &[&[seeds::STAKING_CONFIG, mint_key.as_ref(), &[config.bump]]];
    io_emission::cpi::mint_epoch(CpiContext::new_with_signer(
        ctx.accounts.emission_program.key(),
        io_emission::cpi::accounts::MintEpoch {
            distributor: config.to_account_info(),
            state: ctx.accounts.emission_state.to_account_info(),
            mint: ctx.accounts.mint.to_account_info(),
            destination: ctx.accounts.rewards_vault.to_account_info(),
            token_program: ctx.accounts.token_program.to_account_info(),
            event_authority: ctx.accounts.emission_event_authority.to_account_info(),
            program: ctx.accounts.emission_program.to_account_info(),
        },
        signer_seeds,
    ))?;

    ctx.accounts.emission_state.reload()?;
    let emission_state = &ctx.accounts.emission_state;
    require_eq!(
        emission_state.last_minted_epoch,
        epoch,
        StakingError::EmissionOutOfSync
    );
    let emission = emission_state
        .cumulative_minted
        .checked_sub(minted_before)
        .ok_or(StakingError::MathOverflow)?;

    let pool = &mut ctx.accounts.reward_pool;
    let mut acc = pool.accumulator();
    let reward_per_weight = rewards::close_epoch(&mut acc, emission)?;
    pool.store_accumulator(&acc);
    pool.record_close(epoch, reward_per_weight);
    RewardPool::add(&mut pool.total_emitted, emission)?;
    pool.invariant()?;

    emit_cpi!(EpochClosed {
        epoch,
        emission,
        reward_per_weight,
        total_weight: pool.total_weight,
        carry_scaled: pool.carry_scaled,
        active_devices: pool.active_devices,
    });
    Ok(())
}
