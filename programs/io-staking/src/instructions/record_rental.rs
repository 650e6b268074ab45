use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::RentalRecorded;
use crate::safe_math::SafeMath;
use crate::state::{seeds, Device, StakingConfig};

/// The longest reservation io-payments takes (720 whole hours): a payments authority can never
/// hold a device longer than one reservation from now.
pub const MAX_RENTAL_SECONDS: i64 = 720 * 3_600;

#[event_cpi]
#[derive(Accounts)]
pub struct RecordRental<'info> {
    /// io-payments' config PDA, signing through `invoke_signed`.
    pub payments_authority: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, has_one = config @ StakingError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
}

impl RecordRental<'_> {
    fn validate(&self, rented_until: i64) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let authority = self.config.payments_authority_at(now);
        require!(
            authority != Pubkey::default() && authority == self.payments_authority.key(),
            StakingError::NotPaymentsAuthority
        );
        require!(
            rented_until <= now.safe_add(MAX_RENTAL_SECONDS)?,
            StakingError::RentalTooLong
        );
        Ok(())
    }
}

/// io-payments (CPI): records when the hours renters paid for the device end; a reservation
/// sets it, a cancel shortens it to the end of the hour begun. `request_unstake` is refused
/// until then (docs/design.md section 17).
#[access_control(ctx.accounts.validate(rented_until))]
pub fn handler(ctx: Context<RecordRental>, rented_until: i64) -> Result<()> {
    let device = &mut ctx.accounts.device;
    let old_rented_until = device.rented_until;
    device.rented_until = rented_until;
    device.invariant()?;
    emit_cpi!(RentalRecorded {
        device: device.key(),
        old_rented_until,
        rented_until,
    });
    Ok(())
}
