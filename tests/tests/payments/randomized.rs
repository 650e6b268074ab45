//! Conservation per mint over random reservations, settlements, cancellations, buy-backs and
//! strangers' transfers into escrows: open escrows + fee vault + paid to suppliers + refunded
//! (+ bought back, for USDC) equals what renters deposited plus what strangers sent, after every
//! step, and the config's totals agree with the token balances.

use anchor_lang::prelude::Pubkey;
use anchor_spl::token::spl_token;
use io_payments::BuyBackArgs;
use io_test_harness::USDC;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use solana_signer::Signer;

use crate::common::*;

struct Open {
    nonce: u64,
    in_usdc: bool,
}

/// Balances at the start, to measure what moved.
struct Start {
    supplier: (u64, u64),
    renter: (u64, u64),
    seller_usdc: Pubkey,
}

async fn check(w: &mut World, open: &[Open], start: &Start, donated_usdc: u64) {
    let config = w.chain.payments_config(&w.payments).await;
    for in_usdc in [true, false] {
        let mut escrowed = 0;
        for reservation in open.iter().filter(|r| r.in_usdc == in_usdc) {
            escrowed += w.balance(w.escrow(reservation.nonce)).await;
        }
        let (totals, vault, supplier, renter, bought_back, donated) = if in_usdc {
            let accounts = (w.supplier_usdc, w.renter.usdc);
            let vault = w.payments.addresses.usdc_fee_vault;
            (
                config.usdc,
                vault,
                accounts.0,
                accounts.1,
                config.usdc_bought_back,
                donated_usdc,
            )
        } else {
            let accounts = (w.dev.owner_token, w.renter.io);
            (
                config.io,
                w.payments.addresses.io_fee_vault,
                accounts.0,
                accounts.1,
                0,
                0,
            )
        };
        let (supplier0, renter0) = if in_usdc {
            (start.supplier.0, start.renter.0)
        } else {
            (start.supplier.1, start.renter.1)
        };
        let vault_balance = w.balance(vault).await;
        let paid = w.balance(supplier).await - supplier0;
        let renter_spent = renter0 - w.balance(renter).await;
        let held = escrowed + vault_balance + bought_back + paid + totals.refunded;
        assert_eq!(held, totals.deposited + donated, "usdc={in_usdc}");
        assert_eq!(
            renter_spent,
            totals.deposited - totals.refunded,
            "usdc={in_usdc}"
        );
        assert_eq!(paid, totals.paid, "usdc={in_usdc}");
        assert_eq!(
            vault_balance + bought_back + totals.withdrawn,
            totals.fees + totals.swept,
            "usdc={in_usdc}"
        );
        assert!(totals.swept <= donated, "usdc={in_usdc}");
    }
    assert_eq!(w.balance(start.seller_usdc).await, config.usdc_bought_back);
}

/// A reservation in USDC or IO of 1 to 6 hours at a random price.
async fn reserve_random(w: &mut World, rng: &mut SmallRng, open: &mut Vec<Open>) {
    let in_usdc = rng.random_bool(0.7);
    let hours = rng.random_range(1..=6);
    let price = if in_usdc {
        rng.random_range(1_000..=3 * USDC)
    } else {
        rng.random_range(1..=2 * IO)
    };
    let (result, nonce) = w.reserve(in_usdc, hours, price).await;
    if result.is_ok() {
        open.push(Open { nonce, in_usdc });
    }
}

/// A buy-back of a random part of the budget at 1.25 USD (share 75%).
async fn buy_back_random(w: &mut World, rng: &mut SmallRng, seller: &Renter) {
    let config = w.chain.payments_config(&w.payments).await;
    let budget = (config.usdc.fees * 7_500 / 10_000).saturating_sub(config.usdc_bought_back);
    if budget == 0 {
        return;
    }
    let now = w.chain.now().await;
    w.chain
        .set_price(&w.payments, 125_000_000, 100_000, -8, now);
    let usdc_out = rng.random_range(1..=budget);
    // Enough IO to cover it at 1.25 USD less 2%, and a little more.
    let io_amount = usdc_out * 100_000 / 1_225 + 100;
    let ix = w.payments.addresses.buy_back(
        seller.key.pubkey(),
        seller.io,
        seller.usdc,
        w.payments.price_update,
        BuyBackArgs {
            io_amount,
            usdc_out,
        },
    );
    let key = seller.key.insecure_clone();
    w.chain.process(&[ix], &[&key]).await.unwrap();
}

/// A stranger mints USDC straight into an open escrow (the test payer is the USDC authority).
async fn donate_random(w: &mut World, rng: &mut SmallRng, open: &[Open]) -> u64 {
    let Some(target) = open.iter().find(|r| r.in_usdc) else {
        return 0;
    };
    let amount = rng.random_range(1..=1_000);
    let mint_to = spl_token::instruction::mint_to(
        &spl_token::ID,
        &w.payments.addresses.usdc_mint,
        &w.escrow(target.nonce),
        &w.chain.payer().pubkey(),
        &[],
        amount,
    )
    .unwrap();
    w.chain.process(&[mint_to], &[]).await.unwrap();
    amount
}

#[tokio::test]
async fn conservation_per_mint_over_random_steps() {
    let mut w = world().await;
    let seller = new_renter(&mut w.chain, &w.payments, 0, 1_000 * IO).await;
    let start = Start {
        supplier: (
            w.balance(w.supplier_usdc).await,
            w.balance(w.dev.owner_token).await,
        ),
        renter: (w.balance(w.renter.usdc).await, w.balance(w.renter.io).await),
        seller_usdc: seller.usdc,
    };
    let supply_start = w.chain.mint_supply().await;
    let mut rng = SmallRng::seed_from_u64(0x5EED_0015);
    let mut open: Vec<Open> = Vec::new();
    let mut donated = 0;
    for _ in 0..70 {
        match rng.random_range(0..11) {
            0..=2 => reserve_random(&mut w, &mut rng, &mut open).await,
            3..=4 if !open.is_empty() => {
                let pick = rng.random_range(0..open.len());
                let (nonce, in_usdc) = (open[pick].nonce, open[pick].in_usdc);
                // Settling may find nothing due; that changes nothing.
                let _ = w.settle(in_usdc, nonce).await;
                let address = w.reservation(nonce);
                if w.chain.account(address).await.is_none() {
                    open.remove(pick);
                }
            }
            5 if !open.is_empty() => {
                let pick = rng.random_range(0..open.len());
                let Open { nonce, in_usdc } = open.remove(pick);
                w.cancel(in_usdc, nonce).await.unwrap();
            }
            6 => buy_back_random(&mut w, &mut rng, &seller).await,
            7 => donated += donate_random(&mut w, &mut rng, &open).await,
            _ => w.chain.advance(rng.random_range(60..=2 * HOUR)).await,
        }
        check(&mut w, &open, &start, donated).await;
    }
    let config = w.chain.payments_config(&w.payments).await;
    assert!(
        config.buybacks > 0 && config.usdc.refunded > 0 && config.io.paid > 0 && donated > 0,
        "{config:?}"
    );
    // What left the supply is exactly what the buy-backs burned.
    assert_eq!(supply_start - w.chain.mint_supply().await, config.io_burned);
    // Everything still open settles completely once its hours are over, strays swept.
    w.chain.advance(7 * HOUR).await;
    for Open { nonce, in_usdc } in open.drain(..) {
        w.settle(in_usdc, nonce).await.unwrap();
    }
    check(&mut w, &open, &start, donated).await;
    let config = w.chain.payments_config(&w.payments).await;
    for (totals, swept) in [(config.usdc, donated), (config.io, 0)] {
        assert_eq!(
            totals.deposited,
            totals.paid + totals.fees + totals.refunded
        );
        assert_eq!(totals.swept, swept);
    }
}
