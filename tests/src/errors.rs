use solana_banks_client::BanksClientError;
use solana_instruction::error::InstructionError;
use solana_transaction_error::TransactionError;

pub type TxResult = Result<(), BanksClientError>;

/// The custom error code a failed transaction carries, if any.
pub fn anchor_code(result: &TxResult) -> Option<u32> {
    result.as_ref().err().and_then(custom_error)
}

/// The runtime's verdict on a failed transaction, if it got that far (transport and client
/// errors carry none).
pub fn transaction_error(err: &BanksClientError) -> Option<&TransactionError> {
    match err {
        BanksClientError::TransactionError(e) => Some(e),
        BanksClientError::SimulationError { err, .. } => Some(err),
        _ => None,
    }
}

/// The custom (program) error code of a transaction failure, if it is one. Transport and
/// client errors carry none.
pub fn custom_error(err: &BanksClientError) -> Option<u32> {
    match transaction_error(err)? {
        TransactionError::InstructionError(_, InstructionError::Custom(code)) => Some(*code),
        _ => None,
    }
}

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
