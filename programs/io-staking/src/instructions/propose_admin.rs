use anchor_lang::prelude::*;

use crate::events::AdminTransferProposed;
use crate::instructions::admin::*;

/// Admin: nominates a new admin (step 1 of 2); `Pubkey::default()` cancels.
pub fn handler(ctx: Context<AdminOnly>, new_admin: Pubkey) -> Result<()> {
    let config = &mut ctx.accounts.config;
    let old_pending_admin = config.pending_admin;
    config.pending_admin = new_admin;
    emit_cpi!(AdminTransferProposed {
        config: config.key(),
        admin: config.admin,
        old_pending_admin,
        new_pending_admin: new_admin,
    });
    Ok(())
}
