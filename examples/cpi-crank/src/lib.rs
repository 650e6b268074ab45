//! An example for integrators: a program of yours that calls io-staking through its `cpi`
//! feature. `crank` closes every ended epoch (io-staking's permissionless `close_epoch`) as
//! part of its own instruction, the way a protocol might settle the IO rewards it depends on
//! before acting. `tests/cpi.rs` runs it with both IO programs on the embedded chain.
#![allow(unexpected_cfgs)]

use anchor_lang::prelude::*;

declare_id!("Eck1vSBmn1XHF2uYphvLxwgmGscvEcq5sPgJ9mh2YcsZ");

#[program]
pub mod io_example_cpi_crank {
    use super::*;

    /// Closes the oldest ended epoch through io-staking; io-staking's own errors (for example
    /// an epoch that has not ended) come back unchanged.
    pub fn crank<'info>(ctx: Context<'info, Crank<'info>>) -> Result<()> {
        let accounts = &ctx.accounts;
        let close = io_staking::cpi::accounts::CloseEpoch {
            config: accounts.config.to_account_info(),
            reward_pool: accounts.reward_pool.to_account_info(),
            rpw_ring: accounts.rpw_ring.to_account_info(),
            emission_state: accounts.emission_state.to_account_info(),
            mint: accounts.mint.to_account_info(),
            rewards_vault: accounts.rewards_vault.to_account_info(),
            emission_event_authority: accounts.emission_event_authority.to_account_info(),
            emission_program: accounts.emission_program.to_account_info(),
            token_program: accounts.token_program.to_account_info(),
            event_authority: accounts.staking_event_authority.to_account_info(),
            program: accounts.staking_program.to_account_info(),
        };
        io_staking::cpi::close_epoch(CpiContext::new(io_staking::ID, close))
    }
}

/// The accounts of io-staking's `close_epoch`, passed through: io-staking checks every one of
/// them (addresses against its config, owners, the event authorities), so this program need not.
#[derive(Accounts)]
pub struct Crank<'info> {
    /// CHECK: io-staking's config; checked by io-staking.
    pub config: UncheckedAccount<'info>,
    /// CHECK: checked by io-staking against the config.
    #[account(mut)]
    pub reward_pool: UncheckedAccount<'info>,
    /// CHECK: checked by io-staking against the config.
    #[account(mut)]
    pub rpw_ring: UncheckedAccount<'info>,
    /// CHECK: checked by io-staking against the config.
    #[account(mut)]
    pub emission_state: UncheckedAccount<'info>,
    /// CHECK: checked by io-staking against the config.
    #[account(mut)]
    pub mint: UncheckedAccount<'info>,
    /// CHECK: checked by io-staking against the config.
    #[account(mut)]
    pub rewards_vault: UncheckedAccount<'info>,
    /// CHECK: io-emission's event authority; io-emission verifies it.
    pub emission_event_authority: UncheckedAccount<'info>,
    /// CHECK: io-emission; io-staking requires the program.
    pub emission_program: UncheckedAccount<'info>,
    /// CHECK: SPL Token; io-staking requires the program.
    pub token_program: UncheckedAccount<'info>,
    /// CHECK: io-staking's event authority; io-staking verifies it.
    pub staking_event_authority: UncheckedAccount<'info>,
    pub staking_program: Program<'info, io_staking::program::IoStaking>,
}
