//! One file per `io-keeper` subcommand; `main.rs` only parses and dispatches. Shared here: how
//! a command reaches a cluster, its runtime, and the shutdown signal.

use std::str::FromStr;

use anchor_lang::prelude::Pubkey;
use anyhow::{Context, Result};
use io_chain::cluster::{read_keypair, resolve, SolanaCliConfig};
use io_chain::retry::Backoff;
use io_chain::rpc::RpcChain;
use io_keeper::cli::ClusterArgs;
pub use io_runtime::shutdown_on_signal;
use io_sdk::Addresses;

pub mod buyback;
pub mod claim_all;
pub mod crank;
pub mod create_mint;
pub mod init;
pub mod keeper;
pub mod schedule;
pub mod serve;
pub mod status;

pub fn pubkey(what: &str, text: &str) -> Result<Pubkey> {
    Pubkey::from_str(text).with_context(|| format!("{what} {text:?} is not a base58 public key"))
}

pub fn connect(args: &ClusterArgs) -> Result<(RpcChain, Addresses, Backoff)> {
    let (url, keypair_path) = resolve(
        args.rpc_url.clone(),
        args.keypair.clone(),
        &SolanaCliConfig::load_default(),
    )?;
    let payer = read_keypair(&keypair_path)?;
    let addresses = Addresses::for_mint(pubkey("--mint", &args.mint)?);
    let backoff = Backoff {
        max_attempts: args.rpc_attempts,
        ..Backoff::default()
    };
    Ok((RpcChain::new(url, payer), addresses, backoff))
}

pub fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}
