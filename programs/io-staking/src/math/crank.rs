//! Which devices the keepers' crank settles from a root (docs/design.md section 14): those the
//! leaf moves into or out of the active set, and active ones about to lose epochs to the end
//! of the window. Every other settle only books credit its owner collects when claiming (the
//! clients settle first), so the crank skips it: at steady state a small fraction of the
//! devices per hour. The rules are `settle`'s own, so the crank never sends a settle that
//! changes nothing it counts on.

use crate::math::eligibility::is_stale;
use crate::math::merkle::Uptime;
use crate::math::settlement::{advance_uptime, up_in};

/// Unsettled epochs after which an active device is settled whatever its leaf says: 120 before
/// the 720-epoch window would start forfeiting them.
pub const WINDOW_MARGIN: u32 = 600;

/// What the crank reads of a device.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeviceView {
    pub active: bool,
    /// Meets its stake requirement, staking, non-zero multiplier (`Device::eligibility`).
    pub eligible: bool,
    pub settled_epoch: u32,
    pub registered_after_epoch: u32,
    pub last_attested_epoch: u32,
    pub streak: u32,
}

/// Why the crank settles a device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Eligible, up in the root's epoch, and its streak reaches the nomination streak.
    Joins,
    /// Active, and stale or no longer eligible.
    Leaves,
    /// Active, and unsettled for [`WINDOW_MARGIN`] epochs or more.
    WindowEnding,
}

/// Whether the crank settles `device` from its leaf `uptime` in the root of `root_epoch`.
pub fn need(
    device: &DeviceView,
    uptime: &Uptime,
    root_epoch: u32,
    nomination_streak: u32,
    staleness_epochs: u32,
) -> Option<Need> {
    if root_epoch <= device.settled_epoch {
        return None;
    }
    let after = device.registered_after_epoch;
    let (last_up, streak) = advance_uptime(
        uptime,
        root_epoch,
        after,
        device.last_attested_epoch,
        device.streak,
    );
    if device.active {
        if !device.eligible || is_stale(root_epoch, last_up.max(after), staleness_epochs) {
            return Some(Need::Leaves);
        }
        let unsettled = root_epoch.saturating_sub(device.settled_epoch.max(after));
        return (unsettled >= WINDOW_MARGIN).then_some(Need::WindowEnding);
    }
    let up_now = up_in(uptime, root_epoch, root_epoch, after);
    (device.eligible && up_now && streak >= nomination_streak).then_some(Need::Joins)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::merkle::{set_up, UPTIME_BYTES};

    fn up(root: u32, epochs: impl IntoIterator<Item = u32>) -> Uptime {
        let mut bits = [0u8; UPTIME_BYTES];
        for epoch in epochs {
            set_up(&mut bits, root - epoch);
        }
        bits
    }

    const STREAK: u32 = 5;
    const STALE: u32 = 168;

    #[test]
    fn a_device_joins_once_its_streak_reaches_the_nomination() {
        let fresh = DeviceView {
            eligible: true,
            ..DeviceView::default()
        };
        assert_eq!(need(&fresh, &up(4, 1..=4), 4, STREAK, STALE), None);
        assert_eq!(
            need(&fresh, &up(5, 1..=5), 5, STREAK, STALE),
            Some(Need::Joins)
        );
        // Down in the root's epoch: not yet, whatever came before.
        assert_eq!(need(&fresh, &up(6, 1..=5), 6, STREAK, STALE), None);
        let understaked = DeviceView {
            eligible: false,
            ..fresh
        };
        assert_eq!(need(&understaked, &up(5, 1..=5), 5, STREAK, STALE), None);
    }

    #[test]
    fn an_active_device_leaves_when_stale_or_ineligible_and_is_settled_before_the_window_ends() {
        let active = DeviceView {
            active: true,
            eligible: true,
            settled_epoch: 10,
            last_attested_epoch: 10,
            streak: 10,
            ..DeviceView::default()
        };
        // Up all along: nothing the network needs from a settle, until the window nears.
        assert_eq!(need(&active, &up(20, 1..=20), 20, STREAK, STALE), None);
        assert_eq!(
            need(&active, &up(610, 1..=610), 610, STREAK, STALE),
            Some(Need::WindowEnding)
        );
        // Down since 10: stale from the root of 178 on, not before.
        assert_eq!(need(&active, &up(177, 1..=10), 177, STREAK, STALE), None);
        assert_eq!(
            need(&active, &up(178, 1..=10), 178, STREAK, STALE),
            Some(Need::Leaves)
        );
        let ineligible = DeviceView {
            eligible: false,
            ..active
        };
        assert_eq!(
            need(&ineligible, &up(11, 1..=11), 11, STREAK, STALE),
            Some(Need::Leaves)
        );
        // Settled against this root already: nothing.
        assert_eq!(need(&ineligible, &up(10, 1..=10), 10, STREAK, STALE), None);
    }
}
