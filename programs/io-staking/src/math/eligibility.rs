//! Stake requirement, weight and activation rules (docs/design.md sections 3 and 4).

/// Multipliers are stored in hundredths: H100 = 1000 (10.00x), RTX 4090 = 125 (1.25x).
pub const MULTIPLIER_ONE: u32 = 100;

/// A co-staker who asks to leave waits 7 days (its stake still counts, its share earns nothing)
/// before its 14-day cooldown (published).
pub const CO_STAKE_EXIT_WAIT_SECONDS: i64 = 7 * 86_400;
/// The longest reservation io-payments takes (720 whole hours): a payments authority can never
/// hold a device longer than one reservation from now.
pub const MAX_RENTAL_SECONDS: i64 = 720 * 3_600;
/// A co-stake is at most half of the device's total stake (published).
pub const MAX_CO_STAKE_BPS: u64 = 5_000;
/// Accepted offers one co-staker wallet may hold at a time (published).
pub const MAX_CO_STAKES_PER_WALLET: u8 = 2;

/// Splits a settlement's credit: the co-staker's `credited x bps / 10,000` rounded down, the
/// owner the rest, so the two always add up to the credit (no new dust).
pub fn split_credit(credited: u64, co_share_bps: u16) -> Option<(u64, u64)> {
    let scaled = (credited as u128).checked_mul(co_share_bps as u128)?;
    let co = u64::try_from(scaled.checked_div(10_000)?).ok()?;
    Some((credited.checked_sub(co)?, co))
}

/// `amount x part / whole`, rounded down: the co-staker's side of a slash taken pro rata.
pub fn pro_rata(amount: u64, part: u64, whole: u64) -> Option<u64> {
    if whole == 0 {
        return Some(0);
    }
    let scaled = (amount as u128).checked_mul(part as u128)?;
    u64::try_from(scaled.checked_div(whole as u128)?).ok()
}

/// Whether a co-stake of `co_stake` next to the owner's `owner_stake` keeps within the
/// published cap: at most half of the device's total stake.
pub fn within_co_stake_cap(owner_stake: u64, co_stake: u64) -> bool {
    // u64 + u64 and u64 x 10,000 always fit a u128: the saturations never happen.
    let total = (owner_stake as u128).saturating_add(co_stake as u128);
    (co_stake as u128).saturating_mul(10_000) <= total.saturating_mul(MAX_CO_STAKE_BPS as u128)
}

/// Why a device is not eligible to earn, in the order they are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ineligible {
    /// Not staking: unstake requested (stake in cooldown no longer counts) or withdrawn (a
    /// co-stake left behind by the owner's withdrawal never makes a device eligible).
    NotStaking,
    /// The GPU model's multiplier is 0: it earns nothing.
    ZeroMultiplier,
    /// Stake below `required_stake`.
    Understaked,
}

/// Required stake in base units: `base_per_gpu x max(1, M) x gpu_count`, rounded up so the
/// protocol never accepts less than the published requirement.
pub fn required_stake(base_per_gpu: u64, multiplier_centi: u32, gpu_count: u16) -> Option<u64> {
    let multiplier = multiplier_centi.max(MULTIPLIER_ONE) as u128;
    let numerator = (base_per_gpu as u128)
        .checked_mul(multiplier)?
        .checked_mul(gpu_count as u128)?;
    u64::try_from(numerator.div_ceil(MULTIPLIER_ONE as u128)).ok()
}

/// Reward weight `M x gpu_count`, in hundredths (the unit cancels out in the pro-rata split).
pub fn weight(multiplier_centi: u32, gpu_count: u16) -> u64 {
    // u32 * u16 always fits u64: the saturation can never happen.
    u64::from(multiplier_centi).saturating_mul(u64::from(gpu_count))
}

/// Whether a device may hold weight, ignoring its uptime streak.
pub fn check_eligible(
    stake: u64,
    required: u64,
    staking: bool,
    multiplier_centi: u32,
) -> Result<(), Ineligible> {
    if !staking {
        Err(Ineligible::NotStaking)
    } else if multiplier_centi == 0 {
        Err(Ineligible::ZeroMultiplier)
    } else if stake < required {
        Err(Ineligible::Understaked)
    } else {
        Ok(())
    }
}

/// Whether a device is stale when settled against the root of `root_epoch`: its last up epoch
/// (or its registration, if it was never up) is at least `staleness_epochs` older. Measured
/// against a finalized root, never the clock, so a keeper outage of any length makes no device
/// stale.
pub fn is_stale(root_epoch: u32, last_up_epoch: u32, staleness_epochs: u32) -> bool {
    root_epoch.saturating_sub(last_up_epoch) >= staleness_epochs
}

#[cfg(test)]
mod tests {
    use super::*;

    const IO: u64 = 100_000_000; // 8 decimals
    const BASE: u64 = 200 * IO;

    #[test]
    fn required_stake_follows_the_published_formula() {
        assert_eq!(required_stake(BASE, 1_000, 1), Some(2_000 * IO)); // H100: 200 x 10
        assert_eq!(required_stake(BASE, 1_000, 8), Some(16_000 * IO));
        assert_eq!(required_stake(BASE, 125, 1), Some(250 * IO)); // RTX 4090: 200 x 1.25
        assert_eq!(required_stake(BASE, 25, 4), Some(800 * IO)); // L4: max(1, 0.25) = 1
        assert_eq!(required_stake(BASE, 0, 2), Some(400 * IO)); // A10: M = 0 still stakes 200/GPU
        assert_eq!(required_stake(BASE, 450, 1), Some(900 * IO)); // RTX 6000 Ada: 4.5
                                                                  // Rounds up: 1 base unit x 1.25 = 1.25 -> 2.
        assert_eq!(required_stake(1, 125, 1), Some(2));
        assert_eq!(required_stake(u64::MAX, 3_000, u16::MAX), None);
    }

    #[test]
    fn weight_is_multiplier_times_gpus() {
        assert_eq!(weight(1_000, 8), 8_000);
        assert_eq!(weight(0, 8), 0);
        assert_eq!(
            weight(u32::MAX, u16::MAX),
            u32::MAX as u64 * u16::MAX as u64
        );
    }

    #[test]
    fn eligibility_reasons() {
        assert_eq!(check_eligible(10, 10, true, 100), Ok(()));
        assert_eq!(check_eligible(11, 10, true, 100), Ok(()));
        assert_eq!(
            check_eligible(9, 10, true, 100),
            Err(Ineligible::Understaked)
        );
        assert_eq!(
            check_eligible(10, 10, true, 0),
            Err(Ineligible::ZeroMultiplier)
        );
        assert_eq!(
            check_eligible(10, 10, false, 100),
            Err(Ineligible::NotStaking)
        );
    }

    #[test]
    fn credit_splits_exactly_co_staker_rounded_down() {
        // The published example: a 74% co-staker share.
        assert_eq!(split_credit(1_000_000, 7_400), Some((260_000, 740_000)));
        assert_eq!(split_credit(101, 7_400), Some((27, 74))); // 74.74 -> 74
        assert_eq!(split_credit(u64::MAX, 10_000), Some((0, u64::MAX)));
        assert_eq!(split_credit(5, 0), Some((5, 0)));
        for credited in [0u64, 1, 7, 999, 123_456_789] {
            let (owner, co) = split_credit(credited, 3_333).unwrap();
            assert_eq!(owner + co, credited);
        }
    }

    #[test]
    fn co_stake_cap_is_half_of_the_total() {
        assert!(within_co_stake_cap(2_000, 2_000));
        assert!(!within_co_stake_cap(2_000, 2_001));
        assert!(within_co_stake_cap(1, 0));
        assert!(!within_co_stake_cap(0, 1));
        assert_eq!(pro_rata(100, 1, 3), Some(33));
        assert_eq!(pro_rata(100, 0, 0), Some(0));
    }

    #[test]
    fn staleness_follows_the_roots_not_the_clock() {
        // The root of epoch 400; a device last up in 232 is 168 behind.
        assert!(is_stale(400, 232, 168));
        assert!(!is_stale(400, 233, 168));
        // A root older than the last up epoch (a settle racing a newer one) is never stale.
        assert!(!is_stale(100, 231, 168));
        assert!(!is_stale(0, 0, 168));
    }
}
