//! Governance of the bonded quorum: admitting keepers and staging the quorum's parameters, with
//! one account set.

use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{KeeperAdmitted, QuorumParamsUpdated};
use crate::state::{seeds, KeeperBond, KeeperSet, QuorumParams, RewardPool, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct KeeperAdmin<'info> {
    pub admin: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
        has_one = admin @ StakingError::UnauthorizedAdmin,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    /// Read for the number of registered devices, which decides the governance delay.
    #[account(address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(mut, seeds = [seeds::KEEPER_SET, config.key().as_ref()], bump)]
    pub keeper_set: AccountLoader<'info, KeeperSet>,
}

impl KeeperAdmin<'_> {
    fn validate_admit(&self, operator: &Pubkey) -> Result<()> {
        require!(
            *operator != Pubkey::default(),
            StakingError::InvalidAuthority
        );
        let set = self.keeper_set.load()?;
        require!(
            set.slot_of_operator(operator).is_none() && set.slot_of_vote_key(operator).is_none(),
            StakingError::KeeperExists
        );
        require!(free_slot(&set).is_some(), StakingError::KeeperSetFull);
        Ok(())
    }

    fn validate_params(&self, params: &QuorumParams) -> Result<()> {
        params.validate(self.config.decimals)
    }
}

/// A slot with no operator, or one whose keeper has left (unbonded and withdrawn).
fn free_slot(set: &KeeperSet) -> Option<usize> {
    set.keepers.iter().position(|k| k.is_free())
}

/// Admits `operator` as a keeper (at most 16 at a time). It votes once it has bonded at least
/// `min_keeper_bond`; its vote key starts as the operator key.
#[access_control(ctx.accounts.validate_admit(&operator))]
pub fn admit_keeper(ctx: Context<KeeperAdmin>, operator: Pubkey) -> Result<()> {
    let config = ctx.accounts.config.key();
    let mut set = ctx.accounts.keeper_set.load_mut()?;
    let slot = free_slot(&set).ok_or_else(|| error!(StakingError::KeeperSetFull))?;
    // A fresh bond: nothing of a previous operator of the slot carries over.
    set.keepers[slot] = KeeperBond {
        operator,
        vote_key: operator,
        ..bytemuck::Zeroable::zeroed()
    };
    set.invariant(&config)?;
    drop(set);
    emit_cpi!(KeeperAdmitted {
        config,
        operator,
        slot: slot as u8,
    });
    Ok(())
}

/// Stages new quorum parameters behind the governance delay (at once while no device is
/// registered), like every other change that can hurt suppliers: a lower quorum or bond makes
/// the uptime oracle easier to capture.
#[access_control(ctx.accounts.validate_params(&params))]
pub fn update_quorum_params(ctx: Context<KeeperAdmin>, params: QuorumParams) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let effective_at = ctx
        .accounts
        .config
        .effective_time(now, ctx.accounts.reward_pool.registered_devices)?;
    let config = ctx.accounts.config.key();
    let mut set = ctx.accounts.keeper_set.load_mut()?;
    let old = set.params_at(now);
    set.params = old.into();
    set.pending_params = params.into();
    set.params_effective_at = effective_at;
    if crate::state::change_is_due(effective_at, now) {
        set.params = params.into();
        set.params_effective_at = 0;
    }
    set.invariant(&config)?;
    drop(set);
    emit_cpi!(QuorumParamsUpdated {
        config,
        old,
        new: params,
        effective_at,
    });
    Ok(())
}
