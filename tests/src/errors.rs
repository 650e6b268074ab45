//! Assertions on a failed transaction's exact error code.

pub use io_localchain::errors::{anchor_code, custom_error, transaction_error, TxResult};

/// Asserts the transaction failed with exactly this custom error code.
#[track_caller]
pub fn assert_anchor_error(result: TxResult, expected: u32) {
    match &result {
        Ok(()) => panic!("expected error {expected}, but the transaction succeeded"),
        Err(err) => assert_eq!(
            anchor_code(&result),
            Some(expected),
            "expected custom error {expected}, got {err:?}"
        ),
    }
}

/// Asserts the transaction failed with this `io-emission` error.
#[track_caller]
pub fn assert_emission_error(result: TxResult, expected: io_emission::error::EmissionError) {
    assert_anchor_error(result, u32::from(expected));
}

/// Asserts the transaction failed with this `io-staking` error.
#[track_caller]
pub fn assert_staking_error(result: TxResult, expected: io_staking::error::StakingError) {
    assert_anchor_error(result, u32::from(expected));
}
