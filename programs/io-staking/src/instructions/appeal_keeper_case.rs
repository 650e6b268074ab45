use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::KeeperCaseAppealed;
use crate::state::{check_case_step, CaseStatus, CaseStep, KeeperCase};

#[event_cpi]
#[derive(Accounts)]
pub struct AppealKeeperCase<'info> {
    pub operator: Signer<'info>,
    #[account(mut, has_one = operator @ StakingError::NotKeeper)]
    pub case: Box<Account<'info, KeeperCase>>,
}

impl AppealKeeperCase<'_> {
    fn validate(&self) -> Result<()> {
        check_case_step(
            CaseStep::Appeal,
            self.case.status,
            self.case.appeal_deadline,
            self.case.ruling_deadline,
            Clock::get()?.unix_timestamp,
        )
    }
}

/// The keeper's operator appeals within the appeal period, with a hash of its statement.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<AppealKeeperCase>, statement_hash: [u8; 32]) -> Result<()> {
    let case = &mut ctx.accounts.case;
    case.status = CaseStatus::Appealed;
    case.statement_hash = statement_hash;
    case.appealed_at = Clock::get()?.unix_timestamp;
    emit_cpi!(KeeperCaseAppealed {
        case: case.key(),
        operator: case.operator,
        statement_hash,
        ruling_deadline: case.ruling_deadline,
    });
    Ok(())
}
