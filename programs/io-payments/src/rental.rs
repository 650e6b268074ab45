//! Telling io-staking how long a device is rented (docs/design.md section 17): a CPI to
//! `record_rental`, signed by this deployment's config PDA, which io-staking's config names.

use anchor_lang::prelude::*;
use io_staking::program::IoStaking;

use crate::state::PaymentsConfig;

/// Records on `device` that its paid hours end at `rented_until`.
pub fn record_rental<'info>(
    config: &Account<'info, PaymentsConfig>,
    staking_config: &AccountInfo<'info>,
    device: &AccountInfo<'info>,
    staking_program: &Program<'info, IoStaking>,
    staking_event_authority: &AccountInfo<'info>,
    rented_until: i64,
) -> Result<()> {
    let bump = [config.bump];
    let config_seeds = config.signer_seeds(&bump);
    let signer_seeds: &[&[&[u8]]] = &[&config_seeds];
    io_staking::cpi::record_rental(
        CpiContext::new_with_signer(
            staking_program.key(),
            io_staking::cpi::accounts::RecordRental {
                payments_authority: config.to_account_info(),
                config: staking_config.clone(),
                device: device.clone(),
                event_authority: staking_event_authority.clone(),
                program: staking_program.to_account_info(),
            },
            signer_seeds,
        ),
        rented_until,
    )
}
