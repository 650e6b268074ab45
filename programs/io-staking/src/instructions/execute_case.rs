use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::instructions::resolve_case::*;
use crate::state::CaseStatus;

/// Anyone: burns the escrow of a case that was not appealed by its deadline.
pub fn handler(ctx: Context<ResolveCase>) -> Result<()> {
    let accounts = &mut *ctx.accounts;
    match accounts.case.status {
        CaseStatus::Open => {}
        CaseStatus::Appealed => return err!(StakingError::CaseAppealed),
        _ => return err!(StakingError::CaseResolved),
    }
    let now = Clock::get()?.unix_timestamp;
    require!(
        now >= accounts.case.appeal_deadline,
        StakingError::AppealPeriodNotOver
    );
    let event = accounts.burn(CaseStatus::Executed)?;
    emit_cpi!(event);
    Ok(())
}
