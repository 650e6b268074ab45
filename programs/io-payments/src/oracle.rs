//! The oracle account read with every check, for the instructions that price IO.

use anchor_lang::prelude::*;

use crate::error::PaymentsError;
use crate::math::price::{OraclePrice, PYTH_RECEIVER_PROGRAM};
use crate::state::BuybackParams;

/// The price in `account`, if it is owned by Pyth's receiver and a fresh, tight, fully verified
/// update of `params`' feed at `now` (`BuybackParams::fresh_price`).
pub fn read_price(account: &AccountInfo, params: &BuybackParams, now: i64) -> Result<OraclePrice> {
    require_keys_eq!(
        *account.owner,
        PYTH_RECEIVER_PROGRAM,
        PaymentsError::ForeignPriceAccount
    );
    let data = account.try_borrow_data()?;
    Ok(params.fresh_price(&data, now)?)
}
