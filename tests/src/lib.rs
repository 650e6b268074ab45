//! Test harness for the IO programs (dev-only): the embedded bank of `io-localchain` wrapped as
//! a [`TestChain`] with typed helpers per program, and assertions on exact error codes and on
//! events. Every suite in `tests/tests/` starts here. Instructions are built by `io-sdk`, one
//! spelling each; the helpers only sign, send and read back.
//!
//! ```ignore
//! let mut chain = ChainBuilder::new().build().await;
//! let distributor = chain.initialize_emission_default().await;
//! chain.warp_to_epoch_end(1).await;
//! chain.mint_epoch(&distributor).await.unwrap();
//! ```

// solana-program-test 3.1 marks its whole API deprecated ahead of the agave-unstable-api
// feature gate.
#![allow(deprecated)]

pub mod chain;
pub mod emission;
pub mod errors;
pub mod events;
pub mod payments;
pub mod quorum;
pub mod staking;

pub use chain::{ChainBuilder, TestChain};
pub use emission::EmissionActors;
pub use errors::{
    anchor_code, assert_anchor_error, assert_emission_error, assert_staking_error, custom_error,
    transaction_error, TxResult,
};
pub use io_localchain::{
    native_entry, Account, BanksClientError, Hash, Processed, Simulated, VersionedTransaction,
    DEFAULT_GENESIS_TIMESTAMP, IO_DECIMALS,
};
pub use payments::{assert_payments_error, Payments, IO_USD_FEED, USDC};
pub use staking::{replace_account, DeviceHandle, Protocol, Resolution};
