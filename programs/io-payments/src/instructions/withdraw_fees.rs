use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use io_staking::state::StakingConfig;

use crate::error::PaymentsError;
use crate::events::FeesWithdrawn;
use crate::math::buyback::buyback_budget;
use crate::oracle::read_price;
use crate::state::{require_staking_admin, seeds, PaymentsConfig};
use crate::vault::pay_out;

#[event_cpi]
#[derive(Accounts)]
pub struct WithdrawFees<'info> {
    pub admin: Signer<'info>,
    #[account(address = config.staking_config @ PaymentsError::AccountMismatch)]
    pub staking_config: Box<Account<'info, StakingConfig>>,
    #[account(
        mut,
        seeds = [seeds::PAYMENTS_CONFIG, staking_config.key().as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, PaymentsConfig>>,
    #[account(
        constraint = mint.key() == config.usdc_mint || mint.key() == config.io_mint
            @ PaymentsError::WrongMint,
    )]
    pub mint: Box<Account<'info, Mint>>,
    #[account(
        mut,
        seeds = [seeds::FEE_VAULT, config.key().as_ref(), mint.key().as_ref()],
        bump,
    )]
    pub fee_vault: Box<Account<'info, TokenAccount>>,
    #[account(mut, token::mint = mint)]
    pub to: Box<Account<'info, TokenAccount>>,
    /// The IO/USD price, for a USDC withdrawal.
    /// CHECK: read with every check by `oracle::read_price`.
    pub price_update: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token>,
}

impl WithdrawFees<'_> {
    /// What must stay for the buy-back: `fees × share − bought back`, with the larger share of
    /// the parameters in force and a staged change, so staging a lower curve cannot free the
    /// vault before the change lands. A staged change to another feed cannot be read at this
    /// price: its curve's largest share counts. Nothing is reserved in the IO vault (the
    /// buy-back spends USDC only).
    fn reserved(&self) -> Result<u64> {
        if self.mint.key() != self.config.usdc_mint {
            return Ok(0);
        }
        let now = Clock::get()?.unix_timestamp;
        let params = self.config.params_at(now);
        let price = read_price(&self.price_update, &params, now)?;
        let mut share = params.share_bps_at(&price)?;
        if let Some(staged) = self.config.staged_params(now) {
            let staged_share = if staged.feed_id == params.feed_id {
                staged.share_bps_at(&price)?
            } else {
                staged.max_share_bps()
            };
            share = share.max(staged_share);
        }
        Ok(buyback_budget(
            self.config.usdc.fees,
            share,
            self.config.usdc_bought_back,
        )?)
    }

    fn validate(&self, amount: u64) -> Result<()> {
        require_staking_admin(&self.admin.key(), &self.staking_config)?;
        require!(amount > 0, PaymentsError::ZeroAmount);
        Ok(())
    }
}

/// Admin (io-staking's): moves `amount` of a fee vault to `to`. From the USDC vault only what
/// the buy-back share at the current oracle price leaves (`AboveWithdrawable`), the larger of
/// the share in force and a staged one; a later fall in
/// the price can then ask the buy-back for more than is left, and it buys what the vault holds.
#[access_control(ctx.accounts.validate(amount))]
pub fn handler(ctx: Context<WithdrawFees>, amount: u64) -> Result<()> {
    let reserved = ctx.accounts.reserved()?;
    let withdrawable = ctx.accounts.fee_vault.amount.saturating_sub(reserved);
    require!(amount <= withdrawable, PaymentsError::AboveWithdrawable);
    pay_out(
        &ctx.accounts.token_program,
        &ctx.accounts.fee_vault,
        &ctx.accounts.to.to_account_info(),
        &ctx.accounts.config,
        amount,
    )?;
    let mint = ctx.accounts.mint.key();
    let totals = ctx.accounts.config.totals_mut(&mint)?;
    totals.withdrawn = totals
        .withdrawn
        .checked_add(amount)
        .ok_or(PaymentsError::MathOverflow)?;
    emit_cpi!(FeesWithdrawn {
        config: ctx.accounts.config.key(),
        mint,
        to: ctx.accounts.to.key(),
        amount,
        reserved,
    });
    Ok(())
}
