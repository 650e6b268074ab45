use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::state::{pool::MAX_ATTESTATION_WINDOW, seeds};

/// Most attesters (keeper keys) a config can authorize.
pub const MAX_ATTESTERS: usize = 16;

/// Governance-tunable parameters. Every change emits `ParamsUpdated { old, new }`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct StakingParams {
    /// Stake per GPU before the multiplier, in base units (published: 200 IO).
    pub base_stake_per_gpu: u64,
    /// Unstake cooldown (published: 14 days).
    pub cooldown_seconds: i64,
    /// A device whose last attestation is more than this many closed epochs old may be
    /// deactivated by anyone. At least `attestation_window_epochs`.
    pub staleness_epochs: u32,
    /// Consecutive attested epochs before a device joins the active set (published: 5).
    pub nomination_streak: u32,
    /// How many closed epochs back an attestation may still arrive (at most the ring size).
    pub attestation_window_epochs: u32,
    /// Delay before a GPU model's multiplier change takes effect (published: 30 days).
    pub multiplier_grace_seconds: i64,
}

impl StakingParams {
    pub const DAY: i64 = 86_400;

    /// The published parameters for a mint with `decimals` decimals.
    pub fn published(decimals: u8) -> Option<Self> {
        Some(Self {
            base_stake_per_gpu: 200u64.checked_mul(10u64.checked_pow(decimals as u32)?)?,
            cooldown_seconds: 14 * Self::DAY,
            staleness_epochs: MAX_ATTESTATION_WINDOW,
            nomination_streak: 5,
            attestation_window_epochs: MAX_ATTESTATION_WINDOW,
            multiplier_grace_seconds: 30 * Self::DAY,
        })
    }

    pub fn validate(&self) -> Result<()> {
        // Bounded so the largest device's requirement (100x, 1,024 GPUs) always fits a u64.
        require!(
            self.base_stake_per_gpu > 0
                && crate::math::eligibility::required_stake(
                    self.base_stake_per_gpu,
                    crate::instructions::add_gpu_model::MAX_MULTIPLIER_CENTI,
                    crate::instructions::register_device::MAX_GPU_COUNT,
                )
                .is_some(),
            StakingError::InvalidParams
        );
        require!(self.cooldown_seconds >= 0, StakingError::InvalidParams);
        require!(
            self.multiplier_grace_seconds >= 0,
            StakingError::InvalidParams
        );
        require!(self.staleness_epochs >= 1, StakingError::InvalidParams);
        require!(
            (1..=MAX_ATTESTATION_WINDOW).contains(&self.nomination_streak),
            StakingError::InvalidParams
        );
        require!(
            (1..=MAX_ATTESTATION_WINDOW).contains(&self.attestation_window_epochs),
            StakingError::InvalidParams
        );
        // A device may only be called stale once every epoch it could still be attested for is
        // out of the window; otherwise anyone could make it forfeit epochs a late (catching-up)
        // keeper was about to attest.
        require!(
            self.staleness_epochs >= self.attestation_window_epochs,
            StakingError::InvalidParams
        );
        Ok(())
    }
}

/// Slashing parameters (SYSTEM.md section 5).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct SlashingParams {
    /// Largest case, in basis points of the device's stake plus unclaimed rewards at opening.
    pub max_slash_bps: u16,
    /// How long the owner may appeal after a case opens (published: one month, 30 days).
    pub appeal_period_seconds: i64,
    /// How long after the appeal deadline the arbiter has to rule; after it an appealed case
    /// lapses in the owner's favour.
    pub ruling_window_seconds: i64,
}

impl SlashingParams {
    pub const MAX_BPS: u16 = 10_000;

    pub fn published() -> Self {
        Self {
            max_slash_bps: Self::MAX_BPS,
            appeal_period_seconds: 30 * StakingParams::DAY,
            ruling_window_seconds: 30 * StakingParams::DAY,
        }
    }

    pub fn validate(&self) -> Result<()> {
        require!(
            (1..=Self::MAX_BPS).contains(&self.max_slash_bps),
            StakingError::InvalidParams
        );
        require!(self.appeal_period_seconds > 0, StakingError::InvalidParams);
        require!(self.ruling_window_seconds > 0, StakingError::InvalidParams);
        Ok(())
    }
}

/// PDA `[seeds::STAKING_CONFIG, mint]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct StakingConfig {
    pub version: u8,
    pub bump: u8,
    pub stake_vault_bump: u8,
    pub rewards_vault_bump: u8,
    pub reward_pool_bump: u8,
    /// Blocks registration, staking, attestation and epoch closes; never exits (unstake,
    /// withdraw, claim), so suppliers can always leave.
    pub paused: bool,
    pub decimals: u8,
    pub attester_count: u8,
    pub mint: Pubkey,
    /// The io-emission state whose distributor is this config.
    pub emission_state: Pubkey,
    pub admin: Pubkey,
    /// `Pubkey::default()` when none.
    pub pending_admin: Pubkey,
    pub stake_vault: Pubkey,
    pub rewards_vault: Pubkey,
    pub reward_pool: Pubkey,
    pub params: StakingParams,
    /// `attesters[..attester_count]` are authorized; the rest are default keys.
    pub attesters: [Pubkey; MAX_ATTESTERS],
    /// Opens slash cases. `Pubkey::default()` until set: slashing is off.
    pub slasher: Pubkey,
    /// Rules on appealed cases; always a different key from the slasher.
    pub arbiter: Pubkey,
    pub slashing: SlashingParams,
    pub reserved: [u8; 174],
}

impl StakingConfig {
    pub const VERSION: u8 = 1;
    /// Frozen: fields are added by taking bytes from `reserved` (see `sizes_are_stable`).
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(mint: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(&[seeds::STAKING_CONFIG, mint.as_ref()], &crate::ID)
    }

    pub fn active_attesters(&self) -> &[Pubkey] {
        &self.attesters[..self.attester_count as usize]
    }

    pub fn is_attester(&self, key: &Pubkey) -> bool {
        self.active_attesters().contains(key)
    }

    pub fn require_not_paused(&self) -> Result<()> {
        require!(!self.paused, StakingError::Paused);
        Ok(())
    }

    /// Required stake for a device under the current parameters.
    pub fn required_stake(&self, multiplier_centi: u32, gpu_count: u16) -> Result<u64> {
        crate::math::eligibility::required_stake(
            self.params.base_stake_per_gpu,
            multiplier_centi,
            gpu_count,
        )
        .ok_or_else(|| error!(StakingError::MathOverflow))
    }
}
