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

/// A step in a case's life, device's or keeper's (docs/design.md section 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseStep {
    /// The owner or operator contests, before the appeal deadline.
    Appeal,
    /// The arbiter upholds or overturns an appealed case, before the ruling deadline.
    Rule,
    /// Anyone burns an unappealed case, after the appeal deadline.
    Execute,
    /// Anyone returns an appealed case nobody ruled on, after the ruling deadline.
    Lapse,
}

/// Whether a case in `status` with these deadlines may take `step` at `now`, with the precise
/// refusal otherwise. Who may take it is the caller's check.
pub fn check_case_step(
    step: CaseStep,
    status: CaseStatus,
    appeal_deadline: i64,
    ruling_deadline: i64,
    now: i64,
) -> Result<()> {
    let wants_appealed = matches!(step, CaseStep::Rule | CaseStep::Lapse);
    match (status, wants_appealed) {
        (CaseStatus::Open, false) | (CaseStatus::Appealed, true) => {}
        (CaseStatus::Open, true) => return err!(StakingError::CaseNotAppealed),
        (CaseStatus::Appealed, false) if step == CaseStep::Appeal => {
            return err!(StakingError::AlreadyAppealed)
        }
        (CaseStatus::Appealed, false) => return err!(StakingError::CaseAppealed),
        _ => return err!(StakingError::CaseResolved),
    }
    match step {
        CaseStep::Appeal => require!(now < appeal_deadline, StakingError::AppealPeriodOver),
        CaseStep::Rule => require!(now < ruling_deadline, StakingError::RulingWindowOver),
        CaseStep::Execute => require!(now >= appeal_deadline, StakingError::AppealPeriodNotOver),
        CaseStep::Lapse => require!(now >= ruling_deadline, StakingError::RulingWindowNotOver),
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn code(result: Result<()>) -> Option<u32> {
        match result {
            Ok(()) => None,
            Err(anchor_lang::error::Error::AnchorError(e)) => Some(e.error_code_number),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_step_of_a_case_with_its_refusal() {
        let (appeal, ruling) = (100, 200);
        let at = |step, status, now| code(check_case_step(step, status, appeal, ruling, now));
        let err = |e: StakingError| Some(e.code());
        assert_eq!(at(CaseStep::Appeal, CaseStatus::Open, 99), None);
        assert_eq!(
            at(CaseStep::Appeal, CaseStatus::Open, 100),
            err(StakingError::AppealPeriodOver)
        );
        assert_eq!(
            at(CaseStep::Appeal, CaseStatus::Appealed, 50),
            err(StakingError::AlreadyAppealed)
        );
        assert_eq!(at(CaseStep::Rule, CaseStatus::Appealed, 199), None);
        assert_eq!(
            at(CaseStep::Rule, CaseStatus::Appealed, 200),
            err(StakingError::RulingWindowOver)
        );
        assert_eq!(
            at(CaseStep::Rule, CaseStatus::Open, 150),
            err(StakingError::CaseNotAppealed)
        );
        assert_eq!(at(CaseStep::Execute, CaseStatus::Open, 100), None);
        assert_eq!(
            at(CaseStep::Execute, CaseStatus::Open, 99),
            err(StakingError::AppealPeriodNotOver)
        );
        assert_eq!(
            at(CaseStep::Execute, CaseStatus::Appealed, 300),
            err(StakingError::CaseAppealed)
        );
        assert_eq!(at(CaseStep::Lapse, CaseStatus::Appealed, 200), None);
        assert_eq!(
            at(CaseStep::Lapse, CaseStatus::Appealed, 199),
            err(StakingError::RulingWindowNotOver)
        );
        for step in [
            CaseStep::Appeal,
            CaseStep::Rule,
            CaseStep::Execute,
            CaseStep::Lapse,
        ] {
            for done in [
                CaseStatus::Upheld,
                CaseStatus::Overturned,
                CaseStatus::Executed,
                CaseStatus::Lapsed,
            ] {
                assert_eq!(at(step, done, 150), err(StakingError::CaseResolved));
            }
        }
    }
}
