//! The attacks the issue names: paying yourself from someone else's escrow, a fake fee vault,
//! a fake mint, another reservation's escrow.

use io_localchain::{assert_anchor_error, assert_payments_error, replace_account, USDC};
use io_payments::error::PaymentsError;
use io_payments::ReserveArgs;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

/// Anchor's ConstraintSeeds: an account that is not the PDA it must be.
const CONSTRAINT_SEEDS: u32 = 2006;

#[tokio::test]
async fn nobody_is_paid_from_an_escrow_but_the_device_owner() {
    let mut w = world().await;
    let (result, id) = w.reserve(true, 2, 2 * USDC).await;
    result.unwrap();
    w.chain.advance(2 * HOUR).await;
    let attacker = Keypair::new();
    let attacker_usdc = w
        .chain
        .usdc_account(&w.payments, &attacker.pubkey(), 0)
        .await;
    let settle = w.payments.addresses.settle(
        w.payments.addresses.reservation(id),
        w.payments.addresses.usdc_mint,
        attacker_usdc,
        w.renter.key.pubkey(),
    );
    assert_payments_error(
        w.chain.process(&[settle], &[]).await,
        PaymentsError::WrongPayee,
    );
    // The owner's IO account for a USDC reservation: the wrong mint is refused too.
    let settle = w.payments.addresses.settle(
        w.payments.addresses.reservation(id),
        w.payments.addresses.usdc_mint,
        w.dev.owner_token,
        w.renter.key.pubkey(),
    );
    assert_payments_error(
        w.chain.process(&[settle], &[]).await,
        PaymentsError::WrongPayee,
    );
    assert_eq!(w.balance(attacker_usdc).await, 0);
    w.settle(true, id).await.unwrap();
    assert_eq!(w.balance(w.supplier_usdc).await, 2 * 1_955_000);
}

#[tokio::test]
async fn a_fake_fee_vault_or_another_reservations_escrow_is_refused() {
    let mut w = world().await;
    let (first, a) = w.reserve(true, 2, 2 * USDC).await;
    first.unwrap();
    let (second, b) = w.reserve(true, 2, 3 * USDC).await;
    second.unwrap();
    w.chain.advance(2 * HOUR).await;
    let attacker = Keypair::new();
    // A USDC account the attacker owns, in place of the fee vault.
    let fake_vault = w
        .chain
        .usdc_account(&w.payments, &attacker.pubkey(), 0)
        .await;
    let mut settle = w.payments.addresses.settle(
        w.payments.addresses.reservation(a),
        w.payments.addresses.usdc_mint,
        w.supplier_usdc,
        w.renter.key.pubkey(),
    );
    replace_account(&mut settle, w.payments.addresses.usdc_fee_vault, fake_vault);
    assert_anchor_error(w.chain.process(&[settle], &[]).await, CONSTRAINT_SEEDS);
    // Reservation a paid from reservation b's escrow (b's price is higher).
    let mut settle = w.payments.addresses.settle(
        w.payments.addresses.reservation(a),
        w.payments.addresses.usdc_mint,
        w.supplier_usdc,
        w.renter.key.pubkey(),
    );
    replace_account(
        &mut settle,
        w.payments.addresses.escrow(a),
        w.payments.addresses.escrow(b),
    );
    assert_anchor_error(w.chain.process(&[settle], &[]).await, CONSTRAINT_SEEDS);
    assert_eq!(w.balance(fake_vault).await, 0);
    assert_eq!(
        w.balance(w.payments.addresses.escrow(b)).await,
        2 * 3_007_500
    );
}

#[tokio::test]
async fn a_fake_mint_cannot_pay_for_compute() {
    let mut w = world().await;
    let fake = w.chain.create_other_mint(6).await;
    let renter_fake = w
        .chain
        .create_token_account_for_mint(&w.renter.key.pubkey(), &fake)
        .await;
    let id = w.next_id().await;
    let ix = w.payments.addresses.reserve(
        w.renter.key.pubkey(),
        id,
        w.dev.device,
        fake,
        renter_fake,
        ReserveArgs {
            hours: 1,
            price_per_hour: USDC,
        },
    );
    let renter = w.renter.key.insecure_clone();
    assert_payments_error(
        w.chain.process(&[ix], &[&renter]).await,
        PaymentsError::WrongMint,
    );
}

#[tokio::test]
async fn a_device_of_another_program_or_deployment_is_refused() {
    let mut w = world().await;
    // A look-alike copy of the device at an address io-staking never created is still owned
    // by io-staking, but a system-owned account is not a device at all.
    let stranger = Keypair::new().pubkey();
    w.chain.airdrop(&stranger, 1_000_000).await;
    let id = w.next_id().await;
    let ix = w.payments.addresses.reserve(
        w.renter.key.pubkey(),
        id,
        stranger,
        w.payments.addresses.usdc_mint,
        w.renter.usdc,
        ReserveArgs {
            hours: 1,
            price_per_hour: USDC,
        },
    );
    let renter = w.renter.key.insecure_clone();
    // Anchor's AccountOwnedByWrongProgram (3007).
    assert_anchor_error(w.chain.process(&[ix], &[&renter]).await, 3007);
}
