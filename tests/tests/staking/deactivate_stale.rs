use io_localchain::{assert_staking_error, events};
use io_staking::error::StakingError;
use io_staking::events::{DeactivationReason, DeviceDeactivated};

use crate::common::*;

#[tokio::test]
async fn anyone_removes_a_device_silent_past_the_limit() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    // Staleness limit: 168 epochs (the attestation window) after the last attestation (5).
    chain.close_epochs_through(&protocol, 5 + 168).await;
    let ix = protocol.deactivate_stale_ix(dev.device);
    assert_staking_error(
        chain.process(std::slice::from_ref(&ix), &[]).await,
        StakingError::NotStale,
    );
    chain.close_epochs_through(&protocol, 5 + 169).await;
    let (result, emitted) = chain
        .process_with_events(std::slice::from_ref(&ix), &[])
        .await;
    result.unwrap();
    let event: DeviceDeactivated = events::single(&emitted);
    assert_eq!(event.reason, DeactivationReason::Stale);
    // It joined after epoch 5 and was never attested again: epoch 6's pot (its own emission
    // plus the carry of epochs 1-5, when nobody was active) and every epoch since go back.
    let unattested: u64 = (1..=174).map(emission).sum();
    assert!(unattested - event.forfeited <= 1);
    let pool = chain.pool_state(&protocol).await;
    assert_eq!((pool.total_weight, pool.active_devices), (0, 0));
    // Inactive now: nothing more to do.
    assert_staking_error(
        chain.process(&[ix], &[]).await,
        StakingError::DeviceNotActive,
    );
}

#[tokio::test]
async fn an_inactive_device_is_never_stale() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.close_epochs_through(&protocol, 200).await;
    let ix = protocol.deactivate_stale_ix(dev.device);
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
    let ix = protocol.deactivate_stale_ix(dev.device);
    assert_staking_error(chain.process(&[ix], &[]).await, StakingError::NotStale);
    // The attesters catch up too, and the device keeps every epoch.
    for epoch in 6..=35 {
        chain.attest(&protocol, epoch, &[&dev]).await.unwrap();
    }
    let state = chain.device_state(&dev).await;
    let all: u64 = (1..=35).map(emission).sum();
    assert!(all - state.total_credited <= 30);
    assert_eq!(state.total_forfeited, 0);
}
