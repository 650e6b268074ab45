//! The keeper end to end on the embedded chain: bootstrap and crank.

use io_chain::retry::Backoff;
use io_chain::{fetch, Chain};
use io_emission::schedule;
use io_localchain::local::LocalChain;
use io_localchain::DEFAULT_GENESIS_TIMESTAMP;
use io_ops::bootstrap::{bootstrap, BootstrapKeys};
use io_ops::crank::crank_once;
use io_sdk::Addresses;
use io_staking::state::{RewardPool, StakingConfig};
use solana_keypair::Keypair;
use solana_signer::Signer;
use tokio::sync::watch;

struct Keys {
    admin: Keypair,
    keeper: Keypair,
    slasher: Keypair,
    arbiter: Keypair,
}

async fn bootstrapped() -> (LocalChain, Addresses, Keys) {
    let chain = LocalChain::start(DEFAULT_GENESIS_TIMESTAMP - 3_600).await;
    let keys = Keys {
        admin: Keypair::new(),
        keeper: Keypair::new(),
        slasher: Keypair::new(),
        arbiter: Keypair::new(),
    };
    chain.airdrop(&keys.admin.pubkey(), 1_000_000_000).await;
    let steps = bootstrap(
        &chain,
        &Backoff::default(),
        chain.mint(),
        DEFAULT_GENESIS_TIMESTAMP,
        &bootstrap_keys(&chain, &keys),
    )
    .await
    .unwrap();
    // On a fresh chain every step acts, except the hand-over: io-emission is initialized with
    // the staking config as its distributor from the start.
    let unchanged: Vec<&str> = steps
        .iter()
        .filter(|s| !s.changed)
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(unchanged, ["hand minting to the staking config"]);
    let addresses = Addresses::for_mint(chain.mint());
    (chain, addresses, keys)
}

fn bootstrap_keys<'a>(chain: &'a LocalChain, keys: &'a Keys) -> BootstrapKeys<'a> {
    BootstrapKeys {
        mint_authority: chain.mint_authority(),
        admin: &keys.admin,
        keepers: vec![keys.keeper.pubkey()],
        slasher: keys.slasher.pubkey(),
        arbiter: keys.arbiter.pubkey(),
    }
}

/// A shutdown signal that is never raised (a receiver keeps the last value after its sender
/// is gone).
fn running() -> watch::Receiver<bool> {
    watch::channel(false).1
}

async fn pool(chain: &LocalChain, addresses: &Addresses) -> RewardPool {
    fetch(chain, &addresses.reward_pool).await.unwrap().unwrap()
}

#[tokio::test]
async fn bootstrap_is_idempotent() {
    let (chain, addresses, keys) = bootstrapped().await;
    let again = bootstrap(
        &chain,
        &Backoff::default(),
        chain.mint(),
        DEFAULT_GENESIS_TIMESTAMP,
        &bootstrap_keys(&chain, &keys),
    )
    .await
    .unwrap();
    assert!(again.iter().all(|s| !s.changed), "{again:?}");
    let config: StakingConfig = fetch(&chain, &addresses.config).await.unwrap().unwrap();
    assert_eq!(config.admin, keys.admin.pubkey());
    let set = chain.account(&addresses.keeper_set).await.unwrap();
    let set: io_staking::state::KeeperSet = io_sdk::decode_zero_copy(&set.data).unwrap();
    assert!(set.slot_of_operator(&keys.keeper.pubkey()).is_some());
    assert_eq!(
        (config.slashing.slasher, config.slashing.arbiter),
        (keys.slasher.pubkey(), keys.arbiter.pubkey())
    );
    let emission: io_emission::state::EmissionState = fetch(&chain, &addresses.emission_state)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(emission.distributor, addresses.config);
}

#[tokio::test]
async fn the_crank_catches_up_30_missed_epochs_in_order() {
    let (chain, addresses, _keys) = bootstrapped().await;
    chain
        .set_time(schedule::epoch_end(DEFAULT_GENESIS_TIMESTAMP, 30).unwrap() + 1_000)
        .await;
    let report = crank_once(&chain, &addresses, &Backoff::default(), &running())
        .await
        .unwrap();
    assert_eq!(
        (report.target, report.closed, report.last_closed),
        (30, 30, 30)
    );
    assert_eq!(
        chain.token_balance(addresses.rewards_vault).await,
        schedule::cumulative_emission(30, 8).unwrap()
    );
    // Nothing more has ended: a second pass is a no-op.
    let again = crank_once(&chain, &addresses, &Backoff::default(), &running())
        .await
        .unwrap();
    assert_eq!((again.closed, again.lost_races), (0, 0));
}

#[tokio::test]
async fn two_keepers_racing_close_each_epoch_exactly_once() {
    let (chain, addresses, _keys) = bootstrapped().await;
    // One ended epoch, two keepers: exactly one closes it, the other loses the race calmly.
    chain
        .set_time(schedule::epoch_end(DEFAULT_GENESIS_TIMESTAMP, 1).unwrap())
        .await;
    let backoff = Backoff::default();
    let (run_a, run_b) = (running(), running());
    let (a, b) = tokio::join!(
        crank_once(&chain, &addresses, &backoff, &run_a),
        crank_once(&chain, &addresses, &backoff, &run_b),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.closed + b.closed, 1);
    assert_eq!(a.lost_races + b.lost_races, 1);

    // Thirty more, two keepers at once.
    chain
        .set_time(schedule::epoch_end(DEFAULT_GENESIS_TIMESTAMP, 31).unwrap())
        .await;
    let (a, b) = tokio::join!(
        crank_once(&chain, &addresses, &backoff, &run_a),
        crank_once(&chain, &addresses, &backoff, &run_b),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.closed + b.closed, 30);
    assert_eq!(pool(&chain, &addresses).await.last_closed_epoch, 31);
    assert_eq!(
        chain.token_balance(addresses.rewards_vault).await,
        schedule::cumulative_emission(31, 8).unwrap(),
        "every epoch minted exactly once"
    );
}

#[tokio::test]
async fn shutdown_stops_between_transactions() {
    let (chain, addresses, _keys) = bootstrapped().await;
    chain
        .set_time(schedule::epoch_end(DEFAULT_GENESIS_TIMESTAMP, 5).unwrap())
        .await;
    let (stop, receiver) = watch::channel(true);
    let report = crank_once(&chain, &addresses, &Backoff::default(), &receiver)
        .await
        .unwrap();
    assert!(report.interrupted);
    assert_eq!(report.closed, 0);
    drop(stop);
    assert_eq!(pool(&chain, &addresses).await.last_closed_epoch, 0);
    assert!(chain.payer() != addresses.config);
}

#[tokio::test]
async fn a_mint_created_by_the_keeper_bootstraps() {
    let chain = LocalChain::start(DEFAULT_GENESIS_TIMESTAMP - 3_600).await;
    let (mint, authority, treasury) = (Keypair::new(), Keypair::new(), Keypair::new());
    let owner = Keypair::new().pubkey();
    let treasury = io_ops::bootstrap::create_mint(
        &chain,
        &Backoff::default(),
        &mint,
        &authority,
        &treasury,
        owner,
    )
    .await
    .unwrap();
    assert_eq!(chain.token_balance(treasury).await, 50_000_000_000_000_000);
    let keys = Keys {
        admin: Keypair::new(),
        keeper: Keypair::new(),
        slasher: Keypair::new(),
        arbiter: Keypair::new(),
    };
    chain.airdrop(&keys.admin.pubkey(), 1_000_000_000).await;
    let steps = bootstrap(
        &chain,
        &Backoff::default(),
        mint.pubkey(),
        DEFAULT_GENESIS_TIMESTAMP,
        &BootstrapKeys {
            mint_authority: &authority,
            admin: &keys.admin,
            keepers: vec![keys.keeper.pubkey()],
            slasher: keys.slasher.pubkey(),
            arbiter: keys.arbiter.pubkey(),
        },
    )
    .await
    .unwrap();
    assert!(steps.iter().filter(|s| s.changed).count() > 10);
    let config: StakingConfig = fetch(&chain, &Addresses::for_mint(mint.pubkey()).config)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(config.mint, mint.pubkey());
}
