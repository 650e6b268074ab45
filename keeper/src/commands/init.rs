//! `io-keeper init`: the idempotent bootstrap on a cluster.

use anyhow::Result;
use io_chain::cluster::read_keypair;
use io_keeper::cli::InitArgs;
use io_ops::bootstrap::{bootstrap, BootstrapKeys};

use super::{connect, pubkey, runtime};

pub fn run(args: &InitArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(&args.cluster)?;
    let admin = read_keypair(&args.admin_keypair)?;
    let mint_authority = read_keypair(&args.mint_authority_keypair)?;
    let keepers = args
        .keepers
        .iter()
        .map(|k| pubkey("--keeper", k))
        .collect::<Result<Vec<_>>>()?;
    let keys = BootstrapKeys {
        mint_authority: &mint_authority,
        admin: &admin,
        keepers,
        slasher: pubkey("--slasher", &args.slasher)?,
        arbiter: pubkey("--arbiter", &args.arbiter)?,
    };
    runtime()?.block_on(async {
        let steps = bootstrap(
            &chain,
            &backoff,
            addresses.mint,
            args.genesis_timestamp,
            &keys,
        )
        .await?;
        for step in &steps {
            println!(
                "{:<10} {}",
                if step.changed { "done" } else { "unchanged" },
                step.name
            );
        }
        if steps.iter().all(|s| !s.changed) {
            println!("already initialized: nothing changed");
        }
        Ok(())
    })
}
