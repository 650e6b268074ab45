//! `io-keeper`: operator tooling for the IO network.

use std::process::ExitCode;

use clap::Parser;

use io_keeper::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Schedule(args) => io_keeper::schedule_cmd::run(&args, &mut stdout),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
