//! `io-emission`: the only way new IO comes into existence.
//!
//! The program owns the IO mint authority through a PDA and mints exactly the published hourly
//! schedule ([`schedule`]), one ended epoch per call, to the distributor (the staking program's
//! PDA). It is deliberately small: even if the distributor had a bug, minting could never run
//! ahead of the schedule or past the 800M IO cap.
#![allow(unexpected_cfgs)]
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use anchor_lang::prelude::*;

pub mod error;
pub mod events;
pub mod instructions;
// `const fn` fixed-point math (no trait methods in const context): each operation's bound is
// argued beside it and checked over all 175,319 epochs by the schedule's tests.
#[allow(clippy::arithmetic_side_effects)]
pub mod schedule;
pub mod state;

pub use instructions::*;

declare_id!("8C9cMQUKVU7NUyDC4iXwkkp4Mmbxd93bSSvMUi583ESJ");

#[program]
pub mod io_emission {
    use super::*;

    /// Takes over the mint authority and records the schedule's parameters.
    pub fn initialize(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
        instructions::initialize::handler(ctx, args)
    }

    /// Mints the next ended epoch to the distributor. One epoch per call.
    pub fn mint_epoch(ctx: Context<MintEpoch>) -> Result<()> {
        instructions::mint_epoch::handler(ctx)
    }

    /// Admin: replaces the key allowed to call `mint_epoch`.
    pub fn set_distributor(ctx: Context<SetDistributor>, new_distributor: Pubkey) -> Result<()> {
        instructions::set_distributor::handler(ctx, new_distributor)
    }

    /// Admin: nominates a new admin (step 1 of 2); `Pubkey::default()` cancels a nomination.
    pub fn propose_admin(ctx: Context<ProposeAdmin>, new_admin: Pubkey) -> Result<()> {
        instructions::propose_admin::handler(ctx, new_admin)
    }

    /// The nominated admin accepts (step 2 of 2).
    pub fn accept_admin(ctx: Context<AcceptAdmin>) -> Result<()> {
        instructions::accept_admin::handler(ctx)
    }
}
