use io_staking::error::StakingError;
use io_test_harness::assert_staking_error;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

#[tokio::test]
async fn a_withdrawn_device_closes_and_returns_its_rent() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let ix = protocol
        .addresses
        .close_device(dev.owner.pubkey(), dev.device, &dev.hardware_hash);
    let result = chain
        .process(std::slice::from_ref(&ix), &[&dev.owner])
        .await;
    assert_staking_error(result, StakingError::DeviceNotEmpty);

    chain.request_unstake(&protocol, &dev).await.unwrap();
    chain.advance(14 * 86_400).await;
    chain.withdraw(&protocol, &dev).await.unwrap();
    let marker = protocol.addresses.hardware_marker(&dev.hardware_hash);
    let rent = chain.account(dev.device).await.unwrap().lamports
        + chain.account(marker).await.unwrap().lamports;
    let before = chain.account(dev.owner.pubkey()).await.unwrap().lamports;
    chain.process(&[ix], &[&dev.owner]).await.unwrap();
    // The device and its hardware marker are closed, both rents back to the owner.
    assert!(chain.account(dev.device).await.is_none());
    assert!(chain.account(marker).await.is_none());
    let after = chain.account(dev.owner.pubkey()).await.unwrap().lamports;
    assert_eq!(after, before + rent);
    assert_eq!(chain.pool_state(&protocol).await.registered_devices, 0);
}

#[tokio::test]
async fn a_never_staked_device_closes_but_only_by_its_owner() {
    let (mut chain, protocol) = protocol().await;
    let dev = chain.register_device(&protocol, "L4", 1, 0).await;
    let stranger = Keypair::new();
    chain.airdrop(&stranger.pubkey(), 10_000_000).await;
    let ix = protocol
        .addresses
        .close_device(stranger.pubkey(), dev.device, &dev.hardware_hash);
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::NotDeviceOwner);
    let ix = protocol
        .addresses
        .close_device(dev.owner.pubkey(), dev.device, &dev.hardware_hash);
    chain.process(&[ix], &[&dev.owner]).await.unwrap();
}
