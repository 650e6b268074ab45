use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{AttestationSkip, DeviceAttestation, EpochAttested, SkippedAttestation};
use crate::math::{eligibility, rewards};
use crate::safe_math::{decrement_count, SafeAccumulate, SafeMath};
use crate::state::{seeds, Device, RewardClass, RewardPool, RpwRing, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct Attest<'info> {
    pub attester: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(address = config.rpw_ring @ StakingError::AccountMismatch)]
    pub rpw_ring: AccountLoader<'info, RpwRing>,
    // remaining_accounts: the attested devices, writable.
}

impl Attest<'_> {
    fn validate(&self, epoch: u32, batch_len: usize) -> Result<()> {
        let config = &self.config;
        config.require_not_paused()?;
        require!(
            config.is_attester(&self.attester.key()),
            StakingError::UnauthorizedAttester
        );
        require!(batch_len > 0, StakingError::EmptyBatch);
        let pool = &self.reward_pool;
        require!(
            epoch <= pool.last_closed_epoch,
            StakingError::EpochNotClosed
        );
        let window = config
            .params_at(Clock::get()?.unix_timestamp)
            .attestation_window_epochs;
        require!(
            epoch > pool.first_epoch && pool.last_closed_epoch.safe_sub(epoch)? < window,
            StakingError::EpochOutsideWindow
        );
        Ok(())
    }
}

/// Attester-signed batch: "these devices were up during `epoch`". For each device: settles it
/// (credits its share of the epoch, forfeits older unattested accruals), advances its uptime
/// streak, and moves it into or out of the active set as its eligibility says.
///
/// A device that cannot be attested because of a race (already attested by another keeper,
/// closed, or closed and registered again since the keeper read it) is skipped with its reason
/// in the event, and the rest of the batch is credited: one such device cannot sink a batch.
/// Accounts that are not this deployment's devices at all still fail the batch.
#[access_control(ctx.accounts.validate(epoch, ctx.remaining_accounts.len()))]
pub fn handler<'info>(ctx: Context<'info, Attest<'info>>, epoch: u32) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let nomination_streak = config.params_at(now).nomination_streak;
    let pool = &mut ctx.accounts.reward_pool;
    // Each class's accumulator right after `epoch - 1` and `epoch` closed: a batch may mix
    // devices of both classes.
    let mut window = [(0u128, 0u128); RewardClass::COUNT];
    {
        let ring = ctx.accounts.rpw_ring.load()?;
        for class in RewardClass::ALL {
            let before = ring
                .rpw_at(pool, class, epoch.safe_sub(1)?)
                .ok_or(StakingError::EpochOutsideWindow)?;
            let after = ring
                .rpw_at(pool, class, epoch)
                .ok_or(StakingError::EpochOutsideWindow)?;
            window[class.index()] = (before, after);
        }
    }

    // The co-staker's share applies to epochs that ended while it was in (docs/design.md section 9).
    let epoch_end = io_emission::schedule::epoch_end(pool.genesis_timestamp, epoch)
        .map_err(|_| error!(StakingError::EpochOutsideWindow))?;
    let mut accs = RewardClass::ALL.map(|class| pool.accumulator(class));
    let mut active = RewardClass::ALL.map(|class| pool.class(class).active_devices);
    let (mut credited_total, mut forfeited_total) = (0u64, 0u64);
    let mut results = Vec::with_capacity(ctx.remaining_accounts.len());
    let mut skipped = Vec::new();
    // One device at a time, written back before the next: a device listed twice sees its own
    // update and is skipped as already attested.
    for info in ctx.remaining_accounts {
        require!(info.is_writable, StakingError::InvalidDeviceAccount);
        let skip = |reason| SkippedAttestation {
            device: info.key(),
            reason,
        };
        // Closed since the keeper read it: nothing lives at the address any more. Anything
        // else that is not this deployment's device (a token account, another program's
        // account, another config's device) fails the batch below.
        if info.owner == &anchor_lang::system_program::ID && info.data_is_empty() {
            skipped.push(skip(AttestationSkip::DeviceGone));
            continue;
        }
        let mut device: Account<'info, Device> =
            Account::try_from(info).map_err(|_| error!(StakingError::InvalidDeviceAccount))?;
        require_keys_eq!(
            device.config,
            config.key(),
            StakingError::InvalidDeviceAccount
        );
        if epoch <= device.last_attested_epoch {
            skipped.push(skip(AttestationSkip::AlreadyAttested));
            continue;
        }
        if epoch <= device.registered_after_epoch {
            skipped.push(skip(AttestationSkip::RegisteredAfterEpoch));
            continue;
        }

        let class = device.reward_class.index();
        let (rpw_before, rpw_after) = window[class];
        let acc = &mut accs[class];
        let mut pos = device.position();
        let mut settlement = rewards::settle_attested(acc, &mut pos, rpw_before, rpw_after)?;
        device.streak = eligibility::next_streak(device.last_attested_epoch, device.streak, epoch);
        device.last_attested_epoch = epoch;

        let eligible = device.eligibility(config, now)?.is_ok();
        let (mut activated, mut deactivated) = (false, false);
        if pos.active && !eligible {
            let left = rewards::deactivate(acc, &mut pos)?;
            settlement = settlement.combine(left)?;
            deactivated = true;
            decrement_count(&mut active[class])?;
        } else if !pos.active && eligible && device.streak >= nomination_streak {
            pos.weight = eligibility::weight(device.multiplier_centi, device.gpu_count);
            rewards::activate(acc, &mut pos)?;
            activated = true;
            active[class].add_assign_checked(1)?;
        }
        device.store_position(&pos);
        let co_share = device.co_share_for(epoch_end);
        device.book(settlement.credited, settlement.forfeited, co_share)?;
        device.invariant()?;
        device.exit(&crate::ID)?;

        credited_total.add_assign_checked(settlement.credited)?;
        forfeited_total.add_assign_checked(settlement.forfeited)?;
        results.push(DeviceAttestation {
            device: device.key(),
            credited: settlement.credited,
            forfeited: settlement.forfeited,
            streak: device.streak,
            active: pos.active,
            activated,
            deactivated,
        });
    }

    for class in RewardClass::ALL {
        let i = class.index();
        pool.store_accumulator(class, &accs[i]);
        pool.classes[i].active_devices = active[i];
    }
    pool.active_devices = active
        .iter()
        .try_fold(0u32, |sum, n| sum.checked_add(*n))
        .ok_or(StakingError::MathOverflow)?;
    pool.total_credited.add_assign_checked(credited_total)?;
    pool.total_forfeited.add_assign_checked(forfeited_total)?;
    if !results.is_empty() {
        pool.note_attested(epoch);
    }
    pool.invariant()?;
    emit_cpi!(EpochAttested {
        config: ctx.accounts.config.key(),
        epoch,
        attester: ctx.accounts.attester.key(),
        devices: results,
        skipped,
    });
    Ok(())
}
