use anchor_lang::error::ErrorCode as AnchorErrorCode;
use io_staking::error::StakingError;
use io_staking::events::DeviceRegistered;
use io_staking::state::DeviceStatus;
use io_staking::RegisterDeviceArgs;
use io_test_harness::{assert_anchor_error, assert_staking_error, events};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

fn args(gpu_count: u16) -> RegisterDeviceArgs {
    RegisterDeviceArgs {
        gpu_count,
        hardware_hash: [9; 32],
    }
}

#[tokio::test]
async fn registers_with_the_models_multiplier_and_the_owner_wallet() {
    let (mut chain, protocol) = protocol().await;
    let owner = Keypair::new();
    let device_key = Keypair::new();
    chain.airdrop(&owner.pubkey(), 100_000_000).await;
    let ix = protocol
        .addresses
        .register_device(owner.pubkey(), device_key.pubkey(), 3, args(8));
    let (result, emitted) = chain
        .process_with_events(&[ix], &[&owner, &device_key])
        .await;
    result.unwrap();
    let event: DeviceRegistered = events::single(&emitted);
    assert_eq!(event.owner, owner.pubkey());
    assert_eq!(event.multiplier_centi, 1_000);
    assert_eq!(event.required_stake, 16_000 * IO, "200 IO x 10 x 8 GPUs");
    assert_eq!(event.hardware_hash, [9; 32]);
    let device: io_staking::state::Device = chain.anchor_account(event.device).await;
    assert_eq!(device.device_key, device_key.pubkey());
    assert_eq!(device.gpu_count, 8);
    assert_eq!(device.status, DeviceStatus::Staking);
    assert_eq!((device.stake, device.active), (0, false));
    assert_eq!(chain.pool_state(&protocol).await.registered_devices, 1);
}

#[tokio::test]
async fn the_device_key_must_sign() {
    let (mut chain, protocol) = protocol().await;
    let owner = Keypair::new();
    chain.airdrop(&owner.pubkey(), 100_000_000).await;
    let mut ix =
        protocol
            .addresses
            .register_device(owner.pubkey(), Keypair::new().pubkey(), 3, args(1));
    ix.accounts[1].is_signer = false;
    let result = chain.process(&[ix], &[&owner]).await;
    assert_anchor_error(result, AnchorErrorCode::AccountNotSigner.into());
}

#[tokio::test]
async fn rejects_a_gpu_count_out_of_range() {
    let (mut chain, protocol) = protocol().await;
    let owner = Keypair::new();
    chain.airdrop(&owner.pubkey(), 100_000_000).await;
    for count in [0, 1_025, u16::MAX] {
        let key = Keypair::new();
        let ix = protocol
            .addresses
            .register_device(owner.pubkey(), key.pubkey(), 3, args(count));
        let result = chain.process(&[ix], &[&owner, &key]).await;
        assert_staking_error(result, StakingError::InvalidGpuCount);
    }
}

#[tokio::test]
async fn rejects_an_unknown_model() {
    let (mut chain, protocol) = protocol().await;
    let owner = Keypair::new();
    let key = Keypair::new();
    chain.airdrop(&owner.pubkey(), 100_000_000).await;
    let ix = protocol
        .addresses
        .register_device(owner.pubkey(), key.pubkey(), 999, args(1));
    let result = chain.process(&[ix], &[&owner, &key]).await;
    assert_anchor_error(result, AnchorErrorCode::AccountNotInitialized.into());
}

#[tokio::test]
async fn one_device_per_key() {
    let (mut chain, protocol) = protocol().await;
    let dev = chain.register_device(&protocol, "H100", 1, 0).await;
    let other_owner = Keypair::new();
    chain.airdrop(&other_owner.pubkey(), 100_000_000).await;
    let ix = protocol.addresses.register_device(
        other_owner.pubkey(),
        dev.device_key.pubkey(),
        3,
        args(1),
    );
    let result = chain.process(&[ix], &[&other_owner, &dev.device_key]).await;
    assert!(result.is_err());
    assert_eq!(chain.device_state(&dev).await.owner, dev.owner.pubkey());
}

#[tokio::test]
async fn not_while_paused() {
    let (mut chain, protocol) = protocol().await;
    let admin = protocol.admin.insecure_clone();
    let pause = protocol.addresses.set_paused(admin.pubkey(), true);
    chain.process(&[pause], &[&admin]).await.unwrap();
    let owner = Keypair::new();
    let key = Keypair::new();
    chain.airdrop(&owner.pubkey(), 100_000_000).await;
    let ix = protocol
        .addresses
        .register_device(owner.pubkey(), key.pubkey(), 3, args(1));
    let result = chain.process(&[ix], &[&owner, &key]).await;
    assert_staking_error(result, StakingError::Paused);
}
