//! What a keeper does to the chain: bootstrap a deployment, close epochs, bond, vote on uptime
//! roots and settle devices from them, apply due multiplier changes, and claim a wallet's
//! rewards. Written
//! against [`io_chain::Chain`], so every backend runs the same operations.

pub mod amount;
pub mod bootstrap;
pub mod claim;
pub mod crank;
pub mod payments;
pub mod quorum;
pub mod status;
pub mod upkeep;

use io_chain::retry::Backoff;
use io_chain::{Chain, ChainError};
use io_sdk::Addresses;

/// `addresses` with the deployment's accumulator ring, read from the staking config when the
/// caller does not know it yet (it is not derived from the mint: the deployer created it).
pub async fn with_rpw_ring(
    chain: &dyn Chain,
    backoff: &Backoff,
    addresses: &Addresses,
) -> Result<Addresses, ChainError> {
    if addresses.rpw_ring != anchor_lang::prelude::Pubkey::default() {
        return Ok(*addresses);
    }
    let config = backoff
        .retry("read the staking config", || {
            io_chain::fetch::<io_staking::state::StakingConfig>(chain, &addresses.config)
        })
        .await?
        .ok_or_else(|| ChainError::Rejected("io-staking is not initialized".into()))?;
    Ok(addresses.with_rpw_ring(config.rpw_ring))
}
