//! `io-payments`: compute reserved by the hour and paid through Solana, with the published fees
//! (0.25% reservation fee on both sides and 2% facilitation fee, in USDC; none in IO), and fee
//! revenue that buys IO back and burns it (docs/design.md section 11).
//!
//! Reservations escrow every hour up front; settlement is per whole hour and permissionless;
//! the renter may cancel the hours not begun. A governance-set share of the USDC fees (a
//! piecewise-linear function of IO's oracle price) is sold to anyone who delivers IO, at the
//! Pyth price less at most a bounded discount; the IO delivered is burned in the same
//! instruction. io-emission counts what it minted, not the supply, so burns never re-open its cap.
#![allow(unexpected_cfgs)]

use anchor_lang::prelude::*;

pub mod error;
pub mod events;
pub mod instructions;
pub mod math;
pub mod oracle;
pub mod rental;
pub mod state;
pub mod vault;

// The handlers share names with the program's entry points; only the account structs and
// Anchor's generated client modules are wanted from this glob.
#[allow(ambiguous_glob_reexports)]
pub use instructions::*;
pub use state::{BuybackParams, CurvePoint};

declare_id!("Em7SFJpSWVff25B1Lt3t1tW5z8YH2HRWVAMbrJ4qLpEh");

#[program]
pub mod io_payments {
    use super::*;

    /// io-staking's admin: creates the config and a fee vault per mint (USDC, IO).
    pub fn initialize(ctx: Context<Initialize>, params: BuybackParams) -> Result<()> {
        instructions::initialize::handler(ctx, params)
    }

    /// io-staking's admin: stages the price feed, its bounds, the discount and the share curve,
    /// in force after io-staking's governance delay.
    pub fn update_params(ctx: Context<UpdateParams>, params: BuybackParams) -> Result<()> {
        instructions::update_params::handler(ctx, params)
    }

    /// Renter: reserves a staked device for whole hours, escrowing price and fees.
    pub fn reserve(ctx: Context<Reserve>, args: ReserveArgs) -> Result<()> {
        instructions::reserve::handler(ctx, args)
    }

    /// Anyone: pays the supplier for the whole hours ended.
    pub fn settle(ctx: Context<Settle>) -> Result<()> {
        instructions::settle::handler(ctx)
    }

    /// Renter: pays the hours begun, takes back the rest, closes the reservation.
    pub fn cancel(ctx: Context<Cancel>) -> Result<()> {
        instructions::cancel::handler(ctx)
    }

    /// Anyone: sells IO (burned) for USDC from the fee vault at the oracle price.
    pub fn buy_back(ctx: Context<BuyBack>, args: BuyBackArgs) -> Result<()> {
        instructions::buy_back::handler(ctx, args)
    }

    /// io-staking's admin: takes to the treasury the fees the buy-back share at the current
    /// price does not reserve (USDC), or anything in the IO fee vault.
    pub fn withdraw_fees(ctx: Context<WithdrawFees>, amount: u64) -> Result<()> {
        instructions::withdraw_fees::handler(ctx, amount)
    }
}
