//! Test harness for the IO programs: runs the real programs natively inside
//! `solana-program-test` (real SPL Token program), with a builder, clock control and typed
//! helpers per instruction. Every integration test in `tests/tests/` starts here.
//!
//! ```ignore
//! let mut chain = ChainBuilder::new().build().await;
//! let distributor = chain.initialize_emission_default().await;
//! chain.warp_to_epoch_end(1).await;
//! chain.mint_epoch(&distributor).await.unwrap();
//! ```

// solana-program-test 3.1 marks its whole API deprecated ahead of the agave-unstable-api
// feature gate; 3.1.12 is the version that runs Anchor 1.2 natively (TOOLCHAIN.md).
#![allow(deprecated)]

pub mod chain;
pub mod emission;
pub mod errors;
pub mod events;
pub mod payments;
pub mod staking;

pub use chain::{
    ChainBuilder, Processed, Simulated, TestChain, DEFAULT_GENESIS_TIMESTAMP, IO_DECIMALS,
};
pub use emission::EmissionActors;
pub use errors::{
    anchor_code, assert_anchor_error, assert_emission_error, assert_staking_error, custom_error,
    transaction_error, TxResult,
};
pub use payments::{assert_payments_error, Payments, IO_USD_FEED, USDC};
pub use solana_account::Account;
pub use solana_banks_client::BanksClientError;
pub use solana_hash::Hash;
pub use solana_transaction::versioned::VersionedTransaction;
pub use staking::{replace_account, DeviceHandle, Protocol, Resolution};
