//! `io-keeper claim-all`: a wallet's devices claimed in as few transactions as fit.

use anyhow::Result;
use io_chain::cluster::read_keypair;
use io_keeper::cli::ClaimAllArgs;

use solana_signer::Signer;

use super::{connect, pubkey, runtime};

pub fn run(args: &ClaimAllArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(&args.cluster)?;
    let owner = read_keypair(&args.owner_keypair)?;
    let token = pubkey("--token-account", &args.token_account)?;
    runtime()?.block_on(async {
        if !args.keeper_url.is_empty() {
            let devices =
                io_ops::claim::owned_devices(&chain, &addresses, &backoff, &owner.pubkey()).await?;
            let mut leaves = Vec::new();
            for (device, _) in &devices {
                match io_keeper::proofs::fetch_leaf(&args.keeper_url, device).await {
                    Ok(leaf) => leaves.push((*device, leaf)),
                    Err(error) => {
                        tracing::warn!(%device, %error, "no proof; claiming what is settled")
                    }
                }
            }
            let settled = io_ops::claim::settle_before_claiming(
                &chain, &addresses, &backoff, &devices, &leaves,
            )
            .await?;
            println!(
                "settled {settled} of {} device(s) from the keepers' proofs",
                devices.len()
            );
        }
        let report = io_ops::claim::claim_all(&chain, &addresses, &backoff, &owner, token).await?;
        println!(
            "claimed {} base units from {} device(s) in {} transaction(s)",
            report.claimed, report.devices, report.transactions
        );
        Ok(())
    })
}
