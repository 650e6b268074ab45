use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::math::eligibility;
use crate::math::rewards::Position;
use crate::safe_math::SafeAccumulate;
use crate::state::{seeds, RewardClass, StakingConfig};

/// Where a device is in its life. Variants are only ever appended.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum DeviceStatus {
    /// Registered; stake counts toward the requirement.
    Staking,
    /// Whole stake in the 14-day cooldown: irreversible, earns nothing, still slashable.
    Unstaking { requested_at: i64, unlocks_at: i64 },
    /// Stake paid back to the owner; the account may be closed.
    Withdrawn,
}

/// PDA `[seeds::DEVICE, config, device_key]`. Owned by the supplier's wallet (self-custody).
#[account]
#[derive(InitSpace, Debug)]
pub struct Device {
    pub version: u8,
    pub bump: u8,
    pub config: Pubkey,
    /// The wallet that registered the device, staked, and alone can unstake, withdraw and claim.
    pub owner: Pubkey,
    /// The worker's ed25519 key that signs heartbeats.
    pub device_key: Pubkey,
    pub gpu_model: Pubkey,
    /// Hash of the GPUs' UUIDs and serials; the keeper rejects heartbeats that do not match.
    pub hardware_hash: [u8; 32],
    pub gpu_count: u16,
    /// The model multiplier in force for this device (hundredths); changed only by
    /// `sync_device_multiplier` once a model change is due.
    pub multiplier_centi: u32,
    pub status: DeviceStatus,
    /// Base units in the stake vault for this device.
    pub stake: u64,
    /// In the active set (its weight counts in the pool's total weight).
    pub active: bool,
    /// Weight counted while active: `multiplier_centi x gpu_count`.
    pub weight: u64,
    /// Pool `reward_per_weight` up to which this device is settled.
    pub checkpoint_rpw: u128,
    /// Attestations are only accepted for epochs after this one (the last closed epoch at
    /// registration), so uptime cannot be claimed for hours before the device existed.
    pub registered_after_epoch: u32,
    pub last_attested_epoch: u32,
    /// Consecutive attested epochs ending at `last_attested_epoch`.
    pub streak: u32,
    /// Credited, not yet claimed.
    pub pending_rewards: u64,
    pub total_credited: u64,
    pub total_forfeited: u64,
    pub total_claimed: u64,
    pub registered_at: i64,
    /// Held by this device's open slash cases (no longer stake).
    pub escrowed: u64,
    pub open_cases: u32,
    /// Cases ever opened against this device: the next case's index.
    pub cases_opened: u32,
    /// Unclaimed rewards ever moved into slash cases.
    pub rewards_slashed: u64,
    /// Its model's class, copied at registration: which accumulator it earns from.
    pub reward_class: RewardClass,
    pub reserved: [u8; 103],
}

impl Device {
    pub const VERSION: u8 = 2;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(config: &Pubkey, device_key: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(
            &[seeds::DEVICE, config.as_ref(), device_key.as_ref()],
            &crate::ID,
        )
    }

    pub fn is_unstaking(&self) -> bool {
        matches!(self.status, DeviceStatus::Unstaking { .. })
    }

    pub fn position(&self) -> Position {
        Position {
            weight: self.weight,
            active: self.active,
            checkpoint: self.checkpoint_rpw,
        }
    }

    pub fn store_position(&mut self, pos: &Position) {
        self.weight = pos.weight;
        self.active = pos.active;
        self.checkpoint_rpw = pos.checkpoint;
    }

    /// Whether the device may hold weight at `now`, ignoring its uptime streak.
    pub fn eligibility(
        &self,
        config: &StakingConfig,
        now: i64,
    ) -> Result<core::result::Result<(), eligibility::Ineligible>> {
        let required = config.required_stake(now, self.multiplier_centi, self.gpu_count)?;
        Ok(eligibility::check_eligible(
            self.stake,
            required,
            self.is_unstaking(),
            self.multiplier_centi,
        ))
    }

    /// Books a settlement's credit and forfeit on the device.
    pub fn book(&mut self, credited: u64, forfeited: u64) -> Result<()> {
        self.pending_rewards.add_assign_checked(credited)?;
        self.total_credited.add_assign_checked(credited)?;
        self.total_forfeited.add_assign_checked(forfeited)
    }

    /// Post-condition of every instruction that writes a device: every credited unit is
    /// pending, claimed or was taken by a slash case; only a staking device holds weight; a
    /// withdrawn device holds no stake; escrow exists only while a case is open.
    pub fn invariant(&self) -> Result<()> {
        let accounted = self
            .pending_rewards
            .checked_add(self.total_claimed)
            .and_then(|sum| sum.checked_add(self.rewards_slashed));
        require!(
            accounted == Some(self.total_credited)
                && (!self.active || (self.status == DeviceStatus::Staking && self.weight > 0))
                && (self.status != DeviceStatus::Withdrawn || self.stake == 0)
                && (self.open_cases != 0 || self.escrowed == 0)
                && self.open_cases <= self.cases_opened,
            StakingError::AccountingInvariant
        );
        Ok(())
    }
}
