use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::BallotOpened;
use crate::math::ballot;
use crate::state::{seeds, EpochBallot, KeeperSet, RewardPool, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
#[instruction(epoch: u32)]
pub struct OpenBallot<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(seeds = [seeds::KEEPER_SET, config.key().as_ref()], bump)]
    pub keeper_set: AccountLoader<'info, KeeperSet>,
    #[account(
        init,
        payer = payer,
        space = EpochBallot::SIZE,
        seeds = [seeds::BALLOT, config.key().as_ref(), &epoch.to_le_bytes()],
        bump,
    )]
    pub ballot: AccountLoader<'info, EpochBallot>,
    pub system_program: Program<'info, System>,
}

impl OpenBallot<'_> {
    fn validate(&self, epoch: u32) -> Result<()> {
        self.config.require_not_paused()?;
        let pool = &self.reward_pool;
        require!(
            epoch <= pool.last_closed_epoch,
            StakingError::EpochNotClosed
        );
        require!(epoch > pool.first_epoch, StakingError::EpochOutsideWindow);
        let set = self.keeper_set.load()?;
        require!(!set.is_superseded(epoch), StakingError::BallotSuperseded);
        Ok(())
    }
}

/// Opens the ballot on closed epoch `epoch`'s uptime root (anyone; a keeper puts it in front of
/// its first commit). Fixes the electorate (the keepers that may vote now) and the quorum, and
/// starts the observe phase.
#[access_control(ctx.accounts.validate(epoch))]
pub fn handler(ctx: Context<OpenBallot>, epoch: u32) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let set = ctx.accounts.keeper_set.load()?;
    let params = set.params_at(now);
    let electorate = set.voters_at(now);
    drop(set);
    let quorum = ballot::quorum_votes(ballot::set_size(electorate), params.quorum_bps)
        .ok_or_else(|| error!(StakingError::EmptyElectorate))?;
    let config = ctx.accounts.config.key();
    let mut ballot = ctx.accounts.ballot.load_init()?;
    ballot.version = EpochBallot::VERSION;
    ballot.bump = ctx.bumps.ballot;
    ballot.config = config;
    ballot.opener = ctx.accounts.payer.key();
    ballot.epoch = epoch;
    ballot.electorate = electorate;
    // At most 16 keepers: the quorum fits a byte.
    ballot.quorum = quorum as u8;
    ballot.opened_at = now;
    drop(ballot);
    emit_cpi!(BallotOpened {
        config,
        epoch,
        electorate,
        quorum: quorum as u8,
        observe_until: now.saturating_add(params.observe_seconds),
    });
    Ok(())
}
