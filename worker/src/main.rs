//! `io-worker`: the GPU worker an IO supplier runs on each GPU machine.

use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;
use tokio::sync::watch;

use io_worker::backoff::Backoff;
use io_worker::cli::{Cli, Command, GpuSource, ProbeArgs, RegisterArgs};
use io_worker::probe::{self, GpuProbe, NvmlProbe, ProbeClient, SimulatedProbe};

fn main() -> ExitCode {
    let cli = Cli::parse();
    io_runtime::init_logs(cli.log_format, "info");
    io_runtime::exit_code(match cli.command {
        Command::Probe(args) => run_probe(&args),
        Command::Register(args) => run_register(&args),
    })
}

fn open_probe(source: &GpuSource) -> Result<Box<dyn GpuProbe>> {
    Ok(match source.simulate {
        Some(count) => Box::new(SimulatedProbe::new(count, source.simulate_seed)),
        None => Box::new(NvmlProbe::load(
            source.nvml_library.as_deref().map(|p| p.as_os_str()),
        )?),
    })
}

fn run_register(args: &RegisterArgs) -> Result<()> {
    let snapshot = open_probe(&args.gpus)?.read()?;
    let device_key = io_runtime::read_keypair(&args.device_keypair)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let expires_at = match args.expires_at {
        Some(at) => at,
        None => i64::try_from(now)? + i64::from(args.valid_for_hours) * 3_600,
    };
    let consent = io_worker::register::consent(&snapshot, args, &device_key, expires_at)?;
    let mut out = std::io::stdout().lock();
    io_worker::register::write_summary(&snapshot, args, &consent, &mut out)?;
    if let Some(path) = &args.out {
        std::fs::write(path, format!("{}\n", consent.text))
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn run_probe(args: &ProbeArgs) -> Result<()> {
    let gpus = open_probe(&args.gpus)?;
    if args.inspect {
        let snapshot = gpus.read()?;
        snapshot.write_inspection(&mut std::io::stdout().lock())?;
        return Ok(());
    }
    let Some(keypair) = &args.device_keypair else {
        anyhow::bail!("--keeper-url and --device-keypair are required unless --inspect is given");
    };
    if args.keeper_url.is_empty() {
        anyhow::bail!("--keeper-url and --device-keypair are required unless --inspect is given");
    }
    let device_key = io_runtime::read_keypair(keypair)?;
    let clients: Vec<ProbeClient> = args
        .keeper_url
        .iter()
        .map(|url| ProbeClient::new(url, device_key.insecure_clone()))
        .collect();
    let backoff = Backoff {
        max_attempts: args.attempts,
        ..Backoff::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (stop, stopped) = watch::channel(false);
        tokio::spawn(io_runtime::shutdown_on_signal(stop));
        probe::run_each(gpus.as_ref(), &clients, &backoff, args.once, stopped).await
    })
}
