use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::SlashCaseAppealed;
use crate::state::{
    check_case_step, seeds, CaseStatus, CaseStep, Device, SlashCase, StakingConfig,
};

#[event_cpi]
#[derive(Accounts)]
pub struct AppealCase<'info> {
    /// The device owner, or the co-staker the case took from (co-stakers are slashed too, so
    /// they may contest it).
    pub appellant: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(has_one = config @ StakingError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
    #[account(
        mut,
        has_one = device @ StakingError::AccountMismatch,
        has_one = config @ StakingError::AccountMismatch,
    )]
    pub case: Box<Account<'info, SlashCase>>,
}

impl AppealCase<'_> {
    fn validate(&self) -> Result<()> {
        let appellant = self.appellant.key();
        let co_staker = self.case.co_staker;
        require!(
            appellant == self.device.owner
                || (co_staker != Pubkey::default() && appellant == co_staker),
            StakingError::NotDeviceOwner
        );
        check_case_step(
            CaseStep::Appeal,
            self.case.status,
            self.case.appeal_deadline,
            self.case.ruling_deadline,
            Clock::get()?.unix_timestamp,
        )
    }
}

/// Owner (or the co-staker the case took from): appeals within the reconsideration period,
/// with a hash of the statement. One appeal per case.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<AppealCase>, statement_hash: [u8; 32]) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let case = &mut ctx.accounts.case;
    case.status = CaseStatus::Appealed;
    case.statement_hash = statement_hash;
    case.appealed_at = now;
    case.invariant()?;
    emit_cpi!(SlashCaseAppealed {
        case: case.key(),
        device: case.device,
        amount: case.amount,
        status: CaseStatus::Appealed,
        statement_hash,
        ruling_deadline: case.ruling_deadline,
    });
    Ok(())
}
