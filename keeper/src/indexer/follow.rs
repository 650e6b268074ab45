//! Where the indexer's events come from. On a cluster it pages `getSignaturesForAddress` for
//! each program back to its cursor, then reads each transaction with `getTransaction` and keeps
//! the `emit_cpi!` inner instructions the program itself issued (an event from any other program
//! is ignored, so nobody can forge one). Locally it reads the embedded chain's records.

use anchor_lang::prelude::Pubkey;
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_client::rpc_client::GetConfirmedSignaturesForAddress2Config;
use solana_client::rpc_config::RpcTransactionConfig;
use solana_commitment_config::CommitmentConfig;
use solana_signature::Signature;
use solana_transaction_status_client_types::{
    option_serializer::OptionSerializer, EncodedConfirmedTransactionWithStatusMeta, UiInstruction,
    UiTransactionEncoding,
};

use super::decode::event_payload;
use super::store::{IndexError, IndexStore, TxEvents};
use crate::chain::rpc::classify;
use crate::chain::ChainError;
use crate::retry::Backoff;

/// Signatures asked for per page (the RPC's maximum).
const PAGE: usize = 1_000;

#[derive(Debug, thiserror::Error)]
pub enum FollowError {
    #[error(transparent)]
    Chain(#[from] ChainError),
    #[error(transparent)]
    Index(#[from] IndexError),
}

fn cursor_name(program: &Pubkey) -> String {
    format!("cursor:{program}")
}

/// The events `programs` emitted in one fetched transaction, in order. All of them at once:
/// one transaction (an epoch close CPIs from io-staking into io-emission) is indexed once.
pub fn program_events(
    transaction: &EncodedConfirmedTransactionWithStatusMeta,
    programs: &[Pubkey],
) -> Vec<Vec<u8>> {
    let Some(meta) = &transaction.transaction.meta else {
        return Vec::new();
    };
    if meta.err.is_some() {
        return Vec::new();
    }
    let Some(decoded) = transaction.transaction.transaction.decode() else {
        return Vec::new();
    };
    let mut keys: Vec<Pubkey> = decoded.message.static_account_keys().to_vec();
    if let OptionSerializer::Some(loaded) = &meta.loaded_addresses {
        for key in loaded.writable.iter().chain(&loaded.readonly) {
            if let Ok(key) = key.parse() {
                keys.push(key);
            }
        }
    }
    let OptionSerializer::Some(inner) = &meta.inner_instructions else {
        return Vec::new();
    };
    let mut events = Vec::new();
    for group in inner {
        for instruction in &group.instructions {
            let UiInstruction::Compiled(compiled) = instruction else {
                continue;
            };
            let Some(program) = keys.get(usize::from(compiled.program_id_index)) else {
                continue;
            };
            if !programs.contains(program) {
                continue;
            }
            let Ok(data) = bs58_decode(&compiled.data) else {
                continue;
            };
            if let Some(payload) = event_payload(&data) {
                events.push(payload.to_vec());
            }
        }
    }
    events
}

fn bs58_decode(text: &str) -> Result<Vec<u8>, bs58::decode::Error> {
    bs58::decode(text).into_vec()
}

/// One pass over `program`'s transactions since its cursor, oldest first, keeping the events of
/// every program in `programs` they hold. Returns how many were applied (a transaction seen
/// before, through another program, counts as nothing).
pub async fn follow_cluster_once(
    client: &RpcClient,
    program: &Pubkey,
    programs: &[Pubkey],
    store: &IndexStore,
    backoff: &Backoff,
) -> Result<usize, FollowError> {
    let cursor = store.cursor(&cursor_name(program))?;
    let until = cursor
        .as_deref()
        .and_then(|text| text.parse::<Signature>().ok());
    let mut newest_first = Vec::new();
    let mut before = None;
    loop {
        let page = backoff
            .retry("getSignaturesForAddress", || async {
                client
                    .get_signatures_for_address_with_config(
                        program,
                        GetConfirmedSignaturesForAddress2Config {
                            before,
                            until,
                            limit: Some(PAGE),
                            commitment: Some(CommitmentConfig::confirmed()),
                        },
                    )
                    .await
                    .map_err(|error| classify(&error))
            })
            .await?;
        let full = page.len() == PAGE;
        before = page.last().and_then(|entry| entry.signature.parse().ok());
        newest_first.extend(page);
        if !full || before.is_none() {
            break;
        }
    }
    let mut applied = 0;
    for entry in newest_first.iter().rev() {
        let Ok(signature) = entry.signature.parse::<Signature>() else {
            continue;
        };
        if entry.err.is_none() {
            let transaction = backoff
                .retry("getTransaction", || async {
                    client
                        .get_transaction_with_config(
                            &signature,
                            RpcTransactionConfig {
                                encoding: Some(UiTransactionEncoding::Base64),
                                commitment: Some(CommitmentConfig::confirmed()),
                                max_supported_transaction_version: Some(0),
                            },
                        )
                        .await
                        .map_err(|error| classify(&error))
                })
                .await?;
            let events = program_events(&transaction, programs);
            let record = TxEvents {
                signature: signature.as_ref(),
                signature_text: entry.signature.clone(),
                slot: entry.slot,
                block_time: entry.block_time.unwrap_or_default(),
                events: &events,
            };
            if store.ingest(&record)? {
                applied += 1;
            }
        }
        store.set_cursor(&cursor_name(program), &entry.signature)?;
    }
    Ok(applied)
}

/// Follows both programs every `every` until `shutdown`; a failed pass is logged and retried
/// on the next round (each RPC call already retried with backoff).
pub async fn follow_cluster(
    client: RpcClient,
    programs: Vec<Pubkey>,
    store: IndexStore,
    backoff: Backoff,
    every: std::time::Duration,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        for program in &programs {
            match follow_cluster_once(&client, program, &programs, &store, &backoff).await {
                Ok(0) => {}
                Ok(applied) => tracing::info!(%program, applied, "indexed transactions"),
                Err(error) => {
                    tracing::warn!(%program, %error, "indexing pass failed; retrying next round")
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.wait_for(|stop| *stop) => return,
        }
    }
}

#[cfg(feature = "localnet")]
pub use local::{follow_local, ingest_record};

#[cfg(feature = "localnet")]
mod local {
    use std::sync::Arc;

    use tokio::sync::{broadcast, watch};

    use super::super::store::{IndexError, IndexStore, TxEvents};
    use crate::chain::local::{ChainEvent, LocalChain, TxRecord};

    /// Applies one recorded transaction (a failed one has no events); `true` if it was new.
    pub fn ingest_record(store: &IndexStore, record: &TxRecord) -> Result<bool, IndexError> {
        if record.err.is_some() {
            return Ok(false);
        }
        store.ingest(&TxEvents {
            signature: record.signature.as_ref(),
            signature_text: record.signature.to_string(),
            slot: record.slot,
            block_time: record.block_time,
            events: &record.events,
        })
    }

    fn ingest(store: &IndexStore, record: &TxRecord) {
        if let Err(error) = ingest_record(store, record) {
            tracing::error!(%error, signature = %record.signature, "indexing a transaction failed");
        }
    }

    /// Indexes everything the embedded chain has recorded, then each transaction as it lands,
    /// until `shutdown`. Falling behind the broadcast replays the history: applying a
    /// transaction twice changes nothing.
    pub async fn follow_local(
        chain: Arc<LocalChain>,
        store: IndexStore,
        mut shutdown: watch::Receiver<bool>,
    ) {
        let mut events = chain.subscribe();
        for record in chain.history() {
            ingest(&store, &record);
        }
        loop {
            tokio::select! {
                _ = shutdown.wait_for(|stop| *stop) => return,
                event = events.recv() => match event {
                    Ok(ChainEvent::Transaction(record)) => ingest(&store, &record),
                    Ok(ChainEvent::Slot(_)) => {}
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        for record in chain.history() {
                            ingest(&store, &record);
                        }
                    }
                    Err(broadcast::error::RecvError::Closed) => return,
                },
            }
        }
    }
}
