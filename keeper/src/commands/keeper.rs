//! `io-keeper keeper`: a keeper operator's own bond (docs/design.md section 14).

use anyhow::Result;
use io_chain::cluster::read_keypair;
use io_chain::Chain;
use io_keeper::cli::{KeeperAction, KeeperArgs};
use io_ops::amount::parse_amount;
use io_ops::quorum::{bond, Bonding};
use solana_signer::Signer;

use super::{connect, pubkey, runtime};

pub fn run(args: &KeeperArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(&args.cluster)?;
    let operator = read_keypair(&args.operator_keypair)?;
    runtime()?.block_on(async {
        match &args.action {
            KeeperAction::Bond {
                amount,
                token_account,
                vote_key,
                url,
            } => {
                // The bond is in the mint's base units: read its decimals from the config.
                let config: io_staking::state::StakingConfig = backoff
                    .retry("read config", || io_chain::fetch(&chain, &addresses.config))
                    .await?
                    .ok_or_else(|| {
                        anyhow::anyhow!("io-staking is not initialized for this mint")
                    })?;
                let amount = parse_amount(amount, config.decimals)
                    .map_err(|e| anyhow::anyhow!("--amount {amount:?}: {e}"))?;
                let bonding = Bonding {
                    operator_token: pubkey("--token-account", token_account)?,
                    amount,
                    vote_key: pubkey("--vote-key", vote_key)?,
                    url,
                };
                bond(&chain, &addresses, &backoff, &operator, bonding).await?;
                println!("bonded {amount} base units; vote key {vote_key}, url {url}");
            }
            KeeperAction::Unbond => {
                let ix = addresses.request_keeper_unbond(operator.pubkey());
                let signers = [&operator];
                backoff
                    .retry("unbond", || chain.send(std::slice::from_ref(&ix), &signers))
                    .await?;
                println!(
                    "unbonding: the keeper no longer votes; the bond unlocks after the cooldown"
                );
            }
            KeeperAction::Withdraw { token_account } => {
                let token = pubkey("--token-account", token_account)?;
                let ix = addresses.withdraw_keeper_bond(operator.pubkey(), token);
                let signers = [&operator];
                backoff
                    .retry("withdraw bond", || {
                        chain.send(std::slice::from_ref(&ix), &signers)
                    })
                    .await?;
                println!("bond withdrawn to {token}");
            }
        }
        Ok(())
    })
}
