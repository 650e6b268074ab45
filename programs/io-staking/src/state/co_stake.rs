use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::state::seeds;

/// Where a co-staking offer is (docs/design.md section 9). Variants are only ever appended.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum CoStakeStatus {
    /// Made by the owner; nobody has accepted it. The owner may cancel it.
    Open,
    /// A co-staker deposited the co-stake; the terms are fixed.
    Accepted,
    /// The co-staker asked to leave: 7 days' wait, then the cooldown, then withdrawal.
    Exiting,
}

/// PDA `[seeds::CO_STAKE, device]`: the device's one co-staking offer and, once accepted, the
/// co-staker's terms. Closed (rent to the owner) when cancelled or when the co-staker has
/// withdrawn, after which the owner may offer again.
#[account]
#[derive(InitSpace, Debug)]
pub struct CoStakeOffer {
    pub version: u8,
    pub bump: u8,
    pub config: Pubkey,
    pub device: Pubkey,
    /// The device owner who made the offer and paid its rent.
    pub owner: Pubkey,
    /// `Pubkey::default()` until accepted.
    pub co_staker: Pubkey,
    /// The co-stake wanted (base units): the exact amount a co-staker deposits.
    pub amount: u64,
    /// The co-staker's part of every settlement of the device, in basis points.
    pub share_bps: u16,
    pub status: CoStakeStatus,
    pub created_at: i64,
    pub accepted_at: i64,
    pub exit_requested_at: i64,
    /// When an exiting co-staker may withdraw: request + 7 days + the cooldown in force then.
    pub unlocks_at: i64,
    pub reserved: [u8; 32],
}

impl CoStakeOffer {
    pub const VERSION: u8 = 1;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(device: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(&[seeds::CO_STAKE, device.as_ref()], &crate::ID)
    }

    /// Post-condition of every instruction that writes an offer.
    pub fn invariant(&self) -> Result<()> {
        let accepted = self.status != CoStakeStatus::Open;
        require!(
            self.amount > 0
                && self.share_bps <= 10_000
                && accepted == (self.co_staker != Pubkey::default())
                && (self.status == CoStakeStatus::Exiting) == (self.exit_requested_at != 0),
            StakingError::AccountingInvariant
        );
        Ok(())
    }
}

/// PDA `[seeds::CO_STAKER, config, wallet]`: how many accepted offers a co-staker wallet holds
/// (published: at most 2 at a time).
#[account]
#[derive(InitSpace, Debug)]
pub struct CoStakerAccount {
    pub version: u8,
    pub bump: u8,
    pub config: Pubkey,
    pub wallet: Pubkey,
    pub accepted_offers: u8,
    pub reserved: [u8; 32],
}

impl CoStakerAccount {
    pub const VERSION: u8 = 1;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(config: &Pubkey, wallet: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(
            &[seeds::CO_STAKER, config.as_ref(), wallet.as_ref()],
            &crate::ID,
        )
    }
}
