use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::instructions::resolve_case::*;
use crate::state::CaseStatus;

/// Anyone: returns the escrow of an appealed case the arbiter did not rule on in time, so no
/// one can hold a supplier's stake hostage.
pub fn handler(ctx: Context<ResolveCase>) -> Result<()> {
    let accounts = &mut *ctx.accounts;
    match accounts.case.status {
        CaseStatus::Appealed => {}
        CaseStatus::Open => return err!(StakingError::CaseNotAppealed),
        _ => return err!(StakingError::CaseResolved),
    }
    let now = Clock::get()?.unix_timestamp;
    require!(
        now >= accounts.case.ruling_deadline,
        StakingError::RulingWindowNotOver
    );
    let event = accounts.give_back(CaseStatus::Lapsed)?;
    emit_cpi!(event);
    Ok(())
}
