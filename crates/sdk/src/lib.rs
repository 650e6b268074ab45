//! Client SDK for the IO programs: every address is derived from the IO mint, and each
//! instruction has one typed builder. The keeper and the test harness use it, and so can any
//! integrator; it has no runtime or RPC dependency.
//!
//! ```
//! use anchor_lang::prelude::Pubkey;
//! let ring = Pubkey::new_unique(); // StakingConfig::rpw_ring, read once
//! let addresses = io_sdk::Addresses::for_mint(Pubkey::new_unique()).with_rpw_ring(ring);
//! let crank = addresses.close_epoch();
//! assert!(crank.accounts.iter().all(|meta| !meta.is_signer));
//! ```

pub mod bootstrap;
pub mod consent;
pub mod emission;
pub mod payments;
pub mod staking;
pub mod uptime;

use anchor_lang::prelude::Pubkey;
use io_staking::state::{seeds, KeeperSet, RewardPool, StakingConfig};

/// Every protocol address for one IO mint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Addresses {
    pub mint: Pubkey,
    pub emission_state: Pubkey,
    pub config: Pubkey,
    pub reward_pool: Pubkey,
    /// The zero-copy ring of recent accumulator values (read by `settle`, written by
    /// `close_epoch`). Not derived: the deployer creates it (over 10,240 bytes, it cannot be a
    /// PDA created by the program) and the config records it, so [`Addresses::for_mint`] leaves
    /// it default and [`Addresses::with_rpw_ring`] sets it from `StakingConfig::rpw_ring`.
    pub rpw_ring: Pubkey,
    pub stake_vault: Pubkey,
    pub rewards_vault: Pubkey,
    /// The bonded quorum's keepers, parameters and finalized roots.
    pub keeper_set: Pubkey,
    pub keeper_vault: Pubkey,
}

impl Addresses {
    pub fn for_mint(mint: Pubkey) -> Self {
        let emission_state = io_emission::state::EmissionState::find_address(&mint).0;
        let config = StakingConfig::find_address(&mint).0;
        let vault =
            |seed: &[u8]| Pubkey::find_program_address(&[seed, config.as_ref()], &io_staking::ID).0;
        Self {
            mint,
            emission_state,
            config,
            reward_pool: RewardPool::find_address(&config).0,
            rpw_ring: Pubkey::default(),
            stake_vault: vault(seeds::STAKE_VAULT),
            rewards_vault: vault(seeds::REWARDS_VAULT),
            keeper_set: KeeperSet::find_address(&config).0,
            keeper_vault: KeeperSet::find_vault(&config).0,
        }
    }

    /// The same addresses with the deployment's ring (`StakingConfig::rpw_ring`).
    pub fn with_rpw_ring(self, rpw_ring: Pubkey) -> Self {
        Self { rpw_ring, ..self }
    }
}

/// Reads a zero-copy account (`KeeperSet`, `EpochBallot`, `RpwRing`) from its data: checks the
/// discriminator and the length, and copies it out (account data carries no alignment).
pub fn decode_zero_copy<T>(data: &[u8]) -> Result<T, String>
where
    T: anchor_lang::ZeroCopy + anchor_lang::Discriminator,
{
    let discriminator = T::DISCRIMINATOR;
    let body = data
        .strip_prefix(discriminator)
        .ok_or_else(|| "not this account type (discriminator)".to_string())?;
    let size = core::mem::size_of::<T>();
    if body.len() < size {
        return Err(format!("{} bytes, {size} expected", body.len()));
    }
    Ok(bytemuck::pod_read_unaligned(&body[..size]))
}

/// Anchor's `#[event_cpi]` authority PDA of a program.
pub fn event_authority(program_id: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[b"__event_authority"], program_id).0
}
