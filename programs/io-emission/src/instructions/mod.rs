// Every instruction module exports a `handler`; the glob re-exports are for Anchor's generated
// `accounts`/`instruction` client modules, and lib.rs calls each handler by its full path.
#![allow(ambiguous_glob_reexports)]

pub mod accept_admin;
pub mod initialize;
pub mod mint_epoch;
pub mod propose_admin;
pub mod set_distributor;

pub use accept_admin::*;
pub use initialize::*;
pub use mint_epoch::*;
pub use propose_admin::*;
pub use set_distributor::*;
