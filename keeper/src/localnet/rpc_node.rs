//! A Solana JSON-RPC endpoint in front of the embedded local chain: the subset of methods the
//! keeper's RPC backend (and `solana-client` in general) needs to read accounts and send
//! transactions. It lets a keeper process that speaks only RPC (`io-keeper serve`) run
//! against the embedded chain hosted by another process: the deployment shape, on one machine,
//! with no validator.
//!
//! Served: `getAccountInfo`, `getMultipleAccounts`, `getProgramAccounts` (memcmp and dataSize
//! filters; among accounts that transactions through the chain have named), `getLatestBlockhash`,
//! `sendTransaction` (base64; processed at once, failures answered as preflight failures),
//! `getSignatureStatuses`, `getHealth`, `getVersion`, `getSlot`. Anything else is answered
//! with JSON-RPC error -32601.

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use anchor_lang::prelude::Pubkey;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use base64::prelude::{Engine, BASE64_STANDARD};
use serde_json::{json, Value};
use solana_client::rpc_filter::RpcFilterType;
use std::str::FromStr;

use crate::chain::local::LocalChain;
use crate::chain::Chain;

/// Signatures `getSignatureStatuses` can answer for (a client asks right after sending).
const REMEMBERED_SIGNATURES: usize = 10_000;

struct Node {
    chain: Arc<LocalChain>,
    /// Signatures of recent transactions processed successfully (failed ones are answered at
    /// send); the oldest are forgotten past [`REMEMBERED_SIGNATURES`].
    confirmed: Mutex<(HashSet<String>, VecDeque<String>)>,
    slot: AtomicU64,
}

/// The router; serve it with `axum::serve` on a loopback listener.
pub fn router(chain: Arc<LocalChain>) -> Router {
    let node = Arc::new(Node {
        chain,
        confirmed: Mutex::new((HashSet::new(), VecDeque::new())),
        slot: AtomicU64::new(1),
    });
    Router::new().route("/", post(handle)).with_state(node)
}

/// Binds `address` and serves in the background; returns the bound address.
pub async fn spawn(
    chain: Arc<LocalChain>,
    address: std::net::SocketAddr,
) -> std::io::Result<std::net::SocketAddr> {
    let listener = tokio::net::TcpListener::bind(address).await?;
    let bound = listener.local_addr()?;
    let app = router(chain);
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "local RPC node stopped");
        }
    });
    Ok(bound)
}

async fn handle(State(node): State<Arc<Node>>, Json(request): Json<Value>) -> Json<Value> {
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let method = request["method"].as_str().unwrap_or_default().to_string();
    let params = request.get("params").cloned().unwrap_or(Value::Null);
    let answer = match dispatch(&node, &method, &params).await {
        Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
        Err(error) => json!({ "jsonrpc": "2.0", "id": id, "error": error }),
    };
    Json(answer)
}

fn invalid(message: impl Into<String>) -> Value {
    json!({ "code": -32602, "message": message.into() })
}

fn pubkey_param(value: &Value) -> Result<Pubkey, Value> {
    value
        .as_str()
        .and_then(|text| Pubkey::from_str(text).ok())
        .ok_or_else(|| invalid("expected a base58 public key"))
}

fn with_context(node: &Node, value: Value) -> Value {
    json!({ "context": { "slot": node.slot.load(Ordering::Relaxed), "apiVersion": "3.1.12" }, "value": value })
}

fn ui_account(account: &io_localchain::Account) -> Value {
    json!({
        "data": [BASE64_STANDARD.encode(&account.data), "base64"],
        "executable": account.executable,
        "lamports": account.lamports,
        "owner": account.owner.to_string(),
        "rentEpoch": account.rent_epoch,
        "space": account.data.len(),
    })
}

async fn dispatch(node: &Node, method: &str, params: &Value) -> Result<Value, Value> {
    match method {
        "getAccountInfo" => {
            let address = pubkey_param(&params[0])?;
            let account = node.chain.account(&address).await;
            Ok(with_context(
                node,
                account.as_ref().map(ui_account).unwrap_or(Value::Null),
            ))
        }
        "getMultipleAccounts" => {
            let mut accounts = Vec::new();
            for address in params[0].as_array().cloned().unwrap_or_default() {
                let account = node.chain.account(&pubkey_param(&address)?).await;
                accounts.push(account.as_ref().map(ui_account).unwrap_or(Value::Null));
            }
            Ok(with_context(node, Value::Array(accounts)))
        }
        "getProgramAccounts" => {
            let program = pubkey_param(&params[0])?;
            let filters: Vec<RpcFilterType> = match &params[1]["filters"] {
                Value::Null => Vec::new(),
                given => serde_json::from_value(given.clone())
                    .map_err(|e| invalid(format!("filters: {e}")))?,
            };
            let accounts = node
                .chain
                .program_accounts(&program, &[])
                .await
                .map_err(|e| json!({ "code": -32603, "message": e.to_string() }))?;
            let mut matching = Vec::new();
            for (address, data) in accounts {
                let keep = filters.iter().all(|filter| match filter {
                    RpcFilterType::DataSize(size) => data.len() as u64 == *size,
                    RpcFilterType::Memcmp(memcmp) => memcmp.bytes_match(&data),
                    RpcFilterType::TokenAccountState => false,
                });
                if keep {
                    if let Some(account) = node.chain.account(&address).await {
                        matching.push(json!({
                            "pubkey": address.to_string(),
                            "account": ui_account(&account),
                        }));
                    }
                }
            }
            let list = Value::Array(matching);
            if params[1]["withContext"].as_bool() == Some(true) {
                Ok(with_context(node, list))
            } else {
                Ok(list)
            }
        }
        "getLatestBlockhash" => {
            let blockhash = node.chain.latest_blockhash().await;
            Ok(with_context(
                node,
                json!({ "blockhash": blockhash.to_string(), "lastValidBlockHeight": u64::MAX / 2 }),
            ))
        }
        "sendTransaction" => send_transaction(node, params).await,
        "getSignatureStatuses" => {
            let confirmed = node.confirmed.lock().unwrap_or_else(|p| p.into_inner());
            let statuses: Vec<Value> = params[0]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|signature| {
                    if signature.as_str().is_some_and(|s| confirmed.0.contains(s)) {
                        json!({
                            "slot": node.slot.load(Ordering::Relaxed),
                            "confirmations": null,
                            "err": null,
                            "status": { "Ok": null },
                            "confirmationStatus": "finalized",
                        })
                    } else {
                        Value::Null
                    }
                })
                .collect();
            Ok(with_context(node, Value::Array(statuses)))
        }
        "getHealth" => Ok(json!("ok")),
        "getVersion" => Ok(json!({ "solana-core": "3.1.12", "feature-set": 0 })),
        "getSlot" => Ok(json!(node.slot.load(Ordering::Relaxed))),
        other => Err(json!({
            "code": -32601,
            "message": format!("the local RPC node does not serve {other}"),
        })),
    }
}

async fn send_transaction(node: &Node, params: &Value) -> Result<Value, Value> {
    let encoded = params[0]
        .as_str()
        .ok_or_else(|| invalid("expected a base64 transaction"))?;
    let wire = BASE64_STANDARD
        .decode(encoded)
        .map_err(|e| invalid(format!("not base64: {e}")))?;
    let transaction: solana_transaction::Transaction =
        bincode::deserialize(&wire).map_err(|e| invalid(format!("not a transaction: {e}")))?;
    let signature = transaction
        .signatures
        .first()
        .map(|s| s.to_string())
        .unwrap_or_default();
    match node.chain.send_signed(transaction).await {
        Ok(()) => {
            node.slot.fetch_add(1, Ordering::Relaxed);
            let mut confirmed = node.confirmed.lock().unwrap_or_else(|p| p.into_inner());
            confirmed.0.insert(signature.clone());
            confirmed.1.push_back(signature.clone());
            if confirmed.1.len() > REMEMBERED_SIGNATURES {
                if let Some(oldest) = confirmed.1.pop_front() {
                    confirmed.0.remove(&oldest);
                }
            }
            Ok(json!(signature))
        }
        Err(error) => {
            let err = io_localchain::transaction_error(&error)
                .and_then(|e| serde_json::to_value(e).ok())
                .unwrap_or(Value::Null);
            // What a validator answers when preflight simulation fails.
            Err(json!({
                "code": -32002,
                "message": format!("Transaction simulation failed: {error}"),
                "data": {
                    "err": err, "logs": [], "accounts": null, "unitsConsumed": 0,
                    "loadedAccountsDataSize": null, "returnData": null,
                    "innerInstructions": null, "replacementBlockhash": null, "fee": null,
                    "preBalances": null, "postBalances": null, "preTokenBalances": null,
                    "postTokenBalances": null, "loadedAddresses": null,
                },
            }))
        }
    }
}
