use anchor_lang::prelude::*;

use crate::state::seeds;

/// PDA `[seeds::HARDWARE, config, hardware_hash]`: created when a device registers and closed with
/// it (rent to the owner), so one set of GPUs is one device (docs/design.md section 16). Two
/// device keys on the same GPUs would otherwise earn twice for one machine's uptime.
#[account]
#[derive(InitSpace, Debug)]
pub struct HardwareMarker {
    pub version: u8,
    pub bump: u8,
    pub config: Pubkey,
    pub hardware_hash: [u8; 32],
    /// The device account registered with these GPUs; `Pubkey::default()` never appears in a
    /// created marker.
    pub device: Pubkey,
    pub reserved: [u8; 16],
}

impl HardwareMarker {
    pub const VERSION: u8 = 1;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(config: &Pubkey, hardware_hash: &[u8; 32]) -> (Pubkey, u8) {
        Pubkey::find_program_address(
            &[seeds::HARDWARE, config.as_ref(), hardware_hash.as_ref()],
            &crate::ID,
        )
    }
}
