//! Audit round three, findings 2 and 3 (docs/audit.md): a withdrawn device's leftover co-stake
//! never makes it eligible, and the governance delay covers a co-staker's whole exit.

use io_staking::error::StakingError;
use io_staking::events::SlashingConfigUpdated;
use io_staking::state::{CoStakeOffer, DeviceStatus, SlashingParams};
use io_staking::{CoStakeTerms, SlashingSetup};
use io_test_harness::{assert_staking_error, events, DeviceHandle, Protocol, TestChain};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

/// An H100 (2,000 IO required) with `owner_stake` of the owner's and a 2,000 IO co-stake, and
/// the co-staker's wallet and token account.
async fn co_staked(
    owner_stake: u64,
) -> (
    TestChain,
    Protocol,
    DeviceHandle,
    Keypair,
    anchor_lang::prelude::Pubkey,
) {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, Some(owner_stake)).await;
    let terms = CoStakeTerms {
        amount: 2_000 * IO,
        share_bps: 5_000,
    };
    let a = protocol.addresses;
    let ix = a.create_co_stake_offer(dev.owner.pubkey(), dev.device, terms.clone());
    chain.process(&[ix], &[&dev.owner]).await.unwrap();
    let wallet = Keypair::new();
    chain.airdrop(&wallet.pubkey(), 1_000_000_000).await;
    let token = chain.fund(&wallet.pubkey(), 2_000 * IO).await;
    let ix = a.accept_co_stake_offer(wallet.pubkey(), dev.device, token, terms);
    chain.process(&[ix], &[&wallet]).await.unwrap();
    (chain, protocol, dev, wallet, token)
}

#[tokio::test]
async fn a_withdrawn_device_with_a_co_stake_is_never_eligible_and_its_co_staker_leaves() {
    // The owner stakes 3,000 IO beside the 2,000 IO co-stake, unstakes and withdraws: the
    // co-stake alone still covers the requirement.
    let (mut chain, protocol, dev, wallet, token) = co_staked(3_000 * IO).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    chain.request_unstake(&protocol, &dev).await.unwrap();
    chain.advance(14 * DAY).await;
    chain.withdraw(&protocol, &dev).await.unwrap();
    let state = chain.device_state(&dev).await;
    assert_eq!(state.status, DeviceStatus::Withdrawn);
    assert_eq!((state.stake, state.co_stake), (0, 2_000 * IO));

    // Uptime attested for a whole nomination streak: the batch goes through (before the fix it
    // activated the device and failed with AccountingInvariant) and the device stays out.
    let now = chain.now().await;
    let genesis = chain.emission_state().await.genesis_timestamp;
    let last = u32::try_from((now - genesis) / HOUR).unwrap() - 1;
    chain.close_epochs_through(&protocol, last).await;
    for epoch in last - 4..=last {
        chain.attest(&protocol, epoch, &[&dev]).await.unwrap();
    }
    let state = chain.device_state(&dev).await;
    assert!(!state.active, "{state:?}");
    assert_eq!(chain.pool_state(&protocol).await.active_devices, 0);

    // The co-staker of a withdrawn device leaves at once, to its own account.
    let ix = protocol.addresses.withdraw_co_stake(
        wallet.pubkey(),
        wallet.pubkey(),
        dev.device,
        dev.owner.pubkey(),
        token,
    );
    chain.process(&[ix], &[&wallet]).await.unwrap();
    assert_eq!(chain.token_balance(token).await, 2_000 * IO);
}

#[tokio::test]
async fn a_co_staker_who_reacts_within_a_week_is_out_before_a_new_slasher_lands() {
    let (mut chain, protocol, dev, wallet, token) = co_staked(2_000 * IO).await;
    let admin = protocol.admin.insecure_clone();
    let new_slasher = Keypair::new();
    let setup = SlashingSetup {
        slasher: new_slasher.pubkey(),
        arbiter: protocol.arbiter.pubkey(),
        params: SlashingParams::published(),
    };
    let announced = chain.now().await;
    let ix = protocol
        .addresses
        .set_slashing_config(admin.pubkey(), setup);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let change: SlashingConfigUpdated = events::single(&emitted);

    // Six days later the co-staker asks to leave: 7 days' wait, then the 14-day cooldown.
    chain.set_time(announced + 6 * DAY).await;
    let ix = protocol
        .addresses
        .request_co_stake_exit(wallet.pubkey(), dev.device);
    chain.process(&[ix], &[&wallet]).await.unwrap();
    let offer: CoStakeOffer = chain
        .anchor_account(protocol.addresses.co_stake_offer(&dev.device))
        .await;
    assert_eq!(offer.unlocks_at, announced + 27 * DAY);
    assert!(
        offer.unlocks_at < change.effective_at,
        "out at {} but the new slasher lands at {}",
        offer.unlocks_at,
        change.effective_at
    );
    let withdraw = protocol.addresses.withdraw_co_stake(
        wallet.pubkey(),
        wallet.pubkey(),
        dev.device,
        dev.owner.pubkey(),
        token,
    );
    assert_staking_error(
        chain
            .process(std::slice::from_ref(&withdraw), &[&wallet])
            .await,
        StakingError::CooldownNotOver,
    );
    chain.set_time(offer.unlocks_at).await;
    chain.process(&[withdraw], &[&wallet]).await.unwrap();
    assert_eq!(chain.token_balance(token).await, 2_000 * IO);
}
