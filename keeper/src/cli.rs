use clap::{Args, Parser, Subcommand, ValueEnum};

/// Operator tooling for the IO network: emission schedule, epoch crank, attestation.
#[derive(Debug, Parser)]
#[command(name = "io-keeper", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the emission schedule (per epoch, or a summary) from the same math the program runs.
    Schedule(ScheduleArgs),
    /// Run the whole system on an embedded local chain with SIMULATED GPU workers and an
    /// accelerated clock, then print a summary.
    Localnet(LocalnetArgs),
}

#[derive(Debug, Args)]
pub struct LocalnetArgs {
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
    /// Share of expected heartbeats a device needs in an epoch to be attested.
    #[arg(long, env = "IO_UPTIME_THRESHOLD_PERCENT", default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub uptime_threshold_percent: u32,
    /// Seed of the simulated workers' randomness (flaky misses).
    #[arg(long, env = "IO_LOCALNET_SEED", default_value_t = 1)]
    pub seed: u64,
    /// No progress bar on stderr.
    #[arg(long, env = "IO_QUIET")]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// First epoch to print (1-based).
    #[arg(long, env = "IO_SCHEDULE_FROM", default_value_t = 1)]
    pub from: u32,
    /// Last epoch to print, inclusive (default: 23 epochs after --from, one day).
    #[arg(long, env = "IO_SCHEDULE_TO")]
    pub to: Option<u32>,
    /// Print totals, first/last epoch and emission per year instead of epoch rows.
    #[arg(long, env = "IO_SCHEDULE_SUMMARY", conflicts_with_all = ["from", "to"])]
    pub summary: bool,
    /// Output format; `--summary` supports table and json.
    #[arg(long, env = "IO_OUTPUT_FORMAT", value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// Decimals of the IO mint (base units per IO = 10^decimals), 0 to 10.
    #[arg(long, env = "IO_DECIMALS", default_value_t = 8)]
    pub decimals: u8,
}
