//! The embedded local chain: the IO programs running natively inside solana-program-test's
//! bank with the real SPL Token program ([`bank`]), a transaction history with slots and
//! subscriptions in front of it ([`local::LocalChain`], which implements [`io_chain::Chain`]),
//! and the clock the programs read ([`clock::LocalClock`]).
//!
//! `io-localnet` runs the whole system on it; `io-localnode` gives it Solana's JSON-RPC and
//! WebSocket face; the program suites (`io-test-harness`) drive its bank directly.

// solana-program-test 3.1 marks its whole API deprecated ahead of the agave-unstable-api
// feature gate; 3.1.12 is the version that runs Anchor 1.2 natively (docs/toolchain.md).
#![allow(deprecated)]

pub mod bank;
pub mod clock;
pub mod errors;
pub mod local;

pub use bank::{Bank, BankBuilder, Processed, Simulated, DEFAULT_GENESIS_TIMESTAMP, IO_DECIMALS};
pub use errors::{anchor_code, custom_error, transaction_error, TxResult};
pub use local::LocalChain;
pub use solana_account::Account;
pub use solana_banks_client::BanksClientError;
pub use solana_hash::Hash;
pub use solana_transaction::versioned::VersionedTransaction;
