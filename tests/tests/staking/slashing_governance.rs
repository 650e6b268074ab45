//! Slashing and the stake in cooldown, governance changes of the slashing setup, and a device key
//! registered again.

use io_staking::error::StakingError;
use io_staking::state::{CaseStatus, DeviceStatus, SlashReason, SlashingParams};
use io_staking::{OpenCaseArgs, SlashingSetup};
use io_test_harness::{assert_staking_error, events, Resolution};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;
use crate::slashing::{active_h100, open, DAY};

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
    let ix = protocol
        .addresses
        .close_device(dev.owner.pubkey(), dev.device, &dev.hardware_hash);
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
    let ix_without_wallet = protocol.addresses.resolve_case(
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
    let ix_wrong_wallet = protocol.addresses.resolve_case(
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
    let ix = protocol
        .addresses
        .set_slashing_config(admin.pubkey(), setup);
    let (result, emitted) = chain.process_with_events(&[ix], &[&admin]).await;
    result.unwrap();
    let event: io_staking::events::SlashingConfigUpdated = events::single(&emitted);
    assert_eq!(event.new, setup);
    assert_eq!(event.old.slasher, protocol.slasher.pubkey());
    assert_eq!(event.effective_at, announced + 28 * DAY);

    let open_as = |slasher: &Keypair, case_id: u64| {
        protocol.addresses.open_case(
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

    chain.set_time(announced + 28 * DAY).await;
    let old = protocol.slasher.insecure_clone();
    let ix = open_as(&old, 1);
    assert_staking_error(
        chain.process(&[ix], &[&old]).await,
        StakingError::UnauthorizedSlasher,
    );
    let ix = open_as(&new_slasher, 1);
    chain.process(&[ix], &[&new_slasher]).await.unwrap();

    // The first case opened under the old arbiter: only that arbiter rules on it.
    let payer_is_new_arbiter = protocol.addresses.resolve_case(
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
    let ix = protocol
        .addresses
        .close_device(dev.owner.pubkey(), dev.device, &dev.hardware_hash);
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
