use io_staking::error::StakingError;
use io_staking::events::Staked;
use io_test_harness::{assert_staking_error, events};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

#[tokio::test]
async fn stakes_and_tops_up_into_the_vault() {
    let (mut chain, protocol) = protocol().await;
    let dev = chain
        .register_device(&protocol, "H100", 1, 3_000 * IO)
        .await;
    let ix = protocol
        .addresses
        .stake(dev.owner.pubkey(), dev.device, dev.owner_token, 1_500 * IO);
    let (result, emitted) = chain.process_with_events(&[ix], &[&dev.owner]).await;
    result.unwrap();
    let event: Staked = events::single(&emitted);
    assert_eq!(
        (event.amount, event.stake, event.required_stake),
        (1_500 * IO, 1_500 * IO, 2_000 * IO)
    );
    chain.stake(&protocol, &dev, 500 * IO).await.unwrap();
    assert_eq!(chain.device_state(&dev).await.stake, 2_000 * IO);
    assert_eq!(chain.token_balance(protocol.stake_vault).await, 2_000 * IO);
    assert_eq!(chain.token_balance(dev.owner_token).await, 1_000 * IO);
    assert_eq!(chain.pool_state(&protocol).await.total_staked, 2_000 * IO);
}

#[tokio::test]
async fn only_the_owner() {
    let (mut chain, protocol) = protocol().await;
    let dev = chain
        .register_device(&protocol, "H100", 1, 3_000 * IO)
        .await;
    let stranger = Keypair::new();
    let stranger_token = chain.fund(&stranger.pubkey(), 10 * IO).await;
    let ix = protocol
        .addresses
        .stake(stranger.pubkey(), dev.device, stranger_token, IO);
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::NotDeviceOwner);
}

#[tokio::test]
async fn rejects_zero() {
    let (mut chain, protocol) = protocol().await;
    let dev = chain
        .register_device(&protocol, "H100", 1, 3_000 * IO)
        .await;
    assert_staking_error(
        chain.stake(&protocol, &dev, 0).await,
        StakingError::ZeroAmount,
    );
}

#[tokio::test]
async fn rejects_a_token_account_of_another_mint() {
    let (mut chain, protocol) = protocol().await;
    let dev = chain
        .register_device(&protocol, "H100", 1, 3_000 * IO)
        .await;
    let other_mint = chain.create_other_mint(8).await;
    let wrong = chain
        .create_token_account_for_mint(&dev.owner.pubkey(), &other_mint)
        .await;
    let ix = protocol
        .addresses
        .stake(dev.owner.pubkey(), dev.device, wrong, IO);
    let result = chain.process(&[ix], &[&dev.owner]).await;
    assert_staking_error(result, StakingError::WrongMint);
}

#[tokio::test]
async fn rejects_a_vault_that_is_not_the_protocols() {
    let (mut chain, protocol) = protocol().await;
    let dev = chain
        .register_device(&protocol, "H100", 1, 3_000 * IO)
        .await;
    let fake_vault = chain.create_token_account(&dev.owner.pubkey()).await;
    let mut ix = protocol
        .addresses
        .stake(dev.owner.pubkey(), dev.device, dev.owner_token, IO);
    ix.accounts[5].pubkey = fake_vault;
    let result = chain.process(&[ix], &[&dev.owner]).await;
    assert_staking_error(result, StakingError::WrongVault);
}

#[tokio::test]
async fn no_top_up_during_cooldown() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.request_unstake(&protocol, &dev).await.unwrap();
    assert_staking_error(
        chain.stake(&protocol, &dev, IO).await,
        StakingError::StakeDuringCooldown,
    );
}

#[tokio::test]
async fn not_while_paused() {
    let (mut chain, protocol) = protocol().await;
    let dev = chain
        .register_device(&protocol, "H100", 1, 3_000 * IO)
        .await;
    let admin = protocol.admin.insecure_clone();
    let pause = protocol.addresses.set_paused(admin.pubkey(), true);
    chain.process(&[pause], &[&admin]).await.unwrap();
    assert_staking_error(chain.stake(&protocol, &dev, IO).await, StakingError::Paused);
}

#[tokio::test]
async fn only_from_the_stakers_own_token_account() {
    let (mut chain, protocol) = protocol().await;
    let dev = chain
        .register_device(&protocol, "H100", 1, 3_000 * IO)
        .await;
    let someone = Keypair::new();
    let their_tokens = chain.fund(&someone.pubkey(), 10 * IO).await;
    let ix = protocol
        .addresses
        .stake(dev.owner.pubkey(), dev.device, their_tokens, IO);
    let result = chain.process(&[ix], &[&dev.owner]).await;
    assert_staking_error(result, StakingError::NotOwnersTokenAccount);
}
