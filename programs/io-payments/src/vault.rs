//! Token movements out of the escrows and the fee vaults, signed by the payments config PDA.

use anchor_lang::prelude::*;
use anchor_spl::token::{self, CloseAccount, Token, TokenAccount, Transfer};

use crate::error::PaymentsError;
use crate::state::{PaymentsConfig, Reservation};

/// Pays `amount` from a token account owned by the config PDA.
pub fn pay_out<'info>(
    token_program: &Program<'info, Token>,
    from: &Account<'info, TokenAccount>,
    to: &AccountInfo<'info>,
    config: &Account<'info, PaymentsConfig>,
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    let bump = [config.bump];
    let config_seeds = config.signer_seeds(&bump);
    let signer_seeds: &[&[&[u8]]] = &[&config_seeds];
    token::transfer(
        CpiContext::new_with_signer(
            token_program.key(),
            Transfer {
                from: from.to_account_info(),
                to: to.clone(),
                authority: config.to_account_info(),
            },
            signer_seeds,
        ),
        amount,
    )
}

/// Closes an emptied escrow, its rent to `destination` (the renter, who paid it).
pub fn close_escrow<'info>(
    token_program: &Program<'info, Token>,
    escrow: &Account<'info, TokenAccount>,
    destination: &AccountInfo<'info>,
    config: &Account<'info, PaymentsConfig>,
) -> Result<()> {
    let bump = [config.bump];
    let config_seeds = config.signer_seeds(&bump);
    let signer_seeds: &[&[&[u8]]] = &[&config_seeds];
    token::close_account(CpiContext::new_with_signer(
        token_program.key(),
        CloseAccount {
            account: escrow.to_account_info(),
            destination: destination.clone(),
            authority: config.to_account_info(),
        },
        signer_seeds,
    ))
}

/// What paying `hours` of a reservation moves.
pub struct HoursPaid {
    pub paid: u64,
    pub fees: u64,
}

/// Pays `hours` more of `reservation` from its escrow: the supplier's part to the supplier, the
/// fee to the fee vault; records them in the reservation and the totals.
pub fn pay_hours<'info>(
    token_program: &Program<'info, Token>,
    config: &mut Account<'info, PaymentsConfig>,
    reservation: &mut Account<'info, Reservation>,
    escrow: &Account<'info, TokenAccount>,
    supplier_token: &AccountInfo<'info>,
    fee_vault: &Account<'info, TokenAccount>,
    hours: u32,
) -> Result<HoursPaid> {
    let overflow = || error!(PaymentsError::MathOverflow);
    let paid = reservation
        .supplier_per_hour
        .checked_mul(u64::from(hours))
        .ok_or_else(overflow)?;
    let fees = reservation
        .fee_per_hour
        .checked_mul(u64::from(hours))
        .ok_or_else(overflow)?;
    pay_out(token_program, escrow, supplier_token, config, paid)?;
    pay_out(
        token_program,
        escrow,
        &fee_vault.to_account_info(),
        config,
        fees,
    )?;
    reservation.hours_settled = reservation
        .hours_settled
        .checked_add(hours)
        .ok_or_else(overflow)?;
    let totals = config.totals_mut(&reservation.mint)?;
    totals.paid = totals.paid.checked_add(paid).ok_or_else(overflow)?;
    totals.fees = totals.fees.checked_add(fees).ok_or_else(overflow)?;
    Ok(HoursPaid { paid, fees })
}
