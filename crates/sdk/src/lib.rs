//! Client SDK for the IO programs: every address is derived from the IO mint, and each
//! instruction has one typed builder. The keeper and the test harness use it, and so can any
//! integrator; it has no runtime or RPC dependency.
//!
//! ```
//! use anchor_lang::prelude::Pubkey;
//! let addresses = io_sdk::Addresses::for_mint(Pubkey::new_unique());
//! let crank = addresses.close_epoch();
//! assert!(crank.accounts.iter().all(|meta| !meta.is_signer));
//! ```

pub mod bootstrap;
pub mod consent;
pub mod emission;
pub mod payments;
pub mod staking;

use anchor_lang::prelude::Pubkey;
use io_staking::state::{seeds, RewardPool, RpwRing, StakingConfig};

/// Every protocol address for one IO mint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Addresses {
    pub mint: Pubkey,
    pub emission_state: Pubkey,
    pub config: Pubkey,
    pub reward_pool: Pubkey,
    /// The zero-copy ring of recent accumulator values (read by `attest`, written by
    /// `close_epoch`).
    pub rpw_ring: Pubkey,
    pub stake_vault: Pubkey,
    pub rewards_vault: Pubkey,
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
            rpw_ring: RpwRing::find_address(&config).0,
            stake_vault: vault(seeds::STAKE_VAULT),
            rewards_vault: vault(seeds::REWARDS_VAULT),
        }
    }
}

/// Anchor's `#[event_cpi]` authority PDA of a program.
pub fn event_authority(program_id: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[b"__event_authority"], program_id).0
}
