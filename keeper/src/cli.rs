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
