//! `io-worker`'s command line.

use clap::{Args, Parser, Subcommand};

/// The IO network's GPU worker: reads the GPUs through NVML and posts a signed heartbeat every
/// slot to a keeper's attestation service.
#[derive(Debug, Parser)]
#[command(name = "io-worker", version, about)]
pub struct Cli {
    /// Log lines on stderr: `pretty` for people, `json` (one object per line) for log
    /// collectors. `RUST_LOG` sets the level (default `info`).
    #[arg(long, env = "IO_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty, global = true)]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

pub use io_runtime::LogFormat;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the GPUs through NVML and post a signed heartbeat every slot to the keeper's
    /// service (`--inspect` only reads the GPUs and prints the hardware hash).
    Probe(ProbeArgs),
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// Only read the GPUs and print the snapshot and the hardware hash registration needs (no
    /// network, no keys), then exit.
    #[arg(long, env = "IO_PROBE_INSPECT")]
    pub inspect: bool,
    /// Fake this many GPUs instead of reading NVML (demos and tests; every output line says
    /// SIMULATED).
    #[arg(long, env = "IO_PROBE_SIMULATE", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub simulate: Option<u16>,
    /// Which simulated hardware (each seed is a different set of GPUs).
    #[arg(long, env = "IO_PROBE_SIMULATE_SEED", default_value_t = 0)]
    pub simulate_seed: u64,
    /// Path or name of the NVML library (default: libnvidia-ml.so.1 from the dynamic loader).
    #[arg(long, env = "IO_NVML_LIBRARY")]
    pub nvml_library: Option<std::path::PathBuf>,
    /// Base URL of the keeper's service, e.g. http://keeper.example:8080.
    #[arg(long, env = "IO_KEEPER_URL", required_unless_present = "inspect")]
    pub keeper_url: Option<String>,
    /// The device's keypair file (the key registered on chain as the device key).
    #[arg(long, env = "IO_DEVICE_KEYPAIR", required_unless_present = "inspect")]
    pub device_keypair: Option<std::path::PathBuf>,
    /// Send one heartbeat and exit (non-zero if it was not accepted).
    #[arg(long, env = "IO_PROBE_ONCE")]
    pub once: bool,
    /// Attempts before `--once` gives up (the loop itself never gives up).
    #[arg(long, env = "IO_PROBE_ATTEMPTS", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub attempts: u32,
}
