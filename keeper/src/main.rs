//! `io-keeper`: operator tooling for the IO network.

use std::process::ExitCode;

use clap::Parser;

use io_keeper::cli::{Cli, Command};

mod commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let default_level = if cli.command.is_daemon() {
        "info,tarpc=off"
    } else {
        "warn,tarpc=off"
    };
    io_runtime::init_logs(cli.log_format, default_level);
    io_runtime::exit_code(match cli.command {
        Command::Schedule(args) => commands::schedule::run(&args),
        Command::Status(args) => commands::status::run(&args),
        Command::Crank(args) => commands::crank::run(&args),
        Command::ClaimAll(args) => commands::claim_all::run(&args),
        Command::Buyback(args) => commands::buyback::run(&args),
        Command::Init(args) => commands::init::run(&args),
        Command::CreateMint(args) => commands::create_mint::run(&args),
        Command::Keeper(args) => commands::keeper::run(&args),
        Command::Serve(args) => commands::serve::run(&args),
    })
}
