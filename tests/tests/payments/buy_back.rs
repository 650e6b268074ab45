//! Buy-back-and-burn: the price checks, the discount and share bounds, and the burn.

use anchor_lang::prelude::Pubkey;
use io_payments::error::PaymentsError;
use io_payments::events::BoughtBack;
use io_payments::math::price::{encode_price_update, OraclePrice, PYTH_RECEIVER_PROGRAM};
use io_payments::BuyBackArgs;
use io_test_harness::{assert_payments_error, events, IO_USD_FEED};
use solana_signer::Signer;

use crate::common::*;

/// A world whose USDC fee vault holds 0.50 USDC (the worked example, settled) and a seller
/// holding 100 IO; IO at 1.25 USD, so the buy-back share is 75% and its budget 0.375 USDC.
async fn with_fees() -> (World, Renter) {
    let mut w = world_with_fees().await;
    let seller = new_renter(&mut w.chain, &w.payments, 0, 100 * IO).await;
    (w, seller)
}

async fn buy_back(
    w: &mut World,
    seller: &Renter,
    price_update: Pubkey,
    io_amount: u64,
    usdc_out: u64,
) -> io_test_harness::TxResult {
    let ix = w.payments.addresses.buy_back(
        seller.key.pubkey(),
        seller.io,
        seller.usdc,
        price_update,
        BuyBackArgs {
            io_amount,
            usdc_out,
        },
    );
    let key = seller.key.insecure_clone();
    w.chain.process(&[ix], &[&key]).await
}

#[tokio::test]
async fn delivered_io_is_burned_and_paid_at_the_oracle_price_less_the_discount() {
    let (mut w, seller) = with_fees().await;
    let supply_before = w.chain.mint_supply().await;
    let minted_before = w.chain.emission_state().await.cumulative_minted;
    // 0.4 IO at 1.25 USD is worth 0.50 USDC; less the 2% discount, at most 0.49 USDC. The budget
    // (75% of 0.50 USDC of fees) allows 0.375.
    let ix = w.payments.addresses.buy_back(
        seller.key.pubkey(),
        seller.io,
        seller.usdc,
        w.payments.price_update,
        BuyBackArgs {
            io_amount: 40_000_000,
            usdc_out: 375_000,
        },
    );
    let key = seller.key.insecure_clone();
    let (result, emitted) = w.chain.process_with_events(&[ix], &[&key]).await;
    result.unwrap();
    let event: BoughtBack = events::single(&emitted);
    assert_eq!(
        (event.share_bps, event.budget_left, event.io_burned),
        (7_500, 0, 40_000_000)
    );
    // The supply falls by exactly what was delivered; io-emission's count (and so its cap) is
    // untouched: burned IO is never minted again.
    assert_eq!(supply_before - w.chain.mint_supply().await, 40_000_000);
    assert_eq!(
        w.chain.emission_state().await.cumulative_minted,
        minted_before
    );
    assert_eq!(w.balance(seller.usdc).await, 375_000);
    assert_eq!(
        w.balance(w.payments.addresses.usdc_fee_vault).await,
        125_000
    );
    let config = w.chain.payments_config(&w.payments).await;
    assert_eq!(
        (config.usdc_bought_back, config.io_burned, config.buybacks),
        (375_000, 40_000_000, 1)
    );
    // The budget is spent: one base unit more is refused until more fees arrive.
    let feed = w.payments.price_update;
    assert_payments_error(
        buy_back(&mut w, &seller, feed, 40_000_000, 1).await,
        PaymentsError::BuybackBudgetExceeded,
    );
}

#[tokio::test]
async fn the_discount_and_the_share_bound_what_a_seller_takes() {
    let (mut w, seller) = with_fees().await;
    let feed = w.payments.price_update;
    // 0.2 IO is worth 0.25 USDC; 2% off, 0.245 at most.
    assert_payments_error(
        buy_back(&mut w, &seller, feed, 20_000_000, 245_001).await,
        PaymentsError::AboveDiscountBound,
    );
    // Within the discount but beyond the share's budget (0.375 USDC).
    assert_payments_error(
        buy_back(&mut w, &seller, feed, 100 * IO, 375_001).await,
        PaymentsError::BuybackBudgetExceeded,
    );
    assert_payments_error(
        buy_back(&mut w, &seller, feed, 0, 1).await,
        PaymentsError::ZeroAmount,
    );
    // A seller may ask less than the bound (its own slippage allowance).
    buy_back(&mut w, &seller, feed, 20_000_000, 240_000)
        .await
        .unwrap();
    assert_eq!(w.balance(seller.usdc).await, 240_000);

    // At 2.00 USD the share is 50%: 0.25 USDC of the fees, of which 0.24 is spent.
    let now = w.chain.now().await;
    w.chain
        .set_price(&w.payments, 200_000_000, 100_000, -8, now);
    assert_payments_error(
        buy_back(&mut w, &seller, feed, IO, 10_001).await,
        PaymentsError::BuybackBudgetExceeded,
    );
    buy_back(&mut w, &seller, feed, IO, 10_000).await.unwrap();
    // At 5.00 USD and above, 20%: less than already spent, so buying pauses.
    w.chain
        .set_price(&w.payments, 600_000_000, 100_000, -8, now);
    assert_payments_error(
        buy_back(&mut w, &seller, feed, IO, 1).await,
        PaymentsError::BuybackBudgetExceeded,
    );
}

#[tokio::test]
async fn stale_wide_foreign_unverified_or_other_feed_prices_are_refused() {
    let (mut w, seller) = with_fees().await;
    let feed = w.payments.price_update;
    let now = w.chain.now().await;
    // Published 61 s ago; the bound is 60.
    w.chain
        .set_price(&w.payments, 125_000_000, 100_000, -8, now - 61);
    assert_payments_error(
        buy_back(&mut w, &seller, feed, IO, 1).await,
        PaymentsError::StalePrice,
    );
    // A confidence interval of 1.01% of the price; the bound is 1%.
    w.chain
        .set_price(&w.payments, 125_000_000, 1_262_500, -8, now);
    assert_payments_error(
        buy_back(&mut w, &seller, feed, IO, 1).await,
        PaymentsError::PriceConfidenceTooWide,
    );
    w.chain.set_price(&w.payments, -125_000_000, 0, -8, now);
    assert_payments_error(
        buy_back(&mut w, &seller, feed, IO, 1).await,
        PaymentsError::NonPositivePrice,
    );

    let good = OraclePrice {
        feed_id: IO_USD_FEED,
        price: 125_000_000,
        conf: 100_000,
        exponent: -8,
        publish_time: now,
    };
    // The same bytes, owned by another program.
    let foreign = Pubkey::new_unique();
    w.chain
        .write_price_account(foreign, &good, Pubkey::new_unique());
    assert_payments_error(
        buy_back(&mut w, &seller, foreign, IO, 1).await,
        PaymentsError::ForeignPriceAccount,
    );
    // Another feed (say SOL/USD), genuinely Pyth's.
    let other = Pubkey::new_unique();
    let other_feed = OraclePrice {
        feed_id: [0x22; 32],
        ..good
    };
    w.chain
        .write_price_account(other, &other_feed, PYTH_RECEIVER_PROGRAM);
    assert_payments_error(
        buy_back(&mut w, &seller, other, IO, 1).await,
        PaymentsError::WrongPriceFeed,
    );
    // Partially verified (Wormhole signatures not all checked).
    let partial = Pubkey::new_unique();
    let mut data = encode_price_update(&Pubkey::default(), &good, 1);
    data[40] = 0;
    w.chain.set_account(
        partial,
        io_test_harness::Account {
            lamports: 10_000_000,
            data,
            owner: PYTH_RECEIVER_PROGRAM,
            executable: false,
            rent_epoch: 0,
        },
    );
    assert_payments_error(
        buy_back(&mut w, &seller, partial, IO, 1).await,
        PaymentsError::PriceNotVerified,
    );
    // Not a price update at all: the fee vault itself.
    let vault = w.payments.addresses.usdc_fee_vault;
    assert_payments_error(
        buy_back(&mut w, &seller, vault, IO, 1).await,
        PaymentsError::ForeignPriceAccount,
    );

    // A fresh, tight, verified price of the configured feed: accepted.
    w.chain
        .set_price(&w.payments, 125_000_000, 100_000, -8, now);
    buy_back(&mut w, &seller, feed, IO, 1).await.unwrap();
}
