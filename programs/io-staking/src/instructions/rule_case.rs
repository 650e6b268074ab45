use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::instructions::resolve_case::*;
use crate::state::CaseStatus;

/// Arbiter: rules on an appealed case before the ruling deadline. Upheld: the escrow is burned.
/// Overturned: it returns to the device's stake (the device may rejoin when eligible).
pub fn handler(ctx: Context<ResolveCase>, uphold: bool) -> Result<()> {
    let accounts = &mut *ctx.accounts;
    require_keys_eq!(
        accounts.authority.key(),
        accounts.config.arbiter,
        StakingError::UnauthorizedArbiter
    );
    match accounts.case.status {
        CaseStatus::Appealed => {}
        CaseStatus::Open => return err!(StakingError::CaseNotAppealed),
        _ => return err!(StakingError::CaseResolved),
    }
    let now = Clock::get()?.unix_timestamp;
    require!(
        now < accounts.case.ruling_deadline,
        StakingError::RulingWindowOver
    );
    let event = if uphold {
        accounts.burn(CaseStatus::Upheld)?
    } else {
        accounts.give_back(CaseStatus::Overturned)?
    };
    emit_cpi!(event);
    Ok(())
}
