//! A keeper's two ballot transactions per epoch (docs/design.md section 14): commit its
//! observation, then vote; one account set.

use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{ObservationCommitted, RootFinalized, VoteCast};
use crate::state::{
    ballot_status, check_vote_shape, seeds, BallotVote, EpochBallot, FinalizedRoot, KeeperSet,
    StakingConfig,
};

/// The accounts of a keeper's ballot transactions (commit and vote share them).
#[event_cpi]
#[derive(Accounts)]
#[instruction(epoch: u32)]
pub struct KeeperBallot<'info> {
    /// A keeper's vote key.
    pub vote_key: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, seeds = [seeds::KEEPER_SET, config.key().as_ref()], bump)]
    pub keeper_set: AccountLoader<'info, KeeperSet>,
    #[account(
        mut,
        seeds = [seeds::BALLOT, config.key().as_ref(), &epoch.to_le_bytes()],
        bump,
    )]
    pub ballot: AccountLoader<'info, EpochBallot>,
}

impl KeeperBallot<'_> {
    /// The signer's slot, if it may take part in this ballot now.
    pub fn elector_slot(&self, now: i64) -> Result<usize> {
        self.config.require_not_paused()?;
        let set = self.keeper_set.load()?;
        let slot = set.voter_slot(&self.vote_key.key(), now)?;
        let ballot = self.ballot.load()?;
        require!(ballot.is_open(), StakingError::BallotFinalized);
        require!(
            !set.is_superseded(ballot.epoch),
            StakingError::BallotSuperseded
        );
        require!(
            ballot.electorate & (1 << slot) != 0,
            StakingError::NotInElectorate
        );
        Ok(slot)
    }

    fn validate_commit(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let slot = self.elector_slot(now)?;
        let observe_seconds = self.keeper_set.load()?.params_at(now).observe_seconds;
        let ballot = self.ballot.load()?;
        require!(
            ballot.committed & (1 << slot) == 0,
            StakingError::ObservationAlreadyCommitted
        );
        require!(
            !ballot.observe_phase_over(now, observe_seconds),
            StakingError::ObservePhaseOver
        );
        Ok(())
    }

    fn validate_vote(&self, vote: &BallotVote) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        self.elector_slot(now)?;
        let observe_seconds = self.keeper_set.load()?.params_at(now).observe_seconds;
        let ballot = self.ballot.load()?;
        require!(
            ballot.observe_phase_over(now, observe_seconds),
            StakingError::ObservePhaseOpen
        );
        check_vote_shape(vote, ballot.committed)
    }
}

/// Makes `vote` the ballot's outcome and the latest finalized root (the previous latest is kept
/// as the previous root). Roots only move forward: the callers checked the ballot is newer.
pub fn finalize(
    set: &mut KeeperSet,
    ballot: &mut EpochBallot,
    vote: &BallotVote,
    status: u8,
    now: i64,
) {
    ballot.status = status;
    ballot.winner = *vote;
    ballot.finalized_at = now;
    set.previous_root = set.latest_root;
    set.latest_root = FinalizedRoot {
        root: vote.root,
        epoch: ballot.epoch,
        leaf_count: vote.leaf_count,
    };
}

/// A keeper votes for (root, leaf count, observations merged) once the observe phase is over,
/// or changes its vote while the ballot is open. The vote that brings one such triple to the
/// ballot's quorum finalizes it.
#[access_control(ctx.accounts.validate_vote(&BallotVote::new(root, leaf_count, observations)))]
pub fn cast_vote(
    ctx: Context<KeeperBallot>,
    epoch: u32,
    root: [u8; 32],
    leaf_count: u32,
    observations: u16,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let slot = ctx.accounts.elector_slot(now)?;
    let vote = BallotVote::new(root, leaf_count, observations);
    let config = ctx.accounts.config.key();
    let (changed, votes, finalized) = {
        let mut ballot = ctx.accounts.ballot.load_mut()?;
        let changed = ballot.voted & (1 << slot) != 0 && !ballot.votes[slot].same_as(&vote);
        ballot.votes[slot] = vote;
        ballot.voted |= 1 << slot;
        let votes = ballot.votes_for(&vote);
        let finalized = votes >= u32::from(ballot.quorum);
        if finalized {
            let mut set = ctx.accounts.keeper_set.load_mut()?;
            finalize(
                &mut set,
                &mut ballot,
                &vote,
                ballot_status::FINALIZED_BY_QUORUM,
                now,
            );
            set.invariant(&config)?;
        }
        (changed, votes as u8, finalized)
    };
    emit_cpi!(VoteCast {
        config,
        epoch,
        slot: slot as u8,
        root,
        leaf_count,
        observations,
        changed,
        votes,
    });
    if finalized {
        emit_cpi!(RootFinalized {
            config,
            epoch,
            root,
            leaf_count,
            observations,
            votes,
            by_admin: false,
        });
    }
    Ok(())
}

/// A keeper commits the sha256 of its observation of the epoch (the bitmap it serves at its URL
/// under that hash), once, during the observe phase.
#[access_control(ctx.accounts.validate_commit())]
pub fn commit_observation(
    ctx: Context<KeeperBallot>,
    epoch: u32,
    observation_hash: [u8; 32],
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let slot = ctx.accounts.elector_slot(now)?;
    let mut ballot = ctx.accounts.ballot.load_mut()?;
    ballot.commits[slot] = observation_hash;
    ballot.committed |= 1 << slot;
    drop(ballot);
    emit_cpi!(ObservationCommitted {
        config: ctx.accounts.config.key(),
        epoch,
        slot: slot as u8,
        observation_hash,
    });
    Ok(())
}
