//! Library side of `io-keeper`, so the subcommands can be tested and benchmarked in-process.

pub mod amount;
pub mod bootstrap;
pub mod chain;
pub mod cli;
pub mod crank;
pub mod heartbeat;
pub mod retry;
pub mod schedule_cmd;
