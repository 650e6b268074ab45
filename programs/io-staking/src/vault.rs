//! Token movements out of the protocol's vaults, signed by the config PDA.

use anchor_lang::prelude::*;
use anchor_spl::token::{self, Burn, Mint, Token, TokenAccount, Transfer};

use crate::state::{seeds, StakingConfig};

/// Pays `amount` from a vault owned by the config PDA.
pub fn pay_out<'info>(
    token_program: &Program<'info, Token>,
    vault: &Account<'info, TokenAccount>,
    to: &Account<'info, TokenAccount>,
    config: &Account<'info, StakingConfig>,
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    let mint = config.mint;
    let signer_seeds: &[&[&[u8]]] = &[&[seeds::STAKING_CONFIG, mint.as_ref(), &[config.bump]]];
    token::transfer(
        CpiContext::new_with_signer(
            token_program.key(),
            Transfer {
                from: vault.to_account_info(),
                to: to.to_account_info(),
                authority: config.to_account_info(),
            },
            signer_seeds,
        ),
        amount,
    )
}

/// Burns `amount` held in a vault owned by the config PDA (SPL `burn`: the supply shrinks).
pub fn burn_from<'info>(
    token_program: &Program<'info, Token>,
    mint: &Account<'info, Mint>,
    vault: &Account<'info, TokenAccount>,
    config: &Account<'info, StakingConfig>,
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    let mint_key = config.mint;
    let signer_seeds: &[&[&[u8]]] = &[&[seeds::STAKING_CONFIG, mint_key.as_ref(), &[config.bump]]];
    token::burn(
        CpiContext::new_with_signer(
            token_program.key(),
            Burn {
                mint: mint.to_account_info(),
                from: vault.to_account_info(),
                authority: config.to_account_info(),
            },
            signer_seeds,
        ),
        amount,
    )
}
