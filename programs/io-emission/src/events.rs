use anchor_lang::prelude::*;

#[event]
pub struct EmissionInitialized {
    pub state: Pubkey,
    pub mint: Pubkey,
    pub admin: Pubkey,
    pub distributor: Pubkey,
    pub genesis_timestamp: i64,
    pub decimals: u8,
    /// Base units.
    pub initial_supply: u64,
    /// Base units.
    pub max_supply: u64,
    /// Base units the schedule may release in total.
    pub emission_cap: u64,
}

#[event]
pub struct EpochMinted {
    pub state: Pubkey,
    pub epoch: u32,
    /// Base units minted: the scheduled amount clamped to the remaining cap.
    pub amount: u64,
    /// Base units the schedule gives this epoch before the clamp.
    pub scheduled: u64,
    pub cumulative_minted: u64,
    pub cap_remaining: u64,
    pub destination: Pubkey,
}

#[event]
pub struct DistributorChanged {
    pub state: Pubkey,
    pub old_distributor: Pubkey,
    pub new_distributor: Pubkey,
}

#[event]
pub struct AdminTransferProposed {
    pub state: Pubkey,
    pub admin: Pubkey,
    /// `Pubkey::default()` when a nomination is cancelled.
    pub old_pending_admin: Pubkey,
    pub new_pending_admin: Pubkey,
}

#[event]
pub struct AdminTransferred {
    pub state: Pubkey,
    pub old_admin: Pubkey,
    pub new_admin: Pubkey,
}
