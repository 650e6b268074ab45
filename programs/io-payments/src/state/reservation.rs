use anchor_lang::prelude::*;

use crate::state::seeds;

/// PDA `[seeds::RESERVATION, config, renter, nonce]`: whole hours of one device, prepaid into
/// its escrow. The renter picks the nonce, so a prepared transaction never races other
/// renters for a shared counter; `id` is the config's running count, for explorers.
/// Closed (rent to the renter) once every hour is settled or it is cancelled.
#[account]
#[derive(InitSpace, Debug)]
pub struct Reservation {
    pub version: u8,
    pub bump: u8,
    pub escrow_bump: u8,
    pub config: Pubkey,
    pub id: u64,
    pub renter: Pubkey,
    pub nonce: u64,
    /// io-staking's device account.
    pub device: Pubkey,
    /// The device's owner when reserved: settlements pay this wallet's token account.
    pub supplier: Pubkey,
    /// USDC or IO.
    pub mint: Pubkey,
    pub price_per_hour: u64,
    pub hours: u32,
    pub starts_at: i64,
    pub hours_settled: u32,
    /// One hour's split (math::fees::hourly_split), fixed at reservation.
    pub renter_per_hour: u64,
    pub supplier_per_hour: u64,
    pub fee_per_hour: u64,
    pub reserved: [u8; 32],
}

impl Reservation {
    pub const VERSION: u8 = 1;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(config: &Pubkey, renter: &Pubkey, nonce: u64) -> (Pubkey, u8) {
        Pubkey::find_program_address(
            &[
                seeds::RESERVATION,
                config.as_ref(),
                renter.as_ref(),
                &nonce.to_le_bytes(),
            ],
            &crate::ID,
        )
    }

    pub fn escrow_address(reservation: &Pubkey) -> Pubkey {
        Pubkey::find_program_address(&[seeds::ESCROW, reservation.as_ref()], &crate::ID).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::PaymentsConfig;

    /// Layouts are fixed (no Option), so indexers can filter by offset; both are boxed in every
    /// instruction and stay far under the 4 KB stack frame.
    #[test]
    fn sizes() {
        assert_eq!(
            Reservation::SIZE,
            8 + 3 + 32 + 8 + 32 * 4 + 8 + 8 + 4 + 8 + 4 + 24 + 32
        );
        let params = 32 + 4 + 2 + 2 + 1 + 4 * (8 + 2);
        let totals = 6 * 8;
        assert_eq!(
            PaymentsConfig::SIZE,
            8 + 2 + 32 * 3 + 1 + 2 * params + 8 + 8 + 2 * totals + 3 * 8 + 64
        );
    }
}
