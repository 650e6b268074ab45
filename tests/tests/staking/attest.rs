use anchor_lang::error::ErrorCode as AnchorErrorCode;
use anchor_lang::prelude::Pubkey;
use io_localchain::{assert_anchor_error, assert_staking_error, events};
use io_staking::error::StakingError;
use io_staking::events::EpochAttested;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

#[tokio::test]
async fn five_consecutive_epochs_nominate_a_device() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    for epoch in 1..=5 {
        chain.close_epochs_through(&protocol, epoch).await;
        let ix = protocol.attest_ix(protocol.attester_key(), epoch, &[dev.device]);
        let attester = protocol.attester.insecure_clone();
        let (result, emitted) = chain.process_with_events(&[ix], &[&attester]).await;
        result.unwrap();
        let batch: EpochAttested = events::single(&emitted);
        assert_eq!(batch.devices[0].streak, epoch);
        assert_eq!(batch.devices[0].activated, epoch == 5);
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
async fn only_authorized_attesters() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.close_epochs_through(&protocol, 1).await;
    let impostor = Keypair::new();
    let ix = protocol.attest_ix(impostor.pubkey(), 1, &[dev.device]);
    let result = chain.process(&[ix], &[&impostor]).await;
    assert_staking_error(result, StakingError::UnauthorizedAttester);
    let mut ix = protocol.attest_ix(protocol.attester_key(), 1, &[dev.device]);
    ix.accounts[0].is_signer = false;
    assert_anchor_error(
        chain.process(&[ix], &[]).await,
        AnchorErrorCode::AccountNotSigner.into(),
    );
}

#[tokio::test]
async fn not_an_unclosed_epoch_not_the_same_epoch_twice() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    assert_staking_error(
        chain.attest(&protocol, 1, &[&dev]).await,
        StakingError::EpochNotClosed,
    );
    chain.close_epochs_through(&protocol, 2).await;
    chain.attest(&protocol, 2, &[&dev]).await.unwrap();
    for epoch in [2, 1] {
        assert_staking_error(
            chain.attest(&protocol, epoch, &[&dev]).await,
            StakingError::AlreadyAttested,
        );
    }
    // Listing a device twice in one batch is the same replay.
    chain.close_epochs_through(&protocol, 3).await;
    assert_staking_error(
        chain.attest(&protocol, 3, &[&dev, &dev]).await,
        StakingError::AlreadyAttested,
    );
}

#[tokio::test]
async fn not_before_registration_nor_outside_the_window() {
    let (mut chain, protocol) = protocol().await;
    chain.close_epochs_through(&protocol, 3).await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    assert_staking_error(
        chain.attest(&protocol, 3, &[&dev]).await,
        StakingError::EpochBeforeRegistration,
    );
    assert_staking_error(
        chain.attest(&protocol, 0, &[&dev]).await,
        StakingError::EpochOutsideWindow,
    );
    // 168 epochs later epoch 4 is at the edge of the window; 169 later it is gone.
    chain.close_epochs_through(&protocol, 4 + 167).await;
    chain.attest(&protocol, 4, &[&dev]).await.unwrap();
    chain.close_epochs_through(&protocol, 5 + 168).await;
    assert_staking_error(
        chain.attest(&protocol, 5, &[&dev]).await,
        StakingError::EpochOutsideWindow,
    );
}

#[tokio::test]
async fn rejects_accounts_that_are_not_devices_of_this_protocol() {
    let (mut chain, protocol) = protocol().await;
    chain.close_epochs_through(&protocol, 1).await;
    let attester = protocol.attester.insecure_clone();
    for bogus in [protocol.pool, protocol.config, Pubkey::new_unique()] {
        let ix = protocol.attest_ix(attester.pubkey(), 1, &[bogus]);
        let result = chain.process(&[ix], &[&attester]).await;
        assert_staking_error(result, StakingError::InvalidDeviceAccount);
    }
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.close_epochs_through(&protocol, 2).await;
    let mut ix = protocol.attest_ix(attester.pubkey(), 2, &[dev.device]);
    ix.accounts.last_mut().unwrap().is_writable = false;
    assert_staking_error(
        chain.process(&[ix], &[&attester]).await,
        StakingError::InvalidDeviceAccount,
    );
    let ix = protocol.attest_ix(attester.pubkey(), 2, &[]);
    assert_staking_error(
        chain.process(&[ix], &[&attester]).await,
        StakingError::EmptyBatch,
    );
}

#[tokio::test]
async fn a_late_attestation_within_the_window_still_pays() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    chain.close_epochs_through(&protocol, 10).await;
    // Epoch 6 attested four hours late: paid; 7-10 still open.
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();
    let state = chain.device_state(&dev).await;
    let first_six: u64 = (1..=6).map(emission).sum();
    assert!(first_six - state.total_credited <= 1);
    assert_eq!(state.total_forfeited, 0);
}

#[tokio::test]
async fn not_while_paused() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.close_epochs_through(&protocol, 1).await;
    let admin = protocol.admin.insecure_clone();
    chain
        .process(&[protocol.set_paused_ix(admin.pubkey(), true)], &[&admin])
        .await
        .unwrap();
    assert_staking_error(
        chain.attest(&protocol, 1, &[&dev]).await,
        StakingError::Paused,
    );
}
