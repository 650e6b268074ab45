use anchor_lang::prelude::*;

use crate::error::PaymentsError;
use crate::math::buyback::{burn_share_bps, price_e8, validate_curve, MAX_CURVE_POINTS};
use crate::math::price::{checked_price, parse_price_update, OraclePrice};
use crate::state::seeds;
use io_staking::state::change_is_due;

/// io-staking's admin governs io-payments too: initialize, parameters, treasury withdrawals.
pub fn require_staking_admin(
    signer: &Pubkey,
    staking: &io_staking::state::StakingConfig,
) -> Result<()> {
    require_keys_eq!(*signer, staking.admin, PaymentsError::UnauthorizedAdmin);
    Ok(())
}

/// A price older than 5 minutes is never accepted, whatever governance sets: anyone may post
/// any verified past update, and an older bound would let a seller pick the best price of the
/// window.
pub const MAX_PRICE_AGE_SECS: u32 = 300;

/// A point of the buy-back share curve: at `price_e8` (USD per IO, 8 decimals), `share_bps` of
/// the USDC fees buy IO back.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct CurvePoint {
    pub price_e8: u64,
    pub share_bps: u16,
}

/// What governance sets for the buy-back.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct BuybackParams {
    /// The Pyth feed id of IO/USD.
    pub feed_id: [u8; 32],
    /// A price older than this is refused.
    pub max_price_age_secs: u32,
    /// A confidence interval wider than this share of the price is refused.
    pub max_confidence_bps: u16,
    /// Sellers receive the oracle value less at most this (bounded by `MAX_DISCOUNT_BPS`).
    pub discount_bps: u16,
    /// The first `curve_len` points are the share curve, prices increasing.
    pub curve_len: u8,
    pub curve: [CurvePoint; MAX_CURVE_POINTS],
}

impl BuybackParams {
    pub fn points(&self) -> Vec<(u64, u16)> {
        self.curve
            .iter()
            .take(usize::from(self.curve_len))
            .map(|point| (point.price_e8, point.share_bps))
            .collect()
    }

    /// The price in a `PriceUpdateV2` account's data, if it is a fresh, tight, fully verified
    /// update of this feed at `now`. The account's owner is the caller's to check (the program
    /// has it; the keeper's quote reads data alone).
    pub fn fresh_price(
        &self,
        data: &[u8],
        now: i64,
    ) -> core::result::Result<OraclePrice, PaymentsError> {
        let price = parse_price_update(data)?;
        checked_price(
            &price,
            &self.feed_id,
            now,
            self.max_price_age_secs,
            self.max_confidence_bps,
        )?;
        Ok(price)
    }

    /// The buy-back share (basis points) at `price`, on this curve.
    pub fn share_bps_at(&self, price: &OraclePrice) -> core::result::Result<u16, PaymentsError> {
        burn_share_bps(&self.points(), price_e8(price.price, price.exponent)?)
    }

    /// The largest share any price can give on this curve: what a curve reserves when the
    /// price it will be read at is not known (a staged change to another feed).
    pub fn max_share_bps(&self) -> u16 {
        self.curve
            .iter()
            .take(usize::from(self.curve_len))
            .map(|point| point.share_bps)
            .max()
            .unwrap_or(0)
    }

    pub fn validate(&self) -> Result<()> {
        require!(
            usize::from(self.curve_len) <= MAX_CURVE_POINTS
                && (1..=MAX_PRICE_AGE_SECS).contains(&self.max_price_age_secs)
                && (1..=1_000).contains(&self.max_confidence_bps),
            PaymentsError::InvalidParams
        );
        validate_curve(&self.points(), self.discount_bps)?;
        Ok(())
    }
}

/// Running totals per mint, in base units, for explorers and the conservation checks.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct MintTotals {
    /// Escrowed by renters.
    pub deposited: u64,
    /// Paid to suppliers.
    pub paid: u64,
    /// Collected into the fee vault.
    pub fees: u64,
    /// Returned to renters on cancellation.
    pub refunded: u64,
    /// Sent into an escrow by someone else and moved to the fee vault when it closed (an
    /// escrow with a balance cannot be closed, so a stray transfer must not block the renter).
    pub swept: u64,
    /// Taken from the fee vault to the treasury by governance.
    pub withdrawn: u64,
}

/// PDA `[seeds::PAYMENTS_CONFIG, staking_config]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct PaymentsConfig {
    pub version: u8,
    pub bump: u8,
    /// io-staking's config: the devices that may be reserved, and the admin that governs here.
    pub staking_config: Pubkey,
    pub io_mint: Pubkey,
    pub usdc_mint: Pubkey,
    pub io_decimals: u8,
    /// In force until `params_effective_at` (then `pending_params` are).
    pub params: BuybackParams,
    /// A staged change; meaningful only while `params_effective_at != 0`.
    pub pending_params: BuybackParams,
    /// When `pending_params` take over; 0 when nothing is staged.
    pub params_effective_at: i64,
    pub next_reservation_id: u64,
    pub usdc: MintTotals,
    pub io: MintTotals,
    /// USDC paid out of the fee vault by buy-backs.
    pub usdc_bought_back: u64,
    /// IO delivered by buy-backs and burned.
    pub io_burned: u64,
    pub buybacks: u64,
    pub reserved: [u8; 64],
}

impl PaymentsConfig {
    pub const VERSION: u8 = 2;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    /// The parameters in force at `now`: a staged change applies from its effective time on,
    /// without anyone having to crank it in.
    pub fn params_at(&self, now: i64) -> BuybackParams {
        if change_is_due(self.params_effective_at, now) {
            self.pending_params
        } else {
            self.params
        }
    }

    /// The staged parameters not yet in force at `now`, if any.
    pub fn staged_params(&self, now: i64) -> Option<BuybackParams> {
        (self.params_effective_at != 0 && !change_is_due(self.params_effective_at, now))
            .then_some(self.pending_params)
    }

    /// Folds a staged change whose time has come into the current parameters.
    pub fn apply_due_change(&mut self, now: i64) {
        self.params = self.params_at(now);
        if change_is_due(self.params_effective_at, now) {
            self.params_effective_at = 0;
        }
    }

    /// The seeds the config PDA signs with (vault payouts, escrow closes, io-staking's
    /// `record_rental`); `bump` is `[self.bump]`.
    pub fn signer_seeds<'a>(&'a self, bump: &'a [u8; 1]) -> [&'a [u8]; 3] {
        [seeds::PAYMENTS_CONFIG, self.staking_config.as_ref(), bump]
    }

    pub fn find_address(staking_config: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(
            &[seeds::PAYMENTS_CONFIG, staking_config.as_ref()],
            &crate::ID,
        )
    }

    pub fn fee_vault_address(config: &Pubkey, mint: &Pubkey) -> Pubkey {
        Pubkey::find_program_address(
            &[seeds::FEE_VAULT, config.as_ref(), mint.as_ref()],
            &crate::ID,
        )
        .0
    }

    pub fn totals_mut(&mut self, mint: &Pubkey) -> Result<&mut MintTotals> {
        if *mint == self.usdc_mint {
            Ok(&mut self.usdc)
        } else if *mint == self.io_mint {
            Ok(&mut self.io)
        } else {
            err!(PaymentsError::WrongMint)
        }
    }
}
