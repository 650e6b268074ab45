//! initialize, update_params, add/remove_attester, set_paused, propose/accept_admin.

use anchor_lang::prelude::Pubkey;
use io_localchain::staking::initialize_ix;
use io_localchain::{assert_staking_error, events, ChainBuilder};
use io_staking::error::StakingError;
use io_staking::events::{ParamsUpdated, PausedChanged};
use io_staking::state::{StakingConfig, StakingParams, MAX_ATTESTERS};
use io_staking::InitializeArgs;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

#[tokio::test]
async fn initialize_records_the_published_parameters() {
    let (mut chain, protocol) = protocol().await;
    let config = chain.config_state(&protocol).await;
    assert_eq!(config.params.base_stake_per_gpu, 200 * IO);
    assert_eq!(config.params.cooldown_seconds, 14 * 86_400);
    assert_eq!(config.params.nomination_streak, 5);
    assert_eq!(config.params.multiplier_grace_seconds, 30 * 86_400);
    assert_eq!(config.params.attestation_window_epochs, 168);
    assert_eq!(config.admin, protocol.admin.pubkey());
    assert_eq!(config.active_attesters(), &[protocol.attester.pubkey()]);
    assert_eq!(
        chain.emission_state().await.distributor,
        protocol.config,
        "the config PDA mints"
    );
}

#[tokio::test]
async fn initialize_needs_the_emission_admin() {
    let mut chain = ChainBuilder::new().build().await;
    chain.initialize_emission_default().await;
    let squatter = Keypair::new();
    let args = InitializeArgs {
        admin: squatter.pubkey(),
        params: StakingParams::published(8).unwrap(),
    };
    let ix = initialize_ix(&chain, chain.payer().pubkey(), squatter.pubkey(), args);
    let result = chain.process(&[ix], &[&squatter]).await;
    assert_staking_error(result, StakingError::UnauthorizedAdmin);
    let config = StakingConfig::find_address(&chain.mint_key()).0;
    assert!(chain.account(config).await.is_none());
}

#[tokio::test]
async fn initialize_rejects_bad_parameters() {
    let mut chain = ChainBuilder::new().build().await;
    let actors = chain.initialize_emission_default().await;
    let good = StakingParams::published(8).unwrap();
    for bad in [
        StakingParams {
            base_stake_per_gpu: 0,
            ..good
        },
        StakingParams {
            nomination_streak: 0,
            ..good
        },
        StakingParams {
            attestation_window_epochs: 169,
            ..good
        },
        StakingParams {
            staleness_epochs: 0,
            ..good
        },
        StakingParams {
            cooldown_seconds: -1,
            ..good
        },
        // Stale before the attestation window closes: late attestations could be front-run.
        StakingParams {
            staleness_epochs: 167,
            ..good
        },
        // A base stake whose largest requirement would not fit a u64.
        StakingParams {
            base_stake_per_gpu: u64::MAX / 1_000,
            ..good
        },
    ] {
        let args = InitializeArgs {
            admin: Pubkey::new_unique(),
            params: bad,
        };
        let ix = initialize_ix(&chain, chain.payer().pubkey(), actors.admin.pubkey(), args);
        let result = chain.process(&[ix], &[&actors.admin]).await;
        assert_staking_error(result, StakingError::InvalidParams);
    }
}

#[tokio::test]
async fn params_change_with_an_old_and_new_event() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    let old = chain.config_state(&protocol).await.params;
    let new = StakingParams {
        staleness_epochs: 200,
        ..old
    };
    let ix = protocol.update_params_ix(admin.pubkey(), new);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let event: ParamsUpdated = events::single(&emitted);
    assert_eq!((event.old, event.new), (old, new));
    assert_eq!(chain.config_state(&protocol).await.params, new);

    let stranger = Keypair::new();
    let ix = protocol.update_params_ix(stranger.pubkey(), old);
    assert_staking_error(
        chain.process(&[ix], &[&stranger]).await,
        StakingError::UnauthorizedAdmin,
    );
    let ix = protocol.update_params_ix(
        admin.pubkey(),
        StakingParams {
            nomination_streak: 0,
            ..old
        },
    );
    assert_staking_error(
        chain.process(&[ix], &[&admin]).await,
        StakingError::InvalidParams,
    );
}

#[tokio::test]
async fn a_raised_requirement_removes_a_device_at_its_next_attestation() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    let admin = protocol.admin.insecure_clone();
    let params = StakingParams {
        base_stake_per_gpu: 300 * IO,
        ..chain.config_state(&protocol).await.params
    };
    chain
        .process(
            &[protocol.update_params_ix(admin.pubkey(), params)],
            &[&admin],
        )
        .await
        .unwrap();
    chain.close_epochs_through(&protocol, 6).await;
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();
    let state = chain.device_state(&dev).await;
    assert!(!state.active);
    assert!(
        state.total_credited > 0,
        "epoch 6 itself was earned under the old rules"
    );
}

#[tokio::test]
async fn attesters_are_added_and_removed_by_the_admin() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    let keeper = Keypair::new();
    let add = protocol.add_attester_ix(admin.pubkey(), keeper.pubkey());
    chain
        .process(std::slice::from_ref(&add), &[&admin])
        .await
        .unwrap();
    assert_staking_error(
        chain.process(&[add], &[&admin]).await,
        StakingError::AttesterExists,
    );
    let stranger = Keypair::new();
    let add = protocol.add_attester_ix(stranger.pubkey(), stranger.pubkey());
    assert_staking_error(
        chain.process(&[add], &[&stranger]).await,
        StakingError::UnauthorizedAdmin,
    );
    let remove = protocol.remove_attester_ix(admin.pubkey(), protocol.attester.pubkey());
    chain
        .process(std::slice::from_ref(&remove), &[&admin])
        .await
        .unwrap();
    assert_staking_error(
        chain.process(&[remove], &[&admin]).await,
        StakingError::AttesterNotFound,
    );
    let config = chain.config_state(&protocol).await;
    assert_eq!(config.active_attesters(), &[keeper.pubkey()]);
    let add = protocol.add_attester_ix(admin.pubkey(), Pubkey::default());
    assert_staking_error(
        chain.process(&[add], &[&admin]).await,
        StakingError::InvalidAuthority,
    );

    // The removed attester is refused.
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    chain.close_epochs_through(&protocol, 1).await;
    assert_staking_error(
        chain.attest(&protocol, 1, &[&dev]).await,
        StakingError::UnauthorizedAttester,
    );
}

#[tokio::test]
async fn the_attester_set_is_bounded() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    for _ in 1..MAX_ATTESTERS {
        let ix = protocol.add_attester_ix(admin.pubkey(), Pubkey::new_unique());
        chain.process(&[ix], &[&admin]).await.unwrap();
    }
    let ix = protocol.add_attester_ix(admin.pubkey(), Pubkey::new_unique());
    assert_staking_error(
        chain.process(&[ix], &[&admin]).await,
        StakingError::TooManyAttesters,
    );
}

#[tokio::test]
async fn pause_is_admin_only_and_announced() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    let ix = protocol.set_paused_ix(admin.pubkey(), true);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let event: PausedChanged = events::single(&emitted);
    assert_eq!((event.old, event.new), (false, true));
    let stranger = Keypair::new();
    let ix = protocol.set_paused_ix(stranger.pubkey(), false);
    assert_staking_error(
        chain.process(&[ix], &[&stranger]).await,
        StakingError::UnauthorizedAdmin,
    );
}

#[tokio::test]
async fn admin_hand_over_takes_two_steps() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    let nominee = Keypair::new();
    assert_staking_error(
        chain
            .process(&[protocol.accept_admin_ix(nominee.pubkey())], &[&nominee])
            .await,
        StakingError::NoPendingAdmin,
    );
    chain
        .process(
            &[protocol.propose_admin_ix(admin.pubkey(), nominee.pubkey())],
            &[&admin],
        )
        .await
        .unwrap();
    let stranger = Keypair::new();
    assert_staking_error(
        chain
            .process(&[protocol.accept_admin_ix(stranger.pubkey())], &[&stranger])
            .await,
        StakingError::NotPendingAdmin,
    );
    chain
        .process(&[protocol.accept_admin_ix(nominee.pubkey())], &[&nominee])
        .await
        .unwrap();
    assert_eq!(chain.config_state(&protocol).await.admin, nominee.pubkey());
    assert_staking_error(
        chain
            .process(&[protocol.set_paused_ix(admin.pubkey(), true)], &[&admin])
            .await,
        StakingError::UnauthorizedAdmin,
    );
}
