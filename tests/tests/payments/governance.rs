//! initialize and update_params: who, and within which bounds.

use anchor_lang::prelude::Pubkey;
use io_payments::error::PaymentsError;
use io_payments::math::price::PYTH_RECEIVER_PROGRAM;
use io_sdk::payments::{default_buyback_params, PaymentsAddresses};
use io_test_harness::{assert_payments_error, ChainBuilder, IO_USD_FEED};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

#[tokio::test]
async fn initialize_is_the_staking_admins_once_with_a_six_decimal_usdc() {
    let mut chain = ChainBuilder::new().build().await;
    let protocol = chain.setup_protocol().await;
    let params = default_buyback_params(IO_USD_FEED);
    let admin = protocol.admin.insecure_clone();

    let eight_decimals = chain.create_other_mint(8).await;
    let addresses = PaymentsAddresses::new(&protocol.addresses, eight_decimals);
    let ix = addresses.initialize(admin.pubkey(), params);
    assert_payments_error(
        chain.process(&[ix], &[&admin]).await,
        PaymentsError::WrongDecimals,
    );

    let usdc = chain.create_other_mint(6).await;
    let addresses = PaymentsAddresses::new(&protocol.addresses, usdc);
    let stranger = Keypair::new();
    chain.airdrop(&stranger.pubkey(), 1_000_000_000).await;
    let ix = addresses.initialize(stranger.pubkey(), params);
    assert_payments_error(
        chain.process(&[ix], &[&stranger]).await,
        PaymentsError::UnauthorizedAdmin,
    );

    let mut too_old = params;
    too_old.max_price_age_secs = 301;
    let ix = addresses.initialize(admin.pubkey(), too_old);
    assert_payments_error(
        chain.process(&[ix], &[&admin]).await,
        PaymentsError::InvalidParams,
    );

    let ix = addresses.initialize(admin.pubkey(), params);
    chain.process(&[ix], &[&admin]).await.unwrap();
    let config = chain
        .anchor_account::<io_payments::state::PaymentsConfig>(addresses.config)
        .await;
    assert_eq!(
        (config.usdc_mint, config.io_decimals, config.params),
        (usdc, 8, params)
    );
    // Once: the config's address is taken, so a second initialize fails in the runtime (the
    // system program refuses to allocate it again) and changes nothing.
    let mut other = params;
    other.discount_bps = 0;
    let again = addresses.initialize(admin.pubkey(), other);
    assert!(chain.process(&[again], &[&admin]).await.is_err());
    let after = chain
        .anchor_account::<io_payments::state::PaymentsConfig>(addresses.config)
        .await;
    assert_eq!(after.params, params);
}

/// One edit to the default parameters.
type Change = fn(&mut io_payments::BuybackParams);

#[tokio::test]
async fn update_params_keeps_the_bounds() {
    let mut w = world().await;
    let admin = w.protocol.admin.insecure_clone();
    let base = default_buyback_params(IO_USD_FEED);
    let cases: [(Change, PaymentsError); 5] = [
        (|p| p.max_price_age_secs = 0, PaymentsError::InvalidParams),
        (|p| p.max_price_age_secs = 301, PaymentsError::InvalidParams),
        (|p| p.max_confidence_bps = 0, PaymentsError::InvalidParams),
        (
            |p| p.max_confidence_bps = 1_001,
            PaymentsError::InvalidParams,
        ),
        (|p| p.curve_len = 5, PaymentsError::InvalidParams),
    ];
    for (change, error) in cases {
        let mut params = base;
        change(&mut params);
        let ix = w.payments.addresses.update_params(admin.pubkey(), params);
        assert_payments_error(w.chain.process(&[ix], &[&admin]).await, error);
    }
    let mut params = base;
    params.max_price_age_secs = 300;
    params.discount_bps = 1_000;
    let ix = w.payments.addresses.update_params(admin.pubkey(), params);
    w.chain.process(&[ix], &[&admin]).await.unwrap();
}

#[tokio::test]
async fn a_receiver_owned_account_that_is_not_a_price_update_is_refused() {
    let mut w = world().await;
    let (result, nonce) = w.reserve(true, 10, 2 * io_test_harness::USDC).await;
    result.unwrap();
    w.chain.advance(10 * HOUR).await;
    w.settle(true, nonce).await.unwrap();
    let seller = new_renter(&mut w.chain, &w.payments, 0, 10 * IO).await;
    let garbage = Pubkey::new_unique();
    w.chain.set_account(
        garbage,
        io_test_harness::Account {
            lamports: 10_000_000,
            data: vec![7; 134],
            owner: PYTH_RECEIVER_PROGRAM,
            executable: false,
            rent_epoch: 0,
        },
    );
    let ix = w.payments.addresses.buy_back(
        seller.key.pubkey(),
        seller.io,
        seller.usdc,
        garbage,
        io_payments::BuyBackArgs {
            io_amount: IO,
            usdc_out: 1,
        },
    );
    let key = seller.key.insecure_clone();
    assert_payments_error(
        w.chain.process(&[ix], &[&key]).await,
        PaymentsError::InvalidPriceAccount,
    );
}

#[tokio::test]
async fn the_treasury_takes_only_what_the_buy_back_share_leaves() {
    let mut w = world_with_fees().await;
    let admin = w.protocol.admin.insecure_clone();
    let treasury = w.chain.usdc_account(&w.payments, &admin.pubkey(), 0).await;
    let (usdc, feed) = (w.payments.addresses.usdc_mint, w.payments.price_update);
    let withdraw = |signer: Pubkey, amount| {
        w.payments
            .addresses
            .withdraw_fees(signer, usdc, treasury, feed, amount)
    };
    // 0.50 USDC of fees; at 1.25 USD 75% is the buy-back's, so 0.125 may go to the treasury.
    let stranger = Keypair::new();
    w.chain.airdrop(&stranger.pubkey(), 1_000_000_000).await;
    let by_stranger = withdraw(stranger.pubkey(), 1);
    let too_much = withdraw(admin.pubkey(), 125_001);
    let allowed = withdraw(admin.pubkey(), 125_000);
    assert_payments_error(
        w.chain.process(&[by_stranger], &[&stranger]).await,
        PaymentsError::UnauthorizedAdmin,
    );
    assert_payments_error(
        w.chain.process(&[too_much], &[&admin]).await,
        PaymentsError::AboveWithdrawable,
    );
    w.chain.process(&[allowed], &[&admin]).await.unwrap();
    assert_eq!(w.balance(treasury).await, 125_000);
    let config = w.chain.payments_config(&w.payments).await;
    assert_eq!(config.usdc.withdrawn, 125_000);
    // The buy-back's 0.375 USDC is all still there.
    let seller = new_renter(&mut w.chain, &w.payments, 0, 10 * IO).await;
    let ix = w.payments.addresses.buy_back(
        seller.key.pubkey(),
        seller.io,
        seller.usdc,
        feed,
        io_payments::BuyBackArgs {
            io_amount: IO,
            usdc_out: 375_000,
        },
    );
    let key = seller.key.insecure_clone();
    w.chain.process(&[ix], &[&key]).await.unwrap();
    assert_eq!(w.balance(w.payments.addresses.usdc_fee_vault).await, 0);
    // A stale price withdraws nothing; the IO fee vault holds nothing to take.
    w.chain.advance(301).await;
    let stale = w
        .payments
        .addresses
        .withdraw_fees(admin.pubkey(), usdc, treasury, feed, 1);
    assert_payments_error(
        w.chain.process(&[stale], &[&admin]).await,
        PaymentsError::StalePrice,
    );
    let io_treasury = w.chain.fund(&admin.pubkey(), 0).await;
    let io_mint = w.payments.addresses.io_mint;
    let from_io = w
        .payments
        .addresses
        .withdraw_fees(admin.pubkey(), io_mint, io_treasury, feed, 1);
    assert_payments_error(
        w.chain.process(&[from_io], &[&admin]).await,
        PaymentsError::AboveWithdrawable,
    );
}
