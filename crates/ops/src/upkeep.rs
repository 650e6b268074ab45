//! Device upkeep, the permissionless instruction nobody else has a reason to send:
//! `sync_device_multiplier` for devices whose GPU model has a multiplier change that is due,
//! once the device is settled up to the last close (right after a root of the last closed
//! epoch finalized and the devices settled from it). Stale devices need no upkeep of their own:
//! a settle that shows one stale deactivates it (docs/design.md section 14).
//!
//! The decisions use the program's own rule (`GpuModel::effective_multiplier`), so the keeper
//! never sends what the program would refuse, except when racing another keeper, which is
//! harmless.

use std::collections::HashMap;

use anchor_lang::prelude::Pubkey;
use anchor_lang::{AccountDeserialize, Discriminator};
use io_sdk::Addresses;
use io_staking::error::StakingError;
use io_staking::state::{Device, GpuModel, RewardPool};
use tokio::sync::watch;

use io_chain::retry::Backoff;
use io_chain::{fetch, Chain, ChainError};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpkeepReport {
    /// Devices whose multiplier this pass brought up to their model's.
    pub synced: Vec<Pubkey>,
    /// Instructions the program refused for another reason (logged; tried again next pass).
    pub refused: usize,
}

/// Every account of type `T` owned by io-staking that belongs to this deployment's config.
async fn accounts_of<T: AccountDeserialize + Discriminator>(
    chain: &dyn Chain,
    backoff: &Backoff,
    config: &Pubkey,
    config_of: impl Fn(&T) -> Pubkey,
) -> Result<Vec<(Pubkey, T)>, ChainError> {
    let raw = backoff
        .retry("list accounts", || {
            chain.program_accounts(&io_staking::ID, T::DISCRIMINATOR)
        })
        .await?;
    Ok(raw
        .into_iter()
        .filter_map(|(address, data)| {
            let account = T::try_deserialize(&mut data.as_slice()).ok()?;
            (config_of(&account) == *config).then_some((address, account))
        })
        .collect())
}

/// One upkeep pass over every device of the deployment. Stops early (between transactions)
/// when `stop` is set. Fails only when the chain stays unreachable through the backoff.
pub async fn upkeep(
    chain: &dyn Chain,
    addresses: &Addresses,
    backoff: &Backoff,
    stop: &watch::Receiver<bool>,
) -> Result<UpkeepReport, ChainError> {
    let mut report = UpkeepReport::default();
    let pool: RewardPool = backoff
        .retry("read reward pool", || fetch(chain, &addresses.reward_pool))
        .await?
        .ok_or_else(|| ChainError::Rejected("staking is not initialized".into()))?;
    let now = backoff.retry("read clock", || chain.unix_time()).await?;
    let models: HashMap<Pubkey, GpuModel> =
        accounts_of(chain, backoff, &addresses.config, |m: &GpuModel| m.config)
            .await?
            .into_iter()
            .collect();
    let mut devices = accounts_of(chain, backoff, &addresses.config, |d: &Device| d.config).await?;
    // The same order every pass, whatever order the node lists them in.
    devices.sort_by_key(|(address, _)| *address);

    for (address, device) in devices {
        if *stop.borrow() {
            break;
        }
        let Some(model) = models.get(&device.gpu_model) else {
            continue;
        };
        let settled = !device.active
            || device.checkpoint_rpw == pool.class(device.reward_class).reward_per_weight;
        if model.effective_multiplier(now) != device.multiplier_centi && settled {
            let ix = addresses.sync_device_multiplier(address, device.gpu_model);
            if send(chain, backoff, &ix, "sync device multiplier", &mut report).await? {
                tracing::info!(device = %address, from = device.multiplier_centi,
                    to = model.effective_multiplier(now), "applied due multiplier change");
                report.synced.push(address);
            }
        }
    }
    Ok(report)
}

/// Sends one upkeep instruction. `Ok(true)` if it landed, `Ok(false)` if the program refused it
/// (a racing keeper did it first, or the state moved on): counted, logged, tried next pass.
async fn send(
    chain: &dyn Chain,
    backoff: &Backoff,
    ix: &anchor_lang::solana_program::instruction::Instruction,
    what: &str,
    report: &mut UpkeepReport,
) -> Result<bool, ChainError> {
    match backoff
        .retry(what, || chain.send(std::slice::from_ref(ix), &[]))
        .await
    {
        Ok(()) => Ok(true),
        Err(error) if error.is_transient() => Err(error),
        Err(error) => {
            let raced = [
                StakingError::MultiplierUnchanged,
                StakingError::DeviceNotSettled,
            ]
            .iter()
            .any(|e| error.program_code() == Some(e.code()));
            if !raced {
                tracing::warn!(what, %error, "upkeep instruction refused");
                report.refused += 1;
            }
            Ok(false)
        }
    }
}
