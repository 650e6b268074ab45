//! The upkeep that used to follow attestation, now done by settling from the quorum's roots
//! (docs/design.md section 14): the nomination streak, staleness, a keeper outage, and the pause.
//! `chain.attest` marks devices up in the harness's uptime book and settles them from the root of
//! that epoch, which the harness's keeper finalizes voting alone.

use io_staking::error::StakingError;
use io_staking::events::DeviceSettled;
use io_staking::math::rewards::{outstanding, RPW_SCALE};
use io_test_harness::{assert_staking_error, events, DeviceHandle, Protocol, TestChain};
use solana_signer::Signer;

use crate::common::*;

/// Settles `dev` from the root of `epoch` (finalized over the book as it stands) and returns
/// the event.
async fn settle_at(
    chain: &mut TestChain,
    protocol: &Protocol,
    epoch: u32,
    dev: &DeviceHandle,
) -> DeviceSettled {
    let tree = chain.finalize_uptime(protocol, epoch).await;
    let leaf = tree.proof_for(&dev.device).expect("a leaf");
    let ix = protocol.addresses.settle(dev.device, &leaf);
    let (result, emitted) = chain.process_with_events(&[ix], &[]).await;
    result.unwrap();
    events::single(&emitted)
}

#[tokio::test]
async fn five_consecutive_up_epochs_nominate_a_device() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    for epoch in 1..=5 {
        chain.close_epochs_through(&protocol, epoch).await;
        chain.uptime.mark_up(dev.device, epoch);
        let event = settle_at(&mut chain, &protocol, epoch, &dev).await;
        assert_eq!(event.streak, epoch);
        assert_eq!(event.activated, epoch == 5);
        assert_eq!((event.root_epoch, event.from_epoch), (epoch, epoch));
    }
    let state = chain.device_state(&dev).await;
    assert!(state.active);
    assert_eq!(state.weight, 1_000);
}

#[tokio::test]
async fn a_gap_resets_the_streak() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.close_epochs_through(&protocol, 9).await;
    for epoch in [1, 2, 3, 4, 6, 7, 8, 9] {
        chain.attest(&protocol, epoch, &[&dev]).await.unwrap();
    }
    let state = chain.device_state(&dev).await;
    assert_eq!(state.streak, 4);
    assert!(!state.active);
}

#[tokio::test]
async fn one_settle_of_many_up_epochs_nominates_too() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.close_epochs_through(&protocol, 7).await;
    chain.uptime.mark_up_range(dev.device, 3..=7);
    let event = settle_at(&mut chain, &protocol, 7, &dev).await;
    assert_eq!((event.streak, event.activated), (5, true));
    // It held no weight before: nothing to credit or forfeit yet.
    assert_eq!((event.credited, event.forfeited), (0, 0));
}

/// A device down for the staleness (168 epochs) leaves the active set at the first settle that
/// shows it, forfeiting exactly what it accrued unsettled; one epoch less keeps it in.
#[tokio::test]
async fn a_settle_deactivates_a_device_down_for_the_staleness() {
    let (mut chain, protocol) = protocol().await;
    let silent = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let witness = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&silent, &witness]).await;
    chain.close_epochs_through(&protocol, 173).await;
    chain.uptime.mark_up_range(witness.device, 6..=173);
    // Last up in 5: the root of 172 is 167 epochs later, not stale yet.
    let kept = settle_at(&mut chain, &protocol, 172, &silent).await;
    assert!(kept.active && !kept.deactivated);
    assert!(kept.forfeited > 0, "the down epochs are forfeited");
    let pool = chain.pool_state(&protocol).await;
    let device = chain.device_state(&silent).await;
    // Settled to the close of 172; 173 closed since and is still outstanding.
    let owed = outstanding(&pool.accumulator(device.reward_class), &device.position()).unwrap();
    assert!(owed > 0);
    let gone = settle_at(&mut chain, &protocol, 173, &silent).await;
    assert!(!gone.active && gone.deactivated);
    assert_eq!((gone.credited, gone.forfeited), (0, owed));
    let after = chain.pool_state(&protocol).await;
    assert_eq!(after.active_devices, 1);
    assert_eq!(
        after.carry_scaled() - pool.carry_scaled(),
        owed as u128 * RPW_SCALE
    );
    // The witness, up all along, stays.
    let witness_settled = settle_at(&mut chain, &protocol, 173, &witness).await;
    assert!(witness_settled.active && !witness_settled.deactivated);
}

/// Staleness is measured against the roots, never the clock: 200 epochs without any root (a
/// keeper outage) make nobody stale, and one root afterwards pays every epoch of the outage.
#[tokio::test]
async fn a_200_epoch_keeper_outage_forfeits_nothing() {
    let (mut chain, protocol) = protocol().await;
    let a = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let b = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&a, &b]).await;
    chain.close_epochs_through(&protocol, 205).await;
    for dev in [&a, &b] {
        chain.uptime.mark_up_range(dev.device, 6..=205);
    }
    for dev in [&a, &b] {
        let event = settle_at(&mut chain, &protocol, 205, dev).await;
        assert!(event.active && !event.deactivated);
        assert_eq!(event.forfeited, 0);
    }
    // Each held half the weight for every epoch; each epoch's credit rounds down by less than a
    // base unit.
    let all: u64 = (1..=205).map(enterprise).sum();
    for dev in [&a, &b] {
        let state = chain.device_state(dev).await;
        assert!(all / 2 - state.total_credited <= 205);
        assert_eq!(state.total_forfeited, 0);
    }
}

#[tokio::test]
async fn not_while_paused() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.close_epochs_through(&protocol, 1).await;
    chain.uptime.mark_up(dev.device, 1);
    let tree = chain.finalize_uptime(&protocol, 1).await;
    let admin = protocol.admin.insecure_clone();
    chain
        .process(
            &[protocol.addresses.set_paused(admin.pubkey(), true)],
            &[&admin],
        )
        .await
        .unwrap();
    assert_staking_error(
        chain.settle_from(&protocol, &tree, dev.device).await,
        StakingError::Paused,
    );
}
