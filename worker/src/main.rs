//! `io-worker`: the GPU worker an IO supplier runs on each GPU machine.

use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;
use tokio::sync::watch;

use io_worker::backoff::Backoff;
use io_worker::cli::{Cli, Command, ProbeArgs};
use io_worker::probe::{self, GpuProbe, NvmlProbe, ProbeClient, SimulatedProbe};

fn main() -> ExitCode {
    let cli = Cli::parse();
    io_runtime::init_logs(cli.log_format, "info");
    io_runtime::exit_code(match cli.command {
        Command::Probe(args) => run_probe(&args),
    })
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
    let device_key = io_runtime::read_keypair(keypair)?;
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
        tokio::spawn(io_runtime::shutdown_on_signal(stop));
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
