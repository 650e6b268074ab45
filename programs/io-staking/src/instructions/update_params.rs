use anchor_lang::prelude::*;

use crate::events::ParamsUpdated;
use crate::instructions::admin::*;
use crate::state::StakingParams;

/// Admin: replaces the parameters. Devices pick up a changed requirement when next attested
/// (they leave the active set if they no longer meet it); cooldowns already running keep the
/// unlock time they were given.
pub fn handler(ctx: Context<AdminOnly>, params: StakingParams) -> Result<()> {
    params.validate()?;
    let config = &mut ctx.accounts.config;
    let old = config.params;
    config.params = params;
    emit_cpi!(ParamsUpdated {
        config: config.key(),
        old,
        new: params,
    });
    Ok(())
}
