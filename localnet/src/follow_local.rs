//! The indexer fed straight from the embedded chain's record of transactions, instead of a
//! cluster's `getSignaturesForAddress`/`getTransaction` walk.
use std::sync::Arc;

use tokio::sync::{broadcast, watch};

use io_indexer::{IndexError, IndexStore, TxEvents};
use io_localchain::local::{ChainEvent, LocalChain, TxRecord};

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
