use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{DeviceAttestation, EpochAttested};
use crate::math::{eligibility, rewards};
use crate::state::{seeds, Device, RewardPool, StakingConfig};

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
    // remaining_accounts: the attested devices, writable.
}

/// Attester-signed batch: "these devices were up during `epoch`". For each device: settles it
/// (credits its share of the epoch, forfeits older unattested accruals), advances its uptime
/// streak, and moves it into or out of the active set as its eligibility says.
pub fn handler<'info>(ctx: Context<'info, Attest<'info>>, epoch: u32) -> Result<()> {
    let config = &ctx.accounts.config;
    config.require_not_paused()?;
    require!(
        config.is_attester(&ctx.accounts.attester.key()),
        StakingError::UnauthorizedAttester
    );
    require!(!ctx.remaining_accounts.is_empty(), StakingError::EmptyBatch);
    let pool = &mut ctx.accounts.reward_pool;
    require!(
        epoch <= pool.last_closed_epoch,
        StakingError::EpochNotClosed
    );
    require!(
        epoch > pool.first_epoch
            && pool.last_closed_epoch - epoch < config.params.attestation_window_epochs,
        StakingError::EpochOutsideWindow
    );
    let rpw_before = pool
        .rpw_at(epoch - 1)
        .ok_or(StakingError::EpochOutsideWindow)?;
    let rpw_after = pool.rpw_at(epoch).ok_or(StakingError::EpochOutsideWindow)?;

    let mut acc = pool.accumulator();
    let (mut credited_total, mut forfeited_total) = (0u64, 0u64);
    let mut active_devices = pool.active_devices;
    let mut results = Vec::with_capacity(ctx.remaining_accounts.len());
    // One device at a time, written back before the next: a device listed twice sees its own
    // update and is rejected as already attested.
    for info in ctx.remaining_accounts {
        require!(info.is_writable, StakingError::InvalidDeviceAccount);
        let mut device: Account<'info, Device> =
            Account::try_from(info).map_err(|_| error!(StakingError::InvalidDeviceAccount))?;
        require_keys_eq!(
            device.config,
            config.key(),
            StakingError::InvalidDeviceAccount
        );
        require!(
            epoch > device.last_attested_epoch,
            StakingError::AlreadyAttested
        );
        require!(
            epoch > device.registered_after_epoch,
            StakingError::EpochBeforeRegistration
        );

        let mut pos = device.position();
        let mut settlement = rewards::settle_attested(&mut acc, &mut pos, rpw_before, rpw_after)?;
        device.streak = eligibility::next_streak(device.last_attested_epoch, device.streak, epoch);
        device.last_attested_epoch = epoch;

        let eligible = device.eligibility(config)?.is_ok();
        let (mut activated, mut deactivated) = (false, false);
        if pos.active && !eligible {
            let left = rewards::deactivate(&mut acc, &mut pos)?;
            settlement = settlement.combine(left)?;
            deactivated = true;
            active_devices = active_devices
                .checked_sub(1)
                .ok_or(StakingError::AccountingInvariant)?;
        } else if !pos.active && eligible && device.streak >= config.params.nomination_streak {
            pos.weight = eligibility::weight(device.multiplier_centi, device.gpu_count);
            rewards::activate(&mut acc, &mut pos)?;
            activated = true;
            active_devices = active_devices
                .checked_add(1)
                .ok_or(StakingError::MathOverflow)?;
        }
        device.store_position(&pos);
        device.book(settlement.credited, settlement.forfeited)?;
        device.exit(&crate::ID)?;

        credited_total = credited_total
            .checked_add(settlement.credited)
            .ok_or(StakingError::MathOverflow)?;
        forfeited_total = forfeited_total
            .checked_add(settlement.forfeited)
            .ok_or(StakingError::MathOverflow)?;
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

    pool.store_accumulator(&acc);
    pool.active_devices = active_devices;
    RewardPool::add(&mut pool.total_credited, credited_total)?;
    RewardPool::add(&mut pool.total_forfeited, forfeited_total)?;
    pool.invariant()?;
    emit_cpi!(EpochAttested {
        epoch,
        attester: ctx.accounts.attester.key(),
        devices: results,
    });
    Ok(())
}
