//! add_gpu_model, schedule_multiplier_change, sync_device_multiplier.

use io_staking::catalog::PUBLISHED_GPU_MODELS;
use io_staking::error::StakingError;
use io_staking::events::{DeviceMultiplierSynced, GpuModelChangeScheduled};
use io_staking::state::{GpuModel, RewardClass};
use io_test_harness::{assert_staking_error, events};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

const DAY: i64 = 86_400;

#[tokio::test]
async fn the_bootstrap_seeds_the_published_table() {
    let (mut chain, protocol) = protocol().await;
    for (id, name, multiplier, class) in PUBLISHED_GPU_MODELS {
        let model: GpuModel = chain.anchor_account(protocol.gpu_model(*id)).await;
        assert_eq!(model.name_str(), *name);
        assert_eq!(model.multiplier_centi, *multiplier);
        assert_eq!(model.reward_class, *class);
    }
}

#[tokio::test]
async fn adding_models_is_admin_only_and_validated() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    let stranger = Keypair::new();
    chain.airdrop(&stranger.pubkey(), 100_000_000).await;
    let ix = protocol.addresses.add_gpu_model(
        stranger.pubkey(),
        100,
        "MI300X",
        800,
        RewardClass::Enterprise,
    );
    assert_staking_error(
        chain.process(&[ix], &[&stranger]).await,
        StakingError::UnauthorizedAdmin,
    );
    let ix = protocol.addresses.add_gpu_model(
        admin.pubkey(),
        100,
        "MI300X",
        10_001,
        RewardClass::Enterprise,
    );
    assert_staking_error(
        chain.process(&[ix], &[&admin]).await,
        StakingError::InvalidMultiplier,
    );
    let ix = protocol.addresses.add_gpu_model(
        admin.pubkey(),
        100,
        &"X".repeat(33),
        800,
        RewardClass::Enterprise,
    );
    assert_staking_error(
        chain.process(&[ix], &[&admin]).await,
        StakingError::InvalidModelName,
    );
    let ix =
        protocol
            .addresses
            .add_gpu_model(admin.pubkey(), 100, "", 800, RewardClass::Enterprise);
    assert_staking_error(
        chain.process(&[ix], &[&admin]).await,
        StakingError::InvalidModelName,
    );
    let ix = protocol.addresses.add_gpu_model(
        admin.pubkey(),
        100,
        "MI300X",
        800,
        RewardClass::Enterprise,
    );
    chain.process(&[ix], &[&admin]).await.unwrap();
}

#[tokio::test]
async fn a_change_waits_30_days_and_is_never_retroactive() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "RTX 4090", 1, Some(1_000 * IO)).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    let admin = protocol.admin.insecure_clone();
    let ix = protocol
        .addresses
        .schedule_multiplier_change(admin.pubkey(), 10, 250); // 1.25x -> 2.50x
    chain.process(&[ix], &[&admin]).await.unwrap();
    let model: GpuModel = chain.anchor_account(protocol.gpu_model(10)).await;
    let effective_at = model.pending_effective_at;
    assert_eq!(effective_at, chain.now().await + 30 * DAY);

    // Before the grace period ends nothing changes.
    let sync = protocol
        .addresses
        .sync_device_multiplier(dev.device, protocol.gpu_model(10));
    assert_staking_error(
        chain.process(std::slice::from_ref(&sync), &[]).await,
        StakingError::MultiplierUnchanged,
    );

    // After it, an active device must first be settled up to the last closed epoch.
    chain.close_epochs_through(&protocol, 6).await;
    chain.set_time(effective_at).await;
    assert_staking_error(
        chain.process(std::slice::from_ref(&sync), &[]).await,
        StakingError::DeviceNotSettled,
    );
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();
    let credited_at_old_weight = chain.device_state(&dev).await.total_credited;
    let (result, emitted) = chain.process_with_events(&[sync], &[]).await;
    result.unwrap();
    let event: DeviceMultiplierSynced = events::single(&emitted);
    assert_eq!(
        (event.old_multiplier_centi, event.new_multiplier_centi),
        (125, 250)
    );
    let state = chain.device_state(&dev).await;
    assert_eq!((state.weight, state.active), (250, true));
    assert_eq!(
        state.total_credited, credited_at_old_weight,
        "nothing re-priced"
    );
    assert_eq!(chain.pool_state(&protocol).await.total_weight(), 250);
}

#[tokio::test]
async fn a_higher_multiplier_can_leave_a_device_understaked() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "RTX 4090", 1, None).await; // 250 IO
    nominate(&mut chain, &protocol, &[&dev]).await;
    let admin = protocol.admin.insecure_clone();
    let ix = protocol
        .addresses
        .schedule_multiplier_change(admin.pubkey(), 10, 200);
    chain.process(&[ix], &[&admin]).await.unwrap();
    chain.advance(30 * DAY).await;
    let sync = protocol
        .addresses
        .sync_device_multiplier(dev.device, protocol.gpu_model(10));
    chain.process(&[sync], &[]).await.unwrap();
    let state = chain.device_state(&dev).await;
    assert_eq!(state.multiplier_centi, 200);
    assert!(!state.active, "400 IO now required, 250 staked");
    assert_eq!(chain.pool_state(&protocol).await.total_weight(), 0);
}

#[tokio::test]
async fn schedule_is_admin_only_and_sync_needs_the_devices_model() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "RTX 4090", 1, None).await;
    let stranger = Keypair::new();
    let ix = protocol
        .addresses
        .schedule_multiplier_change(stranger.pubkey(), 10, 250);
    assert_staking_error(
        chain.process(&[ix], &[&stranger]).await,
        StakingError::UnauthorizedAdmin,
    );
    let sync = protocol
        .addresses
        .sync_device_multiplier(dev.device, protocol.gpu_model(3));
    assert_staking_error(
        chain.process(&[sync], &[]).await,
        StakingError::AccountMismatch,
    );
}

/// A multiplier change can raise a requirement or stop earnings, so it never lands sooner than
/// a supplier could leave: the grace period, or the cooldown plus a week if that is longer.
#[tokio::test]
async fn a_multiplier_change_waits_at_least_the_cooldown_and_a_week() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    let mut params = chain.config_state(&protocol).await.params;
    params.cooldown_seconds = 60 * DAY;
    let ix = protocol.addresses.update_params(admin.pubkey(), params);
    chain.process(&[ix], &[&admin]).await.unwrap();
    let now = chain.now().await;
    let ix = protocol
        .addresses
        .schedule_multiplier_change(admin.pubkey(), 10, 200);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let event: GpuModelChangeScheduled = events::single(&emitted);
    assert_eq!(
        event.effective_at,
        now + 74 * DAY,
        "the governance delay (7 + 7 + 60 days), not the 30-day grace"
    );
}
