//! `io-keeper init`: bring a chain to a fully configured protocol, idempotently. Every step
//! first reads the chain; running it twice changes nothing and says so.

use anchor_lang::prelude::Pubkey;
use io_emission::state::EmissionState;
use io_sdk::bootstrap::{plan, Observed, Roles, SignedBy};
use io_sdk::Addresses;
use io_staking::catalog::PUBLISHED_GPU_MODELS;
use io_staking::state::{GpuModel, StakingConfig};
use solana_keypair::Keypair;
use solana_signer::Signer;

use io_chain::retry::Backoff;
use io_chain::{decode, fetch_all, Chain, ChainError};

/// Creates the IO mint as the network starts it: 8 decimals, exactly 500,000,000 IO minted to a
/// new treasury token account owned by `treasury_owner`, mint authority `mint_authority` (which
/// `bootstrap` then hands to io-emission for good). Returns the treasury account.
pub async fn create_mint(
    chain: &dyn Chain,
    backoff: &Backoff,
    mint: &Keypair,
    mint_authority: &Keypair,
    treasury: &Keypair,
    treasury_owner: Pubkey,
) -> Result<Pubkey, ChainError> {
    use anchor_lang::solana_program::program_pack::Pack;
    use anchor_lang::solana_program::rent::Rent;
    use anchor_lang::solana_program::system_instruction;
    use anchor_spl::token::spl_token;

    const DECIMALS: u8 = 8;
    let payer = chain.payer();
    let rent = Rent::default();
    let mint_len = spl_token::state::Mint::LEN;
    let account_len = spl_token::state::Account::LEN;
    let supply = io_emission::schedule::genesis_supply(DECIMALS).expect("8 decimals");
    let invalid = |e: anchor_lang::prelude::ProgramError| ChainError::Rejected(e.to_string());
    let instructions = vec![
        system_instruction::create_account(
            &payer,
            &mint.pubkey(),
            rent.minimum_balance(mint_len),
            mint_len as u64,
            &spl_token::ID,
        ),
        spl_token::instruction::initialize_mint2(
            &spl_token::ID,
            &mint.pubkey(),
            &mint_authority.pubkey(),
            None,
            DECIMALS,
        )
        .map_err(invalid)?,
        system_instruction::create_account(
            &payer,
            &treasury.pubkey(),
            rent.minimum_balance(account_len),
            account_len as u64,
            &spl_token::ID,
        ),
        spl_token::instruction::initialize_account3(
            &spl_token::ID,
            &treasury.pubkey(),
            &mint.pubkey(),
            &treasury_owner,
        )
        .map_err(invalid)?,
        spl_token::instruction::mint_to(
            &spl_token::ID,
            &mint.pubkey(),
            &treasury.pubkey(),
            &mint_authority.pubkey(),
            &[],
            supply,
        )
        .map_err(invalid)?,
    ];
    let signers = [mint, treasury, mint_authority];
    backoff
        .retry("create the IO mint", || chain.send(&instructions, &signers))
        .await?;
    Ok(treasury.pubkey())
}

/// Keys the bootstrap needs.
pub struct BootstrapKeys<'a> {
    /// The mint's current mint authority (only needed the first time).
    pub mint_authority: &'a Keypair,
    /// Governance of both programs (a multisig in production; a key here).
    pub admin: &'a Keypair,
    /// Operators admitted to the bonded quorum.
    pub keepers: Vec<Pubkey>,
    pub slasher: Pubkey,
    pub arbiter: Pubkey,
}

/// What one bootstrap step did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub name: String,
    pub changed: bool,
}

/// Reads what the bootstrap plan depends on, in two round trips.
async fn observe(
    chain: &dyn Chain,
    addresses: &Addresses,
) -> Result<(Observed, Option<anchor_spl::token::Mint>), ChainError> {
    let models: Vec<Pubkey> = PUBLISHED_GPU_MODELS
        .iter()
        .map(|(id, ..)| addresses.gpu_model(*id))
        .collect();
    let gpu_models = fetch_all::<GpuModel>(chain, &models)
        .await?
        .iter()
        .zip(PUBLISHED_GPU_MODELS)
        .filter(|(model, _)| model.is_some())
        .map(|(_, (id, ..))| *id)
        .collect();
    let singles = [
        addresses.emission_state,
        addresses.config,
        addresses.mint,
        addresses.keeper_set,
        addresses.rpw_ring,
    ];
    let [emission, config, mint, keeper_set, ring]: [Option<Vec<u8>>; 5] = chain
        .accounts_data(&singles)
        .await?
        .try_into()
        .map_err(|_| ChainError::Unavailable("a short getMultipleAccounts answer".into()))?;
    let emission: Option<EmissionState> = decode(&singles[0], emission)?;
    let config: Option<StakingConfig> = decode(&singles[1], config)?;
    let mint = decode(&singles[2], mint)?;
    let keeper_operators = keeper_set
        .map(|data| io_sdk::decode_zero_copy::<io_staking::state::KeeperSet>(&data))
        .transpose()
        .map_err(|e| ChainError::Rejected(format!("keeper set {}: {e}", singles[3])))?
        .map(|set| {
            set.keepers
                .iter()
                .filter(|k| !k.is_free())
                .map(|k| k.operator)
                .collect()
        });
    Ok((
        Observed {
            emission,
            config,
            rpw_ring_exists: ring.is_some(),
            keeper_operators,
            gpu_models,
        },
        mint,
    ))
}

/// Initializes io-emission (minting handed to the staking config from the start), io-staking
/// with the published parameters, the keeper set and its keepers, slashing roles and the
/// published GPU table: the steps of [`io_sdk::bootstrap::plan`] the chain still needs, each
/// sent on its own and logged, the others reported as already in place.
pub async fn bootstrap(
    chain: &dyn Chain,
    backoff: &Backoff,
    mint: Pubkey,
    genesis_timestamp: i64,
    keys: &BootstrapKeys<'_>,
) -> Result<Vec<Step>, ChainError> {
    // A new deployment's ring gets a fresh address; an existing one's is in its config.
    let ring = Keypair::new();
    let mut addresses = Addresses::for_mint(mint).with_rpw_ring(ring.pubkey());
    if let Some(config) = backoff
        .retry("read the staking config", || {
            io_chain::fetch::<StakingConfig>(chain, &addresses.config)
        })
        .await?
    {
        addresses = addresses.with_rpw_ring(config.rpw_ring);
    }
    let (observed, mint_account) = backoff
        .retry("read the deployment", || observe(chain, &addresses))
        .await?;
    // The published parameters are in base units of this mint: read its decimals.
    let decimals = mint_account
        .ok_or_else(|| ChainError::Rejected(format!("mint {mint} does not exist")))?
        .decimals;
    let admin = keys.admin.pubkey();
    let roles = Roles {
        payer: chain.payer(),
        mint_authority: keys.mint_authority.pubkey(),
        emission_admin: admin,
        staking_admin: admin,
        keepers: keys.keepers.clone(),
        slasher: keys.slasher,
        arbiter: keys.arbiter,
        genesis_timestamp,
        decimals,
    };
    let plan =
        plan(&addresses, &roles, &observed).map_err(|e| ChainError::Rejected(e.to_string()))?;
    let mut steps = Vec::with_capacity(plan.len());
    for step in plan {
        let signers: Vec<&Keypair> = match step.signed_by {
            SignedBy::MintAuthority => vec![keys.mint_authority],
            SignedBy::EmissionAdmin | SignedBy::StakingAdmin => vec![keys.admin],
            // The payer signs every transaction already.
            SignedBy::RingKeypair => vec![&ring],
        };
        if step.needed {
            let instructions = [step.instruction];
            backoff
                .retry(&step.name, || chain.send(&instructions, &signers))
                .await?;
            tracing::info!(step = %step.name, "done");
        } else {
            tracing::info!(step = %step.name, "already in place");
        }
        steps.push(Step {
            name: step.name,
            changed: step.needed,
        });
    }
    Ok(steps)
}
