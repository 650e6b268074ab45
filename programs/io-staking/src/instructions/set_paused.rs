use anchor_lang::prelude::*;

use crate::events::PausedChanged;
use crate::instructions::admin::*;

/// Admin: pauses or resumes registration, staking, attestation and epoch closes. Exits
/// (unstake, withdraw, claim) are never paused. Epochs not closed while paused stay minted-able
/// in io-emission and are caught up after resuming.
pub fn handler(ctx: Context<AdminOnly>, paused: bool) -> Result<()> {
    let config = &mut ctx.accounts.config;
    let old = config.paused;
    config.paused = paused;
    emit_cpi!(PausedChanged {
        config: config.key(),
        old,
        new: paused,
    });
    Ok(())
}
