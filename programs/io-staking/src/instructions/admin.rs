//! Shared account set for instructions only the staking admin may call.

use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::state::{seeds, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct AdminOnly<'info> {
    pub admin: Signer<'info>,
    #[account(
        mut,
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
        has_one = admin @ StakingError::UnauthorizedAdmin,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
}
