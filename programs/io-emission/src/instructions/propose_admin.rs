use anchor_lang::prelude::*;

use crate::error::EmissionError;
use crate::events::AdminTransferProposed;
use crate::state::{seeds, EmissionState};

#[event_cpi]
#[derive(Accounts)]
pub struct ProposeAdmin<'info> {
    pub admin: Signer<'info>,
    #[account(
        mut,
        seeds = [seeds::EMISSION_STATE, state.mint.as_ref()],
        bump = state.bump,
        has_one = admin @ EmissionError::UnauthorizedAdmin,
    )]
    pub state: Box<Account<'info, EmissionState>>,
}

/// Two steps so a typo cannot hand governance to a key nobody controls.
pub fn handler(ctx: Context<ProposeAdmin>, new_admin: Pubkey) -> Result<()> {
    let state = &mut ctx.accounts.state;
    let old_pending_admin = state.pending_admin;
    state.pending_admin = new_admin;
    state.invariant()?;
    emit_cpi!(AdminTransferProposed {
        state: state.key(),
        admin: state.admin,
        old_pending_admin,
        new_pending_admin: new_admin,
    });
    Ok(())
}
