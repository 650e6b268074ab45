use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::GpuModelCreated;
use crate::state::{seeds, GpuModel, RewardClass, StakingConfig, GPU_MODEL_NAME_LEN};

/// Highest multiplier accepted: 100.00x.
pub const MAX_MULTIPLIER_CENTI: u32 = 10_000;

#[event_cpi]
#[derive(Accounts)]
#[instruction(model_id: u16)]
pub struct AddGpuModel<'info> {
    #[account(mut)]
    pub admin: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
        has_one = admin @ StakingError::UnauthorizedAdmin,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(
        init,
        payer = admin,
        space = GpuModel::SIZE,
        seeds = [seeds::GPU_MODEL, config.key().as_ref(), &model_id.to_le_bytes()],
        bump,
    )]
    pub gpu_model: Box<Account<'info, GpuModel>>,
    pub system_program: Program<'info, System>,
}

impl AddGpuModel<'_> {
    fn validate(&self, name: &str, multiplier_centi: u32) -> Result<()> {
        require!(
            multiplier_centi <= MAX_MULTIPLIER_CENTI,
            StakingError::InvalidMultiplier
        );
        require!(
            (1..=GPU_MODEL_NAME_LEN).contains(&name.len()),
            StakingError::InvalidModelName
        );
        Ok(())
    }
}

/// Admin: adds a row to the GPU model table. A new model applies at once (nobody uses it yet);
/// changing an existing one's multiplier goes through the grace period
/// (`schedule_multiplier_change`). Its reward class is fixed for good.
#[access_control(ctx.accounts.validate(&name, multiplier_centi))]
pub fn handler(
    ctx: Context<AddGpuModel>,
    model_id: u16,
    name: String,
    multiplier_centi: u32,
    reward_class: RewardClass,
) -> Result<()> {
    let bytes = name.as_bytes();
    let mut padded = [0u8; GPU_MODEL_NAME_LEN];
    padded
        .get_mut(..bytes.len())
        .ok_or(StakingError::InvalidModelName)?
        .copy_from_slice(bytes);
    let now = Clock::get()?.unix_timestamp;
    ctx.accounts.gpu_model.set_inner(GpuModel {
        version: GpuModel::VERSION,
        bump: ctx.bumps.gpu_model,
        config: ctx.accounts.config.key(),
        model_id,
        name: padded,
        multiplier_centi,
        has_pending: false,
        pending_multiplier_centi: 0,
        pending_effective_at: 0,
        updated_at: now,
        reward_class,
        reserved: [0; 63],
    });
    ctx.accounts.gpu_model.invariant()?;
    emit_cpi!(GpuModelCreated {
        gpu_model: ctx.accounts.gpu_model.key(),
        model_id,
        name,
        multiplier_centi,
        reward_class,
    });
    Ok(())
}
