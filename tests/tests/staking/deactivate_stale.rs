use io_staking::error::StakingError;
use io_staking::events::{DeactivationReason, DeviceDeactivated};
use io_staking::math::rewards::{outstanding, RPW_SCALE};
use io_test_harness::{assert_staking_error, events};

use crate::common::*;

#[tokio::test]
async fn anyone_removes_a_device_the_attesters_left_behind() {
    let (mut chain, protocol) = protocol().await;
    let silent = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let witness = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&silent, &witness]).await;
    // Staleness: attesters finished an epoch more than 168 after the device's last (5).
    chain.close_epochs_through(&protocol, 175).await;
    chain.attest(&protocol, 174, &[&witness]).await.unwrap();
    let ix = protocol.addresses.deactivate_stale(silent.device);
    // The attesters are at 174 but may still be attesting it: not finished, not stale.
    assert_staking_error(
        chain.process(std::slice::from_ref(&ix), &[]).await,
        StakingError::NotStale,
    );
    // They moved on to 175: 174 is finished, and the silent device was not in it.
    chain.attest(&protocol, 175, &[&witness]).await.unwrap();
    let pool = chain.pool_state(&protocol).await;
    assert_eq!(
        (pool.newest_attested_epoch, pool.finished_attested_epoch),
        (175, 174)
    );
    let device = chain.device_state(&silent).await;
    let owed = outstanding(&pool.accumulator(device.reward_class), &device.position()).unwrap();
    let (result, emitted) = chain
        .process_with_events(std::slice::from_ref(&ix), &[])
        .await;
    result.unwrap();
    let event: DeviceDeactivated = events::single(&emitted);
    assert_eq!(event.reason, DeactivationReason::Stale);
    // Everything it accrued since it joined goes back to the pool, to the base unit.
    assert_eq!(event.forfeited, owed);
    assert!(owed > 0);
    let after = chain.pool_state(&protocol).await;
    assert_eq!(after.active_devices, 1);
    assert_eq!(
        after.carry_scaled() - pool.carry_scaled(),
        owed as u128 * RPW_SCALE
    );
    // Inactive now: nothing more to do.
    assert_staking_error(
        chain.process(&[ix], &[]).await,
        StakingError::DeviceNotActive,
    );
}

/// Finding 5: after an attester outage longer than the window, every device used to look stale
/// (silent for more than 168 closes), and anyone could deactivate them before the returning
/// keeper attested the epochs still inside the window, forfeiting them. Staleness now follows
/// the attesters' progress: an outage makes nobody stale, and the catch-up keeps every epoch
/// still in the window.
#[tokio::test]
async fn a_200_epoch_attester_outage_forfeits_nothing_inside_the_window() {
    let (mut chain, protocol) = protocol().await;
    let a = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let b = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&a, &b]).await;
    // Attesters down for 200 epochs; the crank kept closing.
    chain.close_epochs_through(&protocol, 205).await;
    for dev in [&a, &b] {
        let ix = protocol.addresses.deactivate_stale(dev.device);
        assert_staking_error(chain.process(&[ix], &[]).await, StakingError::NotStale);
    }
    // The keeper returns and attests the oldest epoch still in the window, in two batches.
    let oldest = 205 - 167;
    chain.attest(&protocol, oldest, &[&a]).await.unwrap();
    // Between its batches, nobody can call the other device stale.
    let ix = protocol.addresses.deactivate_stale(b.device);
    assert_staking_error(chain.process(&[ix], &[]).await, StakingError::NotStale);
    chain.attest(&protocol, oldest, &[&b]).await.unwrap();
    for epoch in oldest + 1..=205 {
        chain.attest(&protocol, epoch, &[&a, &b]).await.unwrap();
    }
    // Each holds half the weight: every epoch in the window is paid, only the epochs that had
    // left it (6-37, with the carry of 1-5 that went into epoch 6) are forfeited. Each
    // settlement rounds down by less than a base unit (168 credits, one forfeit).
    let in_window: u64 = (oldest..=205).map(enterprise).sum();
    let out_of_window: u64 = (1..oldest).map(enterprise).sum();
    for dev in [&a, &b] {
        let state = chain.device_state(dev).await;
        assert!(state.active);
        assert!(
            (in_window / 2 - state.total_credited) <= 168,
            "credited {} vs {}",
            state.total_credited,
            in_window / 2
        );
        assert!(
            (out_of_window / 2).abs_diff(state.total_forfeited) <= 1,
            "forfeited {} vs {}",
            state.total_forfeited,
            out_of_window / 2
        );
    }
}

#[tokio::test]
async fn an_inactive_device_is_never_stale() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.close_epochs_through(&protocol, 200).await;
    let ix = protocol.addresses.deactivate_stale(dev.device);
    assert_staking_error(
        chain.process(&[ix], &[]).await,
        StakingError::DeviceNotActive,
    );
}

#[tokio::test]
async fn a_keeper_catching_up_cannot_be_front_run_into_forfeits() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    // The keepers were down for 30 hours; the crank catches up first.
    chain.close_epochs_through(&protocol, 35).await;
    let ix = protocol.addresses.deactivate_stale(dev.device);
    assert_staking_error(chain.process(&[ix], &[]).await, StakingError::NotStale);
    // The attesters catch up too, and the device keeps every epoch.
    for epoch in 6..=35 {
        chain.attest(&protocol, epoch, &[&dev]).await.unwrap();
    }
    let state = chain.device_state(&dev).await;
    let all: u64 = (1..=35).map(enterprise).sum();
    assert!(all - state.total_credited <= 30);
    assert_eq!(state.total_forfeited, 0);
}
