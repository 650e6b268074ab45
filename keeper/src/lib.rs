//! Library side of `io-keeper`, so the subcommands can be tested and benchmarked in-process.

pub mod amount;
pub mod cli;
pub mod schedule_cmd;
