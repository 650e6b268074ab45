//! A deployment on the embedded chain: the protocol bootstrapped for its roles, and devices
//! registered and staked for SIMULATED workers.

use anchor_lang::prelude::Pubkey;
use io_attestation::verifier::{hardware_hash, GpuSnapshot};
use io_chain::retry::Backoff;
use io_chain::{Chain, ChainError};
use io_localchain::local::LocalChain;
use io_ops::bootstrap::{bootstrap, BootstrapKeys};
use io_sdk::consent::SignedConsent;
use io_sdk::Addresses;
use io_staking::catalog::{model_id, multiplier_centi};
use io_staking::state::StakingConfig;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// A deployment bootstrapped on the embedded chain.
pub struct LocalDeployment {
    pub admin: Keypair,
    /// The one bonded keeper: operator and vote key in one, bonded with the published minimum.
    pub keeper: Keypair,
    pub addresses: Addresses,
}

/// The keys of a local deployment's roles.
pub struct Roles {
    pub admin: Keypair,
    pub keeper: Keypair,
    pub slasher: Keypair,
    pub arbiter: Keypair,
}

impl Roles {
    pub fn generate() -> Self {
        Self {
            admin: Keypair::new(),
            keeper: Keypair::new(),
            slasher: Keypair::new(),
            arbiter: Keypair::new(),
        }
    }
}

/// Bootstraps the protocol on `chain` with epoch 1 starting at `genesis`: a new admin, one
/// bonded keeper (both funded), and slasher and arbiter keys nobody holds.
pub async fn bootstrap_local(
    chain: &LocalChain,
    genesis: i64,
) -> Result<LocalDeployment, ChainError> {
    bootstrap_with(chain, genesis, &Roles::generate()).await
}

/// Bootstraps the protocol on `chain` with epoch 1 starting at `genesis`, for these roles (the
/// admin, keeper and slasher are funded with SOL), and bonds the keeper with the published
/// minimum under its own key as vote key: a quorum of one.
pub async fn bootstrap_with(
    chain: &LocalChain,
    genesis: i64,
    roles: &Roles,
) -> Result<LocalDeployment, ChainError> {
    for key in [&roles.admin, &roles.keeper, &roles.slasher] {
        chain.airdrop(&key.pubkey(), 10_000_000_000).await;
    }
    bootstrap(
        chain,
        &Backoff::default(),
        chain.mint(),
        genesis,
        &BootstrapKeys {
            mint_authority: chain.mint_authority(),
            admin: &roles.admin,
            keepers: vec![roles.keeper.pubkey()],
            slasher: roles.slasher.pubkey(),
            arbiter: roles.arbiter.pubkey(),
        },
    )
    .await?;
    let addresses = io_ops::with_rpw_ring(
        chain,
        &Backoff::default(),
        &Addresses::for_mint(chain.mint()),
    )
    .await?;
    bond_keeper(chain, &addresses, &roles.keeper).await?;
    Ok(LocalDeployment {
        admin: roles.admin.insecure_clone(),
        keeper: roles.keeper.insecure_clone(),
        addresses,
    })
}

/// Bonds `keeper`, which the bootstrap admitted, with the published minimum, its own key as
/// vote key. Bonded already (a second bootstrap of the same chain): nothing to do.
async fn bond_keeper(
    chain: &LocalChain,
    addresses: &Addresses,
    keeper: &Keypair,
) -> Result<(), ChainError> {
    let min_bond = io_staking::state::QuorumParams::published(io_localchain::IO_DECIMALS)
        .ok_or_else(|| ChainError::Rejected("the published bond does not fit".into()))?
        .min_keeper_bond;
    let set: Option<io_staking::state::KeeperSet> = chain
        .account(&addresses.keeper_set)
        .await
        .and_then(|account| io_sdk::decode_zero_copy(&account.data).ok());
    let bonded = set
        .and_then(|set| {
            set.slot_of_operator(&keeper.pubkey())
                .map(|slot| set.keepers[slot].bonded)
        })
        .unwrap_or(0);
    if bonded >= min_bond {
        return Ok(());
    }
    let operator_token = chain.fund(&keeper.pubkey(), min_bond - bonded).await;
    io_ops::quorum::bond(
        chain,
        addresses,
        &Backoff::default(),
        keeper,
        io_ops::quorum::Bonding {
            operator_token,
            amount: min_bond - bonded,
            vote_key: keeper.pubkey(),
            url: "in-process",
        },
    )
    .await
}

/// A device registered and staked for a SIMULATED worker.
pub struct SimulatedDevice {
    pub owner: Keypair,
    pub device_key: Keypair,
    pub device: Pubkey,
    pub owner_token: Pubkey,
    pub gpus: Vec<GpuSnapshot>,
}

/// Registers a device for `gpus` (all of catalog `model`) with a new owner, and stakes exactly
/// the requirement.
pub async fn register_simulated(
    chain: &LocalChain,
    addresses: &Addresses,
    config: &StakingConfig,
    model: &str,
    gpus: Vec<GpuSnapshot>,
) -> Result<SimulatedDevice, ChainError> {
    let unknown = || ChainError::Rejected(format!("{model} is not a published GPU model"));
    let gpu_count = u16::try_from(gpus.len()).map_err(|_| unknown())?;
    let owner = Keypair::new();
    let device_key = Keypair::new();
    let now = chain.unix_time().await?;
    let required = config
        .required_stake(now, multiplier_centi(model).ok_or_else(unknown)?, gpu_count)
        .map_err(|e| ChainError::Rejected(e.to_string()))?;
    chain.airdrop(&owner.pubkey(), 100_000_000).await;
    let owner_token = chain.fund(&owner.pubkey(), required).await;
    // The worker's consent, as `io-worker register` signs it: an hour of chain time to use it.
    let consent = SignedConsent::sign(
        addresses.consent(
            &owner.pubkey(),
            &device_key.pubkey(),
            model_id(model).ok_or_else(unknown)?,
            gpu_count,
            hardware_hash(&gpus),
            now + 3_600,
        ),
        &device_key,
    );
    let [consent_ix, register] = addresses.register_device(owner.pubkey(), &consent);
    let device = addresses.device(&device_key.pubkey());
    let stake = addresses.stake(owner.pubkey(), device, owner_token, required);
    // The local chain's SIMULATED suppliers rent out at any price (from one base unit).
    let terms = addresses.set_rental_terms(
        owner.pubkey(),
        device,
        io_staking::RentalTerms {
            min_usdc_per_hour: 1,
            min_io_per_hour: 1,
        },
    );
    chain
        .send(&[consent_ix, register, stake, terms], &[&owner])
        .await?;
    Ok(SimulatedDevice {
        owner,
        device_key,
        device,
        owner_token,
        gpus,
    })
}
