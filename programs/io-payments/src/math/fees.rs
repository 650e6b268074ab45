//! The published fees (docs/design.md section 11), per hour of a reservation.
//!
//! In USDC the renter pays the price plus the 0.25% reservation fee; the supplier receives the
//! price less the 0.25% reservation fee and the 2% facilitation fee; the fee vault receives the
//! rest (0.25% + 0.25% + 2%). In IO nothing is charged. Fees are computed on one hour's price
//! and rounded up (in the protocol's favour), so every hour is split identically: settling hour
//! by hour, or cancelling after any whole hour, never leaves a base unit unaccounted for.

use crate::error::PaymentsError;

pub const BPS_DENOMINATOR: u64 = 10_000;
/// 0.25%, added to the renter's cost and also deducted from the supplier's payment.
pub const RESERVATION_FEE_BPS: u64 = 25;
/// 2%, deducted from the supplier's USDC earnings.
pub const FACILITATION_FEE_BPS: u64 = 200;
/// A reservation is at most 30 days of whole hours.
pub const MAX_HOURS: u32 = 720;
pub const SECONDS_PER_HOUR: i64 = 3_600;

/// One hour of a reservation: what the renter escrows, what the supplier is paid, what the
/// fee vault keeps. `renter_pays == supplier_gets + fees` always.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HourlySplit {
    pub renter_pays: u64,
    pub supplier_gets: u64,
    pub fees: u64,
}

fn fee(price: u64, bps: u64) -> Option<u64> {
    let scaled = u128::from(price).checked_mul(u128::from(bps))?;
    u64::try_from(scaled.div_ceil(u128::from(BPS_DENOMINATOR))).ok()
}

/// The split of one hour at `price_per_hour`. A price too small to carry its fees (the supplier
/// would get nothing or less) is refused.
pub fn hourly_split(price_per_hour: u64, pays_in_usdc: bool) -> Result<HourlySplit, PaymentsError> {
    if price_per_hour == 0 {
        return Err(PaymentsError::InvalidPrice);
    }
    if !pays_in_usdc {
        return Ok(HourlySplit {
            renter_pays: price_per_hour,
            supplier_gets: price_per_hour,
            fees: 0,
        });
    }
    let overflow = || PaymentsError::MathOverflow;
    let reservation = fee(price_per_hour, RESERVATION_FEE_BPS).ok_or_else(overflow)?;
    let facilitation = fee(price_per_hour, FACILITATION_FEE_BPS).ok_or_else(overflow)?;
    let renter_pays = price_per_hour
        .checked_add(reservation)
        .ok_or_else(overflow)?;
    let supplier_gets = price_per_hour
        .checked_sub(reservation)
        .and_then(|rest| rest.checked_sub(facilitation))
        .filter(|&paid| paid > 0)
        .ok_or(PaymentsError::InvalidPrice)?;
    let fees = renter_pays
        .checked_sub(supplier_gets)
        .ok_or_else(overflow)?;
    Ok(HourlySplit {
        renter_pays,
        supplier_gets,
        fees,
    })
}

/// Whole hours of a reservation over at `now` (settlement pays only those).
pub fn hours_ended(starts_at: i64, now: i64, hours: u32) -> u32 {
    let elapsed = now.saturating_sub(starts_at).max(0);
    let ended = elapsed / SECONDS_PER_HOUR;
    u32::try_from(ended).unwrap_or(u32::MAX).min(hours)
}

/// Hours begun at `now`: a cancellation pays for the hour in progress, since the device was
/// held for it, and refunds the hours not yet begun.
pub fn hours_begun(starts_at: i64, now: i64, hours: u32) -> u32 {
    let elapsed = now.saturating_sub(starts_at).max(0);
    let begun = elapsed.saturating_add(SECONDS_PER_HOUR - 1) / SECONDS_PER_HOUR;
    u32::try_from(begun).unwrap_or(u32::MAX).min(hours)
}

/// The time `hours` whole hours after `starts_at`: where a reservation's paid hours end, or
/// where its hours begun end after a cancel.
pub fn hours_end(starts_at: i64, hours: u32) -> Result<i64, PaymentsError> {
    i64::from(hours)
        .checked_mul(SECONDS_PER_HOUR)
        .and_then(|length| starts_at.checked_add(length))
        .ok_or(PaymentsError::MathOverflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_end_counts_whole_hours_from_the_start() {
        assert_eq!(hours_end(100, 0), Ok(100));
        assert_eq!(hours_end(100, 720), Ok(100 + 720 * 3_600));
        assert_eq!(hours_end(i64::MAX, 1), Err(PaymentsError::MathOverflow));
    }

    const USDC: u64 = 1_000_000;

    #[test]
    fn the_published_worked_example() {
        // 10 hours at 2.00 USDC: the renter pays 20.05, the supplier gets 19.55, fees 0.50.
        let hour = hourly_split(2 * USDC, true).unwrap();
        assert_eq!(hour.renter_pays * 10, 20_050_000);
        assert_eq!(hour.supplier_gets * 10, 19_550_000);
        assert_eq!(hour.fees * 10, 500_000);
    }

    #[test]
    fn io_pays_no_fee() {
        let hour = hourly_split(150_000_000, false).unwrap();
        assert_eq!(
            (hour.renter_pays, hour.supplier_gets, hour.fees),
            (150_000_000, 150_000_000, 0)
        );
    }

    #[test]
    fn fees_round_up_and_the_split_always_adds_up() {
        for price in [1_u64, 39, 40, 41, 399, 400, 401, 1_999_999, u64::MAX / 2] {
            match hourly_split(price, true) {
                Ok(hour) => {
                    assert_eq!(hour.renter_pays, hour.supplier_gets + hour.fees, "{price}");
                    let exact = u128::from(price) * 225 / 10_000;
                    assert!(u128::from(price - hour.supplier_gets) >= exact, "{price}");
                }
                Err(error) => assert_eq!(error, PaymentsError::InvalidPrice, "{price}"),
            }
        }
        // 1 base unit cannot carry two fees that round up to 1 each.
        assert_eq!(hourly_split(1, true), Err(PaymentsError::InvalidPrice));
        assert_eq!(hourly_split(0, false), Err(PaymentsError::InvalidPrice));
        assert_eq!(
            hourly_split(u64::MAX, true),
            Err(PaymentsError::MathOverflow)
        );
    }

    #[test]
    fn hours() {
        assert_eq!(hours_ended(100, 100, 10), 0);
        assert_eq!(hours_ended(100, 100 + 3_599, 10), 0);
        assert_eq!(hours_ended(100, 100 + 3_600, 10), 1);
        assert_eq!(hours_ended(100, 100 + 99 * 3_600, 10), 10);
        assert_eq!(hours_ended(100, 50, 10), 0);
        assert_eq!(hours_begun(100, 100, 10), 0);
        assert_eq!(hours_begun(100, 101, 10), 1);
        assert_eq!(hours_begun(100, 100 + 4 * 3_600, 10), 4);
        assert_eq!(hours_begun(100, 100 + 4 * 3_600 + 1, 10), 5);
        assert_eq!(hours_begun(100, i64::MAX, 10), 10);
    }
}
