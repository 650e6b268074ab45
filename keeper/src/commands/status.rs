//! `io-keeper status`: the protocol's state on a cluster.

use anyhow::Result;
use io_keeper::cli::ClusterArgs;
use io_ops::{payments, status};

use super::{connect, runtime};

pub fn run(args: &ClusterArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(args)?;
    runtime()?.block_on(async {
        let state = backoff
            .retry("read status", || status::collect(&chain, &addresses))
            .await?;
        match state {
            Some(state) => println!("IO protocol for mint {}\n{state}", addresses.mint),
            None => println!("IO protocol for mint {}: not initialized", addresses.mint),
        }
        let payments = backoff
            .retry("read payments", || {
                payments::config(&chain, &addresses.config)
            })
            .await?;
        match payments {
            Some(config) => println!("{}", payments::PaymentsTotals(&config)),
            None => println!("  payments             io-payments not initialized"),
        }
        Ok(())
    })
}
