//! `io-keeper localnet`: the whole system on the embedded chain.

use io_keeper::cli::LocalnetArgs;
use io_keeper::localnet::{self, LocalnetOptions};

pub fn run(args: &LocalnetArgs) -> anyhow::Result<()> {
    let options = LocalnetOptions {
        devices: usize::from(args.devices),
        epochs: args.epochs,
        heartbeats_per_epoch: args.heartbeats_per_epoch,
        uptime_threshold_percent: args.uptime_threshold_percent,
        seed: args.seed,
        progress: !args.quiet,
        http: args.http,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    // Natively compiled programs print their `msg!` lines to stdout; keep the summary clean.
    let summary = {
        let _quiet = localnet::SilencedStdout::new()?;
        runtime.block_on(localnet::run(&options))?
    };
    summary.write(&mut std::io::stdout().lock())?;
    anyhow::ensure!(
        summary.minted == summary.scheduled,
        "minted {} base units but the schedule says {}",
        summary.minted,
        summary.scheduled
    );
    Ok(())
}
