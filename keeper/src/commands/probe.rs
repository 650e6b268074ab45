//! `io-keeper probe`: the GPU worker's loop (NVML, or `--simulate`).

use io_keeper::cli::ProbeArgs;

use super::shutdown_on_signal;

pub fn run(args: &ProbeArgs) -> anyhow::Result<()> {
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
