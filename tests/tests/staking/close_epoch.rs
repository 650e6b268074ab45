use anchor_lang::error::ErrorCode as AnchorErrorCode;
use anchor_lang::prelude::Pubkey;
use io_emission::error::EmissionError;
use io_staking::error::StakingError;
use io_staking::events::{EpochClosed, EpochsSkipped};
use io_test_harness::{assert_anchor_error, assert_emission_error, assert_staking_error, events};
use io_test_harness::{replace_account, ChainBuilder};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

#[tokio::test]
async fn mints_the_epoch_into_the_rewards_vault_and_records_it() {
    let (mut chain, protocol) = protocol().await;
    chain.warp_to_epoch_end(1).await;
    let ix = protocol.addresses.close_epoch();
    let (result, emitted) = chain.process_with_events(&[ix], &[]).await;
    result.unwrap();
    let event: EpochClosed = events::single(&emitted);
    assert_eq!((event.epoch, event.emission), (1, emission(1)));
    assert_eq!(
        event.config, protocol.config,
        "the deployment, for indexers"
    );
    assert!(event.classes.iter().all(|c| c.total_weight == 0));
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
    // io-emission decides when an epoch has ended; its code comes through unchanged, and the
    // ranges do not overlap (io-emission 6000-6099, io-staking 6100-).
    assert_emission_error(
        chain.close_epoch(&protocol).await,
        EmissionError::EpochNotEnded,
    );
    chain.warp_to_epoch_end(1).await;
    chain.close_epoch(&protocol).await.unwrap();
    assert_emission_error(
        chain.close_epoch(&protocol).await,
        EmissionError::EpochNotEnded,
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
        let ix = protocol.addresses.close_epoch();
        let (result, emitted) = chain.process_with_events(&[ix], &[]).await;
        result.unwrap();
        assert_eq!(events::single::<EpochClosed>(&emitted).epoch, epoch);
    }
    assert_emission_error(
        chain.close_epoch(&protocol).await,
        EmissionError::EpochNotEnded,
    );
    let total: u64 = (1..=30).map(emission).sum();
    assert_eq!(chain.token_balance(protocol.rewards_vault).await, total);
}

#[tokio::test]
async fn permissionless_no_signer_needed() {
    let (mut chain, protocol) = protocol().await;
    chain.warp_to_epoch_end(1).await;
    let ix = protocol.addresses.close_epoch();
    assert!(ix.accounts.iter().all(|meta| !meta.is_signer));
    chain.process(&[ix], &[]).await.unwrap();
}

#[tokio::test]
async fn rejects_a_wrong_vault_or_emission_state() {
    let (mut chain, protocol) = protocol().await;
    chain.warp_to_epoch_end(1).await;
    let mut ix = protocol.addresses.close_epoch();
    replace_account(&mut ix, protocol.rewards_vault, protocol.stake_vault);
    assert_staking_error(chain.process(&[ix], &[]).await, StakingError::WrongVault);
    let mut ix = protocol.addresses.close_epoch();
    replace_account(&mut ix, protocol.addresses.rpw_ring, protocol.pool);
    assert_anchor_error(
        chain.process(&[ix], &[]).await,
        AnchorErrorCode::AccountDiscriminatorMismatch.into(),
    );

    // Another mint's emission state.
    let mut other = ChainBuilder::new().build().await;
    other.initialize_emission_default().await;
    let mut ix = protocol.addresses.close_epoch();
    let foreign_state = other.emission_state_key();
    let account = other.account(foreign_state).await.unwrap();
    chain.ctx.set_account(
        &foreign_state,
        &solana_account::AccountSharedData::from(account),
    );
    replace_account(&mut ix, protocol.addresses.emission_state, foreign_state);
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
        .process(
            &[protocol.addresses.set_paused(admin.pubkey(), true)],
            &[&admin],
        )
        .await
        .unwrap();
    chain.warp_to_epoch_end(3).await;
    assert_staking_error(chain.close_epoch(&protocol).await, StakingError::Paused);
    chain
        .process(
            &[protocol.addresses.set_paused(admin.pubkey(), false)],
            &[&admin],
        )
        .await
        .unwrap();
    chain.close_epochs_through(&protocol, 3).await;
    let total: u64 = (1..=3).map(emission).sum();
    assert_eq!(chain.token_balance(protocol.rewards_vault).await, total);
}

#[tokio::test]
async fn a_spoofed_emission_program_or_event_authority_is_refused() {
    let (mut chain, protocol) = protocol().await;
    chain.warp_to_epoch_end(1).await;
    // Another program in io-emission's place: Anchor's program-id check.
    let mut ix = protocol.addresses.close_epoch();
    replace_account(&mut ix, io_emission::ID, anchor_spl::token::spl_token::ID);
    assert_anchor_error(
        chain.process(&[ix], &[]).await,
        AnchorErrorCode::InvalidProgramId.into(),
    );
    // A forged event authority: io-emission's own `#[event_cpi]` address check refuses the CPI.
    let mut ix = protocol.addresses.close_epoch();
    let emission_authority = io_sdk::event_authority(&io_emission::ID);
    replace_account(&mut ix, emission_authority, Pubkey::new_unique());
    assert_anchor_error(
        chain.process(&[ix], &[]).await,
        AnchorErrorCode::ConstraintAddress.into(),
    );
    // Nothing moved.
    assert_eq!(chain.pool_state(&protocol).await.last_closed_epoch, 0);
    chain.close_epoch(&protocol).await.unwrap();
}

/// Finding 6: io-emission's admin could move the distributor to a wallet, mint an epoch there,
/// and move it back; every later `close_epoch` then failed `EmissionOutOfSync` for good. Now the
/// pool steps over the epochs minted elsewhere (nothing to distribute) and goes on.
#[tokio::test]
async fn epochs_minted_to_another_distributor_are_stepped_over() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&dev]).await;

    let emission_admin = protocol.emission.admin.insecure_clone();
    let wallet = Keypair::new();
    let wallet_token = chain.create_token_account(&wallet.pubkey()).await;
    chain
        .set_distributor(&emission_admin, wallet.pubkey())
        .await
        .unwrap();
    chain.warp_to_epoch_end(7).await;
    chain.airdrop(&wallet.pubkey(), 100_000_000).await;
    for _ in 6..=7 {
        chain.mint_epoch_to(&wallet, wallet_token).await.unwrap();
    }
    chain
        .set_distributor(&emission_admin, protocol.config)
        .await
        .unwrap();
    assert_eq!(
        chain.token_balance(wallet_token).await,
        emission(6) + emission(7)
    );

    let ix = protocol.addresses.close_epoch();
    let (result, emitted) = chain.process_with_events(&[ix], &[]).await;
    result.unwrap();
    let skipped: EpochsSkipped = events::single(&emitted);
    assert_eq!((skipped.from_epoch, skipped.to_epoch), (6, 7));
    let pool = chain.pool_state(&protocol).await;
    assert_eq!((pool.last_closed_epoch, pool.skipped_epochs), (7, 2));
    assert_eq!(pool.total_emitted, (1..=5).map(emission).sum::<u64>());

    // The skipped epochs pay nothing (their IO never reached the rewards vault) and closing
    // goes on normally: epoch 8's Enterprise pot is its part and the carry of epochs 1-5.
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();
    chain.attest(&protocol, 7, &[&dev]).await.unwrap();
    assert_eq!(chain.device_state(&dev).await.total_credited, 0);
    chain.close_epochs_through(&protocol, 8).await;
    chain.attest(&protocol, 8, &[&dev]).await.unwrap();
    let state = chain.device_state(&dev).await;
    let pot = (1..=5).map(enterprise).sum::<u64>() + enterprise(8);
    assert!(pot - state.total_credited <= 1);
    assert_eq!(state.total_forfeited, 0);
}
