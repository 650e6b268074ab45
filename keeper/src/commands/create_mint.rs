//! `io-keeper create-mint`: the IO mint with its genesis supply.

use anyhow::Result;
use io_chain::cluster::{read_keypair, resolve, SolanaCliConfig};
use io_chain::retry::Backoff;
use io_chain::rpc::RpcChain;
use io_keeper::cli::CreateMintArgs;
use io_ops::bootstrap::create_mint as create_io_mint;

use super::{pubkey, runtime};

pub fn run(args: &CreateMintArgs) -> Result<()> {
    let (url, keypair_path) = resolve(
        args.rpc_url.clone(),
        args.keypair.clone(),
        &SolanaCliConfig::load_default(),
    )?;
    let chain = RpcChain::new(url, read_keypair(&keypair_path)?);
    let mint = read_keypair(&args.mint_keypair)?;
    let authority = read_keypair(&args.mint_authority_keypair)?;
    let owner = pubkey("--treasury-owner", &args.treasury_owner)?;
    let treasury = solana_keypair::Keypair::new();
    runtime()?.block_on(async {
        let treasury = create_io_mint(
            &chain,
            &Backoff::default(),
            &mint,
            &authority,
            &treasury,
            owner,
        )
        .await?;
        use solana_signer::Signer;
        println!(
            "IO mint {} created: 500,000,000 IO in treasury {treasury}",
            mint.pubkey()
        );
        Ok(())
    })
}
