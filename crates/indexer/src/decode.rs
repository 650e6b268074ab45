//! The programs' events, as the indexer reads them: an `emit_cpi!` payload (discriminator, then
//! Borsh) in, one typed event out. Events the explorer has no use for are skipped.

use anchor_lang::{AnchorDeserialize, Discriminator};
use io_emission::events::EpochMinted;
use io_payments::events::{BoughtBack, ReservationCancelled, ReservationSettled, Reserved};
use io_staking::events::{
    BallotClosed, BallotOpened, CoStakeAccepted, CoStakeExitRequested, CoStakeOfferCancelled,
    CoStakeOffered, CoStakeRewardsClaimed, CoStakeWithdrawn, DeviceDeactivated, DeviceRegistered,
    DeviceSettled, EpochClosed, ObservationCommitted, OverflowWithdrawn, RewardsClaimed,
    RewardsClaimedAll, RootFinalized, SlashCaseAppealed, SlashCaseOpened, SlashCaseResolved,
    Staked, UnstakeRequested, VoteCast, Withdrawn,
};

fn parse<T: AnchorDeserialize + Discriminator>(payload: &[u8]) -> Option<T> {
    let body = payload.strip_prefix(T::DISCRIMINATOR)?;
    T::deserialize(&mut &body[..]).ok()
}

/// The kept events are listed once: the enum and its decoder come from the same list.
macro_rules! kept_events {
    ($($variant:ident($event:ty)),+ $(,)?) => {
        /// One decoded event the indexer keeps.
        pub enum Indexed {
            $($variant($event)),+
        }

        /// Decodes one event payload; `None` for events the indexer does not keep, and for
        /// bytes that are not a well-formed event (a payload is never trusted to parse).
        pub fn decode(payload: &[u8]) -> Option<Indexed> {
            $(if payload.starts_with(<$event>::DISCRIMINATOR) {
                return parse::<$event>(payload).map(Indexed::$variant);
            })+
            None
        }
    };
}

kept_events!(
    Minted(EpochMinted),
    Closed(EpochClosed),
    BallotOpened(BallotOpened),
    Committed(ObservationCommitted),
    Voted(VoteCast),
    BallotClosed(BallotClosed),
    RootFinalized(RootFinalized),
    Settled(DeviceSettled),
    Registered(DeviceRegistered),
    Staked(Staked),
    UnstakeRequested(UnstakeRequested),
    Withdrawn(Withdrawn),
    OverflowWithdrawn(OverflowWithdrawn),
    Claimed(RewardsClaimed),
    ClaimedAll(RewardsClaimedAll),
    Deactivated(DeviceDeactivated),
    SlashOpened(SlashCaseOpened),
    SlashAppealed(SlashCaseAppealed),
    SlashResolved(SlashCaseResolved),
    CoStakeOffered(CoStakeOffered),
    CoStakeOfferCancelled(CoStakeOfferCancelled),
    CoStakeAccepted(CoStakeAccepted),
    CoStakeExitRequested(CoStakeExitRequested),
    CoStakeWithdrawn(CoStakeWithdrawn),
    CoStakeRewardsClaimed(CoStakeRewardsClaimed),
    Reserved(Reserved),
    RentalSettled(ReservationSettled),
    RentalCancelled(ReservationCancelled),
    BoughtBack(BoughtBack),
);

/// The event payloads in an instruction's data if it is an `emit_cpi!` self-call (the event tag,
/// then the payload).
pub fn event_payload(instruction_data: &[u8]) -> Option<&[u8]> {
    instruction_data.strip_prefix(anchor_lang::event::EVENT_IX_TAG_LE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::prelude::Pubkey;
    use anchor_lang::Event;

    #[test]
    fn decodes_a_kept_event_and_skips_others_and_garbage() {
        let claimed = RewardsClaimed {
            device: Pubkey::new_unique(),
            owner: Pubkey::new_unique(),
            amount: 42,
        };
        match decode(&claimed.data()) {
            Some(Indexed::Claimed(decoded)) => assert_eq!(
                (decoded.device, decoded.owner, decoded.amount),
                (claimed.device, claimed.owner, 42)
            ),
            _ => panic!("RewardsClaimed did not decode"),
        }
        let other = io_staking::events::PausedChanged {
            config: Pubkey::new_unique(),
            old: false,
            new: true,
        };
        assert!(decode(&other.data()).is_none());
        // A known discriminator with a truncated body is refused, not panicked on.
        let mut truncated = RewardsClaimed::DISCRIMINATOR.to_vec();
        truncated.extend_from_slice(&[1, 2, 3]);
        assert!(decode(&truncated).is_none());
        assert!(decode(&[]).is_none());
        let mut tagged = anchor_lang::event::EVENT_IX_TAG_LE.to_vec();
        tagged.extend(other.data());
        assert!(event_payload(&tagged).is_some());
        assert!(event_payload(&[1, 2]).is_none());
    }
}
