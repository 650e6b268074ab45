//! The local chain's standard face, driven by the standard Rust clients (`solana-client`'s RPC
//! and PubSub clients) and by raw requests: what web3.js, Kit and Anchor rely on.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::system_instruction;
use futures_util::{SinkExt, StreamExt};
use io_localchain::local::LocalChain;
use io_localchain::DEFAULT_GENESIS_TIMESTAMP;
use io_localnet::bootstrap_local;
use io_localnode::spawn_local;
use serde_json::{json, Value};
use solana_client::nonblocking::pubsub_client::PubsubClient;
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_client::rpc_config::{
    RpcTransactionConfig, RpcTransactionLogsConfig, RpcTransactionLogsFilter,
};
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_signer::Signer;

struct Local {
    chain: Arc<LocalChain>,
    rpc: RpcClient,
    url: String,
    ws: String,
    http: reqwest::Client,
}

async fn start() -> Local {
    let chain = Arc::new(LocalChain::start(DEFAULT_GENESIS_TIMESTAMP - 3_600).await);
    let (rpc, ws) = spawn_local(chain.clone()).await.unwrap();
    let url = format!("http://{rpc}");
    Local {
        chain,
        rpc: RpcClient::new_with_commitment(url.clone(), CommitmentConfig::confirmed()),
        url,
        ws: format!("ws://{ws}"),
        http: reqwest::Client::new(),
    }
}

impl Local {
    async fn call(&self, body: Value) -> (u16, Value) {
        let response = self.http.post(&self.url).json(&body).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn funded(&self, sol: u64) -> Keypair {
        let wallet = Keypair::new();
        let signature = self
            .rpc
            .request_airdrop(&wallet.pubkey(), sol * 1_000_000_000)
            .await
            .unwrap();
        assert!(self.rpc.confirm_transaction(&signature).await.unwrap());
        wallet
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn legacy_and_v0_transfers_land_and_are_readable_like_on_a_validator() {
    let local = start().await;
    let rpc = &local.rpc;
    assert_eq!(rpc.get_version().await.unwrap().solana_core, "3.1.12");
    let alice = local.funded(5).await;
    assert_eq!(
        rpc.get_balance(&alice.pubkey()).await.unwrap(),
        5_000_000_000
    );

    // Legacy transfer, confirmed through the RPC client.
    let bob = Pubkey::new_unique();
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let legacy = solana_transaction::Transaction::new_signed_with_payer(
        &[system_instruction::transfer(
            &alice.pubkey(),
            &bob,
            1_000_000,
        )],
        Some(&alice.pubkey()),
        &[&alice],
        blockhash,
    );
    let legacy_sig = rpc.send_and_confirm_transaction(&legacy).await.unwrap();

    // v0 transfer (what Kit sends).
    let message = solana_message::v0::Message::try_compile(
        &alice.pubkey(),
        &[system_instruction::transfer(
            &alice.pubkey(),
            &bob,
            2_000_000,
        )],
        &[],
        rpc.get_latest_blockhash().await.unwrap(),
    )
    .unwrap();
    let v0 = solana_transaction::versioned::VersionedTransaction::try_new(
        solana_message::VersionedMessage::V0(message),
        &[&alice],
    )
    .unwrap();
    let v0_sig = rpc.send_and_confirm_transaction(&v0).await.unwrap();
    assert_eq!(rpc.get_balance(&bob).await.unwrap(), 3_000_000);
    assert_eq!(
        rpc.get_balance(&alice.pubkey()).await.unwrap(),
        5_000_000_000 - 3_000_000 - 2 * 5_000
    );

    // Both are in the history, newest first, with fees, balances and logs.
    let listed = rpc.get_signatures_for_address(&bob).await.unwrap();
    let listed: Vec<&str> = listed.iter().map(|s| s.signature.as_str()).collect();
    assert_eq!(listed, [v0_sig.to_string(), legacy_sig.to_string()]);
    let fetched = rpc
        .get_transaction_with_config(
            &v0_sig,
            RpcTransactionConfig {
                max_supported_transaction_version: Some(0),
                ..RpcTransactionConfig::default()
            },
        )
        .await
        .unwrap();
    let meta = fetched.transaction.meta.unwrap();
    assert_eq!(meta.fee, 5_000);
    assert!(meta.err.is_none());
    let logs: Option<Vec<String>> = meta.log_messages.into();
    assert!(logs
        .unwrap()
        .iter()
        .any(|l| l.contains("11111111111111111111111111111111 success")));
    // A v0 transaction is refused to a client that does not say it reads them.
    let (_, old_client) = local
        .call(
            json!({"jsonrpc":"2.0","id":1,"method":"getTransaction","params":[v0_sig.to_string()]}),
        )
        .await;
    assert_eq!(old_client["error"]["code"], -32015);
    // The local node does not parse transactions, and says so.
    let (_, parsed) = local
        .call(
            json!({"jsonrpc":"2.0","id":1,"method":"getTransaction","params":[
                v0_sig.to_string(), {"encoding":"jsonParsed","maxSupportedTransactionVersion":0}
            ]}),
        )
        .await;
    assert_eq!(parsed["error"]["code"], -32602, "{parsed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_program_error_comes_back_with_its_anchor_name_in_the_logs() {
    let local = start().await;
    let addresses = bootstrap_local(&local.chain, DEFAULT_GENESIS_TIMESTAMP)
        .await
        .unwrap()
        .addresses;
    let wallet = local.funded(1).await;
    // Before epoch 1 has ended, closing it is refused by io-staking.
    let blockhash = local.rpc.get_latest_blockhash().await.unwrap();
    let early = solana_transaction::Transaction::new_signed_with_payer(
        &[addresses.close_epoch()],
        Some(&wallet.pubkey()),
        &[&wallet],
        blockhash,
    );
    let wire = base64::Engine::encode(
        &base64::prelude::BASE64_STANDARD,
        bincode::serialize(&early).unwrap(),
    );
    let (_, answer) = local
        .call(json!({"jsonrpc":"2.0","id":7,"method":"sendTransaction","params":[wire, {"encoding":"base64"}]}))
        .await;
    assert_eq!(answer["error"]["code"], -32002, "{answer}");
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(message.contains("custom program error"), "{message}");
    let logs: Vec<&str> = answer["error"]["data"]["logs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let code = answer["error"]["data"]["err"]["InstructionError"][1]["Custom"]
        .as_u64()
        .unwrap();
    let anchor_line = logs
        .iter()
        .find(|l| l.starts_with("Program log: AnchorError occurred. Error Code: "))
        .unwrap_or_else(|| panic!("no AnchorError line in {logs:?}"));
    assert!(
        anchor_line.contains(&format!("Error Number: {code}.")),
        "{anchor_line}"
    );
    // A failed preflight commits nothing.
    let statuses = local
        .rpc
        .get_signature_statuses(&[early.signatures[0]])
        .await
        .unwrap();
    assert!(statuses.value[0].is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_reads_and_program_accounts_cover_every_account() {
    let local = start().await;
    let owner = Pubkey::new_unique();
    let account = local.chain.fund(&owner, 12_345_678_900).await;
    let balance = local.rpc.get_token_account_balance(&account).await.unwrap();
    assert_eq!(balance.amount, "12345678900");
    assert_eq!(balance.ui_amount_string, "123.456789");
    let supply = local
        .rpc
        .get_token_supply(&local.chain.mint())
        .await
        .unwrap();
    assert_eq!(supply.amount, "50000000000000000");
    let by_owner = local
        .rpc
        .get_token_accounts_by_owner(
            &owner,
            solana_client::rpc_request::TokenAccountsFilter::Mint(local.chain.mint()),
        )
        .await
        .unwrap();
    assert_eq!(by_owner.len(), 1);
    assert_eq!(by_owner[0].pubkey, account.to_string());
    // Every token account of the mint, including the treasury that genesis created.
    let (_, all) = local
        .call(json!({"jsonrpc":"2.0","id":1,"method":"getProgramAccounts","params":[
            anchor_spl::token::spl_token::ID.to_string(),
            {"encoding":"base64","filters":[{"dataSize":165},{"memcmp":{"offset":0,"bytes":local.chain.mint().to_string()}}]}
        ]}))
        .await;
    let keys: Vec<&str> = all["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["pubkey"].as_str().unwrap())
        .collect();
    assert!(
        keys.contains(&local.chain.treasury().to_string().as_str()),
        "{keys:?}"
    );
    assert!(keys.contains(&account.to_string().as_str()));
    let rent = local
        .rpc
        .get_minimum_balance_for_rent_exemption(165)
        .await
        .unwrap();
    assert!(rent > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_cors_and_cheatcodes() {
    let local = start().await;
    let (_, batch) = local
        .call(json!([
            {"jsonrpc":"2.0","id":1,"method":"getSlot"},
            {"jsonrpc":"2.0","id":2,"method":"getHealth"},
            {"jsonrpc":"2.0","id":3,"method":"noSuchMethod"}
        ]))
        .await;
    let batch = batch.as_array().unwrap();
    assert_eq!(batch.len(), 3);
    assert_eq!(batch[1]["result"], "ok");
    assert_eq!(batch[2]["error"]["code"], -32601);

    let preflight = local
        .http
        .request(reqwest::Method::OPTIONS, &local.url)
        .header("origin", "http://localhost:5173")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,solana-client",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");

    let before = local.chain.unix_time_now().await;
    let (_, moved) = local
        .call(json!({"jsonrpc":"2.0","id":1,"method":"surfnet_timeTravel","params":[{"epochs":2}]}))
        .await;
    assert_eq!(moved["result"]["unixTimestamp"], before + 7_200);
    let (_, back) = local
        .call(
            json!({"jsonrpc":"2.0","id":1,"method":"surfnet_timeTravel","params":[{"seconds":-5}]}),
        )
        .await;
    assert_eq!(back["error"]["code"], -32602);

    let wallet = Pubkey::new_unique();
    let (_, faucet) = local
        .call(json!({"jsonrpc":"2.0","id":1,"method":"surfnet_setTokenAccount",
            "params":[wallet.to_string(), local.chain.mint().to_string(), {"amount": "25000000000"}]}))
        .await;
    let account = Pubkey::from_str(faucet["result"]["account"].as_str().unwrap()).unwrap();
    assert_eq!(local.chain.token_balance(account).await, 25_000_000_000);
    // Asking again for no more than it holds (or for 0) changes nothing and still answers:
    // the treasury's key must not sign a transaction that moves nothing.
    for amount in [json!("25000000000"), json!(0)] {
        let (_, again) = local
            .call(
                json!({"jsonrpc":"2.0","id":1,"method":"surfnet_setTokenAccount",
                "params":[wallet.to_string(), local.chain.mint().to_string(), {"amount": amount}]}),
            )
            .await;
        assert_eq!(
            again["result"]["account"], faucet["result"]["account"],
            "{again}"
        );
    }
    assert_eq!(local.chain.token_balance(account).await, 25_000_000_000);
    let fresh = Pubkey::new_unique();
    let (_, empty) = local
        .call(
            json!({"jsonrpc":"2.0","id":1,"method":"surfnet_setTokenAccount",
            "params":[fresh.to_string(), local.chain.mint().to_string(), {"amount": 0}]}),
        )
        .await;
    let created = Pubkey::from_str(empty["result"]["account"].as_str().unwrap()).unwrap();
    assert_eq!(local.chain.token_balance(created).await, 0);
    let (_, other_mint) = local
        .call(
            json!({"jsonrpc":"2.0","id":1,"method":"surfnet_setTokenAccount",
            "params":[wallet.to_string(), Pubkey::new_unique().to_string(), {"amount": 1}]}),
        )
        .await;
    assert_eq!(other_mint["error"]["code"], -32602);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_notify_signatures_slots_accounts_and_logs() {
    let local = start().await;
    let alice = local.funded(2).await;
    let pubsub = PubsubClient::new(&local.ws).await.unwrap();
    let bob = Pubkey::new_unique();
    let (mut accounts, _unsub_a) = pubsub.account_subscribe(&bob, None).await.unwrap();
    let (mut logs, _unsub_l) = pubsub
        .logs_subscribe(
            RpcTransactionLogsFilter::Mentions(vec![bob.to_string()]),
            RpcTransactionLogsConfig { commitment: None },
        )
        .await
        .unwrap();
    let (mut slots, _unsub_s) = pubsub.slot_subscribe().await.unwrap();

    let blockhash = local.rpc.get_latest_blockhash().await.unwrap();
    let transfer = solana_transaction::Transaction::new_signed_with_payer(
        &[system_instruction::transfer(
            &alice.pubkey(),
            &bob,
            7_000_000,
        )],
        Some(&alice.pubkey()),
        &[&alice],
        blockhash,
    );
    let signature = local.rpc.send_transaction(&transfer).await.unwrap();
    let account = within(accounts.next()).await.unwrap().unwrap();
    assert_eq!(account.value.lamports, 7_000_000);
    let logged = within(logs.next()).await.unwrap().unwrap();
    assert_eq!(logged.value.signature, signature.to_string());
    assert!(within(slots.next()).await.unwrap().is_some());
    // Subscribed after it landed: notified at once.
    let (mut status, _unsub) = pubsub.signature_subscribe(&signature, None).await.unwrap();
    let status = within(status.next()).await.unwrap().unwrap();
    assert!(matches!(
        status.value,
        solana_client::rpc_response::RpcSignatureResult::ProcessedSignature(ref r) if r.err.is_none()
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_transactions_leave_no_trace_and_the_clock_never_goes_back() {
    let local = start().await;
    let known = local.chain.known_accounts().await.len();
    // Signed by a stranger: refused before running, with fresh writable accounts named.
    let payer = Keypair::new();
    let blockhash = local.rpc.get_latest_blockhash().await.unwrap();
    let mut forged = solana_transaction::Transaction::new_signed_with_payer(
        &[system_instruction::transfer(
            &payer.pubkey(),
            &Pubkey::new_unique(),
            1,
        )],
        Some(&payer.pubkey()),
        &[&payer],
        blockhash,
    );
    forged.signatures[0] = Keypair::new().sign_message(&forged.message_data());
    let wire = base64::Engine::encode(
        &base64::prelude::BASE64_STANDARD,
        bincode::serialize(&forged).unwrap(),
    );
    let (_, refused) = local
        .call(json!({"jsonrpc":"2.0","id":1,"method":"sendTransaction",
            "params":[wire, {"encoding":"base64","skipPreflight":true}]}))
        .await;
    assert!(refused["error"]["code"].is_i64(), "{refused}");
    assert_eq!(local.chain.known_accounts().await.len(), known);
    assert!(local.chain.transaction(&forged.signatures[0]).is_none());

    // A late writer with an older time changes nothing.
    let now = local.chain.unix_time_now().await;
    local.chain.set_time(now - 600).await;
    assert_eq!(local.chain.unix_time_now().await, now);
    local.chain.set_time(now + 600).await;
    assert_eq!(local.chain.unix_time_now().await, now + 600);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_hostile_requests_get_errors_and_the_node_keeps_serving() {
    let local = start().await;
    let mut answered = 0;
    let junk: Vec<Value> = vec![
        json!({"jsonrpc":"2.0","id":1,"method":"getBalance","params":["not a key"]}),
        json!({"jsonrpc":"2.0","id":1,"method":"getBalance","params":{"a":1}}),
        json!({"jsonrpc":"2.0","id":1,"method":"getMultipleAccounts","params":[vec!["11111111111111111111111111111111"; 101]]}),
        json!({"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["@@@", {"encoding":"base64"}]}),
        json!({"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["AAAA", {"encoding":"base64"}]}),
        json!({"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["x".repeat(5_000), {"encoding":"base64"}]}),
        json!({"jsonrpc":"2.0","id":1,"method":"simulateTransaction","params":[1]}),
        json!({"jsonrpc":"2.0","id":1,"method":"getTransaction","params":["zz"]}),
        json!({"jsonrpc":"2.0","id":1,"method":"getSignaturesForAddress","params":["11111111111111111111111111111111", {"limit": 5000}]}),
        json!({"jsonrpc":"2.0","id":1,"method":"requestAirdrop","params":["11111111111111111111111111111111", u64::MAX]}),
        json!({"jsonrpc":"2.0","id":1,"method":"getMinimumBalanceForRentExemption","params":[u64::MAX]}),
        json!({"jsonrpc":"2.0","id":1,"method":"getProgramAccounts","params":["11111111111111111111111111111111", {"filters":[{"nope":1}]}]}),
        json!({"jsonrpc":"2.0","id":1,"method":"surfnet_timeTravel","params":[{"epochs": i64::MAX}]}),
        json!({"jsonrpc":"2.0","id":1,"method":"surfnet_timeTravel","params":[{"seconds": i64::MAX}]}),
        json!({"jsonrpc":"2.0","id":1,"method":"surfnet_timeTravel","params":[{"absoluteTimestamp": i64::MAX}]}),
        // Below rent exemption for a new account; a sysvar cannot receive.
        json!({"jsonrpc":"2.0","id":1,"method":"requestAirdrop","params":[Pubkey::new_unique().to_string(), 1]}),
        json!({"jsonrpc":"2.0","id":1,"method":"requestAirdrop","params":["SysvarC1ock11111111111111111111111111111111", 1_000_000_000u64]}),
        json!({"jsonrpc":"2.0","id":1,"method":"unknownMethod"}),
        json!({"jsonrpc":"2.0","id":1}),
        json!([]),
        json!((0..101)
            .map(|i| json!({"jsonrpc":"2.0","id":i,"method":"getSlot"}))
            .collect::<Vec<_>>()),
        json!("just a string"),
    ];
    for i in 0..900 {
        let body = &junk[i % junk.len()];
        let (status, answer) = local.call(body.clone()).await;
        assert_eq!(status, 200, "{body}");
        let error = if answer.is_array() {
            answer[0]["error"].clone()
        } else {
            answer["error"].clone()
        };
        assert!(error["code"].is_i64(), "{body} -> {answer}");
        answered += 1;
    }
    for i in 0..50 {
        // Not JSON at all, and bodies over the limit.
        let body = if i % 2 == 0 {
            "{not json".to_string()
        } else {
            "x".repeat(2 << 20)
        };
        // An oversized body is refused with 413, or the connection is closed mid-upload.
        match local.http.post(&local.url).body(body).send().await {
            Ok(response) => assert!(matches!(response.status().as_u16(), 200 | 413)),
            Err(error) => assert!(error.is_request(), "{error}"),
        }
        answered += 1;
    }
    // A subscription flood and garbage on one WebSocket connection.
    let (mut socket, _) = tokio_tungstenite::connect_async(&local.ws).await.unwrap();
    use tokio_tungstenite::tungstenite::Message;
    for i in 0..50 {
        let text = match i % 5 {
            0 => "garbage".to_string(),
            1 => json!({"jsonrpc":"2.0","id":i,"method":"signatureSubscribe","params":["bad"]})
                .to_string(),
            2 => json!({"jsonrpc":"2.0","id":i,"method":"nopeSubscribe"}).to_string(),
            3 => json!({"jsonrpc":"2.0","id":i,"method":"slotUnsubscribe","params":[999]})
                .to_string(),
            _ => {
                json!({"jsonrpc":"2.0","id":i,"method":"logsSubscribe","params":[{"mentions":[]}]})
                    .to_string()
            }
        };
        socket.send(Message::Text(text.into())).await.unwrap();
        answered += 1;
    }
    let mut errors = 0;
    while errors < 50 {
        match tokio::time::timeout(Duration::from_secs(5), socket.next())
            .await
            .unwrap()
        {
            Some(Ok(Message::Text(text))) => {
                let reply: Value = serde_json::from_str(&text).unwrap();
                if reply.get("error").is_some() {
                    errors += 1;
                }
            }
            Some(Ok(_)) => {}
            other => panic!("the socket closed: {other:?}"),
        }
    }
    for i in 0..300 {
        socket
            .send(Message::Text(
                json!({"jsonrpc":"2.0","id":i,"method":"slotSubscribe"})
                    .to_string()
                    .into(),
            ))
            .await
            .unwrap();
    }
    let mut refused = 0;
    let mut accepted = 0;
    while accepted + refused < 300 {
        if let Some(Ok(Message::Text(text))) =
            tokio::time::timeout(Duration::from_secs(5), socket.next())
                .await
                .unwrap()
        {
            let reply: Value = serde_json::from_str(&text).unwrap();
            if reply.get("error").is_some() {
                refused += 1;
            } else if reply.get("result").is_some() {
                accepted += 1;
            }
        }
    }
    assert_eq!(accepted, 256);
    assert_eq!(refused, 44);
    assert!(answered >= 1_000);
    // Still serving.
    assert!(local.rpc.get_health().await.is_ok());
    local.funded(1).await;
}

async fn within<F: std::future::Future>(
    future: F,
) -> Result<F::Output, tokio::time::error::Elapsed> {
    tokio::time::timeout(Duration::from_secs(5), future).await
}
