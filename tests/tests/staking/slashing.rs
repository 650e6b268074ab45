//! set_slashing_config, open_case, appeal_case, rule_case, execute_case, lapse_case.

use anchor_lang::prelude::Pubkey;
use io_staking::error::StakingError;
use io_staking::events::{SlashCaseOpened, SlashCaseResolved};
use io_staking::state::{CaseStatus, SlashReason, SlashingParams};
use io_staking::{OpenCaseArgs, SlashingSetup};
use io_test_harness::{
    assert_staking_error, events, DeviceHandle, Protocol, Resolution, TestChain,
};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

pub(crate) const DAY: i64 = 86_400;

pub(crate) async fn active_h100() -> (TestChain, Protocol, DeviceHandle) {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    (chain, protocol, dev)
}

pub(crate) async fn open(
    chain: &mut TestChain,
    protocol: &Protocol,
    dev: &DeviceHandle,
    amount: u64,
) -> Pubkey {
    let (result, case) = chain
        .open_case(protocol, dev, amount, SlashReason::Spoofing)
        .await;
    result.unwrap();
    case
}

#[tokio::test]
async fn slasher_and_arbiter_must_differ() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    let same = Keypair::new().pubkey();
    let args = |slasher, arbiter, params| SlashingSetup {
        slasher,
        arbiter,
        params,
    };
    let published = SlashingParams::published();
    // Valid roles, one parameter changed.
    let with = |change: fn(&mut SlashingParams)| {
        let mut params = published;
        change(&mut params);
        args(same, Pubkey::new_unique(), params)
    };
    let cases = [
        (args(same, same, published), StakingError::SlasherIsArbiter),
        (
            args(Pubkey::default(), same, published),
            StakingError::InvalidAuthority,
        ),
        (
            with(|p| p.max_slash_bps = 0),
            StakingError::SlashCapOutOfRange,
        ),
        (
            with(|p| p.max_slash_bps = 10_001),
            StakingError::SlashCapOutOfRange,
        ),
        // A one-second appeal period would let the slasher open and execute at once.
        (
            with(|p| p.appeal_period_seconds = 1),
            StakingError::AppealPeriodOutOfRange,
        ),
        (
            with(|p| p.appeal_period_seconds = 30 * DAY - 1),
            StakingError::AppealPeriodOutOfRange,
        ),
        (
            with(|p| p.appeal_period_seconds = i64::MAX),
            StakingError::AppealPeriodOutOfRange,
        ),
        (
            with(|p| p.ruling_window_seconds = DAY - 1),
            StakingError::RulingWindowOutOfRange,
        ),
        (
            with(|p| p.ruling_window_seconds = 365 * DAY + 1),
            StakingError::RulingWindowOutOfRange,
        ),
    ];
    for (bad, error) in cases {
        let ix = protocol.addresses.set_slashing_config(admin.pubkey(), bad);
        assert_staking_error(chain.process(&[ix], &[&admin]).await, error);
    }
    let stranger = Keypair::new();
    let ix = protocol
        .addresses
        .set_slashing_config(stranger.pubkey(), args(stranger.pubkey(), same, published));
    assert_staking_error(
        chain.process(&[ix], &[&stranger]).await,
        StakingError::UnauthorizedAdmin,
    );
}

#[tokio::test]
async fn opening_moves_stake_into_escrow_and_can_deactivate() {
    let (mut chain, protocol, dev) = active_h100().await;
    let case_id = chain.pool_state(&protocol).await.cases_opened;
    let slasher = protocol.slasher.insecure_clone();
    let ix = protocol.addresses.open_case(
        slasher.pubkey(),
        dev.device,
        case_id,
        OpenCaseArgs {
            amount: 100 * IO,
            reason: SlashReason::InadequateService,
            evidence_hash: [3; 32],
        },
    );
    let (result, emitted) = chain.process_with_events(&[ix], &[&slasher]).await;
    result.unwrap();
    let event: SlashCaseOpened = events::single(&emitted);
    assert_eq!(
        (event.amount, event.from_stake, event.from_rewards),
        (100 * IO, 100 * IO, 0)
    );
    assert_eq!(event.status, CaseStatus::Open);
    assert!(
        event.deactivated,
        "1,900 IO no longer covers the 2,000 IO requirement"
    );
    assert_eq!(event.appeal_deadline, chain.now().await + 30 * DAY);

    let device = chain.device_state(&dev).await;
    assert_eq!(
        (device.stake, device.escrowed, device.open_cases),
        (1_900 * IO, 100 * IO, 1)
    );
    assert!(!device.active);
    let pool = chain.pool_state(&protocol).await;
    assert_eq!(
        (pool.escrowed_stake, pool.total_staked, pool.open_cases),
        (100 * IO, 1_900 * IO, 1)
    );
    assert_eq!(pool.total_weight(), 0);
    // Still in the vault: nothing moved yet.
    assert_eq!(chain.token_balance(protocol.stake_vault).await, 2_000 * IO);
}

#[tokio::test]
async fn a_case_can_take_unclaimed_rewards_after_the_stake() {
    let (mut chain, protocol, dev) = active_h100().await;
    chain.close_epochs_through(&protocol, 6).await;
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();
    let pending = chain.device_state(&dev).await.pending_rewards;
    let (result, _) = chain
        .open_case(
            &protocol,
            &dev,
            2_000 * IO + pending + 1,
            SlashReason::Other,
        )
        .await;
    assert_staking_error(result, StakingError::SlashExceedsBalance);
    let case = open(&mut chain, &protocol, &dev, 2_000 * IO + pending).await;
    let state = chain.case_state(case).await;
    assert_eq!(
        (state.from_stake, state.from_rewards),
        (2_000 * IO, pending)
    );
    let device = chain.device_state(&dev).await;
    assert_eq!((device.stake, device.pending_rewards), (0, 0));
    assert_staking_error(
        chain.claim(&protocol, &dev).await,
        StakingError::NothingToClaim,
    );
}

#[tokio::test]
async fn opening_is_guarded() {
    let (mut chain, protocol, dev) = active_h100().await;
    let stranger = Keypair::new();
    chain.airdrop(&stranger.pubkey(), 100_000_000).await;
    let ix = protocol.addresses.open_case(
        stranger.pubkey(),
        dev.device,
        0,
        OpenCaseArgs {
            amount: IO,
            reason: SlashReason::Other,
            evidence_hash: [0; 32],
        },
    );
    assert_staking_error(
        chain.process(&[ix], &[&stranger]).await,
        StakingError::UnauthorizedSlasher,
    );
    let (result, _) = chain
        .open_case(&protocol, &dev, 0, SlashReason::Other)
        .await;
    assert_staking_error(result, StakingError::ZeroAmount);

    // A 50% cap per case.
    let admin = protocol.admin.insecure_clone();
    let ix = protocol.addresses.set_slashing_config(
        admin.pubkey(),
        SlashingSetup {
            slasher: protocol.slasher.pubkey(),
            arbiter: protocol.arbiter.pubkey(),
            params: SlashingParams {
                max_slash_bps: 5_000,
                ..SlashingParams::published()
            },
        },
    );
    chain.process(&[ix], &[&admin]).await.unwrap();
    // Devices exist: the change waits out the governance delay (a week to notice it, then a
    // co-staker's 7-day wait and 14-day cooldown).
    chain.advance(28 * DAY).await;
    let (result, _) = chain
        .open_case(&protocol, &dev, 1_000 * IO + 1, SlashReason::Other)
        .await;
    assert_staking_error(result, StakingError::SlashAboveCap);
    open(&mut chain, &protocol, &dev, 1_000 * IO).await;
    // Several cases add up; the cap applies to what is left.
    open(&mut chain, &protocol, &dev, 500 * IO).await;
    let device = chain.device_state(&dev).await;
    assert_eq!(
        (device.stake, device.escrowed, device.open_cases),
        (500 * IO, 1_500 * IO, 2)
    );
}

#[tokio::test]
async fn appeal_only_by_the_owner_once_and_within_30_days() {
    let (mut chain, protocol, dev) = active_h100().await;
    let case = open(&mut chain, &protocol, &dev, 10 * IO).await;
    let stranger = Keypair::new();
    let ix = protocol
        .addresses
        .appeal_case(stranger.pubkey(), dev.device, case, [1; 32]);
    assert_staking_error(
        chain.process(&[ix], &[&stranger]).await,
        StakingError::NotDeviceOwner,
    );
    chain.appeal(&protocol, &dev, case).await.unwrap();
    assert_staking_error(
        chain.appeal(&protocol, &dev, case).await,
        StakingError::AlreadyAppealed,
    );
    let state = chain.case_state(case).await;
    assert_eq!(
        (state.status, state.statement_hash),
        (CaseStatus::Appealed, [0xAA; 32])
    );

    let late = open(&mut chain, &protocol, &dev, 10 * IO).await;
    chain.advance(30 * DAY).await;
    assert_staking_error(
        chain.appeal(&protocol, &dev, late).await,
        StakingError::AppealPeriodOver,
    );
}

#[tokio::test]
async fn upheld_cases_burn_exactly_the_escrow() {
    let (mut chain, protocol, dev) = active_h100().await;
    let case = open(&mut chain, &protocol, &dev, 300 * IO).await;
    // The arbiter rules only on appealed cases; the slasher never rules.
    assert_staking_error(
        chain
            .resolve(&protocol, &dev, case, Resolution::Uphold)
            .await,
        StakingError::CaseNotAppealed,
    );
    chain.appeal(&protocol, &dev, case).await.unwrap();
    let slasher = protocol.slasher.insecure_clone();
    let ix = protocol.addresses.resolve_case(
        Resolution::Uphold,
        slasher.pubkey(),
        dev.device,
        case,
        None,
    );
    assert_staking_error(
        chain.process(&[ix], &[&slasher]).await,
        StakingError::UnauthorizedArbiter,
    );

    let supply_before = chain.mint_supply().await;
    let minted_before = chain.emission_state().await.cumulative_minted;
    let arbiter = protocol.arbiter.insecure_clone();
    let ix = protocol.addresses.resolve_case(
        Resolution::Uphold,
        arbiter.pubkey(),
        dev.device,
        case,
        None,
    );
    let (result, emitted) = chain.process_with_events(&[ix], &[&arbiter]).await;
    result.unwrap();
    let event: SlashCaseResolved = events::single(&emitted);
    assert_eq!(
        (event.status, event.burned, event.returned),
        (CaseStatus::Upheld, 300 * IO, 0)
    );
    assert_eq!(chain.mint_supply().await, supply_before - 300 * IO);
    assert_eq!(chain.token_balance(protocol.stake_vault).await, 1_700 * IO);
    let pool = chain.pool_state(&protocol).await;
    assert_eq!(
        (pool.total_burned, pool.escrowed_stake, pool.open_cases),
        (300 * IO, 0, 0)
    );
    // Burned IO is never re-minted: the emission program's books are untouched and the next
    // epoch mints exactly its scheduled amount.
    assert_eq!(
        chain.emission_state().await.cumulative_minted,
        minted_before
    );
    chain.close_epochs_through(&protocol, 6).await;
    assert_eq!(
        chain.emission_state().await.cumulative_minted,
        minted_before + emission(6)
    );
    assert_staking_error(
        chain
            .resolve(&protocol, &dev, case, Resolution::Overturn)
            .await,
        StakingError::CaseResolved,
    );
}

#[tokio::test]
async fn overturned_cases_return_the_stake_and_the_device_rejoins() {
    let (mut chain, protocol, dev) = active_h100().await;
    let case = open(&mut chain, &protocol, &dev, 300 * IO).await;
    chain.appeal(&protocol, &dev, case).await.unwrap();
    chain
        .resolve(&protocol, &dev, case, Resolution::Overturn)
        .await
        .unwrap();
    let device = chain.device_state(&dev).await;
    assert_eq!(
        (device.stake, device.escrowed, device.open_cases),
        (2_000 * IO, 0, 0)
    );
    assert_eq!(chain.case_state(case).await.status, CaseStatus::Overturned);
    assert_eq!(chain.pool_state(&protocol).await.total_burned, 0);
    // Its streak continues: the next attestation puts it back in the active set.
    chain.close_epochs_through(&protocol, 6).await;
    chain.attest(&protocol, 6, &[&dev]).await.unwrap();
    assert!(chain.device_state(&dev).await.active);
    assert_staking_error(
        chain
            .resolve(&protocol, &dev, case, Resolution::Uphold)
            .await,
        StakingError::CaseResolved,
    );
}

#[tokio::test]
async fn unappealed_cases_are_executed_by_anyone_after_the_deadline() {
    let (mut chain, protocol, dev) = active_h100().await;
    let case = open(&mut chain, &protocol, &dev, 50 * IO).await;
    chain.advance(30 * DAY - 1).await;
    assert_staking_error(
        chain
            .resolve(&protocol, &dev, case, Resolution::Execute)
            .await,
        StakingError::AppealPeriodNotOver,
    );
    chain.advance(1).await;
    let supply_before = chain.mint_supply().await;
    chain
        .resolve(&protocol, &dev, case, Resolution::Execute)
        .await
        .unwrap();
    assert_eq!(chain.mint_supply().await, supply_before - 50 * IO);
    assert_eq!(chain.case_state(case).await.status, CaseStatus::Executed);
    assert_staking_error(
        chain
            .resolve(&protocol, &dev, case, Resolution::Execute)
            .await,
        StakingError::CaseResolved,
    );
}

#[tokio::test]
async fn an_appealed_case_cannot_be_executed_and_lapses_if_not_ruled_on() {
    let (mut chain, protocol, dev) = active_h100().await;
    let case = open(&mut chain, &protocol, &dev, 50 * IO).await;
    assert_staking_error(
        chain
            .resolve(&protocol, &dev, case, Resolution::Lapse)
            .await,
        StakingError::CaseNotAppealed,
    );
    chain.appeal(&protocol, &dev, case).await.unwrap();
    chain.advance(30 * DAY).await;
    assert_staking_error(
        chain
            .resolve(&protocol, &dev, case, Resolution::Execute)
            .await,
        StakingError::CaseAppealed,
    );
    // Ruling window: 30 days after the appeal deadline.
    chain.advance(30 * DAY - 1).await;
    assert_staking_error(
        chain
            .resolve(&protocol, &dev, case, Resolution::Lapse)
            .await,
        StakingError::RulingWindowNotOver,
    );
    chain.advance(1).await;
    assert_staking_error(
        chain
            .resolve(&protocol, &dev, case, Resolution::Uphold)
            .await,
        StakingError::RulingWindowOver,
    );
    chain
        .resolve(&protocol, &dev, case, Resolution::Lapse)
        .await
        .unwrap();
    assert_eq!(chain.case_state(case).await.status, CaseStatus::Lapsed);
    assert_eq!(chain.device_state(&dev).await.stake, 2_000 * IO);
    assert_staking_error(
        chain
            .resolve(&protocol, &dev, case, Resolution::Lapse)
            .await,
        StakingError::CaseResolved,
    );
}
