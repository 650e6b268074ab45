//! `io-keeper crank`: closes every ended epoch, then keeps doing so, with the upkeep after each
//! pass, until SIGINT/SIGTERM.

use std::time::Duration;

use anyhow::Result;
use io_keeper::cli::CrankArgs;
use io_ops::crank::crank_once;
use io_ops::upkeep::upkeep;
use tokio::sync::watch;

use super::{connect, runtime, shutdown_on_signal};

pub fn run(args: &CrankArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(&args.cluster)?;
    runtime()?.block_on(async {
        let (stop, mut stopped) = watch::channel(false);
        tokio::spawn(shutdown_on_signal(stop));
        loop {
            let report = crank_once(&chain, &addresses, &backoff, &stopped).await?;
            tracing::info!(
                closed = report.closed,
                lost_races = report.lost_races,
                last_closed = report.last_closed,
                "crank pass"
            );
            println!(
                "closed {} epoch(s), lost {} race(s); last closed epoch {}",
                report.closed, report.lost_races, report.last_closed
            );
            // Permissionless upkeep rides along: due multipliers in (stale devices leave at
            // their settle). Its failure must not stop the closes, so it is logged and tried on
            // the next pass.
            match upkeep(&chain, &addresses, &backoff, &stopped).await {
                Ok(upkept) if !upkept.synced.is_empty() => {
                    println!("applied {} due multiplier change(s)", upkept.synced.len());
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "upkeep failed; trying again next pass"),
            }
            if args.once || *stopped.borrow() {
                return Ok(());
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(args.interval_seconds)) => {}
                _ = stopped.changed() => return Ok(()),
            }
        }
    })
}
