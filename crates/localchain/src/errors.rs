//! How a transaction on the embedded bank failed: the runtime's verdict and a program's custom
//! error code.

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
