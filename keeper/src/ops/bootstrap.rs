//! `io-keeper init`: bring a chain to a fully configured protocol, idempotently. Every step
//! first reads the chain; running it twice changes nothing and says so.

use anchor_lang::prelude::Pubkey;
use io_emission::state::EmissionState;
use io_sdk::Addresses;
use io_staking::catalog::PUBLISHED_GPU_MODELS;
use io_staking::state::{GpuModel, SlashingParams, StakingConfig, StakingParams};
use io_staking::SlashingSetup;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::chain::{fetch, Chain, ChainError};
use crate::retry::Backoff;

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
    pub attesters: Vec<Pubkey>,
    pub slasher: Pubkey,
    pub arbiter: Pubkey,
}

/// What one bootstrap step did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub name: String,
    pub changed: bool,
}

async fn step(
    chain: &dyn Chain,
    backoff: &Backoff,
    name: String,
    needed: bool,
    instruction: impl FnOnce() -> anchor_lang::solana_program::instruction::Instruction,
    signers: &[&Keypair],
) -> Result<Step, ChainError> {
    if needed {
        let ix = instruction();
        backoff
            .retry(&name, || chain.send(std::slice::from_ref(&ix), signers))
            .await?;
        tracing::info!(step = %name, "done");
    } else {
        tracing::info!(step = %name, "already in place");
    }
    Ok(Step {
        name,
        changed: needed,
    })
}

/// Initializes io-emission (minting handed to the staking config from the start), io-staking
/// with the published parameters, attesters, slashing roles and the published GPU table.
pub async fn bootstrap(
    chain: &dyn Chain,
    backoff: &Backoff,
    mint: Pubkey,
    genesis_timestamp: i64,
    keys: &BootstrapKeys<'_>,
) -> Result<Vec<Step>, ChainError> {
    let addresses = Addresses::for_mint(mint);
    let admin = keys.admin.pubkey();
    let payer = chain.payer();
    let mut steps = Vec::new();

    let emission: Option<EmissionState> = fetch(chain, &addresses.emission_state).await?;
    steps.push(
        step(
            chain,
            backoff,
            "initialize io-emission".into(),
            emission.is_none(),
            || {
                addresses.emission_initialize(
                    payer,
                    keys.mint_authority.pubkey(),
                    io_emission::InitializeArgs {
                        genesis_timestamp,
                        distributor: addresses.config,
                        admin,
                    },
                )
            },
            &[keys.mint_authority],
        )
        .await?,
    );

    let config: Option<StakingConfig> = fetch(chain, &addresses.config).await?;
    // The published parameters are in base units of this mint: read its decimals.
    let decimals = fetch::<anchor_spl::token::Mint>(chain, &mint)
        .await?
        .ok_or_else(|| ChainError::Rejected(format!("mint {mint} does not exist")))?
        .decimals;
    steps.push(
        step(
            chain,
            backoff,
            "initialize io-staking".into(),
            config.is_none(),
            || {
                addresses.staking_initialize(
                    payer,
                    admin,
                    io_staking::InitializeArgs {
                        admin,
                        params: StakingParams::published(decimals).expect("8 decimals"),
                    },
                )
            },
            &[keys.admin],
        )
        .await?,
    );

    let emission: EmissionState = fetch(chain, &addresses.emission_state)
        .await?
        .expect("initialized above");
    steps.push(
        step(
            chain,
            backoff,
            "hand minting to the staking config".into(),
            emission.distributor != addresses.config,
            || addresses.set_distributor(admin, addresses.config),
            &[keys.admin],
        )
        .await?,
    );

    let config: StakingConfig = fetch(chain, &addresses.config)
        .await?
        .expect("initialized above");
    for attester in &keys.attesters {
        steps.push(
            step(
                chain,
                backoff,
                format!("authorize attester {attester}"),
                !config.is_attester(attester),
                || addresses.add_attester(admin, *attester),
                &[keys.admin],
            )
            .await?,
        );
    }
    let wanted = SlashingSetup {
        slasher: keys.slasher,
        arbiter: keys.arbiter,
        params: SlashingParams::published(),
    };
    // Already in force, or already staged (changes wait out the cooldown once devices exist).
    let staged = config.slashing_effective_at != 0 && config.pending_slashing == wanted;
    let roles_needed = config.slashing != wanted && !staged;
    steps.push(
        step(
            chain,
            backoff,
            "set slasher and arbiter".into(),
            roles_needed,
            || addresses.set_slashing_config(admin, wanted),
            &[keys.admin],
        )
        .await?,
    );

    for (id, name, multiplier, class) in PUBLISHED_GPU_MODELS {
        let existing: Option<GpuModel> = fetch(chain, &addresses.gpu_model(*id)).await?;
        steps.push(
            step(
                chain,
                backoff,
                format!(
                    "GPU model {name} ({multiplier} hundredths, {})",
                    class.name()
                ),
                existing.is_none(),
                || addresses.add_gpu_model(admin, *id, name, *multiplier, *class),
                &[keys.admin],
            )
            .await?,
        );
    }
    Ok(steps)
}
