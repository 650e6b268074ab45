//! io-payments from the operator's side, against the embedded chain through its JSON-RPC, as on
//! a cluster: `io-keeper status` shows the fees and burns, `io-keeper buyback` quotes and, with
//! `--execute`, burns the IO it delivers; the quote refuses a stale price.

use anchor_lang::prelude::Pubkey;
use io_chain::Chain;
use io_localnet::payments::local_price_update;
use io_localnet::{run_keeping_chain, LocalnetOptions};
use io_localnode::spawn_local;
use io_ops::payments::{config, quote_buyback, BuybackError};
use io_payments::error::PaymentsError;
use io_sdk::payments::PaymentsAddresses;
use io_sdk::Addresses;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::{run_cli, write_keypair};

const IO: u64 = 100_000_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_shows_fees_and_burns_and_buyback_quotes_then_burns() {
    let (summary, chain) = run_keeping_chain(&LocalnetOptions {
        devices: 4,
        epochs: 12,
        heartbeats_per_epoch: 12,
        uptime_threshold_percent: 90,
        seed: 5,
        progress: false,
        http: false,
    })
    .await
    .unwrap();
    let payments_line = summary.payments.expect("payments ran");
    assert!(payments_line.io_burned > 0, "{payments_line:?}");
    let staking = Addresses::for_mint(chain.mint());
    let state = config(chain.as_ref(), &staking.config)
        .await
        .unwrap()
        .unwrap();
    let addresses = PaymentsAddresses::new(&staking, state.usdc_mint);

    // The operator's keys and accounts: a funded fee payer that also sells 5 IO.
    let dir = tempfile::tempdir().unwrap();
    let seller = Keypair::new();
    chain.airdrop(&seller.pubkey(), 1_000_000_000).await;
    let seller_io = chain.fund(&seller.pubkey(), 5 * IO).await;
    let seller_usdc = chain
        .create_token_account(&seller.pubkey(), &state.usdc_mint)
        .await;
    let keypair = write_keypair(dir.path(), "seller", &seller);

    let (rpc_at, _) = spawn_local(chain.clone()).await.unwrap();
    let cluster = |command: &str| -> Vec<String> {
        vec![
            command.into(),
            "--rpc-url".into(),
            format!("http://{rpc_at}"),
            "--keypair".into(),
            keypair.display().to_string(),
            "--mint".into(),
            chain.mint().to_string(),
        ]
    };
    let (ok, status) = run_cli(cluster("status"), dir.path().into()).await;
    assert!(ok, "{status}");
    let made = format!("reservations         {} made", payments_line.reservations);
    assert!(status.contains(&made), "{status}");
    assert!(status.contains("1 buy-back(s)"), "{status}");

    let mut buyback = cluster("buyback");
    buyback.extend([
        "--usdc-mint".into(),
        state.usdc_mint.to_string(),
        "--price-update".into(),
        local_price_update().to_string(),
        "--io".into(),
        "0.001".into(),
        "--seller-io".into(),
        seller_io.to_string(),
        "--seller-usdc".into(),
        seller_usdc.to_string(),
    ]);
    let (ok, quoted) = run_cli(buyback.clone(), dir.path().into()).await;
    assert!(ok, "{quoted}");
    assert!(quoted.contains("share 75.00% of fees"), "{quoted}");
    assert!(quoted.contains("quote only"), "{quoted}");
    assert_eq!(chain.token_balance(seller_usdc).await, 0);

    let supply = chain.mint_supply().await;
    buyback.push("--execute".into());
    let (ok, executed) = run_cli(buyback, dir.path().into()).await;
    assert!(ok, "{executed}");
    assert!(
        executed.contains("bought back: 0.00100000 IO burned"),
        "{executed}"
    );
    assert_eq!(supply - chain.mint_supply().await, 100_000);
    // 0.001 IO at 1.25 USD less 2%, less the 0.5% slippage allowance: 1,218 USDC base units.
    assert_eq!(chain.token_balance(seller_usdc).await, 1_218);

    // Five minutes later the price is stale: the quote says so rather than sending.
    let now = chain.unix_time().await.unwrap();
    chain.set_time(now + 301).await;
    let stale = quote_buyback(chain.as_ref(), &addresses, &local_price_update(), IO, 50).await;
    assert!(
        matches!(stale, Err(BuybackError::Price(PaymentsError::StalePrice))),
        "{stale:?}"
    );
    let unknown = Pubkey::new_unique();
    let missing = quote_buyback(chain.as_ref(), &addresses, &unknown, IO, 50).await;
    assert!(
        matches!(missing, Err(BuybackError::NoPriceAccount(_))),
        "{missing:?}"
    );
}
