//! Integration tests of `io-emission` on the native program-test chain, one file per instruction.
#![allow(deprecated)]

mod accept_admin;
mod initialize;
mod mint_epoch;
mod propose_admin;
mod randomized;
mod set_distributor;
