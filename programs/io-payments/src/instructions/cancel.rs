use anchor_lang::prelude::*;
use anchor_spl::token::TokenAccount;

use crate::error::PaymentsError;
use crate::events::ReservationCancelled;
use crate::math::fees::hours_begun;
use crate::vault::pay_out;

// The shared account set, with the client modules Anchor generates for it.
use super::settle::*;

#[event_cpi]
#[derive(Accounts)]
pub struct Cancel<'info> {
    /// `pay.renter` must sign: only the renter cancels.
    pub pay: PayReservation<'info>,
    #[account(
        mut,
        token::mint = pay.reservation.mint,
        token::authority = pay.renter,
    )]
    pub renter_token: Box<Account<'info, TokenAccount>>,
}

impl Cancel<'_> {
    fn validate(&self) -> Result<()> {
        require!(self.pay.renter.is_signer, PaymentsError::NotRenter);
        Ok(())
    }
}

/// Renter: ends the reservation now. Every hour begun is paid as settlement would pay it (the
/// device was held for it); the hours not begun come back with their fees, and the reservation
/// and escrow close.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<Cancel>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let (starts_at, hours, settled) = {
        let reservation = &ctx.accounts.pay.reservation;
        (
            reservation.starts_at,
            reservation.hours,
            reservation.hours_settled,
        )
    };
    let begun = hours_begun(starts_at, now, hours);
    let hours_paid = begun.saturating_sub(settled);
    let paid = ctx.accounts.pay.pay(hours_paid)?;

    let hours_refunded = hours.saturating_sub(begun.max(settled));
    let refunded = ctx
        .accounts
        .pay
        .reservation
        .renter_per_hour
        .checked_mul(u64::from(hours_refunded))
        .ok_or(PaymentsError::MathOverflow)?;
    let pay = &mut ctx.accounts.pay;
    pay_out(
        &pay.token_program,
        &pay.escrow,
        &ctx.accounts.renter_token.to_account_info(),
        &pay.config,
        refunded,
    )?;
    let mint = pay.reservation.mint;
    let totals = pay.config.totals_mut(&mint)?;
    totals.refunded = totals
        .refunded
        .checked_add(refunded)
        .ok_or(PaymentsError::MathOverflow)?;
    // Every hour is now either paid or refunded.
    pay.reservation.hours_settled = hours;
    let event = ReservationCancelled {
        reservation: pay.reservation.key(),
        device: pay.reservation.device,
        mint,
        hours_paid,
        paid: paid.paid,
        fees: paid.fees,
        hours_refunded,
        refunded,
    };
    pay.close_if_done()?;
    emit_cpi!(event);
    Ok(())
}
