//! Pure logic shared by the program and the keeper: no accounts, no syscalls, no floats.

pub mod eligibility;
pub mod rewards;
