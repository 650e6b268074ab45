use io_staking::error::StakingError;
use io_staking::events::RewardsClaimed;
use io_test_harness::{assert_staking_error, events};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

async fn earning_device() -> (
    io_test_harness::TestChain,
    io_test_harness::Protocol,
    io_test_harness::DeviceHandle,
) {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "RTX 4090", 2, None).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    chain.close_epochs_through(&protocol, 6).await;
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();
    (chain, protocol, dev)
}

#[tokio::test]
async fn claim_pays_pending_rewards_once() {
    let (mut chain, protocol, dev) = earning_device().await;
    let pending = chain.device_state(&dev).await.pending_rewards;
    let everything: u64 = (1..=6).map(enterprise).sum();
    assert!(
        everything - pending <= 1,
        "the only device takes it all, carry included"
    );
    let before = chain.token_balance(dev.owner_token).await;
    let ix = protocol
        .addresses
        .claim_rewards(dev.owner.pubkey(), dev.device, dev.owner_token);
    let (result, emitted) = chain.process_with_events(&[ix], &[&dev.owner]).await;
    result.unwrap();
    assert_eq!(events::single::<RewardsClaimed>(&emitted).amount, pending);
    assert_eq!(chain.token_balance(dev.owner_token).await, before + pending);
    let state = chain.device_state(&dev).await;
    assert_eq!((state.pending_rewards, state.total_claimed), (0, pending));
    assert_staking_error(
        chain.claim(&protocol, &dev).await,
        StakingError::NothingToClaim,
    );
    let pool = chain.pool_state(&protocol).await;
    assert_eq!(pool.total_claimed, pending);
    assert_eq!(
        chain.token_balance(protocol.rewards_vault).await,
        pool.total_emitted - pool.total_claimed
    );
}

#[tokio::test]
async fn claim_only_by_and_to_the_owner() {
    let (mut chain, protocol, dev) = earning_device().await;
    let stranger = Keypair::new();
    let stranger_token = chain.create_token_account(&stranger.pubkey()).await;
    let ix = protocol
        .addresses
        .claim_rewards(stranger.pubkey(), dev.device, stranger_token);
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::NotDeviceOwner);
    let ix = protocol
        .addresses
        .claim_rewards(dev.owner.pubkey(), dev.device, stranger_token);
    let result = chain.process(&[ix], &[&dev.owner]).await;
    assert_staking_error(result, StakingError::NotOwnersTokenAccount);
    let mut ix = protocol
        .addresses
        .claim_rewards(dev.owner.pubkey(), dev.device, dev.owner_token);
    ix.accounts[5].pubkey = protocol.stake_vault;
    let result = chain.process(&[ix], &[&dev.owner]).await;
    assert_staking_error(result, StakingError::WrongVault);
}

#[tokio::test]
async fn claims_work_while_paused() {
    let (mut chain, protocol, dev) = earning_device().await;
    let admin = protocol.admin.insecure_clone();
    let pause = protocol.addresses.set_paused(admin.pubkey(), true);
    chain.process(&[pause], &[&admin]).await.unwrap();
    chain.claim(&protocol, &dev).await.unwrap();
}
