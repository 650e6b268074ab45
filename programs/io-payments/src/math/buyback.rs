//! Buy-back-and-burn arithmetic (docs/design.md section 11).
//!
//! The share of USDC fees that buys IO back is a piecewise-linear function of IO's oracle price
//! between governance-set points; below the first point it is the first point's share, above the
//! last the last's. The defaults (docs/programs.md, io-payments) burn more when IO is cheap:
//!
//! | IO price | share of fees |
//! |---|---|
//! | ≤ 0.50 USD | 100% |
//! | 1.25 USD | 75% (halfway from 0.50 to 2.00) |
//! | 2.00 USD | 50% |
//! | 3.50 USD | 35% (halfway from 2.00 to 5.00) |
//! | ≥ 5.00 USD | 20% |
//!
//! The share applies to every fee collected so far: a buy-back may spend
//! `fees × share(price) − already bought back`. USDC is counted as one dollar.

use crate::error::PaymentsError;
use crate::math::fees::BPS_DENOMINATOR;

/// Prices on the curve are USD per whole IO with 8 decimals (1.25 USD = 125_000_000).
pub const PRICE_SCALE_DECIMALS: i32 = 8;
/// USDC's decimals (checked at initialize).
pub const USDC_DECIMALS: u8 = 6;
/// Governance may not set a discount above 10%: a seller is never paid more than the oracle
/// value, nor less than 90% of it.
pub const MAX_DISCOUNT_BPS: u16 = 1_000;
pub const MAX_CURVE_POINTS: usize = 4;

fn pow10(exponent: u32) -> Result<u128, PaymentsError> {
    10_u128
        .checked_pow(exponent)
        .ok_or(PaymentsError::MathOverflow)
}

/// `value × 10^shift`, rounded down when `shift` is negative.
fn scale(value: u128, shift: i32) -> Result<u128, PaymentsError> {
    if shift >= 0 {
        value
            .checked_mul(pow10(shift.unsigned_abs())?)
            .ok_or(PaymentsError::MathOverflow)
    } else {
        Ok(value / pow10(shift.unsigned_abs())?)
    }
}

/// The oracle's `price × 10^exponent` as USD per IO with 8 decimals, rounded down.
pub fn price_e8(price: i64, exponent: i32) -> Result<u64, PaymentsError> {
    let positive = u64::try_from(price)
        .ok()
        .filter(|&p| p > 0)
        .ok_or(PaymentsError::NonPositivePrice)?;
    let shift = exponent
        .checked_add(PRICE_SCALE_DECIMALS)
        .ok_or(PaymentsError::MathOverflow)?;
    u64::try_from(scale(u128::from(positive), shift)?).map_err(|_| PaymentsError::MathOverflow)
}

/// USDC base units worth `io_amount` IO base units at the oracle price, rounded down.
pub fn usdc_value(
    io_amount: u64,
    price: i64,
    exponent: i32,
    io_decimals: u8,
) -> Result<u64, PaymentsError> {
    let positive = u64::try_from(price)
        .ok()
        .filter(|&p| p > 0)
        .ok_or(PaymentsError::NonPositivePrice)?;
    let product = u128::from(io_amount)
        .checked_mul(u128::from(positive))
        .ok_or(PaymentsError::MathOverflow)?;
    let shift = exponent
        .checked_add(i32::from(USDC_DECIMALS))
        .and_then(|s| s.checked_sub(i32::from(io_decimals)))
        .ok_or(PaymentsError::MathOverflow)?;
    u64::try_from(scale(product, shift)?).map_err(|_| PaymentsError::MathOverflow)
}

/// The most USDC a seller delivering `io_amount` may take: the oracle value less the discount,
/// rounded down.
pub fn quote(
    io_amount: u64,
    price: i64,
    exponent: i32,
    io_decimals: u8,
    discount_bps: u16,
) -> Result<u64, PaymentsError> {
    let value = usdc_value(io_amount, price, exponent, io_decimals)?;
    let kept = u128::from(BPS_DENOMINATOR)
        .checked_sub(u128::from(discount_bps))
        .ok_or(PaymentsError::InvalidParams)?;
    let paid = u128::from(value)
        .checked_mul(kept)
        .ok_or(PaymentsError::MathOverflow)?
        / u128::from(BPS_DENOMINATOR);
    u64::try_from(paid).map_err(|_| PaymentsError::MathOverflow)
}

/// The share of fees (basis points) that buys IO back at `price_e8`. `points` are
/// `(price_e8, share_bps)`, prices strictly increasing (checked when governance sets them).
/// Between two points the share is interpolated and rounded down.
pub fn burn_share_bps(points: &[(u64, u16)], price_e8: u64) -> Result<u16, PaymentsError> {
    let (first, last) = match (points.first(), points.last()) {
        (Some(first), Some(last)) => (*first, *last),
        _ => return Err(PaymentsError::InvalidParams),
    };
    if price_e8 <= first.0 {
        return Ok(first.1);
    }
    if price_e8 >= last.0 {
        return Ok(last.1);
    }
    for pair in points.windows(2) {
        let ((p0, s0), (p1, s1)) = (pair[0], pair[1]);
        if price_e8 >= p0 && price_e8 <= p1 {
            let span = u128::from(p1.checked_sub(p0).ok_or(PaymentsError::InvalidParams)?);
            let along = u128::from(
                price_e8
                    .checked_sub(p0)
                    .ok_or(PaymentsError::MathOverflow)?,
            );
            let share = if s1 >= s0 {
                let rise = u128::from(s1.checked_sub(s0).ok_or(PaymentsError::MathOverflow)?);
                u128::from(s0)
                    .checked_add(rise.checked_mul(along).ok_or(PaymentsError::MathOverflow)? / span)
            } else {
                let fall = u128::from(s0.checked_sub(s1).ok_or(PaymentsError::MathOverflow)?);
                let drop = rise_ceil(fall, along, span)?;
                u128::from(s0).checked_sub(drop)
            };
            return share
                .and_then(|s| u16::try_from(s).ok())
                .ok_or(PaymentsError::MathOverflow);
        }
    }
    Err(PaymentsError::InvalidParams)
}

fn rise_ceil(step: u128, along: u128, span: u128) -> Result<u128, PaymentsError> {
    Ok(step
        .checked_mul(along)
        .ok_or(PaymentsError::MathOverflow)?
        .div_ceil(span))
}

/// USDC the buy-back may still spend: the current share of every fee collected, less what
/// earlier buy-backs spent (never negative: a lower share later only pauses buying).
pub fn buyback_budget(
    usdc_fees_total: u64,
    share_bps: u16,
    usdc_bought_back: u64,
) -> Result<u64, PaymentsError> {
    let entitled = u128::from(usdc_fees_total)
        .checked_mul(u128::from(share_bps))
        .ok_or(PaymentsError::MathOverflow)?
        / u128::from(BPS_DENOMINATOR);
    let entitled = u64::try_from(entitled).map_err(|_| PaymentsError::MathOverflow)?;
    Ok(entitled.saturating_sub(usdc_bought_back))
}

/// The curve and bounds governance sets are sane: 1 to 4 points, prices strictly increasing
/// and positive, shares at most 100%, discount within [`MAX_DISCOUNT_BPS`].
pub fn validate_curve(points: &[(u64, u16)], discount_bps: u16) -> Result<(), PaymentsError> {
    let increasing = points.windows(2).all(|pair| pair[0].0 < pair[1].0);
    let bounded = points
        .iter()
        .all(|&(price, share)| price > 0 && u64::from(share) <= BPS_DENOMINATOR);
    if points.is_empty()
        || points.len() > MAX_CURVE_POINTS
        || !increasing
        || !bounded
        || discount_bps > MAX_DISCOUNT_BPS
    {
        return Err(PaymentsError::InvalidParams);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const USD: u64 = 100_000_000;
    const DEFAULT: [(u64, u16); 3] = [(USD / 2, 10_000), (2 * USD, 5_000), (5 * USD, 2_000)];

    #[test]
    fn the_documented_curve() {
        let share = |price| burn_share_bps(&DEFAULT, price).unwrap();
        assert_eq!(share(USD / 10), 10_000);
        assert_eq!(share(USD / 2), 10_000);
        assert_eq!(share(125 * USD / 100), 7_500);
        assert_eq!(share(2 * USD), 5_000);
        assert_eq!(share(350 * USD / 100), 3_500);
        assert_eq!(share(5 * USD), 2_000);
        assert_eq!(share(100 * USD), 2_000);
        // Rounded down between points: one base unit past 0.50 USD is just under 100%.
        assert_eq!(share(USD / 2 + 1), 9_999);
        // A rising curve rounds down too.
        assert_eq!(burn_share_bps(&[(1, 0), (3, 1)], 2).unwrap(), 0);
    }

    #[test]
    fn oracle_prices_convert_exactly() {
        // Pyth publishes IO at e.g. 125_000_000 x 10^-8 = 1.25 USD.
        assert_eq!(price_e8(125_000_000, -8).unwrap(), 125 * USD / 100);
        assert_eq!(price_e8(125, -2).unwrap(), 125 * USD / 100);
        assert_eq!(price_e8(1_250_000_000, -9).unwrap(), 125 * USD / 100);
        assert_eq!(price_e8(0, -8), Err(PaymentsError::NonPositivePrice));
        assert_eq!(price_e8(-5, -8), Err(PaymentsError::NonPositivePrice));
        // 100 IO at 1.25 USD = 125 USDC; at a 2% discount, 122.5 USDC.
        let io = 100 * 10_u64.pow(8);
        assert_eq!(usdc_value(io, 125_000_000, -8, 8).unwrap(), 125_000_000);
        assert_eq!(quote(io, 125_000_000, -8, 8, 200).unwrap(), 122_500_000);
        // Rounded down: 1 IO base unit is worth 0.0125 USDC base units.
        assert_eq!(usdc_value(1, 125_000_000, -8, 8).unwrap(), 0);
    }

    #[test]
    fn budget_and_bounds() {
        assert_eq!(buyback_budget(1_000_000, 7_500, 0).unwrap(), 750_000);
        assert_eq!(buyback_budget(1_000_000, 7_500, 700_000).unwrap(), 50_000);
        assert_eq!(buyback_budget(1_000_000, 5_000, 700_000).unwrap(), 0);
        assert!(validate_curve(&DEFAULT, MAX_DISCOUNT_BPS).is_ok());
        assert_eq!(
            validate_curve(&DEFAULT, MAX_DISCOUNT_BPS + 1),
            Err(PaymentsError::InvalidParams)
        );
        assert_eq!(validate_curve(&[], 0), Err(PaymentsError::InvalidParams));
        assert_eq!(
            validate_curve(&[(2, 1), (2, 1)], 0),
            Err(PaymentsError::InvalidParams)
        );
        assert_eq!(
            validate_curve(&[(1, 10_001)], 0),
            Err(PaymentsError::InvalidParams)
        );
        assert_eq!(
            validate_curve(&[(0, 1)], 0),
            Err(PaymentsError::InvalidParams)
        );
        assert_eq!(
            validate_curve(&[(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)], 0),
            Err(PaymentsError::InvalidParams)
        );
    }
}
