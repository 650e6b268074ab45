//! The bootstrap plan: what brings a chain from "the IO mint exists" to a fully configured
//! protocol (io-emission, io-staking with the published parameters and its accumulator ring,
//! the bonded quorum's keeper set and keepers, slashing roles, the published GPU
//! table). It is a pure function of what the chain holds, so `io-keeper init`
//! and the test harness run the same steps, and running it against a configured chain plans
//! nothing.
//!
//! ```
//! use anchor_lang::prelude::Pubkey;
//! use io_sdk::bootstrap::{plan, Observed, Roles};
//! let addresses = io_sdk::Addresses::for_mint(Pubkey::new_unique())
//!     .with_rpw_ring(Pubkey::new_unique()); // a fresh keypair's, for a new deployment
//! let admin = Pubkey::new_unique();
//! let roles = Roles {
//!     payer: Pubkey::new_unique(),
//!     mint_authority: Pubkey::new_unique(),
//!     emission_admin: admin,
//!     staking_admin: admin,
//!     keepers: vec![Pubkey::new_unique()],
//!     slasher: Pubkey::new_unique(),
//!     arbiter: Pubkey::new_unique(),
//!     genesis_timestamp: 1_767_225_600,
//!     decimals: 8,
//! };
//! let steps = plan(&addresses, &roles, &Observed::default()).unwrap();
//! // All but the hand-over of minting: io-emission starts with the staking config as distributor.
//! assert_eq!(steps.iter().filter(|step| step.needed).count(), steps.len() - 1);
//! ```

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use io_emission::state::EmissionState;
use io_staking::catalog::PUBLISHED_GPU_MODELS;
use io_staking::state::{QuorumParams, RpwRing, SlashingParams, StakingConfig, StakingParams};
use io_staking::SlashingSetup;

use crate::Addresses;

/// Who does what in the deployment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roles {
    /// Pays for the accounts the initializations create.
    pub payer: Pubkey,
    /// The mint's current mint authority; signs io-emission's initialize, which takes it over.
    pub mint_authority: Pubkey,
    /// io-emission's governance; io-staking's initialize and the hand-over of minting need it.
    pub emission_admin: Pubkey,
    /// io-staking's governance (a multisig in production). May be the emission admin.
    pub staking_admin: Pubkey,
    /// Operators admitted to the bonded quorum (each bonds and sets its vote key itself).
    pub keepers: Vec<Pubkey>,
    pub slasher: Pubkey,
    pub arbiter: Pubkey,
    /// Start of epoch 1 (only used when io-emission is not initialized yet).
    pub genesis_timestamp: i64,
    /// The mint's decimals: the published parameters are in its base units.
    pub decimals: u8,
}

/// What the chain holds now (`None`: the account does not exist).
#[derive(Clone, Debug, Default)]
pub struct Observed {
    pub emission: Option<EmissionState>,
    pub config: Option<StakingConfig>,
    /// Whether the account at `Addresses::rpw_ring` exists (created, maybe not initialized).
    pub rpw_ring_exists: bool,
    /// Operators of the keeper set, when it exists.
    pub keeper_operators: Option<Vec<Pubkey>>,
    /// Ids of the GPU models already registered.
    pub gpu_models: Vec<u16>,
}

/// Which role signs a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignedBy {
    MintAuthority,
    EmissionAdmin,
    StakingAdmin,
    /// The payer and the keypair of `Addresses::rpw_ring` (only when the ring is created).
    RingKeypair,
}

/// One step of the plan. A step that is not `needed` is already in place on chain; it is kept
/// in the plan so a caller can say so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub name: String,
    pub needed: bool,
    pub instruction: Instruction,
    pub signed_by: SignedBy,
}

/// Lamports that keep the ring rent-exempt (the cluster's default rent).
pub fn ring_rent() -> u64 {
    anchor_lang::prelude::Rent::default().minimum_balance(RpwRing::SIZE)
}

/// The published parameters could not be expressed in this mint's base units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnsupportedDecimals(pub u8);

impl std::fmt::Display for UnsupportedDecimals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the published parameters do not fit a mint of {} decimals",
            self.0
        )
    }
}

impl std::error::Error for UnsupportedDecimals {}

/// Every bootstrap step in order, each marked with whether the chain still needs it. The
/// accounts the plan reads: [`Observed`]. Steps that follow an initialization assume it (an
/// uninitialized config has no slashing roles).
pub fn plan(
    addresses: &Addresses,
    roles: &Roles,
    observed: &Observed,
) -> Result<Vec<Step>, UnsupportedDecimals> {
    let params =
        StakingParams::published(roles.decimals).ok_or(UnsupportedDecimals(roles.decimals))?;
    let admin = roles.staking_admin;
    let mut steps = vec![
        Step {
            name: "initialize io-emission".into(),
            needed: observed.emission.is_none(),
            // Minting goes to the staking config from the start.
            instruction: addresses.emission_initialize(
                roles.payer,
                roles.mint_authority,
                io_emission::InitializeArgs {
                    genesis_timestamp: roles.genesis_timestamp,
                    distributor: addresses.config,
                    admin: roles.emission_admin,
                },
            ),
            signed_by: SignedBy::MintAuthority,
        },
        Step {
            name: "create the accumulator ring".into(),
            needed: observed.config.is_none() && !observed.rpw_ring_exists,
            instruction: addresses.create_rpw_ring(roles.payer, ring_rent()),
            signed_by: SignedBy::RingKeypair,
        },
        Step {
            name: "initialize io-staking".into(),
            needed: observed.config.is_none(),
            instruction: addresses.staking_initialize(
                roles.payer,
                roles.emission_admin,
                io_staking::InitializeArgs { admin, params },
            ),
            signed_by: SignedBy::EmissionAdmin,
        },
        Step {
            name: "hand minting to the staking config".into(),
            needed: observed
                .emission
                .as_ref()
                .is_some_and(|emission| emission.distributor != addresses.config),
            instruction: addresses.set_distributor(roles.emission_admin, addresses.config),
            signed_by: SignedBy::EmissionAdmin,
        },
    ];
    let config = observed.config.as_ref();
    let quorum =
        QuorumParams::published(roles.decimals).ok_or(UnsupportedDecimals(roles.decimals))?;
    steps.push(Step {
        name: "initialize the keeper set".into(),
        needed: observed.keeper_operators.is_none(),
        instruction: addresses.initialize_keeper_set(admin, quorum),
        signed_by: SignedBy::StakingAdmin,
    });
    for keeper in &roles.keepers {
        steps.push(Step {
            name: format!("admit keeper {keeper}"),
            needed: !observed
                .keeper_operators
                .as_ref()
                .is_some_and(|operators| operators.contains(keeper)),
            instruction: addresses.admit_keeper(admin, *keeper),
            signed_by: SignedBy::StakingAdmin,
        });
    }
    let wanted = SlashingSetup {
        slasher: roles.slasher,
        arbiter: roles.arbiter,
        params: SlashingParams::published(),
    };
    // Already in force, or already staged (changes wait out the cooldown once devices exist).
    let roles_in_place = config.is_some_and(|config| {
        config.slashing == wanted
            || (config.slashing_effective_at != 0 && config.pending_slashing == wanted)
    });
    steps.push(Step {
        name: "set slasher and arbiter".into(),
        needed: !roles_in_place,
        instruction: addresses.set_slashing_config(admin, wanted),
        signed_by: SignedBy::StakingAdmin,
    });
    // io-payments' config of this deployment records rentals (a renter's paid hours keep the
    // device from unstaking). Named before any device registers, so it applies at once.
    let payments = io_payments::state::PaymentsConfig::find_address(&addresses.config).0;
    let payments_named = config.is_some_and(|config| {
        config.payments_authority == payments
            || (config.payments_authority_effective_at != 0
                && config.pending_payments_authority == payments)
    });
    steps.push(Step {
        name: "name io-payments as the rentals recorder".into(),
        needed: !payments_named,
        instruction: addresses.set_payments_authority(admin),
        signed_by: SignedBy::StakingAdmin,
    });
    for (id, name, multiplier, class) in PUBLISHED_GPU_MODELS {
        steps.push(Step {
            name: format!(
                "GPU model {name} ({multiplier} hundredths, {})",
                class.name()
            ),
            needed: !observed.gpu_models.contains(id),
            instruction: addresses.add_gpu_model(admin, *id, name, *multiplier, *class),
            signed_by: SignedBy::StakingAdmin,
        });
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::{AnchorDeserialize, Space};

    /// An account of all zero bytes, as the program would read a fresh one.
    fn zeroed<T: AnchorDeserialize + Space>() -> T {
        T::deserialize(&mut vec![0u8; T::INIT_SPACE].as_slice()).unwrap()
    }

    fn roles(admin: Pubkey) -> Roles {
        Roles {
            payer: Pubkey::new_unique(),
            mint_authority: Pubkey::new_unique(),
            emission_admin: admin,
            staking_admin: admin,
            keepers: vec![Pubkey::new_unique(), Pubkey::new_unique()],
            slasher: Pubkey::new_unique(),
            arbiter: Pubkey::new_unique(),
            genesis_timestamp: 1_767_225_600,
            decimals: 8,
        }
    }

    #[test]
    fn a_fresh_chain_needs_every_step_but_the_hand_over() {
        let addresses = Addresses::for_mint(Pubkey::new_unique());
        let steps = plan(
            &addresses,
            &roles(Pubkey::new_unique()),
            &Observed::default(),
        )
        .unwrap();
        // Emission is initialized with the staking config as its distributor already.
        let needed: Vec<&str> = steps
            .iter()
            .filter(|s| !s.needed)
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(needed, ["hand minting to the staking config"]);
        assert_eq!(steps.len(), 4 + 1 + 2 + 1 + 1 + PUBLISHED_GPU_MODELS.len());
        assert_eq!(steps[0].signed_by, SignedBy::MintAuthority);
        assert_eq!(steps[1].signed_by, SignedBy::RingKeypair);
        assert!(steps[4..]
            .iter()
            .all(|s| s.signed_by == SignedBy::StakingAdmin));
    }

    #[test]
    fn what_is_on_chain_is_not_planned_again() {
        let addresses = Addresses::for_mint(Pubkey::new_unique());
        let roles = roles(Pubkey::new_unique());
        let mut config: StakingConfig = zeroed();
        config.slashing = SlashingSetup {
            slasher: roles.slasher,
            arbiter: roles.arbiter,
            params: SlashingParams::published(),
        };
        config.payments_authority =
            io_payments::state::PaymentsConfig::find_address(&addresses.config).0;
        let mut emission: EmissionState = zeroed();
        emission.distributor = Pubkey::new_unique();
        let observed = Observed {
            emission: Some(emission),
            config: Some(config),
            rpw_ring_exists: true,
            keeper_operators: Some(roles.keepers[..1].to_vec()),
            gpu_models: PUBLISHED_GPU_MODELS[1..].iter().map(|m| m.0).collect(),
        };
        let needed: Vec<String> = plan(&addresses, &roles, &observed)
            .unwrap()
            .into_iter()
            .filter(|s| s.needed)
            .map(|s| s.name)
            .collect();
        let first_model = PUBLISHED_GPU_MODELS[0];
        assert_eq!(needed.len(), 3, "{needed:?}");
        assert_eq!(needed[0], "hand minting to the staking config");
        assert_eq!(needed[1], format!("admit keeper {}", roles.keepers[1]));
        assert!(needed[2].starts_with(&format!("GPU model {} ", first_model.1)));
    }

    #[test]
    fn decimals_the_published_figures_do_not_fit_are_refused() {
        let addresses = Addresses::for_mint(Pubkey::new_unique());
        let mut roles = roles(Pubkey::new_unique());
        roles.decimals = 30;
        assert_eq!(
            plan(&addresses, &roles, &Observed::default()),
            Err(UnsupportedDecimals(30))
        );
    }
}
