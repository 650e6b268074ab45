//! The bonded-quorum ballot's counting rules (docs/design.md section 14), shared by the program
//! and the keepers.

/// At most this many keepers vote.
pub const MAX_KEEPERS: u32 = 16;
pub const BPS: u32 = 10_000;
/// Published default: two thirds, rounded up.
pub const DEFAULT_QUORUM_BPS: u16 = 6_667;

/// Votes that finalize a ballot among `active_keepers`: `quorum_bps` of them rounded up, and
/// never fewer than a strict majority (so two roots can never both finalize). `None` for a
/// quorum above 100% or no keeper.
pub fn quorum_votes(active_keepers: u32, quorum_bps: u16) -> Option<u32> {
    if active_keepers == 0 || u32::from(quorum_bps) > BPS {
        return None;
    }
    let share = active_keepers
        .checked_mul(u32::from(quorum_bps))?
        .div_ceil(BPS);
    let majority = (active_keepers / 2).checked_add(1)?;
    Some(share.max(majority))
}

/// The merge rule: a device was up in an epoch iff a strict majority of the observations merged
/// say so (`up` of `observations`). No observation: not up.
pub fn merged_up(up: u32, observations: u32) -> bool {
    up <= observations && up.saturating_mul(2) > observations
}

/// How many keepers a set (bit `k` for keeper `k`) names.
pub fn set_size(set: u16) -> u32 {
    set.count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quorum_for_one_to_sixteen_keepers() {
        let expected = [(1, 1), (2, 2), (3, 3), (4, 3), (7, 5), (16, 11)];
        for (keepers, votes) in expected {
            assert_eq!(
                quorum_votes(keepers, DEFAULT_QUORUM_BPS),
                Some(votes),
                "{keepers}"
            );
        }
        // A low quorum is raised to a strict majority.
        assert_eq!(quorum_votes(4, 1), Some(3));
        assert_eq!(quorum_votes(3, 5_000), Some(2));
        assert_eq!(quorum_votes(16, 10_000), Some(16));
        assert_eq!(quorum_votes(0, 6_667), None);
        assert_eq!(quorum_votes(3, 10_001), None);
    }

    #[test]
    fn a_strict_majority_of_the_merged_observations() {
        assert!(merged_up(1, 1));
        assert!(!merged_up(1, 2));
        assert!(merged_up(2, 3));
        assert!(!merged_up(3, 7) && merged_up(4, 7));
        assert!(!merged_up(0, 0));
        assert!(
            !merged_up(5, 3),
            "more up than observations is not an observation"
        );
        assert_eq!(set_size(0b1011), 3);
    }
}
