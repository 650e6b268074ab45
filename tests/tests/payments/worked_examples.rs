//! The published fees, to the base unit (docs/design.md section 11; docs/programs.md, io-payments).

use io_payments::events::{ReservationCancelled, ReservationSettled, Reserved};
use io_test_harness::{events, USDC};

use solana_signer::Signer;

use crate::common::*;

#[tokio::test]
async fn ten_usdc_hours_at_two_dollars() {
    let mut w = world().await;
    let renter_before = w.balance(w.renter.usdc).await;
    let (result, id) = w.reserve(true, 10, 2 * USDC).await;
    result.unwrap();
    // The renter pays 20.05 USDC: 10 × (2.00 + 0.25%).
    assert_eq!(renter_before - w.balance(w.renter.usdc).await, 20_050_000);
    assert_eq!(w.balance(w.escrow(id)).await, 20_050_000);
    let address = w.reservation(id);
    let reservation = w.chain.reservation_state(address).await;
    assert_eq!(
        (
            reservation.renter_per_hour,
            reservation.supplier_per_hour,
            reservation.fee_per_hour
        ),
        (2_005_000, 1_955_000, 50_000)
    );

    w.chain.advance(10 * HOUR).await;
    let ix = w.payments.addresses.settle(
        w.reservation(id),
        w.payments.addresses.usdc_mint,
        w.supplier_usdc,
        w.renter.key.pubkey(),
    );
    let (result, emitted) = w.chain.process_with_events(&[ix], &[]).await;
    result.unwrap();
    let settled: ReservationSettled = events::single(&emitted);
    assert_eq!((settled.hours, settled.completed), (10, true));
    // The supplier gets 19.55 USDC (2.00 − 0.25% − 2%, ten times); the fee vault 0.50.
    assert_eq!(w.balance(w.supplier_usdc).await, 19_550_000);
    assert_eq!(
        w.balance(w.payments.addresses.usdc_fee_vault).await,
        500_000
    );
    // Every hour paid: the reservation and its escrow are gone, their rent back to the renter.
    let address = w.reservation(id);
    assert!(w.chain.account(address).await.is_none());
    let address = w.escrow(id);
    assert!(w.chain.account(address).await.is_none());
    let totals = w.chain.payments_config(&w.payments).await.usdc;
    assert_eq!(
        (totals.deposited, totals.paid, totals.fees, totals.refunded),
        (20_050_000, 19_550_000, 500_000, 0)
    );
}

#[tokio::test]
async fn the_same_in_io_has_no_fees() {
    let mut w = world().await;
    let supplier_before = w.balance(w.dev.owner_token).await;
    let renter_before = w.balance(w.renter.io).await;
    let id = w.fresh_nonce();
    let ix = w.payments.addresses.reserve(
        w.renter.key.pubkey(),
        w.dev.device,
        w.payments.addresses.io_mint,
        w.renter.io,
        io_payments::ReserveArgs {
            nonce: id,
            hours: 10,
            price_per_hour: 2 * IO,
        },
    );
    let renter = w.renter.key.insecure_clone();
    let (result, emitted) = w.chain.process_with_events(&[ix], &[&renter]).await;
    result.unwrap();
    let reserved: Reserved = events::single(&emitted);
    assert_eq!((reserved.deposited, reserved.fee_per_hour), (20 * IO, 0));
    assert_eq!(renter_before - w.balance(w.renter.io).await, 20 * IO);
    w.chain.advance(10 * HOUR).await;
    w.settle(false, id).await.unwrap();
    assert_eq!(
        w.balance(w.dev.owner_token).await - supplier_before,
        20 * IO
    );
    assert_eq!(w.balance(w.payments.addresses.io_fee_vault).await, 0);
}

#[tokio::test]
async fn cancelled_after_four_hours() {
    let mut w = world().await;
    let renter_before = w.balance(w.renter.usdc).await;
    let (result, id) = w.reserve(true, 10, 2 * USDC).await;
    result.unwrap();
    w.chain.advance(4 * HOUR).await;
    let ix = w.payments.addresses.cancel(
        w.reservation(id),
        w.device_of(id),
        w.payments.addresses.usdc_mint,
        w.supplier_usdc,
        w.renter.key.pubkey(),
        w.renter.usdc,
    );
    let renter = w.renter.key.insecure_clone();
    let (result, emitted) = w.chain.process_with_events(&[ix], &[&renter]).await;
    result.unwrap();
    let cancelled: ReservationCancelled = events::single(&emitted);
    // Four hours used: 4 × 1.955 to the supplier, 4 × 0.05 in fees; six hours come back with
    // their fees: 6 × 2.005 = 12.03.
    assert_eq!(
        (
            cancelled.hours_paid,
            cancelled.paid,
            cancelled.fees,
            cancelled.hours_refunded,
            cancelled.refunded
        ),
        (4, 7_820_000, 200_000, 6, 12_030_000)
    );
    assert_eq!(w.balance(w.supplier_usdc).await, 7_820_000);
    assert_eq!(
        w.balance(w.payments.addresses.usdc_fee_vault).await,
        200_000
    );
    assert_eq!(renter_before - w.balance(w.renter.usdc).await, 8_020_000);
    let address = w.reservation(id);
    assert!(w.chain.account(address).await.is_none());
}

#[tokio::test]
async fn a_cancel_pays_the_hour_in_progress_and_after_a_settle_only_the_rest() {
    let mut w = world().await;
    let (result, id) = w.reserve(true, 10, 2 * USDC).await;
    result.unwrap();
    w.chain.advance(2 * HOUR).await;
    w.settle(true, id).await.unwrap();
    assert_eq!(w.balance(w.supplier_usdc).await, 2 * 1_955_000);
    // 2 h 10 min in: the third hour has begun and is paid; seven come back.
    w.chain.advance(600).await;
    w.cancel(true, id).await.unwrap();
    assert_eq!(w.balance(w.supplier_usdc).await, 3 * 1_955_000);
    assert_eq!(
        w.balance(w.payments.addresses.usdc_fee_vault).await,
        3 * 50_000
    );
    let totals = w.chain.payments_config(&w.payments).await.usdc;
    assert_eq!(totals.refunded, 7 * 2_005_000);
    assert_eq!(
        totals.deposited,
        totals.paid + totals.fees + totals.refunded
    );
}

#[tokio::test]
async fn a_cancel_at_the_start_refunds_everything_and_after_the_end_pays_everything() {
    let mut w = world().await;
    let before = w.balance(w.renter.usdc).await;
    let (result, nonce) = w.reserve(true, 10, 2 * USDC).await;
    result.unwrap();
    // Same second: no hour begun; price and fees come back in full.
    w.cancel(true, nonce).await.unwrap();
    assert_eq!(w.balance(w.renter.usdc).await, before);
    assert_eq!(w.balance(w.supplier_usdc).await, 0);
    let address = w.reservation(nonce);
    assert!(w.chain.account(address).await.is_none());

    let (result, nonce) = w.reserve(true, 3, 2 * USDC).await;
    result.unwrap();
    w.chain.advance(5 * HOUR).await;
    w.cancel(true, nonce).await.unwrap();
    assert_eq!(w.balance(w.supplier_usdc).await, 3 * 1_955_000);
    assert_eq!(before - w.balance(w.renter.usdc).await, 3 * 2_005_000);
}

#[tokio::test]
async fn io_reservations_cancel_without_fees() {
    let mut w = world().await;
    let supplier_before = w.balance(w.dev.owner_token).await;
    let before = w.balance(w.renter.io).await;
    let (result, nonce) = w.reserve(false, 4, IO).await;
    result.unwrap();
    w.chain.advance(HOUR + 1).await;
    w.cancel(false, nonce).await.unwrap();
    // Two hours begun (the second by one second): 2 IO to the supplier, 2 IO back.
    assert_eq!(w.balance(w.dev.owner_token).await - supplier_before, 2 * IO);
    assert_eq!(before - w.balance(w.renter.io).await, 2 * IO);
    assert_eq!(w.balance(w.payments.addresses.io_fee_vault).await, 0);
}
