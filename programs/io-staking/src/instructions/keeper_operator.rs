//! A keeper operator's own settings: its vote key and URL, and the request to unbond, with one
//! account set.

use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::{KeeperInfoSet, KeeperUnbondRequested};
use crate::state::{keeper_unlocks_at, seeds, KeeperSet, StakingConfig, MAX_KEEPER_URL};

#[event_cpi]
#[derive(Accounts)]
pub struct KeeperOperator<'info> {
    pub operator: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, seeds = [seeds::KEEPER_SET, config.key().as_ref()], bump)]
    pub keeper_set: AccountLoader<'info, KeeperSet>,
}

impl KeeperOperator<'_> {
    fn slot(&self) -> Result<usize> {
        self.keeper_set.load()?.operator_slot(&self.operator.key())
    }

    fn validate_info(&self, vote_key: &Pubkey, url: &str) -> Result<()> {
        let slot = self.slot()?;
        require!(url.len() <= MAX_KEEPER_URL, StakingError::KeeperUrlTooLong);
        require!(!url.as_bytes().contains(&0), StakingError::KeeperUrlTooLong);
        let set = self.keeper_set.load()?;
        let taken = set
            .slot_of_vote_key(vote_key)
            .is_some_and(|other| other != slot)
            || set
                .slot_of_operator(vote_key)
                .is_some_and(|other| other != slot);
        require!(
            *vote_key != Pubkey::default() && !taken,
            StakingError::InvalidVoteKey
        );
        Ok(())
    }

    fn validate_unbond(&self) -> Result<()> {
        let slot = self.slot()?;
        require!(
            !self.keeper_set.load()?.keepers[slot].is_unbonding(),
            StakingError::KeeperUnbonding
        );
        Ok(())
    }
}

/// Sets the hot key that signs the keeper's ballot transactions and the URL where it serves
/// observations and proofs. A new vote key takes over at once, also in open ballots.
#[access_control(ctx.accounts.validate_info(&vote_key, &url))]
pub fn set_keeper_info(ctx: Context<KeeperOperator>, vote_key: Pubkey, url: String) -> Result<()> {
    let slot = ctx.accounts.slot()?;
    let config = ctx.accounts.config.key();
    let mut set = ctx.accounts.keeper_set.load_mut()?;
    let keeper = &mut set.keepers[slot];
    keeper.vote_key = vote_key;
    keeper.url = [0; MAX_KEEPER_URL];
    keeper.url[..url.len()].copy_from_slice(url.as_bytes());
    set.invariant(&config)?;
    drop(set);
    emit_cpi!(KeeperInfoSet {
        config,
        operator: ctx.accounts.operator.key(),
        vote_key,
        url,
    });
    Ok(())
}

/// Starts the keeper's unbonding: irreversible, it stops committing and voting at once, and its
/// bond unlocks after the staking cooldown (slashable until withdrawn).
#[access_control(ctx.accounts.validate_unbond())]
pub fn request_keeper_unbond(ctx: Context<KeeperOperator>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let unlocks_at = keeper_unlocks_at(now, &ctx.accounts.config.params_at(now))?;
    let slot = ctx.accounts.slot()?;
    let config = ctx.accounts.config.key();
    let mut set = ctx.accounts.keeper_set.load_mut()?;
    let keeper = &mut set.keepers[slot];
    keeper.unbonding_since = now;
    keeper.unlocks_at = unlocks_at;
    let bonded = keeper.bonded;
    set.invariant(&config)?;
    drop(set);
    emit_cpi!(KeeperUnbondRequested {
        config,
        operator: ctx.accounts.operator.key(),
        bonded,
        unlocks_at,
    });
    Ok(())
}
