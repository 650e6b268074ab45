//! Library side of `io-keeper`, so the subcommands can be tested and benchmarked in-process.

pub mod amount;
pub mod chain;
pub mod cli;
pub mod cluster;
pub mod heartbeat;
#[cfg(feature = "localnet")]
pub mod localnet;
pub mod ops;
pub mod retry;
#[cfg(feature = "localnet")]
pub mod rpc_node;
pub mod schedule_cmd;
pub mod service;
pub mod status;
pub mod store;
