use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::safe_math::SafeMath;
use crate::state::seeds;

/// Why a case was opened. Variants are only ever appended.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum SlashReason {
    Spoofing,
    CompromisedData,
    InadequateService,
    Other,
}

/// Where a case is. `Open` and `Appealed` hold escrow; the rest are final. Variants are only
/// ever appended.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum CaseStatus {
    /// Awaiting appeal until `appeal_deadline`.
    Open,
    /// Appealed; the arbiter may rule until `ruling_deadline`.
    Appealed,
    /// Arbiter upheld: escrow burned.
    Upheld,
    /// Arbiter overturned: escrow returned.
    Overturned,
    /// Not appealed by the deadline and executed: escrow burned.
    Executed,
    /// Appealed but not ruled on in time: escrow returned.
    Lapsed,
}

/// PDA `[seeds::SLASH_CASE, config, case_id (u64 LE)]`. Kept after resolution as the record.
#[account]
#[derive(InitSpace, Debug)]
pub struct SlashCase {
    pub version: u8,
    pub bump: u8,
    pub config: Pubkey,
    pub device: Pubkey,
    /// The device owner when the case opened; returns go to this wallet's token account if the
    /// device has been withdrawn meanwhile.
    pub owner: Pubkey,
    /// The arbiter when the case opened: the only key that may rule on it, so rotating the
    /// arbiter never changes who judges a case already open.
    pub arbiter: Pubkey,
    /// Config-wide, never reused (`RewardPool.cases_opened` when it opened).
    pub case_id: u64,
    /// The device's own count of cases when this one opened (its n-th case, from 0).
    pub device_case_index: u32,
    pub reason: SlashReason,
    pub evidence_hash: [u8; 32],
    pub statement_hash: [u8; 32],
    /// Escrowed base units: `from_stake + from_rewards + from_co_stake + from_co_rewards`.
    pub amount: u64,
    /// Part taken from the owner's stake (stays in the stake vault while open).
    pub from_stake: u64,
    /// Part taken from the owner's unclaimed rewards (stays in the rewards vault while open).
    pub from_rewards: u64,
    pub status: CaseStatus,
    pub opened_at: i64,
    /// The owner may appeal while `now < appeal_deadline`; after it an unappealed case can be
    /// executed by anyone.
    pub appeal_deadline: i64,
    /// After it an appealed case can be lapsed by anyone.
    pub ruling_deadline: i64,
    pub appealed_at: i64,
    pub resolved_at: i64,
    /// The co-staker when the case opened (`Pubkey::default()` when none): what was taken
    /// from it goes back to it alone.
    pub co_staker: Pubkey,
    /// Part taken from the co-stake, pro rata to the two stakes.
    pub from_co_stake: u64,
    /// Part taken from the co-staker's unclaimed rewards, pro rata to the two balances.
    pub from_co_rewards: u64,
    pub reserved: [u8; 16],
}

impl SlashCase {
    pub const VERSION: u8 = 2;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(config: &Pubkey, case_id: u64) -> (Pubkey, u8) {
        Pubkey::find_program_address(
            &[seeds::SLASH_CASE, config.as_ref(), &case_id.to_le_bytes()],
            &crate::ID,
        )
    }

    pub fn is_open(&self) -> bool {
        matches!(self.status, CaseStatus::Open | CaseStatus::Appealed)
    }

    /// Escrow taken from stake (owner's and co-staker's), held in the stake vault.
    pub fn stake_part(&self) -> Result<u64> {
        self.from_stake.safe_add(self.from_co_stake)
    }

    /// Escrow taken from unclaimed rewards (both sides), held in the rewards vault.
    pub fn rewards_part(&self) -> Result<u64> {
        self.from_rewards.safe_add(self.from_co_rewards)
    }

    /// Post-condition of every instruction that writes a case.
    pub fn invariant(&self) -> Result<()> {
        let parts = self
            .from_stake
            .checked_add(self.from_rewards)
            .and_then(|sum| sum.checked_add(self.from_co_stake))
            .and_then(|sum| sum.checked_add(self.from_co_rewards));
        require!(
            parts == Some(self.amount)
                && self.amount > 0
                && self.opened_at <= self.appeal_deadline
                && self.appeal_deadline <= self.ruling_deadline
                && (self.is_open() == (self.resolved_at == 0)),
            StakingError::AccountingInvariant
        );
        Ok(())
    }
}
