//! The oracle account read with every check, for the instructions that price IO.

use anchor_lang::prelude::*;

use crate::error::PaymentsError;
use crate::math::buyback::{burn_share_bps, price_e8};
use crate::math::price::{checked_price, parse_price_update, OraclePrice, PYTH_RECEIVER_PROGRAM};
use crate::state::PaymentsConfig;

/// The price in `account`, if it is a fresh, tight, fully verified update of the configured
/// feed, owned by Pyth's receiver.
pub fn read_price(account: &AccountInfo, config: &PaymentsConfig) -> Result<OraclePrice> {
    require_keys_eq!(
        *account.owner,
        PYTH_RECEIVER_PROGRAM,
        PaymentsError::ForeignPriceAccount
    );
    let price = parse_price_update(&account.try_borrow_data()?)?;
    let params = &config.params;
    checked_price(
        &price,
        &params.feed_id,
        Clock::get()?.unix_timestamp,
        params.max_price_age_secs,
        params.max_confidence_bps,
    )?;
    Ok(price)
}

/// The buy-back share (basis points) at `price`.
pub fn share_at(price: &OraclePrice, config: &PaymentsConfig) -> Result<u16> {
    Ok(burn_share_bps(
        &config.params.points(),
        price_e8(price.price, price.exponent)?,
    )?)
}
