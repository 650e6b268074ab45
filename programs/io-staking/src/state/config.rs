use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::math::eligibility;
use crate::safe_math::SafeMath;
use crate::state::{
    pool::{PUBLISHED_STALENESS_EPOCHS, SETTLEMENT_WINDOW},
    seeds, RewardClass,
};

/// Governance-tunable parameters. A change is staged and takes effect after the governance delay
/// (see [`StakingConfig::change_delay`]); `ParamsUpdated` carries old, new and effective time.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct StakingParams {
    /// Stake per GPU before the multiplier, in base units (published: 200 IO).
    pub base_stake_per_gpu: u64,
    /// Unstake cooldown (published: 14 days).
    pub cooldown_seconds: i64,
    /// A settle deactivates an active device once its last up epoch is this many epochs older
    /// than the root it settles against (published: 168, one week; at least that).
    pub staleness_epochs: u32,
    /// Consecutive up epochs before a device joins the active set (published: 5).
    pub nomination_streak: u32,
    /// Delay before a GPU model's multiplier change takes effect (published: 30 days).
    pub multiplier_grace_seconds: i64,
}

impl StakingParams {
    pub const DAY: i64 = 86_400;
    /// Published: 14 days. Lower would let a supplier escape a slash case before it is opened.
    pub const MIN_COOLDOWN_SECONDS: i64 = 14 * Self::DAY;
    pub const MAX_COOLDOWN_SECONDS: i64 = 365 * Self::DAY;
    /// Published: 30 days.
    pub const MIN_GRACE_SECONDS: i64 = 30 * Self::DAY;
    pub const MAX_GRACE_SECONDS: i64 = 365 * Self::DAY;
    /// A year of hourly epochs.
    pub const MAX_STALENESS_EPOCHS: u32 = 8_760;
    /// Per GPU, in whole IO (published: 200).
    pub const MAX_BASE_STAKE_IO: u64 = 1_000_000;

    /// The published parameters for a mint with `decimals` decimals.
    pub fn published(decimals: u8) -> Option<Self> {
        Some(Self {
            base_stake_per_gpu: 200u64.checked_mul(10u64.checked_pow(decimals as u32)?)?,
            cooldown_seconds: Self::MIN_COOLDOWN_SECONDS,
            staleness_epochs: PUBLISHED_STALENESS_EPOCHS,
            nomination_streak: 5,
            multiplier_grace_seconds: Self::MIN_GRACE_SECONDS,
        })
    }

    /// Bounds: the published values are floors (governance cannot make the rules harsher than
    /// published), and every ceiling keeps `now + value` far inside `i64`.
    pub fn validate(&self, decimals: u8) -> Result<()> {
        let max_base = 10u64
            .checked_pow(decimals as u32)
            .and_then(|unit| unit.checked_mul(Self::MAX_BASE_STAKE_IO))
            .ok_or_else(|| error!(StakingError::BaseStakeOutOfRange))?;
        // The largest device's requirement (100x, 1,024 GPUs) must always fit a u64.
        require!(
            (1..=max_base).contains(&self.base_stake_per_gpu)
                && eligibility::required_stake(
                    self.base_stake_per_gpu,
                    crate::instructions::add_gpu_model::MAX_MULTIPLIER_CENTI,
                    crate::instructions::register_device::MAX_GPU_COUNT,
                )
                .is_some(),
            StakingError::BaseStakeOutOfRange
        );
        require!(
            (Self::MIN_COOLDOWN_SECONDS..=Self::MAX_COOLDOWN_SECONDS)
                .contains(&self.cooldown_seconds),
            StakingError::CooldownOutOfRange
        );
        require!(
            (Self::MIN_GRACE_SECONDS..=Self::MAX_GRACE_SECONDS)
                .contains(&self.multiplier_grace_seconds),
            StakingError::GracePeriodOutOfRange
        );
        // A streak is read from one uptime leaf, so it cannot be longer than the leaf.
        require!(
            (1..=SETTLEMENT_WINDOW).contains(&self.nomination_streak),
            StakingError::EpochParamsOutOfRange
        );
        // The published week is a floor: a shorter one would let a brief outage cost a device
        // its place in the active set.
        require!(
            (PUBLISHED_STALENESS_EPOCHS..=Self::MAX_STALENESS_EPOCHS)
                .contains(&self.staleness_epochs),
            StakingError::EpochParamsOutOfRange
        );
        Ok(())
    }
}

/// Slashing parameters (docs/design.md section 5).
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
    /// Published: one month.
    pub const MIN_APPEAL_SECONDS: i64 = 30 * StakingParams::DAY;
    pub const MAX_APPEAL_SECONDS: i64 = 365 * StakingParams::DAY;
    /// A ruling window shorter than a day only helps the owner (the case lapses), but an arbiter
    /// needs time to read an appeal.
    pub const MIN_RULING_SECONDS: i64 = StakingParams::DAY;
    pub const MAX_RULING_SECONDS: i64 = 365 * StakingParams::DAY;

    pub fn published() -> Self {
        Self {
            max_slash_bps: Self::MAX_BPS,
            appeal_period_seconds: Self::MIN_APPEAL_SECONDS,
            ruling_window_seconds: 30 * StakingParams::DAY,
        }
    }

    pub fn validate(&self) -> Result<()> {
        require!(
            (1..=Self::MAX_BPS).contains(&self.max_slash_bps),
            StakingError::SlashCapOutOfRange
        );
        require!(
            (Self::MIN_APPEAL_SECONDS..=Self::MAX_APPEAL_SECONDS)
                .contains(&self.appeal_period_seconds),
            StakingError::AppealPeriodOutOfRange
        );
        require!(
            (Self::MIN_RULING_SECONDS..=Self::MAX_RULING_SECONDS)
                .contains(&self.ruling_window_seconds),
            StakingError::RulingWindowOutOfRange
        );
        Ok(())
    }
}

/// Who slashes, who rules, and the rules they follow.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct SlashingSetup {
    /// Opens slash cases. `Pubkey::default()` while slashing is off.
    pub slasher: Pubkey,
    /// Rules on appealed cases; always a different key from the slasher.
    pub arbiter: Pubkey,
    pub params: SlashingParams,
}

impl SlashingSetup {
    /// A case opening: signed by the slasher in force, for a non-zero `amount` within
    /// `available` (what the case may take from) and the per-case cap, rounded down.
    pub fn check_opening(&self, signer: &Pubkey, amount: u64, available: u64) -> Result<()> {
        require!(self.slasher != Pubkey::default(), StakingError::SlashingOff);
        require_keys_eq!(*signer, self.slasher, StakingError::UnauthorizedSlasher);
        require!(amount > 0, StakingError::ZeroAmount);
        require!(amount <= available, StakingError::SlashExceedsBalance);
        let cap = (available as u128)
            .safe_mul(self.params.max_slash_bps as u128)?
            .safe_div(SlashingParams::MAX_BPS as u128)?;
        require!(amount as u128 <= cap, StakingError::SlashAboveCap);
        Ok(())
    }

    /// Slashing off: no slasher, no arbiter, the published periods.
    pub fn off() -> Self {
        Self {
            slasher: Pubkey::default(),
            arbiter: Pubkey::default(),
            params: SlashingParams::published(),
        }
    }

    pub fn validate(&self) -> Result<()> {
        require!(
            self.slasher != Pubkey::default() && self.arbiter != Pubkey::default(),
            StakingError::InvalidAuthority
        );
        require_keys_neq!(self.slasher, self.arbiter, StakingError::SlasherIsArbiter);
        self.params.validate()
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
    /// 0: the ring is created by the deployer, not a PDA (kept for the layout).
    pub rpw_ring_bump: u8,
    /// Blocks registration, staking, settlement and epoch closes; never exits (unstake,
    /// withdraw, claim), so suppliers can always leave.
    pub paused: bool,
    pub decimals: u8,
    pub mint: Pubkey,
    /// The io-emission state whose distributor is this config.
    pub emission_state: Pubkey,
    pub admin: Pubkey,
    /// `Pubkey::default()` when none.
    pub pending_admin: Pubkey,
    pub stake_vault: Pubkey,
    pub rewards_vault: Pubkey,
    pub reward_pool: Pubkey,
    /// The zero-copy ring of recent accumulator values (`RpwRing`), created by the deployer.
    pub rpw_ring: Pubkey,
    /// In force until `params_effective_at` (then `pending_params` is).
    pub params: StakingParams,
    /// In force until `slashing_effective_at` (then `pending_slashing` is).
    pub slashing: SlashingSetup,
    /// A staged parameter change; meaningful only while `params_effective_at != 0`.
    pub pending_params: StakingParams,
    /// When `pending_params` takes over; 0 when nothing is staged.
    pub params_effective_at: i64,
    pub pending_slashing: SlashingSetup,
    pub slashing_effective_at: i64,
    /// Each reward class's share of every epoch's emission, basis points summing to 10,000
    /// (published: Enterprise 9,500, Community 500). In force until `class_shares_effective_at`.
    pub class_shares_bps: [u16; RewardClass::COUNT],
    pub pending_class_shares_bps: [u16; RewardClass::COUNT],
    /// When `pending_class_shares_bps` takes over; 0 when nothing is staged.
    pub class_shares_effective_at: i64,
    /// io-payments' config PDA for this deployment: the one signer that may record a device's
    /// paid hours (`record_rental`). `Pubkey::default()` until governance names it. In force
    /// until `payments_authority_effective_at` (then `pending_payments_authority` is).
    pub payments_authority: Pubkey,
    pub pending_payments_authority: Pubkey,
    pub payments_authority_effective_at: i64,
    pub reserved: [u8; 48],
}

impl StakingConfig {
    pub const VERSION: u8 = 4;
    /// Time a supplier has to notice a governance announcement before its cooldown would end
    /// after the change lands.
    pub const REACTION_SECONDS: i64 = 7 * StakingParams::DAY;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(mint: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(&[seeds::STAKING_CONFIG, mint.as_ref()], &crate::ID)
    }

    pub fn require_not_paused(&self) -> Result<()> {
        require!(!self.paused, StakingError::Paused);
        Ok(())
    }

    /// The parameters in force at `now`: a staged change applies from its effective time on,
    /// without anyone having to crank it in.
    pub fn params_at(&self, now: i64) -> StakingParams {
        if change_is_due(self.params_effective_at, now) {
            self.pending_params
        } else {
            self.params
        }
    }

    /// The slashing roles and periods in force at `now`.
    pub fn slashing_at(&self, now: i64) -> SlashingSetup {
        if change_is_due(self.slashing_effective_at, now) {
            self.pending_slashing
        } else {
            self.slashing
        }
    }

    /// The payments authority in force at `now` (`Pubkey::default()` when none).
    pub fn payments_authority_at(&self, now: i64) -> Pubkey {
        if change_is_due(self.payments_authority_effective_at, now) {
            self.pending_payments_authority
        } else {
            self.payments_authority
        }
    }

    /// The class shares in force at `now`.
    pub fn class_shares_at(&self, now: i64) -> [u16; RewardClass::COUNT] {
        if change_is_due(self.class_shares_effective_at, now) {
            self.pending_class_shares_bps
        } else {
            self.class_shares_bps
        }
    }

    /// Folds staged parameter and slashing changes whose time has come into the current
    /// values. Class shares are not folded here: an epoch is split by the shares in force when
    /// it ended, so the switch time is kept until the next schedule replaces it.
    pub fn apply_due_changes(&mut self, now: i64) {
        self.params = self.params_at(now);
        self.slashing = self.slashing_at(now);
        self.payments_authority = self.payments_authority_at(now);
        if change_is_due(self.payments_authority_effective_at, now) {
            self.payments_authority_effective_at = 0;
        }
        if change_is_due(self.params_effective_at, now) {
            self.params_effective_at = 0;
        }
        if change_is_due(self.slashing_effective_at, now) {
            self.slashing_effective_at = 0;
        }
    }

    /// How long a governance change waits before it applies once anyone could be hurt by it:
    /// [`Self::REACTION_SECONDS`] to notice the announcement, then the longest way out, a
    /// co-staker's (the 7-day wait, then the cooldown in force): 28 days with the published
    /// 14-day cooldown. A supplier or co-staker who reacts within the week is withdrawn before
    /// the change lands (stake in cooldown stays slashable, so "out" must mean withdrawn). A
    /// rental already running when a change is announced is not covered (docs/limitations.md):
    /// the owner's rental terms decide what it accepts.
    pub fn governance_delay(&self, now: i64) -> Result<i64> {
        self.params_at(now)
            .cooldown_seconds
            .safe_add(eligibility::CO_STAKE_EXIT_WAIT_SECONDS)?
            .safe_add(Self::REACTION_SECONDS)
    }

    /// The governance delay, or 0 while no device is registered: nobody can be hurt, and
    /// changes apply at once (bootstrap).
    pub fn change_delay(&self, now: i64, registered_devices: u32) -> Result<i64> {
        if registered_devices == 0 {
            Ok(0)
        } else {
            self.governance_delay(now)
        }
    }

    /// Required stake for a device under the parameters in force at `now`.
    pub fn required_stake(&self, now: i64, multiplier_centi: u32, gpu_count: u16) -> Result<u64> {
        eligibility::required_stake(
            self.params_at(now).base_stake_per_gpu,
            multiplier_centi,
            gpu_count,
        )
        .ok_or_else(|| error!(StakingError::MathOverflow))
    }

    /// The time at which a change staged `now` takes effect.
    pub fn effective_time(&self, now: i64, registered_devices: u32) -> Result<i64> {
        now.safe_add(self.change_delay(now, registered_devices)?)
    }

    /// Post-condition of every instruction that writes the config.
    pub fn invariant(&self) -> Result<()> {
        self.params.validate(self.decimals)?;
        for setup in [self.slashing, self.pending_slashing] {
            if setup.slasher != Pubkey::default() {
                setup.validate()?;
            }
        }
        if self.params_effective_at != 0 {
            self.pending_params.validate(self.decimals)?;
        }
        validate_class_shares(&self.class_shares_bps)?;
        if self.class_shares_effective_at != 0 {
            validate_class_shares(&self.pending_class_shares_bps)?;
        }
        Ok(())
    }
}

/// Whether a change staged to take effect at `effective_at` (0: nothing staged) is in force at
/// `now`. Readers use it, so a due change applies without anyone having to crank it in.
pub fn change_is_due(effective_at: i64, now: i64) -> bool {
    effective_at != 0 && now >= effective_at
}

/// Class shares are basis points that add up to exactly 10,000: every base unit of an epoch's
/// emission goes to some class.
pub fn validate_class_shares(shares: &[u16; RewardClass::COUNT]) -> Result<()> {
    let total = shares
        .iter()
        .try_fold(0u16, |sum, share| sum.checked_add(*share));
    require!(
        total == Some(SlashingParams::MAX_BPS),
        StakingError::InvalidClassShares
    );
    Ok(())
}
