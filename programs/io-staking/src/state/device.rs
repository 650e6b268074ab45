use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::math::eligibility;
use crate::math::rewards::Position;
use crate::safe_math::{SafeAccumulate, SafeMath};
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
    /// Uptime counts only for epochs after this one (the last closed epoch at registration), so
    /// uptime cannot be claimed for hours before the device existed.
    pub registered_after_epoch: u32,
    /// The newest epoch a settled leaf says the device was up in (the quorum attested it).
    pub last_attested_epoch: u32,
    /// Consecutive up epochs ending at `last_attested_epoch`.
    pub streak: u32,
    /// The owner's credited rewards, not yet claimed.
    pub pending_rewards: u64,
    /// Everything settlements credited to the device: the owner's and every co-staker's part.
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
    /// The accepted co-staker (docs/design.md section 9); `Pubkey::default()` when none.
    pub co_staker: Pubkey,
    /// The co-staker's stake in the stake vault (not counting what slash cases hold).
    pub co_stake: u64,
    /// The co-staker's part of each settlement, in basis points, fixed at acceptance.
    pub co_share_bps: u16,
    pub co_accepted_at: i64,
    /// When the co-staker asked to leave; 0 while it stays. From then on its share earns
    /// nothing; its stake counts toward the requirement for the 7-day wait, then not.
    pub co_exit_requested_at: i64,
    /// The co-staker's credited rewards, not yet claimed.
    pub co_pending_rewards: u64,
    /// Every co-staker's part of `total_credited`, ever.
    pub co_total_credited: u64,
    pub co_total_claimed: u64,
    /// Co-stakers' unclaimed rewards ever moved into slash cases.
    pub co_rewards_slashed: u64,
    /// A co-staking offer account exists for this device (open or accepted).
    pub has_co_stake_offer: bool,
    /// The end of the hours renters have paid for (io-payments records it); until then the
    /// owner cannot request unstake (published: rented devices cannot leave). 0 when never rented.
    pub rented_until: i64,
    /// The owner's rental terms: the least a renter pays per hour, in USDC and in IO base units;
    /// 0 refuses rentals in that mint (the default). A rental blocks unstake, so only the owner
    /// may decide what it is worth.
    pub min_usdc_per_hour: u64,
    pub min_io_per_hour: u64,
    /// The epoch of the last root this device settled against (docs/design.md section 14):
    /// every epoch up to it is settled, and a settle against it or an older root is a no-op.
    pub settled_epoch: u32,
    pub reserved: [u8; 32],
}

impl Device {
    pub const VERSION: u8 = 4;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(config: &Pubkey, device_key: &Pubkey) -> (Pubkey, u8) {
        Pubkey::find_program_address(
            &[seeds::DEVICE, config.as_ref(), device_key.as_ref()],
            &crate::ID,
        )
    }

    pub fn is_staking(&self) -> bool {
        self.status == DeviceStatus::Staking
    }

    pub fn is_rented(&self, now: i64) -> bool {
        now < self.rented_until
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
            self.counted_stake(now)?,
            required,
            self.is_staking(),
            self.multiplier_centi,
        ))
    }

    pub fn has_co_staker(&self) -> bool {
        self.co_staker != Pubkey::default()
    }

    /// Stake counting toward the requirement at `now`: the owner's, and the co-staker's until
    /// the 7-day wait after its exit request is over (published).
    pub fn counted_stake(&self, now: i64) -> Result<u64> {
        let co_counts = self.has_co_staker()
            && (self.co_exit_requested_at == 0
                || now
                    < self
                        .co_exit_requested_at
                        .safe_add(eligibility::CO_STAKE_EXIT_WAIT_SECONDS)?);
        if co_counts {
            self.stake.safe_add(self.co_stake)
        } else {
            Ok(self.stake)
        }
    }

    /// The co-staker's share (basis points) of an epoch that ended at `epoch_end`: its fixed
    /// share for epochs ending after it joined and before it asked to leave, else 0.
    pub fn co_share_for(&self, epoch_end: i64) -> u16 {
        let joined = self.has_co_staker() && self.co_accepted_at < epoch_end;
        let staying = self.co_exit_requested_at == 0 || epoch_end <= self.co_exit_requested_at;
        if joined && staying {
            self.co_share_bps
        } else {
            0
        }
    }

    /// Books a settlement's credit and forfeit on the device; `co_share_bps` of the credit
    /// (rounded down) is the co-staker's, the rest the owner's.
    pub fn book(&mut self, credited: u64, forfeited: u64, co_share_bps: u16) -> Result<()> {
        let (owner, co) = eligibility::split_credit(credited, co_share_bps)
            .ok_or_else(|| error!(StakingError::MathOverflow))?;
        self.pending_rewards.add_assign_checked(owner)?;
        self.co_pending_rewards.add_assign_checked(co)?;
        self.co_total_credited.add_assign_checked(co)?;
        self.total_credited.add_assign_checked(credited)?;
        self.total_forfeited.add_assign_checked(forfeited)
    }

    /// Post-condition of every instruction that writes a device: every credited unit is
    /// pending, claimed or was taken by a slash case; only a staking device holds weight; a
    /// withdrawn device holds no stake; escrow exists only while a case is open.
    pub fn invariant(&self) -> Result<()> {
        let owner_side = self
            .pending_rewards
            .checked_add(self.total_claimed)
            .and_then(|sum| sum.checked_add(self.rewards_slashed));
        let co_side = self
            .co_pending_rewards
            .checked_add(self.co_total_claimed)
            .and_then(|sum| sum.checked_add(self.co_rewards_slashed));
        let accounted = owner_side.zip(co_side).and_then(|(o, c)| o.checked_add(c));
        require!(
            accounted == Some(self.total_credited)
                && co_side.is_some_and(|c| c == self.co_total_credited)
                && (self.has_co_staker() || (self.co_stake == 0 && self.co_share_bps == 0))
                && (!self.has_co_staker() || self.has_co_stake_offer)
                && (!self.active || (self.status == DeviceStatus::Staking && self.weight > 0))
                && (self.status != DeviceStatus::Withdrawn || self.stake == 0)
                && (self.open_cases != 0 || self.escrowed == 0)
                && self.open_cases <= self.cases_opened,
            StakingError::AccountingInvariant
        );
        Ok(())
    }
}
