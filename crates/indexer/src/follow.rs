//! Where the indexer's events come from. On a cluster it follows the deployment's own
//! accounts (its staking config, which every io-staking instruction names, and its emission
//! state): `getSignaturesForAddress` pages back to the last signature applied, the signatures
//! are queued in the database page by page (memory stays bounded, and a walk cut short resumes
//! where it stopped), then each is read with `getTransaction`, oldest first, keeping the
//! `emit_cpi!` inner instructions our programs issued (an event from any other program is
//! ignored, so nobody can forge one; the store then keeps only this deployment's). Locally it
//! reads the embedded chain's records.

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
use super::store::{BacklogEntry, IndexError, IndexStore, TxEvents};
use io_chain::retry::Backoff;
use io_chain::rpc::classify;
use io_chain::ChainError;

/// Signatures asked for per page (the RPC's maximum).
const PAGE: usize = 1_000;

#[derive(Debug, thiserror::Error)]
pub enum FollowError {
    #[error(transparent)]
    Chain(#[from] ChainError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("the index's writer stopped: {0}")]
    Writer(String),
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
            let Ok(data) = bs58::decode(&compiled.data).into_vec() else {
                continue;
            };
            if let Some(payload) = event_payload(&data) {
                events.push(payload.to_vec());
            }
        }
    }
    events
}

/// The follower's saved state for one followed address.
struct Walk {
    /// The newest signature applied: the next walk stops there.
    head: String,
    /// A walk under way: how far back it has read, where it stops, what it started from.
    phase: String,
    before: String,
    until: String,
    newest: String,
    position: String,
}

impl Walk {
    fn names(address: &Pubkey) -> Self {
        let name = |part: &str| format!("follow:{address}:{part}");
        Walk {
            head: name("head"),
            phase: name("phase"),
            before: name("before"),
            until: name("until"),
            newest: name("newest"),
            position: name("position"),
        }
    }
}

/// The store's calls run on the blocking pool: redb commits fsync.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, IndexError> + Send + 'static,
) -> Result<T, FollowError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| FollowError::Writer(error.to_string()))?
        .map_err(FollowError::Index)
}

/// Walks back from the newest signature of `address` to the last one applied, queueing each
/// page. Resumes a walk an earlier pass left unfinished.
async fn walk_back(
    client: &RpcClient,
    address: &Pubkey,
    store: &IndexStore,
    backoff: &Backoff,
) -> Result<(), FollowError> {
    let names = Walk::names(address);
    let read = |name: &String| {
        let (store, name) = (store.clone(), name.clone());
        blocking(move || store.meta(&name))
    };
    if read(&names.phase).await?.is_none() {
        let head = read(&names.head).await?;
        let store = store.clone();
        let (phase, until, position) = (
            names.phase.clone(),
            names.until.clone(),
            names.position.clone(),
        );
        blocking(move || {
            store.set_meta(&[
                (&phase, Some("walking")),
                (&until, Some(head.as_deref().unwrap_or(""))),
                (&position, Some("0")),
            ])
        })
        .await?;
    }
    while read(&names.phase).await?.as_deref() == Some("walking") {
        let parse = |text: Option<String>| text.and_then(|t| t.parse::<Signature>().ok());
        let before = parse(read(&names.before).await?);
        let until = parse(read(&names.until).await?);
        let position: u64 = read(&names.position)
            .await?
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let page = backoff
            .retry("getSignaturesForAddress", || async {
                client
                    .get_signatures_for_address_with_config(
                        address,
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
        let entries: Vec<BacklogEntry> = page
            .iter()
            .map(|entry| BacklogEntry {
                signature: entry.signature.clone(),
                slot: entry.slot,
                block_time: entry.block_time,
                failed: entry.err.is_some(),
            })
            .collect();
        let done = entries.len() < PAGE;
        let newest_now = read(&names.newest).await?;
        let (store, address, names) = (store.clone(), *address, Walk::names(address));
        blocking(move || {
            let oldest = entries.last().map(|e| e.signature.clone());
            let newest = newest_now.or_else(|| entries.first().map(|e| e.signature.clone()));
            let next = (position + entries.len() as u64).to_string();
            store.backlog_push(
                &address,
                position,
                &entries,
                &[
                    (&names.before, oldest.as_deref().or(None)),
                    (&names.newest, newest.as_deref()),
                    (&names.position, Some(&next)),
                    (
                        &names.phase,
                        Some(if done { "draining" } else { "walking" }),
                    ),
                ],
            )
        })
        .await?;
    }
    Ok(())
}

/// One pass over `address` (a deployment's config or emission state): every transaction since
/// the last one applied, oldest first, keeping the events of `programs`. Returns how many were
/// applied (one seen before, through the other address, counts as nothing and is not fetched).
pub async fn follow_cluster_once(
    client: &RpcClient,
    address: &Pubkey,
    programs: &[Pubkey],
    store: &IndexStore,
    backoff: &Backoff,
) -> Result<usize, FollowError> {
    walk_back(client, address, store, backoff).await?;
    let mut applied = 0;
    loop {
        let (reader, at) = (store.clone(), *address);
        let Some((position, entry)) = blocking(move || reader.backlog_oldest(&at)).await? else {
            break;
        };
        let signature = entry.signature.parse::<Signature>().ok();
        let fetch = match signature {
            Some(signature) if !entry.failed => {
                let reader = store.clone();
                !blocking(move || reader.seen(signature.as_ref())).await?
            }
            _ => false,
        };
        let events = match (fetch, signature) {
            (true, Some(signature)) => {
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
                let time = entry
                    .block_time
                    .or(transaction.block_time)
                    .unwrap_or_default();
                Some((program_events(&transaction, programs), time))
            }
            _ => None,
        };
        let (writer, at) = (store.clone(), *address);
        let new = blocking(move || {
            let record = events
                .as_ref()
                .zip(signature)
                .map(|((events, time), signature)| (signature, events, *time));
            match record {
                Some((signature, events, time)) => writer.backlog_apply(
                    &at,
                    position,
                    Some(&TxEvents {
                        signature: signature.as_ref(),
                        signature_text: entry.signature.clone(),
                        slot: entry.slot,
                        block_time: time,
                        events,
                    }),
                ),
                None => writer.backlog_apply(&at, position, None),
            }
        })
        .await?;
        applied += usize::from(new);
    }
    // Drained: the walk's newest signature is where the next one stops.
    let names = Walk::names(address);
    let store = store.clone();
    blocking(move || {
        let newest = store.meta(&names.newest)?;
        let mut values = vec![
            (names.phase.as_str(), None),
            (names.before.as_str(), None),
            (names.until.as_str(), None),
            (names.newest.as_str(), None),
            (names.position.as_str(), None),
        ];
        if let Some(newest) = newest.as_deref() {
            values.push((names.head.as_str(), Some(newest)));
        }
        store.set_meta(&values)
    })
    .await?;
    Ok(applied)
}

/// Follows the deployment's config and emission state every `every` until `shutdown`; a failed
/// pass is logged and resumed on the next round (each RPC call already retried with backoff).
pub async fn follow_cluster(
    client: RpcClient,
    programs: Vec<Pubkey>,
    store: IndexStore,
    backoff: Backoff,
    every: std::time::Duration,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    // The staking config (every staking and every io-payments instruction names it) and the
    // emission state (every mint).
    let followed = [store.addresses().config, store.addresses().emission_state];
    loop {
        for address in &followed {
            match follow_cluster_once(&client, address, &programs, &store, &backoff).await {
                Ok(0) => {}
                Ok(applied) => tracing::info!(%address, applied, "indexed transactions"),
                Err(error) => {
                    tracing::warn!(%address, %error, "indexing pass failed; resuming next round")
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.wait_for(|stop| *stop) => return,
        }
    }
}
