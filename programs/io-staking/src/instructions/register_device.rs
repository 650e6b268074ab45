use anchor_lang::prelude::*;
use io_consent::{parse_ed25519_instruction, ConsentFormatError, RegistrationConsent};
use solana_instructions_sysvar::{load_current_index_checked, load_instruction_at_checked};

use crate::error::StakingError;
use crate::events::DeviceRegistered;
use crate::math::eligibility;
use crate::safe_math::SafeAccumulate;
use crate::state::{
    seeds, Device, DeviceStatus, GpuModel, HardwareMarker, RewardPool, StakingConfig,
};

pub const MAX_GPU_COUNT: u16 = 1_024;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegisterDeviceArgs {
    /// The worker's heartbeat key. It does not sign the transaction: it signed the consent the
    /// Ed25519 instruction before this one carries (`io-worker register` prints it).
    pub device_key: Pubkey,
    pub gpu_count: u16,
    /// Hash of the GPUs' UUIDs and serials (`io-worker probe --inspect` prints it).
    pub hardware_hash: [u8; 32],
}

#[event_cpi]
#[derive(Accounts)]
#[instruction(args: RegisterDeviceArgs)]
pub struct RegisterDevice<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
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
        seeds = [seeds::DEVICE, config.key().as_ref(), args.device_key.as_ref()],
        bump,
    )]
    pub device: Box<Account<'info, Device>>,
    /// Created here, so a second registration of the same GPUs fails with
    /// `HardwareAlreadyRegistered` rather than the system program's "already in use".
    #[account(
        init_if_needed,
        payer = owner,
        space = HardwareMarker::SIZE,
        seeds = [seeds::HARDWARE, config.key().as_ref(), args.hardware_hash.as_ref()],
        bump,
    )]
    pub hardware_marker: Box<Account<'info, HardwareMarker>>,
    /// CHECK: the instructions sysvar (address checked), read for the consent.
    #[account(address = solana_sdk_ids::sysvar::instructions::ID @ StakingError::ConsentMissing)]
    pub instructions: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

fn consent_error(error: ConsentFormatError) -> Error {
    match error {
        ConsentFormatError::OutsideInstruction => error!(StakingError::ConsentOutsideInstruction),
        _ => error!(StakingError::ConsentMalformed),
    }
}

impl RegisterDevice<'_> {
    fn validate(&self, args: &RegisterDeviceArgs) -> Result<()> {
        self.config.require_not_paused()?;
        require!(
            (1..=MAX_GPU_COUNT).contains(&args.gpu_count),
            StakingError::InvalidGpuCount
        );
        require!(
            self.hardware_marker.device == Pubkey::default(),
            StakingError::HardwareAlreadyRegistered
        );
        self.check_consent(args)
    }

    /// The device key's consent is the Ed25519 program instruction right before this one. The
    /// runtime verified its signature before any program ran; here it is only found and read:
    /// the right program, everything inside that instruction, the device key as signer, and the
    /// message agreeing field by field with what is being registered.
    fn check_consent(&self, args: &RegisterDeviceArgs) -> Result<()> {
        let sysvar = self.instructions.to_account_info();
        let current = load_current_index_checked(&sysvar)?;
        let previous = current.checked_sub(1).ok_or(StakingError::ConsentMissing)?;
        let ed25519 = load_instruction_at_checked(usize::from(previous), &sysvar)?;
        require_keys_eq!(
            ed25519.program_id,
            solana_sdk_ids::ed25519_program::ID,
            StakingError::ConsentMissing
        );
        let signed = parse_ed25519_instruction(&ed25519.data).map_err(consent_error)?;
        let consent = RegistrationConsent::from_message(signed.message).map_err(consent_error)?;
        require!(
            *signed.public_key == consent.device_key
                && consent.device_key == args.device_key.to_bytes(),
            StakingError::ConsentWrongSigner
        );
        require!(
            consent.program == crate::ID.to_bytes()
                && consent.config == self.config.key().to_bytes(),
            StakingError::ConsentWrongConfig
        );
        require!(
            consent.owner == self.owner.key().to_bytes(),
            StakingError::ConsentWrongOwner
        );
        require!(
            consent.model_id == self.gpu_model.model_id,
            StakingError::ConsentWrongModel
        );
        require!(
            consent.gpu_count == args.gpu_count,
            StakingError::ConsentWrongGpuCount
        );
        require!(
            consent.hardware_hash == args.hardware_hash,
            StakingError::ConsentWrongHardware
        );
        require!(
            Clock::get()?.unix_timestamp <= consent.expires_at,
            StakingError::ConsentExpired
        );
        Ok(())
    }
}

/// Registers a device. A device key closed earlier and registered again starts a new life at the
/// same address: uptime counts only from the next epoch on, and fresh slash-case addresses (case
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
        device_key: args.device_key,
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
        rented_until: 0,
        min_usdc_per_hour: 0,
        min_io_per_hour: 0,
        settled_epoch: pool.last_closed_epoch,
        reserved: [0; 32],
    });
    ctx.accounts.hardware_marker.set_inner(HardwareMarker {
        version: HardwareMarker::VERSION,
        bump: ctx.bumps.hardware_marker,
        config: config.key(),
        hardware_hash: args.hardware_hash,
        device: ctx.accounts.device.key(),
        reserved: [0; 16],
    });
    ctx.accounts.device.invariant()?;
    ctx.accounts.reward_pool.invariant()?;
    emit_cpi!(DeviceRegistered {
        device: ctx.accounts.device.key(),
        owner: ctx.accounts.owner.key(),
        device_key: args.device_key,
        gpu_model: ctx.accounts.gpu_model.key(),
        gpu_count: args.gpu_count,
        multiplier_centi,
        hardware_hash: args.hardware_hash,
        required_stake,
        reward_class,
    });
    Ok(())
}
