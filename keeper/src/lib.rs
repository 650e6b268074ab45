//! Library side of `io-keeper`, so the subcommands can be tested and benchmarked in-process.

pub mod amount;
pub mod chain;
pub mod cli;
pub mod indexer;
#[cfg(feature = "localnet")]
pub mod localnet;
pub mod ops;
pub mod retry;
pub mod schedule_cmd;
pub mod service;
