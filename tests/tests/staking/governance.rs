//! initialize, update_params, set_paused, propose/accept_admin.

use anchor_lang::error::ErrorCode as AnchorErrorCode;
use anchor_lang::prelude::Pubkey;
use io_sdk::Addresses;
use io_staking::error::StakingError;
use io_staking::events::{ParamsUpdated, PausedChanged};
use io_staking::state::{StakingConfig, StakingParams};
use io_staking::InitializeArgs;
use io_test_harness::{assert_anchor_error, assert_staking_error, events, ChainBuilder};
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
    assert_eq!(config.params.staleness_epochs, 168);
    assert_eq!(config.admin, protocol.admin.pubkey());
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
    let ix = Addresses::for_mint(chain.mint_key()).staking_initialize(
        chain.payer().pubkey(),
        squatter.pubkey(),
        args,
    );
    let result = chain.process(&[ix], &[&squatter]).await;
    assert_staking_error(result, StakingError::UnauthorizedAdmin);
    let config = StakingConfig::find_address(&chain.mint_key()).0;
    assert!(chain.account(config).await.is_none());
}

/// Every bound of `StakingParams`, each with its exact error. The published values are floors:
/// governance cannot make the rules harsher than published (finding 2).
fn out_of_bounds_params() -> Vec<(StakingParams, StakingError)> {
    let good = StakingParams::published(8).unwrap();
    let day = 86_400;
    vec![
        (
            StakingParams {
                base_stake_per_gpu: 0,
                ..good
            },
            StakingError::BaseStakeOutOfRange,
        ),
        (
            StakingParams {
                base_stake_per_gpu: 1_000_000 * IO + 1,
                ..good
            },
            StakingError::BaseStakeOutOfRange,
        ),
        (
            StakingParams {
                base_stake_per_gpu: u64::MAX / 1_000,
                ..good
            },
            StakingError::BaseStakeOutOfRange,
        ),
        (
            StakingParams {
                cooldown_seconds: 0,
                ..good
            },
            StakingError::CooldownOutOfRange,
        ),
        (
            StakingParams {
                cooldown_seconds: -1,
                ..good
            },
            StakingError::CooldownOutOfRange,
        ),
        (
            StakingParams {
                cooldown_seconds: 14 * day - 1,
                ..good
            },
            StakingError::CooldownOutOfRange,
        ),
        (
            StakingParams {
                cooldown_seconds: 365 * day + 1,
                ..good
            },
            StakingError::CooldownOutOfRange,
        ),
        (
            StakingParams {
                cooldown_seconds: i64::MAX,
                ..good
            },
            StakingError::CooldownOutOfRange,
        ),
        (
            StakingParams {
                multiplier_grace_seconds: 0,
                ..good
            },
            StakingError::GracePeriodOutOfRange,
        ),
        (
            StakingParams {
                multiplier_grace_seconds: 30 * day - 1,
                ..good
            },
            StakingError::GracePeriodOutOfRange,
        ),
        (
            StakingParams {
                multiplier_grace_seconds: 365 * day + 1,
                ..good
            },
            StakingError::GracePeriodOutOfRange,
        ),
        (
            StakingParams {
                nomination_streak: 0,
                ..good
            },
            StakingError::EpochParamsOutOfRange,
        ),
        (
            StakingParams {
                nomination_streak: 721,
                ..good
            },
            StakingError::EpochParamsOutOfRange,
        ),
        (
            StakingParams {
                staleness_epochs: 0,
                ..good
            },
            StakingError::EpochParamsOutOfRange,
        ),
        // Below the published week: a short outage would cost a device its place.
        (
            StakingParams {
                staleness_epochs: 167,
                ..good
            },
            StakingError::EpochParamsOutOfRange,
        ),
        (
            StakingParams {
                staleness_epochs: 8_761,
                ..good
            },
            StakingError::EpochParamsOutOfRange,
        ),
    ]
}

/// The other side of every bound is accepted.
fn edge_params() -> Vec<StakingParams> {
    let good = StakingParams::published(8).unwrap();
    let day = 86_400;
    vec![
        StakingParams {
            base_stake_per_gpu: 1,
            ..good
        },
        StakingParams {
            base_stake_per_gpu: 1_000_000 * IO,
            ..good
        },
        StakingParams {
            cooldown_seconds: 365 * day,
            ..good
        },
        StakingParams {
            multiplier_grace_seconds: 365 * day,
            ..good
        },
        StakingParams {
            nomination_streak: 720,
            ..good
        },
        StakingParams {
            nomination_streak: 1,
            ..good
        },
        StakingParams {
            staleness_epochs: 720,
            ..good
        },
        StakingParams {
            staleness_epochs: 8_760,
            ..good
        },
        good,
    ]
}

#[tokio::test]
async fn initialize_rejects_bad_parameters() {
    let mut chain = ChainBuilder::new().build().await;
    let actors = chain.initialize_emission_default().await;
    for (bad, error) in out_of_bounds_params() {
        let args = InitializeArgs {
            admin: Pubkey::new_unique(),
            params: bad,
        };
        let ring = solana_keypair::Keypair::new();
        let addresses = Addresses::for_mint(chain.mint_key()).with_rpw_ring(ring.pubkey());
        let payer = chain.payer().pubkey();
        let create = addresses.create_rpw_ring(payer, io_sdk::bootstrap::ring_rent());
        let ix = addresses.staking_initialize(payer, actors.admin.pubkey(), args);
        let result = chain.process(&[create, ix], &[&actors.admin, &ring]).await;
        assert_staking_error(result, error);
    }
}

#[tokio::test]
async fn update_params_enforces_every_bound() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    for (bad, error) in out_of_bounds_params() {
        let ix = protocol.addresses.update_params(admin.pubkey(), bad);
        assert_staking_error(chain.process(&[ix], &[&admin]).await, error);
    }
    for edge in edge_params() {
        let ix = protocol.addresses.update_params(admin.pubkey(), edge);
        chain.process(&[ix], &[&admin]).await.unwrap();
        assert_eq!(chain.config_state(&protocol).await.params, edge);
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
    // No device registered yet: nobody to protect, the change applies at once.
    let ix = protocol.addresses.update_params(admin.pubkey(), new);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let event: ParamsUpdated = events::single(&emitted);
    assert_eq!((event.old, event.new), (old, new));
    assert_eq!(event.effective_at, chain.now().await);
    assert_eq!(chain.config_state(&protocol).await.params, new);

    let stranger = Keypair::new();
    let ix = protocol.addresses.update_params(stranger.pubkey(), old);
    assert_staking_error(
        chain.process(&[ix], &[&stranger]).await,
        StakingError::UnauthorizedAdmin,
    );
}

/// Finding 2: once suppliers exist, a change that could hurt them waits out the cooldown in
/// force, so a supplier who disagrees can leave first under the old rules.
#[tokio::test]
async fn a_harsher_rule_waits_out_the_cooldown_and_suppliers_can_leave_first() {
    let (mut chain, protocol) = protocol().await;
    let stays = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let leaves = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let admin = protocol.admin.insecure_clone();
    let old = chain.config_state(&protocol).await.params;
    let harsher = StakingParams {
        base_stake_per_gpu: 300 * IO,
        cooldown_seconds: 60 * 86_400,
        ..old
    };
    let announced = chain.now().await;
    let ix = protocol.addresses.update_params(admin.pubkey(), harsher);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let event: ParamsUpdated = events::single(&emitted);
    // A week to notice the announcement, then a co-staker's whole exit: the 7-day wait and the
    // cooldown in force.
    let effective_at = announced + 7 * 86_400 + 7 * 86_400 + old.cooldown_seconds;
    assert_eq!(
        (event.old, event.new, event.effective_at, event.replaced),
        (old, harsher, effective_at, None)
    );
    let config = chain.config_state(&protocol).await;
    assert_eq!(
        config.params, old,
        "nothing changes before the effective time"
    );
    assert_eq!(config.params_at(effective_at - 1), old);
    assert_eq!(config.params_at(effective_at), harsher);

    // The supplier who disagrees reads it six days later and requests unstake: the 14-day
    // cooldown in force now, not the 60 days announced, so the stake is withdrawn (no longer
    // slashable) before the change lands.
    chain.set_time(announced + 6 * 86_400).await;
    chain.request_unstake(&protocol, &leaves).await.unwrap();
    let unlocks_at = match chain.device_state(&leaves).await.status {
        io_staking::state::DeviceStatus::Unstaking { unlocks_at, .. } => unlocks_at,
        other => panic!("{other:?}"),
    };
    assert_eq!(unlocks_at, announced + 20 * 86_400);
    assert!(unlocks_at < effective_at);
    chain.set_time(unlocks_at).await;
    chain.withdraw(&protocol, &leaves).await.unwrap();
    chain.set_time(effective_at).await;

    // The one who stayed is under the new requirement from the effective time on.
    assert_eq!(
        chain.required_stake(&protocol, &stays).await,
        3_000 * IO,
        "300 IO x 10 (H100)"
    );
    // A second update folds the due change in and stages the next one after the new cooldown.
    let ix = protocol.addresses.update_params(admin.pubkey(), old);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let event: ParamsUpdated = events::single(&emitted);
    assert_eq!(event.old, harsher);
    assert_eq!(event.effective_at, effective_at + 74 * 86_400);
    assert_eq!(chain.config_state(&protocol).await.params, harsher);
    // A third replaces the staged one before it lands, and says so.
    let ix = protocol.addresses.update_params(admin.pubkey(), harsher);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let event: ParamsUpdated = events::single(&emitted);
    assert_eq!(event.replaced, Some(old));
}

#[tokio::test]
async fn a_raised_requirement_removes_a_device_at_its_next_settle() {
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
            &[protocol.addresses.update_params(admin.pubkey(), params)],
            &[&admin],
        )
        .await
        .unwrap();
    let effective_at = chain.config_state(&protocol).await.params_effective_at;
    chain.close_epochs_through(&protocol, 7).await;
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();
    assert!(
        chain.device_state(&dev).await.active,
        "staged, not yet in force"
    );
    chain.set_time(effective_at).await;
    chain.attest(&protocol, 7, &[&dev]).await.unwrap();
    let state = chain.device_state(&dev).await;
    assert!(!state.active);
    assert!(
        state.total_credited > 0,
        "epoch 6 itself was earned under the old rules"
    );
}

#[tokio::test]
async fn pause_is_admin_only_and_announced() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    let ix = protocol.addresses.set_paused(admin.pubkey(), true);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let event: PausedChanged = events::single(&emitted);
    assert_eq!((event.old, event.new), (false, true));
    let stranger = Keypair::new();
    let ix = protocol.addresses.set_paused(stranger.pubkey(), false);
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
            .process(
                &[protocol.addresses.staking_accept_admin(nominee.pubkey())],
                &[&nominee],
            )
            .await,
        StakingError::NoPendingAdmin,
    );
    chain
        .process(
            &[protocol
                .addresses
                .staking_propose_admin(admin.pubkey(), nominee.pubkey())],
            &[&admin],
        )
        .await
        .unwrap();
    let stranger = Keypair::new();
    assert_staking_error(
        chain
            .process(
                &[protocol.addresses.staking_accept_admin(stranger.pubkey())],
                &[&stranger],
            )
            .await,
        StakingError::NotPendingAdmin,
    );
    chain
        .process(
            &[protocol.addresses.staking_accept_admin(nominee.pubkey())],
            &[&nominee],
        )
        .await
        .unwrap();
    assert_eq!(chain.config_state(&protocol).await.admin, nominee.pubkey());
    assert_staking_error(
        chain
            .process(
                &[protocol.addresses.set_paused(admin.pubkey(), true)],
                &[&admin],
            )
            .await,
        StakingError::UnauthorizedAdmin,
    );
}

/// The accumulator ring is over 10,240 bytes, more than a program may create through a CPI on a
/// real cluster: the deployer creates it at top level and `initialize` takes it zeroed.
#[tokio::test]
async fn initialize_takes_a_ring_created_at_top_level_and_zeroed() {
    let mut chain = ChainBuilder::new().build().await;
    let actors = chain.initialize_emission_default().await;
    let args = InitializeArgs {
        admin: Pubkey::new_unique(),
        params: StakingParams::published(8).unwrap(),
    };
    let payer = chain.payer().pubkey();
    let ring = solana_keypair::Keypair::new();
    let addresses = Addresses::for_mint(chain.mint_key()).with_rpw_ring(ring.pubkey());
    let init = addresses.staking_initialize(payer, actors.admin.pubkey(), args.clone());
    // Not created: nothing to take.
    let result = chain
        .process(std::slice::from_ref(&init), &[&actors.admin])
        .await;
    assert_anchor_error(result, AnchorErrorCode::AccountDidNotDeserialize as u32);
    // Created one byte short.
    let short = anchor_lang::solana_program::system_instruction::create_account(
        &payer,
        &ring.pubkey(),
        io_sdk::bootstrap::ring_rent(),
        io_staking::state::RpwRing::SIZE as u64 - 1,
        &io_staking::ID,
    );
    let result = chain
        .process(&[short, init.clone()], &[&actors.admin, &ring])
        .await;
    assert_anchor_error(result, AnchorErrorCode::AccountDidNotDeserialize as u32);
    let create = addresses.create_rpw_ring(payer, io_sdk::bootstrap::ring_rent());
    chain
        .process(&[create, init.clone()], &[&actors.admin, &ring])
        .await
        .unwrap();
    let config: StakingConfig = chain.anchor_account(addresses.config).await;
    assert_eq!(config.rpw_ring, ring.pubkey());
    let account = chain.account(ring.pubkey()).await.unwrap();
    assert_eq!(account.data.len(), io_staking::state::RpwRing::SIZE);
    let stored: io_staking::state::RpwRing = io_sdk::decode_zero_copy(&account.data).unwrap();
    assert_eq!((stored.version, stored.config), (3, addresses.config));
}
