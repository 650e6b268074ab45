//! Reward classes (docs/design.md section 10): Enterprise earns 95% of each epoch, Community 5%,
//! each class with its own accumulator, carry and ring.

use io_staking::error::StakingError;
use io_staking::events::{ClassSharesScheduled, EpochClosed};
use io_staking::math::rewards::RPW_SCALE;
use io_staking::state::RewardClass;
use io_test_harness::{assert_staking_error, events};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

const DAY: i64 = 86_400;

#[tokio::test]
async fn an_enterprise_h100_and_a_community_rtx_4080_split_each_epoch_95_5() {
    let (mut chain, protocol) = protocol().await;
    let h100 = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let rtx = staked_device(&mut chain, &protocol, "RTX 4080", 1, None).await;
    assert_eq!(
        chain.device_state(&h100).await.reward_class,
        RewardClass::Enterprise
    );
    assert_eq!(
        chain.device_state(&rtx).await.reward_class,
        RewardClass::Community
    );
    nominate(&mut chain, &protocol, &[&h100, &rtx]).await;
    let pool = chain.pool_state(&protocol).await;
    assert_eq!(
        (
            pool.classes[0].active_devices,
            pool.classes[1].active_devices
        ),
        (1, 1)
    );

    // Epoch 6 pays each its class's carry of epochs 1-5 and its part of epoch 6.
    chain.close_epochs_through(&protocol, 6).await;
    chain.attest(&protocol, 6, &[&h100, &rtx]).await.unwrap();
    let h100_6 = chain.device_state(&h100).await.total_credited;
    let rtx_6 = chain.device_state(&rtx).await.total_credited;
    let enterprise_1_6: u64 = (1..=6).map(enterprise).sum();
    let community_1_6: u64 = (1..=6).map(community).sum();
    assert!(enterprise_1_6 - h100_6 <= 1, "{h100_6} of {enterprise_1_6}");
    assert!(community_1_6 - rtx_6 <= 1, "{rtx_6} of {community_1_6}");

    // Epoch 7: the split to the base unit, from the event and the pool.
    chain.warp_to_epoch_end(7).await;
    let ix = protocol.addresses.close_epoch();
    let (result, emitted) = chain.process_with_events(&[ix], &[]).await;
    result.unwrap();
    let closed: EpochClosed = events::single(&emitted);
    assert_eq!(emission(7), 456_582_959_442);
    assert_eq!(closed.classes[0].emission, 433_753_811_470);
    assert_eq!(closed.classes[1].emission, 22_829_147_972);
    assert_eq!(
        closed.classes[0].emission + closed.classes[1].emission,
        closed.emission
    );
    assert_eq!(
        (closed.classes[0].share_bps, closed.classes[1].share_bps),
        (9_500, 500)
    );
    chain.attest(&protocol, 7, &[&h100, &rtx]).await.unwrap();
    let h100_7 = chain.device_state(&h100).await.total_credited - h100_6;
    let rtx_7 = chain.device_state(&rtx).await.total_credited - rtx_6;
    // One device per class: each takes its class's part, less under one base unit of dust
    // (and plus the dust its class carried from epoch 6).
    assert!(h100_7.abs_diff(433_753_811_470) <= 1, "{h100_7}");
    assert!(rtx_7.abs_diff(22_829_147_972) <= 1, "{rtx_7}");
    let pool = chain.pool_state(&protocol).await;
    assert_eq!(
        pool.classes[0].emitted + pool.classes[1].emitted,
        pool.total_emitted
    );
    assert_eq!(pool.classes[1].emitted, (1..=7).map(community).sum::<u64>());
}

#[tokio::test]
async fn an_empty_class_keeps_its_share_and_pays_it_when_a_device_joins() {
    let (mut chain, protocol) = protocol().await;
    let h100 = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&h100]).await;
    for epoch in 6..=8 {
        chain.close_epochs_through(&protocol, epoch).await;
        chain.attest(&protocol, epoch, &[&h100]).await.unwrap();
    }
    // No Community device yet: its 5% of epochs 1-8 waits, whole, in its own carry.
    let pool = chain.pool_state(&protocol).await;
    let waiting: u64 = (1..=8).map(community).sum();
    assert_eq!(pool.classes[1].carry_scaled, waiting as u128 * RPW_SCALE);
    let h100_credit = chain.device_state(&h100).await.total_credited;
    assert!((1..=8).map(enterprise).sum::<u64>() - h100_credit <= 3);

    // A Community device joins (nominated over epochs 9-13) and takes all of it at the next
    // close, with that epoch's part; the H100's share is untouched by it.
    let rtx = staked_device(&mut chain, &protocol, "RTX 4080", 1, None).await;
    for epoch in 9..=13 {
        chain.close_epochs_through(&protocol, epoch).await;
        chain
            .attest(&protocol, epoch, &[&h100, &rtx])
            .await
            .unwrap();
    }
    assert!(chain.device_state(&rtx).await.active);
    assert_eq!(chain.device_state(&rtx).await.total_credited, 0);
    chain.close_epochs_through(&protocol, 14).await;
    chain.attest(&protocol, 14, &[&h100, &rtx]).await.unwrap();
    let paid = chain.device_state(&rtx).await.total_credited;
    let expected: u64 = (1..=14).map(community).sum();
    assert!(expected - paid <= 1, "{paid} of {expected}");
}

#[tokio::test]
async fn class_shares_change_only_after_the_grace_period() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    let a = protocol.addresses;
    for bad in [[9_000, 500], [10_000, 1], [0, 0]] {
        let ix = a.schedule_class_shares(admin.pubkey(), bad);
        assert_staking_error(
            chain.process(&[ix], &[&admin]).await,
            StakingError::InvalidClassShares,
        );
    }
    let stranger = Keypair::new();
    let ix = a.schedule_class_shares(stranger.pubkey(), [9_000, 1_000]);
    assert_staking_error(
        chain.process(&[ix], &[&stranger]).await,
        StakingError::UnauthorizedAdmin,
    );
    let now = chain.now().await;
    let ix = a.schedule_class_shares(admin.pubkey(), [9_000, 1_000]);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let event: ClassSharesScheduled = events::single(&emitted);
    assert_eq!(
        (event.old_bps, event.new_bps, event.effective_at),
        ([9_500, 500], [9_000, 1_000], now + 30 * DAY)
    );

    // An epoch splits by the shares in force when it ended, however late it is closed: one
    // that ended before the effective time still splits 95/5, the first that ends after it
    // 90/10.
    let genesis = chain.emission_state().await.genesis_timestamp;
    let effective_at = now + 30 * DAY;
    let last_old = io_emission::schedule::last_ended_epoch(genesis, effective_at - 1);
    chain.close_epochs_through(&protocol, last_old - 1).await;
    chain.warp_to_epoch_end(last_old + 1).await;
    let mut closes = Vec::new();
    for _ in 0..2 {
        let (result, emitted) = chain
            .process_with_events(&[protocol.addresses.close_epoch()], &[])
            .await;
        result.unwrap();
        closes.push(events::single::<EpochClosed>(&emitted));
    }
    assert_eq!(closes[0].epoch, last_old);
    assert_eq!(closes[0].classes[1].share_bps, 500);
    assert_eq!(closes[0].classes[1].emission, community(last_old));
    assert_eq!(closes[1].classes[1].share_bps, 1_000);
    assert_eq!(closes[1].classes[1].emission, emission(last_old + 1) / 10);
}
