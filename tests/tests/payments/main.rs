//! Integration tests of `io-payments` on the native program-test chain.
#![allow(deprecated)]

mod common;

mod attacks;
mod buy_back;
mod governance;
mod randomized;
mod rentals;
mod reserve_settle_cancel;
mod staged_params;
mod worked_examples;
