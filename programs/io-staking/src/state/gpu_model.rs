use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::state::{seeds, RewardClass};

pub const GPU_MODEL_NAME_LEN: usize = 32;

/// PDA `[seeds::GPU_MODEL, config, model_id (LE)]`: one row of the GPU model table.
#[account]
#[derive(InitSpace, Debug)]
pub struct GpuModel {
    pub version: u8,
    pub bump: u8,
    pub config: Pubkey,
    pub model_id: u16,
    /// UTF-8, zero-padded.
    pub name: [u8; GPU_MODEL_NAME_LEN],
    /// Earning multiplier in hundredths (H100 = 1000); 0 earns nothing.
    pub multiplier_centi: u32,
    /// A scheduled change, in force from `pending_effective_at`.
    pub has_pending: bool,
    pub pending_multiplier_centi: u32,
    pub pending_effective_at: i64,
    pub updated_at: i64,
    /// Fixed at creation: moving a model to the other class is a new model id.
    pub reward_class: RewardClass,
    pub reserved: [u8; 63],
}

impl GpuModel {
    pub const VERSION: u8 = 2;
    pub const SIZE: usize = 8 + Self::INIT_SPACE;

    pub fn find_address(config: &Pubkey, model_id: u16) -> (Pubkey, u8) {
        Pubkey::find_program_address(
            &[seeds::GPU_MODEL, config.as_ref(), &model_id.to_le_bytes()],
            &crate::ID,
        )
    }

    /// The multiplier in force at `now`: a scheduled change applies only once its grace period
    /// has passed, never before.
    pub fn effective_multiplier(&self, now: i64) -> u32 {
        if self.has_pending && now >= self.pending_effective_at {
            self.pending_multiplier_centi
        } else {
            self.multiplier_centi
        }
    }

    /// Folds a change whose time has come into the current value.
    pub fn apply_due_change(&mut self, now: i64) {
        if self.has_pending && now >= self.pending_effective_at {
            self.multiplier_centi = self.pending_multiplier_centi;
            self.has_pending = false;
            self.pending_multiplier_centi = 0;
            self.pending_effective_at = 0;
        }
    }

    /// Post-condition of every instruction that writes a model.
    pub fn invariant(&self) -> Result<()> {
        let max = crate::instructions::add_gpu_model::MAX_MULTIPLIER_CENTI;
        require!(
            self.multiplier_centi <= max && self.pending_multiplier_centi <= max,
            StakingError::InvalidMultiplier
        );
        Ok(())
    }

    pub fn name_str(&self) -> &str {
        let end = self
            .name
            .iter()
            .position(|b| *b == 0)
            .unwrap_or(GPU_MODEL_NAME_LEN);
        core::str::from_utf8(&self.name[..end]).unwrap_or("")
    }
}
