//! `io-keeper buyback`: quote a buy-back of IO for USDC fees, and with `--execute` send it.

use anyhow::{Context, Result};
use io_chain::cluster::read_keypair;
use io_chain::Chain;
use io_keeper::cli::BuybackArgs;
use io_ops::amount::{io_grouped, parse_amount};
use io_ops::payments::{execute_buyback, quote_buyback};
use io_sdk::payments::PaymentsAddresses;

use super::{connect, pubkey, runtime};

pub fn run(args: &BuybackArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(&args.cluster)?;
    let payments = PaymentsAddresses::new(&addresses, pubkey("--usdc-mint", &args.usdc_mint)?);
    let price_update = pubkey("--price-update", &args.price_update)?;
    let seller_io = pubkey("--seller-io", &args.seller_io)?;
    let seller_usdc = pubkey("--seller-usdc", &args.seller_usdc)?;
    let io_amount = parse_amount(&args.io, 8)
        .map_err(anyhow::Error::msg)
        .context("--io")?;
    let seller = match &args.seller_keypair {
        Some(path) => read_keypair(path)?,
        None => chain.payer_keypair().insecure_clone(),
    };
    runtime()?.block_on(async {
        let quote = quote_buyback(&chain, &payments, &price_update, io_amount, args.slippage_bps).await?;
        let usdc = |amount: u64| io_grouped(amount, 6);
        println!(
            "price {} × 10^{} USD per IO · share {}.{:02}% of fees · budget {} USDC",
            quote.price.price,
            quote.price.exponent,
            quote.share_bps / 100,
            quote.share_bps % 100,
            usdc(quote.budget)
        );
        println!(
            "{} IO is worth {} USDC; the program pays at most {} USDC; asking {} USDC ({} bps slippage)",
            io_grouped(io_amount, 8),
            usdc(quote.value),
            usdc(quote.most),
            usdc(quote.ask),
            args.slippage_bps
        );
        if !args.execute {
            println!("quote only: add --execute to send it");
            return Ok(());
        }
        execute_buyback(
            &chain as &dyn Chain,
            &backoff,
            &payments,
            &price_update,
            &seller,
            (seller_io, seller_usdc),
            &quote,
        )
        .await?;
        println!("bought back: {} IO burned for {} USDC", io_grouped(io_amount, 8), usdc(quote.ask));
        Ok(())
    })
}
