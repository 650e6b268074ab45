//! The IO emission schedule as pure integer math (docs/design.md section 2).
//!
//! This module is the single source of truth for how much IO each hourly epoch releases. The
//! on-chain program, the keeper and the CLI all call these functions, so they cannot disagree.
//! It uses `core` only (no `std`, no floats, no heap) and every function is O(log n) or O(1),
//! except the cumulative helpers that are documented as O(n) and used off chain.
//!
//! The published schedule:
//!
//! ```text
//! Rate_1     = 8% / 8760                       = 1 / 109_500
//! Rate_n     = Rate_(n-1) * (1 - d)            d = 0.0013886952395979300000 % per epoch
//! Emission_n = 500,000,000 IO * Rate_n         (fixed genesis base, not the current supply)
//! ```
//!
//! # Fixed point
//! `(1 - d)^(n-1)` is a product of the entries of [`DECAY_POWERS_X64`], one per set bit of
//! `n - 1`. Each entry is `floor((1-d)^(2^k) * 2^64)`, computed offline at 120 significant
//! digits and verified by this crate's tests against a 256-bit big-integer bound computation.
//! Every multiplication floors, so the computed emission never exceeds the exact value, and the
//! accumulated error is below 10^-16 relative: each epoch lands on `floor(exact)` or, when the
//! exact value sits within that error above an integer, one base unit below it. Rounding thus
//! always favours the protocol (it never emits more than the published schedule).
//!
//! # The cap
//! The exact sum over all 175,319 epochs is 300,000,000.00044 IO, a hair above the 300M IO that
//! the schedule may release. [`epoch_mint_amount`] therefore clamps each epoch to what is left
//! under the cap. With 8 decimals the floored epochs add up to 43,598 base units *below* the cap,
//! so the clamp never binds there; with 9 or 10 decimals it binds in the final epoch.

/// Length of one epoch.
pub const EPOCH_DURATION_SECONDS: i64 = 3_600;
/// Number of epochs in the schedule (published). Epochs are numbered `1..=LAST_EPOCH`.
pub const LAST_EPOCH: u32 = 175_319;
/// Supply minted at genesis, in whole IO (published).
pub const GENESIS_SUPPLY_IO: u64 = 500_000_000;
/// Hard cap on cumulative minted supply, in whole IO (published).
pub const MAX_SUPPLY_IO: u64 = 800_000_000;
/// What the emission schedule may release in total, in whole IO.
pub const EMISSION_CAP_IO: u64 = MAX_SUPPLY_IO - GENESIS_SUPPLY_IO;
/// Largest mint decimals supported: `MAX_SUPPLY_IO * 10^decimals` must fit in a `u64` amount.
pub const MAX_DECIMALS: u8 = 10;
/// `Rate_1 = 8% / 8760 = 1 / FIRST_EPOCH_RATE_DENOMINATOR`, exactly.
pub const FIRST_EPOCH_RATE_DENOMINATOR: u64 = 109_500;
/// Hours per year used by the published rate (`8% / 8760`), for annualising an epoch's rate.
pub const RATE_HOURS_PER_YEAR: u32 = 8_760;
/// Epochs per calendar year of 365.25 days; 20 such years are 175,320 epochs, one more than the
/// schedule, so the schedule spans 20 years less one hour.
pub const EPOCHS_PER_JULIAN_YEAR: u32 = 8_766;

/// `floor((1-d)^(2^k) * 2^64)` for `k = 0..18`; 18 bits cover `n - 1 <= 175,318 < 2^18`.
///
/// Generated with Python's `decimal` at 120 significant digits from
/// `1 - d = 9_999_861_130_476_040_207 / 10^19`; `decay_table_matches_big_integer_bounds` in the
/// tests below recomputes every entry with 256-bit floor/ceil bounds.
pub const DECAY_POWERS_X64: [u64; 18] = [
    0xffff_1703_fe5d_c27e, // (1-d)^1
    0xfffe_2e08_d0c5_4005, // (1-d)^2
    0xfffc_5c14_f1ae_684a, // (1-d)^4
    0xfff8_b837_23d4_528e, // (1-d)^8
    0xfff1_70a3_48c5_b739, // (1-d)^16
    0xffe2_e21a_8ff8_2f1a, // (1-d)^32
    0xffc5_c784_e969_88fd, // (1-d)^64
    0xff8b_9c47_770f_6339, // (1-d)^128
    0xff17_6d79_7433_1f71, // (1-d)^256
    0xfe2f_ae3c_d021_6065, // (1-d)^512
    0xfc62_a6a2_1ded_60ea, // (1-d)^1024
    0xf8d2_5e13_2b80_e605, // (1-d)^2048
    0xf1d8_4323_9e4f_3287, // (1-d)^4096
    0xe478_e51a_6dc7_ec99, // (1-d)^8192
    0xcbe7_912e_a95b_5401, // (1-d)^16384
    0xa269_11b7_5522_5e66, // (1-d)^32768
    0x6709_258b_915d_3245, // (1-d)^65536
    0x2978_5c89_f84a_db1d, // (1-d)^131072
];

/// `1.0` in the 2^64 fixed point of [`decay_factor_x64`].
pub const ONE_X64: u128 = 1 << 64;

/// Why a schedule query has no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    /// The epoch is 0 or past [`LAST_EPOCH`].
    EpochOutOfRange,
    /// The mint has more than [`MAX_DECIMALS`] decimals.
    UnsupportedDecimals,
    /// Cumulative minted already exceeds the cap: the caller's accounting is corrupt.
    CumulativeAboveCap,
    /// A timestamp computation overflowed `i64`.
    TimestampOverflow,
    /// A display scale asked for more digits than 128-bit math can carry.
    PrecisionOverflow,
}

/// One IO in base units for a mint with `decimals` decimals.
pub const fn base_units_per_io(decimals: u8) -> Result<u64, ScheduleError> {
    if decimals > MAX_DECIMALS {
        return Err(ScheduleError::UnsupportedDecimals);
    }
    // 10^10 fits easily; MAX_DECIMALS keeps every IO amount below u64::MAX (see io_to_base_units).
    Ok(10u64.pow(decimals as u32))
}

/// `io` whole IO in base units. Every published supply figure fits for `decimals <= 10`.
pub const fn io_to_base_units(io: u64, decimals: u8) -> Result<u64, ScheduleError> {
    match base_units_per_io(decimals) {
        Ok(unit) => match io.checked_mul(unit) {
            Some(amount) => Ok(amount),
            None => Err(ScheduleError::UnsupportedDecimals),
        },
        Err(e) => Err(e),
    }
}

/// Genesis supply (500M IO) in base units.
pub const fn genesis_supply(decimals: u8) -> Result<u64, ScheduleError> {
    io_to_base_units(GENESIS_SUPPLY_IO, decimals)
}

/// Hard cap on total supply (800M IO) in base units.
pub const fn max_supply(decimals: u8) -> Result<u64, ScheduleError> {
    io_to_base_units(MAX_SUPPLY_IO, decimals)
}

/// What the schedule may release in total (300M IO) in base units.
pub const fn emission_cap(decimals: u8) -> Result<u64, ScheduleError> {
    io_to_base_units(EMISSION_CAP_IO, decimals)
}

/// `(1-d)^(epoch-1)` as a 2^64 fixed-point number, floored; `ONE_X64` for epoch 1.
///
/// This is also the epoch's rate relative to the first epoch: `Rate_n = decay / (109_500 * 2^64)`.
pub const fn decay_factor_x64(epoch: u32) -> Result<u128, ScheduleError> {
    if epoch == 0 || epoch > LAST_EPOCH {
        return Err(ScheduleError::EpochOutOfRange);
    }
    let mut exponent = epoch - 1;
    let mut factor = ONE_X64;
    let mut bit = 0;
    while exponent != 0 {
        if exponent & 1 == 1 {
            // factor <= 2^64 and the entry < 2^64, so the product is < 2^128 and cannot overflow;
            // shifting floors, which keeps the result at or below the exact value.
            factor = (factor * DECAY_POWERS_X64[bit] as u128) >> 64;
        }
        exponent >>= 1;
        bit += 1;
    }
    Ok(factor)
}

/// The scheduled emission of `epoch` in base units (before the cap clamp), floored.
///
/// Strictly decreasing in `epoch`. O(log epoch): at most 17 multiplications.
pub const fn epoch_emission(epoch: u32, decimals: u8) -> Result<u64, ScheduleError> {
    let genesis = match genesis_supply(decimals) {
        Ok(amount) => amount,
        Err(e) => return Err(e),
    };
    let factor = match decay_factor_x64(epoch) {
        Ok(f) => f,
        Err(e) => return Err(e),
    };
    // genesis <= 5 * 10^18 and factor <= 2^64: the product is below 9.3 * 10^37 < u128::MAX.
    // floor(floor(x / 2^64) / 109_500) == floor(x / (2^64 * 109_500)) for non-negative x.
    let scaled = (genesis as u128 * factor) >> 64;
    // scaled <= genesis, so it fits a u64 after dividing.
    Ok((scaled / FIRST_EPOCH_RATE_DENOMINATOR as u128) as u64)
}

/// What minting `epoch` may release given `cumulative_minted` so far: the scheduled emission,
/// clamped to what is left under the cap. This is the amount the program mints.
pub const fn epoch_mint_amount(
    epoch: u32,
    decimals: u8,
    cumulative_minted: u64,
) -> Result<u64, ScheduleError> {
    match epoch_emission(epoch, decimals) {
        Ok(scheduled) => clamp_to_cap(scheduled, decimals, cumulative_minted),
        Err(e) => Err(e),
    }
}

/// `scheduled` clamped to what the cap still allows after `cumulative_minted`.
pub const fn clamp_to_cap(
    scheduled: u64,
    decimals: u8,
    cumulative_minted: u64,
) -> Result<u64, ScheduleError> {
    let cap = match emission_cap(decimals) {
        Ok(cap) => cap,
        Err(e) => return Err(e),
    };
    let remaining = match cap.checked_sub(cumulative_minted) {
        Some(remaining) => remaining,
        None => return Err(ScheduleError::CumulativeAboveCap),
    };
    Ok(if scheduled < remaining {
        scheduled
    } else {
        remaining
    })
}

/// One row of the schedule as the program would mint it, epoch after epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EpochRow {
    pub epoch: u32,
    /// The unclamped scheduled amount ([`epoch_emission`]).
    pub scheduled: u64,
    /// What is actually minted: `scheduled` clamped to the remaining cap.
    pub minted: u64,
    /// Total minted by the schedule through this epoch, never above [`emission_cap`].
    pub cumulative: u64,
}

/// Iterates the whole schedule in order, with the cap clamp applied exactly as on chain.
#[derive(Clone, Debug)]
pub struct ScheduleIter {
    next_epoch: u32,
    decimals: u8,
    cumulative: u64,
}

impl ScheduleIter {
    /// Starts at epoch 1. Fails only for unsupported decimals.
    pub fn new(decimals: u8) -> Result<Self, ScheduleError> {
        emission_cap(decimals)?;
        Ok(Self {
            next_epoch: 1,
            decimals,
            cumulative: 0,
        })
    }
}

impl Iterator for ScheduleIter {
    type Item = EpochRow;

    fn next(&mut self) -> Option<EpochRow> {
        let epoch = self.next_epoch;
        let scheduled = epoch_emission(epoch, self.decimals).ok()?;
        let minted = clamp_to_cap(scheduled, self.decimals, self.cumulative).ok()?;
        // minted <= cap - cumulative, so the sum stays at or below the cap.
        self.cumulative += minted;
        self.next_epoch += 1;
        Some(EpochRow {
            epoch,
            scheduled,
            minted,
            cumulative: self.cumulative,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (LAST_EPOCH + 1).saturating_sub(self.next_epoch) as usize;
        (left, Some(left))
    }
}

/// Total minted by the schedule through `epoch` (clamped to the cap). O(epoch): for the keeper
/// and CLI; the program keeps its own running counter instead.
pub fn cumulative_emission(epoch: u32, decimals: u8) -> Result<u64, ScheduleError> {
    if epoch > LAST_EPOCH {
        return Err(ScheduleError::EpochOutOfRange);
    }
    let mut cumulative = 0;
    for row in ScheduleIter::new(decimals)?.take(epoch as usize) {
        cumulative = row.cumulative;
    }
    Ok(cumulative)
}

/// Where a timestamp falls relative to the schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EpochPosition {
    BeforeGenesis,
    /// Inside `[start(n), end(n))`.
    Epoch(u32),
    /// At or after the end of the last epoch.
    AfterSchedule,
}

/// First second of `epoch`: `genesis + (epoch-1) * 3600`.
pub const fn epoch_start(genesis: i64, epoch: u32) -> Result<i64, ScheduleError> {
    if epoch == 0 || epoch > LAST_EPOCH {
        return Err(ScheduleError::EpochOutOfRange);
    }
    match genesis.checked_add((epoch as i64 - 1) * EPOCH_DURATION_SECONDS) {
        Some(start) => Ok(start),
        None => Err(ScheduleError::TimestampOverflow),
    }
}

/// First second after `epoch`: `genesis + epoch * 3600`. An epoch may be minted from this time on.
pub const fn epoch_end(genesis: i64, epoch: u32) -> Result<i64, ScheduleError> {
    if epoch == 0 || epoch > LAST_EPOCH {
        return Err(ScheduleError::EpochOutOfRange);
    }
    // epoch * 3600 <= 631,148,400: no overflow before the addition.
    match genesis.checked_add(epoch as i64 * EPOCH_DURATION_SECONDS) {
        Some(end) => Ok(end),
        None => Err(ScheduleError::TimestampOverflow),
    }
}

/// The epoch containing `timestamp`.
pub const fn epoch_at(genesis: i64, timestamp: i64) -> EpochPosition {
    if timestamp < genesis {
        return EpochPosition::BeforeGenesis;
    }
    // timestamp >= genesis, so the difference is non-negative; i128 rules out overflow.
    let elapsed = timestamp as i128 - genesis as i128;
    let index = elapsed / EPOCH_DURATION_SECONDS as i128;
    if index >= LAST_EPOCH as i128 {
        EpochPosition::AfterSchedule
    } else {
        EpochPosition::Epoch(index as u32 + 1)
    }
}

/// How many epochs have fully ended at `timestamp` (0 before the first hour is over, at most
/// [`LAST_EPOCH`]). A keeper may mint every epoch up to this one.
pub const fn last_ended_epoch(genesis: i64, timestamp: i64) -> u32 {
    match epoch_at(genesis, timestamp) {
        EpochPosition::BeforeGenesis => 0,
        EpochPosition::Epoch(n) => n - 1,
        EpochPosition::AfterSchedule => LAST_EPOCH,
    }
}

/// An epoch's rate in percent of the genesis supply, scaled by `10^scale_digits` and rounded to
/// nearest; `annualised` multiplies by 8,760 hours as the published 8% does. For display.
pub fn epoch_rate_percent_scaled(
    epoch: u32,
    scale_digits: u32,
    annualised: bool,
) -> Result<u128, ScheduleError> {
    let factor = decay_factor_x64(epoch)?;
    let hours = if annualised {
        RATE_HOURS_PER_YEAR as u128
    } else {
        1
    };
    let numerator = 10u128
        .checked_pow(scale_digits)
        .and_then(|scale| factor.checked_mul(hours * 100)?.checked_mul(scale))
        .ok_or(ScheduleError::PrecisionOverflow)?;
    let denominator = (FIRST_EPOCH_RATE_DENOMINATOR as u128) << 64;
    Ok((numerator + denominator / 2) / denominator)
}

#[cfg(test)]
mod tests;
