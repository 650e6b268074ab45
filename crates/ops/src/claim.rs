//! `claim-all`: a supplier claims every device of its wallet in as few transactions as fit
//! (`Addresses::claim_all_batches`: up to 24 devices each), after settling each from its latest
//! leaf when the caller has one (a keeper serves them), so the claim pays every epoch it was up.

use anchor_lang::prelude::Pubkey;
use anchor_lang::{AccountDeserialize, Discriminator};
use io_sdk::staking::LeafProof;
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
    Ok(owned_devices(chain, addresses, backoff, owner)
        .await?
        .into_iter()
        .filter(|(_, device)| device.pending_rewards > 0)
        .map(|(address, device)| (address, device.pending_rewards))
        .collect())
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

/// This deployment's devices owned by `owner`, in address order.
pub async fn owned_devices(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    owner: &Pubkey,
) -> Result<Vec<(Pubkey, Device)>, ChainError> {
    let raw = backoff
        .retry("list devices", || {
            chain.program_accounts(&io_staking::ID, Device::DISCRIMINATOR)
        })
        .await?;
    let mut devices: Vec<(Pubkey, Device)> = raw
        .into_iter()
        .filter_map(|(address, data)| {
            let device = Device::try_deserialize(&mut data.as_slice()).ok()?;
            (device.config == addresses.config && device.owner == *owner)
                .then_some((address, device))
        })
        .collect();
    devices.sort_by_key(|(address, _)| *address);
    Ok(devices)
}

/// Settles each device of `leaves` not settled against its leaf's root yet (one transaction
/// each, paid by the chain's payer). A settle the program refuses (a root no longer latest or
/// previous, a leaf of a closed device) costs only that device: the claim pays what is settled.
/// Returns how many were settled.
pub async fn settle_before_claiming(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    devices: &[(Pubkey, Device)],
    leaves: &[(Pubkey, LeafProof)],
) -> Result<usize, ChainError> {
    let addresses = crate::with_rpw_ring(chain, backoff, addresses).await?;
    let mut settled = 0;
    for (device, leaf) in leaves {
        let behind = devices
            .iter()
            .any(|(address, state)| address == device && state.settled_epoch < leaf.epoch);
        if !behind {
            continue;
        }
        let ix = addresses.settle(*device, leaf);
        match backoff
            .retry("settle", || chain.send(std::slice::from_ref(&ix), &[]))
            .await
        {
            Ok(()) => settled += 1,
            Err(error) if error.is_transient() => return Err(error),
            Err(error) => {
                tracing::warn!(%device, %error, "settle refused; claiming what is settled")
            }
        }
    }
    Ok(settled)
}
