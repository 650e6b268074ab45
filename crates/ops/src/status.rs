//! `status`: the protocol's state as read from any backend.

use std::fmt;

use io_emission::schedule::{self, EpochPosition};
use io_emission::state::EmissionState;
use io_sdk::Addresses;
use io_staking::math::rewards::RPW_SCALE;
use io_staking::state::{RewardClass, RewardPool, StakingConfig};

use crate::amount::io_grouped;
use io_chain::{decode, Chain, ChainError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainStatus {
    pub now: i64,
    pub current_epoch: Option<u32>,
    pub last_minted_epoch: u32,
    pub last_closed_epoch: u32,
    pub minted: u64,
    pub cap_remaining: u64,
    pub decimals: u8,
    pub active_devices: u32,
    pub registered_devices: u32,
    pub total_staked: u64,
    pub carry: u64,
    pub open_cases: u32,
    pub total_burned: u64,
    /// Enterprise, then Community.
    pub classes: Vec<ClassStatus>,
}

/// One reward class as the pool records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassStatus {
    pub class: RewardClass,
    /// Share of each epoch's emission in force now (basis points).
    pub share_bps: u16,
    pub active_devices: u32,
    pub total_weight: u128,
    /// This class's part of everything emitted.
    pub emitted: u64,
    /// Waiting in this class for its next close (base units, floored).
    pub carry: u64,
}

pub async fn collect(
    chain: &dyn Chain,
    addresses: &Addresses,
) -> Result<Option<ChainStatus>, ChainError> {
    // One round trip for the three accounts.
    let wanted = [
        addresses.emission_state,
        addresses.reward_pool,
        addresses.config,
    ];
    let [emission, pool, config]: [Option<Vec<u8>>; 3] = chain
        .accounts_data(&wanted)
        .await?
        .try_into()
        .map_err(|_| {
            ChainError::Rejected("the node answered the wrong number of accounts".into())
        })?;
    let emission: Option<EmissionState> = decode(&wanted[0], emission)?;
    let pool: Option<RewardPool> = decode(&wanted[1], pool)?;
    let config: Option<StakingConfig> = decode(&wanted[2], config)?;
    let (Some(emission), Some(pool), Some(config)) = (emission, pool, config) else {
        return Ok(None);
    };
    let now = chain.unix_time().await?;
    let shares = config.class_shares_at(now);
    let classes = RewardClass::ALL
        .iter()
        .map(|class| {
            let side = pool.class(*class);
            ClassStatus {
                class: *class,
                share_bps: shares[class.index()],
                active_devices: side.active_devices,
                total_weight: side.total_weight,
                emitted: side.emitted,
                carry: u64::try_from(side.carry_scaled / RPW_SCALE).unwrap_or(u64::MAX),
            }
        })
        .collect();
    let current_epoch = match schedule::epoch_at(emission.genesis_timestamp, now) {
        EpochPosition::Epoch(n) => Some(n),
        _ => None,
    };
    Ok(Some(ChainStatus {
        now,
        current_epoch,
        last_minted_epoch: emission.last_minted_epoch,
        last_closed_epoch: pool.last_closed_epoch,
        minted: emission.cumulative_minted,
        cap_remaining: emission
            .emission_cap
            .saturating_sub(emission.cumulative_minted),
        decimals: emission.decimals,
        active_devices: pool.active_devices,
        registered_devices: pool.registered_devices,
        total_staked: pool.total_staked,
        carry: u64::try_from(pool.carry_scaled() / RPW_SCALE).unwrap_or(u64::MAX),
        open_cases: pool.open_cases,
        total_burned: pool.total_burned,
        classes,
    }))
}

impl fmt::Display for ChainStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let io = |amount: u64| io_grouped(amount, self.decimals);
        let current = self
            .current_epoch
            .map_or_else(|| "outside the schedule".to_string(), |n| n.to_string());
        writeln!(f, "  current epoch        {current}")?;
        writeln!(
            f,
            "  last closed epoch    {} (minted through {})",
            self.last_closed_epoch, self.last_minted_epoch
        )?;
        writeln!(
            f,
            "  IO minted            {} IO ({} IO left under the cap)",
            io(self.minted),
            io(self.cap_remaining)
        )?;
        writeln!(
            f,
            "  devices              {} registered, {} active",
            self.registered_devices, self.active_devices
        )?;
        for class in &self.classes {
            writeln!(
                f,
                "  {:<20} {}.{:02}% of each epoch · {} active (weight {}) · {} IO emitted · \
                 {} IO carry",
                class.class.name(),
                class.share_bps / 100,
                class.share_bps % 100,
                class.active_devices,
                class.total_weight,
                io(class.emitted),
                io(class.carry)
            )?;
        }
        writeln!(f, "  staked               {} IO", io(self.total_staked))?;
        writeln!(f, "  carry                {} IO", io(self.carry))?;
        write!(
            f,
            "  slash cases          {} open, {} IO burned",
            self.open_cases,
            io(self.total_burned)
        )
    }
}
