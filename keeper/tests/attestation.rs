//! Attestation batches through the keeper pay the expected amounts (embedded chain).

use io_emission::schedule;
use io_keeper::attest::attest_epoch;
use io_keeper::chain::local::LocalChain;
use io_keeper::chain::{fetch, Chain};
use io_keeper::crank::crank_once;
use io_keeper::localnet::{bootstrap_local, LocalDeployment};
use io_keeper::retry::Backoff;
use io_localchain::DEFAULT_GENESIS_TIMESTAMP;
use io_sdk::Addresses;
use io_staking::math::rewards::RPW_SCALE;
use io_staking::state::{Device, StakingConfig};
use io_staking::RegisterDeviceArgs;
use solana_keypair::Keypair;
use solana_signer::Signer;

async fn register(
    chain: &LocalChain,
    addresses: &Addresses,
    model_id: u16,
    multiplier: u32,
) -> anchor_lang::prelude::Pubkey {
    let config: StakingConfig = fetch(chain, &addresses.config).await.unwrap().unwrap();
    let now = chain.unix_time().await.unwrap();
    let required = config.required_stake(now, multiplier, 1).unwrap();
    let owner = Keypair::new();
    let key = Keypair::new();
    chain.airdrop(&owner.pubkey(), 100_000_000).await;
    let token = chain.fund(&owner.pubkey(), required).await;
    let device = addresses.device(&key.pubkey());
    let register = addresses.register_device(
        owner.pubkey(),
        key.pubkey(),
        model_id,
        RegisterDeviceArgs {
            gpu_count: 1,
            hardware_hash: [1; 32],
        },
    );
    let stake = addresses.stake(owner.pubkey(), device, token, required);
    chain
        .send(&[register, stake], &[&owner, &key])
        .await
        .unwrap();
    device
}

#[tokio::test]
async fn batches_pay_each_device_its_weighted_share() {
    let chain = LocalChain::start(DEFAULT_GENESIS_TIMESTAMP - 3_600).await;
    let backoff = Backoff::default();
    let LocalDeployment {
        attester,
        addresses,
        ..
    } = bootstrap_local(&chain, DEFAULT_GENESIS_TIMESTAMP)
        .await
        .unwrap();
    let h100 = register(&chain, &addresses, 3, 1_000).await; // weight 1000
    let rtx = register(&chain, &addresses, 10, 125).await; // weight 125
    let stop = tokio::sync::watch::channel(false).1;

    for epoch in 1..=6 {
        chain
            .set_time(schedule::epoch_end(DEFAULT_GENESIS_TIMESTAMP, epoch).unwrap())
            .await;
        crank_once(&chain, &addresses, &backoff, &stop)
            .await
            .unwrap();
        let report = attest_epoch(&chain, &addresses, &backoff, &attester, epoch, &[h100, rtx])
            .await
            .unwrap();
        assert_eq!(
            (report.attested, report.skipped, report.transactions),
            (2, 0, 1)
        );
    }
    // Both joined after epoch 5; epoch 6 pays epochs 1-6 (carried while nobody was active).
    let pot = (1..=6)
        .map(|n| schedule::epoch_emission(n, 8).unwrap() as u128)
        .sum::<u128>()
        * RPW_SCALE;
    let delta = pot / 1_125;
    let device = |d: Device| d.total_credited as u128;
    let h100_state: Device = fetch(&chain, &h100).await.unwrap().unwrap();
    let rtx_state: Device = fetch(&chain, &rtx).await.unwrap().unwrap();
    assert_eq!(device(h100_state), 1_000 * delta / RPW_SCALE);
    assert_eq!(device(rtx_state), 125 * delta / RPW_SCALE);

    // Attesting the same epoch again is skipped, not a failed batch.
    let again = attest_epoch(&chain, &addresses, &backoff, &attester, 6, &[h100, rtx])
        .await
        .unwrap();
    assert_eq!(
        (again.attested, again.skipped, again.transactions),
        (0, 2, 0)
    );
}
