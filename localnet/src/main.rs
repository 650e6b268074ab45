//! `io-localnet`: the whole system on the embedded chain, as a run that prints a summary, or
//! (`--serve`) kept running for standard clients.

use std::process::ExitCode;

use clap::Parser;
use io_localnet::cli::Cli;
use io_localnet::{LocalnetOptions, ServeOptions};
use io_runtime::shutdown_on_signal;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let default_level = if cli.serve {
        "info,tarpc=off"
    } else {
        "warn,tarpc=off"
    };
    io_runtime::init_logs(cli.log_format, default_level);
    io_runtime::exit_code(run(&cli))
}

fn run(args: &Cli) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    if args.serve {
        return serve(args, &runtime);
    }
    let options = LocalnetOptions {
        devices: usize::from(args.devices),
        epochs: args.epochs,
        heartbeats_per_epoch: args.heartbeats_per_epoch,
        uptime_threshold_percent: args.uptime_threshold_percent,
        seed: args.seed,
        progress: !args.quiet,
        http: args.http,
    };
    // Natively compiled programs print their `msg!` lines to stdout; keep the summary clean.
    let summary = {
        let _quiet = io_localnet::SilencedStdout::new()?;
        runtime.block_on(io_localnet::run(&options))?
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

fn serve(args: &Cli, runtime: &tokio::runtime::Runtime) -> anyhow::Result<()> {
    let mut ws_listen = args.rpc_listen;
    ws_listen.set_port(args.rpc_listen.port().checked_add(1).unwrap_or(0));
    let options = ServeOptions {
        devices: usize::from(args.devices),
        epoch_seconds: args.epoch_seconds,
        rpc_listen: args.rpc_listen,
        ws_listen,
        listen: args.listen,
        ledger: args.ledger.clone(),
        app_dir: args.app_dir.clone(),
        heartbeats_per_epoch: args.heartbeats_per_epoch,
        uptime_threshold_percent: args.uptime_threshold_percent,
        seed: args.seed,
    };
    // The programs' `msg!` lines would bury the URLs and the epoch lines: they go to
    // /dev/null, ours to the real stdout.
    let quiet = io_localnet::SilencedStdout::new()?;
    let mut out = quiet.original()?;
    runtime.block_on(async {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        tokio::spawn(shutdown_on_signal(stop));
        io_localnet::serve(&options, stopped, &mut out).await
    })
}
