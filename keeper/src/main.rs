//! `io-keeper`: operator tooling for the IO network.

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use io_keeper::cli::{Cli, Command, LogFormat};

mod commands;

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
    let result = match cli.command {
        Command::Schedule(args) => commands::schedule::run(&args),
        #[cfg(feature = "localnet")]
        Command::Localnet(args) => commands::localnet::run(&args),
        Command::Status(args) => commands::status::run(&args),
        Command::Crank(args) => commands::crank::run(&args),
        Command::ClaimAll(args) => commands::claim_all::run(&args),
        Command::Init(args) => commands::init::run(&args),
        Command::CreateMint(args) => commands::create_mint::run(&args),
        Command::Serve(args) => commands::serve::run(&args),
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
