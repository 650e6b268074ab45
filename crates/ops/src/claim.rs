//! `claim-all`: a supplier claims every device of its wallet in as few transactions as fit
//! (`Addresses::claim_all_batches`: up to 24 devices each).

use anchor_lang::prelude::Pubkey;
use anchor_lang::{AccountDeserialize, Discriminator};
use io_sdk::Addresses;
use io_staking::state::Device;
use solana_keypair::Keypair;
use solana_signer::Signer;

use io_chain::retry::Backoff;
use io_chain::{Chain, ChainError};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimReport {
    /// Devices of this wallet with rewards to claim.
    pub devices: usize,
    /// Base units claimed.
    pub claimed: u64,
    pub transactions: usize,
}

/// This deployment's devices owned by `owner` that have credited rewards waiting, in a stable
/// order.
pub async fn claimable_devices(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    owner: &Pubkey,
) -> Result<Vec<(Pubkey, u64)>, ChainError> {
    let raw = backoff
        .retry("list devices", || {
            chain.program_accounts(&io_staking::ID, Device::DISCRIMINATOR)
        })
        .await?;
    let mut devices: Vec<(Pubkey, u64)> = raw
        .into_iter()
        .filter_map(|(address, data)| {
            let device = Device::try_deserialize(&mut data.as_slice()).ok()?;
            (device.config == addresses.config
                && device.owner == *owner
                && device.pending_rewards > 0)
                .then_some((address, device.pending_rewards))
        })
        .collect();
    devices.sort();
    Ok(devices)
}

/// Claims every device of `owner` with rewards waiting into `owner_token`.
pub async fn claim_all(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    owner: &Keypair,
    owner_token: Pubkey,
) -> Result<ClaimReport, ChainError> {
    let devices = claimable_devices(chain, addresses, backoff, &owner.pubkey()).await?;
    let keys: Vec<Pubkey> = devices.iter().map(|(device, _)| *device).collect();
    let mut report = ClaimReport {
        devices: devices.len(),
        ..ClaimReport::default()
    };
    let signers = [owner];
    for ix in addresses.claim_all_batches(owner.pubkey(), owner_token, &keys) {
        backoff
            .retry("claim all", || {
                chain.send(std::slice::from_ref(&ix), &signers)
            })
            .await?;
        report.transactions += 1;
    }
    report.claimed = devices.iter().map(|(_, pending)| *pending).sum();
    Ok(report)
}
