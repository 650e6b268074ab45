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
        // Pointing the buy-back at another feed (a dearer asset) would let whoever holds the
        // admin key sell dust for the whole vault in one block.
        require!(
            params.feed_id == self.config.params.feed_id,
            PaymentsError::FeedIdFixed
        );
        params.validate()
    }
}

/// Admin (io-staking's): sets the price's age and confidence bounds, the discount (at most 10%)
/// and the share curve, at once; the feed stays the one set at initialize. They only bound what
/// a buy-back may pay; nobody's funds are locked by them, so no delay applies.
#[access_control(ctx.accounts.validate(&params))]
pub fn handler(ctx: Context<UpdateParams>, params: BuybackParams) -> Result<()> {
    let old = ctx.accounts.config.params;
    ctx.accounts.config.params = params;
    emit_cpi!(BuybackParamsUpdated {
        config: ctx.accounts.config.key(),
        old,
        new: params,
    });
    Ok(())
}
