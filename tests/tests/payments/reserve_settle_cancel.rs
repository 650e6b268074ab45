//! Each instruction's failure paths, with their exact errors.

use io_payments::error::PaymentsError;
use io_staking::state::SlashReason;
use io_test_harness::{assert_anchor_error, assert_payments_error, USDC};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

#[tokio::test]
async fn reserve_refuses_bad_hours_and_prices() {
    let mut w = world().await;
    assert_payments_error(
        w.reserve(true, 0, 2 * USDC).await.0,
        PaymentsError::InvalidHours,
    );
    assert_payments_error(
        w.reserve(true, 721, 2 * USDC).await.0,
        PaymentsError::InvalidHours,
    );
    assert_payments_error(w.reserve(true, 1, 0).await.0, PaymentsError::InvalidPrice);
    // One base unit cannot carry its fees.
    assert_payments_error(w.reserve(true, 1, 1).await.0, PaymentsError::InvalidPrice);
    // More than the renter holds: SPL Token's InsufficientFunds (1).
    assert_anchor_error(w.reserve(true, 720, 2 * USDC).await.0, 1);
    assert!(w.reserve(true, 720, USDC).await.0.is_ok());
}

#[tokio::test]
async fn only_a_staked_unslashed_device_takes_reservations() {
    let mut w = world().await;
    // Registered but not staked.
    let protocol = &w.protocol;
    let unstaked = w.chain.register_device(protocol, "H100", 1, 0).await;
    let (result, _) = w
        .reserve_with(
            unstaked.device,
            w.payments.addresses.usdc_mint,
            w.renter.usdc,
            1,
            USDC,
        )
        .await;
    assert_payments_error(result, PaymentsError::DeviceUnderStaked);

    // Slashed: an open case.
    let dev = w.dev.insecure_clone();
    let (opened, _case) = w
        .chain
        .open_case(&w.protocol, &dev, IO, SlashReason::Spoofing)
        .await;
    opened.unwrap();
    assert_payments_error(
        w.reserve(true, 1, USDC).await.0,
        PaymentsError::DeviceSlashed,
    );

    // Unstaking.
    let mut w = world().await;
    let dev = w.dev.insecure_clone();
    w.chain.request_unstake(&w.protocol, &dev).await.unwrap();
    assert_payments_error(
        w.reserve(true, 1, USDC).await.0,
        PaymentsError::DeviceNotStaking,
    );
}

#[tokio::test]
async fn settle_is_per_whole_hour_and_never_twice() {
    let mut w = world().await;
    let (result, id) = w.reserve(true, 3, 2 * USDC).await;
    result.unwrap();
    // Too early: no hour has ended.
    assert_payments_error(w.settle(true, id).await, PaymentsError::NothingToSettle);
    w.chain.advance(HOUR - 1).await;
    assert_payments_error(w.settle(true, id).await, PaymentsError::NothingToSettle);
    w.chain.advance(1).await;
    w.settle(true, id).await.unwrap();
    assert_eq!(w.balance(w.supplier_usdc).await, 1_955_000);
    // The same hour again: nothing.
    assert_payments_error(w.settle(true, id).await, PaymentsError::NothingToSettle);
    assert_eq!(w.balance(w.supplier_usdc).await, 1_955_000);
    // Long after the end: the two remaining hours, once; then the reservation is gone.
    w.chain.advance(10 * HOUR).await;
    w.settle(true, id).await.unwrap();
    assert_eq!(w.balance(w.supplier_usdc).await, 3 * 1_955_000);
    // Anchor's AccountNotInitialized (3012): the closed reservation cannot be paid again.
    assert_anchor_error(w.settle(true, id).await, 3012);
}

#[tokio::test]
async fn only_the_renter_cancels() {
    let mut w = world().await;
    let (result, id) = w.reserve(true, 3, 2 * USDC).await;
    result.unwrap();
    let attacker = Keypair::new();
    w.chain.airdrop(&attacker.pubkey(), 1_000_000_000).await;
    let attacker_usdc = w
        .chain
        .usdc_account(&w.payments, &attacker.pubkey(), 0)
        .await;
    // The attacker names itself as the renter: not this reservation's renter.
    let ix = w.payments.addresses.cancel(
        w.reservation(id),
        w.device_of(id),
        w.payments.addresses.usdc_mint,
        w.supplier_usdc,
        attacker.pubkey(),
        attacker_usdc,
    );
    assert_payments_error(
        w.chain.process(&[ix], &[&attacker]).await,
        PaymentsError::AccountMismatch,
    );
    // The real renter named, but not signing.
    let mut ix = w.payments.addresses.cancel(
        w.reservation(id),
        w.device_of(id),
        w.payments.addresses.usdc_mint,
        w.supplier_usdc,
        w.renter.key.pubkey(),
        w.renter.usdc,
    );
    for meta in ix.accounts.iter_mut() {
        meta.is_signer = false;
    }
    assert_payments_error(w.chain.process(&[ix], &[]).await, PaymentsError::NotRenter);
    w.cancel(true, id).await.unwrap();
}

#[tokio::test]
async fn governance_is_the_staking_admin_and_bounded() {
    let mut w = world().await;
    let stranger = Keypair::new();
    w.chain.airdrop(&stranger.pubkey(), 1_000_000_000).await;
    let mut params = io_sdk::payments::default_buyback_params(io_test_harness::IO_USD_FEED);
    let ix = w
        .payments
        .addresses
        .update_params(stranger.pubkey(), params);
    assert_payments_error(
        w.chain.process(&[ix], &[&stranger]).await,
        PaymentsError::UnauthorizedAdmin,
    );
    // A discount above the 10% bound.
    params.discount_bps = 1_001;
    let admin = w.protocol.admin.insecure_clone();
    let ix = w.payments.addresses.update_params(admin.pubkey(), params);
    assert_payments_error(
        w.chain.process(&[ix], &[&admin]).await,
        PaymentsError::InvalidParams,
    );
    // A curve whose prices do not increase.
    params.discount_bps = 500;
    params.curve[1].price_e8 = params.curve[0].price_e8;
    let ix = w.payments.addresses.update_params(admin.pubkey(), params);
    assert_payments_error(
        w.chain.process(&[ix], &[&admin]).await,
        PaymentsError::InvalidParams,
    );
    params.curve[1].price_e8 = params.curve[0].price_e8 + 1;
    let ix = w.payments.addresses.update_params(admin.pubkey(), params);
    w.chain.process(&[ix], &[&admin]).await.unwrap();
    // Staged: in force after the governance delay.
    let config = w.chain.payments_config(&w.payments).await;
    assert_eq!(config.pending_params, params);
    assert_ne!(config.params, params);
    assert!(config.params_effective_at > w.chain.now().await);
}
