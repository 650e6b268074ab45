use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::AdminTransferred;
use crate::state::{seeds, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct AcceptAdmin<'info> {
    pub new_admin: Signer<'info>,
    #[account(
        mut,
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
}

impl AcceptAdmin<'_> {
    fn validate(&self) -> Result<()> {
        require!(
            self.config.pending_admin != Pubkey::default(),
            StakingError::NoPendingAdmin
        );
        require_keys_eq!(
            self.config.pending_admin,
            self.new_admin.key(),
            StakingError::NotPendingAdmin
        );
        Ok(())
    }
}

/// The nominee accepts (step 2 of 2).
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<AcceptAdmin>) -> Result<()> {
    let config = &mut ctx.accounts.config;
    let old_admin = config.admin;
    config.admin = config.pending_admin;
    config.pending_admin = Pubkey::default();
    config.invariant()?;
    emit_cpi!(AdminTransferred {
        config: config.key(),
        old_admin,
        new_admin: config.admin,
    });
    Ok(())
}
