//! What a keeper does to the chain: bootstrap a deployment, close epochs, attest uptime, keep
//! devices up to date (stale devices, due multipliers), and claim a wallet's rewards. Written
//! against [`io_chain::Chain`], so every backend runs the same operations.

pub mod amount;
pub mod attest;
pub mod bootstrap;
pub mod claim;
pub mod crank;
pub mod payments;
pub mod status;
pub mod upkeep;
