use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use io_staking::state::StakingConfig;

use crate::error::PaymentsError;
use crate::events::PaymentsInitialized;
use crate::math::buyback::USDC_DECIMALS;
use crate::state::{require_staking_admin, seeds, BuybackParams, PaymentsConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct Initialize<'info> {
    /// io-staking's admin: the same governance decides the buy-back.
    #[account(mut)]
    pub admin: Signer<'info>,
    pub staking_config: Box<Account<'info, StakingConfig>>,
    #[account(address = staking_config.mint @ PaymentsError::WrongMint)]
    pub io_mint: Box<Account<'info, Mint>>,
    pub usdc_mint: Box<Account<'info, Mint>>,
    #[account(
        init,
        payer = admin,
        space = PaymentsConfig::SIZE,
        seeds = [seeds::PAYMENTS_CONFIG, staking_config.key().as_ref()],
        bump,
    )]
    pub config: Box<Account<'info, PaymentsConfig>>,
    #[account(
        init,
        payer = admin,
        seeds = [seeds::FEE_VAULT, config.key().as_ref(), usdc_mint.key().as_ref()],
        bump,
        token::mint = usdc_mint,
        token::authority = config,
    )]
    pub usdc_fee_vault: Box<Account<'info, TokenAccount>>,
    #[account(
        init,
        payer = admin,
        seeds = [seeds::FEE_VAULT, config.key().as_ref(), io_mint.key().as_ref()],
        bump,
        token::mint = io_mint,
        token::authority = config,
    )]
    pub io_fee_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

impl Initialize<'_> {
    fn validate(&self, params: &BuybackParams) -> Result<()> {
        require_staking_admin(&self.admin.key(), &self.staking_config)?;
        require!(
            self.usdc_mint.decimals == USDC_DECIMALS,
            PaymentsError::WrongDecimals
        );
        require_keys_neq!(
            self.usdc_mint.key(),
            self.io_mint.key(),
            PaymentsError::WrongMint
        );
        params.validate()
    }
}

/// Admin: creates the payments config for one staking deployment, with a fee vault per mint.
#[access_control(ctx.accounts.validate(&params))]
pub fn handler(ctx: Context<Initialize>, params: BuybackParams) -> Result<()> {
    let staking_config = ctx.accounts.staking_config.key();
    let config = &mut ctx.accounts.config;
    config.set_inner(PaymentsConfig {
        version: PaymentsConfig::VERSION,
        bump: ctx.bumps.config,
        staking_config,
        io_mint: ctx.accounts.io_mint.key(),
        usdc_mint: ctx.accounts.usdc_mint.key(),
        io_decimals: ctx.accounts.io_mint.decimals,
        params,
        pending_params: params,
        params_effective_at: 0,
        next_reservation_id: 0,
        usdc: Default::default(),
        io: Default::default(),
        usdc_bought_back: 0,
        io_burned: 0,
        buybacks: 0,
        reserved: [0; 64],
    });
    emit_cpi!(PaymentsInitialized {
        config: ctx.accounts.config.key(),
        staking_config,
        usdc_mint: ctx.accounts.usdc_mint.key(),
        io_mint: ctx.accounts.io_mint.key(),
        params,
    });
    Ok(())
}
