use anchor_lang::prelude::*;
use io_staking::state::StakingConfig;

use crate::error::PaymentsError;
use crate::events::BuybackParamsUpdated;
use crate::state::{require_staking_admin, seeds, BuybackParams, PaymentsConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct UpdateParams<'info> {
    pub admin: Signer<'info>,
    #[account(address = config.staking_config @ PaymentsError::AccountMismatch)]
    pub staking_config: Box<Account<'info, StakingConfig>>,
    #[account(
        mut,
        seeds = [seeds::PAYMENTS_CONFIG, staking_config.key().as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, PaymentsConfig>>,
}

impl UpdateParams<'_> {
    fn validate(&self, params: &BuybackParams) -> Result<()> {
        require_staking_admin(&self.admin.key(), &self.staking_config)?;
        params.validate()
    }
}

/// Admin (io-staking's): stages the feed, the price's age and confidence bounds, the discount
/// (at most 10%) and the share curve. They take effect after io-staking's governance delay: an
/// instant lower curve would free the fee vault the buy-back was promised (`withdraw_fees`
/// reserves the larger share of the two meanwhile), and an instant feed change would let the
/// admin key price IO as a dearer asset. A new change replaces a staged one. A feed that stops
/// publishing is replaced this way too: the vault stays locked only for the delay.
#[access_control(ctx.accounts.validate(&params))]
pub fn handler(ctx: Context<UpdateParams>, params: BuybackParams) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let effective_at = now
        .checked_add(ctx.accounts.staking_config.governance_delay(now)?)
        .ok_or(PaymentsError::MathOverflow)?;
    let config = &mut ctx.accounts.config;
    config.apply_due_change(now);
    let old = config.params;
    let replaced = config.staged_params(now);
    config.pending_params = params;
    config.params_effective_at = effective_at;
    emit_cpi!(BuybackParamsUpdated {
        config: ctx.accounts.config.key(),
        old,
        new: params,
        effective_at,
        replaced,
    });
    Ok(())
}
