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
    /// The one authorized attester.
    pub attester: Keypair,
    pub addresses: Addresses,
}

/// The keys of a local deployment's roles.
pub struct Roles {
    pub admin: Keypair,
    pub attester: Keypair,
    pub slasher: Keypair,
    pub arbiter: Keypair,
}

impl Roles {
    pub fn generate() -> Self {
        Self {
            admin: Keypair::new(),
            attester: Keypair::new(),
            slasher: Keypair::new(),
            arbiter: Keypair::new(),
        }
    }
}

/// Bootstraps the protocol on `chain` with epoch 1 starting at `genesis`: a new admin, one
/// attester (both funded), and slasher and arbiter keys nobody holds.
pub async fn bootstrap_local(
    chain: &LocalChain,
    genesis: i64,
) -> Result<LocalDeployment, ChainError> {
    bootstrap_with(chain, genesis, &Roles::generate()).await
}

/// Bootstraps the protocol on `chain` with epoch 1 starting at `genesis`, for these roles (the
/// admin, attester and slasher are funded with SOL).
pub async fn bootstrap_with(
    chain: &LocalChain,
    genesis: i64,
    roles: &Roles,
) -> Result<LocalDeployment, ChainError> {
    for key in [&roles.admin, &roles.attester, &roles.slasher] {
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
            attesters: vec![roles.attester.pubkey()],
            keepers: vec![roles.attester.pubkey()],
            slasher: roles.slasher.pubkey(),
            arbiter: roles.arbiter.pubkey(),
        },
    )
    .await?;
    Ok(LocalDeployment {
        admin: roles.admin.insecure_clone(),
        attester: roles.attester.insecure_clone(),
        addresses: io_ops::with_rpw_ring(
            chain,
            &Backoff::default(),
            &Addresses::for_mint(chain.mint()),
        )
        .await?,
    })
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
