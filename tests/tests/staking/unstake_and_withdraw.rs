use io_staking::error::StakingError;
use io_staking::events::UnstakeRequested;
use io_staking::state::{DeviceStatus, StakingParams};
use io_test_harness::{assert_staking_error, events};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

#[tokio::test]
async fn unstake_starts_a_14_day_cooldown_and_pays_pending_rewards() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    chain.close_epochs_through(&protocol, 6).await;
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();
    let pending = chain.device_state(&dev).await.pending_rewards;
    assert!(pending > 0);
    let wallet_before = chain.token_balance(dev.owner_token).await;

    chain.close_epochs_through(&protocol, 7).await; // epoch 7 accrued, never attested
    let ix = protocol
        .addresses
        .request_unstake(dev.owner.pubkey(), dev.device, dev.owner_token);
    let (result, emitted) = chain.process_with_events(&[ix], &[&dev.owner]).await;
    result.unwrap();
    let event: UnstakeRequested = events::single(&emitted);
    let now = chain.now().await;
    assert_eq!(event.unlocks_at, now + 14 * 86_400);
    assert_eq!(event.rewards_paid, pending);
    assert_eq!(
        event.forfeited,
        enterprise(7),
        "its unattested epoch goes back to the pool"
    );
    assert_eq!(
        chain.token_balance(dev.owner_token).await,
        wallet_before + pending
    );
    let state = chain.device_state(&dev).await;
    assert!(
        matches!(state.status, DeviceStatus::Unstaking { unlocks_at, .. } if unlocks_at == now + 14 * 86_400)
    );
    assert_eq!((state.active, state.pending_rewards), (false, 0));
    assert_eq!(chain.pool_state(&protocol).await.total_weight(), 0);
}

#[tokio::test]
async fn unstake_is_one_request_and_irreversible() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.request_unstake(&protocol, &dev).await.unwrap();
    assert_staking_error(
        chain.request_unstake(&protocol, &dev).await,
        StakingError::AlreadyUnstaking,
    );
}

#[tokio::test]
async fn unstake_needs_stake_and_the_owner() {
    let (mut chain, protocol) = protocol().await;
    let empty = chain.register_device(&protocol, "H100", 1, 0).await;
    assert_staking_error(
        chain.request_unstake(&protocol, &empty).await,
        StakingError::NothingStaked,
    );
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let stranger = Keypair::new();
    let ix = protocol
        .addresses
        .request_unstake(stranger.pubkey(), dev.device, dev.owner_token);
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::NotDeviceOwner);
}

#[tokio::test]
async fn withdraw_only_after_the_cooldown() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    assert_staking_error(
        chain.withdraw(&protocol, &dev).await,
        StakingError::NotUnstaking,
    );
    chain.request_unstake(&protocol, &dev).await.unwrap();
    chain.advance(14 * 86_400 - 1).await;
    assert_staking_error(
        chain.withdraw(&protocol, &dev).await,
        StakingError::CooldownNotOver,
    );
    chain.advance(1).await;
    let before = chain.token_balance(dev.owner_token).await;
    chain.withdraw(&protocol, &dev).await.unwrap();
    assert_eq!(
        chain.token_balance(dev.owner_token).await,
        before + 2_000 * IO
    );
    assert_eq!(chain.token_balance(protocol.stake_vault).await, 0);
    let state = chain.device_state(&dev).await;
    assert_eq!((state.stake, state.status), (0, DeviceStatus::Withdrawn));
    assert_eq!(chain.pool_state(&protocol).await.total_staked, 0);
    // Nothing left to take twice.
    assert_staking_error(
        chain.withdraw(&protocol, &dev).await,
        StakingError::DeviceWithdrawn,
    );
}

#[tokio::test]
async fn withdraw_only_to_the_owners_wallet() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.request_unstake(&protocol, &dev).await.unwrap();
    chain.advance(14 * 86_400).await;
    let thief = chain.create_token_account(&Keypair::new().pubkey()).await;
    let ix = protocol
        .addresses
        .withdraw(dev.owner.pubkey(), dev.device, thief);
    let result = chain.process(&[ix], &[&dev.owner]).await;
    assert_staking_error(result, StakingError::NotOwnersTokenAccount);
    let stranger = Keypair::new();
    let ix = protocol
        .addresses
        .withdraw(stranger.pubkey(), dev.device, dev.owner_token);
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::NotDeviceOwner);
}

#[tokio::test]
async fn exits_work_while_paused() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let admin = protocol.admin.insecure_clone();
    let pause = protocol.addresses.set_paused(admin.pubkey(), true);
    chain.process(&[pause], &[&admin]).await.unwrap();
    chain.request_unstake(&protocol, &dev).await.unwrap();
    chain.advance(14 * 86_400).await;
    chain.withdraw(&protocol, &dev).await.unwrap();
}

#[tokio::test]
async fn a_cooldown_keeps_the_unlock_time_it_was_given() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.request_unstake(&protocol, &dev).await.unwrap();
    let admin = protocol.admin.insecure_clone();
    let longer = StakingParams {
        cooldown_seconds: 60 * 86_400,
        ..chain.config_state(&protocol).await.params
    };
    let ix = protocol.addresses.update_params(admin.pubkey(), longer);
    chain.process(&[ix], &[&admin]).await.unwrap();
    chain.advance(14 * 86_400).await;
    chain.withdraw(&protocol, &dev).await.unwrap();
}
