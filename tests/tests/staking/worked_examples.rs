//! The worked examples, with exact numbers.

use crate::common::*;

/// Epoch 7's Enterprise part split 1000:125 between an H100 and an RTX 4090 (with the carry
/// remainder of epoch 6).
const H100_EPOCH_7: u64 = 385_558_943_528;
const RTX_EPOCH_7: u64 = 48_194_867_941;

#[tokio::test]
async fn two_devices_share_an_epoch_in_proportion_to_weight() {
    let (mut chain, protocol) = protocol().await;
    let h100 = staked_device(&mut chain, &protocol, "H100", 1, None).await; // weight 1000
    let rtx = staked_device(&mut chain, &protocol, "RTX 4090", 1, None).await; // weight 125
    nominate(&mut chain, &protocol, &[&h100, &rtx]).await;
    // Both joined after epoch 5 closed: epochs 1-5 went to carry with nobody active, each
    // class's part to its own carry. Both models are Enterprise (95% of each epoch).
    let pool = chain.pool_state(&protocol).await;
    assert_eq!(pool.active_devices, 2);
    assert_eq!(pool.total_weight(), 1_125);
    let carried: u64 = (1..=5).map(enterprise).sum();
    assert_eq!(
        pool.classes[0].carry_scaled,
        carried as u128 * 1_000_000_000_000_000_000
    );
    assert_eq!(
        pool.carry_scaled(),
        (1..=5).map(emission).sum::<u64>() as u128 * 1_000_000_000_000_000_000
    );

    // Epoch 6 distributes Enterprise's part of it plus Enterprise's carried five epochs.
    chain.close_epochs_through(&protocol, 6).await;
    let settled = chain.attest_settled(&protocol, 6, &[&h100, &rtx]).await;
    let pot = (carried + enterprise(6)) as u128 * 1_000_000_000_000_000_000;
    let delta = pot / 1_125;
    let h100_share = (1_000 * delta / 1_000_000_000_000_000_000) as u64;
    let rtx_share = (125 * delta / 1_000_000_000_000_000_000) as u64;
    assert_eq!(settled[0].credited, h100_share);
    assert_eq!(settled[1].credited, rtx_share);
    // 8:1, as the weights; rounding loses less than one base unit per device.
    assert!(h100_share.abs_diff(8 * rtx_share) < 8);
    assert!(carried + enterprise(6) - h100_share - rtx_share < 2);

    // Epoch 7 alone: exact figures from the published schedule (Enterprise's 95%, the
    // flooring remainder of the 95/5 split included).
    chain.close_epochs_through(&protocol, 7).await;
    let settled = chain.attest_settled(&protocol, 7, &[&h100, &rtx]).await;
    assert_eq!(emission(7), 456_582_959_442);
    assert_eq!(enterprise(7), 433_753_811_470);
    assert_eq!(settled[0].credited, H100_EPOCH_7);
    assert_eq!(settled[1].credited, RTX_EPOCH_7);

    chain.claim(&protocol, &h100).await.unwrap();
    chain.claim(&protocol, &rtx).await.unwrap();
    let required_h100 = 2_000 * IO;
    assert_eq!(
        chain.token_balance(h100.owner_token).await,
        required_h100 + h100_share + H100_EPOCH_7
    );
}

#[tokio::test]
async fn a_missed_attestation_is_forfeited_and_paid_out_next_epoch() {
    let (mut chain, protocol) = protocol().await;
    let steady = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let flaky = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&steady, &flaky]).await;
    chain.close_epochs_through(&protocol, 6).await;
    chain
        .attest(&protocol, 6, &[&steady, &flaky])
        .await
        .unwrap();
    let before_steady = chain.device_state(&steady).await.pending_rewards;
    let before_flaky = chain.device_state(&flaky).await.pending_rewards;

    // Epoch 7: the flaky device is not attested.
    chain.close_epochs_through(&protocol, 7).await;
    chain.attest(&protocol, 7, &[&steady]).await.unwrap();
    let half7 = enterprise(7) / 2; // 216,876,905,735 each: weights are equal
    assert_eq!(half7, 216_876_905_735);
    assert_eq!(
        chain.device_state(&steady).await.pending_rewards - before_steady,
        half7
    );

    // Epoch 8: attesting the flaky device forfeits its epoch-7 share into carry...
    chain.close_epochs_through(&protocol, 8).await;
    let settled = chain.attest_settled(&protocol, 8, &[&flaky, &steady]).await;
    assert_eq!(settled[0].forfeited, half7);
    assert_eq!(settled[0].credited, enterprise(8) / 2);
    assert_eq!(settled[1].forfeited, 0);
    assert_eq!(
        chain.device_state(&flaky).await.pending_rewards - before_flaky,
        enterprise(8) / 2
    );

    // ...and epoch 9 pays it out to both, on top of epoch 9's emission.
    chain.close_epochs_through(&protocol, 9).await;
    let settled = chain.attest_settled(&protocol, 9, &[&flaky, &steady]).await;
    let expected = (enterprise(9) + half7) / 2;
    assert!(settled[0].credited.abs_diff(expected) <= 1);
    assert!(settled[1].credited.abs_diff(expected) <= 1);
}

#[tokio::test]
async fn a_device_in_cooldown_earns_nothing() {
    let (mut chain, protocol) = protocol().await;
    let leaving = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let staying = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&leaving, &staying]).await;
    chain.request_unstake(&protocol, &leaving).await.unwrap();
    let pool = chain.pool_state(&protocol).await;
    assert_eq!((pool.active_devices, pool.total_weight()), (1, 1_000));

    for epoch in 6..=8 {
        chain.close_epochs_through(&protocol, epoch).await;
        chain
            .attest(&protocol, epoch, &[&leaving, &staying])
            .await
            .unwrap();
    }
    let leaving_state = chain.device_state(&leaving).await;
    assert_eq!(leaving_state.total_credited, 0);
    assert!(!leaving_state.active);
    // The one remaining device took Enterprise's part of every epoch whole (plus the
    // pre-activation carry at 6); Community's part waits in its own carry.
    let staying_state = chain.device_state(&staying).await;
    let everything: u64 = (1..=8).map(enterprise).sum();
    assert!(everything - staying_state.total_credited <= 2);
}

#[tokio::test]
async fn stake_below_the_requirement_earns_nothing() {
    let (mut chain, protocol) = protocol().await;
    let short = staked_device(&mut chain, &protocol, "H100", 1, Some(2_000 * IO - 1)).await;
    nominate(&mut chain, &protocol, &[&short]).await;
    for epoch in 6..=7 {
        chain.close_epochs_through(&protocol, epoch).await;
        chain.attest(&protocol, epoch, &[&short]).await.unwrap();
    }
    let state = chain.device_state(&short).await;
    assert_eq!(state.streak, 7);
    assert!(!state.active);
    assert_eq!(state.total_credited, 0);
    // One more base unit and the next attestation nominates it.
    chain.stake(&protocol, &short, 1).await.unwrap();
    chain.close_epochs_through(&protocol, 8).await;
    chain.attest(&protocol, 8, &[&short]).await.unwrap();
    assert!(chain.device_state(&short).await.active);
}

#[tokio::test]
async fn stake_beyond_the_requirement_earns_nothing_extra() {
    let (mut chain, protocol) = protocol().await;
    let exact = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let double = staked_device(&mut chain, &protocol, "H100", 1, Some(4_000 * IO)).await;
    nominate(&mut chain, &protocol, &[&exact, &double]).await;
    chain.close_epochs_through(&protocol, 6).await;
    chain
        .attest(&protocol, 6, &[&exact, &double])
        .await
        .unwrap();
    assert_eq!(
        chain.device_state(&exact).await.pending_rewards,
        chain.device_state(&double).await.pending_rewards
    );
}

#[tokio::test]
async fn a_zero_multiplier_model_never_earns() {
    let (mut chain, protocol) = protocol().await;
    let a10 = staked_device(&mut chain, &protocol, "A10", 2, None).await;
    assert_eq!(
        chain.device_state(&a10).await.stake,
        400 * IO,
        "still stakes 200 IO per GPU"
    );
    nominate(&mut chain, &protocol, &[&a10]).await;
    assert!(!chain.device_state(&a10).await.active);
    assert_eq!(chain.pool_state(&protocol).await.total_weight(), 0);
}
