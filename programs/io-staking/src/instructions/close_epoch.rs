use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use io_emission::program::IoEmission;
use io_emission::state::EmissionState;

use crate::error::StakingError;
use crate::events::{ClassClose, EpochClosed, EpochsSkipped};
use crate::math::rewards;
use crate::safe_math::{SafeAccumulate, SafeMath};
use crate::state::{seeds, RewardClass, RewardPool, RpwRing, StakingConfig, SETTLEMENT_WINDOW};

#[event_cpi]
#[derive(Accounts)]
pub struct CloseEpoch<'info> {
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(mut, address = config.rpw_ring @ StakingError::AccountMismatch)]
    pub rpw_ring: AccountLoader<'info, RpwRing>,
    #[account(mut, address = config.emission_state @ StakingError::WrongEmissionState)]
    pub emission_state: Box<Account<'info, EmissionState>>,
    #[account(mut, address = config.mint @ StakingError::WrongMint)]
    pub mint: Box<Account<'info, Mint>>,
    #[account(mut, address = config.rewards_vault @ StakingError::WrongVault)]
    pub rewards_vault: Box<Account<'info, TokenAccount>>,
    /// CHECK: io-emission's `#[event_cpi]` authority; io-emission verifies it (a wrong one fails
    /// the CPI with Anchor's `ConstraintSeeds`).
    pub emission_event_authority: UncheckedAccount<'info>,
    pub emission_program: Program<'info, IoEmission>,
    pub token_program: Program<'info, Token>,
}

impl CloseEpoch<'_> {
    fn validate(&self) -> Result<()> {
        self.config.require_not_paused()?;
        require_keys_eq!(
            self.emission_state.distributor,
            self.config.key(),
            StakingError::NotDistributor
        );
        // io-emission only moves forward and only through us while we are its distributor, so
        // it can never be behind the pool.
        require!(
            self.emission_state.last_minted_epoch >= self.reward_pool.last_closed_epoch,
            StakingError::EmissionOutOfSync
        );
        Ok(())
    }

    /// io-emission minted epochs to another distributor meanwhile (its admin moved the
    /// distributor away and back). Those tokens never reached the rewards vault: the pool steps
    /// over the epochs with nothing to distribute, so closing never stalls. Bounded work: only
    /// the last ring-length of them can still be read from the ring.
    fn skip_epochs_minted_elsewhere(&mut self) -> Result<Option<EpochsSkipped>> {
        let pool = &mut self.reward_pool;
        let minted = self.emission_state.last_minted_epoch;
        if minted == pool.last_closed_epoch {
            return Ok(None);
        }
        let from_epoch = pool.last_closed_epoch.safe_add(1)?;
        let mut ring = self.rpw_ring.load_mut()?;
        let oldest_kept = minted.saturating_sub(SETTLEMENT_WINDOW).max(from_epoch);
        for epoch in oldest_kept..=minted {
            for class in RewardClass::ALL {
                ring.record(class, epoch, pool.class(class).reward_per_weight);
            }
        }
        ring.invariant(&self.config.key())?;
        let skipped = minted.safe_sub(pool.last_closed_epoch)?;
        pool.skipped_epochs.add_assign_checked(skipped)?;
        pool.last_closed_epoch = minted;
        Ok(Some(EpochsSkipped {
            from_epoch,
            to_epoch: minted,
        }))
    }
}

/// Permissionless crank: mints the next ended epoch into the rewards vault through io-emission
/// (signed by the config PDA, its distributor), splits it between the reward classes by their
/// shares, and distributes each part over its class's active weight. The
/// accounts are the same whatever the number of devices. io-emission decides whether the epoch
/// has ended (`EpochNotEnded`, `ScheduleComplete` come with its codes, 6000-6099).
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<CloseEpoch>) -> Result<()> {
    if let Some(skipped) = ctx.accounts.skip_epochs_minted_elsewhere()? {
        ctx.accounts.reward_pool.invariant()?;
        emit_cpi!(skipped);
        return Ok(());
    }
    let epoch = ctx.accounts.reward_pool.last_closed_epoch.safe_add(1)?;
    let minted_before = ctx.accounts.emission_state.cumulative_minted;
    let config = &ctx.accounts.config;
    let mint_key = config.mint;
    let signer_seeds: &[&[&[u8]]] = &[&[seeds::STAKING_CONFIG, mint_key.as_ref(), &[config.bump]]];
    io_emission::cpi::mint_epoch(CpiContext::new_with_signer(
        ctx.accounts.emission_program.key(),
        io_emission::cpi::accounts::MintEpoch {
            distributor: config.to_account_info(),
            state: ctx.accounts.emission_state.to_account_info(),
            mint: ctx.accounts.mint.to_account_info(),
            destination: ctx.accounts.rewards_vault.to_account_info(),
            token_program: ctx.accounts.token_program.to_account_info(),
            event_authority: ctx.accounts.emission_event_authority.to_account_info(),
            program: ctx.accounts.emission_program.to_account_info(),
        },
        signer_seeds,
    ))?;

    ctx.accounts.emission_state.reload()?;
    let emission_state = &ctx.accounts.emission_state;
    require_eq!(
        emission_state.last_minted_epoch,
        epoch,
        StakingError::EmissionOutOfSync
    );
    let emission = emission_state.cumulative_minted.safe_sub(minted_before)?;

    // Each class gets its share (the flooring remainder to the first) and advances its own
    // accumulator; a class with no weight keeps its share in its own carry. The shares are
    // those in force when the epoch ended, so a late close never applies a change early.
    let ended_at = io_emission::schedule::epoch_end(emission_state.genesis_timestamp, epoch)
        .map_err(|_| error!(StakingError::EmissionOutOfSync))?;
    let shares = ctx.accounts.config.class_shares_at(ended_at);
    let parts = rewards::split_emission(emission, &shares)?;
    let pool = &mut ctx.accounts.reward_pool;
    let mut classes = [ClassClose::default(); RewardClass::COUNT];
    {
        let mut ring = ctx.accounts.rpw_ring.load_mut()?;
        for class in RewardClass::ALL {
            let i = class.index();
            let mut acc = pool.accumulator(class);
            let reward_per_weight = rewards::close_epoch(&mut acc, parts[i])?;
            pool.store_accumulator(class, &acc);
            pool.classes[i].emitted.add_assign_checked(parts[i])?;
            ring.record(class, epoch, reward_per_weight);
            classes[i] = ClassClose {
                emission: parts[i],
                share_bps: shares[i],
                reward_per_weight,
                total_weight: acc.total_weight,
                carry_scaled: acc.carry_scaled,
                active_devices: pool.classes[i].active_devices,
            };
        }
        ring.invariant(&ctx.accounts.config.key())?;
    }
    pool.last_closed_epoch = epoch;
    pool.total_emitted.add_assign_checked(emission)?;
    pool.invariant()?;

    emit_cpi!(EpochClosed {
        config: ctx.accounts.config.key(),
        epoch,
        emission,
        active_devices: pool.active_devices,
        classes,
    });
    Ok(())
}
