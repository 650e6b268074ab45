//! withdraw_overflow (docs/design.md section 9) and claim_all.

use anchor_lang::prelude::Pubkey;
use io_staking::error::StakingError;
use io_staking::events::{OverflowWithdrawn, RewardsClaimedAll};
use io_staking::state::Device;
use io_staking::MAX_CLAIM_ALL_DEVICES;
use io_test_harness::{assert_staking_error, events, DeviceHandle, Protocol, TestChain};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

const DAY: i64 = 86_400;

#[tokio::test]
async fn overflow_leaves_at_any_time_down_to_the_requirement() {
    let (mut chain, protocol) = protocol().await;
    // H100: 2,000 IO required, 2,500 staked.
    let dev = staked_device(&mut chain, &protocol, "H100", 1, Some(2_500 * IO)).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    let a = protocol.addresses;
    let owner = dev.owner.insecure_clone();
    let wallet = chain.token_balance(dev.owner_token).await;

    let ix = a.withdraw_overflow(owner.pubkey(), dev.device, dev.owner_token, 500 * IO + 1);
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::AboveOverflow,
    );
    let ix = a.withdraw_overflow(owner.pubkey(), dev.device, dev.owner_token, 0);
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::ZeroAmount,
    );
    let stranger = Keypair::new();
    let ix = a.withdraw_overflow(stranger.pubkey(), dev.device, dev.owner_token, IO);
    assert_staking_error(
        chain.process(&[ix], &[&stranger]).await,
        StakingError::NotDeviceOwner,
    );

    // An exit: allowed while paused, and the device keeps its place in the active set.
    let admin = protocol.admin.insecure_clone();
    let pause = protocol.addresses.set_paused(admin.pubkey(), true);
    chain.process(&[pause], &[&admin]).await.unwrap();
    let ix = a.withdraw_overflow(owner.pubkey(), dev.device, dev.owner_token, 500 * IO);
    let (result, emitted) = chain.process_with_events(&[ix], &[&owner]).await;
    result.unwrap();
    let event: OverflowWithdrawn = events::single(&emitted);
    assert_eq!(
        (event.amount, event.stake, event.required_stake),
        (500 * IO, 2_000 * IO, 2_000 * IO)
    );
    assert_eq!(
        chain.token_balance(dev.owner_token).await,
        wallet + 500 * IO
    );
    let state = chain.device_state(&dev).await;
    assert!(state.active);
    assert_eq!(state.stake, 2_000 * IO);
    assert_eq!(chain.pool_state(&protocol).await.total_staked, 2_000 * IO);
    let ix = a.withdraw_overflow(owner.pubkey(), dev.device, dev.owner_token, 1);
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::AboveOverflow,
    );
}

#[tokio::test]
async fn a_lowered_multiplier_frees_overflow() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let admin = protocol.admin.insecure_clone();
    let ix = protocol
        .addresses
        .schedule_multiplier_change(admin.pubkey(), 3, 500);
    chain.process(&[ix], &[&admin]).await.unwrap();
    chain.advance(30 * DAY).await;
    let sync = protocol
        .addresses
        .sync_device_multiplier(dev.device, protocol.gpu_model(3));
    chain.process(&[sync], &[]).await.unwrap();
    // 5.00x now: 1,000 IO required of the 2,000 staked.
    let ix = protocol.addresses.withdraw_overflow(
        dev.owner.pubkey(),
        dev.device,
        dev.owner_token,
        1_000 * IO,
    );
    chain.process(&[ix], &[&dev.owner]).await.unwrap();
    assert_eq!(chain.device_state(&dev).await.stake, 1_000 * IO);
}

#[tokio::test]
async fn no_overflow_once_unstaking_or_withdrawn() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, Some(3_000 * IO)).await;
    let ix = |chain_dev: &DeviceHandle| {
        protocol.addresses.withdraw_overflow(
            chain_dev.owner.pubkey(),
            chain_dev.device,
            chain_dev.owner_token,
            IO,
        )
    };
    chain.request_unstake(&protocol, &dev).await.unwrap();
    assert_staking_error(
        chain.process(&[ix(&dev)], &[&dev.owner]).await,
        StakingError::AlreadyUnstaking,
    );
    chain.advance(14 * DAY).await;
    chain.withdraw(&protocol, &dev).await.unwrap();
    assert_staking_error(
        chain.process(&[ix(&dev)], &[&dev.owner]).await,
        StakingError::DeviceWithdrawn,
    );
}

/// Registers and stakes another device for `owner` (who already has `owner_token`).
async fn another_device(
    chain: &mut TestChain,
    protocol: &Protocol,
    owner: &Keypair,
    owner_token: Pubkey,
    model_id: u16,
    stake: u64,
) -> Pubkey {
    let key = Keypair::new();
    let consent = chain
        .consent(protocol, owner, &key, model_id, 1, key.pubkey().to_bytes())
        .await;
    let [consent_ix, register] = protocol.addresses.register_device(owner.pubkey(), &consent);
    let device = Device::find_address(&protocol.config, &key.pubkey()).0;
    let stake = protocol
        .addresses
        .stake(owner.pubkey(), device, owner_token, stake);
    chain
        .process(&[consent_ix, register, stake], &[owner])
        .await
        .unwrap();
    device
}

#[tokio::test]
async fn claim_all_pays_every_device_of_the_owner_in_one_transfer() {
    let (mut chain, protocol) = protocol().await;
    // One owner, three H100s (funded for all three), and a stranger's device.
    let first = staked_device(&mut chain, &protocol, "H100", 1, Some(6_000 * IO)).await;
    let owner = first.owner.insecure_clone();
    let ix = protocol.addresses.withdraw_overflow(
        owner.pubkey(),
        first.device,
        first.owner_token,
        4_000 * IO,
    );
    chain.process(&[ix], &[&owner]).await.unwrap();
    let second = another_device(
        &mut chain,
        &protocol,
        &owner,
        first.owner_token,
        3,
        2_000 * IO,
    )
    .await;
    let third = another_device(
        &mut chain,
        &protocol,
        &owner,
        first.owner_token,
        3,
        2_000 * IO,
    )
    .await;
    let stranger = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let mine = [first.device, second, third];
    let a = protocol.addresses;

    let ix = a.claim_all(owner.pubkey(), first.owner_token, &mine);
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::NothingToClaim,
    );

    // Every device active and attested for epochs 6-8.
    let handles: Vec<DeviceHandle> = mine
        .iter()
        .map(|d| DeviceHandle {
            device: *d,
            ..first.insecure_clone()
        })
        .collect();
    let mut all: Vec<&DeviceHandle> = handles.iter().collect();
    all.push(&stranger);
    nominate(&mut chain, &protocol, &all).await;
    for epoch in 6..=8 {
        chain.close_epochs_through(&protocol, epoch).await;
        chain.attest(&protocol, epoch, &all).await.unwrap();
    }

    // Someone else's device in the list fails the whole claim.
    let ix = a.claim_all(
        owner.pubkey(),
        first.owner_token,
        &[first.device, stranger.device],
    );
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::NotDeviceOwner,
    );
    let ix = a.claim_all(owner.pubkey(), first.owner_token, &[]);
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::EmptyBatch,
    );
    let too_many = vec![first.device; MAX_CLAIM_ALL_DEVICES + 1];
    let ix = a.claim_all(owner.pubkey(), first.owner_token, &too_many);
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::TooManyDevices,
    );

    let mut pending = Vec::new();
    for device in mine {
        let state: Device = chain.anchor_account(device).await;
        pending.push(state.pending_rewards);
    }
    let expected: u64 = pending.iter().sum();
    assert!(pending.iter().all(|p| *p > 0));
    let wallet = chain.token_balance(first.owner_token).await;
    // A device listed twice pays once.
    let ix = a.claim_all(
        owner.pubkey(),
        first.owner_token,
        &[first.device, second, third, second],
    );
    let (result, emitted) = chain.process_with_events(&[ix], &[&owner]).await;
    result.unwrap();
    let event: RewardsClaimedAll = events::single(&emitted);
    assert_eq!(event.total, expected);
    assert_eq!(event.devices.len(), 3);
    assert_eq!(
        chain.token_balance(first.owner_token).await,
        wallet + expected
    );
    for device in mine {
        let state: Device = chain.anchor_account(device).await;
        assert_eq!(state.pending_rewards, 0);
    }
    // The SDK splits any number of devices into claim_all instructions that each fit.
    let many = vec![first.device; 2 * MAX_CLAIM_ALL_DEVICES + 1];
    let batches = a.claim_all_batches(owner.pubkey(), first.owner_token, &many);
    assert_eq!(batches.len(), 3);
}
