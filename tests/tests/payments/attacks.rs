//! The attacks the issue names: paying yourself from someone else's escrow, a fake fee vault,
//! a fake mint, another reservation's escrow.

use io_payments::error::PaymentsError;
use io_test_harness::{assert_anchor_error, assert_payments_error, replace_account, USDC};
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
        w.reservation(id),
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
        w.reservation(id),
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
        w.reservation(a),
        w.payments.addresses.usdc_mint,
        w.supplier_usdc,
        w.renter.key.pubkey(),
    );
    replace_account(&mut settle, w.payments.addresses.usdc_fee_vault, fake_vault);
    assert_anchor_error(w.chain.process(&[settle], &[]).await, CONSTRAINT_SEEDS);
    // Reservation a paid from reservation b's escrow (b's price is higher).
    let mut settle = w.payments.addresses.settle(
        w.reservation(a),
        w.payments.addresses.usdc_mint,
        w.supplier_usdc,
        w.renter.key.pubkey(),
    );
    replace_account(&mut settle, w.escrow(a), w.escrow(b));
    assert_anchor_error(w.chain.process(&[settle], &[]).await, CONSTRAINT_SEEDS);
    assert_eq!(w.balance(fake_vault).await, 0);
    assert_eq!(w.balance(w.escrow(b)).await, 2 * 3_007_500);
}

#[tokio::test]
async fn a_fake_mint_cannot_pay_for_compute() {
    let mut w = world().await;
    let fake = w.chain.create_other_mint(6).await;
    let renter_fake = w
        .chain
        .create_token_account_for_mint(&w.renter.key.pubkey(), &fake)
        .await;
    let (result, _) = w
        .reserve_with(w.dev.device, fake, renter_fake, 1, USDC)
        .await;
    assert_payments_error(result, PaymentsError::WrongMint);
}

#[tokio::test]
async fn a_device_of_another_program_or_deployment_is_refused() {
    let mut w = world().await;
    // A look-alike copy of the device at an address io-staking never created is still owned
    // by io-staking, but a system-owned account is not a device at all.
    let stranger = Keypair::new().pubkey();
    w.chain.airdrop(&stranger, 1_000_000).await;
    let (result, _) = w
        .reserve_with(
            stranger,
            w.payments.addresses.usdc_mint,
            w.renter.usdc,
            1,
            USDC,
        )
        .await;
    // Anchor's AccountOwnedByWrongProgram (3007).
    assert_anchor_error(result, 3007);
}

#[tokio::test]
async fn a_strangers_transfer_into_an_escrow_cannot_lock_it() {
    let mut w = world().await;
    let (result, settled) = w.reserve(true, 2, 2 * USDC).await;
    result.unwrap();
    let (result, cancelled) = w.reserve(true, 2, 2 * USDC).await;
    result.unwrap();
    // One base unit into each escrow: an escrow with a balance cannot be closed by SPL Token.
    for nonce in [settled, cancelled] {
        let mint_to = anchor_spl::token::spl_token::instruction::mint_to(
            &anchor_spl::token::spl_token::ID,
            &w.payments.addresses.usdc_mint,
            &w.escrow(nonce),
            &w.chain.payer().pubkey(),
            &[],
            1,
        )
        .unwrap();
        w.chain.process(&[mint_to], &[]).await.unwrap();
    }
    w.cancel(true, cancelled).await.unwrap();
    w.chain.advance(2 * HOUR).await;
    w.settle(true, settled).await.unwrap();
    // Both closed; the strays went to the fee vault and are counted.
    let address = w.escrow(settled);
    assert!(w.chain.account(address).await.is_none());
    let address = w.escrow(cancelled);
    assert!(w.chain.account(address).await.is_none());
    let totals = w.chain.payments_config(&w.payments).await.usdc;
    assert_eq!(totals.swept, 2);
    assert_eq!(
        w.balance(w.payments.addresses.usdc_fee_vault).await,
        totals.fees + 2
    );
}

#[tokio::test]
async fn a_cancel_pays_only_the_device_owner_and_only_into_the_fee_vault() {
    let mut w = world().await;
    let (result, nonce) = w.reserve(true, 4, 2 * USDC).await;
    result.unwrap();
    w.chain.advance(HOUR + 1).await;
    let attacker = Keypair::new();
    let attacker_usdc = w
        .chain
        .usdc_account(&w.payments, &attacker.pubkey(), 0)
        .await;
    let renter = w.renter.key.insecure_clone();
    let (addresses, reservation, renter_usdc, device) = (
        w.payments.addresses,
        w.reservation(nonce),
        w.renter.usdc,
        w.device_of(nonce),
    );
    let cancel = |supplier_token| {
        addresses.cancel(
            reservation,
            device,
            addresses.usdc_mint,
            supplier_token,
            renter.pubkey(),
            renter_usdc,
        )
    };
    let to_attacker = cancel(attacker_usdc);
    assert_payments_error(
        w.chain.process(&[to_attacker], &[&renter]).await,
        PaymentsError::WrongPayee,
    );
    // The IO fee vault for a USDC reservation: not the PDA of this reservation's mint.
    let mut wrong_vault = cancel(w.supplier_usdc);
    replace_account(
        &mut wrong_vault,
        w.payments.addresses.usdc_fee_vault,
        w.payments.addresses.io_fee_vault,
    );
    assert_anchor_error(
        w.chain.process(&[wrong_vault], &[&renter]).await,
        CONSTRAINT_SEEDS,
    );
    // The refund to someone else's account: Anchor's ConstraintTokenOwner (2015).
    let mut refund_elsewhere = cancel(w.supplier_usdc);
    replace_account(&mut refund_elsewhere, w.renter.usdc, attacker_usdc);
    assert_anchor_error(w.chain.process(&[refund_elsewhere], &[&renter]).await, 2015);
    w.cancel(true, nonce).await.unwrap();
}

#[tokio::test]
async fn a_buy_back_takes_only_this_deployments_io_and_pays_only_from_its_vault() {
    let mut w = world_with_fees().await;
    let seller = new_renter(&mut w.chain, &w.payments, 0, 10 * IO).await;
    let key = seller.key.insecure_clone();
    let args = io_payments::BuyBackArgs {
        io_amount: IO,
        usdc_out: 100_000,
    };
    let honest = w.payments.addresses.buy_back(
        key.pubkey(),
        seller.io,
        seller.usdc,
        w.payments.price_update,
        args,
    );
    // Another 8-decimal mint passed off as IO (its tokens worthless): refused.
    let fake_io = w.chain.create_other_mint(8).await;
    let fake_account = w
        .chain
        .create_token_account_for_mint(&key.pubkey(), &fake_io)
        .await;
    let mut fake = honest.clone();
    replace_account(&mut fake, w.payments.addresses.io_mint, fake_io);
    replace_account(&mut fake, seller.io, fake_account);
    assert_payments_error(
        w.chain.process(&[fake], &[&key]).await,
        PaymentsError::WrongMint,
    );
    // The right mint, but the seller's IO account of another mint: ConstraintTokenMint (2014).
    let mut other = honest.clone();
    replace_account(&mut other, seller.io, fake_account);
    assert_anchor_error(w.chain.process(&[other], &[&key]).await, 2014);
    // Paid from an escrow or an attacker's account instead of the USDC fee vault.
    let decoy = w
        .chain
        .usdc_account(&w.payments, &key.pubkey(), 5 * USDC)
        .await;
    let mut from_decoy = honest.clone();
    replace_account(&mut from_decoy, w.payments.addresses.usdc_fee_vault, decoy);
    assert_anchor_error(
        w.chain.process(&[from_decoy], &[&key]).await,
        CONSTRAINT_SEEDS,
    );
    w.chain.process(&[honest], &[&key]).await.unwrap();
    assert_eq!(w.balance(seller.usdc).await, 100_000);
}
