//! `io-localnet`'s flags.

use clap::Parser;
pub use io_runtime::LogFormat;

/// The whole IO system on one machine: the embedded chain, the keeper's service, crank and
/// vote (a bonded quorum of one), SIMULATED GPU workers and the indexer, on an accelerated clock. Without --serve,
/// a batch run that prints a summary; with --serve, kept running behind Solana's JSON-RPC and
/// WebSocket until Ctrl-C.
#[derive(Debug, Parser)]
#[command(name = "io-localnet", version, about)]
pub struct Cli {
    /// Log lines on stderr: `pretty` for people, `json` (one object per line) for log
    /// collectors. `RUST_LOG` sets the level (default `info` with --serve, `warn` otherwise).
    #[arg(long, env = "IO_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
    /// SIMULATED devices to register (mixed GPU models; some flaky, one stops heartbeating,
    /// one unstakes).
    #[arg(long, env = "IO_LOCALNET_DEVICES", default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..=500))]
    pub devices: u16,
    /// Epochs (hours) to run.
    #[arg(long, env = "IO_LOCALNET_EPOCHS", default_value_t = 48, value_parser = clap::value_parser!(u32).range(1..=2_000))]
    pub epochs: u32,
    /// Heartbeats each worker sends per epoch.
    #[arg(long, env = "IO_HEARTBEATS_PER_EPOCH", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=60))]
    pub heartbeats_per_epoch: u32,
    /// Share of expected heartbeats a device needs in an epoch to be up in it.
    #[arg(long, env = "IO_UPTIME_THRESHOLD_PERCENT", default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub uptime_threshold_percent: u32,
    /// Seed of the simulated workers' randomness (flaky misses).
    #[arg(long, env = "IO_LOCALNET_SEED", default_value_t = 1)]
    pub seed: u64,
    /// No progress bar on stderr.
    #[arg(long, env = "IO_QUIET")]
    pub quiet: bool,
    /// Run the attestation service on a loopback port and have the workers post their
    /// heartbeats to it over HTTP (the deployment shape), instead of calling it in process.
    #[arg(long, env = "IO_LOCALNET_HTTP")]
    pub http: bool,
    /// Keep the chain running with the face of solana-test-validator: JSON-RPC on
    /// --rpc-listen and its WebSocket on the next port, the keeper's service on --listen,
    /// SIMULATED workers heartbeating and the crank and the keeper's vote running on an accelerated
    /// clock, until Ctrl-C. (--epochs, --quiet and --http do not apply.)
    #[arg(long, env = "IO_LOCALNET_SERVE")]
    pub serve: bool,
    /// With --serve: wall seconds per hourly epoch (3600 is real time).
    #[arg(long, env = "IO_LOCALNET_EPOCH_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..=3_600))]
    pub epoch_seconds: u32,
    /// With --serve: the JSON-RPC address; the WebSocket listens on the next port.
    #[arg(long, env = "IO_LOCALNET_RPC_LISTEN", default_value = "127.0.0.1:8899")]
    pub rpc_listen: std::net::SocketAddr,
    /// With --serve: the keeper's service (heartbeats, metrics).
    #[arg(long, env = "IO_LOCALNET_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// With --serve: where the keypairs of every role (admin, keeper, slasher, arbiter,
    /// treasury) and localnet.json are written, so a person or a script can act as each.
    #[arg(long, env = "IO_LOCALNET_LEDGER", default_value = ".localnet")]
    pub ledger: std::path::PathBuf,
    /// With --serve: the built web app (`npm run build --workspace app`), served at the
    /// keeper's address next to its API.
    #[arg(long, env = "IO_APP_DIR", default_value = "app/dist")]
    pub app_dir: std::path::PathBuf,
}
