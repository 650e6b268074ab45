use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::math::rewards::{self, Accumulator};
use crate::safe_math::{decrement_count, SafeAccumulate};
use crate::state::{seeds, Device, RewardClass};

/// Epoch closes whose accumulator value is kept. Settling epoch `n` needs the values after `n-1`
/// and `n` closed, so 721 entries cover the whole 720-epoch settlement window of an uptime leaf
/// (docs/design.md section 14).
pub const RPW_RING_LEN: usize = crate::math::merkle::UPTIME_EPOCHS + 1;
/// The settlement window: how many epochs an uptime leaf covers, and how far back the ring
/// reaches.
pub const SETTLEMENT_WINDOW: u32 = RPW_RING_LEN as u32 - 1;
/// The published staleness: one week of epochs without uptime deactivates a device.
pub const PUBLISHED_STALENESS_EPOCHS: u32 = 168;

/// One reward class's side of the pool (docs/design.md section 10): its own accumulator, weight,
/// carry and share of the emission.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct ClassPool {
    /// Scaled by `math::rewards::RPW_SCALE`.
    pub reward_per_weight: u128,
    /// Sum of this class's active devices' weights.
    pub total_weight: u128,
    /// Undistributed value of this class (close remainders, forfeits, and its whole share while
    /// it has no weight), scaled.
    pub carry_scaled: u128,
    pub active_devices: u32,
    /// This class's share of every close, ever (base units).
    pub emitted: u64,
}

/// PDA `[seeds::REWARD_POOL, config]`: the reward accumulators, one per class, and lifetime
/// totals (base units). Deserialized by value in most instructions, so it stays small: the
/// rings of recent closes live in their own zero-copy account, [`RpwRing`].
#[account]
#[derive(InitSpace, Debug)]
pub struct RewardPool {
    pub version: u8,
    pub bump: u8,
    pub config: Pubkey,
    /// Indexed by `RewardClass::index()`.
    pub classes: [ClassPool; RewardClass::COUNT],
    /// The emission epoch this pool started at (io-emission's last minted epoch at init).
    pub first_epoch: u32,
    pub last_closed_epoch: u32,
    pub active_devices: u32,
    pub registered_devices: u32,
    pub total_emitted: u64,
    pub total_credited: u64,
    pub total_forfeited: u64,
    pub total_claimed: u64,
    /// Sum of all devices' stake (including cooldown, excluding withdrawn).
    pub total_staked: u64,
    /// Burned by upheld and executed slash cases, ever.
    pub total_burned: u64,
    /// Held by open cases, taken from stake (still in the stake vault).
    pub escrowed_stake: u64,
    /// Held by open cases, taken from unclaimed rewards (still in the rewards vault).
    pub escrowed_rewards: u64,
    /// Rewards-vault tokens that left through slashing (burned, or moved to the stake vault or
    /// the owner when a case returned them). Rewards vault == emitted - claimed - this.
    pub rewards_slashed_out: u64,
    pub open_cases: u32,
    /// Slash cases ever opened under this config: the next case's id, and its address seed. It
    /// never repeats, so a device key closed and registered again gets fresh case addresses.
    pub cases_opened: u64,
    /// Epochs io-emission minted to another distributor, which this pool stepped over.
    pub skipped_epochs: u32,
    /// io-emission's genesis, copied at initialization: when each epoch ended.
    pub genesis_timestamp: i64,
    pub reserved: [u8; 64],
}

impl RewardPool {
    pub const VERSION: u8 = 3;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(config: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(&[seeds::REWARD_POOL, config.as_ref()], &crate::ID)
    }

    pub fn class(&self, class: RewardClass) -> &ClassPool {
        &self.classes[class.index()]
    }

    pub fn accumulator(&self, class: RewardClass) -> Accumulator {
        let pool = self.class(class);
        Accumulator {
            reward_per_weight: pool.reward_per_weight,
            total_weight: pool.total_weight,
            carry_scaled: pool.carry_scaled,
        }
    }

    pub fn store_accumulator(&mut self, class: RewardClass, acc: &Accumulator) {
        let pool = &mut self.classes[class.index()];
        pool.reward_per_weight = acc.reward_per_weight;
        pool.total_weight = acc.total_weight;
        pool.carry_scaled = acc.carry_scaled;
    }

    /// Active weight of every class.
    pub fn total_weight(&self) -> u128 {
        self.classes
            .iter()
            .fold(0u128, |sum, c| sum.saturating_add(c.total_weight))
    }

    /// Undistributed value of every class, scaled.
    pub fn carry_scaled(&self) -> u128 {
        self.classes
            .iter()
            .fold(0u128, |sum, c| sum.saturating_add(c.carry_scaled))
    }

    /// Whether the ring still holds the accumulator value after `epoch` closed.
    pub fn ring_holds(&self, epoch: u32) -> bool {
        epoch >= self.first_epoch
            && epoch <= self.last_closed_epoch
            && (self.last_closed_epoch.abs_diff(epoch) as usize) < RPW_RING_LEN
    }

    /// Takes an active device out of the active set: whatever it accrued since its last settled
    /// attestation is forfeited to the pool. Returns the forfeit; 0 if it was not active.
    pub fn deactivate_device(&mut self, device: &mut Device) -> Result<u64> {
        if !device.active {
            return Ok(0);
        }
        let class = device.reward_class;
        let mut acc = self.accumulator(class);
        let mut pos = device.position();
        let settlement = rewards::deactivate(&mut acc, &mut pos)?;
        self.store_accumulator(class, &acc);
        device.store_position(&pos);
        device.book(0, settlement.forfeited, 0)?;
        self.total_forfeited
            .add_assign_checked(settlement.forfeited)?;
        self.device_left(class)?;
        Ok(settlement.forfeited)
    }

    /// One device of `class` left the active set.
    pub fn device_left(&mut self, class: RewardClass) -> Result<()> {
        decrement_count(&mut self.classes[class.index()].active_devices)?;
        decrement_count(&mut self.active_devices)
    }

    /// One device of `class` joined the active set.
    pub fn device_joined(&mut self, class: RewardClass) -> Result<()> {
        self.classes[class.index()]
            .active_devices
            .add_assign_checked(1)?;
        self.active_devices.add_assign_checked(1)
    }

    /// Post-condition of every instruction that writes the pool. Lifetime totals can never
    /// claim more than was emitted: credits come only out of emission (forfeits are emission
    /// recycled through carry), claims only out of credits.
    pub fn invariant(&self) -> Result<()> {
        let classes_active = self
            .classes
            .iter()
            .try_fold(0u32, |sum, c| sum.checked_add(c.active_devices));
        let classes_emitted = self
            .classes
            .iter()
            .try_fold(0u64, |sum, c| sum.checked_add(c.emitted));
        require!(
            self.total_claimed <= self.total_credited
                && self.total_credited <= self.total_emitted
                && self.active_devices <= self.registered_devices
                && classes_active == Some(self.active_devices)
                && classes_emitted == Some(self.total_emitted)
                && self
                    .classes
                    .iter()
                    .all(|c| (c.active_devices == 0) == (c.total_weight == 0))
                && self.first_epoch <= self.last_closed_epoch
                && (self.open_cases != 0
                    || (self.escrowed_stake == 0 && self.escrowed_rewards == 0)),
            StakingError::AccountingInvariant
        );
        Ok(())
    }
}

/// Each class's `reward_per_weight` right after each of the last [`RPW_RING_LEN`] closes, so
/// devices may settle up to 720 epochs late. Zero-copy (23 KB): read in place, never copied onto
/// the 4 KB SBF stack. Values are little-endian byte arrays so the layout has alignment 1 on
/// every target.
///
/// Not a PDA: a program cannot create an account over 10,240 bytes through a CPI on a real
/// cluster, so the deployer creates it with a top-level system `create_account` (owner
/// io-staking, [`RpwRing::SIZE`] bytes) in the transaction that calls `initialize`, which takes
/// it zeroed (`#[account(zero)]`) and records its address in the config.
#[account(zero_copy)]
pub struct RpwRing {
    pub version: u8,
    /// 0: the ring is not a PDA (kept for the layout).
    pub bump: u8,
    pub config: Pubkey,
    values: [[[u8; 16]; RPW_RING_LEN]; RewardClass::COUNT],
    pub reserved: [u8; 64],
}

impl RpwRing {
    pub const VERSION: u8 = 3;
    pub const SIZE: usize = 8 + core::mem::size_of::<RpwRing>();

    fn slot(epoch: u32) -> usize {
        // `%` by a non-zero constant cannot fail.
        (epoch as usize).rem_euclid(RPW_RING_LEN)
    }

    pub fn record(&mut self, class: RewardClass, epoch: u32, reward_per_weight: u128) {
        self.values[class.index()][Self::slot(epoch)] = reward_per_weight.to_le_bytes();
    }

    /// Post-condition of every instruction that writes the ring.
    pub fn invariant(&self, config: &Pubkey) -> Result<()> {
        require!(
            self.version == Self::VERSION && self.config == *config,
            StakingError::AccountingInvariant
        );
        Ok(())
    }

    /// `reward_per_weight` right after `epoch` closed, while the ring still holds it.
    pub fn rpw_at(&self, pool: &RewardPool, class: RewardClass, epoch: u32) -> Option<u128> {
        pool.ring_holds(epoch)
            .then(|| u128::from_le_bytes(self.values[class.index()][Self::slot(epoch)]))
    }
}
