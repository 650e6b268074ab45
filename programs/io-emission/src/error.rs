use anchor_lang::prelude::*;

use crate::schedule::ScheduleError;

/// Error codes are part of the public interface (6000 + index): append, never reorder.
/// io-emission owns 6000-6099; io-staking starts at 6100.
#[error_code]
pub enum EmissionError {
    #[msg("Signer is not the distributor recorded in the emission state")]
    UnauthorizedDistributor,
    #[msg("Signer is not the admin of the emission state")]
    UnauthorizedAdmin,
    #[msg("Mint or token account does not belong to this emission schedule's mint")]
    WrongMint,
    #[msg("Destination token account is not owned by the distributor")]
    DestinationNotOwnedByDistributor,
    #[msg("The next epoch has not ended yet")]
    EpochNotEnded,
    #[msg("All 175,319 epochs have been minted")]
    ScheduleComplete,
    #[msg("Mint decimals above 10 are not supported (800M IO must fit a u64 amount)")]
    UnsupportedDecimals,
    #[msg("Mint supply is not the 500,000,000 IO genesis supply")]
    GenesisSupplyMismatch,
    #[msg("Signer is not the mint's current mint authority")]
    MintAuthorityMismatch,
    #[msg("Genesis timestamp must be positive and leave the whole schedule inside i64 time")]
    InvalidGenesisTimestamp,
    #[msg("A distributor or admin cannot be the default (all-zero) key")]
    InvalidAuthority,
    #[msg("There is no pending admin nomination")]
    NoPendingAdmin,
    #[msg("Signer is not the pending admin")]
    NotPendingAdmin,
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Minting would take cumulative emission past the 300,000,000 IO cap")]
    CapExceeded,
    #[msg("The mint has a freeze authority: whoever holds it could freeze the protocol's vaults")]
    FreezeAuthoritySet,
}

impl From<ScheduleError> for EmissionError {
    fn from(e: ScheduleError) -> Self {
        match e {
            ScheduleError::EpochOutOfRange => EmissionError::ScheduleComplete,
            ScheduleError::UnsupportedDecimals => EmissionError::UnsupportedDecimals,
            ScheduleError::CumulativeAboveCap => EmissionError::CapExceeded,
            ScheduleError::TimestampOverflow => EmissionError::InvalidGenesisTimestamp,
            ScheduleError::PrecisionOverflow => EmissionError::MathOverflow,
        }
    }
}

impl From<ScheduleError> for anchor_lang::error::Error {
    fn from(e: ScheduleError) -> Self {
        EmissionError::from(e).into()
    }
}
