use anchor_lang::prelude::*;

use crate::error::EmissionError;
use crate::events::DistributorChanged;
use crate::state::{seeds, EmissionState};

#[event_cpi]
#[derive(Accounts)]
pub struct SetDistributor<'info> {
    pub admin: Signer<'info>,
    #[account(
        mut,
        seeds = [seeds::EMISSION_STATE, state.mint.as_ref()],
        bump = state.bump,
        has_one = admin @ EmissionError::UnauthorizedAdmin,
    )]
    pub state: Box<Account<'info, EmissionState>>,
}

impl SetDistributor<'_> {
    fn validate(&self, new_distributor: &Pubkey) -> Result<()> {
        require!(
            *new_distributor != Pubkey::default(),
            EmissionError::InvalidAuthority
        );
        Ok(())
    }
}

#[access_control(ctx.accounts.validate(&new_distributor))]
pub fn handler(ctx: Context<SetDistributor>, new_distributor: Pubkey) -> Result<()> {
    let state = &mut ctx.accounts.state;
    let old_distributor = state.distributor;
    state.distributor = new_distributor;
    state.invariant()?;
    emit_cpi!(DistributorChanged {
        state: state.key(),
        old_distributor,
        new_distributor,
    });
    Ok(())
}
