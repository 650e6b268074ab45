use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::GpuModelChangeScheduled;
use crate::instructions::add_gpu_model::MAX_MULTIPLIER_CENTI;
use crate::safe_math::SafeMath;
use crate::state::{seeds, GpuModel, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct ScheduleMultiplierChange<'info> {
    pub admin: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
        has_one = admin @ StakingError::UnauthorizedAdmin,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(
        mut,
        seeds = [seeds::GPU_MODEL, config.key().as_ref(), &gpu_model.model_id.to_le_bytes()],
        bump = gpu_model.bump,
    )]
    pub gpu_model: Box<Account<'info, GpuModel>>,
}

impl ScheduleMultiplierChange<'_> {
    fn validate(&self, new_multiplier_centi: u32) -> Result<()> {
        require!(
            new_multiplier_centi <= MAX_MULTIPLIER_CENTI,
            StakingError::InvalidMultiplier
        );
        Ok(())
    }
}

/// Admin: changes a model's multiplier from `now + grace` on (published: 30 days). Never
/// retroactive: a device keeps its multiplier until it is synced after that time, and its
/// rewards up to the sync were settled at the old weight. A new schedule replaces a pending one.
#[access_control(ctx.accounts.validate(new_multiplier_centi))]
pub fn handler(ctx: Context<ScheduleMultiplierChange>, new_multiplier_centi: u32) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    // A higher multiplier raises the requirement and 0 stops earnings: never sooner than a
    // supplier or co-staker who dislikes it could be out (the governance delay), whatever the
    // grace.
    let config = &ctx.accounts.config;
    let delay = config
        .params_at(now)
        .multiplier_grace_seconds
        .max(config.governance_delay(now)?);
    let effective_at = now.safe_add(delay)?;
    let model = &mut ctx.accounts.gpu_model;
    model.apply_due_change(now);
    let old_multiplier_centi = model.multiplier_centi;
    model.has_pending = true;
    model.pending_multiplier_centi = new_multiplier_centi;
    model.pending_effective_at = effective_at;
    model.updated_at = now;
    model.invariant()?;
    emit_cpi!(GpuModelChangeScheduled {
        gpu_model: model.key(),
        model_id: model.model_id,
        old_multiplier_centi,
        new_multiplier_centi,
        effective_at,
    });
    Ok(())
}
