//! Every state change an indexer, a supplier or a renter would care about.

use anchor_lang::prelude::*;

use crate::state::BuybackParams;

#[event]
pub struct PaymentsInitialized {
    pub config: Pubkey,
    pub staking_config: Pubkey,
    pub usdc_mint: Pubkey,
    pub io_mint: Pubkey,
    pub params: BuybackParams,
}

#[event]
pub struct BuybackParamsUpdated {
    pub config: Pubkey,
    /// The parameters in force when the change was staged.
    pub old: BuybackParams,
    pub new: BuybackParams,
    /// When `new` takes effect (io-staking's governance delay from now).
    pub effective_at: i64,
    /// A staged change this one replaced before it took effect.
    pub replaced: Option<BuybackParams>,
}

#[event]
pub struct Reserved {
    pub config: Pubkey,
    pub reservation: Pubkey,
    pub id: u64,
    pub renter: Pubkey,
    pub device: Pubkey,
    pub supplier: Pubkey,
    pub mint: Pubkey,
    pub hours: u32,
    pub price_per_hour: u64,
    pub renter_per_hour: u64,
    pub supplier_per_hour: u64,
    pub fee_per_hour: u64,
    /// `renter_per_hour × hours`, moved into the escrow.
    pub deposited: u64,
    pub starts_at: i64,
}

#[event]
pub struct ReservationSettled {
    pub reservation: Pubkey,
    pub device: Pubkey,
    pub mint: Pubkey,
    /// Hours paid by this settlement.
    pub hours: u32,
    pub paid: u64,
    pub fees: u64,
    pub hours_settled: u32,
    /// Every hour paid: the reservation and its escrow are closed.
    pub completed: bool,
}

#[event]
pub struct ReservationCancelled {
    pub reservation: Pubkey,
    pub device: Pubkey,
    pub mint: Pubkey,
    /// Hours begun and not settled before, paid now.
    pub hours_paid: u32,
    pub paid: u64,
    pub fees: u64,
    pub hours_refunded: u32,
    pub refunded: u64,
}

#[event]
pub struct FeesWithdrawn {
    pub config: Pubkey,
    pub mint: Pubkey,
    pub to: Pubkey,
    pub amount: u64,
    /// What stays reserved for the buy-back (USDC), at the price used.
    pub reserved: u64,
}

#[event]
pub struct BoughtBack {
    pub config: Pubkey,
    pub seller: Pubkey,
    pub io_burned: u64,
    pub usdc_paid: u64,
    /// The oracle price used: `price × 10^exponent` USD per IO.
    pub price: i64,
    pub exponent: i32,
    pub share_bps: u16,
    /// USDC the buy-back may still spend after this one.
    pub budget_left: u64,
}
