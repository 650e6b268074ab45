use anchor_lang::prelude::*;

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

/// PDA `[seeds::SLASH_CASE, device, case_index (u32 LE)]`. Kept after resolution as the record.
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
    pub case_index: u32,
    pub reason: SlashReason,
    pub evidence_hash: [u8; 32],
    pub statement_hash: [u8; 32],
    /// Escrowed base units: `from_stake + from_rewards`.
    pub amount: u64,
    /// Part taken from stake (stays in the stake vault while open).
    pub from_stake: u64,
    /// Part taken from unclaimed rewards (stays in the rewards vault while open).
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
    pub reserved: [u8; 64],
}

impl SlashCase {
    pub const VERSION: u8 = 1;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(device: &Pubkey, case_index: u32) -> (Pubkey, u8) {
        Pubkey::find_program_address(
            &[
                seeds::SLASH_CASE,
                device.as_ref(),
                &case_index.to_le_bytes(),
            ],
            &crate::ID,
        )
    }

    pub fn is_open(&self) -> bool {
        matches!(self.status, CaseStatus::Open | CaseStatus::Appealed)
    }
}
