//! Transactions: send (legacy and v0, with the preflight a validator runs), simulate, their
//! statuses and history, airdrops and fees. Failures carry the validator's error shapes and
//! logs, so web3.js raises `SendTransactionError` with logs and Anchor names the program error.

use std::str::FromStr;

use base64::prelude::{Engine, BASE64_STANDARD};
use serde_json::{json, Value};
use solana_message::VersionedMessage;
use solana_signature::Signature;
use solana_transaction_error::TransactionError;

use super::encode::{config, err_json, pubkey, status_field, u64_param, with_context};
use super::{Node, RpcError};
use io_localchain::local::{SubmitError, TxRecord, LAMPORTS_PER_SIGNATURE};
use io_localchain::VersionedTransaction;

/// The largest transaction the network carries, and its base64 length.
const PACKET_DATA_SIZE: usize = 1_232;
const MAX_BASE64_SIZE: usize = 1_644;
const MAX_BASE58_SIZE: usize = 1_683;

/// `[transaction text, { encoding }]` as sent by clients: base58 (the default) or base64.
fn decode_transaction(params: &Value) -> Result<VersionedTransaction, RpcError> {
    let text = params
        .get(0)
        .and_then(Value::as_str)
        .ok_or_else(|| RpcError::invalid("expected an encoded transaction"))?;
    let encoding = config(params, 1)?
        .get("encoding")
        .and_then(Value::as_str)
        .unwrap_or("base58");
    let wire = match encoding {
        "base64" if text.len() <= MAX_BASE64_SIZE => BASE64_STANDARD
            .decode(text)
            .map_err(|e| RpcError::invalid(format!("invalid base64 encoding: {e}")))?,
        "base58" if text.len() <= MAX_BASE58_SIZE => bs58::decode(text)
            .into_vec()
            .map_err(|e| RpcError::invalid(format!("invalid base58 encoding: {e}")))?,
        "base64" | "base58" => {
            return Err(RpcError::invalid(format!(
                "{encoding} encoded transaction too large: at most {PACKET_DATA_SIZE} bytes"
            )))
        }
        other => {
            return Err(RpcError::invalid(format!(
                "unsupported transaction encoding {other:?}; use base64 or base58"
            )))
        }
    };
    if wire.len() > PACKET_DATA_SIZE {
        return Err(RpcError::invalid(format!(
            "transaction too large: {} bytes, at most {PACKET_DATA_SIZE}",
            wire.len()
        )));
    }
    let transaction: VersionedTransaction = bincode::deserialize(&wire)
        .map_err(|e| RpcError::invalid(format!("failed to deserialize transaction: {e}")))?;
    transaction
        .sanitize()
        .map_err(|e| RpcError::invalid(format!("invalid transaction: {e}")))?;
    Ok(transaction)
}

/// `sendTransaction`: unless `skipPreflight`, simulates first and answers a failure as a
/// validator's preflight does (nothing is committed); then processes the transaction at once.
pub async fn send(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let transaction = decode_transaction(params)?;
    let skip_preflight = config(params, 1)?
        .get("skipPreflight")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let signature = transaction.signatures.first().copied().unwrap_or_default();
    if !skip_preflight {
        if transaction.verify_with_results().iter().any(|ok| !ok) {
            return Err(signature_failure());
        }
        let simulated = node.chain.simulate(transaction.clone()).await;
        if let Err(error) = &simulated.result {
            let error = io_localchain::transaction_error(error).cloned();
            let logs = node.errors.annotate(&simulated.logs, error.as_ref());
            return Err(preflight_failure(
                error.as_ref(),
                &logs,
                simulated.units_consumed,
            ));
        }
    }
    match node.chain.submit(transaction).await {
        Ok(_) => Ok(json!(signature.to_string())),
        // With skipPreflight, a transaction that ran and failed is landed, as on a cluster.
        Err(SubmitError::Failed(_)) if skip_preflight => Ok(json!(signature.to_string())),
        Err(SubmitError::Failed(record)) => {
            let logs = node.errors.annotate(&record.logs, record.err.as_ref());
            Err(preflight_failure(
                record.err.as_ref(),
                &logs,
                record.units_consumed,
            ))
        }
        Err(SubmitError::NotProcessed {
            error: Some(TransactionError::SignatureFailure),
            ..
        }) => Err(signature_failure()),
        Err(SubmitError::NotProcessed { error, logs, .. }) => {
            Err(preflight_failure(error.as_ref(), &logs, 0))
        }
    }
}

fn signature_failure() -> RpcError {
    RpcError {
        code: -32003,
        message: "Transaction signature verification failure".into(),
        data: None,
    }
}

/// The validator's `-32002` answer to a failed preflight simulation.
fn preflight_failure(error: Option<&TransactionError>, logs: &[String], units: u64) -> RpcError {
    let described = error.map(ToString::to_string).unwrap_or_default();
    RpcError {
        code: -32002,
        message: format!("Transaction simulation failed: {described}"),
        data: Some(json!({
            "err": err_json(error),
            "logs": logs,
            "accounts": null,
            "unitsConsumed": units,
            "returnData": null,
            "innerInstructions": null,
            "replacementBlockhash": null,
            "loadedAccountsDataSize": null,
        })),
    }
}

/// `simulateTransaction`, with `sigVerify` and `replaceRecentBlockhash`.
pub async fn simulate(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let mut transaction = decode_transaction(params)?;
    let config = config(params, 1)?;
    let flag = |name: &str| config.get(name).and_then(Value::as_bool).unwrap_or(false);
    if flag("sigVerify") && flag("replaceRecentBlockhash") {
        return Err(RpcError::invalid(
            "sigVerify may not be used with replaceRecentBlockhash",
        ));
    }
    if flag("sigVerify") && transaction.verify_with_results().iter().any(|ok| !ok) {
        return Err(signature_failure());
    }
    let mut replacement = Value::Null;
    if flag("replaceRecentBlockhash") {
        let blockhash = node.chain.latest_blockhash().await;
        transaction.message.set_recent_blockhash(blockhash);
        replacement = json!({
            "blockhash": blockhash.to_string(),
            "lastValidBlockHeight": node.chain.slot() + 150,
        });
    }
    let simulated = node.chain.simulate(transaction.clone()).await;
    let error = simulated
        .result
        .as_ref()
        .err()
        .and_then(io_localchain::transaction_error)
        .cloned();
    let logs = node.errors.annotate(&simulated.logs, error.as_ref());
    Ok(with_context(
        node,
        json!({
            "err": err_json(error.as_ref()),
            "logs": logs,
            "accounts": null,
            "unitsConsumed": simulated.units_consumed,
            "returnData": null,
            "innerInstructions": null,
            "replacementBlockhash": replacement,
            "loadedAccountsDataSize": 0,
        }),
    ))
}

fn signature_param(value: &Value) -> Result<Signature, RpcError> {
    value
        .as_str()
        .and_then(|text| Signature::from_str(text).ok())
        .ok_or_else(|| RpcError::invalid("Invalid param: expected a base58 signature"))
}

fn status_json(record: &TxRecord) -> Value {
    json!({
        "slot": record.slot,
        "confirmations": null,
        "err": err_json(record.err.as_ref()),
        "status": status_field(record.err.as_ref()),
        "confirmationStatus": "finalized",
    })
}

pub fn signature_statuses(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let signatures = params
        .get(0)
        .and_then(Value::as_array)
        .ok_or_else(|| RpcError::invalid("expected an array of signatures"))?;
    if signatures.len() > node.limits.max_signatures {
        return Err(RpcError::invalid(format!(
            "Too many inputs provided; max {}",
            node.limits.max_signatures
        )));
    }
    let mut statuses = Vec::with_capacity(signatures.len());
    for signature in signatures {
        let signature = signature_param(signature)?;
        statuses.push(
            node.chain
                .transaction(&signature)
                .map_or(Value::Null, |record| status_json(&record)),
        );
    }
    Ok(with_context(node, Value::Array(statuses)))
}

pub fn signatures_for_address(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let address = pubkey(params, 0, "address")?;
    let config = config(params, 1)?;
    let limit = match config.get("limit") {
        None | Some(Value::Null) => 1_000,
        Some(limit) => limit
            .as_u64()
            .filter(|limit| (1..=1_000).contains(limit))
            .ok_or_else(|| RpcError::invalid("Invalid limit; max 1000"))?,
    } as usize;
    let bound = |name: &str| -> Result<Option<Signature>, RpcError> {
        match config.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => signature_param(value).map(Some),
        }
    };
    let (before, until) = (bound("before")?, bound("until")?);
    let records = node.chain.transactions_for(&address);
    let start = match before {
        Some(before) => records
            .iter()
            .position(|r| r.signature == before)
            .map_or(records.len(), |i| i + 1),
        None => 0,
    };
    let listed: Vec<Value> = records[start..]
        .iter()
        .take_while(|record| Some(record.signature) != until)
        .take(limit)
        .map(|record| {
            json!({
                "signature": record.signature.to_string(),
                "slot": record.slot,
                "err": err_json(record.err.as_ref()),
                "memo": null,
                "blockTime": record.block_time,
                "confirmationStatus": "finalized",
            })
        })
        .collect();
    Ok(Value::Array(listed))
}

/// `getTransaction` in `json`, `base64` or `base58` encoding, with logs, balances, compute
/// units and the programs' events as inner instructions.
pub fn get_transaction(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let signature = signature_param(params.get(0).unwrap_or(&Value::Null))?;
    let config = config(params, 1)?;
    let Some(record) = node.chain.transaction(&signature) else {
        return Ok(Value::Null);
    };
    let max_version = config
        .get("maxSupportedTransactionVersion")
        .and_then(Value::as_u64);
    let version = match &record.transaction.message {
        VersionedMessage::Legacy(_) => json!("legacy"),
        VersionedMessage::V0(_) if max_version.is_none() => {
            return Err(RpcError {
                code: -32015,
                message: "Transaction version (0) is not supported by the requesting client. \
                          Please try the request again with the following configuration \
                          parameter: \"maxSupportedTransactionVersion\": 0"
                    .into(),
                data: None,
            })
        }
        VersionedMessage::V0(_) => json!(0),
    };
    let transaction = match config.get("encoding").and_then(Value::as_str) {
        None | Some("json") => transaction_json(&record.transaction),
        Some("jsonParsed") => {
            return Err(RpcError::invalid(
                "the local node does not parse transactions: use the json, base64 or base58 \
                 encoding",
            ))
        }
        Some("base64") => json!([
            BASE64_STANDARD.encode(bincode::serialize(&record.transaction).unwrap_or_default()),
            "base64"
        ]),
        Some("base58") => json!([
            bs58::encode(bincode::serialize(&record.transaction).unwrap_or_default()).into_string(),
            "base58"
        ]),
        Some(other) => return Err(RpcError::invalid(format!("unknown encoding {other:?}"))),
    };
    let logs = node.errors.annotate(&record.logs, record.err.as_ref());
    Ok(json!({
        "slot": record.slot,
        "blockTime": record.block_time,
        "version": version,
        "transaction": transaction,
        "meta": meta_json(node, &record, logs),
    }))
}

fn transaction_json(transaction: &VersionedTransaction) -> Value {
    let message = &transaction.message;
    let header = message.header();
    let instructions: Vec<Value> = message
        .instructions()
        .iter()
        .map(|ix| {
            json!({
                "programIdIndex": ix.program_id_index,
                "accounts": ix.accounts,
                "data": bs58::encode(&ix.data).into_string(),
                "stackHeight": null,
            })
        })
        .collect();
    let mut json_message = json!({
        "accountKeys": message.static_account_keys().iter().map(ToString::to_string).collect::<Vec<_>>(),
        "header": {
            "numRequiredSignatures": header.num_required_signatures,
            "numReadonlySignedAccounts": header.num_readonly_signed_accounts,
            "numReadonlyUnsignedAccounts": header.num_readonly_unsigned_accounts,
        },
        "instructions": instructions,
        "recentBlockhash": message.recent_blockhash().to_string(),
    });
    if let Some(lookups) = message.address_table_lookups() {
        json_message["addressTableLookups"] = json!(lookups
            .iter()
            .map(|lookup| json!({
                "accountKey": lookup.account_key.to_string(),
                "writableIndexes": lookup.writable_indexes,
                "readonlyIndexes": lookup.readonly_indexes,
            }))
            .collect::<Vec<_>>());
    }
    json!({
        "signatures": transaction.signatures.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "message": json_message,
    })
}

fn meta_json(node: &Node, record: &TxRecord, logs: Vec<String>) -> Value {
    json!({
        "err": err_json(record.err.as_ref()),
        "status": status_field(record.err.as_ref()),
        "fee": record.fee,
        "preBalances": record.pre_balances,
        "postBalances": record.post_balances,
        "innerInstructions": node.errors.event_instructions(record),
        "logMessages": logs,
        "preTokenBalances": [],
        "postTokenBalances": [],
        "rewards": [],
        "loadedAddresses": { "writable": [], "readonly": [] },
        "computeUnitsConsumed": record.units_consumed,
    })
}

/// `requestAirdrop`: a real transfer from the local payer, recorded like any transaction.
pub async fn airdrop(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let to = pubkey(params, 0, "recipient")?;
    let lamports = u64_param(params, 1, "lamports")?;
    if lamports == 0 || lamports > node.limits.max_airdrop_lamports {
        return Err(RpcError {
            code: -32602,
            message: format!(
                "airdrop request must be for 1 to {} lamports",
                node.limits.max_airdrop_lamports
            ),
            data: None,
        });
    }
    let spent = node
        .airdropped
        .fetch_add(lamports, std::sync::atomic::Ordering::SeqCst)
        .saturating_add(lamports);
    if spent > node.limits.max_airdrop_total_lamports {
        node.airdropped
            .fetch_sub(lamports, std::sync::atomic::Ordering::SeqCst);
        return Err(RpcError::invalid(format!(
            "the local faucet has given its {} SOL: restart localnet for more",
            node.limits.max_airdrop_total_lamports / 1_000_000_000
        )));
    }
    match node.chain.try_airdrop(&to, lamports).await {
        Ok(signature) => Ok(json!(signature.to_string())),
        Err(error) => {
            node.airdropped
                .fetch_sub(lamports, std::sync::atomic::Ordering::SeqCst);
            Err(RpcError::invalid(format!(
                "the airdrop transfer failed: {error}"
            )))
        }
    }
}

/// `getFeeForMessage`: the signature fee of a base64 message (no priority fees locally).
pub fn fee_for_message(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let text = params
        .get(0)
        .and_then(Value::as_str)
        .filter(|text| text.len() <= MAX_BASE64_SIZE)
        .ok_or_else(|| RpcError::invalid("expected a base64 message"))?;
    let bytes = BASE64_STANDARD
        .decode(text)
        .map_err(|e| RpcError::invalid(format!("invalid base64 encoding: {e}")))?;
    let message: VersionedMessage = bincode::deserialize(&bytes)
        .map_err(|e| RpcError::invalid(format!("failed to deserialize message: {e}")))?;
    let signatures = u64::from(message.header().num_required_signatures);
    Ok(with_context(
        node,
        json!(signatures * LAMPORTS_PER_SIGNATURE),
    ))
}
