//! The harness's chain: `io-localchain`'s embedded bank, with the typed helpers of
//! [`crate::staking`], [`crate::emission`] and [`crate::payments`] on top. Everything the bank
//! offers (process, warp, accounts, tokens) is reached through `Deref`.

use std::ops::{Deref, DerefMut};

use io_localchain::{Bank, BankBuilder};
use solana_program_test::ProgramTest;

use crate::quorum::UptimeBook;

/// Sets up a chain for a test: the IO programs deployed, the IO mint with its genesis supply in
/// a treasury account, the clock an hour before genesis unless told otherwise.
#[derive(Default)]
pub struct ChainBuilder(BankBuilder);

impl ChainBuilder {
    pub fn new() -> Self {
        Self(BankBuilder::new())
    }

    /// Adds to the chain before it starts, e.g. another program that CPIs into the IO
    /// programs: `.with_program_test(|pt| pt.add_program("mine", ID, processor!(entry)))`.
    pub fn with_program_test(self, add: impl FnOnce(&mut ProgramTest) + 'static) -> Self {
        Self(self.0.with_program_test(add))
    }

    pub fn decimals(self, decimals: u8) -> Self {
        Self(self.0.decimals(decimals))
    }

    /// Mint a supply other than the published 500M IO (to test that initialize rejects it).
    pub fn genesis_supply(self, base_units: u64) -> Self {
        Self(self.0.genesis_supply(base_units))
    }

    /// Create the IO mint with a freeze authority (to test that initialize refuses it).
    pub fn with_freeze_authority(self) -> Self {
        Self(self.0.with_freeze_authority())
    }

    pub fn start_time(self, unix_timestamp: i64) -> Self {
        Self(self.0.start_time(unix_timestamp))
    }

    pub async fn build(self) -> TestChain {
        TestChain {
            bank: self.0.build().await,
            uptime: UptimeBook::default(),
        }
    }
}

/// A running chain under test.
pub struct TestChain {
    bank: Bank,
    /// What the harness's keeper will vote for: which devices were up in which epochs
    /// ([`TestChain::attest`]).
    pub uptime: UptimeBook,
}

impl Deref for TestChain {
    type Target = Bank;

    fn deref(&self) -> &Bank {
        &self.bank
    }
}

impl DerefMut for TestChain {
    fn deref_mut(&mut self) -> &mut Bank {
        &mut self.bank
    }
}
