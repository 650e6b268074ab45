//! The oracle price, read from an account in Pyth's published `PriceUpdateV2` layout (the
//! pull oracle's receiver program), without linking Pyth's SDK:
//!
//! ```text
//! 8   discriminator  sha256("account:PriceUpdateV2")[..8]
//! 32  write_authority
//! 1+  verification_level  0 = Partial { num_signatures: u8 } (2 bytes), 1 = Full (1 byte)
//! 32  feed_id, 8 price (i64), 8 conf (u64), 4 exponent (i32), 8 publish_time (i64),
//! 8   prev_publish_time, 8 ema_price, 8 ema_conf
//! 8   posted_slot
//! ```
//!
//! As Pyth's own `get_price_no_older_than` does, a price is accepted only from an account owned
//! by the receiver program, fully verified, for the configured feed id, and recent; this program
//! also bounds the confidence interval.

use anchor_lang::prelude::Pubkey;

use crate::error::PaymentsError;
use crate::math::fees::BPS_DENOMINATOR;

/// Pyth's Solana receiver program, which owns every `PriceUpdateV2` account.
pub const PYTH_RECEIVER_PROGRAM: Pubkey =
    anchor_lang::pubkey!("rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ");
pub const PRICE_UPDATE_V2_DISCRIMINATOR: [u8; 8] = [34, 241, 35, 99, 157, 126, 244, 205];
/// Bytes of a `PriceUpdateV2` account, as the receiver allocates it (`PriceUpdateV2::LEN`: room
/// for the 2-byte `Partial` level; a `Full` update leaves the last byte zero).
pub const PRICE_UPDATE_V2_LEN: usize = 8 + 32 + 2 + 32 + 8 + 8 + 4 + 8 + 8 + 8 + 8 + 8;

const VERIFICATION_PARTIAL: u8 = 0;
const VERIFICATION_FULL: u8 = 1;

/// The fields of a price update this program uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OraclePrice {
    pub feed_id: [u8; 32],
    pub price: i64,
    pub conf: u64,
    pub exponent: i32,
    pub publish_time: i64,
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], PaymentsError> {
        let (head, rest) = self
            .0
            .split_first_chunk::<N>()
            .ok_or(PaymentsError::InvalidPriceAccount)?;
        self.0 = rest;
        Ok(*head)
    }
}

/// Decodes a `PriceUpdateV2` account's data; a partially verified update is refused.
pub fn parse_price_update(data: &[u8]) -> Result<OraclePrice, PaymentsError> {
    let mut reader = Reader(data);
    if reader.take::<8>()? != PRICE_UPDATE_V2_DISCRIMINATOR {
        return Err(PaymentsError::InvalidPriceAccount);
    }
    reader.take::<32>()?;
    match reader.take::<1>()?[0] {
        VERIFICATION_FULL => {}
        VERIFICATION_PARTIAL => return Err(PaymentsError::PriceNotVerified),
        _ => return Err(PaymentsError::InvalidPriceAccount),
    }
    let feed_id = reader.take::<32>()?;
    let price = i64::from_le_bytes(reader.take()?);
    let conf = u64::from_le_bytes(reader.take()?);
    let exponent = i32::from_le_bytes(reader.take()?);
    let publish_time = i64::from_le_bytes(reader.take()?);
    Ok(OraclePrice {
        feed_id,
        price,
        conf,
        exponent,
        publish_time,
    })
}

/// The price, if it is for `feed_id`, published at most `max_age_secs` before `now`, positive,
/// and with a confidence interval of at most `max_confidence_bps` of the price.
pub fn checked_price(
    price: &OraclePrice,
    feed_id: &[u8; 32],
    now: i64,
    max_age_secs: u32,
    max_confidence_bps: u16,
) -> Result<(), PaymentsError> {
    if &price.feed_id != feed_id {
        return Err(PaymentsError::WrongPriceFeed);
    }
    if price.publish_time.saturating_add(i64::from(max_age_secs)) < now {
        return Err(PaymentsError::StalePrice);
    }
    let positive = u64::try_from(price.price)
        .ok()
        .filter(|&p| p > 0)
        .ok_or(PaymentsError::NonPositivePrice)?;
    let conf_scaled = u128::from(price.conf) * u128::from(BPS_DENOMINATOR);
    if conf_scaled > u128::from(positive) * u128::from(max_confidence_bps) {
        return Err(PaymentsError::PriceConfidenceTooWide);
    }
    Ok(())
}

/// A fully verified `PriceUpdateV2`, as the receiver writes one: for the local chain, the
/// keeper's price mover and the tests.
pub fn encode_price_update(
    write_authority: &Pubkey,
    price: &OraclePrice,
    posted_slot: u64,
) -> Vec<u8> {
    let mut data = Vec::with_capacity(PRICE_UPDATE_V2_LEN);
    data.extend_from_slice(&PRICE_UPDATE_V2_DISCRIMINATOR);
    data.extend_from_slice(write_authority.as_ref());
    data.push(VERIFICATION_FULL);
    data.extend_from_slice(&price.feed_id);
    data.extend_from_slice(&price.price.to_le_bytes());
    data.extend_from_slice(&price.conf.to_le_bytes());
    data.extend_from_slice(&price.exponent.to_le_bytes());
    data.extend_from_slice(&price.publish_time.to_le_bytes());
    data.extend_from_slice(&price.publish_time.to_le_bytes()); // prev_publish_time
    data.extend_from_slice(&price.price.to_le_bytes()); // ema_price
    data.extend_from_slice(&price.conf.to_le_bytes()); // ema_conf
    data.extend_from_slice(&posted_slot.to_le_bytes());
    data.resize(PRICE_UPDATE_V2_LEN, 0);
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> OraclePrice {
        OraclePrice {
            feed_id: [7; 32],
            price: 125_000_000,
            conf: 100_000,
            exponent: -8,
            publish_time: 1_000,
        }
    }

    #[test]
    fn round_trips_the_published_layout() {
        let data = encode_price_update(&Pubkey::new_unique(), &sample(), 42);
        assert_eq!(data.len(), PRICE_UPDATE_V2_LEN);
        assert_eq!(parse_price_update(&data).unwrap(), sample());
    }

    #[test]
    fn refuses_what_is_not_a_verified_update() {
        let mut data = encode_price_update(&Pubkey::new_unique(), &sample(), 42);
        assert_eq!(
            parse_price_update(&data[..60]),
            Err(PaymentsError::InvalidPriceAccount)
        );
        data[40] = VERIFICATION_PARTIAL;
        assert_eq!(
            parse_price_update(&data),
            Err(PaymentsError::PriceNotVerified)
        );
        data[0] ^= 1;
        assert_eq!(
            parse_price_update(&data),
            Err(PaymentsError::InvalidPriceAccount)
        );
    }

    #[test]
    fn checks_feed_age_and_confidence() {
        let price = sample();
        assert!(checked_price(&price, &[7; 32], 1_060, 60, 100).is_ok());
        assert_eq!(
            checked_price(&price, &[8; 32], 1_000, 60, 100),
            Err(PaymentsError::WrongPriceFeed)
        );
        assert_eq!(
            checked_price(&price, &[7; 32], 1_061, 60, 100),
            Err(PaymentsError::StalePrice)
        );
        // conf 0.001 on 1.25 is 0.08%: within 1%, not within 0.05%.
        assert_eq!(
            checked_price(&price, &[7; 32], 1_000, 60, 5),
            Err(PaymentsError::PriceConfidenceTooWide)
        );
        let negative = OraclePrice { price: -1, ..price };
        assert_eq!(
            checked_price(&negative, &[7; 32], 1_000, 60, 100),
            Err(PaymentsError::NonPositivePrice)
        );
    }
}
