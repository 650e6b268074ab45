//! `io-keeper`: operator tooling for the IO network.

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

#[cfg(feature = "localnet")]
use io_keeper::cli::LocalnetArgs;
use io_keeper::cli::{Cli, Command, LogFormat, ProbeArgs};
#[cfg(feature = "localnet")]
use io_keeper::localnet::{self, LocalnetOptions};

mod cluster_commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let default_level = if cli.command.is_daemon() {
        "info,tarpc=off"
    } else {
        "warn,tarpc=off"
    };
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Pretty => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
    // Stdout is locked only while writing: the embedded bank runs programs on another thread,
    // and a natively compiled program's `msg!` prints there.
    let result = match cli.command {
        Command::Schedule(args) => {
            io_keeper::schedule_cmd::run(&args, &mut std::io::stdout().lock())
        }
        #[cfg(feature = "localnet")]
        Command::Localnet(args) => run_localnet(&args),
        Command::Status(args) => cluster_commands::status(&args),
        Command::Crank(args) => cluster_commands::crank(&args),
        Command::ClaimAll(args) => cluster_commands::claim_all(&args),
        Command::Init(args) => cluster_commands::init(&args),
        Command::CreateMint(args) => cluster_commands::create_mint(&args),
        Command::Probe(args) => run_probe(&args),
        Command::Serve(args) => cluster_commands::serve(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `io-keeper ... | head`: the reader has what it wanted.
        Err(err)
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "localnet")]
fn run_localnet(args: &LocalnetArgs) -> anyhow::Result<()> {
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

fn run_probe(args: &ProbeArgs) -> anyhow::Result<()> {
    use anyhow::Context;
    use io_keeper::probe::{self, GpuProbe, NvmlProbe, ProbeClient, SimulatedProbe};

    let gpus: Box<dyn GpuProbe> = match args.simulate {
        Some(count) => Box::new(SimulatedProbe::new(count, args.simulate_seed)),
        None => Box::new(NvmlProbe::load(
            args.nvml_library.as_deref().map(|p| p.as_os_str()),
        )?),
    };
    if args.inspect {
        let snapshot = gpus.read()?;
        snapshot.write_inspection(&mut std::io::stdout().lock())?;
        return Ok(());
    }
    let (Some(url), Some(keypair)) = (&args.keeper_url, &args.device_keypair) else {
        anyhow::bail!("--keeper-url and --device-keypair are required unless --inspect is given");
    };
    let device_key = io_keeper::cluster::read_keypair(keypair)
        .with_context(|| format!("reading the device keypair {}", keypair.display()))?;
    let client = ProbeClient::new(url, device_key);
    let backoff = io_keeper::retry::Backoff {
        max_attempts: args.attempts,
        ..io_keeper::retry::Backoff::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        tokio::spawn(cluster_commands::shutdown_on_signal(stop));
        let mut out = std::io::stdout();
        probe::run(
            gpus.as_ref(),
            &client,
            &backoff,
            args.once,
            stopped,
            &mut out,
        )
        .await
    })
}
