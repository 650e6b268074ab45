//! Typed helpers for `io-payments`: setup, USDC, the oracle account, readers.

use anchor_lang::prelude::Pubkey;
use anchor_spl::token::spl_token;
use io_payments::math::price::{encode_price_update, OraclePrice, PYTH_RECEIVER_PROGRAM};
use io_payments::state::{PaymentsConfig, Reservation};
use io_sdk::payments::{default_buyback_params, PaymentsAddresses};
use solana_account::Account;
use solana_signer::Signer;

use crate::chain::TestChain;
use crate::errors::{assert_anchor_error, TxResult};
use crate::staking::Protocol;

/// The IO/USD feed id the tests configure (Pyth's ids are 32-byte hashes; any fixed value does).
pub const IO_USD_FEED: [u8; 32] = [0x10; 32];
pub const USDC: u64 = 1_000_000;

/// What `setup_payments` created.
pub struct Payments {
    pub addresses: PaymentsAddresses,
    /// A `PriceUpdateV2` account of [`IO_USD_FEED`], owned by Pyth's receiver program.
    pub price_update: Pubkey,
}

/// Asserts the transaction failed with this `io-payments` error.
#[track_caller]
pub fn assert_payments_error(result: TxResult, expected: io_payments::error::PaymentsError) {
    assert_anchor_error(result, u32::from(expected));
}

impl TestChain {
    /// io-payments initialized for `protocol` with a new 6-decimal USDC mint (authority: the
    /// test payer), the published default buy-back parameters, and IO at 1.25 USD.
    pub async fn setup_payments(&mut self, protocol: &Protocol) -> Payments {
        let usdc_mint = self.create_other_mint(6).await;
        let addresses = PaymentsAddresses::new(&protocol.addresses, usdc_mint);
        let init =
            addresses.initialize(protocol.admin.pubkey(), default_buyback_params(IO_USD_FEED));
        let admin = protocol.admin.insecure_clone();
        self.process(&[init], &[&admin])
            .await
            .expect("initialize io-payments");
        let payments = Payments {
            addresses,
            price_update: Pubkey::new_unique(),
        };
        let now = self.now().await;
        self.set_price(&payments, 125_000_000, 100_000, -8, now);
        payments
    }

    /// A new USDC token account of `owner` holding `amount`.
    pub async fn usdc_account(
        &mut self,
        payments: &Payments,
        owner: &Pubkey,
        amount: u64,
    ) -> Pubkey {
        let mint = payments.addresses.usdc_mint;
        let account = self.create_token_account_for_mint(owner, &mint).await;
        if amount > 0 {
            let mint_to = spl_token::instruction::mint_to(
                &spl_token::ID,
                &mint,
                &account,
                &self.payer().pubkey(),
                &[],
                amount,
            )
            .expect("mint_to");
            self.process(&[mint_to], &[]).await.expect("mint USDC");
        }
        account
    }

    /// Writes the oracle account as Pyth's receiver would: `price × 10^exponent` USD per IO.
    pub fn set_price(
        &mut self,
        payments: &Payments,
        price: i64,
        conf: u64,
        exponent: i32,
        publish_time: i64,
    ) {
        let oracle = OraclePrice {
            feed_id: IO_USD_FEED,
            price,
            conf,
            exponent,
            publish_time,
        };
        self.write_price_account(payments.price_update, &oracle, PYTH_RECEIVER_PROGRAM);
    }

    /// A `PriceUpdateV2` at `address` owned by `owner` (a foreign owner, for the attack tests).
    pub fn write_price_account(&mut self, address: Pubkey, price: &OraclePrice, owner: Pubkey) {
        let data = encode_price_update(&Pubkey::default(), price, 1);
        self.set_account(
            address,
            Account {
                lamports: 10_000_000,
                data,
                owner,
                executable: false,
                rent_epoch: 0,
            },
        );
    }

    pub async fn payments_config(&mut self, payments: &Payments) -> PaymentsConfig {
        self.anchor_account(payments.addresses.config).await
    }

    pub async fn reservation_state(&mut self, address: Pubkey) -> Reservation {
        self.anchor_account(address).await
    }
}
