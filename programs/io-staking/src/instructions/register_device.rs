use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::DeviceRegistered;
use crate::math::eligibility;
use crate::safe_math::SafeAccumulate;
use crate::state::{seeds, Device, DeviceStatus, GpuModel, RewardPool, StakingConfig};

pub const MAX_GPU_COUNT: u16 = 1_024;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct RegisterDeviceArgs {
    pub gpu_count: u16,
    /// Hash of the GPUs' UUIDs and serials (`io-worker probe --inspect` prints it).
    pub hardware_hash: [u8; 32],
}

#[event_cpi]
#[derive(Accounts)]
pub struct RegisterDevice<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    /// The worker's heartbeat key signs too: device keys are public (every heartbeat shows
    /// one), so without proof of possession anyone could squat another worker's device PDA.
    pub device_signer: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(
        seeds = [seeds::GPU_MODEL, config.key().as_ref(), &gpu_model.model_id.to_le_bytes()],
        bump = gpu_model.bump,
    )]
    pub gpu_model: Box<Account<'info, GpuModel>>,
    #[account(
        init,
        payer = owner,
        space = Device::SIZE,
        seeds = [seeds::DEVICE, config.key().as_ref(), device_signer.key().as_ref()],
        bump,
    )]
    pub device: Box<Account<'info, Device>>,
    pub system_program: Program<'info, System>,
}

impl RegisterDevice<'_> {
    fn validate(&self, args: &RegisterDeviceArgs) -> Result<()> {
        self.config.require_not_paused()?;
        require!(
            (1..=MAX_GPU_COUNT).contains(&args.gpu_count),
            StakingError::InvalidGpuCount
        );
        Ok(())
    }
}

/// Registers a device. A device key closed earlier and registered again starts a new life at the
/// same address: attestations only from the next epoch on, and fresh slash-case addresses (case
/// ids are config-wide).
#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<RegisterDevice>, args: RegisterDeviceArgs) -> Result<()> {
    let config = &ctx.accounts.config;
    let now = Clock::get()?.unix_timestamp;
    let multiplier_centi = ctx.accounts.gpu_model.effective_multiplier(now);
    let reward_class = ctx.accounts.gpu_model.reward_class;
    let required_stake = config.required_stake(now, multiplier_centi, args.gpu_count)?;
    let pool = &mut ctx.accounts.reward_pool;
    pool.registered_devices.add_assign_checked(1)?;

    ctx.accounts.device.set_inner(Device {
        version: Device::VERSION,
        bump: ctx.bumps.device,
        config: config.key(),
        owner: ctx.accounts.owner.key(),
        device_key: ctx.accounts.device_signer.key(),
        gpu_model: ctx.accounts.gpu_model.key(),
        hardware_hash: args.hardware_hash,
        gpu_count: args.gpu_count,
        multiplier_centi,
        status: DeviceStatus::Staking,
        stake: 0,
        active: false,
        weight: eligibility::weight(multiplier_centi, args.gpu_count),
        checkpoint_rpw: pool.class(reward_class).reward_per_weight,
        registered_after_epoch: pool.last_closed_epoch,
        last_attested_epoch: 0,
        streak: 0,
        pending_rewards: 0,
        total_credited: 0,
        total_forfeited: 0,
        total_claimed: 0,
        registered_at: now,
        escrowed: 0,
        open_cases: 0,
        cases_opened: 0,
        rewards_slashed: 0,
        reward_class,
        co_staker: Pubkey::default(),
        co_stake: 0,
        co_share_bps: 0,
        co_accepted_at: 0,
        co_exit_requested_at: 0,
        co_pending_rewards: 0,
        co_total_credited: 0,
        co_total_claimed: 0,
        co_rewards_slashed: 0,
        has_co_stake_offer: false,
        reserved: [0; 12],
    });
    ctx.accounts.device.invariant()?;
    ctx.accounts.reward_pool.invariant()?;
    emit_cpi!(DeviceRegistered {
        device: ctx.accounts.device.key(),
        owner: ctx.accounts.owner.key(),
        device_key: ctx.accounts.device_signer.key(),
        gpu_model: ctx.accounts.gpu_model.key(),
        gpu_count: args.gpu_count,
        multiplier_centi,
        hardware_hash: args.hardware_hash,
        required_stake,
        reward_class,
    });
    Ok(())
}
