//! set_slashing_config, open_case, appeal_case, rule_case, execute_case, lapse_case.

use anchor_lang::prelude::Pubkey;
use io_localchain::{assert_staking_error, events, DeviceHandle, Protocol, Resolution, TestChain};
use io_staking::error::StakingError;
use io_staking::events::{SlashCaseOpened, SlashCaseResolved};
use io_staking::state::{CaseStatus, DeviceStatus, SlashReason, SlashingParams};
use io_staking::{OpenCaseArgs, SlashingSetup};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

const DAY: i64 = 86_400;

async fn active_h100() -> (TestChain, Protocol, DeviceHandle) {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    (chain, protocol, dev)
}

async fn open(
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
        let ix = protocol.set_slashing_config_ix(admin.pubkey(), bad);
        assert_staking_error(chain.process(&[ix], &[&admin]).await, error);
    }
    let stranger = Keypair::new();
    let ix = protocol
        .set_slashing_config_ix(stranger.pubkey(), args(stranger.pubkey(), same, published));
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
    let ix = protocol.open_case_ix(
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
    let ix = protocol.open_case_ix(
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
    let ix = protocol.set_slashing_config_ix(
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
    // Devices exist: the change waits out the 14-day cooldown and a week to notice it.
    chain.advance(21 * DAY).await;
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
    let ix = protocol.appeal_ix(stranger.pubkey(), dev.device, case, [1; 32]);
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
    let ix = protocol.resolve_ix(
        &chain,
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
    let ix = protocol.resolve_ix(
        &chain,
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

#[tokio::test]
async fn cooldown_stake_stays_slashable_and_withdrawal_pays_only_the_free_part() {
    let (mut chain, protocol, dev) = active_h100().await;
    chain.request_unstake(&protocol, &dev).await.unwrap();
    let upheld = open(&mut chain, &protocol, &dev, 200 * IO).await;
    let overturned = open(&mut chain, &protocol, &dev, 300 * IO).await;
    chain.appeal(&protocol, &dev, upheld).await.unwrap();
    chain.appeal(&protocol, &dev, overturned).await.unwrap();
    chain.advance(14 * DAY).await;
    let wallet = chain.token_balance(dev.owner_token).await;
    chain.withdraw(&protocol, &dev).await.unwrap();
    assert_eq!(
        chain.token_balance(dev.owner_token).await,
        wallet + 1_500 * IO
    );
    let device = chain.device_state(&dev).await;
    assert_eq!(
        (device.status, device.escrowed),
        (DeviceStatus::Withdrawn, 500 * IO)
    );
    // The device cannot be closed while cases hold part of its stake.
    let ix = protocol.close_device_ix(dev.owner.pubkey(), dev.device);
    assert_staking_error(
        chain
            .process(std::slice::from_ref(&ix), &[&dev.owner])
            .await,
        StakingError::OpenCases,
    );

    // Outcomes after the device was fully withdrawn: burned, or straight back to the owner.
    chain
        .resolve(&protocol, &dev, upheld, Resolution::Uphold)
        .await
        .unwrap();
    let arbiter = protocol.arbiter.insecure_clone();
    let ix_without_wallet = protocol.resolve_ix(
        &chain,
        Resolution::Overturn,
        arbiter.pubkey(),
        dev.device,
        overturned,
        None,
    );
    assert_staking_error(
        chain.process(&[ix_without_wallet], &[&arbiter]).await,
        StakingError::NotOwnersTokenAccount,
    );
    let someone_else = chain.create_token_account(&Keypair::new().pubkey()).await;
    let ix_wrong_wallet = protocol.resolve_ix(
        &chain,
        Resolution::Overturn,
        arbiter.pubkey(),
        dev.device,
        overturned,
        Some(someone_else),
    );
    assert_staking_error(
        chain.process(&[ix_wrong_wallet], &[&arbiter]).await,
        StakingError::NotOwnersTokenAccount,
    );
    chain
        .resolve(&protocol, &dev, overturned, Resolution::Overturn)
        .await
        .unwrap();
    assert_eq!(
        chain.token_balance(dev.owner_token).await,
        wallet + 1_800 * IO
    );
    assert_eq!(chain.token_balance(protocol.stake_vault).await, 0);
    assert_eq!(chain.pool_state(&protocol).await.total_burned, 200 * IO);
    chain.process(&[ix], &[&dev.owner]).await.unwrap();
}

/// Finding 2: a new slasher (or shorter periods) cannot take effect before suppliers had the
/// cooldown, and a week to notice, to leave. The old slasher keeps the role until then, and a
/// case is always ruled on by the arbiter it opened under.
#[tokio::test]
async fn slashing_changes_wait_out_the_cooldown() {
    let (mut chain, protocol, dev) = active_h100().await;
    let admin = protocol.admin.insecure_clone();
    let new_slasher = Keypair::new();
    let new_arbiter = Keypair::new();
    chain.airdrop(&new_slasher.pubkey(), 1_000_000_000).await;
    let setup = SlashingSetup {
        slasher: new_slasher.pubkey(),
        arbiter: new_arbiter.pubkey(),
        params: SlashingParams::published(),
    };
    let announced = chain.now().await;
    let ix = protocol.set_slashing_config_ix(admin.pubkey(), setup);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let event: io_staking::events::SlashingConfigUpdated = events::single(&emitted);
    assert_eq!(event.new, setup);
    assert_eq!(event.old.slasher, protocol.slasher.pubkey());
    assert_eq!(event.effective_at, announced + 21 * DAY);

    let open_as = |slasher: &Keypair, case_id: u64| {
        protocol.open_case_ix(
            slasher.pubkey(),
            dev.device,
            case_id,
            OpenCaseArgs {
                amount: IO,
                reason: SlashReason::Other,
                evidence_hash: [1; 32],
            },
        )
    };
    let ix = open_as(&new_slasher, 0);
    assert_staking_error(
        chain.process(&[ix], &[&new_slasher]).await,
        StakingError::UnauthorizedSlasher,
    );
    let first = open(&mut chain, &protocol, &dev, IO).await;
    chain.appeal(&protocol, &dev, first).await.unwrap();

    chain.set_time(announced + 21 * DAY).await;
    let old = protocol.slasher.insecure_clone();
    let ix = open_as(&old, 1);
    assert_staking_error(
        chain.process(&[ix], &[&old]).await,
        StakingError::UnauthorizedSlasher,
    );
    let ix = open_as(&new_slasher, 1);
    chain.process(&[ix], &[&new_slasher]).await.unwrap();

    // The first case opened under the old arbiter: only that arbiter rules on it.
    let payer_is_new_arbiter = protocol.resolve_ix(
        &chain,
        Resolution::Overturn,
        new_arbiter.pubkey(),
        dev.device,
        first,
        None,
    );
    assert_staking_error(
        chain
            .process(&[payer_is_new_arbiter], &[&new_arbiter])
            .await,
        StakingError::UnauthorizedArbiter,
    );
    chain
        .resolve(&protocol, &dev, first, Resolution::Overturn)
        .await
        .unwrap();
    assert_eq!(
        chain.case_state(first).await.arbiter,
        protocol.arbiter.pubkey()
    );
}

/// Finding 1: case addresses came from `[slash_case, device, device.cases_opened]`, and a device
/// key closed and registered again restarts that count at 0, so its next case collided with the
/// old record forever. Case ids are now config-wide.
#[tokio::test]
async fn a_device_key_registered_again_can_be_slashed_again() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let first = open(&mut chain, &protocol, &dev, 10 * IO).await;
    chain.advance(30 * DAY).await;
    chain
        .resolve(&protocol, &dev, first, Resolution::Execute)
        .await
        .unwrap();
    chain.request_unstake(&protocol, &dev).await.unwrap();
    chain.advance(14 * DAY).await;
    chain.withdraw(&protocol, &dev).await.unwrap();
    let ix = protocol.close_device_ix(dev.owner.pubkey(), dev.device);
    chain.process(&[ix], &[&dev.owner]).await.unwrap();

    // The same worker key comes back under the same owner.
    chain.register_again(&protocol, &dev).await.unwrap();
    chain.stake(&protocol, &dev, 1_000 * IO).await.unwrap();
    assert_eq!(chain.device_state(&dev).await.cases_opened, 0);

    let second = open(&mut chain, &protocol, &dev, 5 * IO).await;
    assert_ne!(first, second);
    let (old, new) = (
        chain.case_state(first).await,
        chain.case_state(second).await,
    );
    assert_eq!((old.case_id, old.status), (0, CaseStatus::Executed));
    assert_eq!((new.case_id, new.device_case_index), (1, 0));
    assert_eq!(new.device, dev.device);
}
