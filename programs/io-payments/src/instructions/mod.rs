// Every instruction module exports a `handler`; the glob re-exports are for Anchor's generated
// `accounts`/`instruction` client modules, and lib.rs calls each handler by its full path.
#![allow(ambiguous_glob_reexports)]

pub mod buy_back;
pub mod cancel;
pub mod initialize;
pub mod reserve;
pub mod settle;
pub mod update_params;
pub mod withdraw_fees;

pub use buy_back::*;
pub use cancel::*;
pub use initialize::*;
pub use reserve::*;
pub use settle::*;
pub use update_params::*;
pub use withdraw_fees::*;
