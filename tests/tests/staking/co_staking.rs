//! Co-staking offers (docs/design.md section 9), with the exact numbers the issue asks for.

use anchor_lang::error::ErrorCode as AnchorErrorCode;
use anchor_lang::prelude::Pubkey;
use io_staking::error::StakingError;
use io_staking::events::{CoStakeAccepted, CoStakeExitRequested};
use io_staking::state::{CaseStatus, CoStakeOffer, CoStakeStatus, SlashReason};
use io_staking::CoStakeTerms;
use io_test_harness::{
    assert_anchor_error, assert_staking_error, events, DeviceHandle, Protocol, Resolution,
    TestChain,
};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

const DAY: i64 = 86_400;

/// A wallet with `funds` IO and SOL for rent and fees.
struct CoStaker {
    wallet: Keypair,
    token: Pubkey,
}

async fn co_staker(chain: &mut TestChain, funds: u64) -> CoStaker {
    let wallet = Keypair::new();
    chain.airdrop(&wallet.pubkey(), 1_000_000_000).await;
    let token = chain.fund(&wallet.pubkey(), funds).await;
    CoStaker { wallet, token }
}

fn terms(amount: u64, share_bps: u16) -> CoStakeTerms {
    CoStakeTerms { amount, share_bps }
}

async fn offer(
    chain: &mut TestChain,
    protocol: &Protocol,
    dev: &DeviceHandle,
    amount: u64,
    share_bps: u16,
) -> io_test_harness::TxResult {
    let ix = protocol.addresses.create_co_stake_offer(
        dev.owner.pubkey(),
        dev.device,
        terms(amount, share_bps),
    );
    chain.process(&[ix], &[&dev.owner]).await
}

async fn accept(
    chain: &mut TestChain,
    protocol: &Protocol,
    dev: &DeviceHandle,
    who: &CoStaker,
    amount: u64,
    share_bps: u16,
) -> io_test_harness::TxResult {
    let ix = protocol.addresses.accept_co_stake_offer(
        who.wallet.pubkey(),
        dev.device,
        who.token,
        terms(amount, share_bps),
    );
    chain.process(&[ix], &[&who.wallet]).await
}

/// An H100 (2,000 IO required) with 1,000 IO of the owner's and a 1,000 IO co-stake for
/// `share_bps` of its rewards, active from epoch 5.
async fn co_staked_h100(share_bps: u16) -> (TestChain, Protocol, DeviceHandle, CoStaker) {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, Some(1_000 * IO)).await;
    offer(&mut chain, &protocol, &dev, 1_000 * IO, share_bps)
        .await
        .unwrap();
    let who = co_staker(&mut chain, 1_000 * IO).await;
    accept(&mut chain, &protocol, &dev, &who, 1_000 * IO, share_bps)
        .await
        .unwrap();
    nominate(&mut chain, &protocol, &[&dev]).await;
    assert!(chain.device_state(&dev).await.active, "the co-stake counts");
    (chain, protocol, dev, who)
}

#[tokio::test]
async fn a_74_percent_co_staker_is_credited_exactly_its_share() {
    let (mut chain, protocol, dev, who) = co_staked_h100(7_400).await;
    let before = chain.device_state(&dev).await;
    for epoch in 6..=9 {
        chain.close_epochs_through(&protocol, epoch).await;
        let d0 = chain.device_state(&dev).await;
        let credited = chain.attest_settled(&protocol, epoch, &[&dev]).await[0].credited;
        let d1 = chain.device_state(&dev).await;
        let co = d1.co_pending_rewards - d0.co_pending_rewards;
        let owner = d1.pending_rewards - d0.pending_rewards;
        assert!(credited > 0);
        assert_eq!(co, credited * 7_400 / 10_000, "epoch {epoch}: rounded down");
        assert_eq!(owner, credited - co, "epoch {epoch}: the owner the rest");
    }
    let after = chain.device_state(&dev).await;
    let credited = after.total_credited - before.total_credited;
    assert_eq!(
        after.co_total_credited + (after.pending_rewards - before.pending_rewards),
        credited,
        "the two sides add up to the device's credit, no new dust"
    );
    // Each claims its own.
    let ix = protocol
        .addresses
        .claim_co_stake_rewards(who.wallet.pubkey(), dev.device, who.token);
    chain.process(&[ix], &[&who.wallet]).await.unwrap();
    assert_eq!(
        chain.token_balance(who.token).await,
        after.co_pending_rewards
    );
    let stranger = co_staker(&mut chain, 0).await;
    let ix = protocol.addresses.claim_co_stake_rewards(
        stranger.wallet.pubkey(),
        dev.device,
        stranger.token,
    );
    assert_staking_error(
        chain.process(&[ix], &[&stranger.wallet]).await,
        StakingError::NotCoStaker,
    );
    chain.claim(&protocol, &dev).await.unwrap();
}

#[tokio::test]
async fn the_published_limits_are_enforced() {
    let (mut chain, protocol) = protocol().await;
    let a = protocol.addresses;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, Some(3_000 * IO)).await;
    // More than half of the total: 3,001 next to 3,000.
    assert_staking_error(
        offer(&mut chain, &protocol, &dev, 3_000 * IO + 1, 5_000).await,
        StakingError::CoStakeAboveHalf,
    );
    assert_staking_error(
        offer(&mut chain, &protocol, &dev, 1_000 * IO, 10_001).await,
        StakingError::InvalidShare,
    );
    offer(&mut chain, &protocol, &dev, 2_500 * IO, 5_000)
        .await
        .unwrap();
    let state: CoStakeOffer = chain.anchor_account(a.co_stake_offer(&dev.device)).await;
    assert_eq!(
        (state.status, state.amount),
        (CoStakeStatus::Open, 2_500 * IO)
    );
    // One offer per device.
    assert_staking_error(
        offer(&mut chain, &protocol, &dev, 1_000 * IO, 5_000).await,
        StakingError::CoStakeOfferExists,
    );

    // Accepting your own offer is refused.
    let own = CoStaker {
        wallet: dev.owner.insecure_clone(),
        token: dev.owner_token,
    };
    assert_staking_error(
        accept(&mut chain, &protocol, &dev, &own, 2_500 * IO, 5_000).await,
        StakingError::CannotAcceptOwnOffer,
    );
    // The owner takes 1,000 IO of overflow back: 2,500 would now be above half of the total.
    let ix = a.withdraw_overflow(dev.owner.pubkey(), dev.device, dev.owner_token, 1_000 * IO);
    chain.process(&[ix], &[&dev.owner]).await.unwrap();
    let who = co_staker(&mut chain, 10_000 * IO).await;
    assert_staking_error(
        accept(&mut chain, &protocol, &dev, &who, 2_500 * IO, 5_000).await,
        StakingError::CoStakeAboveHalf,
    );
    // Terms other than the offer's are refused (an owner cannot swap them under a co-staker).
    assert_staking_error(
        accept(&mut chain, &protocol, &dev, &who, 2_500 * IO, 7_400).await,
        StakingError::OfferTermsChanged,
    );
    // Cancelled: the offer is gone, and accepting it is refused.
    let ix = a.cancel_co_stake_offer(dev.owner.pubkey(), dev.device);
    chain.process(&[ix], &[&dev.owner]).await.unwrap();
    assert_anchor_error(
        accept(&mut chain, &protocol, &dev, &who, 2_500 * IO, 5_000).await,
        AnchorErrorCode::AccountNotInitialized.into(),
    );

    // A new offer within the cap: accepted once, never twice, and not cancellable any more.
    offer(&mut chain, &protocol, &dev, 2_000 * IO, 5_000)
        .await
        .unwrap();
    let ix = protocol.addresses.accept_co_stake_offer(
        who.wallet.pubkey(),
        dev.device,
        who.token,
        terms(2_000 * IO, 5_000),
    );
    let (result, emitted) = chain.process_with_events(&[ix], &[&who.wallet]).await;
    result.unwrap();
    let accepted: CoStakeAccepted = events::single(&emitted);
    assert_eq!(accepted.total_stake, 4_000 * IO);
    let other = co_staker(&mut chain, 10_000 * IO).await;
    assert_staking_error(
        accept(&mut chain, &protocol, &dev, &other, 2_000 * IO, 5_000).await,
        StakingError::CoStakeAlreadyAccepted,
    );
    let ix = a.cancel_co_stake_offer(dev.owner.pubkey(), dev.device);
    assert_staking_error(
        chain.process(&[ix], &[&dev.owner]).await,
        StakingError::CoStakeAlreadyAccepted,
    );
    // Overflow now: (2,000 + 2,000) - 2,000 = 2,000, but even 1 IO would put the co-stake
    // above half of the total.
    let ix = a.withdraw_overflow(dev.owner.pubkey(), dev.device, dev.owner_token, 1);
    assert_staking_error(
        chain.process(&[ix], &[&dev.owner]).await,
        StakingError::CoStakeAboveHalf,
    );

    // One wallet holds at most 2 accepted offers: a third is refused.
    let second = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    offer(&mut chain, &protocol, &second, 500 * IO, 5_000)
        .await
        .unwrap();
    accept(&mut chain, &protocol, &second, &who, 500 * IO, 5_000)
        .await
        .unwrap();
    let third = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    offer(&mut chain, &protocol, &third, 500 * IO, 5_000)
        .await
        .unwrap();
    assert_staking_error(
        accept(&mut chain, &protocol, &third, &who, 500 * IO, 5_000).await,
        StakingError::TooManyCoStakes,
    );
    accept(&mut chain, &protocol, &third, &other, 500 * IO, 5_000)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_co_staker_exit_timeline() {
    let (mut chain, protocol, dev, who) = co_staked_h100(7_400).await;
    let a = protocol.addresses;
    let genesis = chain.emission_state().await.genesis_timestamp;
    chain.close_epochs_through(&protocol, 6).await;
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();

    // Day 0: the co-staker asks to leave.
    let ix = a.request_co_stake_exit(who.wallet.pubkey(), dev.device);
    let (result, emitted) = chain.process_with_events(&[ix], &[&who.wallet]).await;
    result.unwrap();
    let exit: CoStakeExitRequested = events::single(&emitted);
    let t0 = exit.requested_at;
    assert_eq!(exit.counts_until, t0 + 7 * DAY);
    assert_eq!(exit.unlocks_at, t0 + 21 * DAY);
    let ix = a.request_co_stake_exit(who.wallet.pubkey(), dev.device);
    assert_staking_error(
        chain.process(&[ix], &[&who.wallet]).await,
        StakingError::AlreadyExiting,
    );

    // Days 0-7: the co-stake still counts (the device stays active) but its share earns
    // nothing: the owner is credited the whole epoch.
    let co_before = chain.device_state(&dev).await.co_total_credited;
    let epoch_after_request = match io_emission::schedule::epoch_at(genesis, t0) {
        io_emission::schedule::EpochPosition::Epoch(n) => n,
        other => panic!("{other:?}"),
    };
    chain
        .close_epochs_through(&protocol, epoch_after_request)
        .await;
    chain
        .attest(&protocol, epoch_after_request, &[&dev])
        .await
        .unwrap();
    let state = chain.device_state(&dev).await;
    assert!(state.active);
    assert_eq!(state.co_total_credited, co_before);
    let ix = a.withdraw_co_stake(
        who.wallet.pubkey(),
        who.wallet.pubkey(),
        dev.device,
        dev.owner.pubkey(),
        who.token,
    );
    assert_staking_error(
        chain
            .process(std::slice::from_ref(&ix), &[&who.wallet])
            .await,
        StakingError::CooldownNotOver,
    );

    // Days 7-21: the co-stake no longer counts. 1,000 IO of the owner's is under the 2,000
    // required, so the device leaves the active set at its next attestation...
    let day_8 = io_emission::schedule::last_ended_epoch(genesis, t0 + 8 * DAY);
    chain.close_epochs_through(&protocol, day_8).await;
    chain.attest(&protocol, day_8, &[&dev]).await.unwrap();
    assert!(!chain.device_state(&dev).await.active);
    let owner_before = chain.device_state(&dev).await.pending_rewards;
    chain.close_epochs_through(&protocol, day_8 + 1).await;
    chain.attest(&protocol, day_8 + 1, &[&dev]).await.unwrap();
    let state = chain.device_state(&dev).await;
    assert_eq!(
        state.pending_rewards, owner_before,
        "nothing credited while out"
    );
    // ...unless the owner tops up: it rejoins once its uptime streak is back to 5.
    chain.stake(&protocol, &dev, 1_000 * IO).await.unwrap();
    for epoch in day_8 + 2..=day_8 + 4 {
        chain.close_epochs_through(&protocol, epoch).await;
        chain.attest(&protocol, epoch, &[&dev]).await.unwrap();
    }
    assert!(chain.device_state(&dev).await.active);
    assert_staking_error(
        chain
            .process(std::slice::from_ref(&ix), &[&who.wallet])
            .await,
        StakingError::CooldownNotOver,
    );

    // Day 21: withdrawal, to the co-staker only.
    chain.set_time(t0 + 21 * DAY).await;
    let stranger = co_staker(&mut chain, 0).await;
    let wrong = a.withdraw_co_stake(
        stranger.wallet.pubkey(),
        who.wallet.pubkey(),
        dev.device,
        dev.owner.pubkey(),
        who.token,
    );
    assert_staking_error(
        chain.process(&[wrong], &[&stranger.wallet]).await,
        StakingError::NotCoStaker,
    );
    // Nor can anyone redirect it: the token account must be the co-staker's.
    let redirect = a.withdraw_co_stake(
        who.wallet.pubkey(),
        who.wallet.pubkey(),
        dev.device,
        dev.owner.pubkey(),
        stranger.token,
    );
    assert_staking_error(
        chain.process(&[redirect], &[&who.wallet]).await,
        StakingError::NotOwnersTokenAccount,
    );
    let pending = chain.device_state(&dev).await.co_pending_rewards;
    chain.process(&[ix], &[&who.wallet]).await.unwrap();
    assert_eq!(chain.token_balance(who.token).await, 1_000 * IO + pending);
    let state = chain.device_state(&dev).await;
    assert_eq!((state.co_stake, state.has_co_stake_offer), (0, false));
    assert!(chain.account(a.co_stake_offer(&dev.device)).await.is_none());
    // The owner may offer again.
    offer(&mut chain, &protocol, &dev, 500 * IO, 5_000)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_owners_unstake_takes_both_stakes_into_the_cooldown() {
    let (mut chain, protocol, dev, who) = co_staked_h100(5_000).await;
    chain.close_epochs_through(&protocol, 6).await;
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();
    let co_pending = chain.device_state(&dev).await.co_pending_rewards;
    assert!(co_pending > 0);
    let ix = protocol.addresses.request_unstake_with_co_staker(
        dev.owner.pubkey(),
        dev.device,
        dev.owner_token,
        Some(who.token),
    );
    chain.process(&[ix], &[&dev.owner]).await.unwrap();
    // Both sides' pending rewards were paid out.
    assert_eq!(chain.token_balance(who.token).await, co_pending);
    let a = protocol.addresses;
    let co_withdraw = a.withdraw_co_stake(
        who.wallet.pubkey(),
        who.wallet.pubkey(),
        dev.device,
        dev.owner.pubkey(),
        who.token,
    );
    assert_staking_error(
        chain
            .process(std::slice::from_ref(&co_withdraw), &[&who.wallet])
            .await,
        StakingError::CooldownNotOver,
    );
    let ix = a.request_co_stake_exit(who.wallet.pubkey(), dev.device);
    assert_staking_error(
        chain.process(&[ix], &[&who.wallet]).await,
        StakingError::AlreadyUnstaking,
    );
    chain.advance(14 * DAY).await;
    // Each side withdraws its own part to its own wallet.
    let owner_wallet = chain.token_balance(dev.owner_token).await;
    chain.withdraw(&protocol, &dev).await.unwrap();
    assert_eq!(
        chain.token_balance(dev.owner_token).await,
        owner_wallet + 1_000 * IO
    );
    chain.process(&[co_withdraw], &[&who.wallet]).await.unwrap();
    assert_eq!(
        chain.token_balance(who.token).await,
        co_pending + 1_000 * IO
    );
    // Nothing left: the device can be closed.
    let ix = protocol
        .addresses
        .close_device(dev.owner.pubkey(), dev.device, &dev.hardware_hash);
    chain.process(&[ix], &[&dev.owner]).await.unwrap();
}

#[tokio::test]
async fn a_slash_takes_pro_rata_from_both_sides_and_an_overturn_returns_each_exactly() {
    // Owner 2,000 IO, co-staker 1,000 IO at 50%.
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, Some(2_000 * IO)).await;
    offer(&mut chain, &protocol, &dev, 1_000 * IO, 5_000)
        .await
        .unwrap();
    let who = co_staker(&mut chain, 1_000 * IO).await;
    accept(&mut chain, &protocol, &dev, &who, 1_000 * IO, 5_000)
        .await
        .unwrap();
    nominate(&mut chain, &protocol, &[&dev]).await;
    chain.close_epochs_through(&protocol, 6).await;
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();
    let before = chain.device_state(&dev).await;
    assert!(before.pending_rewards > 0 && before.co_pending_rewards > 0);

    // 300 IO from 3,000 IO of stake: 200 from the owner, 100 from the co-staker.
    let (result, stake_case) = chain
        .open_case(&protocol, &dev, 300 * IO, SlashReason::Other)
        .await;
    result.unwrap();
    let case = chain.case_state(stake_case).await;
    assert_eq!((case.from_stake, case.from_co_stake), (200 * IO, 100 * IO));
    assert_eq!((case.from_rewards, case.from_co_rewards), (0, 0));
    assert_eq!(case.co_staker, who.wallet.pubkey());
    // Everything left: all stake, then the unclaimed rewards pro rata to each side's balance.
    let mid = chain.device_state(&dev).await;
    let everything = mid.stake + mid.co_stake + mid.pending_rewards + mid.co_pending_rewards;
    let (result, all_case) = chain
        .open_case(&protocol, &dev, everything, SlashReason::Other)
        .await;
    result.unwrap();
    let all = chain.case_state(all_case).await;
    assert_eq!((all.from_stake, all.from_co_stake), (1_800 * IO, 900 * IO));
    let rewards = mid.pending_rewards + mid.co_pending_rewards;
    assert_eq!(
        all.from_co_rewards,
        (rewards as u128 * mid.co_pending_rewards as u128 / rewards as u128) as u64
    );
    assert_eq!(all.from_co_rewards, mid.co_pending_rewards);
    assert_eq!(all.from_rewards, mid.pending_rewards);
    let emptied = chain.device_state(&dev).await;
    assert_eq!(
        (
            emptied.stake,
            emptied.co_stake,
            emptied.pending_rewards,
            emptied.co_pending_rewards
        ),
        (0, 0, 0, 0)
    );

    // Both overturned: each side gets back exactly what was taken from it (rewards as stake).
    for case in [stake_case, all_case] {
        chain.appeal(&protocol, &dev, case).await.unwrap();
        chain
            .resolve(&protocol, &dev, case, Resolution::Overturn)
            .await
            .unwrap();
    }
    let after = chain.device_state(&dev).await;
    assert_eq!(after.stake, 2_000 * IO + mid.pending_rewards);
    assert_eq!(after.co_stake, 1_000 * IO + mid.co_pending_rewards);
    assert_eq!(after.escrowed, 0);
}

#[tokio::test]
async fn the_co_staker_may_appeal_a_case_that_took_from_it() {
    let (mut chain, protocol, dev, who) = co_staked_h100(5_000).await;
    let (result, case) = chain
        .open_case(&protocol, &dev, 100 * IO, SlashReason::Other)
        .await;
    result.unwrap();
    let stranger = co_staker(&mut chain, 0).await;
    let ix = protocol
        .addresses
        .appeal_case(stranger.wallet.pubkey(), dev.device, case, [1; 32]);
    assert_staking_error(
        chain.process(&[ix], &[&stranger.wallet]).await,
        StakingError::NotDeviceOwner,
    );
    let ix = protocol
        .addresses
        .appeal_case(who.wallet.pubkey(), dev.device, case, [2; 32]);
    chain.process(&[ix], &[&who.wallet]).await.unwrap();
    let state = chain.case_state(case).await;
    assert_eq!(
        (state.status, state.statement_hash),
        (CaseStatus::Appealed, [2; 32])
    );
    // One appeal per case, whoever made it.
    assert_staking_error(
        chain.appeal(&protocol, &dev, case).await,
        StakingError::AlreadyAppealed,
    );
}

#[tokio::test]
async fn an_owner_slashed_to_zero_beside_a_co_stake_can_still_unstake() {
    let (mut chain, protocol, dev, _who) = co_staked_h100(5_000).await;
    // All of the 2,000 IO but one base unit: the co-staker's side is rounded down, so the
    // owner's takes its whole 1,000 IO and the co-staker keeps one base unit.
    let (result, case) = chain
        .open_case(&protocol, &dev, 2_000 * IO - 1, SlashReason::Other)
        .await;
    result.unwrap();
    let state = chain.device_state(&dev).await;
    assert_eq!(chain.case_state(case).await.from_stake, 1_000 * IO);
    assert_eq!((state.stake, state.co_stake), (0, 1));
    chain.request_unstake(&protocol, &dev).await.unwrap();
}
