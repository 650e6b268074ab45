use anchor_lang::prelude::*;
use anchor_spl::token::{self, Burn, Mint, Token, TokenAccount};

use crate::error::PaymentsError;
use crate::events::BoughtBack;
use crate::math::buyback::{buyback_budget, quote};
use crate::math::price::OraclePrice;
use crate::oracle::read_price;
use crate::state::{seeds, PaymentsConfig};
use crate::vault::pay_out;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuyBackArgs {
    /// IO base units delivered and burned.
    pub io_amount: u64,
    /// USDC base units asked for: at most the oracle value less the discount, and at most what
    /// the buy-back share of the fees leaves. A seller quotes off chain and asks a little less
    /// to allow for the price moving (the keeper's `buyback --slippage-bps`).
    pub usdc_out: u64,
}

#[event_cpi]
#[derive(Accounts)]
pub struct BuyBack<'info> {
    pub seller: Signer<'info>,
    #[account(
        mut,
        seeds = [seeds::PAYMENTS_CONFIG, config.staking_config.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, PaymentsConfig>>,
    /// Named (read-only) so that one account's signatures list every transaction of the
    /// deployment in order: an indexer follows the staking config alone.
    /// CHECK: only its address is used.
    #[account(address = config.staking_config @ PaymentsError::AccountMismatch)]
    pub staking_config: UncheckedAccount<'info>,
    #[account(mut, address = config.io_mint @ PaymentsError::WrongMint)]
    pub io_mint: Box<Account<'info, Mint>>,
    #[account(mut, token::mint = io_mint, token::authority = seller)]
    pub seller_io: Box<Account<'info, TokenAccount>>,
    #[account(mut, token::mint = config.usdc_mint)]
    pub seller_usdc: Box<Account<'info, TokenAccount>>,
    #[account(
        mut,
        seeds = [seeds::FEE_VAULT, config.key().as_ref(), config.usdc_mint.as_ref()],
        bump,
    )]
    pub usdc_fee_vault: Box<Account<'info, TokenAccount>>,
    /// A `PriceUpdateV2` of the configured feed, owned by Pyth's receiver program.
    /// CHECK: owner, discriminator, verification, feed id, age and confidence are checked in
    /// `validate` (math::price).
    pub price_update: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token>,
}

/// What a buy-back at the current price may do.
struct Quote {
    price: OraclePrice,
    share_bps: u16,
    budget: u64,
}

impl BuyBack<'_> {
    /// The price checks and bounds, once, in the handler (they need the clock and the oracle).
    fn quote(&self, args: &BuyBackArgs) -> Result<Quote> {
        let now = Clock::get()?.unix_timestamp;
        let config = &self.config;
        let params = config.params_at(now);
        let price = read_price(&self.price_update, &params, now)?;
        let most = quote(
            args.io_amount,
            price.price,
            price.exponent,
            config.io_decimals,
            params.discount_bps,
        )?;
        require!(args.usdc_out <= most, PaymentsError::AboveDiscountBound);
        let share_bps = params.share_bps_at(&price)?;
        let budget = buyback_budget(config.usdc.fees, share_bps, config.usdc_bought_back)?
            .min(self.usdc_fee_vault.amount);
        require!(
            args.usdc_out <= budget,
            PaymentsError::BuybackBudgetExceeded
        );
        Ok(Quote {
            price,
            share_bps,
            budget,
        })
    }

    fn validate(&self, args: &BuyBackArgs) -> Result<()> {
        require!(
            args.io_amount > 0 && args.usdc_out > 0,
            PaymentsError::ZeroAmount
        );
        Ok(())
    }
}

/// Anyone: delivers IO, which is burned here, and receives USDC from the fee vault at the oracle
/// price less at most the discount, within the buy-back share of the fees.
#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<BuyBack>, args: BuyBackArgs) -> Result<()> {
    let quoted = ctx.accounts.quote(&args)?;
    token::burn(
        CpiContext::new(
            ctx.accounts.token_program.key(),
            Burn {
                mint: ctx.accounts.io_mint.to_account_info(),
                from: ctx.accounts.seller_io.to_account_info(),
                authority: ctx.accounts.seller.to_account_info(),
            },
        ),
        args.io_amount,
    )?;
    pay_out(
        &ctx.accounts.token_program,
        &ctx.accounts.usdc_fee_vault,
        &ctx.accounts.seller_usdc.to_account_info(),
        &ctx.accounts.config,
        args.usdc_out,
    )?;
    let overflow = || error!(PaymentsError::MathOverflow);
    let config = &mut ctx.accounts.config;
    config.usdc_bought_back = config
        .usdc_bought_back
        .checked_add(args.usdc_out)
        .ok_or_else(overflow)?;
    config.io_burned = config
        .io_burned
        .checked_add(args.io_amount)
        .ok_or_else(overflow)?;
    config.buybacks = config.buybacks.checked_add(1).ok_or_else(overflow)?;
    emit_cpi!(BoughtBack {
        config: config.key(),
        seller: ctx.accounts.seller.key(),
        io_burned: args.io_amount,
        usdc_paid: args.usdc_out,
        price: quoted.price.price,
        exponent: quoted.price.exponent,
        share_bps: quoted.share_bps,
        budget_left: quoted.budget.saturating_sub(args.usdc_out),
    });
    Ok(())
}
