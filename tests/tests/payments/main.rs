//! Integration tests of `io-payments` on the native program-test chain.
#![allow(deprecated)]

mod common;

mod attacks;
mod buy_back;
mod governance;
mod randomized;
mod reserve_settle_cancel;
mod worked_examples;
