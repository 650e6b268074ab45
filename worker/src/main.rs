//! `io-worker`: the GPU worker an IO supplier runs on each GPU machine.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use clap::Parser;
use solana_keypair::Keypair;
use tokio::sync::watch;
use tracing_subscriber::EnvFilter;

use io_worker::backoff::Backoff;
use io_worker::cli::{Cli, Command, LogFormat, ProbeArgs};
use io_worker::probe::{self, GpuProbe, NvmlProbe, ProbeClient, SimulatedProbe};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Pretty => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
    let result = match cli.command {
        Command::Probe(args) => run_probe(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `io-worker probe --inspect | head`: the reader has what it wanted.
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

fn run_probe(args: &ProbeArgs) -> Result<()> {
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
    let device_key = read_keypair(keypair)?;
    let client = ProbeClient::new(url, device_key);
    let backoff = Backoff {
        max_attempts: args.attempts,
        ..Backoff::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (stop, stopped) = watch::channel(false);
        tokio::spawn(shutdown_on_signal(stop));
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

/// A keypair file as `solana-keygen` writes it: a JSON array of 64 bytes.
fn read_keypair(path: &Path) -> Result<Keypair> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the device keypair {}", path.display()))?;
    let bytes: Vec<u8> = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a JSON array of bytes", path.display()))?;
    Keypair::try_from(bytes.as_slice())
        .map_err(|e| anyhow!("{} is not a keypair: {e}", path.display()))
}

/// SIGINT or SIGTERM: finish the current round, then stop.
async fn shutdown_on_signal(stop: watch::Sender<bool>) {
    let mut terminate =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async {
            match terminate.as_mut() {
                Some(signal) => { signal.recv().await; }
                None => std::future::pending::<()>().await,
            }
        } => {}
    }
    tracing::info!("shutdown requested");
    let _ = stop.send(true);
}
