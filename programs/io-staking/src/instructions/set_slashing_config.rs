use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::SlashingConfigUpdated;
use crate::instructions::admin::*;
use crate::state::SlashingParams;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct SlashingConfigArgs {
    pub slasher: Pubkey,
    pub arbiter: Pubkey,
    pub params: SlashingParams,
}

/// Admin: sets the slasher, the arbiter (always a different key) and the slashing parameters.
/// Cases already open keep the deadlines they were given.
pub fn handler(ctx: Context<AdminOnly>, args: SlashingConfigArgs) -> Result<()> {
    require!(
        args.slasher != Pubkey::default() && args.arbiter != Pubkey::default(),
        StakingError::InvalidAuthority
    );
    require_keys_neq!(args.slasher, args.arbiter, StakingError::SlasherIsArbiter);
    args.params.validate()?;
    let config = &mut ctx.accounts.config;
    let event = SlashingConfigUpdated {
        config: config.key(),
        old_slasher: config.slasher,
        new_slasher: args.slasher,
        old_arbiter: config.arbiter,
        new_arbiter: args.arbiter,
        old_params: config.slashing,
        new_params: args.params,
    };
    config.slasher = args.slasher;
    config.arbiter = args.arbiter;
    config.slashing = args.params;
    emit_cpi!(event);
    Ok(())
}
