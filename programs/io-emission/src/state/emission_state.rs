use anchor_lang::prelude::*;

use crate::error::EmissionError;
use crate::schedule;
use crate::state::seeds;

/// One emission schedule for one mint. PDA `[seeds::EMISSION_STATE, mint]`; it is also the
/// mint's only mint authority, so nothing but `mint_epoch` can create IO.
///
/// Amounts are base units of the mint. Fixed layout (no `Option`s) so indexers can filter by
/// offset; fields are only ever appended by taking bytes from `reserved`.
#[account]
#[derive(InitSpace, Debug)]
pub struct EmissionState {
    /// Layout version, for future migrations.
    pub version: u8,
    pub bump: u8,
    /// Read from the mint at initialization; all base-unit figures depend on it.
    pub decimals: u8,
    pub mint: Pubkey,
    /// Governance key (can be a multisig): changes the distributor, hands over admin.
    pub admin: Pubkey,
    /// Nominated admin awaiting `accept_admin`; `Pubkey::default()` when none.
    pub pending_admin: Pubkey,
    /// The only signer allowed to call `mint_epoch` (the staking program's PDA).
    pub distributor: Pubkey,
    /// Start of epoch 1 (unix seconds).
    pub genesis_timestamp: i64,
    /// Mint supply at initialization: exactly 500M IO.
    pub initial_supply: u64,
    /// 800M IO: `initial_supply + emission_cap`.
    pub max_supply: u64,
    /// 300M IO: the most the schedule may ever mint.
    pub emission_cap: u64,
    /// Epochs `1..=last_minted_epoch` are minted; 0 before the first mint.
    pub last_minted_epoch: u32,
    /// Sum of everything this program minted. Burns never reduce it: burned IO is not re-minted.
    pub cumulative_minted: u64,
    pub reserved: [u8; 128],
}

impl EmissionState {
    pub const VERSION: u8 = 1;
    /// Account size including Anchor's 8-byte discriminator. Frozen: see `size_is_stable` test.
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(mint: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(&[seeds::EMISSION_STATE, mint.as_ref()], &crate::ID)
    }

    /// What the schedule may still mint; derived, never stored, so it cannot drift.
    pub fn cap_remaining(&self) -> Result<u64> {
        self.emission_cap
            .checked_sub(self.cumulative_minted)
            .ok_or_else(|| error!(EmissionError::CapExceeded))
    }

    /// The epoch `mint_epoch` would mint next.
    pub fn next_epoch(&self) -> Result<u32> {
        self.last_minted_epoch
            .checked_add(1)
            .ok_or_else(|| error!(EmissionError::MathOverflow))
    }

    /// Post-condition of every mutation: the books can never claim more than the cap.
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.cumulative_minted <= self.emission_cap,
            EmissionError::CapExceeded
        );
        require!(
            self.last_minted_epoch <= schedule::LAST_EPOCH,
            EmissionError::ScheduleComplete
        );
        let max = self
            .initial_supply
            .checked_add(self.emission_cap)
            .ok_or_else(|| error!(EmissionError::MathOverflow))?;
        require_eq!(max, self.max_supply, EmissionError::CapExceeded);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_is_stable() {
        // 8 discriminator + 3 u8 + 4 pubkeys + i64 + 3 u64 + u32 + u64 + 128 reserved.
        assert_eq!(
            EmissionState::SIZE,
            8 + 3 + 4 * 32 + 8 + 3 * 8 + 4 + 8 + 128
        );
    }
}
