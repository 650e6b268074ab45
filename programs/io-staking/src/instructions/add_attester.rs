use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::AttesterAdded;
use crate::instructions::admin::*;
use crate::state::MAX_ATTESTERS;

/// Admin: authorizes a keeper key to submit attestations.
pub fn handler(ctx: Context<AdminOnly>, attester: Pubkey) -> Result<()> {
    require!(
        attester != Pubkey::default(),
        StakingError::InvalidAuthority
    );
    let config = &mut ctx.accounts.config;
    require!(!config.is_attester(&attester), StakingError::AttesterExists);
    let count = config.attester_count as usize;
    require!(count < MAX_ATTESTERS, StakingError::TooManyAttesters);
    config.attesters[count] = attester;
    config.attester_count += 1;
    emit_cpi!(AttesterAdded {
        config: config.key(),
        attester,
    });
    Ok(())
}
