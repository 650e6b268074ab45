//! `claim-all`: one wallet's devices claimed in as few transactions as fit.

use io_chain::retry::Backoff;
use io_chain::{fetch, Chain};
use io_emission::schedule;
use io_localchain::local::LocalChain;
use io_localchain::DEFAULT_GENESIS_TIMESTAMP;
use io_localnet::{bootstrap_local, LocalDeployment};
use io_ops::claim::{claim_all, claimable_devices, owned_devices, settle_before_claiming};
use io_ops::crank::crank_once;
use io_ops::quorum::{settle_devices, vote_alone};
use io_sdk::uptime::{uptime_bits, UptimeTree};
use io_staking::state::{Device, StakingConfig};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::register_device;

/// One wallet's RTX 4090s (250 IO each), registered and staked exactly the requirement.
struct Wallet {
    owner: Keypair,
    token: anchor_lang::prelude::Pubkey,
    devices: Vec<anchor_lang::prelude::Pubkey>,
    required: u64,
}

/// Closes `epoch`, and the keeper votes alone for the tree of `devices`, each up since epoch 1.
async fn close_and_vote(
    chain: &LocalChain,
    addresses: &io_sdk::Addresses,
    keeper: &Keypair,
    epoch: u32,
    devices: &[anchor_lang::prelude::Pubkey],
) -> UptimeTree {
    let backoff = Backoff::default();
    chain
        .set_time(schedule::epoch_end(DEFAULT_GENESIS_TIMESTAMP, epoch).unwrap())
        .await;
    let stop = tokio::sync::watch::channel(false).1;
    crank_once(chain, addresses, &backoff, &stop).await.unwrap();
    let leaves = devices
        .iter()
        .map(|d| (*d, uptime_bits(epoch, 1..=epoch)))
        .collect();
    let tree = UptimeTree::build(epoch, leaves).unwrap();
    assert!(
        vote_alone(chain, addresses, &backoff, keeper, &tree)
            .await
            .unwrap()
            .finalized
    );
    tree
}

/// A fresh chain, the protocol bootstrapped, and one wallet with `count` devices.
async fn one_wallet(count: u64) -> (LocalChain, LocalDeployment, Wallet) {
    let chain = LocalChain::start(DEFAULT_GENESIS_TIMESTAMP - 3_600).await;
    let deployment = bootstrap_local(&chain, DEFAULT_GENESIS_TIMESTAMP)
        .await
        .unwrap();
    let wallet = wallet_with_devices(&chain, &deployment.addresses, count).await;
    (chain, deployment, wallet)
}

async fn wallet_with_devices(
    chain: &LocalChain,
    addresses: &io_sdk::Addresses,
    count: u64,
) -> Wallet {
    let config: StakingConfig = fetch(chain, &addresses.config).await.unwrap().unwrap();
    let now = chain.unix_time().await.unwrap();
    let required = config.required_stake(now, 125, 1).unwrap();
    let owner = Keypair::new();
    chain.airdrop(&owner.pubkey(), 10_000_000_000).await;
    let token = chain.fund(&owner.pubkey(), count * required).await;
    let mut devices = Vec::new();
    for _ in 0..count {
        let key = Keypair::new();
        let device = addresses.device(&key.pubkey());
        let [consent, register] = register_device(addresses, &owner, &key, 10);
        let stake = addresses.stake(owner.pubkey(), device, token, required);
        chain
            .send(&[consent, register, stake], &[&owner])
            .await
            .unwrap();
        devices.push(device);
    }
    Wallet {
        owner,
        token,
        devices,
        required,
    }
}

#[tokio::test]
async fn thirty_devices_of_one_wallet_are_claimed_in_two_transactions() {
    let backoff = Backoff::default();
    let (chain, deployment, wallet) = one_wallet(30).await;
    let LocalDeployment {
        keeper, addresses, ..
    } = deployment;
    let Wallet {
        owner,
        token,
        devices,
        required,
    } = wallet;
    // Someone else's device earns too, and is left alone.
    let other = Keypair::new();
    chain.airdrop(&other.pubkey(), 1_000_000_000).await;
    let other_token = chain.fund(&other.pubkey(), required).await;
    let other_key = Keypair::new();
    let other_device = addresses.device(&other_key.pubkey());
    let [consent, register] = register_device(&addresses, &other, &other_key, 10);
    let stake = addresses.stake(other.pubkey(), other_device, other_token, required);
    chain
        .send(&[consent, register, stake], &[&other])
        .await
        .unwrap();
    let mut all = devices.clone();
    all.push(other_device);

    for epoch in 1..=6 {
        let tree = close_and_vote(&chain, &addresses, &keeper, epoch, &all).await;
        settle_devices(&chain, &addresses, &backoff, &tree)
            .await
            .unwrap();
    }
    let waiting = claimable_devices(&chain, &addresses, &backoff, &owner.pubkey())
        .await
        .unwrap();
    assert_eq!(waiting.len(), 30);
    let expected: u64 = waiting.iter().map(|(_, pending)| pending).sum();
    let before = chain.token_balance(token).await;

    let report = claim_all(&chain, &addresses, &backoff, &owner, token)
        .await
        .unwrap();
    assert_eq!(
        (report.devices, report.transactions, report.claimed),
        (30, 2, expected),
        "24 + 6 devices"
    );
    assert_eq!(chain.token_balance(token).await, before + expected);
    for device in devices {
        let state: Device = fetch(&chain, &device).await.unwrap().unwrap();
        assert_eq!(state.pending_rewards, 0);
    }
    let state: Device = fetch(&chain, &other_device).await.unwrap().unwrap();
    assert!(
        state.pending_rewards > 0,
        "another wallet's device is not claimed"
    );
    // Nothing left: nothing sent.
    let again = claim_all(&chain, &addresses, &backoff, &owner, token)
        .await
        .unwrap();
    assert_eq!((again.devices, again.transactions), (0, 0));
}

/// A device the keepers have not settled from the latest root yet: `settle_before_claiming`
/// settles it from its leaf first (once: again, nothing to do), so the claim pays that epoch too.
#[tokio::test]
async fn a_claim_settles_each_device_from_its_leaf_first() {
    let backoff = Backoff::default();
    let (chain, deployment, wallet) = one_wallet(2).await;
    let LocalDeployment {
        keeper, addresses, ..
    } = deployment;
    let Wallet {
        owner,
        token,
        devices,
        ..
    } = wallet;
    let mut tree = None;
    for epoch in 1..=7 {
        let built = close_and_vote(&chain, &addresses, &keeper, epoch, &devices).await;
        // The keepers settle through epoch 6 and leave the root of epoch 7 to the owner.
        if epoch < 7 {
            settle_devices(&chain, &addresses, &backoff, &built)
                .await
                .unwrap();
        }
        tree = Some(built);
    }
    let tree = tree.unwrap();
    let owned = owned_devices(&chain, &addresses, &backoff, &owner.pubkey())
        .await
        .unwrap();
    assert_eq!(owned.len(), 2);
    assert!(owned.iter().all(|(_, d)| d.settled_epoch == 6));
    let leaves: Vec<_> = devices
        .iter()
        .map(|d| (*d, tree.proof_for(d).unwrap()))
        .collect();
    let settled = settle_before_claiming(&chain, &addresses, &backoff, &owned, &leaves)
        .await
        .unwrap();
    assert_eq!(settled, 2);
    let owned = owned_devices(&chain, &addresses, &backoff, &owner.pubkey())
        .await
        .unwrap();
    assert!(owned.iter().all(|(_, d)| d.settled_epoch == 7));
    let again = settle_before_claiming(&chain, &addresses, &backoff, &owned, &leaves)
        .await
        .unwrap();
    assert_eq!(again, 0, "settled against this root already");
    let pending: u64 = owned.iter().map(|(_, d)| d.pending_rewards).sum();
    let before = chain.token_balance(token).await;
    let report = claim_all(&chain, &addresses, &backoff, &owner, token)
        .await
        .unwrap();
    assert_eq!(report.claimed, pending);
    assert_eq!(chain.token_balance(token).await, before + pending);
}
