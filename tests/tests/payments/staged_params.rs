//! Buy-back parameters are staged behind io-staking's governance delay (audit round three,
//! findings 1 and 4): a lower curve cannot free the reserve at once, and a dead feed is
//! replaced by a staged feed change.

use io_payments::error::PaymentsError;
use io_payments::math::price::{OraclePrice, PYTH_RECEIVER_PROGRAM};
use io_payments::BuyBackArgs;
use io_sdk::payments::default_buyback_params;
use io_test_harness::{assert_payments_error, IO_USD_FEED};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

/// 14 days' cooldown, 7 days' co-stake exit wait, 7 days to react.
const GOVERNANCE_DELAY: i64 = 28 * 86_400;

async fn withdraw(w: &mut World, amount: u64) -> io_test_harness::TxResult {
    let admin = w.protocol.admin.insecure_clone();
    let treasury = w.chain.usdc_account(&w.payments, &admin.pubkey(), 0).await;
    let ix = w.payments.addresses.withdraw_fees(
        admin.pubkey(),
        w.payments.addresses.usdc_mint,
        treasury,
        w.payments.price_update,
        amount,
    );
    w.chain.process(&[ix], &[&admin]).await
}

async fn stage(w: &mut World, params: io_payments::BuybackParams) {
    let admin = w.protocol.admin.insecure_clone();
    let ix = w.payments.addresses.update_params(admin.pubkey(), params);
    w.chain.process(&[ix], &[&admin]).await.unwrap();
}

#[tokio::test]
async fn a_lower_curve_waits_out_the_delay_and_cannot_free_the_reserve_meanwhile() {
    let mut w = world_with_fees().await;
    let vault = w.payments.addresses.usdc_fee_vault;
    assert_eq!(w.balance(vault).await, 500_000);
    // The drain of the audit: a curve with no buy-back share, then the whole vault.
    let mut nothing_burned = default_buyback_params(IO_USD_FEED);
    nothing_burned.curve_len = 1;
    nothing_burned.curve[0].price_e8 = 100_000_000;
    nothing_burned.curve[0].share_bps = 0;
    let staged_at = w.chain.now().await;
    stage(&mut w, nothing_burned).await;
    let config = w.chain.payments_config(&w.payments).await;
    assert_eq!(config.params, default_buyback_params(IO_USD_FEED));
    assert_eq!(config.pending_params, nothing_burned);
    assert_eq!(config.params_effective_at, staged_at + GOVERNANCE_DELAY);
    // The reserve is still 75% at 1.25 USD: the treasury may take 0.125 USDC, not more.
    assert_payments_error(
        withdraw(&mut w, 500_000).await,
        PaymentsError::AboveWithdrawable,
    );
    assert_payments_error(
        withdraw(&mut w, 125_001).await,
        PaymentsError::AboveWithdrawable,
    );
    withdraw(&mut w, 125_000).await.unwrap();
    // A buy-back of the promised share still goes through.
    let seller = new_renter(&mut w.chain, &w.payments, 0, 10 * IO).await;
    let buy_back = w.payments.addresses.buy_back(
        seller.key.pubkey(),
        seller.io,
        seller.usdc,
        w.payments.price_update,
        BuyBackArgs {
            io_amount: IO / 10,
            usdc_out: 100_000,
        },
    );
    w.chain.process(&[buy_back], &[&seller.key]).await.unwrap();

    // Once the change is in force, the curve's share is 0 and the rest may go.
    w.chain.advance(GOVERNANCE_DELAY).await;
    let now = w.chain.now().await;
    w.chain
        .set_price(&w.payments, 125_000_000, 100_000, -8, now);
    let left = w.balance(vault).await;
    withdraw(&mut w, left).await.unwrap();
    assert_eq!(w.balance(vault).await, 0);
}

#[tokio::test]
async fn a_higher_staged_curve_reserves_its_share_at_once() {
    let mut w = world_with_fees().await;
    // Everything to the buy-back, staged: nothing may leave for the treasury meanwhile.
    let mut all_burned = default_buyback_params(IO_USD_FEED);
    all_burned.curve_len = 1;
    all_burned.curve[0].share_bps = 10_000;
    stage(&mut w, all_burned).await;
    assert_payments_error(withdraw(&mut w, 1).await, PaymentsError::AboveWithdrawable);
}

#[tokio::test]
async fn a_dead_feed_is_replaced_by_a_staged_feed_change() {
    let mut w = world_with_fees().await;
    let feed = w.payments.price_update;
    // The feed stops: its last price goes stale and the vault is locked.
    w.chain.advance(301).await;
    assert_payments_error(withdraw(&mut w, 1).await, PaymentsError::StalePrice);
    let new_feed = [0x77; 32];
    let mut replacement = default_buyback_params(new_feed);
    replacement.discount_bps = 300;
    stage(&mut w, replacement).await;
    let write_new_feed_price = |w: &mut World, now: i64| {
        let price = OraclePrice {
            feed_id: new_feed,
            price: 125_000_000,
            conf: 100_000,
            exponent: -8,
            publish_time: now,
        };
        w.chain
            .write_price_account(feed, &price, PYTH_RECEIVER_PROGRAM);
    };
    // Before the delay, the new feed's price is another feed's.
    let now = w.chain.now().await;
    write_new_feed_price(&mut w, now);
    assert_payments_error(withdraw(&mut w, 1).await, PaymentsError::WrongPriceFeed);
    // After it, the new feed prices withdrawals and buy-backs; the reserve held meanwhile
    // was the staged curve's largest share (100%), so nothing left early.
    w.chain.advance(GOVERNANCE_DELAY).await;
    let now = w.chain.now().await;
    write_new_feed_price(&mut w, now);
    withdraw(&mut w, 125_000).await.unwrap();
    assert_payments_error(withdraw(&mut w, 1).await, PaymentsError::AboveWithdrawable);
    let seller = new_renter(&mut w.chain, &w.payments, 0, 10 * IO).await;
    let buy_back = w.payments.addresses.buy_back(
        seller.key.pubkey(),
        seller.io,
        seller.usdc,
        feed,
        BuyBackArgs {
            io_amount: IO / 10,
            usdc_out: 121_250,
        },
    );
    w.chain.process(&[buy_back], &[&seller.key]).await.unwrap();
    // The old feed is now the other one.
    w.chain
        .set_price(&w.payments, 125_000_000, 100_000, -8, now);
    assert_payments_error(withdraw(&mut w, 1).await, PaymentsError::WrongPriceFeed);
}

#[tokio::test]
async fn only_the_staking_admin_stages() {
    let mut w = world().await;
    let stranger = Keypair::new();
    w.chain.airdrop(&stranger.pubkey(), 1_000_000_000).await;
    let ix = w
        .payments
        .addresses
        .update_params(stranger.pubkey(), default_buyback_params([0x77; 32]));
    assert_payments_error(
        w.chain.process(&[ix], &[&stranger]).await,
        PaymentsError::UnauthorizedAdmin,
    );
}
