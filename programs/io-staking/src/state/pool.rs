use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::math::rewards::{self, Accumulator};
use crate::state::{seeds, Device};

/// Epoch closes whose accumulator value is kept. Attesting epoch `n` needs the values after `n-1`
/// and `n` closed, so 169 entries allow attestations up to 168 epochs (one week) late.
pub const RPW_RING_LEN: usize = 169;
/// The longest attestation window the ring supports.
pub const MAX_ATTESTATION_WINDOW: u32 = RPW_RING_LEN as u32 - 1;

/// PDA `[seeds::REWARD_POOL, config]`: the reward accumulator and lifetime totals (base units).
#[account]
#[derive(InitSpace, Debug)]
pub struct RewardPool {
    pub version: u8,
    pub bump: u8,
    pub config: Pubkey,
    /// Scaled by `math::rewards::RPW_SCALE`.
    pub reward_per_weight: u128,
    /// Sum of active devices' weights.
    pub total_weight: u128,
    /// Undistributed value (close remainders and forfeits), scaled.
    pub carry_scaled: u128,
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
    /// `rpw_ring[n % RPW_RING_LEN]` = `reward_per_weight` right after epoch `n` closed.
    pub rpw_ring: [u128; RPW_RING_LEN],
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
    pub reserved: [u8; 92],
}

impl RewardPool {
    pub const VERSION: u8 = 1;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(config: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(&[seeds::REWARD_POOL, config.as_ref()], &crate::ID)
    }

    pub fn accumulator(&self) -> Accumulator {
        Accumulator {
            reward_per_weight: self.reward_per_weight,
            total_weight: self.total_weight,
            carry_scaled: self.carry_scaled,
        }
    }

    pub fn store_accumulator(&mut self, acc: &Accumulator) {
        self.reward_per_weight = acc.reward_per_weight;
        self.total_weight = acc.total_weight;
        self.carry_scaled = acc.carry_scaled;
    }

    fn slot(epoch: u32) -> usize {
        epoch as usize % RPW_RING_LEN
    }

    pub fn record_close(&mut self, epoch: u32, reward_per_weight: u128) {
        self.rpw_ring[Self::slot(epoch)] = reward_per_weight;
        self.last_closed_epoch = epoch;
    }

    /// `reward_per_weight` right after `epoch` closed, while the ring still holds it.
    pub fn rpw_at(&self, epoch: u32) -> Option<u128> {
        let held = epoch >= self.first_epoch
            && epoch <= self.last_closed_epoch
            && ((self.last_closed_epoch - epoch) as usize) < RPW_RING_LEN;
        held.then(|| self.rpw_ring[Self::slot(epoch)])
    }

    /// Takes an active device out of the active set: whatever it accrued since its last settled
    /// attestation is forfeited to the pool. Returns the forfeit; 0 if it was not active.
    pub fn deactivate_device(&mut self, device: &mut Device) -> Result<u64> {
        if !device.active {
            return Ok(0);
        }
        let mut acc = self.accumulator();
        let mut pos = device.position();
        let settlement = rewards::deactivate(&mut acc, &mut pos)?;
        self.store_accumulator(&acc);
        device.store_position(&pos);
        device.book(0, settlement.forfeited)?;
        Self::add(&mut self.total_forfeited, settlement.forfeited)?;
        self.device_left()?;
        Ok(settlement.forfeited)
    }

    /// One device left the active set.
    pub fn device_left(&mut self) -> Result<()> {
        self.active_devices = self
            .active_devices
            .checked_sub(1)
            .ok_or_else(|| error!(StakingError::AccountingInvariant))?;
        Ok(())
    }

    pub fn add(field: &mut u64, amount: u64) -> Result<()> {
        *field = field
            .checked_add(amount)
            .ok_or_else(|| error!(StakingError::MathOverflow))?;
        Ok(())
    }

    pub fn sub(field: &mut u64, amount: u64) -> Result<()> {
        *field = field
            .checked_sub(amount)
            .ok_or_else(|| error!(StakingError::MathOverflow))?;
        Ok(())
    }

    /// Lifetime totals can never claim more than was emitted: credits come only out of emission
    /// (forfeits are emission recycled through carry), claims only out of credits.
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.total_claimed <= self.total_credited && self.total_credited <= self.total_emitted,
            StakingError::AccountingInvariant
        );
        Ok(())
    }
}
