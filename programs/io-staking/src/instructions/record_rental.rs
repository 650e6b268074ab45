use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::RentalRecorded;
use crate::safe_math::SafeMath;
use crate::state::{seeds, Device, StakingConfig};

/// io-payments, whose config PDA of a deployment records its rentals (io-payments depends on
/// io-staking, so its id is repeated here; a test checks the two agree).
pub const IO_PAYMENTS_PROGRAM_ID: Pubkey = pubkey!("Em7SFJpSWVff25B1Lt3t1tW5z8YH2HRWVAMbrJ4qLpEh");
/// io-payments' config seed: `[PAYMENTS_CONFIG_SEED, staking_config]`.
pub const PAYMENTS_CONFIG_SEED: &[u8] = b"payments_config";

pub use crate::math::eligibility::MAX_RENTAL_SECONDS;

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
