use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::KeeperCaseOpened;
use crate::safe_math::{SafeAccumulate, SafeMath};
use crate::state::{seeds, CaseStatus, KeeperCase, KeeperSet, SlashReason, StakingConfig};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct OpenKeeperCaseArgs {
    /// `KeeperSet.cases_opened`: the new case's id and address seed.
    pub case_id: u64,
    pub slot: u8,
    pub amount: u64,
    pub reason: SlashReason,
    pub evidence_hash: [u8; 32],
}

#[event_cpi]
#[derive(Accounts)]
#[instruction(args: OpenKeeperCaseArgs)]
pub struct OpenKeeperCase<'info> {
    #[account(mut)]
    pub slasher: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, seeds = [seeds::KEEPER_SET, config.key().as_ref()], bump)]
    pub keeper_set: AccountLoader<'info, KeeperSet>,
    #[account(
        init,
        payer = slasher,
        space = KeeperCase::SIZE,
        seeds = [seeds::KEEPER_CASE, config.key().as_ref(), &args.case_id.to_le_bytes()],
        bump,
    )]
    pub case: Box<Account<'info, KeeperCase>>,
    pub system_program: Program<'info, System>,
}

impl OpenKeeperCase<'_> {
    fn validate(&self, args: &OpenKeeperCaseArgs) -> Result<()> {
        let slashing = self.config.slashing_at(Clock::get()?.unix_timestamp);
        let set = self.keeper_set.load()?;
        require!(
            args.case_id == set.cases_opened,
            StakingError::AccountMismatch
        );
        let keeper = set
            .keepers
            .get(args.slot as usize)
            .filter(|k| !k.is_free())
            .ok_or_else(|| error!(StakingError::NotKeeper))?;
        slashing.check_opening(&self.slasher.key(), args.amount, keeper.bonded)
    }
}

/// Slasher: opens a case against a keeper (a bond backs what it vouches for). The amount moves
/// from its bond into escrow at once, still in the keeper vault; an unbonding keeper is slashable
/// until it withdraws. Then as for a device: the operator may appeal within the appeal period,
/// the arbiter rules, or the case is executed or lapses.
#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<OpenKeeperCase>, args: OpenKeeperCaseArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config_key = ctx.accounts.config.key();
    let slashing = ctx.accounts.config.slashing_at(now);
    let appeal_deadline = now.safe_add(slashing.params.appeal_period_seconds)?;
    let ruling_deadline = appeal_deadline.safe_add(slashing.params.ruling_window_seconds)?;
    let operator = {
        let mut set = ctx.accounts.keeper_set.load_mut()?;
        let keeper = &mut set.keepers[args.slot as usize];
        keeper.bonded = keeper.bonded.safe_sub(args.amount)?;
        keeper.escrowed.add_assign_checked(args.amount)?;
        keeper.cases_opened.add_assign_checked(1)?;
        let operator = keeper.operator;
        set.total_bonded = set.total_bonded.safe_sub(args.amount)?;
        set.total_escrowed.add_assign_checked(args.amount)?;
        set.cases_opened.add_assign_checked(1)?;
        set.invariant(&config_key)?;
        operator
    };
    let case = &mut ctx.accounts.case;
    case.version = KeeperCase::VERSION;
    case.bump = ctx.bumps.case;
    case.config = config_key;
    case.operator = operator;
    case.slot = args.slot;
    case.arbiter = slashing.arbiter;
    case.case_id = args.case_id;
    case.reason = args.reason;
    case.evidence_hash = args.evidence_hash;
    case.amount = args.amount;
    case.status = CaseStatus::Open;
    case.opened_at = now;
    case.appeal_deadline = appeal_deadline;
    case.ruling_deadline = ruling_deadline;
    emit_cpi!(KeeperCaseOpened {
        config: config_key,
        case: case.key(),
        operator,
        slot: args.slot,
        amount: args.amount,
        reason: args.reason,
        evidence_hash: args.evidence_hash,
        appeal_deadline,
    });
    Ok(())
}
