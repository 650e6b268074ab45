use anchor_lang::prelude::*;
use anchor_spl::token::TokenAccount;
use io_staking::program::IoStaking;
use io_staking::state::{Device, StakingConfig};

use crate::error::PaymentsError;
use crate::events::ReservationCancelled;
use crate::math::fees::{hours_begun, hours_end};
use crate::rental::record_rental;
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
    /// The reservation's device: its paid hours now end with the hour begun.
    #[account(mut, address = pay.reservation.device @ PaymentsError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
    pub staking_program: Program<'info, IoStaking>,
    /// CHECK: io-staking's `#[event_cpi]` authority; io-staking verifies it.
    pub staking_event_authority: UncheckedAccount<'info>,
}

impl Cancel<'_> {
    fn validate(&self) -> Result<()> {
        require!(self.pay.renter.is_signer, PaymentsError::NotRenter);
        Ok(())
    }
}

/// Renter: ends the reservation now. Every hour begun is paid as settlement would pay it (the
/// device was held for it); the hours not begun come back with their fees, and the reservation
/// and escrow close. The device's rental is shortened to the end of the hour begun.
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
    shorten_rental(ctx.accounts, starts_at, begun, now)?;
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

/// Shortens the device's rental to this reservation's hours begun. Only while io-staking still
/// names this deployment as its payments authority and this reservation is the device's
/// rental: a cancel must never be blocked (the renter's refund waits on it), and it must not cut
/// short another reservation's hours.
fn shorten_rental(accounts: &Cancel, starts_at: i64, begun: u32, now: i64) -> Result<()> {
    let reservation = &accounts.pay.reservation;
    let booked_until = hours_end(starts_at, reservation.hours)?;
    let staking_config =
        StakingConfig::try_deserialize(&mut &accounts.pay.staking_config.try_borrow_data()?[..])?;
    let named = staking_config.payments_authority_at(now) == accounts.pay.config.key();
    if !named || accounts.device.rented_until != booked_until {
        return Ok(());
    }
    record_rental(
        &accounts.pay.config,
        &accounts.pay.staking_config.to_account_info(),
        &accounts.device.to_account_info(),
        &accounts.staking_program,
        &accounts.staking_event_authority,
        hours_end(starts_at, begun)?,
    )
}
