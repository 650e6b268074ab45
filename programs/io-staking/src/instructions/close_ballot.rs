use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::BallotClosed;
use crate::state::{seeds, EpochBallot, KeeperSet, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
#[instruction(epoch: u32)]
pub struct CloseBallot<'info> {
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(seeds = [seeds::KEEPER_SET, config.key().as_ref()], bump)]
    pub keeper_set: AccountLoader<'info, KeeperSet>,
    #[account(
        mut,
        close = opener,
        seeds = [seeds::BALLOT, config.key().as_ref(), &epoch.to_le_bytes()],
        bump,
    )]
    pub ballot: AccountLoader<'info, EpochBallot>,
    /// Receives the rent: must be the key that opened the ballot.
    /// CHECK: compared with `EpochBallot::opener` in `validate`.
    #[account(mut)]
    pub opener: UncheckedAccount<'info>,
}

impl CloseBallot<'_> {
    fn validate(&self) -> Result<()> {
        let ballot = self.ballot.load()?;
        require_keys_eq!(
            self.opener.key(),
            ballot.opener,
            StakingError::AccountMismatch
        );
        let superseded = self.keeper_set.load()?.is_superseded(ballot.epoch);
        require!(
            !ballot.is_open() || superseded,
            StakingError::BallotStillOpen
        );
        Ok(())
    }
}

/// Anyone: closes a ballot that can no longer change (finalized, or behind the latest root) and
/// returns its rent to whoever opened it. Settlement reads roots from the keeper set, never from
/// ballots, so nothing depends on a closed ballot; the events keep its record.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<CloseBallot>, epoch: u32) -> Result<()> {
    emit_cpi!(BallotClosed {
        config: ctx.accounts.config.key(),
        epoch,
        opener: ctx.accounts.opener.key(),
    });
    Ok(())
}
