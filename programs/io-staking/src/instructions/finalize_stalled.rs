use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::RootFinalized;
use crate::instructions::keeper_ballot::finalize;
use crate::safe_math::SafeMath;
use crate::state::{
    ballot_status, seeds, BallotVote, EpochBallot, KeeperSet, RewardPool, StakingConfig,
};

#[event_cpi]
#[derive(Accounts)]
#[instruction(epoch: u32)]
pub struct FinalizeStalled<'info> {
    pub admin: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
        has_one = admin @ StakingError::UnauthorizedAdmin,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(mut, seeds = [seeds::KEEPER_SET, config.key().as_ref()], bump)]
    pub keeper_set: AccountLoader<'info, KeeperSet>,
    #[account(
        mut,
        seeds = [seeds::BALLOT, config.key().as_ref(), &epoch.to_le_bytes()],
        bump,
    )]
    pub ballot: AccountLoader<'info, EpochBallot>,
}

impl FinalizeStalled<'_> {
    fn validate(&self, epoch: u32, vote: &BallotVote) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let set = self.keeper_set.load()?;
        let ballot = self.ballot.load()?;
        require!(ballot.is_open(), StakingError::BallotFinalized);
        require!(!set.is_superseded(epoch), StakingError::BallotSuperseded);
        // Stalled: `stall_epochs` closes since this epoch, and nothing finalized since.
        let stall_epochs = set.params_at(now).stall_epochs;
        require!(
            self.reward_pool.last_closed_epoch >= epoch.safe_add(stall_epochs)?,
            StakingError::NotStalled
        );
        require!(ballot.was_voted(vote), StakingError::RootNotVoted);
        Ok(())
    }
}

/// The stall rule: when no root has reached the quorum for `stall_epochs` closes, the admin may
/// finalize one of the roots keepers voted for on this ballot, never a new one. Devices settle
/// again; the quorum's next ballot supersedes it.
#[access_control(ctx.accounts.validate(epoch, &BallotVote::new(root, leaf_count, observations)))]
pub fn handler(
    ctx: Context<FinalizeStalled>,
    epoch: u32,
    root: [u8; 32],
    leaf_count: u32,
    observations: u16,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let vote = BallotVote::new(root, leaf_count, observations);
    let config = ctx.accounts.config.key();
    let votes = {
        let mut ballot = ctx.accounts.ballot.load_mut()?;
        let mut set = ctx.accounts.keeper_set.load_mut()?;
        let votes = ballot.votes_for(&vote) as u8;
        finalize(
            &mut set,
            &mut ballot,
            &vote,
            ballot_status::FINALIZED_BY_ADMIN,
            now,
        );
        set.invariant(&config)?;
        votes
    };
    emit_cpi!(RootFinalized {
        config,
        epoch,
        root,
        leaf_count,
        observations,
        votes,
        by_admin: true,
    });
    Ok(())
}
