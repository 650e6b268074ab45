use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::error::PaymentsError;
use crate::events::ReservationSettled;
use crate::math::fees::hours_ended;
use crate::state::{seeds, PaymentsConfig, Reservation};
use crate::vault::{close_escrow, pay_hours, pay_out};

/// The accounts that paying a reservation's hours touches (settle; cancel adds the renter's).
#[derive(Accounts)]
pub struct PayReservation<'info> {
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
    #[account(
        mut,
        has_one = config @ PaymentsError::AccountMismatch,
        seeds = [
            seeds::RESERVATION,
            config.key().as_ref(),
            reservation.renter.as_ref(),
            &reservation.nonce.to_le_bytes(),
        ],
        bump = reservation.bump,
    )]
    pub reservation: Box<Account<'info, Reservation>>,
    #[account(
        mut,
        seeds = [seeds::ESCROW, reservation.key().as_ref()],
        bump = reservation.escrow_bump,
    )]
    pub escrow: Box<Account<'info, TokenAccount>>,
    /// Only the device owner's token account for the reservation's mint can be paid.
    #[account(
        mut,
        constraint = supplier_token.owner == reservation.supplier
            && supplier_token.mint == reservation.mint @ PaymentsError::WrongPayee,
    )]
    pub supplier_token: Box<Account<'info, TokenAccount>>,
    #[account(
        mut,
        seeds = [seeds::FEE_VAULT, config.key().as_ref(), reservation.mint.as_ref()],
        bump,
    )]
    pub fee_vault: Box<Account<'info, TokenAccount>>,
    /// Receives the reservation's and the escrow's rent when they close.
    /// CHECK: only lamports are credited to it, and its address is the renter's.
    #[account(mut, address = reservation.renter @ PaymentsError::AccountMismatch)]
    pub renter: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token>,
}

#[event_cpi]
#[derive(Accounts)]
pub struct Settle<'info> {
    pub pay: PayReservation<'info>,
}

impl PayReservation<'_> {
    /// Once every hour is paid or refunded: anything a third party sent into the escrow goes to
    /// the fee vault (an escrow with a balance cannot be closed, and a stray transfer must not
    /// lock the renter out), then the escrow and the reservation close, rent to the renter.
    pub fn close_if_done(&mut self) -> Result<bool> {
        if self.reservation.hours_settled < self.reservation.hours {
            return Ok(false);
        }
        self.escrow.reload()?;
        let stray = self.escrow.amount;
        if stray > 0 {
            pay_out(
                &self.token_program,
                &self.escrow,
                &self.fee_vault.to_account_info(),
                &self.config,
                stray,
            )?;
            let totals = self.config.totals_mut(&self.reservation.mint)?;
            totals.swept = totals
                .swept
                .checked_add(stray)
                .ok_or(PaymentsError::MathOverflow)?;
        }
        let renter = self.renter.to_account_info();
        close_escrow(&self.token_program, &self.escrow, &renter, &self.config)?;
        self.reservation.close(renter)?;
        Ok(true)
    }

    pub fn pay(&mut self, hours: u32) -> Result<crate::vault::HoursPaid> {
        pay_hours(
            &self.token_program,
            &mut self.config,
            &mut self.reservation,
            &self.escrow,
            &self.supplier_token.to_account_info(),
            &self.fee_vault,
            hours,
        )
    }
}

impl Settle<'_> {
    fn due(&self) -> Result<u32> {
        let now = Clock::get()?.unix_timestamp;
        let reservation = &self.pay.reservation;
        let ended = hours_ended(reservation.starts_at, now, reservation.hours);
        Ok(ended.saturating_sub(reservation.hours_settled))
    }

    fn validate(&self) -> Result<()> {
        require!(self.due()? > 0, PaymentsError::NothingToSettle);
        Ok(())
    }
}

/// Anyone: pays the device owner for every whole hour ended and not yet paid; the last hour
/// closes the reservation.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<Settle>) -> Result<()> {
    let hours = ctx.accounts.due()?;
    let paid = ctx.accounts.pay.pay(hours)?;
    let reservation = &ctx.accounts.pay.reservation;
    let event = ReservationSettled {
        reservation: reservation.key(),
        device: reservation.device,
        mint: reservation.mint,
        hours,
        paid: paid.paid,
        fees: paid.fees,
        hours_settled: reservation.hours_settled,
        completed: reservation.hours_settled == reservation.hours,
    };
    ctx.accounts.pay.close_if_done()?;
    emit_cpi!(event);
    Ok(())
}
