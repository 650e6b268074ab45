//! `io-keeper claim-all`: a wallet's devices claimed in as few transactions as fit.

use anyhow::Result;
use io_chain::cluster::read_keypair;
use io_keeper::cli::ClaimAllArgs;

use super::{connect, pubkey, runtime};

pub fn run(args: &ClaimAllArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(&args.cluster)?;
    let owner = read_keypair(&args.owner_keypair)?;
    let token = pubkey("--token-account", &args.token_account)?;
    runtime()?.block_on(async {
        let report = io_ops::claim::claim_all(&chain, &addresses, &backoff, &owner, token).await?;
        println!(
            "claimed {} base units from {} device(s) in {} transaction(s)",
            report.claimed, report.devices, report.transactions
        );
        Ok(())
    })
}
