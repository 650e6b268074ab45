use io_localchain::{assert_staking_error, events, ChainBuilder};
use io_staking::error::StakingError;
use io_staking::events::EpochClosed;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

#[tokio::test]
async fn mints_the_epoch_into_the_rewards_vault_and_records_it() {
    let (mut chain, protocol) = protocol().await;
    chain.warp_to_epoch_end(1).await;
    let ix = protocol.close_epoch_ix(&chain);
    let (result, emitted) = chain.process_with_events(&[ix], &[]).await;
    result.unwrap();
    let event: EpochClosed = events::single(&emitted);
    assert_eq!((event.epoch, event.emission), (1, emission(1)));
    assert_eq!(event.total_weight, 0);
    assert_eq!(
        chain.token_balance(protocol.rewards_vault).await,
        emission(1)
    );
    let pool = chain.pool_state(&protocol).await;
    assert_eq!(
        (pool.last_closed_epoch, pool.total_emitted),
        (1, emission(1))
    );
    assert_eq!(chain.emission_state().await.last_minted_epoch, 1);
}

#[tokio::test]
async fn never_early_and_never_twice() {
    let (mut chain, protocol) = protocol().await;
    assert_staking_error(
        chain.close_epoch(&protocol).await,
        StakingError::EpochNotEnded,
    );
    chain.warp_to_epoch_end(1).await;
    chain.close_epoch(&protocol).await.unwrap();
    assert_staking_error(
        chain.close_epoch(&protocol).await,
        StakingError::EpochNotEnded,
    );
    assert_eq!(
        chain.token_balance(protocol.rewards_vault).await,
        emission(1)
    );
}

#[tokio::test]
async fn catches_up_in_order() {
    let (mut chain, protocol) = protocol().await;
    chain.warp_to_epoch_end(30).await;
    for epoch in 1..=30 {
        let ix = protocol.close_epoch_ix(&chain);
        let (result, emitted) = chain.process_with_events(&[ix], &[]).await;
        result.unwrap();
        assert_eq!(events::single::<EpochClosed>(&emitted).epoch, epoch);
    }
    assert_staking_error(
        chain.close_epoch(&protocol).await,
        StakingError::EpochNotEnded,
    );
    let total: u64 = (1..=30).map(emission).sum();
    assert_eq!(chain.token_balance(protocol.rewards_vault).await, total);
}

#[tokio::test]
async fn permissionless_no_signer_needed() {
    let (mut chain, protocol) = protocol().await;
    chain.warp_to_epoch_end(1).await;
    let ix = protocol.close_epoch_ix(&chain);
    assert!(ix.accounts.iter().all(|meta| !meta.is_signer));
    chain.process(&[ix], &[]).await.unwrap();
}

#[tokio::test]
async fn rejects_a_wrong_vault_or_emission_state() {
    let (mut chain, protocol) = protocol().await;
    chain.warp_to_epoch_end(1).await;
    let mut ix = protocol.close_epoch_ix(&chain);
    ix.accounts[4].pubkey = protocol.stake_vault;
    assert_staking_error(chain.process(&[ix], &[]).await, StakingError::WrongVault);

    // Another mint's emission state.
    let mut other = ChainBuilder::new().build().await;
    other.initialize_emission_default().await;
    let mut ix = protocol.close_epoch_ix(&chain);
    let foreign_state = other.emission_state_key();
    let account = other.account(foreign_state).await.unwrap();
    chain.ctx.set_account(
        &foreign_state,
        &solana_account::AccountSharedData::from(account),
    );
    ix.accounts[2].pubkey = foreign_state;
    assert_staking_error(
        chain.process(&[ix], &[]).await,
        StakingError::WrongEmissionState,
    );
}

#[tokio::test]
async fn needs_minting_handed_to_the_staking_config() {
    let (mut chain, protocol) = protocol().await;
    let emission_admin = protocol.emission.admin.insecure_clone();
    chain
        .set_distributor(&emission_admin, Keypair::new().pubkey())
        .await
        .unwrap();
    chain.warp_to_epoch_end(1).await;
    assert_staking_error(
        chain.close_epoch(&protocol).await,
        StakingError::NotDistributor,
    );
}

#[tokio::test]
async fn not_while_paused_and_caught_up_after() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    chain
        .process(&[protocol.set_paused_ix(admin.pubkey(), true)], &[&admin])
        .await
        .unwrap();
    chain.warp_to_epoch_end(3).await;
    assert_staking_error(chain.close_epoch(&protocol).await, StakingError::Paused);
    chain
        .process(&[protocol.set_paused_ix(admin.pubkey(), false)], &[&admin])
        .await
        .unwrap();
    chain.close_epochs_through(&protocol, 3).await;
    let total: u64 = (1..=3).map(emission).sum();
    assert_eq!(chain.token_balance(protocol.rewards_vault).await, total);
}
