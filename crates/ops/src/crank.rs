//! `crank`: closes every ended epoch in order, catching up after downtime. Several keepers may
//! crank at once: losing a race (someone else closed the epoch first) is not an error.

use io_emission::error::EmissionError;
use io_emission::schedule;
use io_emission::state::EmissionState;
use io_sdk::Addresses;
use io_staking::state::RewardPool;
use tokio::sync::watch;

use io_chain::retry::Backoff;
use io_chain::{fetch, Chain, ChainError};

/// What one pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CrankReport {
    /// Epochs this keeper closed.
    pub closed: u32,
    /// Times another keeper closed the epoch first.
    pub lost_races: u32,
    /// The last closed epoch when the pass ended.
    pub last_closed: u32,
    /// The last ended epoch by the chain's clock when the pass started.
    pub target: u32,
    /// The pass stopped early because shutdown was requested.
    pub interrupted: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CrankError {
    #[error(transparent)]
    Chain(#[from] ChainError),
    #[error("the protocol is not initialized on this chain (no {0})")]
    NotInitialized(&'static str),
}

/// io-emission decides whether the next epoch has ended; `close_epoch` passes its code on.
fn code(error: EmissionError) -> u32 {
    u32::from(error)
}

async fn last_closed(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
) -> Result<u32, CrankError> {
    let pool: Option<RewardPool> = backoff
        .retry("read reward pool", || fetch(chain, &addresses.reward_pool))
        .await?;
    Ok(pool
        .ok_or(CrankError::NotInitialized("reward pool"))?
        .last_closed_epoch)
}

/// Closes every epoch that has ended by the chain's clock, one transaction each, in order.
/// Checks `shutdown` between transactions and stops cleanly when it is set.
pub async fn crank_once(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    shutdown: &watch::Receiver<bool>,
) -> Result<CrankReport, CrankError> {
    let emission: Option<EmissionState> = backoff
        .retry("read emission state", || {
            fetch(chain, &addresses.emission_state)
        })
        .await?;
    let genesis = emission
        .ok_or(CrankError::NotInitialized("emission state"))?
        .genesis_timestamp;
    let now = backoff.retry("read clock", || chain.unix_time()).await?;
    let mut report = CrankReport {
        target: schedule::last_ended_epoch(genesis, now),
        ..CrankReport::default()
    };
    let ix = crate::with_rpw_ring(chain, backoff, addresses)
        .await?
        .close_epoch();
    loop {
        let before = last_closed(chain, addresses, backoff).await?;
        report.last_closed = before;
        if before >= report.target {
            return Ok(report);
        }
        if *shutdown.borrow() {
            report.interrupted = true;
            return Ok(report);
        }
        match backoff
            .retry("close epoch", || chain.send(std::slice::from_ref(&ix), &[]))
            .await
        {
            Ok(()) => {
                report.closed += 1;
                tracing::info!(epoch = before + 1, "closed epoch");
            }
            Err(err) if err.program_code() == Some(code(EmissionError::EpochNotEnded)) => {
                // Someone else closed it between our read and our transaction.
                let after = last_closed(chain, addresses, backoff).await?;
                if after > before {
                    report.lost_races += 1;
                    tracing::debug!(epoch = before + 1, "another keeper closed it first");
                } else {
                    return Err(err.into());
                }
            }
            Err(err) => return Err(err.into()),
        }
    }
}
