//! Conservation per mint over random reservations, settlements, cancellations and buy-backs:
//! open escrows + fee vault + paid to suppliers + refunded (+ bought back, for USDC) equals what
//! renters deposited, after every step, and the config's totals agree with the token balances.

use io_localchain::USDC;
use io_payments::BuyBackArgs;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use solana_signer::Signer;

use crate::common::*;

struct Open {
    id: u64,
    in_usdc: bool,
}

async fn check(
    w: &mut World,
    open: &[Open],
    supplier_start: (u64, u64),
    renter_start: (u64, u64),
    seller_usdc: anchor_lang::prelude::Pubkey,
) {
    let config = w.chain.payments_config(&w.payments).await;
    for in_usdc in [true, false] {
        let mut escrowed = 0;
        for reservation in open.iter().filter(|r| r.in_usdc == in_usdc) {
            escrowed += w.balance(w.payments.addresses.escrow(reservation.id)).await;
        }
        let (totals, vault, supplier, renter, supplier0, renter0) = if in_usdc {
            (
                config.usdc,
                w.payments.addresses.usdc_fee_vault,
                w.supplier_usdc,
                w.renter.usdc,
                supplier_start.0,
                renter_start.0,
            )
        } else {
            (
                config.io,
                w.payments.addresses.io_fee_vault,
                w.dev.owner_token,
                w.renter.io,
                supplier_start.1,
                renter_start.1,
            )
        };
        let bought_back = if in_usdc { config.usdc_bought_back } else { 0 };
        let vault_balance = w.balance(vault).await;
        let paid = w.balance(supplier).await - supplier0;
        let renter_spent = renter0 - w.balance(renter).await;
        assert_eq!(
            escrowed + vault_balance + bought_back + paid + totals.refunded,
            totals.deposited,
            "usdc={in_usdc}"
        );
        assert_eq!(
            renter_spent,
            totals.deposited - totals.refunded,
            "usdc={in_usdc}"
        );
        assert_eq!(paid, totals.paid, "usdc={in_usdc}");
        assert_eq!(vault_balance + bought_back, totals.fees, "usdc={in_usdc}");
    }
    assert_eq!(w.balance(seller_usdc).await, config.usdc_bought_back);
}

#[tokio::test]
async fn conservation_per_mint_over_random_steps() {
    let mut w = world().await;
    let seller = new_renter(&mut w.chain, &w.payments, 0, 1_000 * IO).await;
    let supplier_start = (
        w.balance(w.supplier_usdc).await,
        w.balance(w.dev.owner_token).await,
    );
    let renter_start = (w.balance(w.renter.usdc).await, w.balance(w.renter.io).await);
    let supply_start = w.chain.mint_supply().await;
    let mut rng = SmallRng::seed_from_u64(0x5EED_0015);
    let mut open: Vec<Open> = Vec::new();
    for _ in 0..60 {
        match rng.random_range(0..10) {
            0..=2 => {
                let in_usdc = rng.random_bool(0.7);
                let hours = rng.random_range(1..=6);
                let price = if in_usdc {
                    rng.random_range(1_000..=3 * USDC)
                } else {
                    rng.random_range(1..=2 * IO)
                };
                let (result, id) = w.reserve(in_usdc, hours, price).await;
                if result.is_ok() {
                    open.push(Open { id, in_usdc });
                }
            }
            3..=4 if !open.is_empty() => {
                let pick = rng.random_range(0..open.len());
                let (id, in_usdc) = (open[pick].id, open[pick].in_usdc);
                // Settling may find nothing due; that changes nothing.
                let _ = w.settle(in_usdc, id).await;
                if w.chain
                    .account(w.payments.addresses.reservation(id))
                    .await
                    .is_none()
                {
                    open.remove(pick);
                }
            }
            5 if !open.is_empty() => {
                let pick = rng.random_range(0..open.len());
                let Open { id, in_usdc } = open.remove(pick);
                w.cancel(in_usdc, id).await.unwrap();
            }
            6 => {
                let config = w.chain.payments_config(&w.payments).await;
                let budget =
                    (config.usdc.fees * 7_500 / 10_000).saturating_sub(config.usdc_bought_back);
                if budget > 0 {
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
            }
            _ => w.chain.advance(rng.random_range(60..=2 * HOUR)).await,
        }
        check(&mut w, &open, supplier_start, renter_start, seller.usdc).await;
    }
    // What left the supply is exactly what the buy-backs burned.
    let config = w.chain.payments_config(&w.payments).await;
    assert!(
        config.buybacks > 0 && config.usdc.refunded > 0 && config.io.paid > 0,
        "{config:?}"
    );
    let burned = config.io_burned;
    assert_eq!(supply_start - w.chain.mint_supply().await, burned);
    // Everything still open settles completely once its hours are over.
    w.chain.advance(7 * HOUR).await;
    for Open { id, in_usdc } in open.drain(..) {
        w.settle(in_usdc, id).await.unwrap();
    }
    check(&mut w, &open, supplier_start, renter_start, seller.usdc).await;
    for in_usdc in [true, false] {
        let totals = if in_usdc {
            w.chain.payments_config(&w.payments).await.usdc
        } else {
            w.chain.payments_config(&w.payments).await.io
        };
        assert_eq!(
            totals.deposited,
            totals.paid + totals.fees + totals.refunded
        );
    }
}
