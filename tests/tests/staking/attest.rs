use anchor_lang::error::ErrorCode as AnchorErrorCode;
use anchor_lang::prelude::Pubkey;
use io_staking::error::StakingError;
use io_staking::events::{AttestationSkip, EpochAttested, SkippedAttestation};
use io_staking::state::Device;
use io_test_harness::{assert_anchor_error, assert_staking_error, events};
use io_test_harness::{DeviceHandle, Protocol, TestChain};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

#[tokio::test]
async fn five_consecutive_epochs_nominate_a_device() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    for epoch in 1..=5 {
        chain.close_epochs_through(&protocol, epoch).await;
        let ix = protocol
            .addresses
            .attest(protocol.attester_key(), epoch, &[dev.device]);
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
    let ix = protocol
        .addresses
        .attest(impostor.pubkey(), 1, &[dev.device]);
    let result = chain.process(&[ix], &[&impostor]).await;
    assert_staking_error(result, StakingError::UnauthorizedAttester);
    let mut ix = protocol
        .addresses
        .attest(protocol.attester_key(), 1, &[dev.device]);
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
    // A replay (or a racing keeper) is skipped, not paid, and does not fail the batch.
    for epoch in [2, 1] {
        let before = chain.device_state(&dev).await;
        let batch = attest_batch(&mut chain, &protocol, epoch, &[dev.device]).await;
        assert!(batch.devices.is_empty());
        assert_eq!(
            batch.skipped,
            vec![skipped(&dev, AttestationSkip::AlreadyAttested)]
        );
        let after = chain.device_state(&dev).await;
        assert_eq!(
            (
                after.last_attested_epoch,
                after.streak,
                after.total_credited
            ),
            (
                before.last_attested_epoch,
                before.streak,
                before.total_credited
            )
        );
    }
    // Listing a device twice in one batch is the same replay: attested once.
    chain.close_epochs_through(&protocol, 3).await;
    let batch = attest_batch(&mut chain, &protocol, 3, &[dev.device, dev.device]).await;
    assert_eq!(batch.devices.len(), 1);
    assert_eq!(
        batch.skipped,
        vec![skipped(&dev, AttestationSkip::AlreadyAttested)]
    );
    assert_eq!(chain.device_state(&dev).await.streak, 2);
}

/// Sends one attestation batch signed by the protocol's attester; returns its event.
async fn attest_batch(
    chain: &mut TestChain,
    protocol: &Protocol,
    epoch: u32,
    devices: &[Pubkey],
) -> EpochAttested {
    let attester = protocol.attester.insecure_clone();
    let ix = protocol.addresses.attest(attester.pubkey(), epoch, devices);
    let (result, emitted) = chain.process_with_events(&[ix], &[&attester]).await;
    result.unwrap();
    events::single(&emitted)
}

fn skipped(dev: &DeviceHandle, reason: AttestationSkip) -> SkippedAttestation {
    SkippedAttestation {
        device: dev.device,
        reason,
    }
}

#[tokio::test]
async fn not_before_registration_nor_outside_the_window() {
    let (mut chain, protocol) = protocol().await;
    chain.close_epochs_through(&protocol, 3).await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let batch = attest_batch(&mut chain, &protocol, 3, &[dev.device]).await;
    assert_eq!(
        batch.skipped,
        vec![skipped(&dev, AttestationSkip::RegisteredAfterEpoch)]
    );
    assert_eq!(chain.device_state(&dev).await.last_attested_epoch, 0);
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
    // The pool, the config, a GPU model and a slash case are this program's accounts but not
    // devices: the batch fails.
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let (opened, case) = chain
        .open_case(&protocol, &dev, IO, io_staking::state::SlashReason::Other)
        .await;
    opened.unwrap();
    for bogus in [protocol.pool, protocol.config, protocol.gpu_model(3), case] {
        let ix = protocol.addresses.attest(attester.pubkey(), 1, &[bogus]);
        let result = chain.process(&[ix], &[&attester]).await;
        assert_staking_error(result, StakingError::InvalidDeviceAccount);
    }
    // A device of another deployment (same program, other config) fails it too.
    let mut foreign: Device = chain.anchor_account(dev.device).await;
    foreign.config = Pubkey::new_unique();
    let foreign_address = Pubkey::new_unique();
    chain.copy_account(dev.device, foreign_address).await;
    chain.write_anchor_account(foreign_address, &foreign).await;
    chain.close_epochs_through(&protocol, 2).await;
    let ix = protocol
        .addresses
        .attest(attester.pubkey(), 2, &[dev.device, foreign_address]);
    assert_staking_error(
        chain.process(&[ix], &[&attester]).await,
        StakingError::InvalidDeviceAccount,
    );
    // Another program's account (here the owner's token account) is not a device either.
    let ix = protocol
        .addresses
        .attest(attester.pubkey(), 2, &[dev.device, dev.owner_token]);
    assert_staking_error(
        chain.process(&[ix], &[&attester]).await,
        StakingError::InvalidDeviceAccount,
    );
    // An address with nothing at it (a device closed meanwhile) is skipped, not fatal.
    let nobody = Pubkey::new_unique();
    let batch = attest_batch(&mut chain, &protocol, 2, &[nobody, dev.device]).await;
    assert_eq!(batch.devices.len(), 1);
    assert_eq!(
        batch.skipped,
        vec![SkippedAttestation {
            device: nobody,
            reason: AttestationSkip::DeviceGone
        }]
    );
    chain.close_epochs_through(&protocol, 3).await;
    let mut ix = protocol
        .addresses
        .attest(attester.pubkey(), 3, &[dev.device]);
    ix.accounts.last_mut().unwrap().is_writable = false;
    assert_staking_error(
        chain.process(&[ix], &[&attester]).await,
        StakingError::InvalidDeviceAccount,
    );
    let ix = protocol.addresses.attest(attester.pubkey(), 3, &[]);
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
    let first_six: u64 = (1..=6).map(enterprise).sum();
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
        .process(
            &[protocol.addresses.set_paused(admin.pubkey(), true)],
            &[&admin],
        )
        .await
        .unwrap();
    assert_staking_error(
        chain.attest(&protocol, 1, &[&dev]).await,
        StakingError::Paused,
    );
}

/// Finding 3: a device closed (or closed and registered again) between the keeper's read and its
/// send used to revert the whole batch. Now it is skipped and the others are paid exactly.
#[tokio::test]
async fn a_device_closed_or_re_registered_mid_batch_is_skipped_and_the_rest_paid() {
    let (mut chain, protocol) = protocol().await;
    let a = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let c = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    // Two devices that never stake: their owners may close them at any time.
    let gone = chain.register_device(&protocol, "RTX 4090", 1, 0).await;
    let reborn = chain.register_device(&protocol, "RTX 4090", 1, 0).await;
    nominate(&mut chain, &protocol, &[&a, &c, &gone, &reborn]).await;
    chain.close_epochs_through(&protocol, 6).await;

    // The keeper has read all four as attestable for epoch 6. Then one owner closes its device
    // and the other closes and registers the same device key again.
    for dev in [&gone, &reborn] {
        let ix =
            protocol
                .addresses
                .close_device(dev.owner.pubkey(), dev.device, &dev.hardware_hash);
        chain.process(&[ix], &[&dev.owner]).await.unwrap();
    }
    chain.register_again(&protocol, &reborn).await.unwrap();

    let batch = attest_batch(
        &mut chain,
        &protocol,
        6,
        &[a.device, gone.device, reborn.device, c.device],
    )
    .await;
    assert_eq!(
        batch.skipped,
        vec![
            skipped(&gone, AttestationSkip::DeviceGone),
            skipped(&reborn, AttestationSkip::RegisteredAfterEpoch),
        ]
    );
    // The two H100s share epoch 6's Enterprise pot (its part and the carry of epochs 1-5, before
    // anyone was active; the others never held weight): half each, to the base unit.
    let share = (1..=6).map(enterprise).sum::<u64>() / 2;
    for dev in [&a, &c] {
        let paid = batch
            .devices
            .iter()
            .find(|d| d.device == dev.device)
            .unwrap();
        assert!(share - paid.credited <= 1, "{} vs {share}", paid.credited);
        assert_eq!(chain.device_state(dev).await.last_attested_epoch, 6);
    }
}
