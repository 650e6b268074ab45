//! Lazy settlement of one device from its uptime leaf (docs/design.md section 14), as pure
//! functions: section 4's rules applied epoch by epoch over the device's unsettled window, with
//! no allocation and a bounded loop (at most 720 epochs).

use crate::math::merkle::{was_up, Uptime, UPTIME_EPOCHS};
use crate::math::rewards::{self, Accumulator, Position, RewardMathError, Settlement};

/// Epochs of a leaf, as a `u32`.
const WINDOW: u32 = UPTIME_EPOCHS as u32;

/// The first epoch a settlement against the root of `root_epoch` covers: after the device's last
/// settled epoch and its registration, and inside the leaf's 720 epochs. Older unsettled epochs
/// are forfeited (as attestations older than the window were).
pub fn first_unsettled(root_epoch: u32, settled_epoch: u32, registered_after_epoch: u32) -> u32 {
    let oldest_in_leaf = root_epoch.saturating_sub(WINDOW - 1);
    settled_epoch
        .max(registered_after_epoch)
        .saturating_add(1)
        .max(oldest_in_leaf)
}

/// Whether the leaf says the device was up in `epoch` (inside the leaf, and after `after`).
pub fn up_in(uptime: &Uptime, root_epoch: u32, epoch: u32, after: u32) -> bool {
    epoch > after
        && root_epoch
            .checked_sub(epoch)
            .is_some_and(|back| was_up(uptime, back))
}

/// The newest epoch the leaf says the device was up in, after `after`.
pub fn newest_up(uptime: &Uptime, root_epoch: u32, after: u32) -> Option<u32> {
    (0..WINDOW)
        .map_while(|back| root_epoch.checked_sub(back))
        .find(|epoch| up_in(uptime, root_epoch, *epoch, after))
}

/// Consecutive up epochs ending at `last` (0 if it was not up), after `after`.
pub fn streak_ending(uptime: &Uptime, root_epoch: u32, last: u32, after: u32) -> u32 {
    (0..WINDOW)
        .map_while(|back| last.checked_sub(back))
        .take_while(|epoch| up_in(uptime, root_epoch, *epoch, after))
        .count() as u32
}

/// The device's last up epoch and uptime streak once settled against a leaf of `root_epoch`:
/// the leaf's newest up epoch and the streak ending there, when newer than what the device
/// had (`last_up`, `streak`). `settle` and the keepers' crank both use it, so they agree.
pub fn advance_uptime(
    uptime: &Uptime,
    root_epoch: u32,
    after: u32,
    last_up: u32,
    streak: u32,
) -> (u32, u32) {
    match newest_up(uptime, root_epoch, after) {
        Some(newest) if newest > last_up => {
            (newest, streak_ending(uptime, root_epoch, newest, after))
        }
        _ => (last_up, streak),
    }
}

/// Settles an active device for epochs `from ..= root_epoch`: each up epoch is credited
/// `w × Δrpw` (as one attestation of it was), each other epoch it held weight for is forfeited,
/// down to the close of `root_epoch`. `rpw_at(e)` is the accumulator right after epoch `e`
/// closed (`None` once the ring no longer holds it: that epoch is forfeited with the next);
/// `on_credit(e, amount)` books each epoch's credit (the co-staker's share depends on when it
/// ended). An inactive device is settled by doing nothing: it held no weight.
pub fn settle_epochs<E: From<RewardMathError>>(
    acc: &mut Accumulator,
    pos: &mut Position,
    uptime: &Uptime,
    root_epoch: u32,
    from: u32,
    rpw_at: impl Fn(u32) -> Option<u128>,
    mut on_credit: impl FnMut(u32, u64) -> Result<(), E>,
) -> Result<Settlement, E> {
    let mut total = Settlement::default();
    if !pos.active {
        return Ok(total);
    }
    for epoch in from..=root_epoch {
        if !up_in(uptime, root_epoch, epoch, 0) {
            continue;
        }
        let (Some(before), Some(after)) = (rpw_at(epoch.saturating_sub(1)), rpw_at(epoch)) else {
            continue;
        };
        let settled = rewards::settle_attested(acc, pos, before, after)?;
        if settled.credited > 0 {
            on_credit(epoch, settled.credited)?;
        }
        total = total.combine(settled)?;
    }
    if let Some(end) = rpw_at(root_epoch) {
        let forfeited = rewards::forfeit_until(acc, pos, end)?;
        total = total.combine(Settlement {
            credited: 0,
            forfeited,
        })?;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::merkle::{set_up, UPTIME_BYTES};
    use crate::math::rewards::{activate, close_epoch, RPW_SCALE};

    fn uptime(root: u32, up: &[u32]) -> Uptime {
        let mut bits = [0u8; UPTIME_BYTES];
        for epoch in up {
            set_up(&mut bits, root - epoch);
        }
        bits
    }

    /// One device of weight 1 alone: the accumulator after epoch `e` closed is `e` whole
    /// tokens (one per epoch).
    fn alone() -> (Accumulator, Position) {
        let mut acc = Accumulator::default();
        let mut pos = Position {
            weight: 1,
            ..Position::default()
        };
        activate(&mut acc, &mut pos).unwrap();
        (acc, pos)
    }

    fn run(
        acc: &mut Accumulator,
        pos: &mut Position,
        bits: &Uptime,
        root: u32,
        from: u32,
        ring_from: u32,
    ) -> (Settlement, Vec<(u32, u64)>) {
        let mut credits = Vec::new();
        let settled = settle_epochs::<RewardMathError>(
            acc,
            pos,
            bits,
            root,
            from,
            |e| (e >= ring_from).then_some(e as u128 * RPW_SCALE),
            |e, amount| {
                credits.push((e, amount));
                Ok(())
            },
        )
        .unwrap();
        (settled, credits)
    }

    #[test]
    fn up_epochs_are_credited_and_the_rest_forfeited_down_to_the_root() {
        let (mut acc, mut pos) = alone();
        for _ in 0..10 {
            close_epoch(&mut acc, 1).unwrap();
        }
        let bits = uptime(10, &[2, 3, 7]);
        let (settled, credits) = run(&mut acc, &mut pos, &bits, 10, 1, 0);
        assert_eq!(credits, vec![(2, 1), (3, 1), (7, 1)]);
        assert_eq!(
            settled,
            Settlement {
                credited: 3,
                forfeited: 7
            }
        );
        assert_eq!(pos.checkpoint, 10 * RPW_SCALE);
        // Against the same root again: nothing left.
        let (again, _) = run(&mut acc, &mut pos, &bits, 10, 11, 0);
        assert_eq!(again, Settlement::default());
    }

    #[test]
    fn epochs_the_ring_no_longer_holds_are_forfeited_never_credited() {
        let (mut acc, mut pos) = alone();
        for _ in 0..10 {
            close_epoch(&mut acc, 1).unwrap();
        }
        let bits = uptime(10, &(1..=10).collect::<Vec<_>>());
        let (settled, credits) = run(&mut acc, &mut pos, &bits, 10, 1, 5);
        assert_eq!(credits.first(), Some(&(6, 1)));
        assert_eq!(
            settled,
            Settlement {
                credited: 5,
                forfeited: 5
            }
        );
    }

    #[test]
    fn an_inactive_device_settles_nothing() {
        let mut acc = Accumulator::default();
        let mut pos = Position::default();
        let bits = uptime(10, &[10]);
        let (settled, credits) = run(&mut acc, &mut pos, &bits, 10, 1, 0);
        assert_eq!((settled, credits.len()), (Settlement::default(), 0));
    }

    #[test]
    fn the_window_streak_and_newest_up_epoch() {
        assert_eq!(first_unsettled(1_000, 0, 0), 281);
        assert_eq!(first_unsettled(1_000, 990, 0), 991);
        assert_eq!(first_unsettled(1_000, 3, 995), 996);
        let bits = uptime(100, &[95, 96, 97, 98, 99]);
        assert_eq!(newest_up(&bits, 100, 0), Some(99));
        assert_eq!(streak_ending(&bits, 100, 99, 0), 5);
        assert_eq!(
            streak_ending(&bits, 100, 99, 96),
            3,
            "not before registration"
        );
        assert_eq!(streak_ending(&bits, 100, 100, 0), 0);
        assert_eq!(newest_up(&uptime(100, &[]), 100, 0), None);
        assert!(!up_in(&bits, 100, 101, 0));
    }
}
