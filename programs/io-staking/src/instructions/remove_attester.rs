use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::AttesterRemoved;
use crate::instructions::admin::*;

/// Admin: revokes an attester; the set stays packed at the front of the array.
pub fn handler(ctx: Context<AdminOnly>, attester: Pubkey) -> Result<()> {
    let config = &mut ctx.accounts.config;
    let count = config.attester_count as usize;
    let index = config
        .active_attesters()
        .iter()
        .position(|a| *a == attester)
        .ok_or(StakingError::AttesterNotFound)?;
    config.attesters[index] = config.attesters[count - 1];
    config.attesters[count - 1] = Pubkey::default();
    config.attester_count -= 1;
    emit_cpi!(AttesterRemoved {
        config: config.key(),
        attester,
    });
    Ok(())
}
