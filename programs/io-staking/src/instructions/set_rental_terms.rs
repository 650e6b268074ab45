use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::RentalTermsSet;
use crate::state::{seeds, Device, StakingConfig};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct RentalTerms {
    /// The least a renter pays per hour in USDC base units; 0 refuses USDC rentals.
    pub min_usdc_per_hour: u64,
    /// The least a renter pays per hour in IO base units; 0 refuses IO rentals.
    pub min_io_per_hour: u64,
}

#[event_cpi]
#[derive(Accounts)]
pub struct SetRentalTerms<'info> {
    pub owner: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(
        mut,
        has_one = owner @ StakingError::NotDeviceOwner,
        has_one = config @ StakingError::AccountMismatch,
    )]
    pub device: Box<Account<'info, Device>>,
}

/// Owner: sets the least a renter pays per hour in each mint (0 refuses rentals in it). A
/// rental blocks unstake for its hours (docs/design.md section 17), so a device is rentable only
/// on its owner's terms: nobody can hold it for dust. Reservations already made keep their
/// price; never paused (it only narrows what renters may do).
pub fn handler(ctx: Context<SetRentalTerms>, terms: RentalTerms) -> Result<()> {
    let device = &mut ctx.accounts.device;
    device.min_usdc_per_hour = terms.min_usdc_per_hour;
    device.min_io_per_hour = terms.min_io_per_hour;
    device.invariant()?;
    emit_cpi!(RentalTermsSet {
        device: device.key(),
        min_usdc_per_hour: terms.min_usdc_per_hour,
        min_io_per_hour: terms.min_io_per_hour,
    });
    Ok(())
}
