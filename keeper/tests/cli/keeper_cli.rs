//! A keeper operator's bond from the CLI, against the embedded chain through its JSON-RPC:
//! `io-keeper keeper bond`, `unbond`, and `withdraw` refused until the cooldown is over.

use io_chain::Chain;
use io_localchain::local::LocalChain;
use io_localchain::DEFAULT_GENESIS_TIMESTAMP;
use io_localnet::bootstrap_local;
use io_localnode::spawn_local;
use io_staking::state::KeeperSet;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::{run_cli, write_keypair};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_bonds_names_its_vote_key_and_unbonds_from_the_cli() {
    let chain = std::sync::Arc::new(LocalChain::start(DEFAULT_GENESIS_TIMESTAMP - 3_600).await);
    let deployment = bootstrap_local(&chain, DEFAULT_GENESIS_TIMESTAMP)
        .await
        .unwrap();
    // A second operator, admitted by governance (the bootstrap's keeper is bonded already).
    let operator = Keypair::new();
    chain.airdrop(&operator.pubkey(), 1_000_000_000).await;
    let admit = deployment
        .addresses
        .admit_keeper(deployment.admin.pubkey(), operator.pubkey());
    chain.send(&[admit], &[&deployment.admin]).await.unwrap();
    let token = chain.fund(&operator.pubkey(), 10_000 * 100_000_000).await;
    let vote_key = Keypair::new();
    let dir = tempfile::tempdir().unwrap();
    let keypair = write_keypair(dir.path(), "operator", &operator);
    let (rpc_at, _) = spawn_local(chain.clone()).await.unwrap();
    let keeper = |action: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = vec![
            "keeper".into(),
            "--rpc-url".into(),
            format!("http://{rpc_at}"),
            "--keypair".into(),
            keypair.display().to_string(),
            "--mint".into(),
            chain.mint().to_string(),
            "--operator-keypair".into(),
            keypair.display().to_string(),
        ];
        args.extend(action.iter().map(|a| a.to_string()));
        args
    };
    let (token_text, vote_text) = (token.to_string(), vote_key.pubkey().to_string());
    let bond = keeper(&[
        "bond",
        "--amount",
        "10000",
        "--token-account",
        &token_text,
        "--vote-key",
        &vote_text,
        "--url",
        "https://keeper.example",
    ]);
    let (ok, out) = run_cli(bond, dir.path().into()).await;
    assert!(ok, "{out}");
    assert!(out.contains("bonded 1000000000000 base units"), "{out}");
    let data = chain
        .account_data(&deployment.addresses.keeper_set)
        .await
        .unwrap()
        .unwrap();
    let set: KeeperSet = io_sdk::decode_zero_copy(&data).unwrap();
    let slot = set.slot_of_operator(&operator.pubkey()).unwrap();
    assert_eq!(set.keepers[slot].vote_key, vote_key.pubkey());
    assert_eq!(set.keepers[slot].url(), "https://keeper.example");
    assert_eq!(set.keepers[slot].bonded, 10_000 * 100_000_000);

    let (ok, out) = run_cli(keeper(&["unbond"]), dir.path().into()).await;
    assert!(ok && out.contains("unbonding"), "{out}");
    let (ok, out) = run_cli(
        keeper(&["withdraw", "--token-account", &token_text]),
        dir.path().into(),
    )
    .await;
    assert!(!ok, "{out}");
    let locked = io_staking::error::StakingError::KeeperBondLocked.code();
    assert!(out.contains(&format!("program error {locked}")), "{out}");
}
