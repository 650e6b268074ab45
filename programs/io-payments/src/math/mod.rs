//! Pure logic, shared by the program, the keeper and the tests: no accounts, no syscalls.

pub mod buyback;
pub mod fees;
pub mod price;
