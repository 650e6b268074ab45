//! Uptime-gated reward accounting (docs/design.md section 4) as pure integer functions.
//!
//! The program applies these to its accounts and the keeper uses them to predict payouts, so
//! both always agree. Nothing here allocates, uses floats or can panic: every step is checked and
//! reports [`RewardMathError`].
//!
//! Model: a global accumulator `reward_per_weight` (scaled by [`RPW_SCALE`]) rises at each epoch
//! close by `(emission * SCALE + carry_scaled) / W`. The exact remainder stays *scaled* in
//! `carry_scaled`, so no base unit is created by rounding. A device of weight `w` is owed
//! `w * (rpw_now - checkpoint) / SCALE` for the epochs it held weight; attestation converts the
//! part of an attested epoch into a credit and everything older and unattested into a forfeit,
//! which flows back into `carry_scaled` and is paid out gradually, a bounded share per close. Every settlement
//! rounds down, losing less than one base unit to the protocol.

/// Fixed-point scale of `reward_per_weight`.
pub const RPW_SCALE: u128 = 1_000_000_000_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RewardMathError {
    Overflow,
    /// An attested epoch's accumulator values are no longer (or not yet) in the ring buffer.
    EpochOutsideWindow,
}

/// The global side of the accounting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accumulator {
    /// Cumulative reward per unit of weight, scaled by [`RPW_SCALE`].
    pub reward_per_weight: u128,
    /// Sum of the weights of active devices.
    pub total_weight: u128,
    /// Undistributed value (remainders and forfeits), scaled by [`RPW_SCALE`].
    pub carry_scaled: u128,
}

/// The per-device side of the accounting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub weight: u64,
    pub active: bool,
    /// `reward_per_weight` up to which this device is settled.
    pub checkpoint: u128,
}

/// What one settlement moved, in base units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Settlement {
    /// Owed to the device (becomes claimable).
    pub credited: u64,
    /// Held weight but not attested: back to the pool via `carry_scaled`.
    pub forfeited: u64,
}

impl Settlement {
    pub fn combine(self, other: Settlement) -> Result<Settlement, RewardMathError> {
        Ok(Settlement {
            credited: self
                .credited
                .checked_add(other.credited)
                .ok_or(RewardMathError::Overflow)?,
            forfeited: self
                .forfeited
                .checked_add(other.forfeited)
                .ok_or(RewardMathError::Overflow)?,
        })
    }
}

/// `later - earlier` of two accumulator values (checked: the accumulator only grows).
fn delta(later: u128, earlier: u128) -> Result<u128, RewardMathError> {
    later.checked_sub(earlier).ok_or(RewardMathError::Overflow)
}

/// `weight * rpw_delta / SCALE`, floored (the device never gets the rounding).
pub fn owed(weight: u64, rpw_delta: u128) -> Result<u64, RewardMathError> {
    let scaled = (weight as u128)
        .checked_mul(rpw_delta)
        .ok_or(RewardMathError::Overflow)?;
    u64::try_from(scaled / RPW_SCALE).map_err(|_| RewardMathError::Overflow)
}

/// Splits an epoch's emission between reward classes by their shares (basis points that add
/// up to 10,000): each class gets `floor(emission x share / 10,000)`, and what the flooring
/// leaves goes to the first class, so the parts always add up to the emission exactly.
pub fn split_emission<const N: usize>(
    emission: u64,
    shares_bps: &[u16; N],
) -> Result<[u64; N], RewardMathError> {
    let mut parts = [0u64; N];
    let mut given = 0u64;
    for (part, share) in parts.iter_mut().zip(shares_bps) {
        let amount = (emission as u128)
            .checked_mul(*share as u128)
            .ok_or(RewardMathError::Overflow)?
            / 10_000;
        *part = u64::try_from(amount).map_err(|_| RewardMathError::Overflow)?;
        given = given.checked_add(*part).ok_or(RewardMathError::Overflow)?;
    }
    let rest = emission
        .checked_sub(given)
        .ok_or(RewardMathError::Overflow)?;
    if let Some(first) = parts.first_mut() {
        *first = first.checked_add(rest).ok_or(RewardMathError::Overflow)?;
    }
    Ok(parts)
}

/// A close pays out at most this many epochs' emission from the carry, on top of its own
/// emission. Forfeits and epochs nobody was active for (an outage) are paid out over the
/// following closes instead of all at the next one, so the first devices back after a long
/// outage get at most a day's emission extra per hour, not the whole outage's; a carry of
/// up to a day's emission (the ordinary case: a few forfeits, the epochs before the first
/// device joined) is still paid at the next close.
pub const CARRY_RELEASE_EPOCHS: u128 = 24;

/// The part of `carry_scaled` a close of `scaled_emission` releases. A close with no emission
/// (a class whose share is 0) has no hourly rate to bound the release by: it releases the whole
/// carry, so a class's forfeits are never stranded.
pub fn carry_release(carry_scaled: u128, scaled_emission: u128) -> u128 {
    if scaled_emission == 0 {
        carry_scaled
    } else {
        carry_scaled.min(scaled_emission.saturating_mul(CARRY_RELEASE_EPOCHS))
    }
}

/// Closes an epoch that minted `emission` base units: distributes the emission and
/// [`carry_release`] of the carry (at most [`CARRY_RELEASE_EPOCHS`] times the emission) over
/// the active weight, or carries all of it when nobody is
/// active. What a division leaves stays in the carry, scaled, so nothing is created or lost.
/// Returns the new `reward_per_weight`.
pub fn close_epoch(acc: &mut Accumulator, emission: u64) -> Result<u128, RewardMathError> {
    let scaled_emission = (emission as u128)
        .checked_mul(RPW_SCALE)
        .ok_or(RewardMathError::Overflow)?;
    if acc.total_weight == 0 {
        // Nobody active: everything waits.
        acc.carry_scaled = acc
            .carry_scaled
            .checked_add(scaled_emission)
            .ok_or(RewardMathError::Overflow)?;
        return Ok(acc.reward_per_weight);
    }
    let released = carry_release(acc.carry_scaled, scaled_emission);
    let kept = acc
        .carry_scaled
        .checked_sub(released)
        .ok_or(RewardMathError::Overflow)?;
    let pot = scaled_emission
        .checked_add(released)
        .ok_or(RewardMathError::Overflow)?;
    match pot.checked_div(acc.total_weight) {
        None => return Err(RewardMathError::Overflow),
        Some(delta) => {
            // delta * W <= pot, so neither the product nor the subtraction can fail.
            let distributed = delta
                .checked_mul(acc.total_weight)
                .ok_or(RewardMathError::Overflow)?;
            acc.carry_scaled = pot
                .checked_sub(distributed)
                .and_then(|rest| rest.checked_add(kept))
                .ok_or(RewardMathError::Overflow)?;
            acc.reward_per_weight = acc
                .reward_per_weight
                .checked_add(delta)
                .ok_or(RewardMathError::Overflow)?;
        }
    }
    Ok(acc.reward_per_weight)
}

fn forfeit(acc: &mut Accumulator, weight: u64, rpw_delta: u128) -> Result<u64, RewardMathError> {
    let amount = owed(weight, rpw_delta)?;
    let scaled = (amount as u128)
        .checked_mul(RPW_SCALE)
        .ok_or(RewardMathError::Overflow)?;
    acc.carry_scaled = acc
        .carry_scaled
        .checked_add(scaled)
        .ok_or(RewardMathError::Overflow)?;
    Ok(amount)
}

/// Settles an *active* device attested up for the epoch whose accumulator went from
/// `rpw_before` (close of the previous epoch) to `rpw_after` (close of this epoch): credits its
/// share of that epoch, forfeits whatever it held weight for before and was never attested.
pub fn settle_attested(
    acc: &mut Accumulator,
    pos: &mut Position,
    rpw_before: u128,
    rpw_after: u128,
) -> Result<Settlement, RewardMathError> {
    let mut settlement = Settlement::default();
    if !pos.active {
        return Ok(settlement);
    }
    if pos.checkpoint < rpw_before {
        settlement.forfeited = forfeit(acc, pos.weight, delta(rpw_before, pos.checkpoint)?)?;
    }
    let base = pos.checkpoint.max(rpw_before);
    if rpw_after > base {
        settlement.credited = owed(pos.weight, delta(rpw_after, base)?)?;
    }
    pos.checkpoint = pos.checkpoint.max(rpw_after);
    Ok(settlement)
}

/// Forfeits what an active device accrued from its checkpoint up to `rpw` (epochs it held weight
/// for and was not up) and moves its checkpoint there. 0 when inactive or already past `rpw`.
pub fn forfeit_until(
    acc: &mut Accumulator,
    pos: &mut Position,
    rpw: u128,
) -> Result<u64, RewardMathError> {
    if !pos.active || rpw <= pos.checkpoint {
        return Ok(0);
    }
    let amount = forfeit(acc, pos.weight, delta(rpw, pos.checkpoint)?)?;
    pos.checkpoint = rpw;
    Ok(amount)
}

/// Adds a device to the active weight; it earns from the next close on.
pub fn activate(acc: &mut Accumulator, pos: &mut Position) -> Result<(), RewardMathError> {
    if pos.active {
        return Ok(());
    }
    acc.total_weight = acc
        .total_weight
        .checked_add(pos.weight as u128)
        .ok_or(RewardMathError::Overflow)?;
    pos.active = true;
    pos.checkpoint = acc.reward_per_weight;
    Ok(())
}

/// Removes a device from the active weight (unstake, stake below requirement, staleness,
/// slash): everything it accrued since its last attested settlement is forfeited.
pub fn deactivate(
    acc: &mut Accumulator,
    pos: &mut Position,
) -> Result<Settlement, RewardMathError> {
    let mut settlement = Settlement::default();
    if !pos.active {
        return Ok(settlement);
    }
    if acc.reward_per_weight > pos.checkpoint {
        settlement.forfeited = forfeit(
            acc,
            pos.weight,
            delta(acc.reward_per_weight, pos.checkpoint)?,
        )?;
    }
    pos.checkpoint = acc.reward_per_weight;
    pos.active = false;
    acc.total_weight = acc
        .total_weight
        .checked_sub(pos.weight as u128)
        .ok_or(RewardMathError::Overflow)?;
    Ok(settlement)
}

/// What an active device has accrued but not yet settled, in base units (floored). The vault
/// holds this for it until attestation credits or forfeits it.
pub fn outstanding(acc: &Accumulator, pos: &Position) -> Result<u64, RewardMathError> {
    if !pos.active || acc.reward_per_weight <= pos.checkpoint {
        return Ok(0);
    }
    owed(pos.weight, delta(acc.reward_per_weight, pos.checkpoint)?)
}

#[cfg(test)]
mod tests;
