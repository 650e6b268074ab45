//! Submits attestation batches for an epoch. Batches are filtered against chain state first so
//! no transaction is wasted on a device that is already attested; what still changes between
//! the read and the send (another keeper attests, the owner closes or re-registers the device)
//! is skipped by the program itself, and the rest of the batch is credited. A batch refused
//! because of one account is retried one device at a time, so a bad account costs only itself;
//! a refusal that is not about a device (paused, attester revoked, fee payer out of funds) fails
//! the call, so the epoch is not recorded as done and the next pass tries again.

use anchor_lang::prelude::Pubkey;
use io_sdk::Addresses;
use io_staking::state::Device;
use solana_keypair::Keypair;
use solana_signer::Signer;

use io_chain::retry::Backoff;
use io_chain::{fetch_all, Chain, ChainError};
use io_staking::error::StakingError;

/// Devices per `attest` transaction: 27 fit a legacy transaction (measured by the staking scale
/// test); 25 leaves room for a compute-budget instruction.
pub const BATCH_SIZE: usize = 25;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttestReport {
    /// Devices attested for the epoch by these transactions (or by a racing keeper meanwhile).
    pub attested: usize,
    /// Not attestable for the epoch: already attested before we started, registered after it,
    /// gone, or skipped by the program because it changed after our read.
    pub skipped: usize,
    /// Devices the program refused even alone, for a reason of their own (reported and left
    /// out of the epoch).
    pub refused: usize,
    pub transactions: usize,
    /// Devices that are attested for the epoch now: by these transactions or before.
    pub settled: Vec<Pubkey>,
}

/// Attests `devices` (device accounts) as up during `epoch`. Fails when the chain stays
/// unreachable through the backoff, or when the program refuses for a reason that is not about
/// one device; refusals of single devices are absorbed and reported.
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
    let states = read_devices(chain, backoff, devices).await?;
    for (device, state) in devices.iter().zip(states) {
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
    for batch in pending.chunks(BATCH_SIZE) {
        let mut refused = Vec::new();
        match send_attest(chain, addresses, backoff, attester, epoch, batch).await {
            Ok(()) => report.transactions += 1,
            Err(error) if !blames_one_device(&error) => return Err(error),
            Err(error) => {
                tracing::warn!(epoch, %error, devices = batch.len(),
                    "attest batch refused; sending its devices one at a time");
                for device in batch {
                    let one = std::slice::from_ref(device);
                    match send_attest(chain, addresses, backoff, attester, epoch, one).await {
                        Ok(()) => report.transactions += 1,
                        Err(error) if !blames_one_device(&error) => return Err(error),
                        Err(error) => {
                            tracing::warn!(epoch, %device, %error, "attestation refused");
                            refused.push(*device);
                        }
                    }
                }
            }
        }
        report.refused += refused.len();
        // The program skips what changed since our read: ask the chain what is attested now.
        let sent: Vec<Pubkey> = batch
            .iter()
            .filter(|d| !refused.contains(d))
            .copied()
            .collect();
        let states = read_devices(chain, backoff, &sent).await?;
        for (device, state) in sent.into_iter().zip(states) {
            match state {
                Some(d) if d.last_attested_epoch >= epoch => {
                    report.attested += 1;
                    report.settled.push(device);
                }
                _ => report.skipped += 1,
            }
        }
    }
    Ok(report)
}

/// Whether a refusal is about an account in the batch rather than the whole call: only then
/// does sending the devices one at a time help.
fn blames_one_device(error: &ChainError) -> bool {
    [
        StakingError::InvalidDeviceAccount,
        StakingError::AccountingInvariant,
        StakingError::MathOverflow,
    ]
    .iter()
    .any(|e| error.program_code() == Some(e.code()))
}

async fn send_attest(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    attester: &Keypair,
    epoch: u32,
    devices: &[Pubkey],
) -> Result<(), ChainError> {
    let addresses = crate::with_rpw_ring(chain, backoff, addresses).await?;
    let ix = addresses.attest(attester.pubkey(), epoch, devices);
    let signers = [attester];
    backoff
        .retry("attest", || chain.send(std::slice::from_ref(&ix), &signers))
        .await
}

/// Device accounts in one round trip (`getMultipleAccounts` on a cluster); `None` where
/// nothing of ours lives (closed, or another type).
async fn read_devices(
    chain: &dyn Chain,
    backoff: &Backoff,
    devices: &[Pubkey],
) -> Result<Vec<Option<Device>>, ChainError> {
    backoff
        .retry("read devices", || fetch_all(chain, devices))
        .await
}
