use anchor_lang::prelude::*;

use crate::error::EmissionError;
use crate::events::AdminTransferred;
use crate::state::{seeds, EmissionState};

#[event_cpi]
#[derive(Accounts)]
pub struct AcceptAdmin<'info> {
    pub new_admin: Signer<'info>,
    #[account(
        mut,
        seeds = [seeds::EMISSION_STATE, state.mint.as_ref()],
        bump = state.bump,
    )]
    pub state: Box<Account<'info, EmissionState>>,
}

impl AcceptAdmin<'_> {
    fn validate(&self) -> Result<()> {
        require!(
            self.state.pending_admin != Pubkey::default(),
            EmissionError::NoPendingAdmin
        );
        require_keys_eq!(
            self.state.pending_admin,
            self.new_admin.key(),
            EmissionError::NotPendingAdmin
        );
        Ok(())
    }
}

#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<AcceptAdmin>) -> Result<()> {
    let state = &mut ctx.accounts.state;
    let old_admin = state.admin;
    state.admin = state.pending_admin;
    state.pending_admin = Pubkey::default();
    state.invariant()?;
    emit_cpi!(AdminTransferred {
        state: state.key(),
        old_admin,
        new_admin: state.admin,
    });
    Ok(())
}
