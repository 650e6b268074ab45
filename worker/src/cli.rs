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
    /// Sign the device key's consent to be registered by OWNER, and print it as one line to
    /// paste into the app (or give to any client): the device key never leaves this machine.
    Register(RegisterArgs),
}

/// io-staking's program id on every deployment built from this repository.
pub const IO_STAKING_PROGRAM_ID: &str = "2d4G8UhPHjhwPf4QEpibZ1zKGuRW9KDWsHRYgkVLUUw6";

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// The wallet that will register, stake and own the device.
    #[arg(long, env = "IO_DEVICE_OWNER")]
    pub owner: solana_pubkey::Pubkey,
    /// The staking config of the deployment (the app shows it next to this command).
    #[arg(long, env = "IO_STAKING_CONFIG")]
    pub config: solana_pubkey::Pubkey,
    /// The GPU model's id in the deployment's catalog (the app lists them; H100 is 3).
    #[arg(long, env = "IO_GPU_MODEL_ID")]
    pub model_id: u16,
    /// The device's keypair file: the key that will sign heartbeats.
    #[arg(long, env = "IO_DEVICE_KEYPAIR")]
    pub device_keypair: std::path::PathBuf,
    /// GPUs to register (default: every GPU the probe sees).
    #[arg(long, env = "IO_GPU_COUNT")]
    pub gpu_count: Option<u16>,
    /// How long the consent may be used, from now on this machine's clock.
    #[arg(long, env = "IO_CONSENT_VALID_FOR_HOURS", default_value_t = 24, value_parser = clap::value_parser!(u32).range(1..=720))]
    pub valid_for_hours: u32,
    /// An exact expiry (unix seconds) instead, e.g. from the chain's clock on a local chain.
    #[arg(
        long,
        env = "IO_CONSENT_EXPIRES_AT",
        conflicts_with = "valid_for_hours"
    )]
    pub expires_at: Option<i64>,
    /// Also write the consent line to this file.
    #[arg(long, env = "IO_CONSENT_OUT")]
    pub out: Option<std::path::PathBuf>,
    /// io-staking's program id.
    #[arg(long, env = "IO_STAKING_PROGRAM", default_value = IO_STAKING_PROGRAM_ID)]
    pub program: solana_pubkey::Pubkey,
    #[command(flatten)]
    pub gpus: GpuSource,
}

/// Where the GPUs are read from.
#[derive(Debug, Args)]
pub struct GpuSource {
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
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// Only read the GPUs and print the snapshot and the hardware hash registration needs (no
    /// network, no keys), then exit.
    #[arg(long, env = "IO_PROBE_INSPECT")]
    pub inspect: bool,
    #[command(flatten)]
    pub gpus: GpuSource,
    /// Base URL of a keeper's service, e.g. http://keeper.example:8080. Repeat it (or give a
    /// comma-separated list) for every keeper of the quorum: each heartbeat goes to all of them,
    /// each with its own backoff, so a keeper that is down costs the device nothing.
    #[arg(
        long,
        env = "IO_KEEPER_URL",
        value_delimiter = ',',
        required_unless_present = "inspect"
    )]
    pub keeper_url: Vec<String>,
    /// The device's keypair file (the key registered on chain as the device key).
    #[arg(long, env = "IO_DEVICE_KEYPAIR", required_unless_present = "inspect")]
    pub device_keypair: Option<std::path::PathBuf>,
    /// Send one heartbeat to each keeper and exit (non-zero if no keeper accepted it).
    #[arg(long, env = "IO_PROBE_ONCE")]
    pub once: bool,
    /// Attempts before `--once` gives up (the loop itself never gives up).
    #[arg(long, env = "IO_PROBE_ATTEMPTS", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub attempts: u32,
}
