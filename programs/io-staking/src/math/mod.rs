//! Pure logic shared by the program and the keeper: no accounts, no floats, and no syscall but
//! sha256 (the uptime tree, through `solana-sha256-hasher`, natively the `sha2` crate).

pub mod ballot;
pub mod crank;
pub mod eligibility;
pub mod merkle;
pub mod rewards;
pub mod settlement;
