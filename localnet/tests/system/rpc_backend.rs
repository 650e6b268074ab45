//! The real-cluster backend against a scripted RPC node (an in-process `RpcSender`): request
//! and response decoding, error classification, and retries after injected failures.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anchor_lang::prelude::Pubkey;
use async_trait::async_trait;
use base64::prelude::{Engine, BASE64_STANDARD};
use io_chain::retry::Backoff;
use io_chain::rpc::RpcChain;
use io_chain::{Chain, ChainError};
use io_ops::crank::crank_once;
use io_sdk::Addresses;
use serde_json::{json, Value};
use solana_client::client_error::{ClientError, ClientErrorKind};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_client::rpc_client::RpcClientConfig;
use solana_client::rpc_request::{RpcError, RpcRequest, RpcResponseErrorData};
use solana_client::rpc_response::RpcSimulateTransactionResult;
use solana_client::rpc_sender::{RpcSender, RpcTransportStats};
use solana_keypair::Keypair;

/// A pretend node: serves accounts from a map, accepts transactions, and can be told to fail.
#[derive(Default)]
struct Node {
    accounts: Mutex<HashMap<String, Vec<u8>>>,
    /// The next this-many requests fail as if the connection dropped.
    fail_next: AtomicU32,
    /// `sendTransaction` is refused in simulation with this program error.
    reject_with: Mutex<Option<u32>>,
    requests: Mutex<Vec<String>>,
    sent_transactions: AtomicU32,
}

struct Transport(Arc<Node>);

fn context(value: Value) -> Value {
    json!({ "context": { "slot": 1 }, "value": value })
}

#[async_trait]
impl RpcSender for Transport {
    async fn send(&self, request: RpcRequest, params: Value) -> Result<Value, ClientError> {
        let node = &self.0;
        node.requests.lock().unwrap().push(request.to_string());
        if node
            .fail_next
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
        {
            let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "injected failure");
            return Err(ClientErrorKind::Io(io).into());
        }
        match request {
            RpcRequest::GetAccountInfo => {
                let address = params[0].as_str().unwrap().to_string();
                let data = node.accounts.lock().unwrap().get(&address).cloned();
                Ok(context(match data {
                    None => Value::Null,
                    Some(data) => json!({
                        "data": [BASE64_STANDARD.encode(&data), "base64"],
                        "executable": false,
                        "lamports": 1_000_000,
                        "owner": Pubkey::default().to_string(),
                        "rentEpoch": 0,
                        "space": data.len(),
                    }),
                }))
            }
            RpcRequest::GetLatestBlockhash => Ok(context(json!({
                "blockhash": "11111111111111111111111111111111",
                "lastValidBlockHeight": 1_000,
            }))),
            RpcRequest::SendTransaction => {
                if let Some(code) = *node.reject_with.lock().unwrap() {
                    // What a node sends when preflight simulation fails with a custom error.
                    let simulation: RpcSimulateTransactionResult = serde_json::from_value(json!({
                        "err": { "InstructionError": [0, { "Custom": code }] },
                        "logs": [], "accounts": null, "unitsConsumed": 0,
                        "loadedAccountsDataSize": null, "returnData": null,
                        "innerInstructions": null, "replacementBlockhash": null, "fee": null,
                        "preBalances": null, "postBalances": null, "preTokenBalances": null,
                        "postTokenBalances": null, "loadedAddresses": null,
                    }))
                    .unwrap();
                    return Err(ClientErrorKind::RpcError(RpcError::RpcResponseError {
                        code: -32002,
                        message: "Transaction simulation failed".into(),
                        data: RpcResponseErrorData::SendTransactionPreflightFailure(simulation),
                    })
                    .into());
                }
                node.sent_transactions.fetch_add(1, Ordering::SeqCst);
                // The client checks that the node returns the transaction's own signature.
                let wire = BASE64_STANDARD.decode(params[0].as_str().unwrap()).unwrap();
                let signature: [u8; 64] = wire[1..65].try_into().unwrap();
                Ok(json!(
                    solana_signature::Signature::from(signature).to_string()
                ))
            }
            RpcRequest::GetSignatureStatuses => Ok(context(json!([{
                "slot": 1,
                "confirmations": null,
                "err": null,
                "status": { "Ok": null },
                "confirmationStatus": "finalized",
            }]))),
            other => panic!("the test node does not serve {other}"),
        }
    }

    fn get_transport_stats(&self) -> RpcTransportStats {
        RpcTransportStats::default()
    }

    fn url(&self) -> String {
        "scripted://node".into()
    }
}

fn backend() -> (RpcChain, Arc<Node>) {
    let node = Arc::new(Node::default());
    let client = RpcClient::new_sender(
        Transport(node.clone()),
        RpcClientConfig::with_commitment(solana_commitment_config::CommitmentConfig::confirmed()),
    );
    (RpcChain::with_client(client, Keypair::new()), node)
}

fn fast_backoff() -> Backoff {
    Backoff {
        initial: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        max_attempts: 6,
    }
}

/// A Clock sysvar whose unix_timestamp is `now`.
fn clock_data(now: i64) -> Vec<u8> {
    let mut data = vec![0u8; 40];
    data[32..40].copy_from_slice(&now.to_le_bytes());
    data
}

#[tokio::test]
async fn reads_accounts_and_the_clock() {
    let (chain, node) = backend();
    let address = Pubkey::new_unique();
    node.accounts
        .lock()
        .unwrap()
        .insert(address.to_string(), vec![1, 2, 3]);
    node.accounts.lock().unwrap().insert(
        "SysvarC1ock11111111111111111111111111111111".into(),
        clock_data(1_767_225_600),
    );
    assert_eq!(chain.account_data(&address).await, Ok(Some(vec![1, 2, 3])));
    assert_eq!(chain.account_data(&Pubkey::new_unique()).await, Ok(None));
    assert_eq!(chain.unix_time().await, Ok(1_767_225_600));
}

#[tokio::test]
async fn sends_signed_transactions_and_classifies_program_errors() {
    let (chain, node) = backend();
    let ix = Addresses::for_mint(Pubkey::new_unique()).close_epoch();
    chain.send(std::slice::from_ref(&ix), &[]).await.unwrap();
    assert_eq!(node.sent_transactions.load(Ordering::SeqCst), 1);

    *node.reject_with.lock().unwrap() = Some(6042);
    let error = chain
        .send(std::slice::from_ref(&ix), &[])
        .await
        .unwrap_err();
    assert_eq!(error, ChainError::Program { code: 6042 });
    assert!(!error.is_transient(), "a program error is final");
}

#[tokio::test]
async fn transport_failures_are_transient_and_retried_with_backoff() {
    let (chain, node) = backend();
    let address = Pubkey::new_unique();
    node.accounts
        .lock()
        .unwrap()
        .insert(address.to_string(), vec![9]);
    node.fail_next.store(3, Ordering::SeqCst);
    let error = chain.account_data(&address).await.unwrap_err();
    assert!(error.is_transient(), "{error:?}");
    // Two more injected failures, then the node answers: the backoff gets through.
    let data = fast_backoff()
        .retry("read", || chain.account_data(&address))
        .await
        .unwrap();
    assert_eq!(data, Some(vec![9]));
    assert_eq!(node.fail_next.load(Ordering::SeqCst), 0);
    let requests = node.requests.lock().unwrap().len();
    assert_eq!(
        requests, 4,
        "1 failed direct read + 2 failed retries + 1 success"
    );
}

#[tokio::test]
async fn a_node_that_stays_down_is_given_up_on() {
    let (chain, node) = backend();
    node.fail_next.store(1_000, Ordering::SeqCst);
    let address = Pubkey::new_unique();
    let result = fast_backoff()
        .retry("read", || chain.account_data(&address))
        .await;
    assert!(matches!(result, Err(ChainError::Unavailable(_))));
    assert_eq!(node.requests.lock().unwrap().len(), 6, "max_attempts");
}

#[tokio::test]
async fn the_crank_over_rpc_reports_an_uninitialized_protocol() {
    let (chain, _node) = backend();
    let addresses = Addresses::for_mint(Pubkey::new_unique());
    let result = crank_once(
        &chain,
        &addresses,
        &fast_backoff(),
        &tokio::sync::watch::channel(false).1,
    )
    .await;
    assert_eq!(
        result,
        Err(io_ops::crank::CrankError::NotInitialized("emission state"))
    );
}
