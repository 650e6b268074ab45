//! Submits attestation batches for an epoch, after filtering against chain state so a batch
//! never fails on a device another keeper already attested (one bad device reverts a batch).

use anchor_lang::prelude::Pubkey;
use io_sdk::Addresses;
use io_staking::state::Device;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::chain::{fetch, Chain, ChainError};
use crate::retry::Backoff;

/// Devices per `attest` transaction: 28 fit a legacy transaction (measured by the staking scale
/// test); 25 leaves room for a compute-budget instruction.
pub const BATCH_SIZE: usize = 25;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttestReport {
    pub attested: usize,
    /// Already attested for this or a later epoch (by us earlier, or another keeper), or not
    /// attestable for it (registered after it, or gone).
    pub skipped: usize,
    pub transactions: usize,
    /// Devices that are attested for the epoch now: by these transactions or before.
    pub settled: Vec<Pubkey>,
}

/// Attests `devices` (device accounts) as up during `epoch`.
pub async fn attest_epoch(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    attester: &Keypair,
    epoch: u32,
    devices: &[Pubkey],
) -> Result<AttestReport, ChainError> {
    let mut report = AttestReport::default();
    let mut pending = Vec::with_capacity(devices.len());
    for device in devices {
        let state: Option<Device> = backoff
            .retry("read device", || fetch(chain, device))
            .await?;
        match state {
            Some(d) if d.last_attested_epoch < epoch && d.registered_after_epoch < epoch => {
                pending.push(*device)
            }
            Some(d) if d.last_attested_epoch >= epoch => {
                report.skipped += 1;
                report.settled.push(*device);
            }
            _ => report.skipped += 1,
        }
    }
    let signers = [attester];
    for batch in pending.chunks(BATCH_SIZE) {
        let ix = addresses.attest(attester.pubkey(), epoch, batch);
        backoff
            .retry("attest", || chain.send(std::slice::from_ref(&ix), &signers))
            .await?;
        report.attested += batch.len();
        report.transactions += 1;
        report.settled.extend_from_slice(batch);
    }
    Ok(report)
}
