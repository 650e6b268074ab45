//! One bonded keeper voting alone (docs/design.md section 14) pays devices exactly as the
//! attester's batches do, through `io-ops` on the embedded chain.

use io_chain::retry::Backoff;
use io_emission::schedule;
use io_localchain::local::LocalChain;
use io_localchain::DEFAULT_GENESIS_TIMESTAMP;
use io_localnet::{bootstrap_local, LocalDeployment};
use io_ops::crank::crank_once;
use io_ops::quorum::{bond, close_ballot, settle_devices, vote_alone, Bonding};
use io_sdk::uptime::{uptime_bits, UptimeTree};
use io_staking::state::QuorumParams;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::attestation::{assert_paid_the_weighted_share_of_six_epochs, register};

#[tokio::test]
async fn one_keeper_voting_alone_pays_each_device_its_weighted_share() {
    let chain = LocalChain::start(DEFAULT_GENESIS_TIMESTAMP - 3_600).await;
    let backoff = Backoff::default();
    let LocalDeployment {
        attester,
        addresses,
        ..
    } = bootstrap_local(&chain, DEFAULT_GENESIS_TIMESTAMP)
        .await
        .unwrap();
    // The bootstrap admitted the attester's key as a keeper; it bonds the published minimum and
    // votes with a hot key of its own.
    let min_bond = QuorumParams::published(8).unwrap().min_keeper_bond;
    let operator_token = chain.fund(&attester.pubkey(), min_bond).await;
    let vote_key = Keypair::new();
    chain.airdrop(&vote_key.pubkey(), 1_000_000_000).await;
    bond(
        &chain,
        &addresses,
        &backoff,
        &attester,
        Bonding {
            operator_token,
            amount: min_bond,
            vote_key: vote_key.pubkey(),
            url: "http://127.0.0.1:8899",
        },
    )
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
        let tree = UptimeTree::build(
            epoch,
            [h100, rtx]
                .iter()
                .map(|d| (*d, uptime_bits(epoch, 1..=epoch)))
                .collect(),
        )
        .unwrap();
        let report = vote_alone(&chain, &addresses, &backoff, &vote_key, &tree)
            .await
            .unwrap();
        assert_eq!(
            (report.transactions, report.finalized),
            (2, true),
            "epoch {epoch}"
        );
        let again = vote_alone(&chain, &addresses, &backoff, &vote_key, &tree)
            .await
            .unwrap();
        assert_eq!((again.transactions, again.finalized), (0, true));
        assert_eq!(
            settle_devices(&chain, &addresses, &backoff, &tree)
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            settle_devices(&chain, &addresses, &backoff, &tree)
                .await
                .unwrap(),
            0
        );
        // The finished ballot's rent goes back to the vote key that opened it.
        let lamports = |a: Option<io_localchain::Account>| a.map_or(0, |a| a.lamports);
        let before = lamports(chain.account(&vote_key.pubkey()).await);
        let opener = vote_key.pubkey();
        assert!(close_ballot(&chain, &addresses, &backoff, opener, epoch)
            .await
            .unwrap());
        assert!(lamports(chain.account(&vote_key.pubkey()).await) > before);
        assert!(!close_ballot(&chain, &addresses, &backoff, opener, epoch)
            .await
            .unwrap());
    }
    // Exactly what the attester's batches pay (attestation.rs).
    assert_paid_the_weighted_share_of_six_epochs(&chain, h100, rtx).await;
}
